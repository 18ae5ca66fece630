/* Rows of cells to curses.  Every frame is drawn whole into stdscr and
 * curses sends only the difference (and scrolls with insert/delete line
 * where the terminal can), which keeps output small over SSH. */
#include "config.h"

#include "ui/draw.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/xalloc.h"

static struct {
	attr_t attr;
	short pair;
} looks[UI_ROLE_COUNT];

void ui_draw_set_role(enum ui_role role, attr_t attr, short pair)
{
	looks[role].attr = attr;
	looks[role].pair = pair;
}

void ui_draw_begin(void)
{
	werase(stdscr);
}

void ui_draw_fill(int y, enum ui_role role)
{
	cchar_t blank;
	setcchar(&blank, L" ", looks[role].attr, looks[role].pair, NULL);
	mvwhline_set(stdscr, y, 0, &blank, COLS);
}

/* One cell.  The layout measures with libunistring; should the C
 * library's wcwidth() (which curses uses) disagree about a character,
 * draw a stand-in of the cell's width so the rest of the row stays put. */
static void draw_cell(int y, int x, const struct lay_cell *c, attr_t attr,
                      short pair)
{
	wchar_t wc[CCHARW_MAX + 1];
	size_t n = 0;
	int w = wcwidth((wchar_t)c->ch[0]);
	bool stand_in = false;
	if (w == 0 && c->width == 1)
		wc[n++] = 0xA0; /* a lone mark: give it a base to sit on */
	else if (w != c->width)
		stand_in = true;
	if (stand_in)
		wc[n++] = 0xFFFD;
	else
		for (size_t i = 0; i < c->nch && n < CCHARW_MAX; i++)
			wc[n++] = (wchar_t)c->ch[i];
	wc[n] = L'\0';
	cchar_t cc;
	if (setcchar(&cc, wc, attr, pair, NULL) == OK)
		mvwadd_wch(stdscr, y, x, &cc);
	if (stand_in && c->width == 2) {
		setcchar(&cc, L" ", attr, pair, NULL);
		mvwadd_wch(stdscr, y, x + 1, &cc);
	}
}

/* The row's cells from column x; the cells inside marks (see
 * lay_row_mark_ranges()) take the match role's looks over the row's. */
static void draw_cells(int y, int x, const struct lay_row *row,
                       enum ui_role role, const struct text_range *marks,
                       size_t nmarks)
{
	bool *marked = NULL;
	if (nmarks && row->ncells) {
		marked = xcalloc(row->ncells, sizeof *marked);
		lay_row_mark_ranges(row, marks, nmarks, marked);
	}
	attr_t match_attr = looks[role].attr | looks[UI_ROLE_MATCH].attr;
	short match_pair = looks[UI_ROLE_MATCH].pair ? looks[UI_ROLE_MATCH].pair
	                                             : looks[role].pair;
	for (size_t i = 0; i < row->ncells; i++) {
		const struct lay_cell *c = &row->cells[i];
		if (x + c->width > COLS)
			break;
		if (marked && marked[i])
			draw_cell(y, x, c, match_attr, match_pair);
		else
			draw_cell(y, x, c, looks[role].attr, looks[role].pair);
		x += c->width;
	}
	free(marked);
}

void ui_draw_row_marked(int y, int x, int width, const struct lay_row *row,
                        enum ui_role role, const struct text_range *marks,
                        size_t nmarks)
{
	if (y < 0 || y >= LINES || width <= 0)
		return;
	int at = x;
	if (row->align_right && row->columns < width)
		at = x + width - row->columns;
	draw_cells(y, at, row, role, marks, nmarks);
}

void ui_draw_row(int y, int x, int width, const struct lay_row *row,
                 enum ui_role role)
{
	ui_draw_row_marked(y, x, width, row, role, NULL, 0);
}

int ui_draw_text_marked(int y, int x, int width, const char *text,
                        enum ui_role role, const struct lay_options *lay,
                        enum ui_place place, const struct text_range *marks,
                        size_t nmarks)
{
	if (width <= 0 || y < 0 || y >= LINES)
		return 0;
	struct lay_options opt = *lay;
	opt.width = width;
	opt.direction = LAY_DIR_AUTO;
	struct lay_row *row = lay_headline_new(text, strlen(text), &opt);
	int at = x;
	if (place == UI_PLACE_END || row->align_right)
		at = x + width - row->columns;
	draw_cells(y, at, row, role, marks, nmarks);
	int columns = row->columns;
	lay_row_free(row);
	return columns;
}

int ui_draw_text(int y, int x, int width, const char *text, enum ui_role role,
                 const struct lay_options *lay, enum ui_place place)
{
	return ui_draw_text_marked(y, x, width, text, role, lay, place, NULL,
	                           0);
}

void ui_draw_finish(void)
{
	wnoutrefresh(stdscr);
	doupdate();
}

void ui_draw_invalidate(void)
{
	clearok(curscr, TRUE);
}
