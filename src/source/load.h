/* Command-line sources into a library: article files and folders of them. */
#ifndef AKHBAR_SOURCE_LOAD_H
#define AKHBAR_SOURCE_LOAD_H

#include <stddef.h>

#include "model/library.h"
#include "source/fetch.h"

/* Add every article named by paths to lib: an article file is one
 * article, a feed file (told by its first bytes) adds its items, a folder
 * adds its regular files in name order (hidden files skipped), and an
 * http, https or file URL is fetched and read as a feed.  A path that
 * can't be read or holds nothing usable is reported on stderr as
 * "akhbar: PATH: message" and counted.  Returns the number of failures. */
size_t source_load_paths(struct library *lib, char *const *paths, size_t n);

/* The same, fetching URLs with fetch's timeouts and size cap (its
 * callbacks are ignored); NULL: the defaults. */
size_t source_load(struct library *lib, char *const *paths, size_t n,
                   const struct fetch_options *fetch);

/* The bundled sample folder: ./seeds beside the binary in a build tree,
 * else $(pkgdatadir)/seeds.  Returns a new string. */
char *source_default_seeds(void);

#endif
