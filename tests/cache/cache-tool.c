/* Drives a cache from its own process, for the tests that need two
 * processes or a killed one:
 *   cache-tool fill DB URL N    commit N items "committed I" to feed URL
 *   cache-tool hang DB URL N    start an update of URL that rewrites the
 *                               committed items and adds N new ones, print
 *                               "ready", then wait to be killed
 *                               (the update holds the cache's write
 *                               lock meanwhile)
 *   cache-tool open DB          open DB and close it; the error on stderr
 *   cache-tool check DB URL N   the file passes SQLite's integrity check
 *                               and feed URL holds exactly the N
 *                               committed items, unchanged (N 0: no feed)
 *   cache-tool sql DB SQL       run SQL on the file as it is (to make
 *                               items look old, say) */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/article.h"
#include "store/cache.h"
#include "util/xalloc.h"

/* About 2 KB a body, so an update soon spills into the WAL on disk. */
static struct article *numbered(const char *what, long i)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xasprintf("%s %ld", what, i);
	a->guid = xasprintf("%s-%ld", what, i);
	a->time = 1700000000 + i;
	for (int p = 0; p < 8; p++) {
		char *text = xasprintf(
		        "%s %ld: پاراگراف %d از متن خبر که "
		        "به اندازه‌ی کافی بلند است تا "
		        "صفحه‌ها "
		        "پر شوند و تراکنش روی دیسک برود.",
		        what, i, p);
		article_add_paragraph(a, text, strlen(text));
		free(text);
	}
	return a;
}

static struct cache *open_or_die(const char *path)
{
	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	if (!c) {
		fprintf(stderr, "%s\n", error);
		free(error);
		exit(1);
	}
	return c;
}

/* Store `committed` items and `fresh` new ones, in one update. */
static struct cache_update *update(struct cache *c, const char *url,
                                   const char *what, long committed, long fresh)
{
	struct cache_update *u = cache_feed_update_begin(c, url);
	for (long i = 0; u && i < committed + fresh; i++) {
		struct article *a =
		        numbered(i < committed ? "committed" : "partial", i);
		if (i < committed && what) {
			/* The same item, rewritten. */
			free(a->title);
			a->title = xasprintf("%s %ld", what, i);
		}
		bool ok = cache_store_item(u, a);
		article_free(a);
		if (!ok)
			return NULL;
	}
	if (!u) {
		fprintf(stderr, "%s\n", cache_error(c));
		exit(1);
	}
	return u;
}

/* Say the state is reached, then stay in it until killed. */
static _Noreturn void ready(void)
{
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

static int fill(const char *path, const char *url, long n)
{
	struct cache *c = open_or_die(path);
	struct cache_update *u = update(c, url, NULL, n, 0);
	bool ok = u && cache_feed_update_commit(u, NULL);
	if (!ok)
		fprintf(stderr, "%s\n", cache_error(c));
	cache_close(c);
	return ok ? 0 : 1;
}

static int hang(const char *path, const char *url, long n)
{
	struct cache *c = open_or_die(path);
	long committed = 0;
	size_t nf;
	struct cache_feed *feeds = cache_feeds(c, &nf);
	for (size_t i = 0; feeds && i < nf; i++)
		if (strcmp(feeds[i].url, url) == 0)
			committed = feeds[i].total;
	cache_feeds_free(feeds, nf);
	struct cache_update *u = update(c, url, "rewritten", committed, n);
	if (!u) {
		fprintf(stderr, "%s\n", cache_error(c));
		return 1;
	}
	cache_feed_update_flush(u);
	ready();
}

static bool integrity_ok(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	bool ok = false;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) ==
	            SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) ==
	            SQLITE_OK) {
		/* One row "ok", or one row per problem. */
		ok = true;
		int rows = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *r =
			        (const char *)sqlite3_column_text(st, 0);
			rows++;
			if (!r || strcmp(r, "ok") != 0) {
				fprintf(stderr, "integrity: %s\n", r ? r : "?");
				ok = false;
			}
		}
		ok = ok && rows == 1;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return ok;
}

static int check(const char *path, const char *url, long n)
{
	if (!integrity_ok(path)) {
		fprintf(stderr, "%s fails the integrity check\n", path);
		return 1;
	}
	struct cache *c = open_or_die(path);
	int status = 0;
	size_t nf;
	struct cache_feed *feeds = cache_feeds(c, &nf);
	const struct cache_feed *feed = NULL;
	for (size_t i = 0; feeds && i < nf; i++)
		if (strcmp(feeds[i].url, url) == 0)
			feed = &feeds[i];
	if (!feed) {
		if (n) {
			fprintf(stderr, "feed %s is missing\n", url);
			status = 1;
		}
		goto done;
	}
	struct cache_headlines *h = cache_headlines(c, feed->id);
	if (!h || (long)h->n != n || feed->total != n) {
		fprintf(stderr, "%s: %zu items, want %ld\n", url, h ? h->n : 0,
		        n);
		status = 1;
	}
	/* Newest first: item n-1 down to 0, each as committed. */
	for (size_t i = 0; h && i < h->n && status == 0; i++) {
		long want = n - 1 - (long)i;
		struct article *expect = numbered("committed", want);
		struct article *a = cache_item_article(c, h->items[i].id);
		bool same = a && strcmp(a->title, expect->title) == 0 &&
		            a->nbody == expect->nbody &&
		            strcmp(a->body[7], expect->body[7]) == 0;
		if (!same) {
			fprintf(stderr, "item %zu is \"%s\", want \"%s\"\n", i,
			        a ? a->title : "(none)", expect->title);
			status = 1;
		}
		article_free(a);
		article_free(expect);
	}
	cache_headlines_free(h);
done:
	cache_feeds_free(feeds, nf);
	cache_close(c);
	return status;
}

/* SQL on the file through a plain connection: no akhbar in between. */
static int run_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "cache-tool: %s\n",
		        err ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "sql") == 0)
		return run_sql(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "open") == 0) {
		cache_close(open_or_die(argv[2]));
		return 0;
	}
	if (argc == 5) {
		long n = strtol(argv[4], NULL, 10);
		if (strcmp(argv[1], "fill") == 0)
			return fill(argv[2], argv[3], n);
		if (strcmp(argv[1], "hang") == 0)
			return hang(argv[2], argv[3], n);
		if (strcmp(argv[1], "check") == 0)
			return check(argv[2], argv[3], n);
	}
	fprintf(stderr, "usage: cache-tool fill|hang|check DB URL N, "
	                "cache-tool open DB, cache-tool sql DB SQL\n");
	return 2;
}
