/* A scrolling list of rows seen through a window of the body's height:
 * the feed list and the headline list move a cursor over theirs, the help
 * screen and the article view scroll theirs.  Pure: no curses, no state
 * but the two numbers, so every view moves the same way. */
#ifndef AKHBAR_UI_ROWS_H
#define AKHBAR_UI_ROWS_H

#include <stddef.h>

#include "ui/actions.h"

struct ui_rows {
	size_t cursor; /* the selected row (unused by a pager) */
	size_t top;    /* the first row in the window */
};

/* The highest top that still fills a window of h rows out of n. */
size_t ui_rows_max_top(size_t n, size_t h);

/* Scroll the window of h rows so that the cursor is in it. */
void ui_rows_show_cursor(struct ui_rows *r, size_t h);

/* Keep the cursor on one of n rows (the last when it was past them), in
 * a window of h rows. */
void ui_rows_clamp(struct ui_rows *r, size_t n, size_t h);

/* Put the cursor on row `cursor` of n (the last one when past them) and
 * scroll it into a window of h rows; returns UI_REACT_DRAW when it
 * moved, else UI_REACT_NONE. */
unsigned ui_rows_move_to(struct ui_rows *r, size_t n, size_t h, size_t cursor);

/* Apply a cursor move (line, story, page up and down, top, bottom) over
 * n rows in a window of h; returns enum ui_reaction bits, UI_REACT_NONE
 * for any other action.  A page moves the window by a page and keeps the
 * cursor's place on screen. */
unsigned ui_rows_move(struct ui_rows *r, size_t n, size_t h, enum ui_action a);

/* Scroll the window of h rows over n to start at row top (at most the
 * max top); returns UI_REACT_DRAW when it moved. */
unsigned ui_rows_scroll_to(struct ui_rows *r, size_t n, size_t h, size_t top);

/* Apply a scroll (line, page up and down, top, bottom) to a window with
 * no cursor; returns enum ui_reaction bits, UI_REACT_NONE for any other
 * action. */
unsigned ui_rows_scroll(struct ui_rows *r, size_t n, size_t h,
                        enum ui_action a);

#endif
