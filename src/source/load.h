/* Command-line sources into a library: article files and folders of them. */
#ifndef AKHBAR_SOURCE_LOAD_H
#define AKHBAR_SOURCE_LOAD_H

#include <stddef.h>

#include "model/library.h"

/* Add every article named by paths to lib: a file is one article, a folder
 * adds its regular files in name order (hidden files skipped).  A path that
 * can't be read or holds nothing usable is reported on stderr as
 * "akhbar: PATH: message" and counted.  Returns the number of failures. */
size_t source_load_paths(struct library *lib, char *const *paths, size_t n);

/* The bundled sample folder: ./seeds beside the binary in a build tree,
 * else $(pkgdatadir)/seeds.  Returns a new string. */
char *source_default_seeds(void);

#endif
