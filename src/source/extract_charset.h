/* The encoding of a web page, settled as a browser settles it (the WHATWG
 * HTML and Encoding standards): a byte order mark first, then the HTTP
 * Content-Type charset, then a <meta> in the page's first 1024 bytes, and
 * for a page that declares nothing, a guess among UTF-8, windows-1256,
 * ISO-8859-6, windows-1255 and ISO-8859-8 from the bytes themselves. */
#ifndef AKHBAR_SOURCE_EXTRACT_CHARSET_H
#define AKHBAR_SOURCE_EXTRACT_CHARSET_H

#include <stddef.h>

/* The iconv name of an encoding label ("latin1", "UTF-8", " cp1256 "),
 * labels as the Encoding Standard reads them (iso-8859-1 and us-ascii are
 * windows-1252); a label it does not list is kept when iconv knows it.
 * NULL when unknown.  The name lives as long as the process. */
const char *extract_charset_label(const char *label, size_t len);

/* The iconv name of page's encoding.  http_charset is the charset
 * parameter of the HTTP Content-Type, or NULL.  *bom gets the length of a
 * byte order mark to skip (0 when none). */
const char *extract_charset(const char *page, size_t len,
                            const char *http_charset, size_t *bom);

/* page (without its byte order mark) decoded from charset into valid
 * UTF-8, NUL-terminated, its length in *out_len: a byte that is not
 * valid in the encoding becomes U+FFFD.  The caller frees it. */
char *extract_to_utf8(const char *page, size_t len, const char *charset,
                      size_t *out_len);

#endif
