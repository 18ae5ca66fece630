/* Unicode's LineBreakTest.txt against akhbar's breaker and against
 * libunistring alone: akhbar's must pass more lines. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/linebreak.h"

#define TEST_FILE "/usr/share/unicode/auxiliary/LineBreakTest.txt"
#define MAX_CPS   256

/* Parse "cp (÷|×) cp ... ÷" into cp[] and the expected answer before
 * each; returns the count, 0 for a comment or blank line. */
static size_t parse(char *line, uint32_t *cp, bool *expect)
{
	char *hash = strchr(line, '#');
	size_t n = 0;

	if (hash)
		*hash = '\0';
	for (char *p = line; *p;) {
		if (!strncmp(p, "\xC3\xB7", 2) || !strncmp(p, "\xC3\x97", 2)) {
			if (n > 0 && n <= MAX_CPS)
				expect[n] = p[1] == '\xB7';
			p += 2;
		} else if (*p == ' ' || *p == '\t' || *p == '\n' ||
		           *p == '\r') {
			p++;
		} else {
			char *end;
			unsigned long v = strtoul(p, &end, 16);
			if (end == p || n == MAX_CPS) {
				fprintf(stderr, "bad test line: %s\n", line);
				exit(1);
			}
			cp[n++] = (uint32_t)v;
			p = end;
		}
	}
	return n;
}

static bool agrees(const char *brk, const bool *expect, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if ((brk[i] != LB_NONE) != expect[i])
			return false;
	return true;
}

int main(void)
{
	FILE *f = fopen(TEST_FILE, "r");
	char line[4096];
	uint32_t cp[MAX_CPS];
	bool expect[MAX_CPS + 1];
	char brk[MAX_CPS];
	unsigned total = 0, ours = 0, theirs = 0;
	bool verbose = getenv("VERBOSE") != NULL;

	if (!f) {
		perror(TEST_FILE);
		return 1;
	}
	while (fgets(line, sizeof line, f)) {
		char copy[sizeof line];
		strcpy(copy, line);
		size_t n = parse(line, cp, expect);
		if (n == 0)
			continue;
		total++;
		lay_linebreaks_unistring(cp, n, brk);
		theirs += agrees(brk, expect, n);
		lay_linebreaks(cp, n, brk);
		if (agrees(brk, expect, n))
			ours++;
		else if (verbose)
			printf("fail: %s", copy);
	}
	fclose(f);
	if (total < 7000) {
		printf("FAIL: only %u test lines read\n", total);
		return 1;
	}
	printf("LineBreakTest.txt: %u lines\n", total);
	printf("  akhbar:       %u passed, %.2f%%\n", ours,
	       100.0 * ours / total);
	printf("  libunistring: %u passed, %.2f%%\n", theirs,
	       100.0 * theirs / total);
	if (ours <= theirs) {
		printf("FAIL: akhbar's breaker does not beat libunistring\n");
		return 1;
	}
	return 0;
}
