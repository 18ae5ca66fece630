/* The story source of a query feed: the rows of the list of every feed
 * whose item matches a filter expression (model/filter.h), newest first.
 *
 * Opening it reads the list (store/query.c: only the columns a filter
 * looks at) until it holds a screen of matches, and keeps their ids;
 * the rest is read a slice at a time (read_more(), from the headline
 * list's settle hook: keys are answered between slices), the matches
 * numbered in list order as they come.  The rows shown are read by id, a
 * window at a time, as the cache's source reads its rows.
 * An article, its related stories and the web pages behind them are
 * those the source of every feed gives for the item (stories_cache.c),
 * kept inside: a related story not in the list becomes an extra story,
 * numbered after the list's (count() and up). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/filter.h"
#include "ui/stories.h"
#include "util/clock.h"
#include "util/xalloc.h"

/* Rows held: more than a screen, so drawing one reads none. */
#define WINDOW 256

/* The list is read CHUNK_ROWS rows at a time.  Opening it reads until it
 * holds FIRST_MATCHES (more than a screen's rows) or for FIRST_MS; a
 * slice of read_more() stops after SLICE_ROWS rows, so that a slice is
 * short on any machine. */
#define CHUNK_ROWS    256
#define FIRST_MATCHES 256
#define FIRST_MS      20
#define SLICE_ROWS    2048

/* Feeds are looked up in the urls file once each, by id, up to this id;
 * a larger one each time. */
#define FEEDS_HELD (1 << 16)

/* What the urls file says of each feed the rows come from. */
struct query_feeds {
	const struct urls *urls;
	const struct urls_entry **entry; /* by feed id; NULL: none */
	bool *known;                     /* entry[id] looked up */
	size_t n;
	char **names; /* by feed id: the site column's name, or NULL */
	size_t nnames;
};

static const struct urls_entry *feed_entry(struct query_feeds *qf, long long id,
                                           const char *url)
{
	if (!qf->urls || !url)
		return NULL;
	if (id < 0 || id >= FEEDS_HELD)
		return urls_find(qf->urls, url);
	size_t k = (size_t)id;
	if (k >= qf->n) {
		size_t n = k + 64;
		qf->entry = xreallocarray(qf->entry, n, sizeof *qf->entry);
		qf->known = xreallocarray(qf->known, n, sizeof *qf->known);
		memset(qf->known + qf->n, 0, (n - qf->n) * sizeof *qf->known);
		qf->n = n;
	}
	if (!qf->known[k]) {
		qf->entry[k] = urls_find(qf->urls, url);
		qf->known[k] = true;
	}
	return qf->entry[k];
}

static void query_feeds_free(struct query_feeds *qf)
{
	free(qf->entry);
	free(qf->known);
	for (size_t k = 0; k < qf->nnames; k++)
		free(qf->names[k]);
	free(qf->names);
}

/* The slot of feed id's name, NULL for an id too large to hold. */
static char **name_slot(struct query_feeds *qf, long long id)
{
	if (id <= 0 || id >= FEEDS_HELD)
		return NULL;
	size_t k = (size_t)id;
	if (k >= qf->nnames) {
		size_t n = k + 64;
		qf->names = xreallocarray(qf->names, n, sizeof *qf->names);
		memset(qf->names + qf->nnames, 0,
		       (n - qf->nnames) * sizeof *qf->names);
		qf->nnames = n;
	}
	return &qf->names[k];
}

/* Keep the name of an item's feed as the feed list shows it: its title
 * in the urls file, else its own, else its address. */
static void note_name(struct query_feeds *qf, const struct cache_query_item *it)
{
	char **slot = name_slot(qf, it->feed_id);
	if (!slot || *slot)
		return;
	const struct urls_entry *e = feed_entry(qf, it->feed_id, it->feed_url);
	const char *name = e && e->title                       ? e->title
	                   : it->feed_title && *it->feed_title ? it->feed_title
	                                                       : it->feed_url;
	*slot = xstrdup(name ? name : "");
}

/* The name of feed id: as noted, else (a feed no match came from) the
 * cache's. */
static const char *feed_name(struct query_feeds *qf, struct cache *cache,
                             long long id)
{
	char **slot = name_slot(qf, id);
	if (slot && !*slot)
		*slot = cache_feed_name(cache, id);
	return slot ? *slot : NULL;
}

/* The item as a filter sees it: the feed's tags and title from the urls
 * file, the item's summary as its content. */
static struct filter_item filter_item_of(struct query_feeds *qf,
                                         const struct cache_query_item *it,
                                         long long now)
{
	const struct urls_entry *e = feed_entry(qf, it->feed_id, it->feed_url);
	return (struct filter_item){
	        .title = it->title,
	        .content = it->content,
	        .author = it->author,
	        .link = it->link,
	        .guid = it->guid,
	        .feed_title = e && e->title ? e->title : it->feed_title,
	        .feed_url = it->feed_url,
	        .feed_link = it->feed_link,
	        .tags = e ? (const char *const *)e->tags : NULL,
	        .ntags = e ? e->n_tags : 0,
	        .time = it->time,
	        .now = now,
	        .unread = !it->read,
	        .starred = it->starred,
	};
}

/* Counting several query feeds' lists in one reading of the cache, a
 * slice of rows at a time. */
struct ui_query_counting {
	struct cache *cache;
	struct query_feeds feeds;
	struct filter *const *filters;
	struct cache_list_counts *counts; /* so far */
	size_t n;
	long long now;
	struct cache_row_key at; /* the last row counted */
	bool started;
	bool content; /* a filter looks at the items' content */
};

static bool count_item(const struct cache_query_item *it, void *ctx)
{
	struct ui_query_counting *qc = ctx;
	struct filter_item fi = filter_item_of(&qc->feeds, it, qc->now);
	for (size_t k = 0; k < qc->n; k++) {
		if (!qc->filters[k] || !filter_match(qc->filters[k], &fi))
			continue;
		qc->counts[k].rows++;
		qc->counts[k].unread += !it->read;
	}
	return true;
}

struct ui_query_counting *ui_query_counting_new(struct cache *cache,
                                                const struct urls *urls,
                                                struct filter *const *filters,
                                                size_t n)
{
	struct ui_query_counting *qc = xcalloc(1, sizeof *qc);
	qc->cache = cache;
	qc->feeds.urls = urls;
	qc->filters = filters;
	qc->counts = xcalloc(n ? n : 1, sizeof *qc->counts);
	qc->n = n;
	qc->now = (long long)time(NULL);
	for (size_t k = 0; k < n; k++)
		qc->content |= filters[k] && filter_uses_content(filters[k]);
	return qc;
}

int ui_query_counting_step(struct ui_query_counting *qc, size_t most,
                           struct cache_list_counts *counts)
{
	long long got =
	        cache_query_scan(qc->cache, qc->started ? &qc->at : NULL, most,
	                         qc->content, count_item, qc, &qc->at);
	if (got < 0)
		return -1;
	qc->started |= got > 0;
	if (most && (size_t)got == most)
		return 0;
	memcpy(counts, qc->counts, qc->n * sizeof *counts);
	return 1;
}

void ui_query_counting_free(struct ui_query_counting *qc)
{
	if (!qc)
		return;
	query_feeds_free(&qc->feeds);
	free(qc->counts);
	free(qc);
}

struct query_stories {
	struct ui_stories base;
	struct cache *cache;
	struct filter *filter;
	bool content; /* the filter looks at the items' content */
	struct query_feeds feeds;
	long long *ids; /* the matches, in list order */
	size_t n, cap;
	size_t unread;
	struct cache_headlines *win; /* rows first.. of the list */
	size_t first;
	struct cache_headline *extra; /* stories n.. ; titles owned */
	size_t nextra;
	/* The reading of the list: from the row after `at` (when started),
	 * matched at the time `now`; base.reading while rows are left. */
	struct cache_row_key at;
	bool started;
	long long now;
	/* Articles and related stories come from the source of every feed;
	 * inner_story is its story of item inner_id. */
	struct ui_stories *inner;
	long long inner_id;
	size_t inner_story;
};

static struct query_stories *of(struct ui_stories *s)
{
	return (struct query_stories *)s;
}

static bool match_item(const struct cache_query_item *it, void *ctx)
{
	struct query_stories *qs = ctx;
	struct filter_item fi = filter_item_of(&qs->feeds, it, qs->now);
	if (!filter_match(qs->filter, &fi))
		return true;
	if (qs->n == qs->cap) {
		qs->cap = qs->cap ? 2 * qs->cap : 1024;
		qs->ids = xreallocarray(qs->ids, qs->cap, sizeof *qs->ids);
	}
	qs->ids[qs->n++] = it->id;
	qs->unread += !it->read;
	note_name(&qs->feeds, it);
	return true;
}

/* Where a reading of the list stops, whichever comes first (0, NULL: no
 * such bound): after ms milliseconds, after `rows` rows, once the list
 * holds `matches` matches, once it has gone past the row `past`.  It
 * always stops at the list's end. */
struct slice {
	int ms;
	size_t rows, matches;
	const struct cache_row_key *past;
};

/* Whether the row at comes after the row key in the list's order (newest
 * first, then by id). */
static bool after_row(const struct cache_row_key *at,
                      const struct cache_row_key *key)
{
	return at->time < key->time ||
	       (at->time == key->time && at->id >= key->id);
}

static bool slice_done(const struct query_stories *qs, const struct slice *sl,
                       long long until, size_t rows)
{
	return (sl->ms && monotonic_ms() >= until) ||
	       (sl->rows && rows >= sl->rows) ||
	       (sl->matches && qs->n >= sl->matches) ||
	       (sl->past && qs->started && after_row(&qs->at, sl->past));
}

/* Read the list on, a chunk at a time, as far as sl says; false with
 * *error (a new string), the list then reading no more. */
static bool read_slice(struct query_stories *qs, const struct slice *sl,
                       char **error)
{
	long long until = monotonic_ms() + sl->ms;
	size_t rows = 0;
	while (qs->base.reading && !slice_done(qs, sl, until, rows)) {
		long long got = cache_query_scan(
		        qs->cache, qs->started ? &qs->at : NULL, CHUNK_ROWS,
		        qs->content, match_item, qs, &qs->at);
		if (got < 0) {
			qs->base.reading = false;
			*error = xstrdup(cache_error(qs->cache));
			return false;
		}
		qs->started |= got > 0;
		qs->base.reading = got == CHUNK_ROWS;
		rows += (size_t)got;
	}
	return true;
}

/* Read the matches again from the list's first row on, as far as sl
 * says. */
static bool read_from_start(struct query_stories *qs, const struct slice *sl,
                            char **error)
{
	qs->n = 0;
	qs->unread = 0;
	qs->started = false;
	qs->base.reading = true;
	qs->now = (long long)time(NULL);
	return read_slice(qs, sl, error);
}

static const struct slice first_slice = {.ms = FIRST_MS,
                                         .matches = FIRST_MATCHES};

/* Hold the window of rows around row i; when they can't be read, the
 * window stays. */
static void read_rows(struct query_stories *qs, size_t i)
{
	size_t p = i > WINDOW / 2 ? i - WINDOW / 2 : 0;
	size_t end = qs->n - p < WINDOW ? qs->n : p + WINDOW;
	struct cache_headlines *h =
	        cache_query_rows(qs->cache, qs->ids + p, end - p);
	if (!h)
		return;
	cache_headlines_free(qs->win);
	qs->win = h;
	qs->first = p;
}

static bool in_window(const struct query_stories *qs, size_t i)
{
	return qs->win && i >= qs->first && i < qs->first + qs->win->n;
}

/* Story i: a row of the list or an extra story. */
static struct cache_headline *row(struct query_stories *qs, size_t i)
{
	static struct cache_headline gone = {.title = ""};
	if (i >= qs->n)
		return i - qs->n < qs->nextra ? &qs->extra[i - qs->n] : &gone;
	if (!in_window(qs, i))
		read_rows(qs, i);
	return in_window(qs, i) ? &qs->win->items[i - qs->first] : &gone;
}

static size_t qs_count(struct ui_stories *s)
{
	return of(s)->n;
}

static size_t qs_unread(struct ui_stories *s)
{
	return of(s)->unread;
}

static const char *qs_title(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->title;
}

static const char *qs_site(struct ui_stories *s, size_t i)
{
	struct query_stories *qs = of(s);
	return feed_name(&qs->feeds, qs->cache, row(qs, i)->feed_id);
}

static char *qs_date(struct ui_stories *s, size_t i)
{
	return ui_stories_day(row(of(s), i)->time);
}

static bool qs_is_read(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->read;
}

static bool qs_is_starred(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->starred;
}

static long long qs_item(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->id;
}

/* The inner source's story of story i, or STORY_NONE. */
static size_t inner_story(struct query_stories *qs, size_t i)
{
	long long id = row(qs, i)->id;
	if (!id)
		return STORY_NONE;
	if (id != qs->inner_id) {
		qs->inner_story = qs->inner->ops->story_of_item(qs->inner, id);
		qs->inner_id = id;
	}
	return qs->inner_story;
}

static struct article *qs_page(struct ui_stories *s, size_t i, char **error)
{
	struct query_stories *qs = of(s);
	size_t k = inner_story(qs, i);
	if (k == STORY_NONE) {
		*error = xstrdup(cache_error(qs->cache));
		return NULL;
	}
	return qs->inner->ops->page(qs->inner, k, error);
}

static size_t qs_more_related(struct ui_stories *s, size_t i, struct article *a)
{
	struct query_stories *qs = of(s);
	size_t k = inner_story(qs, i);
	return k == STORY_NONE ? 0
	                       : qs->inner->ops->more_related(qs->inner, k, a);
}

/* The story of item id: its row in the list, else an extra story. */
static size_t story_of(struct query_stories *qs, long long id)
{
	for (size_t i = 0; i < qs->n; i++)
		if (qs->ids[i] == id)
			return i;
	for (size_t i = 0; i < qs->nextra; i++)
		if (qs->extra[i].id == id)
			return qs->n + i;
	struct cache_headlines *h = cache_query_rows(qs->cache, &id, 1);
	if (!h || !h->n || !h->items[0].feed_id) {
		cache_headlines_free(h);
		return STORY_NONE;
	}
	qs->extra = xreallocarray(qs->extra, qs->nextra + 1, sizeof *qs->extra);
	qs->extra[qs->nextra] = h->items[0];
	qs->extra[qs->nextra].title = xstrdup(h->items[0].title);
	cache_headlines_free(h);
	return qs->n + qs->nextra++;
}

static size_t qs_target(struct ui_stories *s, size_t i, size_t k)
{
	struct query_stories *qs = of(s);
	size_t from = inner_story(qs, i);
	if (from == STORY_NONE)
		return STORY_NONE;
	size_t t = qs->inner->ops->target(qs->inner, from, k);
	if (t == STORY_NONE)
		return STORY_NONE;
	return story_of(qs, qs->inner->ops->item(qs->inner, t));
}

static char *qs_related_link(struct ui_stories *s, size_t i, size_t k)
{
	struct query_stories *qs = of(s);
	size_t from = inner_story(qs, i);
	return from == STORY_NONE
	               ? NULL
	               : qs->inner->ops->related_link(qs->inner, from, k);
}

static size_t qs_story_of_item(struct ui_stories *s, long long id)
{
	return story_of(of(s), id);
}

/* A row's mark is its group's, as in the list of every feed. */
static bool qs_set_read(struct ui_stories *s, size_t i, bool read, char **error)
{
	struct query_stories *qs = of(s);
	struct cache_headline *h = row(qs, i);
	struct cache_list every =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	bool ok = h->story ? cache_story_set_read(qs->cache, h->story, &every,
	                                          read)
	                   : cache_item_set_read(qs->cache, h->id, read);
	if (!ok) {
		*error = xstrdup(cache_error(qs->cache));
		return false;
	}
	if (i < qs->n && h->read != read) {
		if (read)
			qs->unread--;
		else
			qs->unread++;
	}
	h->read = read;
	return true;
}

static bool qs_set_starred(struct ui_stories *s, size_t i, bool starred,
                           char **error)
{
	struct query_stories *qs = of(s);
	if (!cache_item_set_starred(qs->cache, row(qs, i)->id, starred)) {
		*error = xstrdup(cache_error(qs->cache));
		return false;
	}
	row(qs, i)->starred = starred;
	return true;
}

static bool qs_mark_all_read(struct ui_stories *s, char **error)
{
	struct query_stories *qs = of(s);
	if (!ui_stories_read_all(s, error))
		return false;
	if (!cache_items_set_read(qs->cache, qs->ids, qs->n, true)) {
		*error = xstrdup(cache_error(qs->cache));
		return false;
	}
	for (size_t i = 0; qs->win && i < qs->win->n; i++)
		qs->win->items[i].read = true;
	qs->unread = 0;
	return true;
}

/* The list is read whole first; the headlines are read a window at a
 * time, from the story on. */
static bool qs_find(struct ui_stories *s, const char *text,
                    const struct text_query *q, size_t from,
                    enum ui_find_move move, struct ui_found *found,
                    char **error)
{
	(void)text;
	if (!ui_stories_read_all(s, error))
		return false;
	ui_stories_find_every(s, q, from, move, found);
	if (found->total)
		row(of(s), found->story);
	return true;
}

static void free_extra(struct query_stories *qs)
{
	for (size_t i = 0; i < qs->nextra; i++)
		free((char *)qs->extra[i].title);
	free(qs->extra);
	qs->extra = NULL;
	qs->nextra = 0;
}

static bool qs_read_more(struct ui_stories *s, int ms, char **error)
{
	struct slice sl = {.ms = ms, .rows = ms ? SLICE_ROWS : 0};
	return read_slice(of(s), &sl, error);
}

/* The matches are read again, as far as the story kept (found by its
 * item) at least, the rest left for read_more(). */
static size_t qs_reload(struct ui_stories *s, size_t keep)
{
	struct query_stories *qs = of(s);
	const struct cache_headline *kept = keep < qs->n ? row(qs, keep) : NULL;
	long long id = kept ? kept->id : 0;
	struct cache_row_key key = {kept ? kept->time : 0, id};
	/* a row gone has no place in the list: read no further for it */
	struct slice to_kept = {.past = &key};
	const struct slice *sl =
	        kept && kept->feed_id ? &to_kept : &first_slice;
	char *error = NULL;
	free_extra(qs);
	cache_headlines_free(qs->win);
	qs->win = NULL;
	if (!read_from_start(qs, sl, &error))
		free(error); /* the list as read until it reads again */
	for (size_t i = 0; id && i < qs->n; i++)
		if (qs->ids[i] == id)
			return i;
	return keep < qs->n ? keep : (qs->n ? qs->n - 1 : 0);
}

static void qs_free(struct ui_stories *s)
{
	struct query_stories *qs = of(s);
	cache_headlines_free(qs->win);
	free_extra(qs);
	free(qs->ids);
	filter_free(qs->filter);
	query_feeds_free(&qs->feeds);
	if (qs->inner)
		qs->inner->ops->free(qs->inner);
	free(qs);
}

static const struct ui_stories_ops query_ops = {
        .count = qs_count,
        .title = qs_title,
        .site = qs_site,
        .date = qs_date,
        .is_read = qs_is_read,
        .is_starred = qs_is_starred,
        .unread = qs_unread,
        .page = qs_page,
        .more_related = qs_more_related,
        .target = qs_target,
        .item = qs_item,
        .related_link = qs_related_link,
        .story_of_item = qs_story_of_item,
        .set_read = qs_set_read,
        .set_starred = qs_set_starred,
        .mark_all_read = qs_mark_all_read,
        .find = qs_find,
        .reload = qs_reload,
        .read_more = qs_read_more,
        .free = qs_free,
};

struct ui_stories *ui_stories_query(struct cache *cache,
                                    const struct urls *urls, const char *expr,
                                    long long feed_id, char **error)
{
	struct filter *f = filter_parse(expr, error, NULL);
	if (!f)
		return NULL;
	struct query_stories *qs = xcalloc(1, sizeof *qs);
	qs->base.ops = &query_ops;
	qs->base.feed_id = feed_id;
	qs->base.has_site = true; /* stories of many feeds */
	qs->cache = cache;
	qs->filter = f;
	qs->content = filter_uses_content(f);
	qs->feeds.urls = urls;
	struct cache_list every =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	qs->inner = ui_stories_cache(cache, &every, error);
	if (!qs->inner || !read_from_start(qs, &first_slice, error)) {
		qs_free(&qs->base);
		return NULL;
	}
	return &qs->base;
}
