/* The headline list: one story per row, each headline laid out as its
 * own paragraph, with a read mark and, when there is room, the site and
 * date in columns. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui/draw.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Below this width the site and date columns drop away. */
#define COLUMNS_MIN_WIDTH 60
#define SITE_WIDTH 16
#define DATE_WIDTH 10
#define GAP 2
#define HEADLINE_X 3 /* after the read mark */

static void keep_cursor_visible(struct ui *ui)
{
	size_t h = (size_t)ui_body_rows(ui);
	if (ui->cursor < ui->list_top)
		ui->list_top = ui->cursor;
	else if (ui->cursor >= ui->list_top + h)
		ui->list_top = ui->cursor - h + 1;
}

static void draw_story(const struct ui *ui, int y, size_t i)
{
	const struct story *s = &ui->lib->stories[i];
	bool selected = i == ui->cursor;
	enum ui_role role = selected ? UI_ROLE_CURSOR
	                    : s->read ? UI_ROLE_READ : UI_ROLE_UNREAD;
	if (selected)
		ui_draw_fill(y, UI_ROLE_CURSOR);
	if (!s->read)
		ui_draw_text(y, 1, 1, "●", selected ? role : UI_ROLE_UNREAD,
		             &ui->lay, UI_PLACE_AUTO);

	int headline_width = ui->cols - HEADLINE_X - 1;
	bool columns = ui->cols >= COLUMNS_MIN_WIDTH;
	if (columns)
		headline_width -= GAP + SITE_WIDTH + GAP + DATE_WIDTH;
	ui_draw_text(y, HEADLINE_X, headline_width, s->title, role, &ui->lay,
	             UI_PLACE_AUTO);
	if (!columns || !s->page)
		return;
	int x = HEADLINE_X + headline_width + GAP;
	if (s->page->site)
		ui_draw_text(y, x, SITE_WIDTH, s->page->site,
		             selected ? role : UI_ROLE_SITE, &ui->lay, UI_PLACE_AUTO);
	x += SITE_WIDTH + GAP;
	if (s->page->date)
		ui_draw_text(y, x, DATE_WIDTH, s->page->date,
		             selected ? role : UI_ROLE_DATE, &ui->lay, UI_PLACE_AUTO);
}

static void list_draw(struct ui *ui)
{
	keep_cursor_visible(ui);
	size_t unread = 0;
	for (size_t i = 0; i < ui->lib->nstories; i++)
		unread += !ui->lib->stories[i].read;
	char *counts = xasprintf(_("%zu stories, %zu unread"),
	                         ui->lib->nstories, unread);
	ui_draw_bar(ui, 0, UI_ROLE_TITLE, PACKAGE, counts);
	free(counts);

	int h = ui_body_rows(ui);
	for (int y = 0; y < h; y++) {
		size_t i = ui->list_top + (size_t)y;
		if (i >= ui->lib->nstories)
			break;
		draw_story(ui, 1 + y, i);
	}

	char *position = xasprintf("%zu/%zu", ui->cursor + 1, ui->lib->nstories);
	ui_draw_bar(ui, ui->rows - 1, UI_ROLE_STATUS, position,
	            _("Enter open  ? help  q quit"));
	free(position);
}

static unsigned move_to(struct ui *ui, size_t cursor)
{
	size_t last = ui->lib->nstories - 1;
	if (cursor > last)
		cursor = last;
	if (cursor == ui->cursor)
		return UI_REACT_NONE;
	ui->cursor = cursor;
	keep_cursor_visible(ui);
	return UI_REACT_DRAW;
}

static unsigned list_action(struct ui *ui, enum ui_action a)
{
	size_t page = (size_t)ui_body_rows(ui);
	switch (a) {
	case UI_ACTION_LINE_DOWN:
	case UI_ACTION_NEXT_STORY:
		return move_to(ui, ui->cursor + 1);
	case UI_ACTION_LINE_UP:
	case UI_ACTION_PREV_STORY:
		return ui->cursor > 0 ? move_to(ui, ui->cursor - 1) : UI_REACT_NONE;
	case UI_ACTION_PAGE_DOWN:
		/* the rows move by a page; the cursor keeps its place on screen */
		if (ui->list_top + page < ui->lib->nstories)
			ui->list_top += page;
		return move_to(ui, ui->cursor + page) | UI_REACT_DRAW;
	case UI_ACTION_PAGE_UP:
		ui->list_top = ui->list_top > page ? ui->list_top - page : 0;
		return move_to(ui, ui->cursor > page ? ui->cursor - page : 0) |
		       UI_REACT_DRAW;
	case UI_ACTION_TOP:
		return move_to(ui, 0);
	case UI_ACTION_BOTTOM:
		return move_to(ui, ui->lib->nstories - 1);
	case UI_ACTION_OPEN:
		ui_article_open(ui, ui->cursor);
		return UI_REACT_DRAW;
	case UI_ACTION_CLOSE:
		return UI_REACT_QUIT;
	default:
		return UI_REACT_NONE;
	}
}

const struct ui_view_ops ui_list_view = {
	.draw = list_draw,
	.action = list_action,
};
