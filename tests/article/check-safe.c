/* Reads --dump output on stdin and fails on anything a terminal would
 * act on or show wrongly: a control byte other than a newline (a form
 * feed only as a line of its own), DEL, invalid UTF-8, a C1 control
 * (U+0080..U+009F) or a format character (bidi controls, ZWNJ, BOM...)
 * that the layout should have dropped. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unictype.h>
#include <unistr.h>

int main(void)
{
	size_t cap = 1 << 16, len = 0, n;
	uint8_t *buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len, stdin)) > 0)
		if ((len += n) == cap)
			buf = realloc(buf, cap *= 2);
	if (!buf || ferror(stdin)) {
		fputs("check-safe: cannot read stdin\n", stderr);
		return 99;
	}
	size_t line = 1;
	size_t i = 0;
	while (i < len) {
		ucs4_t uc;
		int k = u8_mbtoucr(&uc, buf + i, len - i);
		const char *bad = NULL;
		if (k < 0) {
			bad = "invalid UTF-8";
			uc = buf[i];
			k = 1;
		} else if (uc == '\f') {
			bool alone = (i == 0 || buf[i - 1] == '\n') &&
			             i + 1 < len && buf[i + 1] == '\n';
			if (!alone)
				bad = "a form feed inside a line";
		} else if ((uc < 0x20 && uc != '\n') || uc == 0x7F) {
			bad = "a control character";
		} else if (uc >= 0x80 && uc <= 0x9F) {
			bad = "a C1 control";
		} else if (uc_is_general_category(uc, UC_CATEGORY_Cf)) {
			bad = "a format character";
		}
		if (bad) {
			fprintf(stderr,
			        "check-safe: line %zu, byte %zu: %s (U+%04X)\n",
			        line, i, bad, (unsigned)uc);
			free(buf);
			return 1;
		}
		line += uc == '\n';
		i += (size_t)k;
	}
	free(buf);
	return 0;
}
