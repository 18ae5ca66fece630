/* The feed list: one subscription per row (its name laid out as its own
 * paragraph, unread and total counts, the time of its last update, and a
 * mark when its last update failed); Enter opens its headlines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/draw.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define TITLE_X       3 /* after the error mark */
#define COUNTS_WIDTH  13
#define UPDATED_WIDTH 16 /* "2024-03-07 17:35" */
#define GAP           2
/* Below this width the time of the last update drops away. */
#define UPDATED_MIN_WIDTH 60

const char *ui_feed_name(const struct ui *ui, const struct cache_feed *f)
{
	const struct urls_entry *e =
	        ui->urls ? urls_find(ui->urls, f->url) : NULL;
	if (e && e->title)
		return e->title;
	if (f->title && *f->title)
		return f->title;
	return f->url;
}

/* Whether the feed list shows f: subscribed and not hidden ("!" in the
 * urls file); with no subscriptions at all, every feed the cache has. */
static bool shown(const struct ui *ui, const struct cache_feed *f,
                  bool any_subscribed)
{
	if (any_subscribed && !f->subscribed)
		return false;
	const struct urls_entry *e =
	        ui->urls ? urls_find(ui->urls, f->url) : NULL;
	return !(e && e->hidden);
}

void ui_feeds_reload(struct ui *ui)
{
	size_t n;
	struct cache_feed *all = cache_feeds(ui->cache, &n);
	if (!all) {
		ui_message(ui, "%s", cache_error(ui->cache));
		return;
	}
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any |= all[i].subscribed;
	/* The shown feeds go to the front, in order; the list keeps the
	 * others behind them, to free them with it. */
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (shown(ui, &all[i], any)) {
			struct cache_feed t = all[kept];
			all[kept++] = all[i];
			all[i] = t;
		}
	}
	long long id = ui->feed_rows.cursor < ui->nfeeds
	                       ? ui->feeds[ui->feed_rows.cursor].id
	                       : 0;
	cache_feeds_free(ui->feeds, ui->feeds_held);
	ui->feeds = all;
	ui->feeds_held = n;
	ui->nfeeds = kept;
	ui->feeds_stale = false;
	for (size_t i = 0; i < kept; i++)
		if (all[i].id == id)
			ui->feed_rows.cursor = i;
	if (ui->feed_rows.cursor >= kept)
		ui->feed_rows.cursor = kept ? kept - 1 : 0;
}

static size_t body_rows(const struct ui *ui)
{
	return (size_t)ui_body_rows(ui);
}

static void draw_feed(const struct ui *ui, int y, size_t i)
{
	const struct cache_feed *f = &ui->feeds[i];
	bool selected = i == ui->feed_rows.cursor;
	enum ui_role role = selected    ? UI_ROLE_CURSOR
	                    : f->unread ? UI_ROLE_UNREAD
	                                : UI_ROLE_READ;
	if (selected)
		ui_draw_fill(y, UI_ROLE_CURSOR);
	if (f->last_error)
		ui_draw_text(y, 1, 1, "!", selected ? role : UI_ROLE_ERROR,
		             &ui->lay, UI_PLACE_AUTO);

	bool updated = ui->cols >= UPDATED_MIN_WIDTH;
	int title_width = ui->cols - TITLE_X - 1 - GAP - COUNTS_WIDTH -
	                  (updated ? GAP + UPDATED_WIDTH : 0);
	ui_draw_text(y, TITLE_X, title_width, ui_feed_name(ui, f), role,
	             &ui->lay, UI_PLACE_AUTO);
	int x = TITLE_X + title_width + GAP;
	char counts[48];
	snprintf(counts, sizeof counts, "%lld/%lld", f->unread, f->total);
	ui_draw_text(y, x, COUNTS_WIDTH, counts, selected ? role : UI_ROLE_DATE,
	             &ui->lay, UI_PLACE_END);
	if (!updated)
		return;
	x += COUNTS_WIDTH + GAP;
	char when[32] = "";
	time_t t = (time_t)f->last_update;
	struct tm tm;
	if (t && localtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	ui_draw_text(y, x, UPDATED_WIDTH, t ? when : _("never"),
	             selected ? role : UI_ROLE_DATE, &ui->lay, UI_PLACE_AUTO);
}

static void feeds_draw(struct ui *ui)
{
	ui_rows_show_cursor(&ui->feed_rows, body_rows(ui));
	long long unread = 0;
	for (size_t i = 0; i < ui->nfeeds; i++)
		unread += ui->feeds[i].unread;
	char *counts = xasprintf(ngettext("%zu feed, %lld unread",
	                                  "%zu feeds, %lld unread", ui->nfeeds),
	                         ui->nfeeds, unread);
	ui_draw_bar(ui, 0, UI_ROLE_TITLE, PACKAGE, counts);
	free(counts);

	int h = ui_body_rows(ui);
	for (int y = 0; y < h && ui->feed_rows.top + (size_t)y < ui->nfeeds;
	     y++)
		draw_feed(ui, 1 + y, ui->feed_rows.top + (size_t)y);
	if (ui->nfeeds == 0)
		ui_draw_text(1, 1, ui->cols - 2, _("No subscriptions."),
		             UI_ROLE_NORMAL, &ui->lay, UI_PLACE_AUTO);

	/* The selected feed's error, else where the cursor is; the progress
	 * of an update, else the keys. */
	const struct cache_feed *f =
	        ui->nfeeds ? &ui->feeds[ui->feed_rows.cursor] : NULL;
	char *left =
	        f && f->last_error
	                ? xasprintf(_("error: %s"), f->last_error)
	                : xasprintf("%zu/%zu",
	                            ui->nfeeds ? ui->feed_rows.cursor + 1 : 0,
	                            ui->nfeeds);
	char *right = NULL;
	if (ui->updater) {
		size_t done, total;
		updater_progress(ui->updater, &done, &total);
		right = xasprintf(_("updating %zu/%zu"), done, total);
	}
	ui_draw_bar(ui, ui->rows - 1, UI_ROLE_STATUS, left,
	            right ? right : _("Enter open  r reload  ? help  q quit"));
	free(left);
	free(right);
}

static unsigned open_feed(struct ui *ui)
{
	if (ui->nfeeds == 0)
		return UI_REACT_NONE;
	const struct cache_feed *f = &ui->feeds[ui->feed_rows.cursor];
	char *error = NULL;
	struct ui_stories *s = ui_stories_cache(ui->cache, f->id, &error);
	if (!s) {
		ui_message_error(ui, error);
		return UI_REACT_DRAW;
	}
	ui->stories = s;
	free(ui->stories_title);
	ui->stories_title = xstrdup(ui_feed_name(ui, f));
	ui->stories_stale = false;
	ui->list_rows.cursor = 0;
	ui->list_rows.top = 0;
	ui->view = &ui_list_view;
	return UI_REACT_DRAW;
}

void ui_feeds_back(struct ui *ui)
{
	ui_article_close(ui);
	ui_find_end(&ui->list_find); /* it was that feed's */
	if (ui->stories)
		ui->stories->ops->free(ui->stories);
	ui->stories = NULL;
	free(ui->stories_title);
	ui->stories_title = NULL;
	ui_feeds_reload(ui);
	ui->view = &ui_feeds_view;
}

static unsigned feeds_action(struct ui *ui, enum ui_action a)
{
	switch (a) {
	case UI_ACTION_SEARCH_NEXT: /* no search here: the next row */
		a = UI_ACTION_LINE_DOWN;
		break;
	case UI_ACTION_SEARCH_PREV:
		a = UI_ACTION_LINE_UP;
		break;
	case UI_ACTION_OPEN:
		return open_feed(ui);
	case UI_ACTION_MARK_FEED_READ:
		if (ui->nfeeds == 0)
			return UI_REACT_NONE;
		if (!cache_feed_mark_read(ui->cache,
		                          ui->feeds[ui->feed_rows.cursor].id))
			ui_message(ui, "%s", cache_error(ui->cache));
		ui_feeds_reload(ui);
		return UI_REACT_DRAW;
	case UI_ACTION_CLOSE:
		return UI_REACT_QUIT;
	default:
		break;
	}
	return ui_rows_move(&ui->feed_rows, ui->nfeeds, body_rows(ui), a);
}

static char *feeds_link(struct ui *ui)
{
	if (ui->nfeeds == 0)
		return NULL;
	const struct cache_feed *f = &ui->feeds[ui->feed_rows.cursor];
	return xstrdup(f->link ? f->link : f->url);
}

const struct ui_view_ops ui_feeds_view = {
        .draw = feeds_draw,
        .action = feeds_action,
        .link = feeds_link,
};
