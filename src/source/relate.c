#include "config.h"

#include "source/relate.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/cache.h"
#include "util/die.h"
#include "util/xalloc.h"

/* The articles go into a cache of their own in memory, so that they are
 * scored by the same index, with the same words and weights, as feed
 * items: one pseudo-feed, each article one item whose guid is its story
 * index (unique, so no two articles are taken for one item). */
static bool ingest(struct cache *c, const struct library *lib)
{
	struct cache_update *u = cache_feed_update_begin(c, "file:");
	if (!u)
		return false;
	for (size_t i = 0; i < lib->narticles; i++) {
		struct article a = *lib->stories[i].page;
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

/* ids[i]: the item of article i; false on failure. */
static bool item_ids(struct cache *c, size_t narticles, long long *ids)
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
		unsigned long long i = strtoull(a->guid ? a->guid : "", &end,
		                                10);
		if (a->guid && *a->guid && *end == '\0' && i < narticles) {
			ids[i] = h->items[k].id;
			found++;
		}
		article_free(a);
	}
	cache_headlines_free(h);
	return found == narticles;
}

/* An item and its article, sorted by item for bsearch(). */
struct item_story {
	long long id;
	size_t story;
};

static int by_id(const void *a, const void *b)
{
	long long x = ((const struct item_story *)a)->id;
	long long y = ((const struct item_story *)b)->id;
	return (x > y) - (x < y);
}

/* The article of item id, or STORY_NONE. */
static size_t story_of(const struct item_story *map, size_t n, long long id)
{
	struct item_story key = {id, 0};
	const struct item_story *m = bsearch(&key, map, n, sizeof *map, by_id);
	return m ? m->story : STORY_NONE;
}

/* Whether story t is already among s's related stories. */
static bool listed(const struct story *s, size_t t)
{
	for (size_t k = 0; k < s->page->nrelated; k++)
		if (s->targets[k] == t)
			return true;
	return false;
}

/* Append the articles of list to story i's related stories, up to *room
 * of them, skipping i itself and those already listed. */
static void append(struct library *lib, size_t i,
                   const struct item_story *map,
                   const struct cache_story_list *list, size_t *room)
{
	struct story *s = &lib->stories[i];
	for (size_t k = 0; k < list->n && *room > 0; k++) {
		size_t t = story_of(map, lib->narticles, list->items[k].id);
		if (t == STORY_NONE || t == i || listed(s, t))
			continue;
		const char *title = lib->stories[t].title;
		s->targets = xreallocarray(s->targets, s->page->nrelated + 1,
		                           sizeof *s->targets);
		s->targets[s->page->nrelated] = t;
		article_add_related(s->page, title, strlen(title));
		(*room)--;
	}
}

/* Story i's related stories from the index: its near-duplicates (other
 * articles saying the same thing, which cache_related() leaves out as
 * being the item itself), then the closest others. */
static bool relate_one(struct cache *c, struct library *lib, size_t i,
                       const long long *ids, const struct item_story *map)
{
	size_t room = SOURCE_RELATED_MAX;
	struct cache_story_list *dups = cache_duplicates(c, ids[i]);
	if (!dups)
		return false;
	append(lib, i, map, dups, &room);
	cache_story_list_free(dups);
	/* Ask for more than room: some may be listed already. */
	size_t want = room + lib->stories[i].page->nrelated + 1;
	struct cache_story_list *rel =
	        room ? cache_related(c, ids[i], want) : NULL;
	if (room && !rel)
		return false;
	if (rel)
		append(lib, i, map, rel, &room);
	cache_story_list_free(rel);
	return true;
}

void source_relate(struct library *lib)
{
	if (lib->narticles < 2)
		return;
	char *error = NULL;
	struct cache *c = cache_open_memory(&error);
	if (!c) {
		warn("%s", error);
		free(error);
		return;
	}
	long long *ids = xreallocarray(NULL, lib->narticles, sizeof *ids);
	struct item_story *map =
	        xreallocarray(NULL, lib->narticles, sizeof *map);
	bool ok = ingest(c, lib) && item_ids(c, lib->narticles, ids);
	if (ok) {
		for (size_t i = 0; i < lib->narticles; i++)
			map[i] = (struct item_story){ids[i], i};
		qsort(map, lib->narticles, sizeof *map, by_id);
	}
	for (size_t i = 0; ok && i < lib->narticles; i++)
		ok = relate_one(c, lib, i, ids, map);
	if (!ok)
		warn("%s", cache_error(c));
	free(map);
	free(ids);
	cache_close(c);
}
