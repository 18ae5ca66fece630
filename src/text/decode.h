/* Strict UTF-8 decoding of untrusted text for display. */
#ifndef AKHBAR_TEXT_DECODE_H
#define AKHBAR_TEXT_DECODE_H

#include <stddef.h>
#include <stdint.h>

/* Decode len bytes of s into code points: each maximal invalid subpart
 * (RFC 3629: overlongs, surrogates, beyond U+10FFFF, truncated) becomes
 * one U+FFFD; TAB, LF, VT, FF, CR, U+2028 and U+2029 become a space; all
 * other C0 controls, DEL and C1 (U+0080..U+009F) are dropped, so nothing
 * decoded can drive a terminal.  cp and off must have room for len
 * entries; off[i] gets the byte offset of cp[i]'s first byte.  Returns
 * the number of code points. */
size_t text_decode(const char *s, size_t len, uint32_t *cp, uint32_t *off);

#endif
