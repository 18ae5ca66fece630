/* `akhbar --extract`: a web page's article in the article file format. */
#ifndef AKHBAR_EXTRACT_CMD_H
#define AKHBAR_EXTRACT_CMD_H

#include <stddef.h>

#include "source/fetch.h"

/* Extract the article of the one page named in args (a file, or an http,
 * https or file URL fetched with fetch's settings) and print it to stdout
 * as an article file.  base_url (or NULL) is the page's address for its
 * relative links; a fetched page's own address is used when it is NULL.
 * Returns 0 when an article was found, 1 when the page holds none (why is
 * said on stderr), 2 on an error. */
int extract_main(char *const *args, size_t nargs, const char *base_url,
                 const struct fetch_options *fetch);

#endif
