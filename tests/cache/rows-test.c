/* A headline list read by the rows it shows: cache_list_rows() from the
 * first row, the last, the middle; the cache's story source moving its
 * window forwards, backwards and far, searching around the ends, and a
 * list that changes underneath it. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "check.h"
#include "store/cache.h"
#include "ui/stories.h"
#include "util/xalloc.h"

#define ITEMS 1500

static char *dir;

/* Item k of a round: published k minutes before the round's first; one
 * in 50 a variant of the one before it. */
static struct article *make(int round, int k)
{
	struct article *a = article_new();
	free(a->title);
	int base = k % 50 == 1 ? k - 1 : k;
	a->title =
	        xasprintf("Report %d%c from city c%d on topic t%d%s%s", base,
	                  'a' + round, base, base, k % 500 == 7 ? " zeta" : "",
	                  base != k ? " today" : "");
	a->guid = xasprintf("r%d-%d", round, k);
	a->time = 1700000000LL + round * 1000000LL - k * 60;
	return a;
}

static void store(struct cache *c, const char *url, int round, int n)
{
	struct cache_update *u = cache_feed_update_begin(c, url);
	for (int k = 0; u && k < n; k++) {
		struct article *a = make(round, k);
		CHECK(cache_store_item(u, a), "store %d", k);
		article_free(a);
	}
	CHECK(u && cache_feed_update_commit(u, NULL), "commit: %s",
	      cache_error(c));
}

/* The list's rows as reading the whole of it gives them. */
struct expected {
	long long *id;
	size_t n, unread;
};

static struct expected expected_rows(struct cache *c, long long feed_id)
{
	struct expected e = {0};
	struct cache_headlines *h = cache_headlines(c, feed_id);
	e.id = xreallocarray(NULL, h->n + 1, sizeof *e.id);
	for (size_t i = 0; i < h->n; i++)
		if (h->items[i].head) {
			e.unread += !h->items[i].read;
			e.id[e.n++] = h->items[i].id;
		}
	cache_headlines_free(h);
	return e;
}

/* cache_list_rows() from the first row, from the last back, and from a
 * key in the middle, with a skip. */
static void test_pages(struct cache *c, long long feed_id,
                       const struct expected *e)
{
	struct cache_list l =
	        cache_list_of(feed_id, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	struct cache_headlines *h =
	        cache_list_rows(c, &l, NULL, CACHE_ROWS_AFTER, 0, 10);
	for (size_t i = 0; h && i < 10; i++)
		CHECK(h->items[i].id == e->id[i], "first page, row %zu", i);
	cache_headlines_free(h);
	h = cache_list_rows(c, &l, NULL, CACHE_ROWS_BEFORE, 0, 10);
	for (size_t i = 0; h && i < 10; i++)
		CHECK(h->items[i].id == e->id[e->n - 1 - i], "last page, %zu",
		      i);
	cache_headlines_free(h);
	struct cache_headlines *one =
	        cache_list_rows(c, &l, NULL, CACHE_ROWS_AFTER, 700, 1);
	CHECK(one && one->n == 1 && one->items[0].id == e->id[700],
	      "row 700 by skipping");
	struct cache_row_key key = {one->items[0].time, one->items[0].id};
	h = cache_list_rows(c, &l, &key, CACHE_ROWS_AT, 3, 5);
	for (size_t i = 0; h && i < 5; i++)
		CHECK(h->items[i].id == e->id[703 + i], "at 700 + 3 + %zu", i);
	cache_headlines_free(h);
	h = cache_list_rows(c, &l, &key, CACHE_ROWS_BEFORE, 0, 5);
	for (size_t i = 0; h && i < 5; i++)
		CHECK(h->items[i].id == e->id[699 - i], "before 700, %zu", i);
	cache_headlines_free(h);
	CHECK(cache_list_position(c, &l, &key) == 700, "row 700's place");
	cache_headlines_free(one);
}

/* The story source gives row i as the whole list does, however it
 * moves: down a screen at a time, up from the end, far and back. */
static void check_rows(struct ui_stories *s, const struct expected *e,
                       const char *what)
{
	CHECK(s->ops->count(s) == e->n && s->ops->unread(s) == e->unread,
	      "%s: %zu rows %zu unread, want %zu %zu", what, s->ops->count(s),
	      s->ops->unread(s), e->n, e->unread);
	size_t order[] = {0,        1,          21,       22, 400, 401,
	                  900,      899,        898,      1,  2,   e->n - 1,
	                  e->n - 2, e->n - 300, e->n / 2, 0};
	for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
		size_t i = order[k];
		CHECK(i >= e->n || s->ops->item(s, i) == e->id[i],
		      "%s: row %zu", what, i);
	}
	for (size_t i = e->n; i-- > e->n - 600;)
		CHECK(s->ops->item(s, i) == e->id[i], "%s: up, row %zu", what,
		      i);
}

/* / from the top finds the first match, n and N go on around the
 * ends. */
static void test_find(struct ui_stories *s, const struct expected *e)
{
	size_t want[8], nwant = 0;
	for (size_t i = 0; i < e->n; i++)
		if (strstr(s->ops->title(s, i), "zeta"))
			want[nwant++] = i;
	CHECK(nwant == 3, "%zu rows say zeta", nwant);
	struct text_query *q = text_query_new("zeta", 4);
	struct ui_found f;
	char *error = NULL;
	CHECK(s->ops->find(s, "zeta", q, 0, UI_FIND_AT, &f, &error) &&
	              f.total == 3 && f.rank == 1 && f.story == want[0],
	      "/ from the top: %zu (%zu of %zu)", f.story, f.rank, f.total);
	CHECK(s->ops->find(s, "zeta", q, want[0], UI_FIND_NEXT, &f, &error) &&
	              f.rank == 2 && f.story == want[1],
	      "n: %zu", f.story);
	CHECK(s->ops->find(s, "zeta", q, want[2], UI_FIND_NEXT, &f, &error) &&
	              f.rank == 1 && f.story == want[0],
	      "n around the end: %zu", f.story);
	CHECK(s->ops->find(s, "zeta", q, want[0], UI_FIND_PREV, &f, &error) &&
	              f.rank == 3 && f.story == want[2],
	      "N around the start: %zu", f.story);
	CHECK(s->ops->item(s, f.story) == e->id[want[2]], "the match's row");
	CHECK(s->ops->find(s, "nowhere", q, 5, UI_FIND_AT, &f, &error) &&
	              f.total == 0,
	      "no match");
	text_query_free(q);
}

int main(void)
{
	if (!(dir = check_tmpdir("rows")))
		return 99;
	char *path = xasprintf("%s/cache.db", dir), *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	if (!c)
		return 99;
	store(c, "https://one.example/rss", 0, ITEMS);
	store(c, "https://two.example/rss", 1, 300);
	size_t nf;
	struct cache_feed *feeds = cache_feeds(c, &nf);
	long long one = feeds[0].id;
	cache_feeds_free(feeds, nf);

	struct cache_list feed_list =
	        cache_list_of(one, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	struct cache_list every_list =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	struct expected e = expected_rows(c, one);
	CHECK(e.n == ITEMS - ITEMS / 50, "%zu rows", e.n);
	test_pages(c, one, &e);
	struct ui_stories *s = ui_stories_cache(c, &feed_list, &error);
	check_rows(s, &e, "feed");
	CHECK(s->ops->variants(s, 0) == 1 && s->ops->variants(s, 1) == 0,
	      "a row with its variant");
	test_find(s, &e);

	/* Marks: the unread count follows; a row marks its group. */
	CHECK(s->ops->set_read(s, 0, true, &error) &&
	              s->ops->unread(s) == e.unread - 1,
	      "marked");
	free(e.id);
	e = expected_rows(c, one);
	check_rows(s, &e, "marked");

	/* Newer items come underneath: the story kept moves down by them. */
	size_t keep = 800;
	long long kept = s->ops->item(s, keep);
	store(c, "https://one.example/rss", 2, 40);
	free(e.id);
	e = expected_rows(c, one);
	size_t now = s->ops->reload(s, keep);
	CHECK(e.id[now] == kept && now == keep + 39, /* one a variant */
	      "kept at %zu", now);
	check_rows(s, &e, "grown");
	s->ops->free(s);

	/* Every feed's list. */
	struct expected all = expected_rows(c, 0);
	test_pages(c, 0, &all);
	s = ui_stories_cache(c, &every_list, &error);
	check_rows(s, &all, "every feed");
	s->ops->free(s);
	free(all.id);
	free(e.id);
	cache_close(c);
	check_tmpdir_remove(dir);
	free(path);
	return check_failures ? 1 : 0;
}
