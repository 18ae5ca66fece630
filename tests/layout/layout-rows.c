/* Print how akhbar lays out each paragraph (line) of a file, for the ICU
 * cross-check: usage `layout-rows FILE MINWIDTH MAXWIDTH`.  For every
 * paragraph once:
 *   P index rtl ncodepoints
 *   L level level ...        (resolved level of each code point)
 * then for every width and row:
 *   R width start end col idx idx ...
 * where start and end are the row's code point range and the idx are the
 * code point indices of the cells' base characters in visual order. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "text/decode.h"
#include "util/xalloc.h"

/* Index of the code point at byte offset b (off is ascending). */
static size_t index_of(const uint32_t *off, size_t n, size_t b)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (off[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int print_paragraph(const char *text, size_t len, size_t index, int minw,
                           int maxw)
{
	struct lay_options opt = lay_options_default();
	uint32_t *cp = xreallocarray(NULL, len + 1, sizeof *cp);
	uint32_t *off = xreallocarray(NULL, len + 1, sizeof *off);
	size_t n = text_decode(text, len, cp, off), nl;
	uint8_t *levels = lay_paragraph_levels(text, len, &opt, &nl);
	int bad = 0;

	opt.width = minw;
	struct lay_paragraph *par = lay_paragraph_new(text, len, &opt);
	printf("P %zu %d %zu\nL", index, par->rtl, n);
	for (size_t i = 0; i < nl; i++)
		printf(" %d", levels[i]);
	printf("\n");
	lay_paragraph_free(par);

	for (int w = minw; w <= maxw; w++) {
		opt.width = w;
		par = lay_paragraph_new(text, len, &opt);
		for (size_t r = 0; r < par->nrows; r++) {
			const struct lay_row *row = &par->rows[r];
			printf("R %d %zu %zu %d", w,
			       index_of(off, n, row->start),
			       index_of(off, n, row->end), row->columns);
			for (size_t k = 0; k < row->ncells; k++)
				printf(" %zu",
				       index_of(off, n, row->cells[k].offset));
			printf("\n");
			if (row->columns > w)
				bad = 1;
		}
		lay_paragraph_free(par);
	}
	free(levels);
	free(cp);
	free(off);
	return bad;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: layout-rows FILE MINWIDTH MAXWIDTH\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	int minw = atoi(argv[2]), maxw = atoi(argv[3]), bad = 0;
	char *line = NULL;
	size_t cap = 0, index = 0;
	ssize_t got;
	while ((got = getline(&line, &cap, f)) > 0) {
		size_t len = (size_t)got;
		if (line[len - 1] == '\n')
			len--;
		bad |= print_paragraph(line, len, index++, minw, maxw);
	}
	free(line);
	fclose(f);
	return bad;
}
