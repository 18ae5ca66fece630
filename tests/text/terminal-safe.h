/* The check every test of output to a terminal makes: no byte a terminal
 * acts on.  Shared by tests/text/check-terminal (for shell tests) and the
 * fuzz tests. */
#ifndef AKHBAR_TESTS_TERMINAL_SAFE_H
#define AKHBAR_TESTS_TERMINAL_SAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <unistr.h>

/* NULL when the len bytes of s are valid UTF-8 with no control character
 * other than '\n' (and '\t' when tabs): no other C0, no ESC, no DEL, no
 * C1 (U+0080..U+009F; a raw byte 0x9B is invalid UTF-8, and a CSI to an
 * 8-bit terminal).  Else what was found, with its byte offset in *at. */
static inline const char *terminal_unsafe(const char *s, size_t len,
                                          bool tabs, size_t *at)
{
	const uint8_t *u = (const uint8_t *)s;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		int n = u8_mbtoucr(&c, u + i, len - i);
		*at = i;
		if (n < 0)
			return "invalid UTF-8";
		if (c == 0x1B)
			return "ESC";
		if (c == 0x7F)
			return "DEL";
		if (c < 0x20 && c != '\n' && !(tabs && c == '\t'))
			return "a C0 control";
		if (c >= 0x80 && c <= 0x9F)
			return "a C1 control";
		i += (size_t)n;
	}
	return NULL;
}

#endif
