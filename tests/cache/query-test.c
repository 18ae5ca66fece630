/* Query feeds over the cache: cache_query_scan() gives every row of the
 * list of every feed, newest first, with the fields a filter looks at
 * (and stops when told, and goes on from a row in slices); cache_query_rows()
 * reads rows by id in the order asked; the query feed's story source lists
 * exactly the matches of its expression (the feeds' tags from the urls file),
 * keeps its unread count as stories are marked, finds them again after a reload
 * and counts several queries in one reading, at once or a slice at a time; a
 * long list is read a screen first, the rest a slice at a time. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/filter.h"
#include "store/cache.h"
#include "ui/stories.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *const urls_text =
        "https://one.example/rss news \"~Desk One\"\n"
        "https://two.example/rss sport\n";

/* Distinct headlines, so that only the one meant is a near-duplicate. */
static const char *const headlines[] = {
        "Harbour storm closes the port",
        "Harbour storm closes the port for a second day",
        "Quiet election count in the valley towns",
        "Orchestra plans quiet winter season of concerts",
        "Bakers win the regional bread contest",
        "Cyclists race across the mountain pass",
        "Swimmers cross the cold northern lake",
        "Referee shortage delays the junior league",
};

/* Item k of a feed (headline first + k): published k hours before the
 * feed's first.  Headline 1 is a near-duplicate of headline 0: one row
 * of the list of every feed. */
static struct article *make(const char *feed, int first, int k, long long time)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xstrdup(headlines[first + k]);
	a->guid = xasprintf("%s-%d", feed, k);
	a->link = xasprintf("https://%s.example/%d", feed, k);
	a->author = xasprintf("Writer %d", k);
	a->time = time - k * 3600;
	char *body = xasprintf("Body text %d of %s.", k, feed);
	article_add_paragraph(a, body, strlen(body));
	free(body);
	return a;
}

static void store(struct cache *c, const char *url, const char *feed, int first,
                  int n, long long time)
{
	struct cache_update *u = cache_feed_update_begin(c, url);
	for (int k = 0; u && k < n; k++) {
		struct article *a = make(feed, first, k, time);
		CHECK(cache_store_item(u, a), "store %d", k);
		article_free(a);
	}
	struct cache_feed_meta meta = {.title = feed};
	CHECK(u && cache_feed_update_commit(u, &meta), "commit: %s",
	      cache_error(c));
}

/* What a scan saw. */
struct seen {
	long long *ids;
	size_t n, stop_after;
	bool fields_ok;
};

static bool collect(const struct cache_query_item *it, void *ctx)
{
	struct seen *s = ctx;
	s->ids = xreallocarray(s->ids, s->n + 1, sizeof *s->ids);
	s->ids[s->n++] = it->id;
	/* Item 2 of feed "one": every field a filter reads. */
	if (it->guid && !strcmp(it->guid, "one-2"))
		s->fields_ok =
		        !strcmp(it->title, headlines[2]) &&
		        !strcmp(it->content, "Body text 2 of one.") &&
		        !strcmp(it->author, "Writer 2") &&
		        !strcmp(it->link, "https://one.example/2") &&
		        !strcmp(it->feed_title, "one") &&
		        !strcmp(it->feed_url, "https://one.example/rss") &&
		        it->time == 1700000000LL - 2 * 3600 && !it->read &&
		        !it->starred;
	return s->n != s->stop_after;
}

/* As collect(), for a scan without the content: none comes, and every
 * other field does. */
static bool collect_bare(const struct cache_query_item *it, void *ctx)
{
	struct seen *s = ctx;
	s->ids = xreallocarray(s->ids, s->n + 1, sizeof *s->ids);
	s->ids[s->n++] = it->id;
	s->fields_ok = (s->n == 1 || s->fields_ok) && !it->content &&
	               it->title && it->author && it->link && it->guid &&
	               it->feed_url;
	return true;
}

/* The rows of the list of every feed, as cache_headlines() gives them. */
static long long *heads(struct cache *c, size_t *n)
{
	struct cache_headlines *h = cache_headlines(c, 0);
	long long *ids = xreallocarray(NULL, h->n + 1, sizeof *ids);
	*n = 0;
	for (size_t i = 0; i < h->n; i++)
		if (h->items[i].head)
			ids[(*n)++] = h->items[i].id;
	cache_headlines_free(h);
	return ids;
}

static void test_scan(struct cache *c)
{
	size_t n;
	long long *want = heads(c, &n);
	struct seen s = {0};
	CHECK(cache_query_scan(c, NULL, 0, true, collect, &s, NULL) == 7,
	      "scan: %s", cache_error(c));
	CHECK(s.n == n && n == 7, "%zu rows scanned, %zu listed", s.n, n);
	for (size_t i = 0; i < n && i < s.n; i++)
		CHECK(s.ids[i] == want[i], "row %zu in list order", i);
	CHECK(s.fields_ok, "the fields of an item");
	free(s.ids);

	struct seen some = {.stop_after = 3};
	CHECK(cache_query_scan(c, NULL, 0, true, collect, &some, NULL) == 3 &&
	              some.n == 3,
	      "stopped after %zu", some.n);
	free(some.ids);

	/* in slices of two, each from the last row of the one before */
	struct seen sliced = {0};
	struct cache_row_key at;
	long long got =
	        cache_query_scan(c, NULL, 2, true, collect, &sliced, &at);
	while (got == 2)
		got = cache_query_scan(c, &at, 2, true, collect, &sliced, &at);
	CHECK(got == 1 && sliced.n == n, "%zu rows in slices", sliced.n);
	for (size_t i = 0; i < n && i < sliced.n; i++)
		CHECK(sliced.ids[i] == want[i], "sliced row %zu", i);
	free(sliced.ids);

	/* without the content: every other field as before */
	struct seen bare = {0};
	CHECK(cache_query_scan(c, NULL, 0, false, collect_bare, &bare, NULL) ==
	                      7 &&
	              bare.n == 7 && bare.fields_ok,
	      "a scan without the content: %zu rows", bare.n);
	free(bare.ids);

	/* by id, in the order asked; an id the cache lacks is a row gone */
	long long ids[] = {want[4], 999999, want[0]};
	struct cache_headlines *h = cache_query_rows(c, ids, 3);
	CHECK(h && h->n == 3, "three rows");
	if (h && h->n == 3) {
		CHECK(h->items[0].id == want[4] && h->items[2].id == want[0],
		      "in the order asked");
		CHECK(h->items[1].id == 999999 && !h->items[1].feed_id &&
		              !strcmp(h->items[1].title, ""),
		      "a row gone");
		CHECK_STR(h->items[2].title, headlines[5], "the newest");
		CHECK(h->items[2].feed_id > 0 && h->items[2].story > 0 &&
		              !h->items[2].read,
		      "its feed, group and mark");
	}
	cache_headlines_free(h);
	free(want);
}

/* The titles of the source's stories, joined by '|'; a new string. */
static char *titles(struct ui_stories *s)
{
	struct strbuf b = {0};
	for (size_t i = 0; i < s->ops->count(s); i++) {
		if (i)
			strbuf_addc(&b, '|');
		strbuf_adds(&b, s->ops->title(s, i));
	}
	return strbuf_take(&b);
}

static void test_source(struct cache *c, const struct urls *u)
{
	char *error = NULL;
	/* tags and the urls file's title of the feed */
	struct ui_stories *s = ui_stories_query(
	        c, u, "tags # \"news\" and title =~ \"quiet\"", -1, &error);
	CHECK(s != NULL, "query: %s", error ? error : "");
	if (!s)
		return;
	char *got = titles(s);
	CHECK_STR(got,
	          "Quiet election count in the valley towns|"
	          "Orchestra plans quiet winter season of concerts",
	          "news, quiet");
	free(got);
	CHECK(s->feed_id == -1 && s->has_site, "a list of many feeds");
	CHECK_STR(s->ops->site(s, 0), "Desk One", "its feed's name");
	CHECK(s->ops->unread(s) == 2, "two unread");
	CHECK(s->ops->set_read(s, 1, true, &error) && s->ops->unread(s) == 1 &&
	              s->ops->is_read(s, 1),
	      "marked read");
	long long id = s->ops->item(s, 1);
	s->ops->free(s);

	s = ui_stories_query(c, u,
	                     "feedtitle = \"Desk One\" and unread = \"no\"", -1,
	                     &error);
	CHECK(s && s->ops->count(s) == 1 && s->ops->item(s, 0) == id,
	      "the mark is the cache's");
	if (s) {
		/* another story read underneath: the reload finds it */
		CHECK(cache_item_set_read(c, s->ops->item(s, 0) - 1, true),
		      "mark");
		CHECK(s->ops->reload(s, 0) == 1 && s->ops->count(s) == 2 &&
		              s->ops->item(s, 1) == id,
		      "kept after a reload");
		/* an item not in the list is an extra story after it */
		size_t extra = s->ops->story_of_item(s, id + 3);
		CHECK(extra == 2, "extra story %zu", extra);
		s->ops->free(s);
	}

	/* the content, read only for a filter that looks at it */
	s = ui_stories_query(c, u, "content # \"Body text 2 of one\"", -1,
	                     &error);
	CHECK(s && s->ops->count(s) == 1 &&
	              !strcmp(s->ops->title(s, 0), headlines[2]),
	      "a match by its content");
	if (s)
		s->ops->free(s);

	CHECK(!ui_stories_query(c, u, "title =~", -1, &error) && error,
	      "a bad expression");
	free(error);
}

/* The counts of the three filters of test_counts(). */
static void check_counts(const struct cache_list_counts *counts)
{
	CHECK(counts[0].rows == 3 && counts[0].unread == 3, "sport: %zu/%zu",
	      counts[0].unread, counts[0].rows);
	CHECK(counts[1].rows == 0, "no filter, no rows");
	CHECK(counts[2].rows == 7 && counts[2].unread == 7 - 2,
	      "every row: %zu/%zu", counts[2].unread, counts[2].rows);
}

static void test_counts(struct cache *c, const struct urls *u)
{
	char *error = NULL;
	struct filter *f[3] = {
	        filter_parse("tags # \"sport\"", &error, NULL),
	        NULL,
	        filter_parse("feedurl # \"example\"", &error, NULL),
	};
	struct cache_list_counts counts[3];
	struct ui_query_counting *qc = ui_query_counting_new(c, u, f, 3);
	CHECK(ui_query_counting_step(qc, 0, counts) == 1, "counted at once");
	ui_query_counting_free(qc);
	check_counts(counts);
	/* three rows a step: 7 rows are counted in the third */
	memset(counts, 0, sizeof counts);
	qc = ui_query_counting_new(c, u, f, 3);
	int steps = 1;
	while (ui_query_counting_step(qc, 3, counts) == 0)
		steps++;
	CHECK(steps == 3, "%d steps", steps);
	ui_query_counting_free(qc);
	check_counts(counts);
	for (size_t k = 0; k < 3; k++)
		filter_free(f[k]);
}

/* Feed "three": n items older than the rest, each titled with words no
 * other has (so that none is another's near-duplicate). */
static void store_long(struct cache *c, int n)
{
	struct cache_update *u =
	        cache_feed_update_begin(c, "https://three.example/rss");
	for (int k = 0; u && k < n; k++) {
		struct article *a = article_new();
		free(a->title);
		a->title = xasprintf("w%da w%db w%dc", k, k, k);
		a->guid = xasprintf("three-%d", k);
		a->time = 1600000000LL - k * 60LL;
		CHECK(cache_store_item(u, a), "store %d", k);
		article_free(a);
	}
	struct cache_feed_meta meta = {.title = "three"};
	CHECK(u && cache_feed_update_commit(u, &meta), "commit: %s",
	      cache_error(c));
}

static void test_long(struct cache *c, const struct urls *u)
{
	enum { N = 2000 };
	store_long(c, N);
	char *error = NULL;
	struct ui_stories *s =
	        ui_stories_query(c, u, "feedtitle = \"three\"", -1, &error);
	CHECK(s != NULL, "query: %s", error ? error : "");
	if (!s)
		return;
	size_t first = s->ops->count(s);
	CHECK(s->reading && first >= 200 && first < N,
	      "a screen first: %zu stories", first);
	CHECK_STR(s->ops->title(s, 0), "w0a w0b w0c", "the newest first");
	CHECK(s->ops->unread(s) == first, "unread so far");
	CHECK(s->ops->read_more(s, 1, &error) && s->ops->count(s) > first,
	      "a slice more: %zu", s->ops->count(s));
	CHECK_STR(s->ops->title(s, 0), "w0a w0b w0c", "the same story 0");
	CHECK(ui_stories_read_all(s, &error) && !s->reading &&
	              s->ops->count(s) == N && s->ops->unread(s) == N,
	      "whole: %zu", s->ops->count(s));
	CHECK_STR(s->ops->title(s, N - 1), "w1999a w1999b w1999c",
	          "the oldest");

	/* a story beyond the first screen stays under the cursor */
	long long id = s->ops->item(s, 900);
	CHECK(s->ops->set_read(s, 1, true, &error), "mark");
	size_t at = s->ops->reload(s, 900);
	CHECK(at == 900 && s->ops->item(s, at) == id && s->reading,
	      "kept at %zu after a reload, the rest to read", at);
	CHECK(ui_stories_read_all(s, &error) && s->ops->count(s) == N &&
	              s->ops->unread(s) == N - 1,
	      "whole again: %zu, %zu unread", s->ops->count(s),
	      s->ops->unread(s));
	CHECK(s->ops->mark_all_read(s, &error) && s->ops->unread(s) == 0,
	      "every one read");
	s->ops->free(s);
	free(error);
}

int main(void)
{
	char *dir = check_tmpdir("query");
	if (!dir)
		return 99;
	char *path = xasprintf("%s/cache.db", dir), *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	if (!c)
		return 99;
	store(c, "https://one.example/rss", "one", 0, 5, 1700000000LL);
	store(c, "https://two.example/rss", "two", 5, 3, 1700000000LL + 1800);
	struct urls *u = urls_parse(urls_text, "urls");

	test_scan(c);
	test_source(c, u);
	test_counts(c, u);
	test_long(c, u); /* last: its feed is in no other test's lists */

	urls_free(u);
	cache_close(c);
	check_tmpdir_remove(dir);
	free(path);
	return check_failures ? 1 : 0;
}
