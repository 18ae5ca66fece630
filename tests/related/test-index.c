/* The story index in the cache: search finds what text_query_find() finds
 * in the headlines, whatever the spelling; the index follows items as
 * they are added, changed and removed; an older cache gets its items
 * indexed; `--search` prints what scripts can read. */
#include "config.h"

#include <sqlite3.h>

#include "check.h"
#include "stories.h"
#include "text/find.h"
#include "text/safe.h"
#include "util/strbuf.h"

/* Search agrees with the text matcher on every headline. */
static void check_search(struct cache *c, const struct stories *st,
                         const char *query, size_t at_least)
{
	struct cache_story_list *r = cache_search(c, query, 0);
	CHECK(r != NULL, "search %s: %s", query, cache_error(c));
	if (!r)
		return;
	struct text_query *q = text_query_new(query, strlen(query));
	size_t want = 0;
	for (size_t i = 0; i < st->n; i++) {
		const struct story *s = &st->s[i];
		bool match = q && text_query_find(q, s->title, strlen(s->title),
		                                  NULL, NULL);
		bool found = false;
		for (size_t k = 0; k < r->n; k++)
			found = found || r->items[k].id == s->item;
		CHECK(match == found, "search \"%s\": %s \"%s\"", query,
		      found ? "found" : "missed", s->title);
		want += match;
	}
	CHECK(want >= at_least, "search \"%s\": %zu found", query, want);
	size_t nids;
	long long *ids = cache_search_ids(c, query, &nids);
	CHECK(ids && nids == r->n, "ids of \"%s\": %zu", query, nids);
	for (size_t k = 0; ids && k < nids; k++) {
		CHECK(k == 0 || ids[k - 1] < ids[k], "ids in order");
		bool listed = false;
		for (size_t j = 0; j < r->n; j++)
			listed = listed || r->items[j].id == ids[k];
		CHECK(listed, "id %lld of \"%s\"", ids[k], query);
	}
	free(ids);
	for (size_t k = 1; k < r->n; k++)
		CHECK(r->items[k - 1].time >= r->items[k].time,
		      "search \"%s\": newest first", query);
	text_query_free(q);
	cache_story_list_free(r);
}

static bool found(struct cache *c, const char *query, long long item)
{
	struct cache_story_list *r = cache_search(c, query, 0);
	bool yes = false;
	for (size_t k = 0; r && k < r->n; k++)
		yes = yes || r->items[k].id == item;
	cache_story_list_free(r);
	return yes;
}

static long long item_of(const struct stories *st, const char *id)
{
	return st->s[story_index(st, id)].item;
}

static void store(struct cache *c, const char *url, const char *guid,
                  const char *title, const char *body)
{
	struct cache_update *u = cache_feed_update_begin(c, url);
	struct article *a = article_new();
	free(a->title);
	a->title = xstrdup(title);
	a->guid = xstrdup(guid);
	a->time = 1742000000;
	if (body)
		article_add_paragraph(a, body, strlen(body));
	CHECK(u && cache_store_item(u, a) && cache_feed_update_commit(u, NULL),
	      "store %s: %s", title, cache_error(c));
	article_free(a);
}

static long long sql_count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

static void test_search(struct cache *c, struct stories *st)
{
	/* A compound written with a space, next to the stories' ZWNJ ones. */
	store(c, "https://fa.example/rss", "spaced", "توافق آتش بس در لبنان",
	      NULL);
	struct cache_story_list *all = cache_search(c, "لبنان", 0);
	long long spaced = 0;
	for (size_t k = 0; all && k < all->n; k++)
		if (strstr(all->items[k].title, "آتش بس"))
			spaced = all->items[k].id;
	cache_story_list_free(all);
	CHECK(spaced, "the spaced headline is found by its other word");

	static const struct {
		const char *query;
		size_t at_least;
	} queries[] = {
	        {"ايران", 8},      {"ایران", 8},
	        {"آتشبس", 13},     {"آتش‌بس", 13},
	        {"آتش بس", 13},    {"اتش بس", 13},
	        {"كشته", 3},       {"۹۰", 3},
	        {"٩٠", 3},         {"90", 3},
	        {"egg prices", 5}, {"STARSHIP", 7},
	        {"rates fed", 5},  {"الإسلامي", 2},
	        {"الاسلامي", 2},   {"הפסקת האש", 2},
	        {"دمشق", 10},      {"قانون اساسی", 3},
	        {"trump", 4},      {"ceasefire", 8},
	        {"tehran", 0},     {"ران", 0},
	        {"Sudan's", 2},    {"30-day", 1},
	};
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
		check_search(c, st, queries[i].query, queries[i].at_least);

	CHECK(found(c, "ايران", item_of(st, "s1")) &&
	              found(c, "ايران", item_of(st, "s7")),
	      "ايران finds ایران and ايران");
	CHECK(found(c, "آتشبس", item_of(st, "p1")) && found(c, "آتشبس", spaced),
	      "آتشبس finds آتش‌بس and آتش بس");
	CHECK(found(c, "آتش بس", item_of(st, "p1")) &&
	              found(c, "آتش بس", spaced),
	      "آتش بس finds آتش‌بس and آتش بس");
	CHECK(found(c, "ایرانی", item_of(st, "s1")) == false,
	      "a longer word is not found in a shorter one");

	struct cache_story_list *none = cache_search(c, " «» ، ", 0);
	CHECK(none && none->n == 0, "a query without words finds nothing");
	cache_story_list_free(none);

	/* One feed only. */
	size_t nfeeds;
	struct cache_feed *feeds = cache_feeds(c, &nfeeds);
	long long ar = 0;
	for (size_t i = 0; feeds && i < nfeeds; i++)
		if (!strcmp(feeds[i].url, "https://ar.example/rss"))
			ar = feeds[i].id;
	cache_feeds_free(feeds, nfeeds);
	struct cache_story_list *r = cache_search(c, "دمشق", ar);
	CHECK(r && r->n == 3, "دمشق in the Arabic feed: %zu", r ? r->n : 0);
	for (size_t k = 0; r && k < r->n; k++)
		CHECK(r->items[k].feed_id == ar, "only that feed");
	cache_story_list_free(r);
}

/* What --search was given: its lines, and after how many to stop (0:
 * never). */
struct printed {
	struct strbuf text;
	int lines, stop_after;
};

static bool collect(const char *line, void *ctx)
{
	struct printed *p = ctx;
	strbuf_adds(&p->text, line);
	return ++p->lines != p->stop_after;
}

/* The lines printed for query are cache_search()'s stories in its order
 * (newest first), a line each, their headlines made safe; how many. */
static size_t check_print_order(struct cache *c, const char *query)
{
	struct printed p = {0};
	int n = cache_search_print(c, query, collect, &p);
	struct cache_story_list *r = cache_search(c, query, 0);
	CHECK(r && n == (int)r->n && p.lines == n, "%s: printed %d", query, n);
	const char *line = p.text.s;
	for (size_t k = 0; r && line && k < r->n; k++) {
		char *title = text_safe(r->items[k].title, 0);
		const char *field = strchr(line, '\t');
		CHECK(field && !strncmp(field + 1, title, strlen(title)) &&
		              field[1 + strlen(title)] == '\t',
		      "%s: line %zu is %s: %s", query, k, title, line);
		free(title);
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	size_t found = r ? r->n : 0;
	cache_story_list_free(r);
	strbuf_free(&p.text);
	return found;
}

static size_t items_in(struct cache *c)
{
	struct cache_headlines *h = cache_headlines(c, 0);
	size_t n = h ? h->n : 0;
	cache_headlines_free(h);
	return n;
}

static void test_print(struct cache *c)
{
	struct printed p = {0};
	int n = cache_search_print(c, "ايران", collect, &p);
	struct cache_story_list *r = cache_search(c, "ايران", 0);
	CHECK(r && n == (int)r->n && n > 0, "printed %d", n);
	size_t lines = 0;
	for (char *s = p.text.s; s && *s; s++)
		lines += *s == '\n';
	CHECK(lines == (size_t)n, "one line each: %zu", lines);
	/* The newest: s4 of 2025-03-14 11:30. */
	const char *first =
	        "2025-03-14T11:30Z\tپاک‌نژاد: تحریم‌ها "
	        "صادرات "
	        "نفت "
	        "ایران"
	        " را متوقف نمی‌کند\thttps://fa.example/s4\n";
	CHECK(p.text.s && !strncmp(p.text.s, first, strlen(first)),
	      "first line: %s", p.text.s);
	cache_story_list_free(r);
	strbuf_free(&p.text);

	/* A reader that stops after the first line ends the search. */
	p = (struct printed){.stop_after = 1};
	CHECK(cache_search_print(c, "ايران", collect, &p) == 1 &&
	              !strcmp(p.text.s, first),
	      "stopped after one: %s", p.text.s);
	strbuf_free(&p.text);

	/* Words in many headlines are picked out of the headlines newest
	 * first, words in a few read and sorted: the same order either
	 * way. */
	CHECK(check_print_order(c, "ایران") * 64 > items_in(c),
	      "a word of many headlines");
	CHECK(check_print_order(c, "پاک‌نژاد") * 64 < items_in(c),
	      "a word of few headlines");
	check_print_order(c, "دمشق");
	check_print_order(c, "حمله");

	p = (struct printed){0};
	CHECK(cache_search_print(c, "کلمه‌ای که نیست", collect,
	                         &p) == 0,
	      "nothing found, nothing printed");
	CHECK(p.lines == 0, "no output");
	strbuf_free(&p.text);
}

static void test_changes(struct cache *c, struct stories *st)
{
	/* A headline changed at the source: the index follows. */
	store(c, "https://en.example/rss", "ng1",
	      "New Glenn booster lands on drone ship", "A new body.");
	long long ng1 = item_of(st, "ng1");
	CHECK(found(c, "booster lands", ng1), "the new headline is found");
	CHECK(!found(c, "orbit", ng1), "the old headline is gone");

	/* An item whose words are all common has no related stories. */
	store(c, "https://en.example/rss", "common", "And the, of it!", NULL);
	struct cache_story_list *r = cache_search(c, "and the of it", 0);
	long long common = r && r->n ? r->items[0].id : 0;
	CHECK(r && r->n == 1, "common words are searched too");
	cache_story_list_free(r);
	r = cache_related(c, common, 8);
	CHECK(r && r->n == 0, "nothing related to common words");
	cache_story_list_free(r);
	r = cache_related(c, 999999, 8);
	CHECK(!r && strstr(cache_error(c), "999999"), "an unknown item");
	CHECK(!cache_duplicates(c, 999999), "no variants of an unknown item");

	/* Marks do not touch the index; removing a feed removes its words. */
	CHECK(cache_item_set_read(c, item_of(st, "t6"), true), "mark read");
	const char *const urls[] = {"https://fa.example/rss",
	                            "https://ar.example/rss",
	                            "https://en.example/rss"};
	CHECK(cache_sync_feeds(c, urls, 3) && cache_purge_unsubscribed(c),
	      "unsubscribe the Hebrew feed");
	CHECK(!found(c, "הפסקת", item_of(st, "t6")), "its items are gone");
	cache_close(c);
	CHECK(sql_count(st->path, "SELECT count(*) FROM story_words") ==
	              sql_count(st->path, "SELECT count(*) FROM items"),
	      "one index row per item");
	CHECK(sql_count(st->path, "SELECT count(*) FROM items") > 100,
	      "items are left");
}

/* A cache of schema version 1 (before the index) gets its items indexed
 * when opened. */
static void test_migration(const char *dir)
{
	char *path = xasprintf("%s/v1.db", dir);
	sqlite3 *db;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK, "create v1");
	const char *v1 =
	        "PRAGMA application_id = 1634429026;"
	        "CREATE TABLE feeds (id INTEGER PRIMARY KEY,"
	        " url TEXT NOT NULL UNIQUE, title TEXT, link TEXT,"
	        " language TEXT, etag TEXT, last_modified TEXT,"
	        " last_update INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
	        " position INTEGER);"
	        "CREATE TABLE items (id INTEGER PRIMARY KEY,"
	        " feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE "
	        "CASCADE,"
	        " key TEXT NOT NULL, title TEXT NOT NULL,"
	        " time INTEGER NOT NULL DEFAULT 0,"
	        " read INTEGER NOT NULL DEFAULT 0,"
	        " starred INTEGER NOT NULL DEFAULT 0,"
	        " first_seen INTEGER NOT NULL, guid TEXT, link TEXT,"
	        " author TEXT, date TEXT, site TEXT, language TEXT,"
	        " categories TEXT, enclosures TEXT, body TEXT,"
	        " UNIQUE (feed_id, key));"
	        "CREATE INDEX items_feed_read ON items (feed_id, read);"
	        "CREATE INDEX items_feed_list ON items"
	        " (feed_id, time DESC, id, read, starred, title);"
	        "CREATE INDEX items_all_list ON items"
	        " (time DESC, id, feed_id, read, starred, title);"
	        "INSERT INTO feeds (url, position) VALUES ('https://old', 0);"
	        "INSERT INTO items (feed_id, key, title, time, first_seen, "
	        "body)"
	        " VALUES (1, 'g:1', 'آمريكا وزير نفت ايران را تحريم كرد', 5, 5,"
	        " 'خزانه‌داری آمریکا وزیر نفت را "
	        "تحریم "
	        "کرد.'),"
	        " (1, 'g:2', 'تحریم وزیر نفت ایران از سوی آمریکا', 6, 6, NULL),"
	        " (1, 'g:3', 'Fed holds rates steady', 7, 7, NULL);"
	        "PRAGMA user_version = 1;";
	CHECK(sqlite3_exec(db, v1, NULL, NULL, NULL) == SQLITE_OK, "v1: %s",
	      sqlite3_errmsg(db));
	sqlite3_close(db);

	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	CHECK(c != NULL, "open v1: %s", error);
	free(error);
	if (c) {
		struct cache_story_list *r = cache_search(c, "ایران", 0);
		CHECK(r && r->n == 2, "old items are indexed: %zu",
		      r ? r->n : 0);
		cache_story_list_free(r);
		r = cache_duplicates(c, 1);
		CHECK(r && r->n == 1 && r->items[0].id == 2,
		      "old items have variants");
		cache_story_list_free(r);
		/* An item stored before bodies were kept as the feed gave
		 * them reads as the paragraphs it was stored as. */
		struct article *a = cache_item_article(c, 1);
		CHECK(a && !a->body_source && a->nbody == 1 &&
		              !strcmp(a->body[0], "خزانه‌داری آمریکا "
		                                  "وزیر "
		                                  "نفت "
		                                  "را تحریم کرد."),
		      "old body read as paragraphs");
		article_free(a);
		cache_close(c);
	}
	CHECK(sql_count(path, "PRAGMA user_version") == 7, "now version 7");
	static const char *const files[] = {"", "-wal", "-shm", ".lock"};
	for (size_t i = 0; i < 4; i++) {
		char *f = xasprintf("%s%s", path, files[i]);
		unlink(f);
		free(f);
	}
	free(path);
}

int main(void)
{
	struct stories st = {0};
	stories_read(&st);
	struct cache *c = stories_store(&st);
	test_search(c, &st);
	test_print(c);
	test_changes(c, &st);
	test_migration(st.dir);

	struct cache_headlines empty = {0};
	CHECK(cache_headline_groups(&empty) == NULL, "no groups of nothing");
	/* Headlines of common words only, or of one word, are their own. */
	struct cache_headline rows[] = {
	        {.id = 1, .time = 5, .title = "و در به"},
	        {.id = 2, .time = 5, .title = "و در به"},
	        {.id = 3, .time = 5, .title = "Iran"},
	        {.id = 4, .time = 5, .title = "IRAN"},
	        {.id = 5, .time = 5, .title = "Fed holds rates steady"},
	        {.id = 6,
	         .time = 5 + 4 * 86400,
	         .title = "Fed holds rates steady"},
	        {.id = 7, .time = 0, .title = "fed HOLDS rates, steady!"},
	};
	struct cache_headlines few = {.items = rows, .n = 7};
	size_t *g = cache_headline_groups(&few);
	CHECK(g && g[0] == 0 && g[1] == 1 && g[2] == 2 && g[3] == 3,
	      "too few salient words to be variants");
	CHECK(g && g[4] == 4 && g[5] == 5, "four days apart: two events");
	CHECK(g && g[6] == 4, "no date: a variant of the first");
	free(g);
	stories_free(&st);
	return check_result("test-index");
}
