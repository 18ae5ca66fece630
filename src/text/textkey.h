/* Text keys for matching (never for display). */
#ifndef AKHBAR_TEXT_TEXTKEY_H
#define AKHBAR_TEXT_TEXTKEY_H

#include <stddef.h>

/* A key under which spellings a reader takes as the same text compare
 * equal: NFKC, case folded; Arabic/Persian letter variants unified (yeh,
 * kaf, teh marbuta and heh, alef with hamza or madda and bare alef, hamza
 * seats); harakat, Hebrew points and cantillation, tatweel, ZWNJ, ZWJ and
 * other invisible characters dropped; Persian and Arabic-Indic digits made
 * Latin; runs of spaces collapsed and trimmed. A space stays a space, so
 * "آتش بس" and "آتشبس" differ here (searching bridges them; see
 * text/find.h). Invalid UTF-8 becomes U+FFFD. Returns a new
 * NUL-terminated string. */
char *text_key(const char *text, size_t len);

/* The same key made the long way, with libunistring's case folding and
 * NFKC for every text: text_key() skips them for text they would not
 * change, and the tests check it agrees with this. */
char *text_key_reference(const char *text, size_t len);

#endif
