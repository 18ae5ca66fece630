/* The index after a big update: an update storing ten thousand items or
 * more, a tenth of the cache at least, leaves the index in one segment
 * (a question reads one b-tree); a small update after it adds one of its
 * own and merges nothing.  Every item is found by its words either way. */
#include "config.h"

#include <sqlite3.h>

#include "check.h"
#include "model/article.h"
#include "store/cache.h"
#include "util/xalloc.h"

#define BIG   12000
#define SMALL 50

/* Store items first..first+n-1 of feed url in one update, each headline
 * a word of its own ("wN") and one every item has ("common"). */
static bool store(struct cache *c, const char *url, size_t first, size_t n)
{
	struct cache_update *u = cache_feed_update_begin(c, url);
	bool ok = u != NULL;
	for (size_t i = first; ok && i < first + n; i++) {
		struct article *a = article_new();
		free(a->title);
		a->title = xasprintf("common w%zu", i);
		a->guid = xasprintf("g%zu", i);
		a->time = 1700000000LL + (long long)i * 60;
		ok = cache_store_item(u, a);
		article_free(a);
	}
	return u && cache_feed_update_commit(u, NULL) && ok;
}

/* The index's segments, read from the file beside the cache. */
static long long segments(const char *path)
{
	sqlite3 *db;
	long long n = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db,
		                       "SELECT count(DISTINCT segid)"
		                       " FROM story_words_idx",
		                       -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				n = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(db);
	return n;
}

static void check_found(struct cache *c, size_t i)
{
	char *word = xasprintf("w%zu", i);
	struct cache_story_list *l = cache_search(c, word, 0);
	CHECK(l && l->n == 1, "%s found once", word);
	cache_story_list_free(l);
	free(word);
}

int main(void)
{
	char *dir = check_tmpdir("compact");
	if (!dir)
		return 99;
	char *path = xasprintf("%s/cache.db", dir);
	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	CHECK(c != NULL, "open: %s", error ? error : "");
	if (c) {
		CHECK(store(c, "file:big", 0, BIG), "the big update");
		long long after_big = segments(path);
		CHECK(after_big == 1,
		      "one segment after the big update, not %lld", after_big);
		CHECK(store(c, "file:small", BIG, SMALL), "a small update");
		long long after_small = segments(path);
		CHECK(after_small == 2,
		      "the small update's own segment beside it, not %lld",
		      after_small);
		check_found(c, 0);
		check_found(c, BIG / 2);
		check_found(c, BIG + SMALL - 1);
		cache_close(c);
	}
	free(error);
	free(path);
	check_tmpdir_remove(dir);
	return check_result("test-compact");
}
