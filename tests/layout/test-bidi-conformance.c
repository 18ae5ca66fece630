/* Unicode's BidiCharacterTest.txt through the layout's own bidi steps:
 * whole-paragraph levels, then the per-row reordering with each test line
 * as one row.  Every line must pass. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/bidi.h"

#define TEST_FILE "/usr/share/unicode/BidiCharacterTest.txt"
#define MAX_CPS   256

/* The test file marks with x the characters rule X9 removes. */
#define REMOVED (-1)

static size_t parse_hex_list(char *s, uint32_t *out)
{
	size_t n = 0;
	char *end;

	for (;;) {
		unsigned long v = strtoul(s, &end, 16);
		if (end == s || n == MAX_CPS)
			return n;
		out[n++] = (uint32_t)v;
		s = end;
	}
}

/* One test line; returns whether it passed, printing why not. */
static bool run_line(char *line, unsigned lineno)
{
	char *field[5];
	uint32_t cp[MAX_CPS];
	int want_level[MAX_CPS];
	long want_order[MAX_CPS];
	FriBidiCharType types[MAX_CPS];
	FriBidiBracketType btypes[MAX_CPS];
	FriBidiLevel levels[MAX_CPS], rowlev[MAX_CPS];
	FriBidiStrIndex map[MAX_CPS];

	for (int k = 0; k < 5; k++) {
		field[k] = strsep(&line, ";");
		if (!field[k]) {
			printf("line %u: too few fields\n", lineno);
			return false;
		}
	}
	size_t n = parse_hex_list(field[0], cp);
	int dir = atoi(field[1]);
	int want_par = atoi(field[2]);

	size_t nl = 0;
	for (char *tok = strtok(field[3], " \n"); tok;
	     tok = strtok(NULL, " \n"))
		if (nl < MAX_CPS)
			want_level[nl++] = *tok == 'x' ? REMOVED : atoi(tok);
	size_t no = 0;
	for (char *tok = strtok(field[4], " \n"); tok;
	     tok = strtok(NULL, " \n"))
		if (no < MAX_CPS)
			want_order[no++] = atol(tok);
	if (n == 0 || nl != n) {
		printf("line %u: malformed\n", lineno);
		return false;
	}

	FriBidiParType base = dir == 0   ? FRIBIDI_PAR_LTR
	                      : dir == 1 ? FRIBIDI_PAR_RTL
	                                 : FRIBIDI_PAR_ON;
	lay_bidi_levels(cp, n, &base, types, btypes, levels);
	/* The test file applies no rule L3. */
	lay_bidi_reorder_row(types, levels, 0, n, base, false, rowlev, map);

	if ((base == FRIBIDI_PAR_RTL) != (want_par == 1)) {
		printf("line %u: paragraph level %d, want %d\n", lineno,
		       base == FRIBIDI_PAR_RTL, want_par);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (want_level[i] != REMOVED && rowlev[i] != want_level[i]) {
			printf("line %u: level of character %zu is %d, want "
			       "%d\n",
			       lineno, i, rowlev[i], want_level[i]);
			return false;
		}
	}
	size_t k = 0;
	for (size_t v = 0; v < n; v++) {
		size_t i = (size_t)map[v];
		if (want_level[i] == REMOVED)
			continue;
		if (k >= no || want_order[k] != (long)i) {
			printf("line %u: visual position %zu holds character "
			       "%zu\n",
			       lineno, k, i);
			return false;
		}
		k++;
	}
	if (k != no) {
		printf("line %u: %zu characters shown, want %zu\n", lineno, k,
		       no);
		return false;
	}
	return true;
}

int main(void)
{
	FILE *f = fopen(TEST_FILE, "r");
	char line[8192];
	unsigned lineno = 0, total = 0, passed = 0;

	if (!f) {
		perror(TEST_FILE);
		return 1;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		total++;
		passed += run_line(line, lineno);
	}
	fclose(f);
	printf("BidiCharacterTest.txt: %u of %u lines pass (%.2f%%)\n", passed,
	       total, total ? 100.0 * passed / total : 0.0);
	return total > 90000 && passed == total ? 0 : 1;
}
