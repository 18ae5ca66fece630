/* The cache in one process: schema, dedupe, marks, errors, damaged and
 * foreign files, round trips, subscriptions, a 10,000-item feed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/article.h"
#include "schema-undo.h"
#include "source/html.h"
#include "store/cache.h"
#include "util/xalloc.h"

static int failures;
static char *tmp; /* this run's folder */
static const char *test_name;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL %s: %s:%d: %s\n", test_name, __FILE__,    \
			       __LINE__, #cond);                               \
			failures++;                                            \
		}                                                              \
	} while (0)

static bool eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool contains(const char *s, const char *part)
{
	return s && strstr(s, part);
}

/* A fresh path in the run's folder. */
static char *path_for(const char *name)
{
	return xasprintf("%s/%s", tmp, name);
}

static struct cache *open_ok(const char *path)
{
	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	if (!c) {
		printf("FAIL %s: cannot open %s: %s\n", test_name, path, error);
		failures++;
		free(error);
	}
	return c;
}

static struct article *item(const char *guid, const char *link,
                            const char *title, const char *date, long long time,
                            const char *body)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xstrdup(title);
	a->guid = guid ? xstrdup(guid) : NULL;
	a->link = link ? xstrdup(link) : NULL;
	a->date = date ? xstrdup(date) : NULL;
	a->time = time;
	if (body)
		article_add_paragraph(a, body, strlen(body));
	return a;
}

/* Store articles as one update of url and commit it. */
static bool ingest(struct cache *c, const char *url, struct article **items,
                   size_t n, const struct cache_feed_meta *meta)
{
	struct cache_update *u = cache_feed_update_begin(c, url);
	if (!u)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!cache_store_item(u, items[i])) {
			cache_feed_update_rollback(u);
			return false;
		}
	return cache_feed_update_commit(u, meta);
}

static void free_items(struct article **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		article_free(items[i]);
}

static struct cache_feed *find_feed(struct cache_feed *feeds, size_t n,
                                    const char *url)
{
	for (size_t i = 0; i < n; i++)
		if (eq(feeds[i].url, url))
			return &feeds[i];
	return NULL;
}

/* The integer a query returns on the raw database file. */
static long long sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	long long v = -1;
	sqlite3_stmt *st;
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

static bool sql_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	bool ok = sqlite3_open(path, &db) == SQLITE_OK &&
	          sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(db);
	return ok;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *data = NULL;
	size_t n = 0, got;
	char chunk[4096];
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		data = xreallocarray(data, n + got, 1);
		memcpy(data + n, chunk, got);
		n += got;
	}
	fclose(f);
	*len = n;
	return data;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		printf("FAIL %s: cannot write %s\n", test_name, path);
		exit(1);
	}
}

/* Opening path must fail with a message containing want, and leave the
 * file as it was. */
static void expect_open_error(const char *path, const char *want)
{
	size_t before_len, after_len;
	char *before = read_file(path, &before_len);
	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	CHECK(!c);
	if (!contains(error, want)) {
		printf("FAIL %s: error \"%s\" lacks \"%s\"\n", test_name,
		       error ? error : "(none)", want);
		failures++;
	}
	char *after = read_file(path, &after_len);
	CHECK(before && after && before_len == after_len &&
	      memcmp(before, after, before_len) == 0);
	cache_close(c);
	free(error);
	free(before);
	free(after);
}

static void test_create(void)
{
	char *path = path_for("create.db");
	struct cache *c = open_ok(path);
	if (!c)
		return;
	size_t n = 99;
	struct cache_feed *feeds = cache_feeds(c, &n);
	CHECK(feeds && n == 0);
	cache_feeds_free(feeds, n);
	struct cache_headlines *h = cache_headlines(c, 0);
	CHECK(h && h->n == 0);
	cache_headlines_free(h);

	/* No lock file: several akhbars share the cache. */
	char *lock = xasprintf("%s.lock", path);
	CHECK(access(lock, F_OK) != 0);
	free(lock);
	cache_close(c);

	CHECK(sql_int(path, "PRAGMA user_version") == 7);
	CHECK(sql_int(path, "PRAGMA application_id") == 0x616b6862);
	CHECK(sql_int(path, "SELECT count(*) FROM pragma_journal_mode"
	                    " WHERE journal_mode = 'wal'") == 1);
	free(path);
}

/* An empty file and an empty SQLite database both become caches. */
static void test_migrate_empty(void)
{
	char *path = path_for("empty.db");
	write_file(path, "", 0);
	struct cache *c = open_ok(path);
	cache_close(c);
	CHECK(sql_int(path, "PRAGMA user_version") == 7);
	free(path);

	path = path_for("version0.db");
	CHECK(sql_exec(path, "PRAGMA page_size = 8192; VACUUM"));
	CHECK(sql_int(path, "PRAGMA user_version") == 0);
	c = open_ok(path);
	cache_close(c);
	CHECK(sql_int(path, "PRAGMA user_version") == 7);
	CHECK(sql_int(path, "SELECT count(*) FROM sqlite_schema"
	                    " WHERE name IN ('feeds', 'items')") == 2);
	free(path);
}

static void test_reopen(void)
{
	char *path = path_for("reopen.db");
	struct cache *c = open_ok(path);
	struct article *items[] = {
	        item("g1", "http://x/1", "one", "d1", 100, "body one"),
	        item("g2", "http://x/2", "two", "d2", 300, "body two"),
	        item("g3", "http://x/3", "three", "d3", 200, "body three"),
	};
	struct cache_feed_meta meta = {.title = "Feed", .etag = "\"e1\""};
	CHECK(c && ingest(c, "http://x/feed", items, 3, &meta));
	cache_close(c);

	c = open_ok(path);
	if (!c)
		goto out;
	size_t n;
	struct cache_feed *feeds = cache_feeds(c, &n);
	CHECK(feeds && n == 1);
	if (feeds && n == 1) {
		CHECK(eq(feeds[0].title, "Feed"));
		CHECK(eq(feeds[0].etag, "\"e1\""));
		CHECK(feeds[0].unread == 3 && feeds[0].total == 3);
		CHECK(feeds[0].subscribed && feeds[0].last_update > 0);
		CHECK(!feeds[0].last_error);
	}
	struct cache_headlines *h = cache_headlines(c, feeds ? feeds[0].id : 0);
	CHECK(h && h->n == 3);
	if (h && h->n == 3) {
		/* Newest first. */
		CHECK(eq(h->items[0].title, "two") && h->items[0].time == 300);
		CHECK(eq(h->items[1].title, "three"));
		CHECK(eq(h->items[2].title, "one"));
		CHECK(!h->items[0].read && !h->items[0].starred);
		struct article *a = cache_item_article(c, h->items[1].id);
		CHECK(a && eq(a->guid, "g3") && eq(a->body[0], "body three"));
		CHECK(a && eq(a->origin, "http://x/feed"));
		article_free(a);
	}
	cache_headlines_free(h);
	cache_feeds_free(feeds, n);
	cache_close(c);
out:
	free_items(items, 3);
	free(path);
}

/* Which stores of the same feed make one item and which make two. */
static const struct {
	const char *what;
	const char *guid[2], *link[2], *title[2], *date[2];
	size_t items;
} dedupe_cases[] = {
        {"same guid, other link",
         {"g", "g"},
         {"l1", "l2"},
         {"a", "b"},
         {"d", "d"},
         1},
        {"other guid, same link",
         {"g1", "g2"},
         {"l", "l"},
         {"a", "a"},
         {"d", "d"},
         2},
        {"no guid, same link",
         {NULL, NULL},
         {"l", "l"},
         {"a", "b"},
         {"d", "e"},
         1},
        {"empty guid, same link",
         {"", ""},
         {"l", "l"},
         {"a", "b"},
         {"d", "e"},
         1},
        {"no guid, other link",
         {NULL, NULL},
         {"l1", "l2"},
         {"a", "a"},
         {"d", "d"},
         2},
        {"no guid or link, same title and date",
         {NULL, NULL},
         {NULL, NULL},
         {"a", "a"},
         {"d", "d"},
         1},
        {"no guid or link, other date",
         {NULL, NULL},
         {NULL, NULL},
         {"a", "a"},
         {"d", "e"},
         2},
        {"no guid or link, title and date shifted",
         {NULL, NULL},
         {NULL, NULL},
         {"ab", "a"},
         {"c", "bc"},
         2},
};

static void test_dedupe(void)
{
	char *path = path_for("dedupe.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	for (size_t i = 0; i < sizeof dedupe_cases / sizeof *dedupe_cases;
	     i++) {
		char *url = xasprintf("http://dedupe/%zu", i);
		struct article *a[2];
		for (int k = 0; k < 2; k++)
			a[k] = item(dedupe_cases[i].guid[k],
			            dedupe_cases[i].link[k],
			            dedupe_cases[i].title[k],
			            dedupe_cases[i].date[k], 10, "x");
		/* Once in one update, once in the next. */
		CHECK(ingest(c, url, &a[0], 1, NULL));
		CHECK(ingest(c, url, &a[1], 1, NULL));
		size_t n;
		struct cache_feed *feeds = cache_feeds(c, &n);
		struct cache_feed *f = feeds ? find_feed(feeds, n, url) : NULL;
		if (!f || f->total != (long long)dedupe_cases[i].items) {
			printf("FAIL dedupe: %s: %lld items, want %zu\n",
			       dedupe_cases[i].what, f ? f->total : -1,
			       dedupe_cases[i].items);
			failures++;
		}
		/* A merged item shows the newest version. */
		if (f && dedupe_cases[i].items == 1) {
			struct cache_headlines *h = cache_headlines(c, f->id);
			CHECK(h && h->n == 1 &&
			      eq(h->items[0].title, dedupe_cases[i].title[1]));
			cache_headlines_free(h);
		}
		cache_feeds_free(feeds, n);
		free_items(a, 2);
		free(url);
	}
	/* The same guid in two feeds is two items. */
	struct article *a = item("shared", NULL, "t", NULL, 0, NULL);
	CHECK(ingest(c, "http://feed/a", &a, 1, NULL));
	CHECK(ingest(c, "http://feed/b", &a, 1, NULL));
	article_free(a);
	struct cache_headlines *h = cache_headlines(c, 0);
	size_t shared = 0;
	for (size_t i = 0; h && i < h->n; i++)
		shared += eq(h->items[i].title, "t");
	CHECK(shared == 2);
	cache_headlines_free(h);
	cache_close(c);
out:
	free(path);
}

static void test_marks_survive(void)
{
	char *path = path_for("marks.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	struct article *v1[] = {
	        item("a", NULL, "A", NULL, 3, "old a"),
	        item("b", NULL, "B", NULL, 2, "old b"),
	        item("c", NULL, "C", NULL, 1, "old c"),
	};
	CHECK(ingest(c, "http://marks", v1, 3, NULL));
	struct cache_headlines *h = cache_headlines(c, 0);
	CHECK(h && h->n == 3);
	if (!h || h->n != 3)
		goto done;
	long long a_id = h->items[0].id, b_id = h->items[1].id;
	CHECK(cache_item_set_read(c, a_id, true));
	CHECK(cache_item_set_starred(c, b_id, true));
	cache_headlines_free(h);

	/* The feed again: a and b changed, c unchanged, d new. */
	struct article *v2[] = {
	        item("a", NULL, "A2", NULL, 3, "new a"),
	        item("b", NULL, "B", NULL, 2, "new b"),
	        item("c", NULL, "C", NULL, 1, "old c"),
	        item("d", NULL, "D", NULL, 4, "d"),
	};
	CHECK(ingest(c, "http://marks", v2, 4, NULL));
	free_items(v2, 4);
	h = cache_headlines(c, 0);
	CHECK(h && h->n == 4);
	for (size_t i = 0; h && i < h->n; i++) {
		const struct cache_headline *l = &h->items[i];
		CHECK(l->read == (l->id == a_id));
		CHECK(l->starred == (l->id == b_id));
	}
	struct article *a = cache_item_article(c, a_id);
	CHECK(a && eq(a->title, "A2") && a->nbody == 1 &&
	      eq(a->body[0], "new a"));
	article_free(a);
	size_t n;
	struct cache_feed *feeds = cache_feeds(c, &n);
	CHECK(feeds && n == 1 && feeds[0].unread == 3 && feeds[0].total == 4);
	cache_feeds_free(feeds, n);
done:
	cache_headlines_free(h);
	free_items(v1, 3);
	cache_close(c);
out:
	free(path);
}

static void test_not_modified_and_errors(void)
{
	char *path = path_for("status.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	const char *url = "http://status";
	struct article *a = item("x", NULL, "X", NULL, 1, "x");
	struct cache_feed_meta meta = {.title = "S",
	                               .etag = "\"v1\"",
	                               .last_modified = "Mon, 01 Jan 2024"};
	CHECK(ingest(c, url, &a, 1, &meta));
	article_free(a);
	/* Make last_update old so the 304 visibly moves it. */
	CHECK(sql_exec(path, "UPDATE feeds SET last_update = 5"));

	CHECK(cache_feed_set_error(c, url, "connection timed out"));
	size_t n;
	struct cache_feed *f = cache_feeds(c, &n);
	CHECK(f && n == 1 && eq(f[0].last_error, "connection timed out"));
	CHECK(f && n == 1 && f[0].total == 1 && f[0].last_update == 5);
	cache_feeds_free(f, n);

	CHECK(cache_feed_not_modified(c, url));
	f = cache_feeds(c, &n);
	CHECK(f && n == 1 && !f[0].last_error && f[0].last_update > 5);
	CHECK(f && n == 1 && eq(f[0].etag, "\"v1\"") &&
	      eq(f[0].last_modified, "Mon, 01 Jan 2024") &&
	      eq(f[0].title, "S") && f[0].total == 1);
	cache_feeds_free(f, n);

	/* A later fetch without a title keeps it; validators follow the
	 * server. */
	CHECK(cache_feed_set_error(c, url, "HTTP 500"));
	CHECK(ingest(c, url, NULL, 0, &(struct cache_feed_meta){0}));
	f = cache_feeds(c, &n);
	CHECK(f && n == 1 && !f[0].last_error && eq(f[0].title, "S") &&
	      !f[0].etag && !f[0].last_modified);
	cache_feeds_free(f, n);

	/* An error for a feed never fetched still shows. */
	CHECK(cache_feed_set_error(c, "http://never", "no such host"));
	f = cache_feeds(c, &n);
	struct cache_feed *never = f ? find_feed(f, n, "http://never") : NULL;
	CHECK(never && eq(never->last_error, "no such host") &&
	      never->last_update == 0);
	cache_feeds_free(f, n);
	cache_close(c);
out:
	free(path);
}

static void test_rollback(void)
{
	char *path = path_for("rollback.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	struct article *a = item("kept", NULL, "kept", NULL, 1, NULL);
	struct article *b = item("dropped", NULL, "dropped", NULL, 2, NULL);
	CHECK(ingest(c, "http://r", &a, 1, NULL));
	struct cache_update *u = cache_feed_update_begin(c, "http://r");
	CHECK(u && cache_store_item(u, b));
	/* One update at a time. */
	CHECK(!cache_feed_update_begin(c, "http://other"));
	CHECK(contains(cache_error(c), "in progress"));
	CHECK(!cache_sync_feeds(c, NULL, 0));
	cache_feed_update_rollback(u);
	/* A new feed's first update rolled back leaves no feed. */
	u = cache_feed_update_begin(c, "http://new");
	CHECK(u && cache_store_item(u, b));
	cache_feed_update_rollback(u);

	struct cache_headlines *h = cache_headlines(c, 0);
	CHECK(h && h->n == 1 && eq(h->items[0].title, "kept"));
	cache_headlines_free(h);
	size_t n;
	struct cache_feed *f = cache_feeds(c, &n);
	CHECK(f && n == 1);
	cache_feeds_free(f, n);
	/* Closing with an update open drops it. */
	u = cache_feed_update_begin(c, "http://r");
	CHECK(u && cache_store_item(u, b));
	cache_close(c);
	c = open_ok(path);
	h = c ? cache_headlines(c, 0) : NULL;
	CHECK(h && h->n == 1);
	cache_headlines_free(h);
	cache_close(c);
	article_free(a);
	article_free(b);
out:
	free(path);
}

/* Items are stored in the background while the caller goes on: the
 * caller reads what was committed meanwhile, and its marks and notes are
 * written on their own, not with the update; an item refused by the
 * database fails the update, at a later store or at the commit, with the
 * database's message. */
static void test_background_store(void)
{
	enum { N = 1000, BAD = 600 };
	char *path = path_for("background.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	struct article *first = item("first", NULL, "first", NULL, 1, "x");
	CHECK(ingest(c, "http://bg", &first, 1, NULL));
	article_free(first);
	struct cache_update *u = cache_feed_update_begin(c, "http://bg");
	CHECK(u);
	for (int i = 0; u && i < N; i++) {
		char guid[32];
		snprintf(guid, sizeof guid, "bg-%d", i);
		struct article *a =
		        item(guid, NULL, guid, NULL, 10 + i, "متن خبر");
		CHECK(cache_store_item(u, a));
		article_free(a);
	}
	/* The committed item only, readable and marked read meanwhile. */
	struct cache_headlines *h = cache_headlines(c, 0);
	CHECK(h && h->n == 1 && eq(h->items[0].title, "first"));
	if (h && h->n == 1) {
		CHECK(cache_item_set_read(c, h->items[0].id, true));
		struct article *a = cache_item_article(c, h->items[0].id);
		CHECK(a && eq(a->title, "first") && a->nbody == 1 &&
		      eq(a->body[0], "x"));
		article_free(a);
	}
	cache_headlines_free(h);
	/* The mark shows at once, written or held. */
	h = cache_headlines(c, 0);
	CHECK(h && h->n == 1 && h->items[0].read);
	cache_headlines_free(h);
	CHECK(cache_feed_set_error(c, "http://other", "timed out"));
	CHECK(u && cache_feed_update_commit(u, NULL));
	size_t n;
	struct cache_feed *f = cache_feeds(c, &n);
	const struct cache_feed *bg = f ? find_feed(f, n, "http://bg") : NULL;
	const struct cache_feed *other =
	        f ? find_feed(f, n, "http://other") : NULL;
	CHECK(bg && bg->total == N + 1 && bg->unread == N);
	CHECK(other && eq(other->last_error, "timed out"));
	cache_feeds_free(f, n);

	/* The database refuses one item in the middle of an update. */
	CHECK(sql_exec(path, "CREATE TRIGGER refuse BEFORE INSERT ON items"
	                     " WHEN NEW.title = 'bad' BEGIN"
	                     " SELECT RAISE(ABORT, 'item refused'); END"));
	u = cache_feed_update_begin(c, "http://bg");
	CHECK(u);
	bool stored = true;
	int refused_at = -1;
	for (int i = 0; u && i < N && stored; i++) {
		char guid[32];
		snprintf(guid, sizeof guid, "late-%d", i);
		struct article *a = item(guid, NULL, i == BAD ? "bad" : guid,
		                         NULL, 5000 + i, NULL);
		stored = cache_store_item(u, a);
		if (!stored)
			refused_at = i;
		article_free(a);
	}
	/* Refused after the bad item, if not at the commit. */
	CHECK(refused_at == -1 || refused_at > BAD);
	if (refused_at >= 0)
		CHECK(contains(cache_error(c), "item refused"));
	CHECK(u && !cache_feed_update_commit(u, NULL));
	CHECK(contains(cache_error(c), "item refused"));
	f = cache_feeds(c, &n);
	bg = f ? find_feed(f, n, "http://bg") : NULL;
	CHECK(bg && bg->total == N + 1);
	cache_feeds_free(f, n);
	cache_close(c);
out:
	free(path);
}

/* Ended updates commit on the cache's thread while the next one is
 * stored; each tells its own outcome, in any order it is asked. */
static void test_end_without_waiting(void)
{
	enum { N = 700 };
	char *path = path_for("end.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	CHECK(sql_exec(path, "CREATE TRIGGER refuse BEFORE INSERT ON items"
	                     " WHEN NEW.title = 'bad' BEGIN"
	                     " SELECT RAISE(ABORT, 'item refused'); END"));
	struct cache_update *u[3];
	static const char *const urls[3] = {"http://a", "http://b", "http://c"};
	for (int k = 0; k < 3; k++) {
		u[k] = cache_feed_update_begin(c, urls[k]);
		CHECK(u[k]);
		for (int i = 0; u[k] && i < N; i++) {
			char guid[32];
			snprintf(guid, sizeof guid, "%d-%d", k, i);
			/* Feed b has an item the database refuses. */
			struct article *a = item(
			        guid, NULL, k == 1 && i == N / 2 ? "bad" : guid,
			        NULL, i, "متن");
			cache_store_item(u[k], a);
			article_free(a);
		}
		struct cache_feed_meta m = {.title = urls[k]};
		if (u[k])
			cache_feed_update_end(u[k], &m);
	}
	/* Asked last to first. */
	long long fresh = -1;
	CHECK(u[2] && cache_feed_update_wait(u[2], &fresh) && fresh == N);
	CHECK(u[1] && !cache_feed_update_wait(u[1], &fresh) && fresh == 0);
	CHECK(contains(cache_error(c), "item refused"));
	CHECK(u[0] && cache_feed_update_done(u[0]) &&
	      cache_feed_update_wait(u[0], &fresh) && fresh == N);
	size_t n;
	struct cache_feed *f = cache_feeds(c, &n);
	for (int k = 0; f && k < 3; k++) {
		/* Nothing of b is kept, not even the feed it added. */
		const struct cache_feed *x = find_feed(f, n, urls[k]);
		if (k == 1)
			CHECK(!x);
		else
			CHECK(x && x->total == N && eq(x->title, urls[k]));
	}
	cache_feeds_free(f, n);
	/* An update begins right after one ended, and is seen at once. */
	struct cache_update *v = cache_feed_update_begin(c, "http://a");
	struct article *a = item("0-0", NULL, "changed", NULL, 1, "متن");
	CHECK(v && cache_store_item(v, a));
	article_free(a);
	if (v)
		cache_feed_update_end(v, NULL);
	struct cache_headlines *h = cache_headlines(c, 0);
	CHECK(h && h->n == 2 * N);
	cache_headlines_free(h);
	CHECK(v && cache_feed_update_wait(v, &fresh) && fresh == 0);
	cache_close(c);
out:
	free(path);
}

static void test_marks(void)
{
	char *path = path_for("read.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	struct article *items[4];
	for (int i = 0; i < 4; i++) {
		char guid[8];
		snprintf(guid, sizeof guid, "%d", i);
		items[i] = item(guid, NULL, guid, NULL, i, NULL);
	}
	CHECK(ingest(c, "http://one", items, 2, NULL));
	CHECK(ingest(c, "http://two", items + 2, 2, NULL));
	size_t n;
	struct cache_feed *f = cache_feeds(c, &n);
	CHECK(f && n == 2);
	if (!f || n != 2)
		goto done;
	struct cache_headlines *h = cache_headlines(c, f[0].id);
	CHECK(h && h->n == 2);
	CHECK(cache_item_set_read(c, h->items[0].id, true));
	CHECK(cache_item_set_read(c, h->items[0].id, false));
	CHECK(cache_item_set_starred(c, h->items[1].id, true));
	CHECK(cache_item_set_starred(c, h->items[1].id, false));
	cache_headlines_free(h);
	h = cache_headlines(c, f[0].id);
	CHECK(h && h->n == 2 && !h->items[0].read && !h->items[1].starred);
	cache_headlines_free(h);

	CHECK(!cache_item_set_read(c, 999999, true));
	CHECK(contains(cache_error(c), "no item 999999"));
	CHECK(!cache_item_article(c, 999999));

	CHECK(cache_feed_mark_read(c, f[0].id));
	long long one = f[0].id;
	cache_feeds_free(f, n);
	f = cache_feeds(c, &n);
	CHECK(f && n == 2 && f[0].id == one && f[0].unread == 0 &&
	      f[1].unread == 2);
	cache_feeds_free(f, n);
	CHECK(cache_feed_mark_read(c, 0));
	f = cache_feeds(c, &n);
	CHECK(f && n == 2 && f[0].unread == 0 && f[1].unread == 0 &&
	      f[1].total == 2);
done:
	cache_feeds_free(f, n);
	free_items(items, 4);
	cache_close(c);
out:
	free(path);
}

static void test_sync(void)
{
	char *path = path_for("sync.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	const char *first[] = {"http://a", "http://b", "http://c"};
	CHECK(cache_sync_feeds(c, first, 3));
	struct article *a = item("1", NULL, "of b", NULL, 1, NULL);
	CHECK(ingest(c, "http://b", &a, 1, NULL));
	article_free(a);

	const char *second[] = {"http://c", "http://d", "http://a", "http://c"};
	CHECK(cache_sync_feeds(c, second, 4));
	size_t n;
	struct cache_feed *f = cache_feeds(c, &n);
	static const char *const order[] = {"http://c", "http://d", "http://a",
	                                    "http://b"};
	CHECK(f && n == 4);
	for (size_t i = 0; f && i < n && i < 4; i++) {
		CHECK(eq(f[i].url, order[i]));
		CHECK(f[i].subscribed == (i < 3));
	}
	/* The unsubscribed feed keeps its items until purged. */
	CHECK(f && n == 4 && f[3].total == 1);
	cache_feeds_free(f, n);
	/* The same subscriptions again: nothing is written. */
	struct cache *other = open_ok(path);
	CHECK(other && !cache_changed(other));
	CHECK(cache_sync_feeds(c, second, 4));
	CHECK(other && !cache_changed(other));
	const char *third[] = {"http://c", "http://a"};
	CHECK(cache_sync_feeds(c, third, 2));
	CHECK(other && cache_changed(other));
	CHECK(cache_sync_feeds(c, second, 4));
	cache_close(other);
	/* An update of a feed not listed adds it at the end. */
	CHECK(ingest(c, "http://e", NULL, 0, NULL));
	f = cache_feeds(c, &n);
	CHECK(f && n == 5 && eq(f[3].url, "http://e") && f[3].subscribed);
	cache_feeds_free(f, n);

	CHECK(cache_purge_unsubscribed(c));
	f = cache_feeds(c, &n);
	CHECK(f && n == 4 && !find_feed(f, n, "http://b"));
	cache_feeds_free(f, n);
	struct cache_headlines *h = cache_headlines(c, 0);
	CHECK(h && h->n == 0);
	cache_headlines_free(h);
	cache_close(c);
out:
	free(path);
}

/* Everything a feed item carries comes back as it went in. */
static void test_round_trip(void)
{
	char *path = path_for("roundtrip.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	struct article *in = article_new();
	free(in->title);
	in->title = xstrdup("نشست خبری سخنگوی دولت؛ «تورم» و ۱۴۰۳");
	in->site = xstrdup("خبرگزاری مهر");
	in->link = xstrdup("https://www.mehrnews.com/news/6123456/");
	in->guid = xstrdup("urn:uuid:6123456");
	in->date = xstrdup("Sat, 02 Mar 2024 10:15:00 +0330");
	in->time = 1709361900;
	in->author = xstrdup("مریم حسینی");
	in->language = xstrdup("fa");
	static const char *const body[] = {
	        "به گزارش خبرگزاری مهر، سخنگوی دولت امروز گفت: نرخ تورم "
	        "در ماه گذشته ۲.۵ درصد کاهش یافت (GDP: 3%).",
	        "",
	        "«ما» در مسیر درست هستیم؛ هفته‌ی "
	        "آینده "
	        "گزارش "
	        "کامل "
	        "منتشر "
	        "می‌شود.",
	};
	for (size_t i = 0; i < 3; i++)
		article_add_paragraph(in, body[i], strlen(body[i]));
	article_add_category(in, "سیاسی", strlen("سیاسی"));
	article_add_category(in, "اقتصاد ایران", strlen("اقتصاد ایران"));
	article_add_enclosure(in, "https://cdn.example/a b.mp3", "audio/mpeg",
	                      12345678901LL);
	article_add_enclosure(in, "https://cdn.example/i\tj.jpg", NULL, 0);
	article_add_enclosure(in, "https://cdn.example/x\ny", "image/png", 7);
	struct article *empty = item(NULL, NULL, "", NULL, 0, "");
	struct article *bare = item(NULL, NULL, "bare", NULL, 0, NULL);
	struct article *items[] = {in, empty, bare};
	CHECK(ingest(c, "https://www.mehrnews.com/rss", items, 3, NULL));
	cache_close(c);

	c = open_ok(path);
	struct cache_headlines *h = c ? cache_headlines(c, 0) : NULL;
	CHECK(h && h->n == 3);
	if (!h || h->n != 3)
		goto done;
	CHECK(eq(h->items[0].title, in->title));
	struct article *a = cache_item_article(c, h->items[0].id);
	CHECK(a);
	if (a) {
		CHECK(eq(a->title, in->title) && eq(a->site, in->site));
		CHECK(eq(a->link, in->link) && eq(a->guid, in->guid));
		CHECK(eq(a->date, in->date) && a->time == in->time);
		CHECK(eq(a->author, in->author));
		CHECK(eq(a->language, "fa"));
		CHECK(eq(a->origin, "https://www.mehrnews.com/rss"));
		CHECK(a->nbody == 3);
		for (size_t i = 0; i < a->nbody && i < 3; i++)
			CHECK(eq(a->body[i], body[i]));
		CHECK(a->ncategories == 2 && eq(a->categories[0], "سیاسی") &&
		      eq(a->categories[1], "اقتصاد ایران"));
		CHECK(a->nenclosures == 3);
		if (a->nenclosures == 3) {
			const struct enclosure *e = a->enclosures;
			CHECK(eq(e[0].url, "https://cdn.example/a b.mp3") &&
			      eq(e[0].type, "audio/mpeg") &&
			      e[0].length == 12345678901LL);
			CHECK(eq(e[1].url, "https://cdn.example/i\tj.jpg") &&
			      !e[1].type && e[1].length == 0);
			/* A raw newline cannot be in a URL: it is encoded. */
			CHECK(eq(e[2].url, "https://cdn.example/x%0Ay") &&
			      eq(e[2].type, "image/png") && e[2].length == 7);
		}
		CHECK(!a->credit && a->nrelated == 0);
	}
	article_free(a);
	/* Empty title, one empty paragraph; no body at all. */
	for (size_t i = 1; i < 3; i++) {
		a = cache_item_article(c, h->items[i].id);
		CHECK(a && a->ncategories == 0 && a->nenclosures == 0 &&
		      !a->guid && !a->link && !a->date && a->time == 0);
		if (a && a->title[0] == '\0')
			CHECK(a->nbody == 1 && eq(a->body[0], ""));
		else
			CHECK(a && eq(a->title, "bare") && a->nbody == 0);
		article_free(a);
	}
done:
	cache_headlines_free(h);
	cache_close(c);
	free_items(items, 3);
out:
	free(path);
}

/* Not a database, a damaged one, someone else's, a newer akhbar's: a
 * clear message each, and the file left as it was. */
/* A feed item keeps its body as the feed gave it: the cache stores the
 * HTML, its base and its summary as they are, indexes the summary's
 * words, and a refetch that changes only the HTML stores it again. */
static void test_source_kept(void)
{
	char *path = path_for("source.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	struct article *in =
	        item("g1", "https://kept.example/1", "headline", NULL, 5, NULL);
	in->body_source = xstrdup("<p dir=\"ltr\">زلزله <b>شدید</b></p>"
	                          "<pre>code\n  line</pre>");
	in->body_format = ARTICLE_SOURCE_HTML;
	in->body_base = xstrdup("https://kept.example/1");
	in->summary = xstrdup("زلزله شدید");
	struct article *text = item("g2", NULL, "plain", NULL, 6, NULL);
	text->body_source = xstrdup("one\n\ntwo");
	text->body_format = ARTICLE_SOURCE_TEXT;
	text->summary = xstrdup("one\ntwo");
	struct article *items[] = {in, text};
	CHECK(ingest(c, "https://kept.example/rss", items, 2, NULL));
	cache_close(c);

	c = open_ok(path);
	struct cache_headlines *h = c ? cache_headlines(c, 0) : NULL;
	CHECK(h && h->n == 2);
	if (!h || h->n != 2)
		goto done;
	struct article *a = cache_item_article(c, h->items[1].id);
	CHECK(a && a->nbody == 0 && a->body_format == ARTICLE_SOURCE_HTML &&
	      eq(a->body_source, in->body_source) &&
	      eq(a->body_base, in->body_base) && eq(a->summary, in->summary));
	/* Made when shown, with each paragraph's direction. */
	if (a)
		html_make_body(a);
	CHECK(a && a->nbody == 3 && eq(a->body[0], "زلزله شدید") &&
	      eq(a->body[1], "code") && eq(a->body[2], "  line") &&
	      a->body_dir && a->body_dir[0] == ARTICLE_DIR_LTR &&
	      article_dir_base(a->body_dir[2]) == ARTICLE_DIR_LTR);
	article_free(a);
	a = cache_item_article(c, h->items[0].id);
	CHECK(a && a->body_format == ARTICLE_SOURCE_TEXT &&
	      eq(a->body_source, "one\n\ntwo") && !a->body_base &&
	      eq(a->summary, "one\ntwo"));
	article_free(a);
	/* The summary's words are in the index. */
	const char *quake = "SELECT count(*) FROM story_words"
	                    " WHERE story_words MATCH 'summary : زلزله'";
	const char *flood = "SELECT count(*) FROM story_words"
	                    " WHERE story_words MATCH 'summary : سیل'";
	CHECK(sql_int(path, quake) == 1 && sql_int(path, flood) == 0);

	/* Only the HTML changed: stored again, and indexed again. */
	free(in->body_source);
	in->body_source = xstrdup("<p>سیل</p>");
	free(in->summary);
	in->summary = xstrdup("سیل");
	CHECK(ingest(c, "https://kept.example/rss", items, 1, NULL));
	a = cache_item_article(c, h->items[1].id);
	CHECK(a && eq(a->body_source, "<p>سیل</p>"));
	article_free(a);
	CHECK(sql_int(path, quake) == 0 && sql_int(path, flood) == 1);
done:
	cache_headlines_free(h);
	cache_close(c);
	free_items(items, 2);
out:
	free(path);
}

static void test_bad_files(void)
{
	char *path = path_for("garbage.db");
	char garbage[8192];
	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = (char)(i * 7 + 3);
	write_file(path, garbage, sizeof garbage);
	expect_open_error(path, "is not an akhbar cache (it is not an SQLite");
	free(path);

	path = path_for("damaged.db");
	struct cache *c = open_ok(path);
	cache_close(c);
	size_t len;
	char *data = read_file(path, &len);
	CHECK(data && len > 4096);
	if (data && len > 4096) {
		/* Page 1 past the header: the schema's own table. */
		memset(data + 100, 0xa5, 4096 - 100);
		write_file(path, data, len);
		expect_open_error(path, "is damaged");
	}
	free(data);
	free(path);

	path = path_for("foreign.db");
	CHECK(sql_exec(path, "CREATE TABLE songs (name TEXT)"));
	expect_open_error(path, "is not an akhbar cache");
	free(path);

	/* Negative numbers where akhbar keeps its own. */
	path = path_for("negative.db");
	CHECK(sql_exec(path, "PRAGMA application_id = -1;"
	                     "PRAGMA user_version = -1"));
	expect_open_error(path, "is not an akhbar cache");
	free(path);
	path = path_for("negative-version.db");
	CHECK(sql_exec(path, "PRAGMA application_id = 0x616b6862;"
	                     "PRAGMA user_version = -3"));
	expect_open_error(path, "is not an akhbar cache");
	free(path);

	path = path_for("newer.db");
	c = open_ok(path);
	cache_close(c);
	CHECK(sql_exec(path, "PRAGMA user_version = 99"));
	expect_open_error(path, "was written by a newer akhbar (schema "
	                        "version 99; this one knows up to 7)");
	free(path);

	path = path_for("no/such/folder/cache.db");
	char *error = NULL;
	CHECK(!cache_open(path, CACHE_READ_WRITE, &error));
	CHECK(contains(error, "cannot open the cache") &&
	      contains(error, "No such file or directory"));
	free(error);
	free(path);
}

/* Whether another connection holds the cache's write lock now. */
static bool write_locked(const char *path)
{
	sqlite3 *db;
	bool locked = false;
	if (sqlite3_open(path, &db) == SQLITE_OK) {
		int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		locked = rc == SQLITE_BUSY;
		if (rc == SQLITE_OK)
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_close(db);
	return locked;
}

/* Wait (up to 5 s) until the writer of an update just begun has the
 * cache's write lock. */
static bool wait_locked(const char *path)
{
	for (int i = 0; i < 500; i++) {
		if (write_locked(path))
			return true;
		usleep(10000);
	}
	return false;
}

/* Two akhbars on one cache, as a reader and a cron refresh: both open it;
 * one's update is not seen until committed, then the other is told; a
 * star made while the update is open is the user's at once and survives
 * the update's failure; a read-only open never waits or writes. */
static void test_shared(void)
{
	char *path = path_for("shared.db");
	struct cache *reader = open_ok(path);
	struct cache *refresh = reader ? open_ok(path) : NULL;
	if (!refresh)
		goto out;
	struct article *first = item("first", NULL, "first", NULL, 1, "x");
	CHECK(ingest(refresh, "http://s", &first, 1, NULL));
	article_free(first);
	CHECK(cache_changed(reader));
	CHECK(!cache_changed(reader));
	struct cache_headlines *h = cache_headlines(reader, 0);
	CHECK(h && h->n == 1);
	long long id = h && h->n ? h->items[0].id : 0;
	cache_headlines_free(h);

	/* An update open in the other akhbar. */
	struct cache_update *u = cache_feed_update_begin(refresh, "http://s");
	struct article *a = item("second", NULL, "second", NULL, 2, "y");
	CHECK(u && cache_store_item(u, a));
	article_free(a);
	CHECK(wait_locked(path));
	CHECK(cache_item_set_starred(reader, id, true));
	CHECK(sql_int(path, "SELECT starred FROM items WHERE id = 1") == 0);
	h = cache_headlines(reader, 0);
	CHECK(h && h->n == 1 && h->items[0].starred);
	cache_headlines_free(h);
	CHECK(!cache_changed(reader));

	/* A read-only open goes on meanwhile; a write waits its bound. */
	char *error = NULL;
	struct cache *ro = cache_open(path, CACHE_READ_ONLY, &error);
	CHECK(ro);
	h = ro ? cache_headlines(ro, 0) : NULL;
	CHECK(h && h->n == 1);
	cache_headlines_free(h);
	cache_close(ro);
	cache_set_wait(reader, 200, NULL, NULL);
	const char *urls[] = {"http://s", "http://t"};
	CHECK(!cache_sync_feeds(reader, urls, 2));
	CHECK(contains(cache_error(reader), "is busy: another akhbar has "
	                                    "been writing it"));

	/* The update fails: the star stays, written once the cache is
	 * free. */
	cache_feed_update_rollback(u);
	CHECK(cache_flush(reader, false));
	CHECK(sql_int(path, "SELECT starred FROM items WHERE id = 1") == 1);

	/* A committed update shows in the other. */
	u = cache_feed_update_begin(refresh, "http://s");
	a = item("third", NULL, "third", NULL, 3, "z");
	CHECK(u && cache_store_item(u, a));
	article_free(a);
	CHECK(u && cache_feed_update_commit(u, NULL));
	CHECK(cache_changed(reader));
	h = cache_headlines(reader, 0);
	CHECK(h && h->n == 2 && eq(h->items[0].title, "third"));
	cache_headlines_free(h);

	/* A cache that is not there is not made by a read-only open. */
	char *none = path_for("none.db");
	CHECK(!cache_open(none, CACHE_READ_ONLY, &error));
	CHECK(error && access(none, F_OK) != 0);
	free(error);
	free(none);
out:
	cache_close(refresh);
	cache_close(reader);
	free(path);
}

static void test_default_path(void)
{
	char *data = path_for("xdg/data");
	setenv("XDG_DATA_HOME", data, 1);
	char *path = cache_default_path();
	char *want = xasprintf("%s/akhbar/cache.db", data);
	CHECK(eq(path, want));
	char *dir = xasprintf("%s/akhbar", data);
	struct stat st;
	CHECK(stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 0777) == 0700);
	free(dir);
	free(want);
	free(path);
	free(data);

	/* A relative XDG_DATA_HOME is ignored, as the spec says. */
	setenv("XDG_DATA_HOME", "relative", 1);
	char *home = path_for("home");
	setenv("HOME", home, 1);
	path = cache_default_path();
	want = xasprintf("%s/.local/share/akhbar/cache.db", home);
	CHECK(eq(path, want));
	dir = xasprintf("%s/.local/share/akhbar", home);
	CHECK(stat(dir, &st) == 0 && S_ISDIR(st.st_mode));
	free(dir);
	free(want);
	free(path);
	free(home);
}

static void test_many(void)
{
	enum { N = 10000 };
	char *path = path_for("many.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	struct cache_update *u = cache_feed_update_begin(c, "http://many");
	CHECK(u);
	for (int i = 0; u && i < N; i++) {
		char guid[32], title[64];
		snprintf(guid, sizeof guid, "item-%d", i);
		snprintf(title, sizeof title, "خبر شماره %d", i);
		/* Times out of order, some unknown. */
		long long t = i % 10 == 0 ? 0 : 1700000000LL + (i * 7919) % N;
		struct article *a = item(guid, NULL, title, NULL, t,
		                         "متن خبر در چند پاراگراف");
		CHECK(cache_store_item(u, a));
		article_free(a);
	}
	CHECK(u && cache_feed_update_commit(u, NULL));
	cache_close(c);

	c = open_ok(path);
	struct cache_headlines *h = c ? cache_headlines(c, 0) : NULL;
	CHECK(h && h->n == N);
	size_t unknown = 0;
	for (size_t i = 1; h && i < h->n; i++) {
		const struct cache_headline *p = &h->items[i - 1],
		                            *l = &h->items[i];
		CHECK(p->time > l->time ||
		      (p->time == l->time && p->id < l->id));
		unknown += l->time == 0;
	}
	CHECK(unknown == N / 10);
	if (h && h->n == N) {
		struct article *a = cache_item_article(c, h->items[N / 2].id);
		CHECK(a && eq(a->title, h->items[N / 2].title));
		article_free(a);
		/* The unknown dates come last, in the feed's order. */
		CHECK(eq(h->items[N - N / 10].title, "خبر شماره 0") &&
		      eq(h->items[N - 1].title, "خبر شماره 9990"));
	}
	size_t n;
	struct cache_feed *f = c ? cache_feeds(c, &n) : NULL;
	CHECK(f && n == 1 && f[0].unread == N && f[0].total == N);
	struct cache_headlines *one = f ? cache_headlines(c, f[0].id) : NULL;
	/* One feed: its list is the list of all. */
	CHECK(one && h && one->n == h->n);
	for (size_t i = 0; one && h && i < one->n && i < h->n; i++)
		CHECK(one->items[i].id == h->items[i].id &&
		      eq(one->items[i].title, h->items[i].title));
	cache_headlines_free(one);
	cache_feeds_free(f, n);
	cache_headlines_free(h);
	cache_close(c);
out:
	free(path);
}

/* Titles filling several storage blocks of a list, one bigger than a
 * block, all come back whole. */
static void test_long_titles(void)
{
	enum { N = 1500, LONG = 2000, HUGE = 1536 * 1024 };
	char *path = path_for("titles.db");
	struct cache *c = open_ok(path);
	if (!c)
		goto out;
	struct cache_update *u = cache_feed_update_begin(c, "http://long");
	char *title = xmalloc(HUGE + 1);
	for (int i = 0; u && i <= N; i++) {
		size_t len = i == N ? HUGE : LONG;
		memset(title, 'a' + i % 26, len);
		title[len] = '\0';
		struct article *a = item(NULL, NULL, title, NULL, N - i, NULL);
		snprintf(a->title, 16, "%05d", i);
		a->title[5] = 'a' + i % 26;
		CHECK(cache_store_item(u, a));
		article_free(a);
	}
	CHECK(u && cache_feed_update_commit(u, NULL));
	struct cache_headlines *h = cache_headlines(c, 0);
	CHECK(h && h->n == N + 1);
	for (size_t i = 0; h && i < h->n && i <= N; i++) {
		size_t len = i == N ? HUGE : LONG;
		char head[8];
		snprintf(head, sizeof head, "%05zu", i);
		const char *t = h->items[i].title;
		CHECK(strlen(t) == len && strncmp(t, head, 5) == 0 &&
		      t[len - 1] == 'a' + (int)(i % 26));
	}
	CHECK(h && h->nchunks > 3);
	cache_headlines_free(h);
	free(title);
	cache_close(c);
out:
	free(path);
}

/* An in-memory cache: the same schema and index, no lock, so two can be
 * open at once, each with its own items. */
static void test_memory(void)
{
	char *error = NULL;
	struct cache *a = cache_open_memory(&error);
	struct cache *b = a ? cache_open_memory(&error) : NULL;
	CHECK(a && b && !error);
	if (!a || !b) {
		printf("FAIL %s: %s\n", test_name, error ? error : "");
		free(error);
		cache_close(a);
		return;
	}
	struct article *items[] = {
	        item("1", NULL, "Flood closes the river port of Hamburg", NULL,
	             1000, "Water rose over the quays overnight."),
	        item("2", NULL, "Hamburg river port flood: ships wait", NULL,
	             2000, "The quays stay closed a second day."),
	        item("3", NULL, "Chess final ends in a draw", NULL, 3000,
	             "Both players agreed after forty moves."),
	};
	CHECK(ingest(a, "file:memory", items, 3, NULL));
	struct cache_headlines *ha = cache_headlines(a, 0);
	struct cache_headlines *hb = cache_headlines(b, 0);
	CHECK(ha && ha->n == 3);
	CHECK(hb && hb->n == 0);
	long long flood = 0, chess = 0;
	for (size_t i = 0; ha && i < ha->n; i++) {
		if (eq(ha->items[i].title, items[0]->title))
			flood = ha->items[i].id;
		if (eq(ha->items[i].title, items[2]->title))
			chess = ha->items[i].id;
	}
	struct cache_story_list *r = cache_related(a, flood, 8);
	CHECK(r && r->n == 1 && eq(r->items[0].title, items[1]->title));
	struct article *got = cache_item_article(a, chess);
	CHECK(got && eq(got->guid, "3") && eq(got->origin, "file:memory"));
	article_free(got);
	cache_story_list_free(r);
	cache_headlines_free(ha);
	cache_headlines_free(hb);
	free_items(items, 3);
	cache_close(a);
	cache_close(b);
}

/* A web page's article: two paragraphs (the second left to right), a
 * credit line and two related headlines, the second without a link. */
static struct article *page_article(const char *title)
{
	struct article *p = item(NULL, NULL, title, "2024-05-01", 500, NULL);
	p->site = xstrdup("خبرگزاری نمونه");
	p->language = xstrdup("fa");
	const char *first = "بند نخست متن کامل خبر";
	article_add_paragraph_dir(p, first, strlen(first), ARTICLE_DIR_RTL);
	article_add_paragraph_dir(p, "code line", 9, ARTICLE_DIR_LTR);
	p->credit = xstrdup("منبع: ایرنا");
	article_add_related(p, "خبر مرتبط\tیک", strlen("خبر مرتبط\tیک"));
	article_add_related(p, "خبر دوم", strlen("خبر دوم"));
	return p;
}

static char *const page_links[] = {"http://p/related-1", NULL};

/* The page's article comes back in place of the summary, with its
 * directions, credit, related headlines and links; an error after it
 * keeps it; a feed's update of the item keeps it too. */
static void check_page_read(struct cache *c, long long id)
{
	struct article *a = cache_item_article(c, id);
	CHECK(a && a->nbody == 2 && !a->body_source);
	CHECK(a && eq(a->body[0], "بند نخست متن کامل خبر") &&
	      eq(a->body[1], "code line") && a->body_dir &&
	      a->body_dir[0] == ARTICLE_DIR_RTL &&
	      a->body_dir[1] == ARTICLE_DIR_LTR);
	CHECK(a && eq(a->credit, "منبع: ایرنا") && a->nrelated == 2 &&
	      eq(a->related[0], "خبر مرتبط یک") &&
	      eq(a->related[1], "خبر دوم"));
	CHECK(a && eq(a->title, "summary"));
	article_free(a);
	struct cache_page *p = cache_item_page(c, id);
	CHECK(p && p->fetched > 0 && !p->error && eq(p->link, "http://p/1"));
	CHECK(p && p->nlinks == 2 && eq(p->links[0], "http://p/related-1") &&
	      !p->links[1]);
	cache_page_free(p);
}

static void test_page(void)
{
	char *path = path_for("page.db");
	struct cache *c = open_ok(path);
	struct article *summary =
	        item("s1", "http://p/1", "summary", NULL, 100, "lead only");
	CHECK(c && ingest(c, "http://p/feed", &summary, 1, NULL));
	struct cache_headlines *h = c ? cache_headlines(c, 0) : NULL;
	long long id = h && h->n == 1 ? h->items[0].id : 0;
	cache_headlines_free(h);
	CHECK(id > 0);
	struct cache_page *p = cache_item_page(c, id);
	CHECK(p && p->fetched == 0 && !p->error && p->nlinks == 0);
	cache_page_free(p);
	size_t n = 0;
	long long *without = cache_items_without_page(c, 0, &n);
	CHECK(without && n == 1 && without[0] == id);
	free(without);

	struct article *page = page_article("page headline");
	CHECK(cache_item_set_page(c, id, page, page_links));
	check_page_read(c, id);
	without = cache_items_without_page(c, 0, &n);
	CHECK(without && n == 0);
	free(without);
	CHECK(cache_item_set_page_error(c, id, "HTTP 404 Not Found"));
	p = cache_item_page(c, id);
	CHECK(p && p->fetched > 0 && eq(p->error, "HTTP 404 Not Found"));
	cache_page_free(p);
	CHECK(cache_item_set_page(c, id, page, page_links));
	CHECK(ingest(c, "http://p/feed", &summary, 1, NULL));
	summary->body[0][0] = 'L';
	CHECK(ingest(c, "http://p/feed", &summary, 1, NULL));
	cache_close(c);

	/* It reads offline, after a reopen. */
	c = open_ok(path);
	if (c)
		check_page_read(c, id);
	CHECK(!cache_item_set_page(c, 999999, page, NULL));
	CHECK(contains(cache_error(c), "no item 999999"));
	CHECK(!cache_item_page(c, 999999));
	CHECK(cache_item_by_link(c, 0, "http://p/1") == id);
	CHECK(cache_item_by_link(c, 0, "http://p/none") == 0);
	cache_close(c);
	article_free(page);
	article_free(summary);
	free(path);
}

/* A related story's page becomes an item of the feed: read, in the
 * index, found by its link; the same page again is the same item. */
static void test_page_item(void)
{
	char *path = path_for("page-item.db");
	struct cache *c = open_ok(path);
	struct article *summary =
	        item("s1", "http://p/1", "summary", NULL, 100, "lead only");
	CHECK(c && ingest(c, "http://p/feed", &summary, 1, NULL));
	size_t n;
	struct cache_feed *f = c ? cache_feeds(c, &n) : NULL;
	long long feed = f && n == 1 ? f[0].id : 0;
	cache_feeds_free(f, n);
	struct article *page = page_article("Glacier retreats in the Alps");
	long long id = cache_item_add_page(c, feed, "http://p/glacier", page,
	                                   page_links);
	CHECK(id > 0);
	CHECK(cache_item_add_page(c, feed, "http://p/glacier", page, NULL) ==
	      id);
	CHECK(cache_item_by_link(c, feed, "http://p/glacier") == id);
	struct article *a = cache_item_article(c, id);
	CHECK(a && eq(a->title, "Glacier retreats in the Alps") &&
	      eq(a->link, "http://p/glacier") && a->nbody == 2 &&
	      eq(a->site, "خبرگزاری نمونه") && eq(a->language, "fa") &&
	      eq(a->origin, "http://p/feed") && a->nrelated == 2);
	article_free(a);
	struct cache_headlines *h = cache_headlines(c, feed);
	CHECK(h && h->n == 2);
	for (size_t i = 0; h && i < h->n; i++)
		CHECK(h->items[i].read == (h->items[i].id == id));
	cache_headlines_free(h);
	size_t nids = 0;
	long long *ids = cache_search_ids(c, "glacier", &nids);
	CHECK(ids && nids == 1 && ids[0] == id);
	free(ids);
	cache_close(c);
	article_free(page);
	article_free(summary);
	free(path);
}

/* While another akhbar writes, the page is held, shows as stored, and is
 * written once the cache is free; adding a page's item gives up. */
static void test_page_held(void)
{
	char *path = path_for("page-held.db");
	struct cache *reader = open_ok(path);
	struct cache *refresh = reader ? open_ok(path) : NULL;
	if (!refresh)
		goto out;
	struct article *summary =
	        item("s1", "http://p/1", "summary", NULL, 100, "lead only");
	CHECK(ingest(refresh, "http://p/feed", &summary, 1, NULL));
	struct cache_headlines *h = cache_headlines(reader, 0);
	long long id = h && h->n == 1 ? h->items[0].id : 0;
	cache_headlines_free(h);
	struct cache_update *u = cache_feed_update_begin(refresh, "http://p/x");
	CHECK(u && cache_store_item(u, summary));
	CHECK(wait_locked(path));
	struct article *page = page_article("page headline");
	CHECK(cache_item_set_page(reader, id, page, page_links));
	CHECK(sql_int(path, "SELECT page_time FROM items WHERE id = 1") == 0);
	check_page_read(reader, id);
	CHECK(cache_item_add_page(reader, 1, "http://p/2", page, NULL) == 0);
	CHECK(contains(cache_error(reader), "busy"));
	cache_feed_update_rollback(u);
	CHECK(cache_flush(reader, false));
	CHECK(sql_int(path, "SELECT page_time > 0 FROM items WHERE id = 1") ==
	      1);
	check_page_read(reader, id);
	article_free(page);
	article_free(summary);
out:
	cache_close(refresh);
	cache_close(reader);
	free(path);
}

/* A cache of the previous schema (version 3) opens, keeps its items and
 * gains the page's columns. */
static void test_migrate_page(void)
{
	char *path = path_for("v3.db");
	struct cache *c = open_ok(path);
	struct article *summary =
	        item("s1", "http://p/1", "summary", NULL, 100, "lead only");
	CHECK(c && ingest(c, "http://p/feed", &summary, 1, NULL));
	cache_close(c);
	CHECK(sql_exec(path, UNDO_STEP_7 UNDO_STEP_6 UNDO_STEP_5
	               "DROP INDEX items_link;"
	               "ALTER TABLE items DROP COLUMN page_body;"
	               "ALTER TABLE items DROP COLUMN page_dirs;"
	               "ALTER TABLE items DROP COLUMN page_credit;"
	               "ALTER TABLE items DROP COLUMN page_related;"
	               "ALTER TABLE items DROP COLUMN page_time;"
	               "ALTER TABLE items DROP COLUMN page_error;"
	               "PRAGMA user_version = 3"));
	CHECK(sql_int(path, "SELECT count(*) FROM pragma_table_info('items')"
	                    " WHERE name LIKE 'page%'") == 0);
	c = open_ok(path);
	CHECK(sql_int(path, "PRAGMA user_version") == 7);
	CHECK(sql_int(path, "SELECT count(*) FROM pragma_table_info('items')"
	                    " WHERE name LIKE 'page%'") == 6);
	CHECK(sql_int(path, "SELECT count(*) FROM sqlite_schema"
	                    " WHERE name = 'items_link'") == 1);
	struct article *page = page_article("page headline");
	CHECK(c && cache_item_set_page(c, 1, page, page_links));
	if (c)
		check_page_read(c, 1);
	cache_close(c);
	article_free(page);
	article_free(summary);
	free(path);
}

static const struct {
	const char *name;
	void (*run)(void);
} tests[] = {
        {"create", test_create},
        {"migrate_empty", test_migrate_empty},
        {"reopen", test_reopen},
        {"dedupe", test_dedupe},
        {"marks_survive", test_marks_survive},
        {"not_modified_and_errors", test_not_modified_and_errors},
        {"rollback", test_rollback},
        {"background_store", test_background_store},
        {"end_without_waiting", test_end_without_waiting},
        {"marks", test_marks},
        {"sync", test_sync},
        {"round_trip", test_round_trip},
        {"source_kept", test_source_kept},
        {"bad_files", test_bad_files},
        {"shared", test_shared},
        {"default_path", test_default_path},
        {"many", test_many},
        {"long_titles", test_long_titles},
        {"memory", test_memory},
        {"page", test_page},
        {"page_item", test_page_item},
        {"page_held", test_page_held},
        {"migrate_page", test_migrate_page},
};

static void remove_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("warning: could not remove %s\n", dir);
	free(cmd);
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	tmp = xasprintf("%s/akhbar-cache-test-XXXXXX",
	                base && *base ? base : "/tmp");
	if (!mkdtemp(tmp)) {
		printf("cannot create %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	for (size_t i = 0; i < sizeof tests / sizeof *tests; i++) {
		test_name = tests[i].name;
		int before = failures;
		tests[i].run();
		printf("%s %s\n", failures == before ? "ok" : "FAILED",
		       test_name);
	}
	remove_tree(tmp);
	free(tmp);
	return failures ? 1 : 0;
}
