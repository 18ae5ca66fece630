/* Expiry and giving space back: cache_expire() removes the old items
 * that are not starred, with their index entries, and cache_shrink()
 * makes the file smaller, for a new cache and for one made before
 * caches could shrink by themselves. */
#include "config.h"

#include "check.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/article.h"
#include "store/cache.h"
#include "util/xalloc.h"

enum { OLD = 300, NEW = 100 };

static char *tmp; /* this run's folder */

/* The number a query gives on the file, through a connection of its
 * own; -1 when it fails. */
static long long sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) ==
	            SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static void sql_run(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		CHECK(false, "%s: %s", sql, err ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	sqlite3_close(db);
}

static long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* An item of about 4 KB: old ones dated long ago, new ones next week
 * (their date is after any limit the test sets). */
static struct article *numbered(bool old, int i)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xasprintf("%s%d headline", old ? "old" : "new", i);
	a->guid = xasprintf("%s-%d", old ? "old" : "new", i);
	a->time = old ? 1000000000LL + i : (long long)time(NULL) + 7 * 86400;
	for (int p = 0; p < 16; p++) {
		char *text = xasprintf("Paragraph %d of story %d, long enough "
		                       "for the pages of the file to fill up "
		                       "with text, and a little more text.",
		                       p, i);
		article_add_paragraph(a, text, strlen(text));
		free(text);
	}
	return a;
}

/* A cache at path with OLD old items and NEW new ones; old items 5 and
 * 6 starred. */
static struct cache *filled(const char *path)
{
	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	CHECK(c, "cannot open %s: %s", path, error);
	free(error);
	if (!c)
		return NULL;
	struct cache_update *u = cache_feed_update_begin(c, "http://feed");
	for (int i = 0; u && i < OLD + NEW; i++) {
		struct article *a = numbered(i < OLD, i);
		CHECK(cache_store_item(u, a), "store %d", i);
		article_free(a);
	}
	CHECK(u && cache_feed_update_commit(u, NULL), "commit");
	for (int i = 5; i <= 6; i++) {
		char *sql = xasprintf(
		        "SELECT id FROM items WHERE guid = 'old-%d'", i);
		long long id = sql_int(path, sql);
		CHECK(id > 0 && cache_item_set_starred(c, id, true), "star %d",
		      i);
		free(sql);
	}
	return c;
}

/* The old items go but the starred ones, the new ones stay, and their
 * words leave the index with them. */
static void test_expire(void)
{
	char *path = xasprintf("%s/expire.db", tmp);
	struct cache *c = filled(path);
	if (!c)
		goto out;
	long long before = (long long)time(NULL) + 3600;
	CHECK(cache_expire(c, before, 10, true) == 10, "a bounded expiry");
	long long n = cache_expire(c, before, 0, true);
	CHECK(n == OLD - 2 - 10, "expired %lld, expected %d", n, OLD - 12);
	CHECK(cache_expire(c, before, 0, true) == 0, "expired twice");
	CHECK(sql_int(path, "SELECT count(*) FROM items") == NEW + 2,
	      "items left: %lld", sql_int(path, "SELECT count(*) FROM items"));
	CHECK(sql_int(path, "SELECT count(*) FROM items WHERE starred") == 2,
	      "a starred item went");
	CHECK(sql_int(path, "SELECT count(*) FROM story_words") == NEW + 2,
	      "index entries left: %lld",
	      sql_int(path, "SELECT count(*) FROM story_words"));
	size_t found = 99;
	long long *ids = cache_search_ids(c, "old7", &found);
	CHECK(ids && found == 0, "an expired headline is still found");
	free(ids);
	ids = cache_search_ids(c, "old5", &found);
	CHECK(ids && found == 1, "a starred headline is not found");
	free(ids);
	/* A limit before the items were first seen leaves them all. */
	CHECK(cache_expire(c, 1000000000LL + OLD, 0, true) == 0,
	      "items seen today expired by their date alone");
	cache_close(c);
out:
	free(path);
}

/* A new cache gives its free pages back a few at a time; then the file
 * is smaller. */
static void test_shrink_new(void)
{
	char *path = xasprintf("%s/shrink.db", tmp);
	struct cache *c = filled(path);
	if (!c)
		goto out;
	CHECK(sql_int(path, "PRAGMA auto_vacuum") == 2,
	      "a new cache is not incremental");
	CHECK(cache_shrink(c, 0, true) == 0, "nothing to give yet");
	long long full = file_size(path);
	CHECK(cache_expire(c, (long long)time(NULL) + 3600, 0, true) == OLD - 2,
	      "expiry");
	long long left = cache_shrink(c, 16, false);
	CHECK(left > 0, "16 pages at a time, %lld left", left);
	long long more = cache_shrink(c, 16, false);
	CHECK(more == left - 16, "then %lld left", more);
	CHECK(cache_shrink(c, 0, true) == 0, "all given back");
	long long small = file_size(path);
	CHECK(small > 0 && small * 2 < full, "the file went from %lld to %lld",
	      full, small);
	cache_close(c);
out:
	free(path);
}

/* A cache made before (no incremental vacuum) is rewritten once when
 * much of it is free, and is incremental after. */
static void test_shrink_old(void)
{
	char *path = xasprintf("%s/old.db", tmp);
	struct cache *c = filled(path);
	if (!c)
		goto out;
	cache_close(c);
	sql_run(path, "PRAGMA auto_vacuum = NONE; VACUUM");
	CHECK(sql_int(path, "PRAGMA auto_vacuum") == 0, "not made old");
	char *error = NULL;
	c = cache_open(path, CACHE_READ_WRITE, &error);
	CHECK(c, "reopen: %s", error);
	free(error);
	if (!c)
		goto out;
	long long full = file_size(path);
	CHECK(cache_expire(c, (long long)time(NULL) + 3600, 0, true) == OLD - 2,
	      "expiry");
	CHECK(cache_shrink(c, 16, false) == 0, "the reader rewrote it");
	CHECK(file_size(path) == full, "the reader's shrink changed the file");
	CHECK(cache_shrink(c, 0, true) == 0, "rewritten");
	long long small = file_size(path);
	CHECK(small > 0 && small * 2 < full, "the file went from %lld to %lld",
	      full, small);
	CHECK(sql_int(path, "PRAGMA auto_vacuum") == 2,
	      "not incremental after");
	CHECK(sql_int(path, "SELECT count(*) FROM items") == NEW + 2,
	      "the rewrite lost items");
	cache_close(c);
out:
	free(path);
}

int main(void)
{
	if (!(tmp = check_tmpdir("expire-test")))
		return 1;
	test_expire();
	test_shrink_new();
	test_shrink_old();
	check_tmpdir_remove(tmp);
	return check_result("expire-test");
}
