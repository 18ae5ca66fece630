/* The check every test of output to a terminal makes: no byte a terminal
 * acts on.  Shared by tests/text/check-terminal (for shell tests) and the
 * fuzz tests. */
#ifndef AKHBAR_TESTS_TERMINAL_SAFE_H
#define AKHBAR_TESTS_TERMINAL_SAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* NULL when the len bytes of s hold no control byte other than '\n' (and
 * '\t' when tabs), no DEL, no ESC and no C1 control (U+0080..U+009F, as
 * C2 80..C2 9F, or a byte 0x80..0x9F right after an ASCII one); else what was
 * found, with its byte offset in *at. */
static inline const char *terminal_unsafe(const char *s, size_t len, bool tabs,
                                          size_t *at)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		*at = i;
		if (u[i] == 0x1B)
			return "ESC";
		if (u[i] == 0x7F)
			return "DEL";
		if (u[i] < 0x20 && u[i] != '\n' && !(tabs && u[i] == '\t'))
			return "a C0 control";
		if (u[i] == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 &&
		    u[i + 1] <= 0x9F)
			return "a C1 control";
		if (u[i] >= 0x80 && u[i] <= 0x9F && (i == 0 || u[i - 1] < 0x80))
			return "a raw C1 byte";
	}
	return NULL;
}

#endif
