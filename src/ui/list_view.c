/* The headline list: one story per row, each headline laid out as its
 * own paragraph, with a read mark, a star mark and, when there is room,
 * the site and date in columns. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/lang.h"
#include "ui/draw.h"
#include "ui/view.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Below this width the site and date columns drop away. */
#define COLUMNS_MIN_WIDTH 60
#define SITE_WIDTH        16
#define DATE_WIDTH        10
#define GAP               2
#define HEADLINE_X        3 /* after the read and star marks */
/* How long a turn of the main loop reads of a list read a slice at a
 * time before it looks at the keys again; how often the counts shown
 * meanwhile are brought up to date (at once after a key): not after
 * every slice, which would send them again a hundred times a second. */
#define SLICE_MS 30
#define SHOWN_MS 250

/* The headline list's state; the stories are the reader's (ui->stories),
 * shared with the article view. */
struct list_view {
	struct ui_rows rows;
	struct ui_find find; /* the list's search */
	bool stale;          /* the cache changed: read the stories again */
	bool to_end; /* G while the list is read: the cursor follows its end
	                until it is whole */
	/* The stories shown and their unread count while the list is read,
	 * as at shown_at (monotonic ms; 0: to be brought up to date). */
	size_t shown, shown_unread;
	long long shown_at;
};

static size_t count(const struct ui *ui)
{
	return ui->stories->ops->count(ui->stories);
}

static size_t body_rows(const struct ui *ui)
{
	return (size_t)ui_body_rows(ui);
}

static void draw_column(const struct ui *ui, int y, int x, int width,
                        const char *text, enum ui_role role)
{
	if (text && *text)
		ui_draw_text(y, x, width, text, role, &ui->lay, UI_PLACE_AUTO);
}

/* mark ("+N", the near-duplicates a story stands for) beside the
 * headline drawn as row in the field [HEADLINE_X, HEADLINE_X + width),
 * at the headline's logical end: before it when the headline runs
 * against the interface's direction (an RTL headline in an LTR
 * interface), after it otherwise.  The mark is a paragraph of its own,
 * so it never takes part in the headline's visual order. */
static void draw_variants(const struct ui *ui, int y, int width,
                          const struct lay_row *row, const char *mark,
                          int mark_width, enum ui_role role)
{
	int at = HEADLINE_X + ui_draw_row_offset(width, row);
	int x = ui_draw_row_along(row) ? at + row->columns + 1
	                               : at - 1 - mark_width;
	ui_draw_text(y, x, mark_width, mark, role, &ui->lay, UI_PLACE_AUTO);
}

/* Story i's headline in the field [HEADLINE_X, HEADLINE_X + width) of
 * row y, a search's matches on the cells that show them (those on the
 * cursor's row are the match n and N moved to), and "+N" for a story
 * that stands for near-duplicates; the mark's room is taken from the
 * headline's. */
static void draw_headline(const struct ui *ui, const struct list_view *lv,
                          int y, int width, size_t i, enum ui_role role)
{
	struct ui_stories *s = ui->stories;
	bool selected = i == lv->rows.cursor;
	size_t variants = s->ops->variants ? s->ops->variants(s, i) : 0;
	char *mark = NULL;
	int mark_width = 0;
	if (variants) {
		/* one column a digit, whichever the digits */
		mark_width = snprintf(NULL, 0, "+%zu", variants);
		mark = ui_numbers("+%zu", variants);
		if (mark_width + 1 >= width)
			mark_width = 0; /* no room for a headline beside it */
	}
	struct lay_options opt = ui->lay;
	opt.width = mark_width ? width - mark_width - 1 : width;
	opt.direction = LAY_DIR_AUTO;
	if (opt.width <= 0) {
		free(mark);
		return;
	}
	const char *title = s->ops->title(s, i);
	struct lay_row *row = lay_headline_new(title, strlen(title), &opt);
	struct text_range *spans = NULL;
	struct ui_marks marks = {0};
	if (lv->find.query) {
		text_query_find(lv->find.query, title, strlen(title), &spans,
		                &marks.nfound);
		marks.found = spans;
		if (selected) {
			marks.current = spans;
			marks.ncurrent = marks.nfound;
		}
	}
	ui_draw_row_marked(y, HEADLINE_X, width, row, role, &marks);
	free(spans);
	if (mark_width)
		draw_variants(ui, y, width, row, mark, mark_width,
		              selected ? role : UI_ROLE_DATE);
	free(mark);
	lay_row_free(row);
}

static void draw_story(const struct ui *ui, const struct list_view *lv, int y,
                       size_t i)
{
	struct ui_stories *s = ui->stories;
	bool selected = i == lv->rows.cursor;
	bool read = s->ops->is_read(s, i);
	enum ui_role role = selected ? UI_ROLE_CURSOR
	                    : read   ? UI_ROLE_READ
	                             : UI_ROLE_UNREAD;
	if (selected)
		ui_draw_fill(y, UI_ROLE_CURSOR);
	if (!read)
		ui_draw_text(y, 1, 1, "●", selected ? role : UI_ROLE_UNREAD,
		             &ui->lay, UI_PLACE_AUTO);
	if (s->ops->is_starred(s, i))
		ui_draw_text(y, 2, 1, "★", selected ? role : UI_ROLE_STAR,
		             &ui->lay, UI_PLACE_AUTO);

	int headline_width = ui->cols - HEADLINE_X - 1;
	bool columns = ui->cols >= COLUMNS_MIN_WIDTH;
	if (columns)
		headline_width -=
		        GAP + DATE_WIDTH + (s->has_site ? GAP + SITE_WIDTH : 0);
	draw_headline(ui, lv, y, headline_width, i, role);
	if (!columns)
		return;
	int x = HEADLINE_X + headline_width + GAP;
	if (s->has_site) {
		draw_column(ui, y, x, SITE_WIDTH, s->ops->site(s, i),
		            selected ? role : UI_ROLE_SITE);
		x += SITE_WIDTH + GAP;
	}
	char *date = s->ops->date(s, i);
	char *shown = date ? lang_digits(date) : NULL;
	draw_column(ui, y, x, DATE_WIDTH, shown,
	            selected ? role : UI_ROLE_DATE);
	free(shown);
	free(date);
}

/* How a cache's list is shown when not as it first was (newest first,
 * every row): whether read rows are hidden and its order, translated (a
 * new string); NULL when it is shown as at first. */
static char *shown_how(const struct ui *ui)
{
	static const char *const orders[CACHE_ORDER_COUNT] = {
	        [CACHE_ORDER_OLDEST] = N_("oldest first"),
	        [CACHE_ORDER_TITLE] = N_("by title"),
	        [CACHE_ORDER_FEED] = N_("by feed"),
	        [CACHE_ORDER_UNREAD_FIRST] = N_("unread first"),
	};
	if (!ui->cache)
		return NULL;
	bool hidden = ui->state.hide_read_stories &&
	              ui->stories->rows == CACHE_LIST_ALL;
	const char *order = orders[ui->state.order];
	if (hidden && order)
		return xasprintf(_("%s, %s"), _("read hidden"), _(order));
	return hidden  ? xstrdup(_("read hidden"))
	       : order ? xstrdup(_(order))
	               : NULL;
}

/* Bring the counts shown up to date when they are due: every SHOWN_MS
 * while the list is read (or the cursor went past them), at once
 * otherwise. */
static void update_shown(const struct ui *ui, struct list_view *lv)
{
	struct ui_stories *s = ui->stories;
	long long now = monotonic_ms();
	if (s->reading && lv->shown_at && now < lv->shown_at + SHOWN_MS &&
	    lv->rows.cursor < lv->shown)
		return;
	lv->shown = count(ui);
	lv->shown_unread = s->ops->unread(s);
	lv->shown_at = now;
}

static void list_draw(struct ui *ui, void *self)
{
	struct list_view *lv = self;
	ui_rows_show_cursor(&lv->rows, body_rows(ui));
	struct ui_stories *s = ui->stories;
	update_shown(ui, lv);
	size_t n = lv->shown, unread = lv->shown_unread;
	char *counts = ui_numbers(
	        ngettext("%zu story, %zu unread", "%zu stories, %zu unread", n),
	        n, unread);
	char *how = shown_how(ui);
	char *end = how ? xasprintf("%s  %s", how, counts) : NULL;
	ui_draw_bar(ui, 0, UI_ROLE_TITLE,
	            ui->stories_title ? ui->stories_title : PACKAGE,
	            end ? end : counts);
	free(end);
	free(how);
	free(counts);

	int h = ui_body_rows(ui);
	for (int y = 0; y < h; y++) {
		size_t i = lv->rows.top + (size_t)y;
		if (i >= n)
			break;
		draw_story(ui, lv, 1 + y, i);
	}
	if (n == 0 && !s->reading)
		ui_draw_text(1, 1, ui->cols - 2,
		             _("No items yet: r fetches them."), UI_ROLE_NORMAL,
		             &ui->lay, UI_PLACE_AUTO);

	const struct ui_hint hints[] = {
	        {UI_ACTION_OPEN, N_("%s open")},
	        {UI_ACTION_HELP, N_("%s help")},
	        {UI_ACTION_CLOSE, ui->cache ? N_("%s feeds") : N_("%s quit")},
	};
	char *position = ui_numbers("%zu/%zu", n ? lv->rows.cursor + 1 : 0, n);
	if (s->reading || s->sorting) {
		char *at = position;
		position = xasprintf(
		        s->sorting ? _("%s sorting…") : _("%s reading…"), at);
		free(at);
	}
	char *keys = ui_hints(ui, hints, sizeof hints / sizeof *hints);
	ui_draw_bar(ui, ui->rows - 1, UI_ROLE_STATUS, position, keys);
	free(keys);
	free(position);
}

static unsigned toggle_star(struct ui *ui, struct list_view *lv)
{
	if (count(ui) == 0)
		return UI_REACT_NONE;
	bool starred;
	ui_stories_toggle_star(ui, lv->rows.cursor, &starred);
	return UI_REACT_DRAW;
}

/* Move the cursor to a match of the list's search, around the ends. */
static unsigned find_move(struct ui *ui, struct list_view *lv,
                          enum ui_find_move move)
{
	struct ui_stories *s = ui->stories;
	size_t n = count(ui);
	if (n == 0) {
		ui_find_none(ui, &lv->find);
		return UI_REACT_DRAW;
	}
	struct ui_found found;
	char *error = NULL;
	size_t from = lv->rows.cursor < n ? lv->rows.cursor : 0;
	if (!s->ops->find(s, lv->find.text, lv->find.query, from, move, &found,
	                  &error)) {
		ui_message_error(ui, error);
		return UI_REACT_DRAW;
	}
	if (found.total == 0) {
		ui_find_none(ui, &lv->find);
		return UI_REACT_DRAW;
	}
	ui_rows_move_to(&lv->rows, n, body_rows(ui), found.story);
	if (found.many)
		ui_find_report_many(ui, found.total);
	else
		ui_find_report(ui, found.rank, found.total);
	return UI_REACT_DRAW;
}

static unsigned list_search(struct ui *ui, void *self, const char *text)
{
	struct list_view *lv = self;
	if (!ui_find_start(ui, &lv->find, text))
		return UI_REACT_DRAW;
	return find_move(ui, lv, UI_FIND_AT);
}

/* Leaving the list: back to the feed list, or out of akhbar. */
static unsigned leave(struct ui *ui, struct list_view *lv, bool quit)
{
	if (!ui->cache)
		return quit ? UI_REACT_QUIT : UI_REACT_NONE;
	ui_find_end(&lv->find); /* it was that feed's */
	ui->stories->ops->free(ui->stories);
	ui->stories = NULL;
	free(ui->stories_title);
	ui->stories_title = NULL;
	ui_feeds_mark_stale(ui);
	ui_view_pop(ui);
	return UI_REACT_DRAW;
}

/* The cache's list of feed_id's rows as the reader's state shows them:
 * read ones hidden from a feed's rows, in the order chosen. */
static struct cache_list list_for(const struct ui *ui, long long feed_id,
                                  enum cache_list_rows rows)
{
	enum cache_list_rows shown = rows;
	if (rows == CACHE_LIST_ALL && ui->state.hide_read_stories)
		shown = CACHE_LIST_UNREAD;
	return cache_list_of(feed_id, shown, ui->state.order);
}

struct ui_stories *ui_stories_for(struct ui *ui, long long feed_id,
                                  enum cache_list_rows rows, char **error)
{
	struct cache_list l = list_for(ui, feed_id, rows);
	struct ui_stories *s = ui_stories_cache(ui->cache, &l, error);
	if (s)
		s->rows = rows;
	return s;
}

/* H and O: read stories shown or hidden, the next order (remembered);
 * the list is read again so, the cursor on the same story (or where it
 * would be).  Only the cache's lists have either. */
static unsigned change_view(struct ui *ui, struct list_view *lv,
                            enum ui_action a)
{
	struct ui_stories *s = ui->stories;
	if (!ui->cache || !s->ops->relist) {
		ui_message(
		        ui, "%s",
		        _("no subscriptions: these stories come from files"));
		return UI_REACT_DRAW;
	}
	if (a == UI_ACTION_SORT)
		ui->state.order = (ui->state.order + 1) % CACHE_ORDER_COUNT;
	else
		ui->state.hide_read_stories = !ui->state.hide_read_stories;
	ui_state_changed(ui);
	struct cache_list l = list_for(ui, s->feed_id, s->rows);
	lv->rows.cursor = s->ops->relist(s, &l, lv->rows.cursor);
	ui_rows_clamp(&lv->rows, count(ui), body_rows(ui));
	return UI_REACT_DRAW;
}

unsigned ui_list_show_all(struct ui *ui, enum cache_list_rows rows)
{
	bool from_feeds = ui_view_shown(ui, &ui_feeds_view);
	if (!ui->cache || (!from_feeds && !ui_view_shown(ui, &ui_list_view)))
		return UI_REACT_NONE;
	char *error = NULL;
	struct ui_stories *s = ui_stories_for(ui, 0, rows, &error);
	if (!s) {
		ui_message_error(ui, error);
		return UI_REACT_DRAW;
	}
	const char *title = rows == CACHE_LIST_STARRED ? _("Starred stories")
	                                               : _("Unread stories");
	if (from_feeds)
		ui_list_open(ui, s, title);
	else
		ui_list_replace(ui, s, title);
	return UI_REACT_DRAW;
}

/* Move the cursor to the next (step 1) or previous (step -1) unread
 * story, or the next feed's first one (whole: to the next feed with
 * unread stories). */
static unsigned unread_move(struct ui *ui, struct list_view *lv, int step,
                            bool whole)
{
	size_t story;
	bool found = whole ? ui_unread_next_feed(ui, step, &story)
	                   : ui_unread_next(ui, lv->rows.cursor, step, &story);
	if (found)
		ui_rows_move_to(&lv->rows, count(ui), body_rows(ui), story);
	return UI_REACT_DRAW;
}

/* The unread flow's actions; UI_REACT_NONE for any other. */
static unsigned unread_action(struct ui *ui, struct list_view *lv,
                              enum ui_action a)
{
	switch (a) {
	case UI_ACTION_NEXT_UNREAD:
	case UI_ACTION_PREV_UNREAD:
		return unread_move(ui, lv, a == UI_ACTION_NEXT_UNREAD ? 1 : -1,
		                   false);
	case UI_ACTION_NEXT_UNREAD_FEED:
	case UI_ACTION_PREV_UNREAD_FEED:
		return unread_move(
		        ui, lv, a == UI_ACTION_NEXT_UNREAD_FEED ? 1 : -1, true);
	case UI_ACTION_TOGGLE_READ:
		return count(ui) ? ui_unread_toggle(ui, lv->rows.cursor)
		                 : UI_REACT_NONE;
	case UI_ACTION_MARK_FEED_READ:
		return ui_unread_mark_list_read(ui);
	default:
		return UI_REACT_NONE;
	}
}

static unsigned list_action(struct ui *ui, void *self, enum ui_action a)
{
	struct list_view *lv = self;
	size_t n = count(ui);
	lv->to_end = a == UI_ACTION_BOTTOM && ui->stories->reading;
	lv->shown_at = 0;
	switch (a) {
	case UI_ACTION_SEARCH_NEXT:
		if (lv->find.query)
			return find_move(ui, lv, UI_FIND_NEXT);
		return ui_rows_move(&lv->rows, n, body_rows(ui),
		                    UI_ACTION_LINE_DOWN);
	case UI_ACTION_SEARCH_PREV:
		if (lv->find.query)
			return find_move(ui, lv, UI_FIND_PREV);
		return ui_rows_move(&lv->rows, n, body_rows(ui),
		                    UI_ACTION_LINE_UP);
	case UI_ACTION_OPEN:
		if (n)
			ui_article_open(ui, lv->rows.cursor);
		return UI_REACT_DRAW;
	case UI_ACTION_STAR:
		return toggle_star(ui, lv);
	case UI_ACTION_NEXT_UNREAD:
	case UI_ACTION_PREV_UNREAD:
	case UI_ACTION_NEXT_UNREAD_FEED:
	case UI_ACTION_PREV_UNREAD_FEED:
	case UI_ACTION_TOGGLE_READ:
	case UI_ACTION_MARK_FEED_READ:
		return unread_action(ui, lv, a);
	case UI_ACTION_TOGGLE_SHOW_READ:
	case UI_ACTION_SORT:
		return change_view(ui, lv, a);
	case UI_ACTION_BACK:
		return leave(ui, lv, false);
	case UI_ACTION_CLOSE:
		return leave(ui, lv, true);
	default:
		return ui_rows_move(&lv->rows, n, body_rows(ui), a);
	}
}

static char *list_link(struct ui *ui, void *self)
{
	struct list_view *lv = self;
	if (count(ui) == 0)
		return NULL;
	char *error = NULL;
	struct article *a =
	        ui->stories->ops->page(ui->stories, lv->rows.cursor, &error);
	ui_message_error(ui, error);
	char *link = a && a->link ? xstrdup(a->link) : NULL;
	article_free(a);
	return link;
}

static void list_changed(struct ui *ui, void *self, long long feed_id)
{
	struct list_view *lv = self;
	if (ui->stories && (feed_id == 0 || ui->stories->feed_id == 0 ||
	                    feed_id == ui->stories->feed_id))
		lv->stale = true;
}

/* The open article's list waits until the reader is back on it. */
static unsigned list_reread(struct ui *ui, void *self, bool on_top)
{
	struct list_view *lv = self;
	if (!lv->stale || !on_top || !ui->stories->ops->reload)
		return UI_REACT_NONE;
	lv->rows.cursor =
	        ui->stories->ops->reload(ui->stories, lv->rows.cursor);
	lv->stale = false;
	lv->shown_at = 0;
	return UI_REACT_DRAW;
}

/* A new order under way: brought on a slice; once it is shown, the
 * cursor on the story it was on. */
static unsigned reorder(struct ui *ui, struct list_view *lv)
{
	struct ui_stories *s = ui->stories;
	size_t keep = lv->rows.cursor;
	char *error = NULL;
	if (s->ops->reorder(s, SLICE_MS, &keep, &error)) {
		lv->rows.cursor = keep;
		ui_rows_clamp(&lv->rows, count(ui), body_rows(ui));
		lv->shown_at = 0;
	} else if (error) {
		ui_message_error(ui, error);
	}
	return UI_REACT_DRAW;
}

/* A list read a slice at a time: the next slice, the cursor following
 * its end after G. */
static unsigned list_settle(struct ui *ui, void *self)
{
	struct list_view *lv = self;
	struct ui_stories *s = ui->stories;
	if (s && s->sorting)
		return reorder(ui, lv);
	if (!s || !s->reading)
		return UI_REACT_NONE;
	char *error = NULL;
	if (!s->ops->read_more(s, SLICE_MS, &error))
		ui_message_error(ui, error);
	if (lv->to_end)
		ui_rows_move(&lv->rows, count(ui), body_rows(ui),
		             UI_ACTION_BOTTOM);
	lv->to_end &= s->reading;
	return UI_REACT_DRAW;
}

static void *list_create(struct ui *ui)
{
	(void)ui;
	return xcalloc(1, sizeof(struct list_view));
}

static void list_free(struct ui *ui, void *self)
{
	(void)ui;
	struct list_view *lv = self;
	ui_find_end(&lv->find);
	free(lv);
}

void ui_list_open(struct ui *ui, struct ui_stories *s, const char *title)
{
	ui_list_replace(ui, s, title);
	ui_view_push(ui, &ui_list_view);
}

void ui_list_replace(struct ui *ui, struct ui_stories *s, const char *title)
{
	struct list_view *lv = ui_view_state(ui, &ui_list_view);
	if (ui->stories)
		ui->stories->ops->free(ui->stories);
	ui->stories = s;
	free(ui->stories_title);
	ui->stories_title = title ? xstrdup(title) : NULL;
	ui_find_end(&lv->find);
	lv->rows = (struct ui_rows){0};
	lv->stale = false;
	lv->to_end = false;
	lv->shown_at = 0;
}

void ui_list_follow(struct ui *ui, size_t i)
{
	struct list_view *lv = ui_view_state(ui, &ui_list_view);
	if (i < count(ui))
		lv->rows.cursor = i;
}

const struct ui_view_ops ui_list_view = {
        .create = list_create,
        .free = list_free,
        .draw = list_draw,
        .action = list_action,
        .search = list_search,
        .link = list_link,
        .changed = list_changed,
        .reread = list_reread,
        .settle = list_settle,
};
