/* Related stories in a big cache whose words are common: of a word that
 * more than 512 items have, the index reads only the items around
 * the one opened, and counts only its first ones.  What is found must
 * stay what the ranking wants: a rare word shared with a story far away
 * in the cache still finds it, and the stories sharing only the common
 * word are those of the item's days, not the oldest of the cache.  The
 * reader's story source gives an item's page without them (the article
 * shows at once) and adds them when asked. */
#include "config.h"

#include "check.h"
#include "model/article.h"
#include "store/cache.h"
#include "ui/stories.h"
#include "util/xalloc.h"

/* Items stored, one every TEN_MINUTES; every ALPHA_EVERY-th has the
 * common word: 581 items, more than the 512 read of a word, fewer than
 * one in 50 (a word more common is left out of the query). */
#define ITEMS       32000
#define ALPHA_EVERY 55
#define TEN_MINUTES 600
#define START       1700000000LL

/* The item opened (one of the common word's, half-way): it also has a
 * rare word, which only the last item has (stored last, dated an hour
 * after it). */
#define OPENED (ALPHA_EVERY * (ITEMS / ALPHA_EVERY / 2))

/* A word of letters only, its own to item i: no other item has it. */
static void own_word(char *out, size_t i, char first)
{
	out[0] = first;
	for (int k = 1; k <= 5; k++, i /= 26)
		out[k] = (char)('a' + i % 26);
	out[6] = '\0';
}

static char *title_of(size_t i)
{
	char a[8], b[8];
	own_word(a, i, 'q');
	own_word(b, i, 'x');
	bool alpha = i % ALPHA_EVERY == 0;
	bool zeta = i == OPENED || i == ITEMS - 1;
	return xasprintf("%s%s%s %s", alpha ? "alpha " : "",
	                 zeta ? "zeta " : "", a, b);
}

static long long time_of(size_t i)
{
	if (i == ITEMS - 1)
		return START + (long long)OPENED * TEN_MINUTES + 3600;
	return START + (long long)i * TEN_MINUTES;
}

static bool fill(struct cache *c)
{
	struct cache_update *u = cache_feed_update_begin(c, "file:common");
	bool ok = u != NULL;
	for (size_t i = 0; ok && i < ITEMS; i++) {
		struct article *a = article_new();
		free(a->title);
		a->title = title_of(i);
		a->guid = xasprintf("%zu", i);
		a->time = time_of(i);
		ok = cache_store_item(u, a);
		article_free(a);
	}
	return u && cache_feed_update_commit(u, NULL) && ok;
}

/* The item stored i-th: items are numbered as they are stored. */
static size_t stored_of(long long id, long long first)
{
	return (size_t)(id - first);
}

/* The reader's source of every feed's list: the page of the item opened
 * has no related headline of the index's until more_related(), which
 * adds the 8, the first leading to the far story. */
static void test_source(struct cache *c, long long opened, long long far)
{
	char *error = NULL;
	struct cache_list every =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	struct ui_stories *s = ui_stories_cache(c, &every, &error);
	CHECK(s != NULL, "the list: %s", error ? error : "");
	if (!s)
		return;
	size_t row = STORY_NONE;
	for (size_t r = 0; r < s->ops->count(s) && row == STORY_NONE; r++)
		if (s->ops->item(s, r) == opened)
			row = r;
	struct article *a =
	        row != STORY_NONE ? s->ops->page(s, row, &error) : NULL;
	CHECK(a && a->nrelated == 0, "the page alone: %zu related",
	      a ? a->nrelated : 0);
	if (a) {
		size_t added = s->ops->more_related(s, row, a);
		CHECK(added == 8 && a->nrelated == 8, "%zu related added",
		      added);
		size_t first = s->ops->target(s, row, 0);
		CHECK(first != STORY_NONE && s->ops->item(s, first) == far,
		      "the first related headline leads to the far story");
	}
	article_free(a);
	s->ops->free(s);
}

int main(void)
{
	char *error = NULL;
	struct cache *c = cache_open_memory(&error);
	CHECK(c != NULL, "open: %s", error ? error : "");
	if (!c)
		return 1;
	CHECK(fill(c), "store: %s", cache_error(c));
	struct cache_story_list *all = cache_search(c, "zeta", 0);
	CHECK(all && all->n == 2, "the rare word is in two items");
	long long opened = 0, far = 0;
	for (size_t k = 0; all && k < all->n; k++) {
		if (all->items[k].time == time_of(OPENED))
			opened = all->items[k].id;
		else
			far = all->items[k].id;
	}
	cache_story_list_free(all);
	long long first = opened - OPENED;
	CHECK(opened && far == first + ITEMS - 1, "ids follow storing");

	struct cache_story_list *r = cache_related(c, opened, 8);
	CHECK(r && r->n == 8, "8 related stories: %s", cache_error(c));
	if (!r)
		return 1;
	CHECK(r->items[0].id == far,
	      "the story sharing the rare word comes first, however far");
	/* The others share only the common word: the nearest in time rank
	 * first (scores within 5% of each other, the newest first), so the
	 * four within 20 hours are there, and nothing further than three
	 * days. */
	size_t near = 0;
	for (size_t k = 1; k < r->n; k++) {
		size_t i = stored_of(r->items[k].id, first);
		long long hours = llabs(time_of(i) - time_of(OPENED)) / 3600;
		CHECK(i % ALPHA_EVERY == 0 && hours <= 72,
		      "related story %zu: item %zu, %lld hours away", k, i,
		      hours);
		near += hours <= 20;
	}
	CHECK(near == 4, "%zu of the 4 nearest stories", near);
	cache_story_list_free(r);
	test_source(c, opened, far);
	cache_close(c);
	return check_failures ? 1 : 0;
}
