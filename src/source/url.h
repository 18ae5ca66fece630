/* Telling URLs from paths. */
#ifndef AKHBAR_SOURCE_URL_H
#define AKHBAR_SOURCE_URL_H

#include <stdbool.h>

/* Whether s starts with "scheme://" (RFC 3986 scheme characters); anything
 * else is taken for a path to a local file. */
bool url_has_scheme(const char *s);

#endif
