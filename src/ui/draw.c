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

static enum ui_direction direction = UI_DIR_LTR;
static bool words_rtl; /* the interface's language is written RTL */
static bool logical;   /* the terminal reorders rows: see below */

/* LEFT-TO-RIGHT MARK: in logical mode it closes every field and opens
 * every row, so that a terminal reordering a row as one paragraph sees
 * it left to right and never joins two fields into one run. */
#define FIELD_MARK 0x200E

/* Where this frame shows the terminal's cursor (logical column); a row
 * of -1: nowhere. */
static int cursor_y = -1, cursor_x;

void ui_draw_set_direction(enum ui_direction dir, bool language_rtl)
{
	direction = dir;
	words_rtl = language_rtl;
}

/* The screen column of the left edge of the field [x, x + width). */
static int screen_x(int x, int width)
{
	return direction == UI_DIR_RTL ? COLS - x - width : x;
}

/* The screen column a row of `columns` columns starts at in the field
 * [x, x + width): against the field's right edge when it goes there. */
static int place_in(int x, int width, int columns, bool right)
{
	int left = screen_x(x, width);
	return right && columns < width ? left + width - columns : left;
}

void ui_draw_set_logical(bool on)
{
	logical = on;
}

void ui_draw_set_role(enum ui_role role, attr_t attr, short pair)
{
	looks[role].attr = attr;
	looks[role].pair = pair;
}

void ui_draw_begin(void)
{
	werase(stdscr);
	cursor_y = -1;
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
                      short pair, bool last)
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
	if (last && logical && n < CCHARW_MAX)
		wc[n++] = FIELD_MARK;
	wc[n] = L'\0';
	cchar_t cc;
	if (setcchar(&cc, wc, attr, pair, NULL) == OK)
		mvwadd_wch(stdscr, y, x, &cc);
	if (stand_in && c->width == 2) {
		setcchar(&cc, L" ", attr, pair, NULL);
		mvwadd_wch(stdscr, y, x + 1, &cc);
	}
}

/* How role looks under a mark of role over (the match or the current
 * one): the row's attributes and the mark's, in the mark's colours when
 * it has its own. */
static void marked_look(enum ui_role role, enum ui_role over, attr_t *attr,
                        short *pair)
{
	*attr = looks[role].attr | looks[over].attr;
	*pair = looks[over].pair ? looks[over].pair : looks[role].pair;
}

/* Which cells of row the ranges cover, or NULL when none can be. */
static bool *cells_in(const struct lay_row *row,
                      const struct text_range *ranges, size_t n)
{
	if (!n || !row->ncells)
		return NULL;
	bool *in = xcalloc(row->ncells, sizeof *in);
	lay_row_mark_ranges(row, ranges, n, in);
	return in;
}

/* The row's cells from column x, the cells of marks (NULL: none) set
 * apart; the current match wins where the two overlap. */
static void draw_cells(int y, int x, const struct lay_row *row,
                       enum ui_role role, const struct ui_marks *marks)
{
	bool *found = NULL, *current = NULL;
	if (marks) {
		found = cells_in(row, marks->found, marks->nfound);
		current = cells_in(row, marks->current, marks->ncurrent);
	}
	attr_t found_attr, current_attr;
	short found_pair, current_pair;
	marked_look(role, UI_ROLE_MATCH, &found_attr, &found_pair);
	marked_look(role, UI_ROLE_CURRENT, &current_attr, &current_pair);
	for (size_t i = 0; i < row->ncells; i++) {
		const struct lay_cell *c = &row->cells[i];
		if (x + c->width > COLS)
			break;
		bool last = i + 1 == row->ncells;
		if (current && current[i])
			draw_cell(y, x, c, current_attr, current_pair, last);
		else if (found && found[i])
			draw_cell(y, x, c, found_attr, found_pair, last);
		else
			draw_cell(y, x, c, looks[role].attr, looks[role].pair,
			          last);
		x += c->width;
	}
	free(found);
	free(current);
}

void ui_draw_row_marked(int y, int x, int width, const struct lay_row *row,
                        enum ui_role role, const struct ui_marks *marks)
{
	if (y < 0 || y >= LINES || width <= 0)
		return;
	draw_cells(y, place_in(x, width, row->columns, row->align_right), row,
	           role, marks);
}

int ui_draw_row_offset(int width, const struct lay_row *row)
{
	if (ui_draw_row_along(row) || row->columns >= width)
		return 0;
	return width - row->columns;
}

bool ui_draw_row_along(const struct lay_row *row)
{
	return row->align_right == (direction == UI_DIR_RTL);
}

void ui_draw_row(int y, int x, int width, const struct lay_row *row,
                 enum ui_role role)
{
	ui_draw_row_marked(y, x, width, row, role, NULL);
}

int ui_draw_text(int y, int x, int width, const char *text, enum ui_role role,
                 const struct lay_options *lay, enum ui_place place)
{
	if (width <= 0 || y < 0 || y >= LINES)
		return 0;
	struct lay_options opt = *lay;
	opt.width = width;
	/* the interface's own text at a bar's end (key hints, counts) in a
	 * language written right to left reads from the right, whatever
	 * it starts with ("Enter", a digit) */
	opt.direction =
	        place == UI_PLACE_END && words_rtl ? LAY_DIR_RTL : LAY_DIR_AUTO;
	struct lay_row *row = lay_headline_new(text, strlen(text), &opt);
	bool right = place == UI_PLACE_END ? direction == UI_DIR_LTR
	                                   : row->align_right;
	draw_cells(y, place_in(x, width, row->columns, right), row, role, NULL);
	int columns = row->columns;
	lay_row_free(row);
	return columns;
}

void ui_draw_cursor(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

/* The terminal's cursor where a frame asked for it, else hidden. */
static void place_cursor(void)
{
	bool shown = cursor_y >= 0 && cursor_y < LINES && cursor_x >= 0 &&
	             cursor_x < COLS;
	leaveok(stdscr, !shown);
	curs_set(shown ? 1 : 0);
	if (shown)
		wmove(stdscr, cursor_y, screen_x(cursor_x, 1));
}

/* Logical mode: the mark at the start of every row, with the first
 * cell's character. */
static void open_rows(void)
{
	for (int y = 0; y < LINES; y++) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t attr;
		short pair;
		if (mvwin_wch(stdscr, y, 0, &cc) == ERR ||
		    getcchar(&cc, wc, &attr, &pair, NULL) == ERR)
			continue;
		size_t n = wcslen(wc);
		if (n >= CCHARW_MAX || (n && wc[n - 1] == FIELD_MARK))
			continue;
		wc[n++] = FIELD_MARK;
		wc[n] = L'\0';
		if (setcchar(&cc, wc, attr, pair, NULL) == OK)
			mvwadd_wch(stdscr, y, 0, &cc);
	}
}

/* The look of cell (y, x); false when it is a plain blank, as an erased
 * cell looks. */
static bool look_at(int y, int x, attr_t *attr, short *pair)
{
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1];
	if (mvwin_wch(stdscr, y, x, &cc) == ERR ||
	    getcchar(&cc, wc, attr, pair, NULL) == ERR)
		return false;
	*attr &= ~(attr_t)A_COLOR;
	return !(wcscmp(wc, L" ") == 0 && *attr == A_NORMAL && *pair == 0);
}

/* Whether a blank in this look looks like any blank: no attribute that
 * shows without a glyph, the terminal's own background. */
static bool blank_unseen(attr_t attr, short pair)
{
	short fg, bg;
	if (attr & ~(attr_t)(A_BOLD | A_DIM | A_ITALIC))
		return false;
	return pair == 0 || (pair_content(pair, &fg, &bg) == OK && bg < 0);
}

/* Plain blanks, at most this many, between two cells of one look take
 * that look, and at most BLANKS_LEADING at the start of a row take the
 * look of the cell after them: the terminal is then not told to leave a
 * look and come back for them, which costs more than writing them. */
#define BLANKS_BRIDGED 12
#define BLANKS_LEADING 4

/* Cells [from, to) of row y: blanks in the look, where it is not seen. */
static void fill_blanks(int y, int from, int to, attr_t attr, short pair)
{
	if (to <= from || !blank_unseen(attr, pair))
		return;
	cchar_t blank;
	setcchar(&blank, L" ", attr, pair, NULL);
	mvwhline_set(stdscr, y, from, &blank, to - from);
}

static void bridge_blanks(int y)
{
	attr_t attr = 0, look;
	short pair = 0, look_pair;
	int after = -1; /* the column after the last cell with a look */
	for (int x = 0; x < COLS; x++) {
		if (!look_at(y, x, &look, &look_pair))
			continue;
		if (after < 0 ? x <= BLANKS_LEADING
		              : x - after <= BLANKS_BRIDGED && look == attr &&
		                        look_pair == pair)
			fill_blanks(y, after < 0 ? 0 : after, x, look,
			            look_pair);
		attr = look;
		pair = look_pair;
		after = x + 1;
	}
}

void ui_draw_finish(void)
{
	for (int y = 0; y < LINES; y++)
		bridge_blanks(y);
	if (logical)
		open_rows();
	place_cursor();
	wnoutrefresh(stdscr);
	doupdate();
}

void ui_draw_invalidate(void)
{
	clearok(curscr, TRUE);
}
