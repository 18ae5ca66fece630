/* The article view: the document scrolled in the window, the focus moving
 * among related headlines, and a history of where the reader has been. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Older places are forgotten past this many. */
#define HISTORY_MAX 256

static size_t count(const struct ui *ui)
{
	return ui->stories->ops->count(ui->stories);
}

static size_t page_rows(const struct ui *ui)
{
	int h = ui_body_rows(ui);
	return h > 0 ? (size_t)h : 1;
}

static size_t max_top(const struct ui *ui)
{
	size_t h = page_rows(ui);
	return ui->doc->nlines > h ? ui->doc->nlines - h : 0;
}

/* The line where the remembered place starts: in its block, the last row
 * starting at or before its byte. */
static size_t line_of_place(const struct ui *ui)
{
	const struct document *doc = ui->doc;
	if (ui->at.block >= doc->nblocks)
		return 0;
	size_t first = doc->block_first_line[ui->at.block], line = first;
	for (size_t i = first;
	     i < doc->nlines && doc->lines[i].block == ui->at.block; i++)
		if (doc->lines[i].row->start <= ui->at.offset)
			line = i;
	return line;
}

/* Remember the top of the screen; done after every move the reader makes,
 * never after a resize, so resizing there and back returns exactly. */
static void mark_place(struct ui *ui)
{
	if (ui->top < ui->doc->nlines) {
		ui->at.block = ui->doc->lines[ui->top].block;
		ui->at.offset = ui->doc->lines[ui->top].row->start;
	} else {
		ui->at.block = 0;
		ui->at.offset = 0;
	}
}

/* Lay the story out again when the width changed (or on first use). */
static void sync_layout(struct ui *ui)
{
	if (ui->doc && ui->doc_width == ui->cols)
		return;
	document_free(ui->doc);
	struct lay_options opt = ui->lay;
	opt.width = ui->cols;
	ui->doc = document_new(ui->page, &opt);
	ui->doc_width = ui->cols;
	ui->top = line_of_place(ui);
	if (ui->top > max_top(ui))
		ui->top = max_top(ui);
}

/* Show a place; false (with ui->message) when its story can't be read:
 * then the story shown stays, as it was. */
static bool show(struct ui *ui, const struct ui_place_mark *place)
{
	struct ui_stories *s = ui->stories;
	char *error = NULL;
	struct article *page = s->ops->page(s, place->story, &error);
	/* a page may come with a message: it reads, lacking something */
	ui_message_error(ui, error);
	if (!page)
		return false;
	error = NULL;
	if (ui->at.story != place->story)
		ui_find_end(&ui->doc_find); /* it was the other story's */
	document_free(ui->doc);
	ui->doc = NULL;
	article_free(ui->page);
	ui->page = page;
	ui->at = *place;
	if (place->story < count(ui))
		ui->list_rows.cursor =
		        place->story; /* the list follows the reader */
	if (!s->ops->is_read(s, place->story) &&
	    !s->ops->set_read(s, place->story, true, &error))
		ui_message_error(ui, error);
	else if (ui->cache)
		ui->feeds_stale = true; /* an unread count changed */
	ui->view = &ui_article_view;
	sync_layout(ui);
	return true;
}

bool ui_article_open(struct ui *ui, size_t story)
{
	struct ui_place_mark start = {story, 0, 0, -1};
	return show(ui, &start);
}

void ui_article_close(struct ui *ui)
{
	document_free(ui->doc);
	ui->doc = NULL;
	free(ui->history);
	ui->history = NULL;
	ui->nhistory = 0;
	article_free(ui->page);
	ui->page = NULL;
	ui_find_end(&ui->doc_find);
}

static void push_history(struct ui *ui)
{
	if (ui->nhistory == HISTORY_MAX) {
		for (size_t i = 1; i < ui->nhistory; i++)
			ui->history[i - 1] = ui->history[i];
		ui->nhistory--;
	}
	ui->history = xreallocarray(ui->history, ui->nhistory + 1,
	                            sizeof *ui->history);
	ui->history[ui->nhistory++] = ui->at;
}

static enum ui_role line_role(const struct ui *ui, const struct doc_line *line)
{
	switch (line->role) {
	case DOC_HEADLINE:
		return UI_ROLE_HEADLINE;
	case DOC_META:
		return UI_ROLE_META;
	case DOC_BODY:
		return UI_ROLE_BODY;
	case DOC_CREDIT:
		return UI_ROLE_CREDIT;
	case DOC_HEADING:
		return UI_ROLE_HEADING;
	case DOC_RELATED:
		return line->related == ui->at.focus ? UI_ROLE_FOCUS
		                                     : UI_ROLE_RELATED;
	case DOC_BLANK:
		break;
	}
	return UI_ROLE_NORMAL;
}

/* Whether a search looks in block b: the story's own text, not the
 * blank rows and the "Related stories" heading between. */
static bool searched(const struct document *doc, size_t b)
{
	enum doc_role role = doc->lines[doc->block_first_line[b]].role;
	return role != DOC_BLANK && role != DOC_HEADING;
}

/* The matches of the story's search in block b; *n their count.  The
 * caller frees the array. */
static struct text_range *block_matches(const struct ui *ui, size_t b,
                                        size_t *n)
{
	struct text_range *spans = NULL;
	*n = 0;
	const char *text = ui->doc->block_text[b];
	if (ui->doc_find.query && searched(ui->doc, b))
		text_query_find(ui->doc_find.query, text, strlen(text), &spans,
		                n);
	return spans;
}

static void article_draw(struct ui *ui)
{
	sync_layout(ui);
	/* A story from elsewhere (a related item of another feed) has no
	 * place in the list. */
	char *position =
	        ui->at.story < count(ui)
	                ? xasprintf("%zu/%zu", ui->at.story + 1, count(ui))
	                : NULL;
	ui_draw_bar(ui, 0, UI_ROLE_TITLE,
	            ui->stories_title ? ui->stories_title : PACKAGE, position);
	free(position);

	const struct document *doc = ui->doc;
	size_t h = page_rows(ui);
	/* the matches of the block being drawn, found once for its rows;
	 * the one n and N moved to is drawn apart */
	struct text_range *spans = NULL;
	struct ui_marks marks = {0};
	size_t spans_block = (size_t)-1;
	for (size_t y = 0; y < h && ui->top + y < doc->nlines; y++) {
		const struct doc_line *line = &doc->lines[ui->top + y];
		if (line->block != spans_block) {
			free(spans);
			spans = block_matches(ui, line->block, &marks.nfound);
			marks.found = spans;
			bool current = marks.nfound &&
			               line->block == ui->doc_match_block;
			marks.current = current ? &ui->doc_match_span : NULL;
			marks.ncurrent = current;
			spans_block = line->block;
		}
		ui_draw_row_marked(1 + (int)y, 0, ui->cols, line->row,
		                   line_role(ui, line), &marks);
	}
	free(spans);

	size_t last = ui->top + h < doc->nlines ? ui->top + h : doc->nlines;
	char *lines = xasprintf(_("line %zu/%zu"), last, doc->nlines);
	ui_draw_bar(
	        ui, ui->rows - 1, UI_ROLE_STATUS, lines,
	        ui->page->nrelated
	                ? _("Tab related  Enter open  Backspace back  ? help")
	                : _("Backspace back  q list  ? help"));
	free(lines);
}

static unsigned scroll_to(struct ui *ui, size_t top)
{
	if (top > max_top(ui))
		top = max_top(ui);
	if (top == ui->top)
		return UI_REACT_NONE;
	ui->top = top;
	mark_place(ui);
	return UI_REACT_DRAW;
}

/* Scroll so that every row of related headline i is on screen. */
static void reveal_related(struct ui *ui, size_t i)
{
	const struct document *doc = ui->doc;
	size_t first = document_related_line(doc, i), last = first;
	while (last + 1 < doc->nlines &&
	       doc->lines[last + 1].related == (long)i)
		last++;
	size_t h = page_rows(ui);
	size_t top = ui->top;
	if (last >= top + h)
		top = last - h + 1;
	if (first < top)
		top = first;
	scroll_to(ui, top);
}

/* Related headline i exists and is in the document. */
static bool related_shown(const struct ui *ui, size_t i)
{
	return document_related_line(ui->doc, i) != (size_t)-1;
}

static unsigned move_focus(struct ui *ui, bool forward)
{
	size_t n = ui->page->nrelated;
	if (n == 0)
		return UI_REACT_NONE;
	size_t h = page_rows(ui);
	long focus = ui->at.focus;
	size_t i;
	if (focus < 0) {
		/* start from what is on screen */
		i = forward ? 0 : n - 1;
		for (size_t k = 0; k < n; k++) {
			size_t j = forward ? k : n - 1 - k;
			size_t line = document_related_line(ui->doc, j);
			if (line == (size_t)-1)
				continue;
			if (forward ? line >= ui->top : line < ui->top + h) {
				i = j;
				break;
			}
		}
	} else {
		i = forward ? ((size_t)focus + 1) % n
		            : ((size_t)focus + n - 1) % n;
	}
	for (size_t tries = 0; tries < n && !related_shown(ui, i); tries++)
		i = forward ? (i + 1) % n : (i + n - 1) % n;
	if (!related_shown(ui, i))
		return UI_REACT_NONE;
	ui->at.focus = (long)i;
	reveal_related(ui, i);
	mark_place(ui);
	return UI_REACT_DRAW;
}

static unsigned open_focused(struct ui *ui)
{
	if (ui->at.focus < 0 || (size_t)ui->at.focus >= ui->page->nrelated)
		return UI_REACT_NONE;
	size_t target = ui->stories->ops->target(ui->stories, ui->at.story,
	                                         (size_t)ui->at.focus);
	if (target == STORY_NONE)
		return UI_REACT_NONE;
	push_history(ui);
	if (!ui_article_open(ui, target))
		ui->nhistory--;
	return UI_REACT_DRAW;
}

static unsigned open_sibling(struct ui *ui, bool next)
{
	size_t i = ui->at.story;
	if (i >= count(ui) || (next ? i + 1 >= count(ui) : i == 0))
		return UI_REACT_NONE;
	push_history(ui);
	if (!ui_article_open(ui, next ? i + 1 : i - 1))
		ui->nhistory--;
	return UI_REACT_DRAW;
}

static unsigned go_back(struct ui *ui)
{
	if (ui->nhistory == 0) {
		ui_article_close(ui);
		ui->view = &ui_list_view;
		return UI_REACT_DRAW;
	}
	struct ui_place_mark place = ui->history[--ui->nhistory];
	if (!show(ui, &place))
		return UI_REACT_DRAW;
	ui->top = line_of_place(ui);
	if (ui->top > max_top(ui))
		ui->top = max_top(ui);
	return UI_REACT_DRAW;
}

/* Where a match of the story's search is. */
struct match_place {
	size_t line; /* the line showing its start */
	size_t block;
	struct text_range span; /* its bytes in the block's text */
};

/* Every match of the story's search, in the order of the text; returns
 * their count.  The caller frees *places. */
static size_t match_places(const struct ui *ui, struct match_place **places)
{
	const struct document *doc = ui->doc;
	size_t n = 0, cap = 0;
	*places = NULL;
	for (size_t b = 0; b < doc->nblocks; b++) {
		size_t nspans;
		struct text_range *spans = block_matches(ui, b, &nspans);
		size_t line = doc->block_first_line[b];
		for (size_t k = 0; k < nspans; k++) {
			/* the last row of the block starting at or before it */
			while (line + 1 < doc->nlines &&
			       doc->lines[line + 1].block == b &&
			       doc->lines[line + 1].row->start <=
			               spans[k].start)
				line++;
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				*places = xreallocarray(*places, cap,
				                        sizeof **places);
			}
			(*places)[n++] =
			        (struct match_place){line, b, spans[k]};
		}
		free(spans);
	}
	return n;
}

enum find_move {
	FIND_FROM_TOP, /* the first match at or below the top of the screen */
	FIND_NEXT,
	FIND_PREV,
};

/* Go to a match of the story's search, around the ends: a match off
 * the screen is scrolled to the top row. */
static unsigned find_move(struct ui *ui, enum find_move move)
{
	struct match_place *places;
	size_t n = match_places(ui, &places);
	if (n == 0) {
		ui_find_none(ui, &ui->doc_find);
		return UI_REACT_DRAW;
	}
	size_t k = 0;
	if (move == FIND_FROM_TOP) {
		while (k < n && places[k].line < ui->top)
			k++;
		if (k == n)
			k = 0;
	} else if (ui->doc_match >= n) {
		k = move == FIND_NEXT ? 0 : n - 1;
	} else {
		k = move == FIND_NEXT ? (ui->doc_match + 1) % n
		                      : (ui->doc_match + n - 1) % n;
	}
	ui->doc_match = k;
	ui->doc_match_block = places[k].block;
	ui->doc_match_span = places[k].span;
	size_t line = places[k].line;
	free(places);
	if (line < ui->top || line >= ui->top + page_rows(ui))
		scroll_to(ui, line);
	ui_find_report(ui, k + 1, n);
	return UI_REACT_DRAW;
}

static unsigned article_search(struct ui *ui, const char *text)
{
	sync_layout(ui);
	if (!ui_find_start(ui, &ui->doc_find, text))
		return UI_REACT_DRAW;
	return find_move(ui, FIND_FROM_TOP);
}

static unsigned toggle_star(struct ui *ui)
{
	struct ui_stories *s = ui->stories;
	char *error = NULL;
	bool starred = !s->ops->is_starred(s, ui->at.story);
	if (!s->ops->set_starred(s, ui->at.story, starred, &error))
		ui_message_error(ui, error);
	else
		ui_message(ui, starred ? _("starred") : _("star removed"));
	return UI_REACT_DRAW;
}

static unsigned article_action(struct ui *ui, enum ui_action a)
{
	sync_layout(ui);
	size_t h = page_rows(ui);
	switch (a) {
	case UI_ACTION_LINE_DOWN:
		return scroll_to(ui, ui->top + 1);
	case UI_ACTION_LINE_UP:
		return ui->top > 0 ? scroll_to(ui, ui->top - 1) : UI_REACT_NONE;
	case UI_ACTION_PAGE_DOWN:
		return scroll_to(ui, ui->top + h);
	case UI_ACTION_PAGE_UP:
		return scroll_to(ui, ui->top > h ? ui->top - h : 0);
	case UI_ACTION_TOP:
		return scroll_to(ui, 0);
	case UI_ACTION_BOTTOM:
		return scroll_to(ui, max_top(ui));
	case UI_ACTION_NEXT_RELATED:
		return move_focus(ui, true);
	case UI_ACTION_PREV_RELATED:
		return move_focus(ui, false);
	case UI_ACTION_OPEN:
		return open_focused(ui);
	case UI_ACTION_BACK:
		return go_back(ui);
	case UI_ACTION_SEARCH_NEXT:
		if (ui->doc_find.query)
			return find_move(ui, FIND_NEXT);
		return open_sibling(ui, true);
	case UI_ACTION_SEARCH_PREV:
		if (ui->doc_find.query)
			return find_move(ui, FIND_PREV);
		return open_sibling(ui, false);
	case UI_ACTION_NEXT_STORY:
		return open_sibling(ui, true);
	case UI_ACTION_PREV_STORY:
		return open_sibling(ui, false);
	case UI_ACTION_STAR:
		return toggle_star(ui);
	case UI_ACTION_CLOSE:
		ui_article_close(ui);
		ui->view = &ui_list_view;
		return UI_REACT_DRAW;
	default:
		return UI_REACT_NONE;
	}
}

static char *article_link(struct ui *ui)
{
	return ui->page->link ? xstrdup(ui->page->link) : NULL;
}

const struct ui_view_ops ui_article_view = {
        .draw = article_draw,
        .action = article_action,
        .search = article_search,
        .link = article_link,
};
