/* `akhbar --dump`: articles printed as the article view shows them. */
#ifndef AKHBAR_DUMP_H
#define AKHBAR_DUMP_H

#include <stdio.h>

#include "layout/layout.h"
#include "model/library.h"

/* Print every article of lib laid out with opt, one screen row per line,
 * articles separated by a line holding only a form feed.  Returns 0, or 1
 * when writing failed. */
int dump_library(FILE *out, const struct library *lib,
                 const struct lay_options *opt);

#endif
