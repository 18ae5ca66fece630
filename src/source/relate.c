#include "config.h"

#include "source/relate.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/cache.h"
#include "util/die.h"
#include "util/xalloc.h"

/* An item and its story, sorted by item for bsearch(). */
struct item_story {
	long long id;
	size_t story;
};

struct source_relater {
	struct library *lib;
	struct cache *cache;
	long long *ids;         /* by story: its item */
	struct item_story *map; /* by item: its story, sorted by item */
	bool *done;             /* by story: related already */
};

/* The stories go into a cache of their own in memory, so that they are
 * scored by the same index, with the same words and weights, as feed
 * items: one pseudo-feed, each story one item whose guid is its story
 * index (unique, so no two stories are taken for one item).  A
 * headline-only story is its headline alone, at the time of the article
 * listing it: its page's note says nothing about it. */
static bool ingest(struct cache *c, const struct library *lib)
{
	struct cache_update *u = cache_feed_update_begin(c, "file:");
	if (!u)
		return false;
	for (size_t i = 0; i < lib->nstories; i++) {
		const struct story *s = &lib->stories[i];
		struct article a = {0};
		if (s->headline_only) {
			const struct article *from =
			        lib->stories[s->source].page;
			a.title = s->page->title;
			a.date = from->date;
			a.time = from->time;
		} else {
			a = *s->page;
		}
		char guid[24];
		snprintf(guid, sizeof guid, "%zu", i);
		a.guid = guid; /* cache_store_item() copies it at once */
		if (!cache_store_item(u, &a)) {
			cache_feed_update_rollback(u);
			return false;
		}
	}
	return cache_feed_update_commit(u, NULL);
}

/* ids[i]: the item of story i; false on failure. */
static bool item_ids(struct cache *c, size_t nstories, long long *ids)
{
	struct cache_headlines *h = cache_headlines(c, 0);
	if (!h)
		return false;
	size_t found = 0;
	for (size_t k = 0; k < h->n; k++) {
		struct article *a = cache_item_article(c, h->items[k].id);
		if (!a) {
			cache_headlines_free(h);
			return false;
		}
		char *end;
		unsigned long long i =
		        strtoull(a->guid ? a->guid : "", &end, 10);
		if (a->guid && *a->guid && *end == '\0' && i < nstories) {
			ids[i] = h->items[k].id;
			found++;
		}
		article_free(a);
	}
	cache_headlines_free(h);
	return found == nstories;
}

static int by_id(const void *a, const void *b)
{
	long long x = ((const struct item_story *)a)->id;
	long long y = ((const struct item_story *)b)->id;
	return (x > y) - (x < y);
}

/* The story of item id, or STORY_NONE. */
static size_t story_of(const struct item_story *map, size_t n, long long id)
{
	struct item_story key = {id, 0};
	const struct item_story *m = bsearch(&key, map, n, sizeof *map, by_id);
	return m ? m->story : STORY_NONE;
}

/* Where story t is first among s's related stories, or STORY_NONE. */
static size_t listed_at(const struct story *s, size_t t)
{
	for (size_t k = 0; k < s->page->nrelated; k++)
		if (s->targets[k] == t)
			return k;
	return STORY_NONE;
}

/* The stories the index found for a story, best first. */
struct picks {
	size_t story[SOURCE_RELATED_MAX];
	size_t n;
};

/* Add the stories of list to p, leaving out i and, for an article, those
 * it lists already. */
static void pick(const struct library *lib, size_t i,
                 const struct item_story *map,
                 const struct cache_story_list *list, struct picks *p)
{
	const struct story *s = &lib->stories[i];
	for (size_t k = 0; k < list->n && p->n < SOURCE_RELATED_MAX; k++) {
		size_t t = story_of(map, lib->nstories, list->items[k].id);
		if (t == STORY_NONE || t == i)
			continue;
		if (!s->headline_only && listed_at(s, t) != STORY_NONE)
			continue;
		/* a headline-only story's way back stays first */
		if (s->headline_only && t == s->source)
			continue;
		bool again = false;
		for (size_t j = 0; j < p->n && !again; j++)
			again = p->story[j] == t;
		if (!again)
			p->story[p->n++] = t;
	}
}

/* Give story s the related story t (its headline as t's title) unless it
 * has it; returns where it is. */
static size_t add(struct library *lib, struct story *s, size_t t)
{
	size_t k = listed_at(s, t);
	if (k != STORY_NONE)
		return k;
	const char *title = lib->stories[t].title;
	s->targets = xreallocarray(s->targets, s->page->nrelated + 1,
	                           sizeof *s->targets);
	s->targets[s->page->nrelated] = t;
	article_add_related(s->page, title, strlen(title));
	return s->page->nrelated - 1;
}

/* A headline-only story's related stories in a new order: its article,
 * the picks, then the others as they were (its siblings). */
static void put_first(struct story *s, const size_t *at, size_t n)
{
	size_t total = s->page->nrelated;
	size_t *order = xreallocarray(NULL, total, sizeof *order);
	bool *moved = xcalloc(total, sizeof *moved);
	size_t m = 0;
	order[m++] = 0;
	moved[0] = true;
	for (size_t j = 0; j < n; j++)
		if (!moved[at[j]]) {
			order[m++] = at[j];
			moved[at[j]] = true;
		}
	for (size_t k = 0; k < total; k++)
		if (!moved[k])
			order[m++] = k;
	char **related = xreallocarray(NULL, total, sizeof *related);
	size_t *targets = xreallocarray(NULL, total, sizeof *targets);
	for (size_t k = 0; k < total; k++) {
		related[k] = s->page->related[order[k]];
		targets[k] = s->targets[order[k]];
	}
	memcpy(s->page->related, related, total * sizeof *related);
	memcpy(s->targets, targets, total * sizeof *targets);
	free(related);
	free(targets);
	free(moved);
	free(order);
}

/* Story i's related stories from the index: its near-duplicates (other
 * stories saying the same thing, which cache_related() leaves out as
 * being the item itself), then the closest others.  An article gets them
 * after the ones its source lists; a headline-only story, whose list is
 * only its article and that article's other headlines, right after its
 * article, the siblings among them moved up. */
static bool relate_one(struct source_relater *r, size_t i)
{
	struct library *lib = r->lib;
	struct story *s = &lib->stories[i];
	struct picks p = {.n = 0};
	r->done[i] = true;
	struct cache_story_list *dups = cache_duplicates(r->cache, r->ids[i]);
	if (!dups)
		return false;
	pick(lib, i, r->map, dups, &p);
	cache_story_list_free(dups);
	if (p.n < SOURCE_RELATED_MAX) {
		/* Ask for more than room: some may be left out. */
		size_t want = SOURCE_RELATED_MAX - p.n + 1 +
		              (s->headline_only ? 0 : s->page->nrelated);
		struct cache_story_list *rel =
		        cache_related(r->cache, r->ids[i], want);
		if (!rel)
			return false;
		pick(lib, i, r->map, rel, &p);
		cache_story_list_free(rel);
	}
	size_t at[SOURCE_RELATED_MAX];
	for (size_t j = 0; j < p.n; j++)
		at[j] = add(lib, s, p.story[j]);
	if (s->headline_only && p.n)
		put_first(s, at, p.n);
	return true;
}

void source_relater_free(struct source_relater *r)
{
	if (!r)
		return;
	cache_close(r->cache);
	free(r->ids);
	free(r->map);
	free(r->done);
	free(r);
}

/* The index of lib's stories, or NULL with an error (a new string). */
static struct source_relater *relater_new(struct library *lib, char **error)
{
	struct cache *c = cache_open_memory(error);
	if (!c)
		return NULL;
	size_t n = lib->nstories;
	struct source_relater *r = xcalloc(1, sizeof *r);
	r->lib = lib;
	r->cache = c;
	r->ids = xreallocarray(NULL, n, sizeof *r->ids);
	r->map = xreallocarray(NULL, n, sizeof *r->map);
	r->done = xcalloc(n, sizeof *r->done);
	if (!ingest(c, lib) || !item_ids(c, n, r->ids)) {
		*error = xstrdup(cache_error(c));
		source_relater_free(r);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		r->map[i] = (struct item_story){r->ids[i], i};
	qsort(r->map, n, sizeof *r->map, by_id);
	return r;
}

struct source_relater *source_relate(struct library *lib)
{
	if (lib->nstories < 2)
		return NULL;
	char *error = NULL;
	struct source_relater *r = relater_new(lib, &error);
	if (!r) {
		warn("%s", error);
		free(error);
		return NULL;
	}
	for (size_t i = 0; i < lib->narticles; i++)
		if (!relate_one(r, i)) {
			warn("%s", cache_error(r->cache));
			source_relater_free(r);
			return NULL;
		}
	return r;
}

bool source_relate_story(struct source_relater *r, size_t i, char **error)
{
	if (!r || i >= r->lib->nstories || r->done[i])
		return true;
	if (relate_one(r, i))
		return true;
	*error = xstrdup(cache_error(r->cache));
	return false;
}
