/* The layout engine: one paragraph of text in, rows of cells in visual
 * order out.  Knows nothing of curses; see ../shared/RTL.md for the rules
 * (decode, whole-paragraph levels, shaping, UAX #14 breaking, per-row
 * reordering, Cf dropped at emit, RTL rows right-aligned). */
#ifndef AKHBAR_LAYOUT_LAYOUT_H
#define AKHBAR_LAYOUT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/words.h"

enum lay_direction {
	LAY_DIR_AUTO, /* from the first strong character (P2, P3); LTR if none
	               */
	LAY_DIR_LTR,
	LAY_DIR_RTL,
};

struct lay_options {
	int width;    /* columns of a row, >= 1 */
	bool shaping; /* Arabic presentation forms (default on) */
	bool visual;  /* true: visual order (the app does bidi);
	                 false: logical order, for terminals
	                 that do their own bidi */
	enum lay_direction direction; /* paragraph base direction */
};

/* Defaults: width 80, shaping on, visual order, direction auto. */
struct lay_options lay_options_default(void);

/* Most code points one cell holds: a base and its combining marks. */
#define LAY_CELL_CHARS 6

/* One screen cell; a wide character is one cell of width 2. */
struct lay_cell {
	uint32_t ch[LAY_CELL_CHARS]; /* base, then marks; never a control */
	uint8_t nch;                 /* code points used in ch, >= 1 */
	uint8_t width;               /* columns: 1 or 2 */
	uint32_t offset;             /* byte offset in the paragraph's input of
	                                the base character (for highlighting) */
};

/* One row of a paragraph, cells left to right as they are drawn. */
struct lay_row {
	struct lay_cell *cells;
	size_t ncells;
	int columns;       /* sum of the cells' widths, <= the layout width */
	bool align_right;  /* RTL paragraph: the row ends at the right edge */
	size_t start, end; /* byte range of the input the row covers */
};

/* A laid-out paragraph: its rows, top to bottom. */
struct lay_paragraph {
	struct lay_row *rows;
	size_t nrows; /* >= 1: an empty paragraph is one empty row */
	bool rtl;     /* the resolved base direction */
	int width;    /* the width it was laid out for */
};

/* Lay out one paragraph of any bytes (invalid UTF-8 shows as U+FFFD).
 * The caller owns the result; free it with lay_paragraph_free(). */
struct lay_paragraph *lay_paragraph_new(const char *text, size_t len,
                                        const struct lay_options *opt);

/* Free a paragraph and its rows; NULL is allowed. */
void lay_paragraph_free(struct lay_paragraph *par);

/* Fit one paragraph into a single row of at most opt->width columns: when
 * too long the logical text is cut and an ellipsis put at its logical end
 * (for an RTL headline it shows at the left).  Free with lay_row_free(). */
struct lay_row *lay_headline_new(const char *text, size_t len,
                                 const struct lay_options *opt);

/* Free a row made by lay_headline_new(); NULL is allowed. */
void lay_row_free(struct lay_row *row);

/* Which cells of a row show the bytes [start, end) of one of the ranges
 * (byte offsets in the input the row was laid out from, sorted, not
 * overlapping, as text_query_find() gives them): marked[i] for each of
 * the row's cells.  A cell goes by its base character's offset, so the
 * cells found are the right ones in visual order, inside RTL rows too.
 * Returns how many cells are marked. */
size_t lay_row_mark_ranges(const struct lay_row *row,
                           const struct text_range *ranges, size_t nranges,
                           bool *marked);

/* The row as UTF-8 text for a width-column line: right-aligned rows get
 * leading spaces, no row gets trailing ones.  Caller frees. */
char *lay_row_text(const struct lay_row *row, int width);

/* The resolved embedding levels of a paragraph laid out with opt, one per
 * code point of its text as lay_paragraph_new() decodes it (invalid
 * UTF-8 as U+FFFD, controls dropped); *n gets their count.  For tests and
 * cross-checks with other bidi implementations.  Caller frees. */
uint8_t *lay_paragraph_levels(const char *text, size_t len,
                              const struct lay_options *opt, size_t *n);

#endif
