/* Marking a feed read and undoing it: exactly the items that were unread
 * are marked, and exactly those are unread again, whatever another akhbar
 * marks or adds meanwhile; while another akhbar writes, the marks are held
 * (shown at once, written when the cache is free). */
#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/article.h"
#include "store/cache.h"
#include "util/xalloc.h"

static int failures;
static char *tmp; /* this run's folder */

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			failures++;                                            \
		}                                                              \
	} while (0)

static struct cache *open_ok(const char *path)
{
	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	if (!c) {
		printf("FAIL: cannot open %s: %s\n", path, error);
		free(error);
		exit(1);
	}
	return c;
}

/* Store items titled titles[0..n) (their guids too) as an update of url. */
static void ingest(struct cache *c, const char *url, const char *const *titles,
                   size_t n)
{
	struct cache_update *u = cache_feed_update_begin(c, url);
	for (size_t i = 0; u && i < n; i++) {
		struct article *a = article_new();
		free(a->title);
		a->title = xstrdup(titles[i]);
		a->guid = xstrdup(titles[i]);
		a->time = 1000 + (long long)i;
		CHECK(cache_store_item(u, a));
		article_free(a);
	}
	CHECK(u && cache_feed_update_commit(u, NULL));
}

/* An integer a query gives on the file, through a connection of its
 * own: what is written, not what a cache shows. */
static long long sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static long long item_id(const char *path, const char *title)
{
	char *sql = xasprintf("SELECT id FROM items WHERE title = '%s'", title);
	long long id = sql_int(path, sql);
	free(sql);
	return id;
}

/* Whether the item titled title is read in the file. */
static long long is_read(const char *path, const char *title)
{
	char *sql =
	        xasprintf("SELECT read FROM items WHERE title = '%s'", title);
	long long read = sql_int(path, sql);
	free(sql);
	return read;
}

static long long feed_of(const char *path, const char *url)
{
	char *sql = xasprintf("SELECT id FROM feeds WHERE url = '%s'", url);
	long long id = sql_int(path, sql);
	free(sql);
	return id;
}

static const char *const one[] = {"a1", "a2", "a3"};
static const char *const two[] = {"b1"};

/* A and u on one reader while another akhbar marks and adds items. */
static void test_undo_exact(void)
{
	char *path = xasprintf("%s/undo.db", tmp);
	struct cache *reader = open_ok(path), *other = open_ok(path);
	ingest(reader, "http://one", one, 3);
	ingest(reader, "http://two", two, 1);
	long long feed = feed_of(path, "http://one");
	CHECK(cache_item_set_read(reader, item_id(path, "a3"), true));

	size_t n = 0;
	long long *ids = cache_feed_unread_ids(reader, feed, &n);
	CHECK(ids && n == 2);
	CHECK(cache_items_set_read(reader, ids, n, true));
	CHECK(is_read(path, "a1") == 1 && is_read(path, "a2") == 1);
	CHECK(is_read(path, "b1") == 0);

	/* meanwhile: a new item, and a mark on the other feed */
	static const char *const more[] = {"a1", "a2", "a3", "a4"};
	ingest(other, "http://one", more, 4);
	CHECK(cache_item_set_read(other, item_id(path, "b1"), true));

	CHECK(cache_items_set_read(reader, ids, n, false));
	CHECK(is_read(path, "a1") == 0 && is_read(path, "a2") == 0);
	CHECK(is_read(path, "a3") == 1); /* read before: stays read */
	CHECK(is_read(path, "a4") == 0); /* new: never marked */
	CHECK(is_read(path, "b1") == 1); /* the other's mark stays */
	free(ids);

	/* every feed at once */
	ids = cache_feed_unread_ids(reader, 0, &n);
	CHECK(ids && n == 3);
	CHECK(cache_items_set_read(reader, ids, n, true));
	CHECK(sql_int(path, "SELECT count(*) FROM items WHERE read = 0") == 0);
	free(ids);
	cache_close(other);
	cache_close(reader);
	free(path);
}

/* Another akhbar holds the write lock: the marks are held, shown in the
 * reader's lists and counted by the next capture, and written once the
 * cache is free. */
static void test_held(void)
{
	char *path = xasprintf("%s/held.db", tmp);
	struct cache *reader = open_ok(path);
	ingest(reader, "http://one", one, 3);
	long long feed = feed_of(path, "http://one");

	sqlite3 *writer;
	CHECK(sqlite3_open(path, &writer) == SQLITE_OK);
	CHECK(sqlite3_exec(writer, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	      SQLITE_OK);
	cache_set_wait(reader, 0, NULL, NULL);
	size_t n = 0;
	long long *ids = cache_feed_unread_ids(reader, feed, &n);
	CHECK(ids && n == 3);
	CHECK(cache_items_set_read(reader, ids, n, true));
	CHECK(is_read(path, "a1") == 0); /* not written yet */
	size_t left = 9;
	long long *none = cache_feed_unread_ids(reader, feed, &left);
	CHECK(none && left == 0); /* but shown */
	free(none);
	struct cache_headlines *h = cache_headlines(reader, feed);
	CHECK(h && h->n == 3 && h->items[0].read && h->items[2].read);
	cache_headlines_free(h);

	CHECK(sqlite3_exec(writer, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(writer);
	CHECK(cache_flush(reader, false));
	CHECK(is_read(path, "a1") == 1 && is_read(path, "a3") == 1);
	free(ids);
	cache_close(reader);
	free(path);
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	tmp = xasprintf("%s/akhbar-marks-test-XXXXXX",
	                base && *base ? base : "/tmp");
	if (!mkdtemp(tmp)) {
		printf("cannot create %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	test_undo_exact();
	test_held();
	char *cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("warning: could not remove %s\n", tmp);
	free(cmd);
	free(tmp);
	return failures ? 1 : 0;
}
