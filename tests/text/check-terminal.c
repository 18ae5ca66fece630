/* check-terminal [--tabs]: fails (status 1, the reason on stderr) when
 * stdin holds a byte a terminal would act on (see terminal-safe.h), and
 * when a line leaves a bidi embedding or isolate open. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/terminal-safe.h"

/* Open embeddings and isolates at the end of each line: U+202A/B/D/E are
 * closed by U+202C, U+2066..8 by U+2069. */
static const char *unbalanced(const char *s, size_t len, size_t *at)
{
	int open = 0;
	for (size_t i = 0; i < len; i++) {
		*at = i;
		if (s[i] == '\n') {
			if (open)
				return "a bidi control left open";
			continue;
		}
		if (i + 2 >= len || s[i] != '\xE2')
			continue;
		const char *t = s + i;
		if (!memcmp(t, "\xE2\x80\xAA", 3) ||
		    !memcmp(t, "\xE2\x80\xAB", 3) ||
		    !memcmp(t, "\xE2\x80\xAD", 3) ||
		    !memcmp(t, "\xE2\x80\xAE", 3) ||
		    !memcmp(t, "\xE2\x81\xA6", 3) ||
		    !memcmp(t, "\xE2\x81\xA7", 3) ||
		    !memcmp(t, "\xE2\x81\xA8", 3))
			open++;
		else if (open > 0 && (!memcmp(t, "\xE2\x80\xAC", 3) ||
		                      !memcmp(t, "\xE2\x81\xA9", 3)))
			open--;
	}
	return open ? "a bidi control left open" : NULL;
}

int main(int argc, char **argv)
{
	bool tabs = argc > 1 && !strcmp(argv[1], "--tabs");
	size_t len = 0;
	char *in = read_whole("/dev/stdin", &len);
	if (!in) {
		fputs("check-terminal: cannot read stdin\n", stderr);
		return 99;
	}
	size_t at = 0;
	const char *bad = terminal_unsafe(in, len, tabs, &at);
	if (!bad)
		bad = unbalanced(in, len, &at);
	if (bad)
		fprintf(stderr, "check-terminal: byte %zu: %s\n", at, bad);
	free(in);
	return bad ? 1 : 0;
}
