/* The feed list: one subscription per row (its name laid out as its own
 * paragraph, unread and total counts, the time of its last update, and a
 * mark when its last update failed); Enter opens its headlines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout/lang.h"
#include "model/filter.h"
#include "ui/draw.h"
#include "ui/view.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define TITLE_X       3 /* after the error mark */
#define COUNTS_WIDTH  13
#define UPDATED_WIDTH 16 /* "2024-03-07 17:35" */
#define GAP           2
/* Below this width the time of the last update drops away. */
#define UPDATED_MIN_WIDTH 60
/* Counting the query feeds: rows read at once, and how long a turn of
 * the main loop counts before it looks at the keys again. */
#define SLICE_ROWS 256
#define SLICE_MS   30

/* The query feeds of the urls file ("query:NAME:EXPRESSION" lines), by
 * their entry's index there: rows of the feed list whose id is
 * -(index + 1).  Counting them reads the whole cache: it begins once the
 * list is drawn without their counts, and again when the cache changed,
 * while the list is on screen and no update runs, a slice of rows at a
 * time, so that keys are answered meanwhile. */
struct feeds_queries {
	struct filter **filters; /* NULL: no query */
	struct cache_list_counts *counts;
	size_t n;
	struct ui_query_counting *counting; /* under way, or NULL */
	bool due;     /* the counts are to be made again */
	bool counted; /* they were made once */
	bool drawn;   /* the list was drawn since they were due */
};

/* The feed list's state. */
struct feeds_view {
	struct cache_feed *feeds; /* the rows shown, then those not shown */
	size_t nfeeds;            /* rows shown */
	size_t held;              /* rows held, shown or not */
	struct ui_rows rows;
	struct ui_find find; /* the search of the feeds' names */
	bool stale;          /* the cache changed: read the rows again */
	struct feeds_queries queries;
	char *tag;       /* the tag whose feeds are shown; NULL: every feed */
	char *tag_label; /* the prompt asking for it, while it is open */
};

static struct feeds_view *state(struct ui *ui)
{
	return ui_view_state(ui, &ui_feeds_view);
}

static size_t body_rows(const struct ui *ui)
{
	return (size_t)ui_body_rows(ui);
}

/* The name the feed list shows for a feed: its title in the urls file,
 * else the feed's own, else its address. */
static const char *feed_name(const struct ui *ui, const struct cache_feed *f)
{
	const struct urls_entry *e =
	        ui->urls ? urls_find(ui->urls, f->url) : NULL;
	if (e && e->title)
		return e->title;
	if (f->title && *f->title)
		return f->title;
	return f->url;
}

/* Whether f is hidden as read (H): no unread stories. */
static bool hidden_read(const struct ui *ui, const struct cache_feed *f)
{
	return ui->state.hide_read_feeds && f->unread == 0;
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
	return !(e && e->hidden) && !hidden_read(ui, f);
}

/* Query feeds and tags: rows of the urls file's query: lines, and the
 * one tag whose feeds the list shows. */

static void queries_read(const struct ui *ui, struct feeds_queries *q)
{
	q->n = ui->urls ? ui->urls->n : 0;
	q->filters = xcalloc(q->n ? q->n : 1, sizeof *q->filters);
	q->counts = xcalloc(q->n ? q->n : 1, sizeof *q->counts);
	for (size_t k = 0; k < q->n; k++) {
		char *name, *expr, *error = NULL;
		const struct urls_entry *e = &ui->urls->entries[k];
		if (e->kind != URLS_QUERY ||
		    !urls_query_split(e->url, &name, &expr))
			continue;
		q->filters[k] = filter_parse(expr, &error, NULL);
		free(error); /* the urls file left out bad lines already */
		free(name);
		free(expr);
	}
}

static void queries_free(struct feeds_queries *q)
{
	ui_query_counting_free(q->counting);
	for (size_t k = 0; k < q->n; k++)
		filter_free(q->filters[k]);
	free(q->filters);
	free(q->counts);
}

/* The feeds read from the cache, and after them a row for each query
 * feed (not in the cache), its counts as last made. */
static struct cache_feed *add_queries(const struct ui *ui,
                                      struct feeds_view *fv,
                                      struct cache_feed *all, size_t *n)
{
	const struct feeds_queries *q = &fv->queries;
	for (size_t k = 0; k < q->n; k++) {
		char *name, *expr;
		if (!q->filters[k] ||
		    !urls_query_split(ui->urls->entries[k].url, &name, &expr))
			continue;
		free(expr);
		all = xreallocarray(all, *n + 1, sizeof *all);
		all[(*n)++] = (struct cache_feed){
		        .id = -(long long)k - 1,
		        .url = xstrdup(ui->urls->entries[k].url),
		        .title = name,
		        .subscribed = true,
		        .unread = (long long)q->counts[k].unread,
		        .total = (long long)q->counts[k].rows,
		};
		fv->queries.due = true; /* from the start again */
		fv->queries.drawn = false;
		ui_query_counting_free(fv->queries.counting);
		fv->queries.counting = NULL;
	}
	return all;
}

/* Count rows of the cache for the query feeds for about SLICE_MS:
 * 1 when every row is counted, 0 when rows are left, -1 on failure. */
static int count_slice(struct ui *ui, struct feeds_queries *q)
{
	if (!q->counting)
		q->counting = ui_query_counting_new(ui->cache, ui->urls,
		                                    q->filters, q->n);
	long long until = monotonic_ms() + SLICE_MS;
	int got;
	do
		got = ui_query_counting_step(q->counting, SLICE_ROWS,
		                             q->counts);
	while (got == 0 && monotonic_ms() < until);
	return got;
}

/* Count the query feeds, once the list was drawn without their counts
 * and no update runs: a slice at a time, the reader coming back at once
 * for the next while keys are answered. */
static unsigned count_queries(struct ui *ui, struct feeds_view *fv)
{
	struct feeds_queries *q = &fv->queries;
	if (!q->due || !q->drawn || ui->updater)
		return UI_REACT_NONE;
	int got = count_slice(ui, q);
	if (got == 0)
		return UI_REACT_DRAW;
	ui_query_counting_free(q->counting);
	q->counting = NULL;
	q->due = false;
	if (got < 0) {
		ui_message(ui, "%s", cache_error(ui->cache));
		return UI_REACT_DRAW;
	}
	q->counted = true;
	for (size_t i = 0; i < fv->held; i++) {
		struct cache_feed *f = &fv->feeds[i];
		if (f->id >= 0)
			continue;
		f->unread = (long long)q->counts[-f->id - 1].unread;
		f->total = (long long)q->counts[-f->id - 1].rows;
	}
	return UI_REACT_DRAW;
}

static struct ui_stories *open_query(struct ui *ui, const struct cache_feed *f,
                                     char **error)
{
	char *name, *expr;
	if (!urls_query_split(f->url, &name, &expr))
		return NULL;
	struct ui_stories *s =
	        ui_stories_query(ui->cache, ui->urls, expr, f->id, error);
	free(name);
	free(expr);
	return s;
}

/* Whether the entry e of the urls file has the tag. */
static bool has_tag(const struct urls_entry *e, const char *tag)
{
	for (size_t i = 0; e && i < e->n_tags; i++)
		if (!strcmp(e->tags[i], tag))
			return true;
	return false;
}

/* Whether f has the tag chosen (every feed has none). */
static bool tagged(const struct ui *ui, const struct feeds_view *fv,
                   const struct cache_feed *f)
{
	return !fv->tag ||
	       has_tag(ui->urls ? urls_find(ui->urls, f->url) : NULL, fv->tag);
}

/* Where f's line is in the urls file; after them, in the cache's
 * order, the feeds it does not list. */
static size_t file_place(const struct ui *ui, const struct cache_feed *f,
                         size_t row)
{
	if (f->id < 0)
		return (size_t)(-f->id - 1);
	const struct urls_entry *e =
	        ui->urls ? urls_find(ui->urls, f->url) : NULL;
	return e ? (size_t)(e - ui->urls->entries) : ui->urls->n + row;
}

struct placed {
	size_t place;
	struct cache_feed feed;
};

static int by_place(const void *a, const void *b)
{
	size_t x = ((const struct placed *)a)->place;
	size_t y = ((const struct placed *)b)->place;
	return (x > y) - (x < y);
}

/* Put the query feeds among the feeds shown where the urls file lists
 * them. */
static void in_file_order(const struct ui *ui, struct feeds_view *fv)
{
	if (!ui->urls || !fv->nfeeds)
		return;
	struct placed *p = xcalloc(fv->nfeeds, sizeof *p);
	for (size_t i = 0; i < fv->nfeeds; i++)
		p[i] = (struct placed){file_place(ui, &fv->feeds[i], i),
		                       fv->feeds[i]};
	qsort(p, fv->nfeeds, sizeof *p, by_place);
	for (size_t i = 0; i < fv->nfeeds; i++)
		fv->feeds[i] = p[i].feed;
	free(p);
}

/* Read the rows from the cache again, keeping the cursor on the same
 * feed. */
static void reload(struct ui *ui, struct feeds_view *fv)
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
	all = add_queries(ui, fv, all, &n);
	/* The shown feeds go to the front, in order; the list keeps the
	 * others behind them, to free them with it. */
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (shown(ui, &all[i], any) && tagged(ui, fv, &all[i])) {
			struct cache_feed t = all[kept];
			all[kept++] = all[i];
			all[i] = t;
		}
	}
	long long id = fv->rows.cursor < fv->nfeeds
	                       ? fv->feeds[fv->rows.cursor].id
	                       : 0;
	cache_feeds_free(fv->feeds, fv->held);
	fv->feeds = all;
	fv->held = n;
	fv->nfeeds = kept;
	fv->stale = false;
	in_file_order(ui, fv);
	for (size_t i = 0; i < kept; i++)
		if (all[i].id == id)
			fv->rows.cursor = i;
	ui_rows_clamp(&fv->rows, kept, body_rows(ui));
}

static void *feeds_create(struct ui *ui)
{
	struct feeds_view *fv = xcalloc(1, sizeof *fv);
	queries_read(ui, &fv->queries);
	if (ui->cache)
		reload(ui, fv);
	return fv;
}

static void feeds_free(struct ui *ui, void *self)
{
	(void)ui;
	struct feeds_view *fv = self;
	cache_feeds_free(fv->feeds, fv->held);
	ui_find_end(&fv->find);
	queries_free(&fv->queries);
	free(fv->tag);
	free(fv->tag_label);
	free(fv);
}

static void draw_feed(const struct ui *ui, const struct feeds_view *fv, int y,
                      size_t i)
{
	const struct cache_feed *f = &fv->feeds[i];
	bool selected = i == fv->rows.cursor;
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
	ui_draw_text(y, TITLE_X, title_width, feed_name(ui, f), role, &ui->lay,
	             UI_PLACE_AUTO);
	int x = TITLE_X + title_width + GAP;
	char *counts = f->id < 0 && !fv->queries.counted
	                       ? xstrdup("…")
	                       : ui_numbers("%lld/%lld", f->unread, f->total);
	ui_draw_text(y, x, COUNTS_WIDTH, counts, selected ? role : UI_ROLE_DATE,
	             &ui->lay, UI_PLACE_END);
	free(counts);
	if (!updated || f->id < 0)
		return;
	x += COUNTS_WIDTH + GAP;
	char when[32] = "";
	time_t t = (time_t)f->last_update;
	struct tm tm;
	if (t && localtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	char *shown = lang_digits(t ? when : _("never"));
	ui_draw_text(y, x, UPDATED_WIDTH, shown, selected ? role : UI_ROLE_DATE,
	             &ui->lay, UI_PLACE_AUTO);
	free(shown);
}

/* Whether another feed shown has the name of the one under the cursor. */
static bool name_shared(const struct ui *ui, const struct feeds_view *fv)
{
	const char *name = feed_name(ui, &fv->feeds[fv->rows.cursor]);
	for (size_t i = 0; i < fv->nfeeds; i++)
		if (i != fv->rows.cursor &&
		    !strcmp(feed_name(ui, &fv->feeds[i]), name))
			return true;
	return false;
}

/* Where the cursor is, and the feed's address when its name alone does
 * not tell it from another row's. */
static char *position(const struct ui *ui, const struct feeds_view *fv)
{
	char *at = ui_numbers("%zu/%zu", fv->nfeeds ? fv->rows.cursor + 1 : 0,
	                      fv->nfeeds);
	if (!fv->nfeeds || !name_shared(ui, fv))
		return at;
	char *both = xasprintf("%s  %s", at, fv->feeds[fv->rows.cursor].url);
	free(at);
	return both;
}

/* The selected feed's error, else where the cursor is; the progress of
 * an update, else the keys. */
static void draw_status(const struct ui *ui, const struct feeds_view *fv)
{
	const struct cache_feed *f =
	        fv->nfeeds ? &fv->feeds[fv->rows.cursor] : NULL;
	char *start = f && f->last_error
	                      ? xasprintf(_("error: %s"), f->last_error)
	                      : position(ui, fv);
	static const struct ui_hint hints[] = {
	        {UI_ACTION_OPEN, N_("%s open")},
	        {UI_ACTION_RELOAD, N_("%s reload")},
	        {UI_ACTION_HELP, N_("%s help")},
	        {UI_ACTION_CLOSE, N_("%s quit")},
	};
	char *end = NULL;
	if (ui->updater) {
		size_t done, total;
		updater_progress(ui->updater, &done, &total);
		end = ui_numbers(_("updating %zu/%zu"), done, total);
	} else {
		end = ui_hints(ui, hints, sizeof hints / sizeof *hints);
	}
	ui_draw_bar(ui, ui->rows - 1, UI_ROLE_STATUS, start, end);
	free(start);
	free(end);
}

static void feeds_draw(struct ui *ui, void *self)
{
	struct feeds_view *fv = self;
	ui_rows_show_cursor(&fv->rows, body_rows(ui));
	long long unread = 0;
	for (size_t i = 0; i < fv->nfeeds; i++)
		if (fv->feeds[i].id > 0) /* a query's are counted already */
			unread += fv->feeds[i].unread;
	char *numbers =
	        ui_numbers(ngettext("%zu feed, %lld unread",
	                            "%zu feeds, %lld unread", fv->nfeeds),
	                   fv->nfeeds, unread);
	char *counts = ui->state.hide_read_feeds
	                       ? xasprintf("%s  %s", _("read hidden"), numbers)
	                       : xstrdup(numbers);
	free(numbers);
	char *title = fv->tag ? xasprintf(_("%s, tag %s"), PACKAGE, fv->tag)
	                      : xstrdup(PACKAGE);
	ui_draw_bar(ui, 0, UI_ROLE_TITLE, title, counts);
	free(title);
	free(counts);
	fv->queries.drawn = true;

	int h = ui_body_rows(ui);
	for (int y = 0; y < h && fv->rows.top + (size_t)y < fv->nfeeds; y++)
		draw_feed(ui, fv, 1 + y, fv->rows.top + (size_t)y);
	if (fv->nfeeds == 0)
		ui_draw_text(1, 1, ui->cols - 2, _("No subscriptions."),
		             UI_ROLE_NORMAL, &ui->lay, UI_PLACE_AUTO);
	draw_status(ui, fv);
}

static unsigned open_feed(struct ui *ui, struct feeds_view *fv)
{
	if (fv->nfeeds == 0)
		return UI_REACT_NONE;
	const struct cache_feed *f = &fv->feeds[fv->rows.cursor];
	char *error = NULL;
	struct ui_stories *s =
	        f->id < 0 ? open_query(ui, f, &error)
	                  : ui_stories_for(ui, f->id, CACHE_LIST_ALL, &error);
	if (!s) {
		ui_message_error(ui, error);
		return UI_REACT_DRAW;
	}
	ui_list_open(ui, s, feed_name(ui, f));
	return UI_REACT_DRAW;
}

static bool name_matches(const struct ui *ui, const struct feeds_view *fv,
                         size_t i)
{
	const char *name = feed_name(ui, &fv->feeds[i]);
	return text_query_find(fv->find.query, name, strlen(name), NULL, NULL);
}

/* Move the cursor to the next (step 1) or previous (step -1) feed whose
 * name matches the search, around the ends; step 0: the cursor's own
 * feed when it matches, else the next. */
static unsigned find_move(struct ui *ui, struct feeds_view *fv, int step)
{
	size_t n = fv->nfeeds, total = 0, rank = 0, at = n;
	for (size_t i = 0; i < n; i++)
		total += name_matches(ui, fv, i);
	if (total == 0) {
		ui_find_none(ui, &fv->find);
		return UI_REACT_DRAW;
	}
	size_t i = fv->rows.cursor;
	if (step == 0 && name_matches(ui, fv, i))
		at = i;
	while (at == n) {
		i = step < 0 ? (i + n - 1) % n : (i + 1) % n;
		if (name_matches(ui, fv, i))
			at = i;
	}
	for (size_t k = 0; k <= at; k++)
		rank += name_matches(ui, fv, k);
	ui_rows_move_to(&fv->rows, n, body_rows(ui), at);
	ui_find_report(ui, rank, total);
	return UI_REACT_DRAW;
}

static unsigned feeds_search(struct ui *ui, void *self, const char *text)
{
	struct feeds_view *fv = self;
	if (!ui_find_start(ui, &fv->find, text))
		return UI_REACT_DRAW;
	return find_move(ui, fv, 0);
}

/* The row of feed feed_id, or nfeeds when it is not shown. */
static size_t row_of(const struct feeds_view *fv, long long feed_id)
{
	size_t k = 0;
	while (k < fv->nfeeds && fv->feeds[k].id != feed_id)
		k++;
	return k;
}

long long ui_feeds_next_unread(struct ui *ui, long long feed_id, int step,
                               bool *wrapped)
{
	struct feeds_view *fv = state(ui);
	if (fv->stale)
		reload(ui, fv);
	size_t n = fv->nfeeds, k = row_of(fv, feed_id);
	bool from_row = k < n; /* else from outside the ends: no wrap */
	for (size_t tries = 0; tries < n; tries++) {
		bool round = step > 0 ? k + 1 >= n : k == 0 || k >= n;
		if (step > 0)
			k = round ? 0 : k + 1;
		else
			k = round ? n - 1 : k - 1;
		*wrapped |= round && from_row;
		from_row = true;
		if (fv->feeds[k].unread > 0 && fv->feeds[k].id > 0)
			return fv->feeds[k].id;
	}
	return 0;
}

void ui_feeds_show(struct ui *ui, long long feed_id, struct ui_stories *s)
{
	struct feeds_view *fv = state(ui);
	size_t k = row_of(fv, feed_id);
	ui_rows_move_to(&fv->rows, fv->nfeeds, body_rows(ui), k);
	const char *title =
	        k < fv->nfeeds ? feed_name(ui, &fv->feeds[k]) : NULL;
	if (ui->stories)
		ui_list_replace(ui, s, title);
	else
		ui_list_open(ui, s, title);
}

/* Move the cursor to the next (step 1) or previous (step -1) feed with
 * unread stories. */
static unsigned unread_feed(struct ui *ui, struct feeds_view *fv, int step)
{
	if (fv->nfeeds == 0)
		return UI_REACT_NONE;
	bool wrapped = false;
	long long id = ui_feeds_next_unread(ui, fv->feeds[fv->rows.cursor].id,
	                                    step, &wrapped);
	if (!id) {
		ui_info(ui, "%s", _("no unread stories"));
		return UI_REACT_DRAW;
	}
	ui_rows_move_to(&fv->rows, fv->nfeeds, body_rows(ui), row_of(fv, id));
	if (wrapped)
		ui_unread_wrapped(ui, step);
	return UI_REACT_DRAW;
}

/* H: feeds without unread stories hidden or shown again, remembered. */
static unsigned toggle_read_feeds(struct ui *ui, struct feeds_view *fv)
{
	ui->state.hide_read_feeds = !ui->state.hide_read_feeds;
	ui_state_changed(ui);
	reload(ui, fv);
	ui_info(ui, "%s",
	        ui->state.hide_read_feeds ? _("read feeds hidden")
	                                  : _("read feeds shown"));
	return UI_REACT_DRAW;
}

/* Choosing a tag: the list shows only the feeds the urls file gives it. */

/* Show the feeds of tag (NULL: every feed). */
static unsigned show_tag(struct ui *ui, struct feeds_view *fv, const char *tag)
{
	free(fv->tag);
	fv->tag = tag ? xstrdup(tag) : NULL;
	fv->rows.cursor = 0;
	fv->rows.top = 0;
	reload(ui, fv);
	return UI_REACT_DRAW;
}

/* Every tag of the urls file, once each, in file order: *n gets their
 * count; the strings are the urls file's. */
static const char **all_tags(const struct ui *ui, size_t *n)
{
	*n = 0;
	size_t cap = 0;
	const char **tags = NULL;
	for (size_t k = 0; ui->urls && k < ui->urls->n; k++) {
		const struct urls_entry *e = &ui->urls->entries[k];
		for (size_t i = 0; i < e->n_tags; i++) {
			size_t j = 0;
			while (j < *n && strcmp(tags[j], e->tags[i]))
				j++;
			if (j < *n)
				continue;
			if (*n == cap) {
				cap = cap ? 2 * cap : 8;
				tags = xreallocarray(tags, cap, sizeof *tags);
			}
			tags[(*n)++] = e->tags[i];
		}
	}
	return tags;
}

/* The tag typed: a tag of the file, else the only one it begins. */
static unsigned tag_answer(struct ui *ui, const char *text)
{
	struct feeds_view *fv = state(ui);
	free(fv->tag_label);
	fv->tag_label = NULL;
	if (!text || !*text)
		return UI_REACT_DRAW;
	size_t n, found = 0;
	const char **tags = all_tags(ui, &n);
	const char *tag = NULL;
	for (size_t i = 0; i < n && !(tag && !strcmp(tag, text)); i++)
		if (!strncmp(tags[i], text, strlen(text))) {
			tag = tags[i];
			found++;
		}
	if (tag && (found == 1 || !strcmp(tag, text))) {
		unsigned reaction = show_tag(ui, fv, tag);
		free(tags);
		return reaction;
	}
	free(tags);
	if (found > 1)
		ui_message(ui, _("%s begins more than one tag"), text);
	else
		ui_message(ui, _("no tag %s"), text);
	return UI_REACT_DRAW;
}

/* Ask which tag, the urls file's tags listed. */
static unsigned ask_tag(struct ui *ui)
{
	struct feeds_view *fv = state(ui);
	size_t n;
	const char **tags = all_tags(ui, &n);
	if (!n) {
		free(tags);
		ui_message(ui, "%s", _("no feed has a tag in the urls file"));
		return UI_REACT_DRAW;
	}
	struct strbuf list = {0};
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_adds(&list, ", ");
		strbuf_adds(&list, tags[i]);
	}
	free(tags);
	free(fv->tag_label);
	char *joined = strbuf_take(&list);
	fv->tag_label = xasprintf(_("tag (%s):"), joined);
	free(joined);
	ui_prompt_ask(ui, fv->tag_label, "", tag_answer);
	return UI_REACT_DRAW;
}

/* A: a feed's items marked read, or a query's matches. */
static unsigned mark_feed_read(struct ui *ui, const struct cache_feed *f)
{
	if (f->id >= 0)
		return ui_unread_mark_read(ui, f->id);
	char *error = NULL;
	struct ui_stories *s = open_query(ui, f, &error);
	if (!s) {
		ui_message_error(ui, error);
		return UI_REACT_DRAW;
	}
	unsigned reaction = ui_unread_mark_stories_read(ui, s);
	s->ops->free(s);
	return reaction;
}

static unsigned feeds_action(struct ui *ui, void *self, enum ui_action a)
{
	struct feeds_view *fv = self;
	switch (a) {
	case UI_ACTION_SEARCH_NEXT: /* with no search, the next row */
		if (fv->find.query)
			return find_move(ui, fv, 1);
		a = UI_ACTION_LINE_DOWN;
		break;
	case UI_ACTION_SEARCH_PREV:
		if (fv->find.query)
			return find_move(ui, fv, -1);
		a = UI_ACTION_LINE_UP;
		break;
	case UI_ACTION_OPEN:
		return open_feed(ui, fv);
	case UI_ACTION_MARK_FEED_READ:
		if (fv->nfeeds == 0)
			return UI_REACT_NONE;
		return mark_feed_read(ui, &fv->feeds[fv->rows.cursor]);
	case UI_ACTION_NEXT_UNREAD:
	case UI_ACTION_NEXT_UNREAD_FEED:
		return unread_feed(ui, fv, 1);
	case UI_ACTION_PREV_UNREAD:
	case UI_ACTION_PREV_UNREAD_FEED:
		return unread_feed(ui, fv, -1);
	case UI_ACTION_CLOSE:
		return UI_REACT_QUIT;
	case UI_ACTION_TOGGLE_SHOW_READ:
		return toggle_read_feeds(ui, fv);
	case UI_ACTION_SELECT_TAG:
		return ask_tag(ui);
	case UI_ACTION_CLEAR_TAG:
		return show_tag(ui, fv, NULL);
	default:
		break;
	}
	return ui_rows_move(&fv->rows, fv->nfeeds, body_rows(ui), a);
}

static char *feeds_link(struct ui *ui, void *self)
{
	(void)ui;
	struct feeds_view *fv = self;
	if (fv->nfeeds == 0)
		return NULL;
	const struct cache_feed *f = &fv->feeds[fv->rows.cursor];
	return xstrdup(f->link ? f->link : f->url);
}

static void feeds_changed(struct ui *ui, void *self, long long feed_id)
{
	(void)ui;
	(void)feed_id;
	struct feeds_view *fv = self;
	fv->stale = true;
}

/* The counts change under the list too: it reads them again at once. */
static unsigned feeds_reread(struct ui *ui, void *self, bool on_top)
{
	(void)on_top;
	struct feeds_view *fv = self;
	if (!ui->cache)
		return UI_REACT_NONE;
	unsigned reaction = UI_REACT_NONE;
	if (fv->stale) {
		reload(ui, fv);
		reaction = UI_REACT_DRAW;
	}
	return reaction;
}

static unsigned feeds_settle(struct ui *ui, void *self)
{
	return ui->cache ? count_queries(ui, self) : UI_REACT_NONE;
}

void ui_feeds_mark_stale(struct ui *ui)
{
	state(ui)->stale = true;
}

/* A feed finished updating: the views read the cache again. */
static void on_updated(void *ctx, const struct update_report *r)
{
	struct ui *ui = ctx;
	struct feeds_view *fv = state(ui);
	if (r->status == UPDATE_ERROR)
		ui->update_errors++;
	long long id = -1;
	for (size_t i = 0; i < fv->nfeeds; i++)
		if (!strcmp(fv->feeds[i].url, r->url))
			id = fv->feeds[i].id;
	ui_views_changed(ui, id);
}

/* Whether row k of the feed list is what ui_feeds_update() means. */
static bool to_update(const struct feeds_view *fv, size_t k, long long feed_id)
{
	return fv->feeds[k].id > 0 &&
	       (feed_id == UI_FEEDS_ALL || fv->feeds[k].id == feed_id);
}

void ui_feeds_update(struct ui *ui, long long feed_id)
{
	struct feeds_view *fv = state(ui);
	if (feed_id == UI_FEEDS_SELECTED)
		feed_id = fv->rows.cursor < fv->nfeeds
		                  ? fv->feeds[fv->rows.cursor].id
		                  : UI_FEEDS_ALL;
	if (feed_id < 0) /* a query: its stories can come from any feed */
		feed_id = UI_FEEDS_ALL;
	bool any = false;
	for (size_t k = 0; k < fv->nfeeds && !any; k++)
		any = to_update(fv, k, feed_id);
	if (!any)
		return;
	if (!ui->updater) {
		struct update_options opt = {
		        .fetch = ui->fetch,
		        /* Bodies are stored when complete, so no transaction
		         * stays open for the network; they are parsed a few
		         * milliseconds a turn, so keys are answered meanwhile.
		         */
		        .stream = false,
		        .slice_ms = 5,
		        .ignore = &ui->cfg->ignore,
		        .urls = ui->urls,
		        .expire_days = ui->expire_days,
		        .on_done = on_updated,
		        .ctx = ui,
		};
		ui->updater = updater_new(ui->cache, &opt);
		ui->update_errors = 0;
	}
	for (size_t k = 0; k < fv->nfeeds; k++)
		if (to_update(fv, k, feed_id))
			updater_add(ui->updater, fv->feeds[k].url,
			            fv->feeds[k].etag,
			            fv->feeds[k].last_modified);
}

const struct ui_view_ops ui_feeds_view = {
        .create = feeds_create,
        .free = feeds_free,
        .draw = feeds_draw,
        .action = feeds_action,
        .search = feeds_search,
        .link = feeds_link,
        .changed = feeds_changed,
        .reread = feeds_reread,
        .settle = feeds_settle,
};
