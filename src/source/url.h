/* Telling URLs from paths. */
#ifndef AKHBAR_SOURCE_URL_H
#define AKHBAR_SOURCE_URL_H

#include <stdbool.h>

/* Whether s starts with "scheme://" (RFC 3986 scheme characters); anything
 * else is taken for a path to a local file. */
bool url_has_scheme(const char *s);

/* Whether s is an address akhbar fetches rather than a path it reads:
 * http://, https:// or file:// (any case). */
bool url_is_fetched(const char *s);

#endif
