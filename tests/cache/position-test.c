/* A row's place in its list, from the counts the cache keeps by buckets
 * of the list's order: cache_list_position() against a plain count of
 * the rows before many random keys, and the kept counts (rows and unread
 * rows) against a recount of every bucket, after storing, marking,
 * regrouping, re-dating, deleting, expiring and purging, and in a cache
 * brought up from the step before the counts. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "schema-undo.h"
#include "model/article.h"
#include "store/cache.h"
#include "util/xalloc.h"

#define FEEDS    3
#define CLUSTERS 1500
#define KEYS     400
#define DAY      (24 * 60 * 60LL)

static char *dir;
static unsigned seed = 12345;

/* The same numbers on every run. */
static long long pick(long long n)
{
	seed = seed * 1103515245u + 12345u;
	return (long long)((seed >> 8) % (unsigned long long)n);
}

/* The date of cluster k's item v (dated round r): a fifth undated (time
 * 0, every one the same), a fifth at one of three shared times, a few
 * before 1970, the others spread over six years. */
static long long date_of(int k, int v, int r)
{
	switch (k % 5) {
	case 0:
		return 0;
	case 1:
		return 1600000000LL + (k % 3) * 3600;
	default:
		if (k % 97 == 2)
			return -400 * DAY - k;
		return 1500000000LL +
		       (k * 7919LL + v * 600 + r * 60) % (6 * 365 * DAY);
	}
}

/* Cluster k's item v: five words of its own, a variant one more, so the
 * variants of a cluster make one group across feeds. */
static struct article *variant(int k, int v, int r)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xasprintf("alpha%d beta%d gamma%d delta%d epsilon%d%s", k, k,
	                     k, k, k, v ? " more" : "");
	a->guid = xasprintf("c%d-v%d", k, v);
	a->time = date_of(k, v, r);
	return a;
}

static char *feed_url(int f)
{
	return xasprintf("https://feed%d.example/rss", f);
}

/* Every feed updated once with the variants v of clusters [from, to) that
 * fall to it (dated as round r). */
static void store(struct cache *c, int from, int to, int v, int r)
{
	for (int f = 0; f < FEEDS; f++) {
		char *url = feed_url(f);
		struct cache_update *u = cache_feed_update_begin(c, url);
		CHECK(u != NULL, "update: %s", cache_error(c));
		for (int k = from; u && k < to; k++) {
			if ((k + v) % FEEDS != f)
				continue;
			struct article *a = variant(k, v, r);
			CHECK(cache_store_item(u, a), "store");
			article_free(a);
		}
		CHECK(u && cache_feed_update_commit(u, NULL), "commit: %s",
		      cache_error(c));
		free(url);
	}
}

/* How many of the list's rows (heads, in its order) come before key. */
/* The head rows of h before the key in the list's order: newest first,
 * or oldest first; every row, or the unread ones. */
static long long count_before(const struct cache_headlines *h,
                              struct cache_row_key key,
                              const struct cache_list *l)
{
	long long n = 0;
	for (size_t i = 0; i < h->n; i++) {
		const struct cache_headline *r = &h->items[i];
		bool newer = r->time > key.time ||
		             (r->time == key.time && r->id < key.id);
		bool older = r->time < key.time ||
		             (r->time == key.time && r->id > key.id);
		n += r->head && (l->rows != CACHE_LIST_UNREAD || !r->read) &&
		     (l->order == CACHE_ORDER_OLDEST ? older : newer);
	}
	return n;
}

/* The list's position of random keys: rows of it (their place known)
 * and keys between rows, of times the list has and ids of any chunk, in
 * the lists of every row and of the unread ones, newest and oldest
 * first. */
static void check_positions(struct cache *c, long long feed_id,
                            const char *what)
{
	struct cache_headlines *h = cache_headlines(c, feed_id);
	CHECK(h != NULL, "%s: %s", what, cache_error(c));
	if (!h || !h->n) {
		cache_headlines_free(h);
		return;
	}
	struct cache_list every =
	        cache_list_of(feed_id, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	size_t wrong = 0, place = 0;
	for (size_t i = 0; i < h->n; i++) {
		if (!h->items[i].head)
			continue;
		struct cache_row_key key = {h->items[i].time, h->items[i].id};
		if (pick(4) == 0)
			wrong += cache_list_position(c, &every, &key) !=
			         (long long)place;
		place++;
	}
	static const struct {
		enum cache_list_rows rows;
		enum cache_list_order order;
	} lists[] = {
	        {CACHE_LIST_ALL, CACHE_ORDER_NEWEST},
	        {CACHE_LIST_UNREAD, CACHE_ORDER_NEWEST},
	        {CACHE_LIST_ALL, CACHE_ORDER_OLDEST},
	        {CACHE_LIST_UNREAD, CACHE_ORDER_OLDEST},
	};
	for (int k = 0; k < KEYS; k++) {
		const struct cache_headline *r =
		        &h->items[pick((long long)h->n)];
		struct cache_row_key key = {r->time + pick(3) - 1,
		                            r->id + pick(2049) - 1024};
		struct cache_list l = cache_list_of(feed_id, lists[k % 4].rows,
		                                    lists[k % 4].order);
		long long got = cache_list_position(c, &l, &key);
		long long want = count_before(h, key, &l);
		CHECK(got == want,
		      "%s, list %lld (rows %d, order %d): key (%lld, %lld) at "
		      "%lld, counted %lld",
		      what, feed_id, (int)l.rows, (int)l.order, key.time,
		      key.id, got, want);
	}
	CHECK(wrong == 0, "%s, list %lld: %zu rows at the wrong place", what,
	      feed_id, wrong);
	cache_headlines_free(h);
}

/* The kept counts are a recount of every bucket: the rows and unread
 * rows of each list (feed id: its head_feed rows; 0: head_all rows) by
 * time >> 24, by time >> 14, and by the time and id >> 10. */
static const char *const recount =
        "WITH r AS (SELECT feed_id AS list, time, id, read FROM items"
        "  WHERE head_feed = 1"
        "  UNION ALL SELECT 0, time, id, read FROM items WHERE head_all = 1),"
        " b AS (SELECT list, 0 AS level, time >> 24 AS hi, 0 AS lo, read"
        "  FROM r UNION ALL SELECT list, 1, time >> 14, 0, read FROM r"
        "  UNION ALL SELECT list, 2, time, id >> 10, read FROM r),"
        " want AS (SELECT list, level, hi, lo, count(*) AS rows,"
        "  sum(read = 0) AS unread FROM b GROUP BY list, level, hi, lo)"
        " SELECT (SELECT count(*) FROM (SELECT * FROM want"
        "  EXCEPT SELECT * FROM list_counts))"
        " + (SELECT count(*) FROM (SELECT * FROM list_counts"
        "  EXCEPT SELECT * FROM want)),"
        " (SELECT count(*) FROM list_counts)";

static void check_buckets(const char *path, const char *what)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	                      SQLITE_OK &&
	              sqlite3_prepare_v2(db, recount, -1, &st, NULL) ==
	                      SQLITE_OK &&
	              sqlite3_step(st) == SQLITE_ROW,
	      "%s: recount: %s", what, sqlite3_errmsg(db));
	CHECK(sqlite3_column_int64(st, 0) == 0 &&
	              sqlite3_column_int64(st, 1) > 0,
	      "%s: %lld of %lld buckets differ from a recount", what,
	      sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Every list right: the list of every feed and each feed's. */
static void check_all(struct cache *c, const char *path, const char *what)
{
	check_buckets(path, what);
	size_t n;
	struct cache_feed *feeds = cache_feeds(c, &n);
	check_positions(c, 0, what);
	for (size_t f = 0; feeds && f < n; f++)
		check_positions(c, feeds[f].id, what);
	cache_feeds_free(feeds, n);
}

static void exec_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK, "open %s", path);
	char *err = NULL;
	CHECK(sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK, "%s: %s",
	      sql, err ? err : "");
	sqlite3_free(err);
	sqlite3_close(db);
}

static struct cache *open_cache(const char *path)
{
	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	CHECK(c != NULL, "open: %s", error ? error : "");
	free(error);
	return c;
}

/* Marks of items, of a story and of a whole feed. */
static void mark(struct cache *c)
{
	struct cache_headlines *h = cache_headlines(c, 0);
	for (size_t i = 0; h && i < h->n; i += 3)
		CHECK(cache_item_set_read(c, h->items[i].id, true), "mark");
	for (size_t i = 0; h && i < h->n; i += 51)
		CHECK(cache_item_set_read(c, h->items[i].id, false), "unmark");
	struct cache_list every =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	for (size_t i = 1; h && i < h->n; i += 40)
		CHECK(cache_story_set_read(c, h->items[i].story, &every, true),
		      "mark a story");
	cache_headlines_free(h);
	size_t n;
	struct cache_feed *feeds = cache_feeds(c, &n);
	CHECK(feeds && n == FEEDS && cache_feed_mark_read(c, feeds[2].id),
	      "mark a feed read");
	cache_feeds_free(feeds, n);
}

/* The feed of the last url unsubscribed and purged. */
static void purge(struct cache *c)
{
	char *urls[FEEDS - 1];
	for (int f = 0; f < FEEDS - 1; f++)
		urls[f] = feed_url(f);
	CHECK(cache_sync_feeds(c, (const char *const *)urls, FEEDS - 1) &&
	              cache_purge_unsubscribed(c),
	      "purge: %s", cache_error(c));
	for (int f = 0; f < FEEDS - 1; f++)
		free(urls[f]);
}

static void test_changes(void)
{
	char *path = xasprintf("%s/changes.db", dir);
	struct cache *c = open_cache(path);
	if (!c)
		goto out;
	store(c, 0, CLUSTERS, 0, 0);
	check_all(c, path, "stored");
	mark(c);
	check_all(c, path, "marked");
	/* Variants join the groups (new heads where they are newer), and
	 * items stored again with other dates move. */
	store(c, 0, CLUSTERS, 1, 0);
	store(c, 0, CLUSTERS / 3, 0, 1);
	check_all(c, path, "regrouped");
	cache_close(c);
	exec_sql(path, "PRAGMA foreign_keys = ON;"
	               "DELETE FROM items WHERE id % 7 = 0 OR time < 0");
	c = open_cache(path);
	if (!c)
		goto out;
	check_all(c, path, "deleted");
	CHECK(cache_expire(c, (long long)time(NULL) + 10, 300, true) == 300,
	      "expire: %s", cache_error(c));
	check_all(c, path, "expired");
	purge(c);
	check_all(c, path, "purged");
	cache_close(c);
out:
	free(path);
}

/* A cache of the step before the counts gets them for its rows. */
static void test_migration(void)
{
	char *path = xasprintf("%s/migrate.db", dir);
	struct cache *c = open_cache(path);
	if (!c)
		goto out;
	store(c, 0, CLUSTERS, 0, 0);
	store(c, 0, CLUSTERS / 2, 1, 0);
	mark(c);
	cache_close(c);
	exec_sql(path, UNDO_STEP_7 "PRAGMA user_version = 6");
	c = open_cache(path);
	if (!c)
		goto out;
	check_all(c, path, "migrated");
	store(c, CLUSTERS / 2, CLUSTERS, 1, 0);
	check_all(c, path, "migrated, then stored");
	cache_close(c);
out:
	free(path);
}

int main(void)
{
	if (!(dir = check_tmpdir("position")))
		return 99;
	test_changes();
	test_migration();
	check_tmpdir_remove(dir);
	return check_result("position-test");
}
