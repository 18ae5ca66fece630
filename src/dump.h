/* `akhbar --dump`: articles printed as the article view shows them. */
#ifndef AKHBAR_DUMP_H
#define AKHBAR_DUMP_H

#include <stdio.h>

#include "layout/layout.h"
#include "model/library.h"
#include "store/cache.h"

/* Print every article of lib laid out with opt, one screen row per line,
 * articles separated by a line holding only a form feed.  Returns 0, or 1
 * when writing failed. */
int dump_library(FILE *out, const struct library *lib,
                 const struct lay_options *opt);

/* Print every item of the cache the same way: feed by feed in the feed
 * list's order, each feed's items newest first, one item in memory at a
 * time.  Returns 0, or 1 when reading the cache or writing failed. */
int dump_cache(FILE *out, struct cache *cache, const struct lay_options *opt);

#endif
