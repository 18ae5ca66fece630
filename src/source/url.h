/* Telling URLs from paths, and resolving relative ones. */
#ifndef AKHBAR_SOURCE_URL_H
#define AKHBAR_SOURCE_URL_H

#include <stdbool.h>

/* Whether s starts with "scheme://" (RFC 3986 scheme characters); anything
 * else is taken for a path to a local file. */
bool url_has_scheme(const char *s);

/* Whether s is an address akhbar fetches rather than a path it reads:
 * http://, https:// or file:// (any case). */
bool url_is_fetched(const char *s);

/* url resolved against base (either may be relative; base may be NULL), as
 * a browser reads an href: spaces, controls and non-ASCII bytes are
 * percent-encoded first.  The caller frees it. */
char *url_resolve(const char *url, const char *base);

#endif
