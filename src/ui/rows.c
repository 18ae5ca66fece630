/* Moving over a list of rows: the cursor of the lists, the top of the
 * pagers. */
#include "config.h"

#include "ui/rows.h"

size_t ui_rows_max_top(size_t n, size_t h)
{
	return n > h ? n - h : 0;
}

void ui_rows_show_cursor(struct ui_rows *r, size_t h)
{
	if (h == 0)
		h = 1;
	if (r->cursor < r->top)
		r->top = r->cursor;
	else if (r->cursor >= r->top + h)
		r->top = r->cursor - h + 1;
}

void ui_rows_clamp(struct ui_rows *r, size_t n, size_t h)
{
	if (r->cursor >= n)
		r->cursor = n ? n - 1 : 0;
	ui_rows_show_cursor(r, h);
}

unsigned ui_rows_move_to(struct ui_rows *r, size_t n, size_t h, size_t cursor)
{
	if (n == 0)
		return UI_REACT_NONE;
	if (cursor > n - 1)
		cursor = n - 1;
	if (cursor == r->cursor)
		return UI_REACT_NONE;
	r->cursor = cursor;
	ui_rows_show_cursor(r, h);
	return UI_REACT_DRAW;
}

unsigned ui_rows_move(struct ui_rows *r, size_t n, size_t h, enum ui_action a)
{
	switch (a) {
	case UI_ACTION_LINE_DOWN:
	case UI_ACTION_NEXT_STORY:
		return ui_rows_move_to(r, n, h, r->cursor + 1);
	case UI_ACTION_LINE_UP:
	case UI_ACTION_PREV_STORY:
		return r->cursor ? ui_rows_move_to(r, n, h, r->cursor - 1)
		                 : UI_REACT_NONE;
	case UI_ACTION_PAGE_DOWN:
		if (r->top + h < n)
			r->top += h;
		return ui_rows_move_to(r, n, h, r->cursor + h) | UI_REACT_DRAW;
	case UI_ACTION_PAGE_UP:
		r->top = r->top > h ? r->top - h : 0;
		return ui_rows_move_to(r, n, h,
		                       r->cursor > h ? r->cursor - h : 0) |
		       UI_REACT_DRAW;
	case UI_ACTION_TOP:
		return ui_rows_move_to(r, n, h, 0);
	case UI_ACTION_BOTTOM:
		return n ? ui_rows_move_to(r, n, h, n - 1) : UI_REACT_NONE;
	default:
		return UI_REACT_NONE;
	}
}

unsigned ui_rows_scroll_to(struct ui_rows *r, size_t n, size_t h, size_t top)
{
	if (top > ui_rows_max_top(n, h))
		top = ui_rows_max_top(n, h);
	if (top == r->top)
		return UI_REACT_NONE;
	r->top = top;
	return UI_REACT_DRAW;
}

unsigned ui_rows_scroll(struct ui_rows *r, size_t n, size_t h, enum ui_action a)
{
	switch (a) {
	case UI_ACTION_LINE_DOWN:
		return ui_rows_scroll_to(r, n, h, r->top + 1);
	case UI_ACTION_LINE_UP:
		return r->top ? ui_rows_scroll_to(r, n, h, r->top - 1)
		              : UI_REACT_NONE;
	case UI_ACTION_PAGE_DOWN:
		return ui_rows_scroll_to(r, n, h, r->top + h);
	case UI_ACTION_PAGE_UP:
		return ui_rows_scroll_to(r, n, h, r->top > h ? r->top - h : 0);
	case UI_ACTION_TOP:
		return ui_rows_scroll_to(r, n, h, 0);
	case UI_ACTION_BOTTOM:
		return ui_rows_scroll_to(r, n, h, ui_rows_max_top(n, h));
	default:
		return UI_REACT_NONE;
	}
}
