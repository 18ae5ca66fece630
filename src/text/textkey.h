/* Text keys for matching (never for display). */
#ifndef AKHBAR_TEXT_TEXTKEY_H
#define AKHBAR_TEXT_TEXTKEY_H

#include <stddef.h>

/* A key under which spellings a reader takes as the same text compare
 * equal: NFKC, case folded, Arabic/Persian yeh and kaf unified, harakat,
 * tatweel, ZWNJ and ZWJ dropped, runs of spaces collapsed and trimmed.
 * Invalid UTF-8 becomes U+FFFD.  Returns a new NUL-terminated string. */
char *text_key(const char *text, size_t len);

#endif
