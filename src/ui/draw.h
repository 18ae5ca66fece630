/* Drawing: the only module of akhbar that writes to the curses screen.
 * Content is drawn only as cells of laid-out rows (never as raw bytes), so
 * nothing a feed holds can reach the terminal as a control sequence. */
#ifndef AKHBAR_UI_DRAW_H
#define AKHBAR_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>

#include "layout/layout.h"
#include "ui/roles.h"

/* Columns.  Views place everything in logical columns: column x counts
 * from the start of the row, and a field [x, x + width) is a span of
 * them.  The interface's direction, set once here, turns them into
 * screen columns: left to right, column x is screen column x; right to
 * left, the field lands at [COLS - x - width, COLS - x), so the start of
 * a row is its right edge.  Laid-out text keeps its own visual order
 * inside its field. */
enum ui_direction {
	UI_DIR_LTR,
	UI_DIR_RTL,
};

/* Where a single-row text goes in its field. */
enum ui_place {
	UI_PLACE_AUTO, /* by the text's own direction: RTL text against the
	                  field's right edge, LTR text against its left,
	                  whichever the interface's direction */
	UI_PLACE_END,  /* against the field's end (its right edge in a
	                  left-to-right interface, its left in the other) */
};

/* Set the interface's direction (left to right until then), and whether
 * its language is written right to left (its texts at a bar's end, key
 * hints and counts, then read from the right). */
void ui_draw_set_direction(enum ui_direction dir, bool language_rtl);

/* Rows go out in logical order for a terminal that reorders them
 * itself (--bidi=terminal): every row then starts and every field ends
 * with a LEFT-TO-RIGHT MARK, so the terminal keeps the fields where they
 * are drawn and reorders each one within itself. */
void ui_draw_set_logical(bool on);

/* Set how a role looks (called once the terminal's colours are known). */
void ui_draw_set_role(enum ui_role role, attr_t attr, short pair);

/* Start a frame: the whole screen blank.  Nothing is sent yet. */
void ui_draw_begin(void);

/* Paint screen row y across the whole width in the role's background. */
void ui_draw_fill(int y, enum ui_role role);

/* Draw a laid-out row at screen row y in the field [x, x + width) (in
 * logical columns, as every x here): an RTL row against the field's
 * right edge, an LTR row against its left. */
void ui_draw_row(int y, int x, int width, const struct lay_row *row,
                 enum ui_role role);

/* Where ui_draw_row() puts row in a field of width columns: the
 * columns between the field's start and the row, in the interface's
 * direction. */
int ui_draw_row_offset(int width, const struct lay_row *row);

/* Whether row runs in the interface's direction (an LTR row in an LTR
 * interface): its logical end is then towards the field's end. */
bool ui_draw_row_along(const struct lay_row *row);

/* What a search found on a row: byte ranges of the row's text, sorted
 * and not overlapping, as lay_row_mark_ranges() takes them.  The cells
 * of `found` take the match role's looks over the row's; those of
 * `current` (the match the reader is on) the current-match role's. */
struct ui_marks {
	const struct text_range *found;
	size_t nfound;
	const struct text_range *current;
	size_t ncurrent;
};

/* ui_draw_row() with the cells of marks (NULL: none) set apart. */
void ui_draw_row_marked(int y, int x, int width, const struct lay_row *row,
                        enum ui_role role, const struct ui_marks *marks);

/* Lay out text as one paragraph fitted to width (an ellipsis when too
 * long) with lay's shaping and bidi mode, and draw it at row y in the
 * field [x, x + width).  Returns the columns drawn. */
int ui_draw_text(int y, int x, int width, const char *text, enum ui_role role,
                 const struct lay_options *lay, enum ui_place place);

/* Show the terminal's cursor in this frame at row y, logical column x
 * (where the user types); without this call it stays hidden. */
void ui_draw_cursor(int y, int x);

/* Send the frame: only what changed since the last one goes out. */
void ui_draw_finish(void);

/* Make the next ui_draw_finish() repaint the whole screen. */
void ui_draw_invalidate(void);

#endif
