/* The story source of a feed in the cache: its headline rows (title,
 * time, marks; no bodies), and the one article open, read from the cache
 * when it is opened, with the stories the index finds related to it as
 * its related headlines.  Marks are written to the cache at once.
 *
 * A related story may be an item of another feed, not in the list: it
 * becomes an extra story, numbered after the list's (count() and up), so
 * the article view opens it and goes back from it like any other.
 *
 * Near-duplicates in the list (the cache's groups) are one row: the
 * first of them in the list's order, the newest; the others are listed
 * first among its related stories.
 *
 * An item whose web page was fetched (source/pages.h) reads as the page's
 * article, and its related headlines are the page's first: each leads to
 * the item of its link once the cache has one. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "source/html.h"
#include "ui/stories.h"
#include "util/xalloc.h"

/* Related stories an article shows, after those its source lists. */
#define RELATED_MAX 8

struct cache_stories {
	struct ui_stories base;
	struct cache *cache;
	struct cache_headlines *h;
	size_t *group;     /* by headline of h: the first of its group */
	size_t *rows;      /* the list's rows: indexes in h of group leaders */
	size_t *nvariants; /* by row: the others of its group */
	size_t nrows;
	struct cache_headline *extra; /* stories nrows.. ; titles owned */
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
};

static int compare_ids(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

static struct cache_stories *of(struct ui_stories *s)
{
	return (struct cache_stories *)s;
}

/* Story i: a row of the list or an extra story. */
static struct cache_headline *row(struct cache_stories *cs, size_t i)
{
	return i < cs->nrows ? &cs->h->items[cs->rows[i]]
	                     : &cs->extra[i - cs->nrows];
}

/* A headline of the list by its group, for finding a group's others. */
struct by_story {
	long long story;
	size_t i;
};

static int compare_stories(const void *a, const void *b)
{
	const struct by_story *x = a, *y = b;
	if (x->story != y->story)
		return (x->story > y->story) - (x->story < y->story);
	return (x->i > y->i) - (x->i < y->i);
}

/* The rows of cs->h: the headlines standing for their groups. */
static void group_rows(struct cache_stories *cs)
{
	free(cs->group);
	free(cs->rows);
	free(cs->nvariants);
	size_t n = cs->h->n;
	cs->group = xreallocarray(NULL, n + 1, sizeof *cs->group);
	cs->rows = xreallocarray(NULL, n + 1, sizeof *cs->rows);
	cs->nvariants = xcalloc(n + 1, sizeof *cs->nvariants);
	size_t *row_of = xreallocarray(NULL, n + 1, sizeof *row_of);
	struct by_story *order = xreallocarray(NULL, n + 1, sizeof *order);
	cs->nrows = 0;
	for (size_t i = 0; i < n; i++) {
		if (cs->h->items[i].head) {
			row_of[i] = cs->nrows;
			cs->rows[cs->nrows++] = i;
		}
		order[i] = (struct by_story){cs->h->items[i].story, i};
	}
	if (n > 1)
		qsort(order, n, sizeof *order, compare_stories);
	for (size_t from = 0, to; from < n; from = to) {
		size_t head = n;
		for (to = from; to < n && order[to].story == order[from].story;
		     to++)
			if (cs->h->items[order[to].i].head)
				head = order[to].i;
		for (size_t k = from; k < to; k++)
			cs->group[order[k].i] = head < n ? head : order[k].i;
		if (head < n)
			cs->nvariants[row_of[head]] = to - from - 1;
	}
	free(order);
	free(row_of);
}

static size_t cs_count(struct ui_stories *s)
{
	return of(s)->nrows;
}

static size_t cs_variants(struct ui_stories *s, size_t i)
{
	struct cache_stories *cs = of(s);
	return i < cs->nrows ? cs->nvariants[i] : 0;
}

static const char *cs_title(struct ui_stories *s, size_t i)
{
	return row(of(s), i)->title;
}

static const char *cs_site(struct ui_stories *s, size_t i)
{
	(void)s;
	(void)i;
	return NULL;
}

/* The day in the reader's time zone; the article shows the feed's own. */
static char *cs_date(struct ui_stories *s, size_t i)
{
	time_t t = (time_t)row(of(s), i)->time;
	struct tm tm;
	char day[32];
	if (t == 0 || !localtime_r(&t, &tm) ||
	    !strftime(day, sizeof day, "%Y-%m-%d", &tm))
		return NULL;
	return xstrdup(day);
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

/* The item as an article whose related headlines are, in order: those its
 * source listed, its near-duplicates (the same story as others told it),
 * then the stories the index finds closest.  Where those lead is kept
 * for target() once the item is read: a failed read leaves the last
 * article's. */
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
	struct cache_story_list *rel =
	        cache_related(cs->cache, id, RELATED_MAX);
	add_related(cs, a, id, rel);
	cache_story_list_free(rel);
	return a;
}

/* The story of item id: its row in the list, else an extra story (made
 * from st when there is none yet). */
static size_t story_of(struct cache_stories *cs, long long id,
                       const struct cache_headline *st)
{
	for (size_t i = 0; i < cs->nrows; i++)
		if (cs->h->items[cs->rows[i]].id == id)
			return i;
	for (size_t i = 0; i < cs->nextra; i++)
		if (cs->extra[i].id == id)
			return cs->nrows + i;
	cs->extra = xreallocarray(cs->extra, cs->nextra + 1, sizeof *cs->extra);
	struct cache_headline *e = &cs->extra[cs->nextra];
	*e = *st;
	e->title = xstrdup(st->title);
	return cs->nrows + cs->nextra++;
}

static size_t cs_target(struct ui_stories *s, size_t i, size_t k)
{
	struct cache_stories *cs = of(s);
	if (row(cs, i)->id != cs->related_of) {
		/* another story was read since: read this one again */
		char *error = NULL;
		article_free(cs_page(s, i, &error));
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

static bool set_read(struct cache_stories *cs, struct cache_headline *h,
                     bool read, char **error)
{
	if (!cache_item_set_read(cs->cache, h->id, read)) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	h->read = read;
	return true;
}

/* A row's mark is its group's: the story was read, in whichever words. */
static bool cs_set_read(struct ui_stories *s, size_t i, bool read, char **error)
{
	struct cache_stories *cs = of(s);
	if (i >= cs->nrows || !cs->nvariants[i])
		return set_read(cs, row(cs, i), read, error);
	size_t leader = cs->rows[i];
	for (size_t j = leader; j < cs->h->n; j++)
		if (cs->group[j] == leader &&
		    !set_read(cs, &cs->h->items[j], read, error))
			return false;
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
	for (size_t i = 0; i < cs->h->n; i++)
		cs->h->items[i].read = true;
	for (size_t i = 0; i < cs->nextra; i++)
		if (!s->feed_id || cs->extra[i].feed_id == s->feed_id)
			cs->extra[i].read = true;
	return true;
}

/* The index answers for every headline of the cache at once; a row
 * matches when the headline it shows does. */
static bool cs_find(struct ui_stories *s, const char *text,
                    const struct text_query *q, bool *matches, char **error)
{
	(void)q;
	struct cache_stories *cs = of(s);
	size_t n = 0;
	long long *ids = cache_search_ids(cs->cache, text, &n);
	if (!ids) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	for (size_t i = 0; i < cs->nrows; i++) {
		long long id = row(cs, i)->id;
		matches[i] =
		        bsearch(&id, ids, n, sizeof *ids, compare_ids) != NULL;
	}
	free(ids);
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

/* Only the list reloads, with no article open: the extra stories are
 * forgotten, as their numbers move with the list's length. */
static size_t cs_reload(struct ui_stories *s, size_t keep)
{
	struct cache_stories *cs = of(s);
	struct cache_headlines *h = cache_headlines(cs->cache, s->feed_id);
	if (!h)
		return keep; /* the old list stays: better than none */
	free_extra(cs);
	long long id = keep < cs->nrows ? row(cs, keep)->id : 0;
	cache_headlines_free(cs->h);
	cs->h = h;
	group_rows(cs);
	for (size_t i = 0; i < h->n; i++)
		if (h->items[i].id == id) {
			/* the row of its group */
			for (size_t r = 0; r < cs->nrows; r++)
				if (cs->rows[r] == cs->group[i])
					return r;
		}
	return keep < cs->nrows ? keep : (cs->nrows ? cs->nrows - 1 : 0);
}

static void cs_free(struct ui_stories *s)
{
	struct cache_stories *cs = of(s);
	cache_headlines_free(cs->h);
	free(cs->group);
	free(cs->rows);
	free(cs->nvariants);
	free_extra(cs);
	forget_related(cs);
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
        .page = cs_page,
        .target = cs_target,
        .item = cs_item,
        .related_link = cs_related_link,
        .story_of_item = cs_story_of_item,
        .set_read = cs_set_read,
        .set_starred = cs_set_starred,
        .mark_all_read = cs_mark_all_read,
        .find = cs_find,
        .reload = cs_reload,
        .free = cs_free,
};

struct ui_stories *ui_stories_cache(struct cache *cache, long long feed_id,
                                    char **error)
{
	struct cache_headlines *h = cache_headlines(cache, feed_id);
	if (!h) {
		*error = xstrdup(cache_error(cache));
		return NULL;
	}
	struct cache_stories *cs = xcalloc(1, sizeof *cs);
	cs->base.ops = &cache_ops;
	cs->base.feed_id = feed_id;
	cs->cache = cache;
	cs->h = h;
	group_rows(cs);
	return &cs->base;
}
