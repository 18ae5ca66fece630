/* The story source of a feed in the cache: its headline rows (title,
 * time, marks; no bodies), and the one article open, read from the cache
 * when it is opened, with the stories the index finds related to it as
 * its related headlines.  Marks are written to the cache at once.
 *
 * Only a window of rows is held, those around the last asked for: a row
 * out of it is read with its neighbours from the nearest row whose place
 * is known (the window's ends, the list's ends, a search's match) by
 * keyset paging, and the list's counts are the cache's, kept as items
 * change, so opening, scrolling, G and a search cost the same in a list
 * of any length, and so does the memory held.
 *
 * A related story may be an item of another feed, not in the list: it
 * becomes an extra story, numbered after the list's (count() and up), so
 * the article view opens it and goes back from it like any other.
 *
 * Near-duplicates in the list (the cache's groups) are one row: the
 * first of them in the list's order, the newest; the others are listed
 * first among its related stories.  A related story is its row in the
 * list when that row is in the window, else an extra story.
 *
 * An item whose web page was fetched (source/pages.h) reads as the page's
 * article, and its related headlines are the page's first: each leads to
 * the item of its link once the cache has one. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "source/html.h"
#include "ui/stories.h"
#include "util/xalloc.h"

/* Related stories an article shows, after those its source lists. */
#define RELATED_MAX 8

/* Rows held: more than a screen, so drawing one reads none. */
#define WINDOW 256

/* A feed's name, for the rows of a list of every feed. */
struct feed_name {
	long long id;
	char *name; /* owned */
};

/* A row kept in place (see kept below). */
struct kept_row {
	size_t at; /* its place in the rows shown */
	struct cache_headline row;
};

struct cache_stories {
	struct ui_stories base;
	struct cache *cache;
	struct cache_list list;
	struct cache_sort *sort;     /* the order under way, or NULL */
	struct cache_list sort_list; /* the list it puts in order */
	struct cache_headlines *win; /* rows first.. of the list */
	size_t first;
	struct cache_list_counts counts; /* the list's rows, unread ones */
	struct cache_headline *extra;    /* stories counts.rows.. ; owned */
	size_t nextra;
	/* Where the related headlines of the article page() gave last
	 * lead: related[k] is the item of its headline k (id 0: none, as
	 * for the headlines its feed listed), with its title (owned). */
	long long related_of; /* that article's item id, or 0 */
	struct cache_headline *related;
	size_t nrelated;
	/* The links of the first of them, those of the item's page (owned;
	 * NULL entries lead nowhere known). */
	char **links;
	size_t nlinks;
	struct feed_name *names; /* the feeds' names shown so far */
	size_t nnames;
	/* Rows of a list of unread rows marked read since it was read: the
	 * cache's list no longer has them, and they stay where they were
	 * (kept[k].at, going up), marked, until it is read again.  The rows
	 * shown are the cache's with these put back; titles owned. */
	struct kept_row *kept;
	size_t nkept;
};

static struct cache_stories *of(struct ui_stories *s)
{
	return (struct cache_stories *)s;
}

static struct cache_row_key key_of(const struct cache_headline *h)
{
	return (struct cache_row_key){.time = h->place, .id = h->id};
}

/* A way to read rows: from a row whose place is known (no key: from the
 * list's start or end), and the rows it steps over. */
struct reading {
	struct cache_row_key at;
	bool keyed;
	enum cache_rows_from from;
	size_t skip;
};

static void cheaper(struct reading *best, struct reading r)
{
	if (r.skip < best->skip)
		*best = r;
}

/* How many rows kept in place come before row f of those shown. */
static size_t kept_before(const struct cache_stories *cs, size_t f)
{
	size_t k = 0;
	while (k < cs->nkept && cs->kept[k].at < f)
		k++;
	return k;
}

/* The row kept at row f of those shown, or NULL. */
static struct kept_row *kept_at(const struct cache_stories *cs, size_t f)
{
	size_t k = kept_before(cs, f);
	return k < cs->nkept && cs->kept[k].at == f ? &cs->kept[k] : NULL;
}

/* Where row l of the cache's list is among the rows shown. */
static size_t shown_place(const struct cache_stories *cs, size_t l)
{
	for (size_t k = 0; k < cs->nkept && cs->kept[k].at <= l; k++)
		l++;
	return l;
}

/* The cheapest way to rows [p, end) of the cache's list (its own
 * places, the rows kept in place left out): from the list's start or
 * end, or from a row of the window before or after them. */
static struct reading plan(const struct cache_stories *cs, size_t p, size_t end)
{
	size_t rows = cs->counts.rows - cs->nkept;
	struct reading best = {.from = CACHE_ROWS_AFTER, .skip = p};
	cheaper(&best, (struct reading){.from = CACHE_ROWS_BEFORE,
	                                .skip = rows - end});
	const struct cache_headlines *w = cs->win;
	/* l: the window row's place in the cache's list (a row kept in
	 * place: the place of the row after it) */
	size_t l = w ? cs->first - kept_before(cs, cs->first) : 0;
	for (size_t i = 0; w && i < w->n; i++) {
		bool live = !kept_at(cs, cs->first + i);
		struct cache_row_key at = key_of(&w->items[i]);
		if (l + live <= p)
			cheaper(&best,
			        (struct reading){.at = at,
			                         .keyed = true,
			                         .from = CACHE_ROWS_AFTER,
			                         .skip = p - l - live});
		if (l >= end)
			cheaper(&best,
			        (struct reading){.at = at,
			                         .keyed = true,
			                         .from = CACHE_ROWS_BEFORE,
			                         .skip = l - end});
		l += live;
	}
	return best;
}

/* Put the rows kept in place among rows read, the first of them row
 * `first` of those shown. */
static void put_back_kept(const struct cache_stories *cs,
                          struct cache_headlines *h, size_t first)
{
	size_t extra = 0;
	for (size_t f = first; kept_at(cs, f) || f - first - extra < h->n; f++)
		extra += kept_at(cs, f) != NULL;
	if (!extra)
		return;
	struct cache_headline *all =
	        xreallocarray(NULL, h->n + extra, sizeof *all);
	size_t read = 0;
	for (size_t i = 0; i < h->n + extra; i++) {
		const struct kept_row *k = kept_at(cs, first + i);
		all[i] = k ? k->row : h->items[read++];
	}
	free(h->items);
	h->items = all;
	h->n += extra;
}

/* Hold rows of the cache's list read as the window, from row `first` of
 * those shown on; rows read backwards are put in the list's order. */
static void hold(struct cache_stories *cs, struct cache_headlines *h,
                 size_t first, bool backward)
{
	for (size_t i = 0; backward && i < h->n / 2; i++) {
		struct cache_headline t = h->items[i];
		h->items[i] = h->items[h->n - 1 - i];
		h->items[h->n - 1 - i] = t;
	}
	put_back_kept(cs, h, first);
	cache_headlines_free(cs->win);
	cs->win = h;
	cs->first = first;
}

/* Hold the window of rows around row i; when they can't be read, the
 * window stays. */
static void read_rows(struct cache_stories *cs, size_t i)
{
	size_t rows = cs->counts.rows;
	size_t p = i > WINDOW / 2 ? i - WINDOW / 2 : 0;
	if (rows > WINDOW && p > rows - WINDOW)
		p = rows - WINDOW; /* a full window at the list's end */
	size_t end = rows - p < WINDOW ? rows : p + WINDOW;
	size_t lp = p - kept_before(cs, p), lend = end - kept_before(cs, end);
	struct reading r = plan(cs, lp, lend);
	struct cache_headlines *h =
	        cache_list_rows(cs->cache, &cs->list, r.keyed ? &r.at : NULL,
	                        r.from, r.skip, lend - lp);
	if (h)
		hold(cs, h, p, r.from == CACHE_ROWS_BEFORE);
}

/* Story i: a row of the list or an extra story.  A list that shrank
 * underneath shows its last rows empty until it is read again. */
static struct cache_headline *row(struct cache_stories *cs, size_t i)
{
	static struct cache_headline gone = {.title = ""};
	size_t rows = cs->counts.rows;
	if (i >= rows)
		return i - rows < cs->nextra ? &cs->extra[i - rows] : &gone;
	if (!cs->win || i < cs->first || i >= cs->first + cs->win->n)
		read_rows(cs, i);
	if (!cs->win || i < cs->first || i >= cs->first + cs->win->n)
		return &gone;
	return &cs->win->items[i - cs->first];
}

static size_t cs_count(struct ui_stories *s)
{
	return of(s)->counts.rows;
}

static size_t cs_unread(struct ui_stories *s)
{
	return of(s)->counts.unread;
}

static size_t cs_variants(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->variants;
}

static const char *cs_title(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->title;
}

/* The row's feed's name in a list of every feed's rows. */
static const char *cs_site(struct ui_stories *s, size_t i)
{
	struct cache_stories *cs = of(s);
	long long feed = row(cs, i)->feed_id;
	if (!s->has_site || !feed)
		return NULL;
	for (size_t k = 0; k < cs->nnames; k++)
		if (cs->names[k].id == feed)
			return cs->names[k].name;
	char *name = cache_feed_name(cs->cache, feed);
	if (!name)
		return NULL;
	cs->names = xreallocarray(cs->names, cs->nnames + 1, sizeof *cs->names);
	cs->names[cs->nnames] = (struct feed_name){.id = feed, .name = name};
	return cs->names[cs->nnames++].name;
}

/* The day in the reader's time zone; the article shows the feed's own. */
static char *cs_date(struct ui_stories *s, size_t i)
{
	return ui_stories_day(row(of(s), i)->time);
}

static bool cs_is_read(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->read;
}

static bool cs_is_starred(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->starred;
}

static void forget_related(struct cache_stories *cs)
{
	for (size_t k = 0; k < cs->nrelated; k++)
		free((char *)cs->related[k].title);
	free(cs->related);
	cs->related = NULL;
	cs->nrelated = 0;
	cs->related_of = 0;
	for (size_t k = 0; k < cs->nlinks; k++)
		free(cs->links[k]);
	free(cs->links);
	cs->links = NULL;
	cs->nlinks = 0;
}

/* Related headline k of the page leads to the item of its link, when
 * the cache has one. */
static void link_related(struct cache_stories *cs, size_t k)
{
	if (cs->related[k].id || !cs->links[k])
		return;
	long long id = cache_item_by_link(cs->cache, cs->related[k].feed_id,
	                                  cs->links[k]);
	cs->related[k].id = id > 0 ? id : 0;
}

/* The headlines the article's source listed (its page's), with their
 * links: stories once the cache has their items. */
static void source_related(struct cache_stories *cs, const struct article *a,
                           long long id)
{
	if (a->nrelated)
		cs->related = xcalloc(a->nrelated, sizeof *cs->related);
	cs->nrelated = a->nrelated;
	struct cache_page *p =
	        a->nrelated ? cache_item_page(cs->cache, id) : NULL;
	for (size_t k = 0; k < a->nrelated; k++) {
		cs->related[k].title = xstrdup(a->related[k]);
		cs->related[k].feed_id = p ? p->feed_id : 0;
	}
	if (p && p->nlinks <= a->nrelated) {
		cs->links = p->links;
		cs->nlinks = p->nlinks;
		p->links = NULL;
		p->nlinks = 0;
	}
	cache_page_free(p);
	for (size_t k = 0; k < cs->nlinks; k++)
		link_related(cs, k);
}

/* Add the stories of list to a's related headlines, leaving out a itself
 * (item id) and those already there. */
static void add_related(struct cache_stories *cs, struct article *a,
                        long long id, const struct cache_story_list *list)
{
	for (size_t i = 0; list && i < list->n; i++) {
		const struct cache_story *st = &list->items[i];
		bool known = st->id == id;
		for (size_t k = 0; k < cs->nrelated && !known; k++)
			known = cs->related[k].id == st->id;
		if (known)
			continue;
		cs->related = xreallocarray(cs->related, cs->nrelated + 1,
		                            sizeof *cs->related);
		cs->related[cs->nrelated++] =
		        (struct cache_headline){.id = st->id,
		                                .feed_id = st->feed_id,
		                                .time = st->time,
		                                .title = xstrdup(st->title)};
		article_add_related(a, st->title, strlen(st->title));
	}
}

/* The feed of each related headline of a from another feed than the
 * article's (feed_id): a->related_feed, NULL before. */
static void name_related_feeds(struct cache_stories *cs, struct article *a,
                               long long feed_id)
{
	for (size_t k = 0; k < cs->nrelated && k < a->nrelated; k++) {
		long long other = cs->related[k].feed_id;
		if (!other || other == feed_id)
			continue;
		if (!a->related_feed)
			a->related_feed =
			        xcalloc(a->nrelated, sizeof *a->related_feed);
		a->related_feed[k] = cache_feed_name(cs->cache, other);
	}
}

/* The item as an article whose related headlines are, in order: those its
 * source listed, then its near-duplicates (the same story as others told
 * it); the stories the index finds closest come after, from
 * cs_more_related(): the question to the index is the one part of
 * opening an item that grows with the cache, and the article reads
 * without them.  Where those lead is kept for target() once the item is
 * read: a failed read leaves the last article's. */
static struct article *cs_page(struct ui_stories *s, size_t i, char **error)
{
	struct cache_stories *cs = of(s);
	long long id = row(cs, i)->id;
	struct article *a = cache_item_article(cs->cache, id);
	if (!a) {
		*error = xstrdup(cache_error(cs->cache));
		return NULL;
	}
	html_make_body(a);
	forget_related(cs);
	cs->related_of = id;
	source_related(cs, a, id);
	/* Without the index's answer the article still reads: it only
	 * shows fewer related stories. */
	struct cache_story_list *dups = cache_duplicates(cs->cache, id);
	add_related(cs, a, id, dups);
	cache_story_list_free(dups);
	name_related_feeds(cs, a, row(cs, i)->feed_id);
	return a;
}

static size_t cs_more_related(struct ui_stories *s, size_t i, struct article *a)
{
	struct cache_stories *cs = of(s);
	long long id = row(cs, i)->id;
	if (id != cs->related_of)
		return 0; /* another story was read since */
	size_t before = a->nrelated;
	struct cache_story_list *rel =
	        cache_related(cs->cache, id, RELATED_MAX);
	add_related(cs, a, id, rel);
	cache_story_list_free(rel);
	if (a->nrelated == before)
		return 0;
	if (a->related_feed) { /* named again, for the headlines added too */
		for (size_t k = 0; k < before; k++)
			free(a->related_feed[k]);
		free(a->related_feed);
		a->related_feed = NULL;
	}
	name_related_feeds(cs, a, row(cs, i)->feed_id);
	return a->nrelated - before;
}

/* The story of item id: its row when the window has it, else an extra
 * story (made from st when there is none yet). */
static size_t story_of(struct cache_stories *cs, long long id,
                       const struct cache_headline *st)
{
	for (size_t i = 0; cs->win && i < cs->win->n; i++)
		if (cs->win->items[i].id == id)
			return cs->first + i;
	size_t rows = cs->counts.rows;
	for (size_t i = 0; i < cs->nextra; i++)
		if (cs->extra[i].id == id)
			return rows + i;
	cs->extra = xreallocarray(cs->extra, cs->nextra + 1, sizeof *cs->extra);
	struct cache_headline *e = &cs->extra[cs->nextra];
	*e = *st;
	e->title = xstrdup(st->title);
	e->variants = 0;
	return rows + cs->nextra++;
}

static size_t cs_target(struct ui_stories *s, size_t i, size_t k)
{
	struct cache_stories *cs = of(s);
	if (row(cs, i)->id != cs->related_of) {
		/* another story was read since: read this one again */
		char *error = NULL;
		struct article *a = cs_page(s, i, &error);
		if (a)
			cs_more_related(s, i, a);
		article_free(a);
		free(error);
		if (row(cs, i)->id != cs->related_of)
			return STORY_NONE;
	}
	if (k < cs->nlinks)
		link_related(cs, k); /* its page may have come since */
	if (k >= cs->nrelated || !cs->related[k].id)
		return STORY_NONE;
	/* An item not in the list counts as unread until it is opened (and
	 * opening it marks it read). */
	return story_of(cs, cs->related[k].id, &cs->related[k]);
}

static long long cs_item(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->id;
}

static char *cs_related_link(struct ui_stories *s, size_t i, size_t k)
{
	struct cache_stories *cs = of(s);
	if (row(cs, i)->id != cs->related_of || k >= cs->nlinks ||
	    cs->related[k].id || !cs->links[k])
		return NULL;
	return xstrdup(cs->links[k]);
}

static size_t cs_story_of_item(struct ui_stories *s, long long id)
{
	struct cache_stories *cs = of(s);
	struct article *a = cache_item_article(cs->cache, id);
	struct cache_page *p = a ? cache_item_page(cs->cache, id) : NULL;
	size_t story = STORY_NONE;
	if (p) {
		struct cache_headline h = {.id = id,
		                           .feed_id = p->feed_id,
		                           .time = a->time,
		                           .title = a->title};
		story = story_of(cs, id, &h);
	}
	cache_page_free(p);
	article_free(a);
	return story;
}

/* Keep row i (of the rows shown) in place, marked read: a list of unread
 * rows no longer has it, but shows it until it is read again; marked
 * unread again, the list has it again, in the same place. */
static void keep_in_place(struct cache_stories *cs, size_t i, bool read)
{
	if (cs->list.rows != CACHE_LIST_UNREAD || cache_list_sorted(&cs->list))
		return;
	size_t k = kept_before(cs, i);
	bool kept = k < cs->nkept && cs->kept[k].at == i;
	if (read && !kept) {
		cs->kept = xreallocarray(cs->kept, cs->nkept + 1,
		                         sizeof *cs->kept);
		memmove(&cs->kept[k + 1], &cs->kept[k],
		        (cs->nkept++ - k) * sizeof *cs->kept);
		cs->kept[k] = (struct kept_row){.at = i, .row = *row(cs, i)};
		cs->kept[k].row.title = xstrdup(row(cs, i)->title);
		cs->kept[k].row.read = true;
	} else if (!read && kept) {
		free((char *)cs->kept[k].row.title);
		memmove(&cs->kept[k], &cs->kept[k + 1],
		        (--cs->nkept - k) * sizeof *cs->kept);
	}
}

/* Forget the rows kept in place: the list is read again. */
static void forget_kept(struct cache_stories *cs)
{
	for (size_t k = 0; k < cs->nkept; k++)
		free((char *)cs->kept[k].row.title);
	free(cs->kept);
	cs->kept = NULL;
	cs->nkept = 0;
}

/* A row's mark is its group's in the list: the story was read, in
 * whichever words.  The list's unread count follows its rows. */
static bool cs_set_read(struct ui_stories *s, size_t i, bool read, char **error)
{
	struct cache_stories *cs = of(s);
	struct cache_headline *h = row(cs, i);
	bool in_list = i < cs->counts.rows;
	bool ok = in_list && h->variants
	                  ? cache_story_set_read(cs->cache, h->story, &cs->list,
	                                         read)
	                  : cache_item_set_read(cs->cache, h->id, read);
	if (!ok) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	if (in_list && h->read != read) {
		if (read)
			cs->counts.unread--;
		else
			cs->counts.unread++;
		keep_in_place(cs, i, read);
	}
	h->read = read;
	return true;
}

static bool cs_set_starred(struct ui_stories *s, size_t i, bool starred,
                           char **error)
{
	struct cache_stories *cs = of(s);
	if (!cache_item_set_starred(cs->cache, row(cs, i)->id, starred)) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	row(cs, i)->starred = starred;
	return true;
}

static bool cs_mark_all_read(struct ui_stories *s, char **error)
{
	struct cache_stories *cs = of(s);
	if (!cache_feed_mark_read(cs->cache, s->feed_id)) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	for (size_t i = 0; cs->win && i < cs->win->n; i++)
		cs->win->items[i].read = true;
	cs->counts.unread = 0;
	for (size_t i = 0; i < cs->nextra; i++)
		if (!s->feed_id || cs->extra[i].feed_id == s->feed_id)
			cs->extra[i].read = true;
	return true;
}

/* The key of the match from `from` in the move's direction, around the
 * ends: 1, 0 when nothing matches, -1 on failure. */
static int find_key(struct cache_stories *cs, const char *text,
                    const struct cache_row_key *from, enum ui_find_move move,
                    struct cache_row_key *found)
{
	enum cache_rows_from way = move == UI_FIND_PREV   ? CACHE_ROWS_BEFORE
	                           : move == UI_FIND_NEXT ? CACHE_ROWS_AFTER
	                                                  : CACHE_ROWS_AT;
	const struct cache_list *l = &cs->list;
	int got = cache_list_find(cs->cache, l, text, from, way, found);
	if (got == 0) /* around the end */
		got = cache_list_find(cs->cache, l, text, NULL, way, found);
	return got;
}

/* A word more headlines of the cache have than this is found by reading
 * the list from the row on, not through its matches. */
#define FIND_COMMON 1000

/* Rows read at most that way; past them the index goes through the
 * matches after all (they lie far apart in this list). */
#define FIND_WALK 16384

/* The index goes through the matches from the row on (a row matches when
 * the headline it shows does); the match's place is counted, and the
 * window read from it.  A word too common for that is found by reading
 * the list from the row on, and its matches are not counted. */
static bool cs_find(struct ui_stories *s, const char *text,
                    const struct text_query *q, size_t from,
                    enum ui_find_move move, struct ui_found *found,
                    char **error)
{
	struct cache_stories *cs = of(s);
	*found = (struct ui_found){0};
	int many = cache_search_more_than(cs->cache, text, FIND_COMMON);
	if (many < 0) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	if (many && from < cs->counts.rows &&
	    ui_stories_walk(s, q, from, move, FIND_WALK, &found->story)) {
		found->total = FIND_COMMON;
		found->many = true;
		return true;
	}
	struct cache_row_key at = key_of(row(cs, from)), match;
	int got = find_key(cs, text, &at, move, &match);
	long long place =
	        got > 0 ? cache_list_position(cs->cache, &cs->list, &match) : 0;
	struct cache_headlines *h = NULL;
	if (got > 0 && place >= 0)
		h = cache_list_rows(cs->cache, &cs->list, &match, CACHE_ROWS_AT,
		                    0, WINDOW);
	if (got < 0 ||
	    (got > 0 &&
	     (!h || !cache_list_find_count(cs->cache, &cs->list, text, &match,
	                                   &found->total, &found->rank)))) {
		cache_headlines_free(h);
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	if (got > 0)
		place = (long long)shown_place(cs, (size_t)place);
	if (h)
		hold(cs, h, (size_t)place, false);
	found->story = (size_t)place;
	return true;
}

static void free_extra(struct cache_stories *cs)
{
	for (size_t i = 0; i < cs->nextra; i++)
		free((char *)cs->extra[i].title);
	free(cs->extra);
	cs->extra = NULL;
	cs->nextra = 0;
}

/* Read list l in place of the one shown (the same, reloading): the
 * extra stories are forgotten, as their numbers move with the list's
 * length, and so are the rows kept in place.  The story kept is found
 * again by its key while it is a row (its place counted), else the row
 * after it is; else the place stays. */
static size_t read_again(struct cache_stories *cs, const struct cache_list *l,
                         size_t keep, bool open)
{
	bool kept = keep < cs->counts.rows;
	struct cache_row_key key = {0};
	if (kept) {
		const struct cache_headline *h = row(cs, keep);
		key = (struct cache_row_key){.time = h->time, .id = h->id};
	}
	struct cache_list_counts counts;
	if ((open && !cache_list_open(cs->cache, l)) ||
	    !cache_list_count(cs->cache, l, &counts))
		return keep; /* the old list stays: better than none */
	cs->list = *l;
	free_extra(cs);
	forget_kept(cs);
	cache_headlines_free(cs->win);
	cs->win = NULL;
	cs->counts = counts;
	long long place = kept ? cache_list_position(cs->cache, l, &key) : -1;
	if (place >= 0 && cache_list_sorted(l))
		key.time = place + 1; /* its place in the list sorted again */
	struct cache_headlines *h =
	        place >= 0 && (size_t)place < counts.rows
	                ? cache_list_rows(cs->cache, l, &key, CACHE_ROWS_AT, 0,
	                                  WINDOW)
	                : NULL;
	if (h && h->n) {
		hold(cs, h, (size_t)place, false);
		return (size_t)place;
	}
	cache_headlines_free(h);
	return keep < counts.rows ? keep : (counts.rows ? counts.rows - 1 : 0);
}

static void stop_sort(struct cache_stories *cs)
{
	cache_list_sort_free(cs->sort);
	cs->sort = NULL;
	cs->base.sorting = false;
}

/* Put the sorted list l in order apart, the list shown staying; false
 * when that can't be done (then it is put in order at once). */
static bool start_sort(struct cache_stories *cs, const struct cache_list *l)
{
	stop_sort(cs);
	cs->sort = cache_list_sort_start(cs->cache, l);
	cs->sort_list = *l;
	cs->base.sorting = cs->sort != NULL;
	return cs->sort != NULL;
}

/* Only the list reloads, with no article open.  A sorted list stays as
 * it was put in order (the rows marked since included) while it is put
 * in order again, new rows and all, apart. */
static size_t cs_reload(struct ui_stories *s, size_t keep)
{
	struct cache_stories *cs = of(s);
	struct cache_list target = cs->sort ? cs->sort_list : cs->list;
	bool apart = cache_list_sorted(&target) && start_sort(cs, &target);
	return read_again(cs, &cs->list, keep, !apart);
}

static size_t cs_relist(struct ui_stories *s, const struct cache_list *l,
                        size_t keep)
{
	struct cache_stories *cs = of(s);
	if (cache_list_sorted(l) && start_sort(cs, l))
		return keep;
	stop_sort(cs);
	return read_again(cs, l, keep, true);
}

static bool cs_reorder(struct ui_stories *s, int ms, size_t *keep, char **error)
{
	struct cache_stories *cs = of(s);
	if (!cs->sort)
		return false;
	/* The story kept is found by its row: held before the table of
	 * places changes under a sorted list, as reading it afterwards
	 * would put that list in order again, at once. */
	if (*keep < cs->counts.rows)
		row(cs, *keep);
	int done = cache_list_sort_step(cs->sort, ms);
	if (done == 0)
		return false;
	struct cache_list l = cs->sort_list;
	stop_sort(cs);
	if (done < 0) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	*keep = read_again(cs, &l, *keep, false);
	return true;
}

static void cs_free(struct ui_stories *s)
{
	struct cache_stories *cs = of(s);
	stop_sort(cs);
	cache_headlines_free(cs->win);
	free_extra(cs);
	forget_kept(cs);
	forget_related(cs);
	for (size_t k = 0; k < cs->nnames; k++)
		free(cs->names[k].name);
	free(cs->names);
	free(cs);
}

static const struct ui_stories_ops cache_ops = {
        .count = cs_count,
        .title = cs_title,
        .site = cs_site,
        .date = cs_date,
        .is_read = cs_is_read,
        .is_starred = cs_is_starred,
        .variants = cs_variants,
        .unread = cs_unread,
        .page = cs_page,
        .more_related = cs_more_related,
        .target = cs_target,
        .item = cs_item,
        .related_link = cs_related_link,
        .story_of_item = cs_story_of_item,
        .set_read = cs_set_read,
        .set_starred = cs_set_starred,
        .mark_all_read = cs_mark_all_read,
        .find = cs_find,
        .reload = cs_reload,
        .relist = cs_relist,
        .reorder = cs_reorder,
        .free = cs_free,
};

struct ui_stories *ui_stories_cache(struct cache *cache,
                                    const struct cache_list *list, char **error)
{
	/* A sorted order is put in order apart, the list newest first
	 * shown meanwhile. */
	struct cache_list shown = *list;
	if (cache_list_sorted(list))
		shown.order = CACHE_ORDER_NEWEST;
	struct cache_list_counts counts;
	if (!cache_list_open(cache, &shown) ||
	    !cache_list_count(cache, &shown, &counts)) {
		*error = xstrdup(cache_error(cache));
		return NULL;
	}
	struct cache_stories *cs = xcalloc(1, sizeof *cs);
	cs->base.ops = &cache_ops;
	cs->base.feed_id = list->feed_id;
	cs->base.has_site = list->feed_id == 0;
	cs->cache = cache;
	cs->list = shown;
	cs->counts = counts;
	if (cache_list_sorted(list) && !start_sort(cs, list))
		read_again(cs, list, 0, true); /* put in order at once */
	return &cs->base;
}
