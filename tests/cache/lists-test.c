/* The lists a struct cache_list describes (every row, unread rows,
 * starred items; each order), of one feed and of every feed: their rows
 * from either end and from a key, the place of a row, their counts and
 * a search of them, each checked against plain SQL over the file; an
 * unread row marked read stays in the story source until it is read
 * again; a sorted list put in order apart, in the cache and in its story
 * source; and a cache of the schema before the lists' indices gains
 * them. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "schema-undo.h"
#include "text/find.h"
#include "store/cache.h"
#include "ui/stories.h"
#include "util/xalloc.h"

static char *dir;

/* Item k of feed f: one in 40 a variant of the one before it (the same
 * story), titles in no order of time, a word of its own in a few. */
static struct article *make(int f, int k)
{
	struct article *a = article_new();
	free(a->title);
	int base = k % 40 == 1 ? k - 1 : k;
	a->title = xasprintf("%c%d report from city c%d on topic t%d%s%s",
	                     'a' + (base * 7) % 26, base, base, base + f * 1000,
	                     k % 90 == 5 ? " zeta" : "",
	                     base != k ? " today" : "");
	a->guid = xasprintf("f%d-%d", f, k);
	a->time = 1700000000LL - k * 60 - f * 7;
	return a;
}

static void store(struct cache *c, int f, int n)
{
	char *url = xasprintf("https://f%d.example/rss", f);
	struct cache_update *u = cache_feed_update_begin(c, url);
	for (int k = 0; u && k < n; k++) {
		struct article *a = make(f, k);
		CHECK(cache_store_item(u, a), "store %d", k);
		article_free(a);
	}
	CHECK(u && cache_feed_update_commit(u, NULL), "commit: %s",
	      cache_error(c));
	free(url);
}

/* The list's items as plain SQL over the file gives them, in order. */
struct expected {
	long long *id;
	size_t n, unread;
};

static const char *const rows_sql[] = {
        [CACHE_LIST_ALL] = "iif(?1 = 0, head_all, head_feed) = 1",
        [CACHE_LIST_UNREAD] = "iif(?1 = 0, head_all, head_feed) = 1"
                              " AND read = 0",
        [CACHE_LIST_STARRED] = "starred = 1",
};

static const char *const order_sql[] = {
        [CACHE_ORDER_NEWEST] = "time DESC, i.id",
        [CACHE_ORDER_OLDEST] = "time, i.id DESC",
        [CACHE_ORDER_TITLE] = "i.title COLLATE NOCASE, time DESC, i.id",
        [CACHE_ORDER_FEED] = "f.position, f.id, time DESC, i.id",
        [CACHE_ORDER_UNREAD_FIRST] = "read, time DESC, i.id",
};

static struct expected expected_rows(sqlite3 *db, const struct cache_list *l)
{
	char *sql = xasprintf("SELECT i.id, read FROM items i"
	                      " JOIN feeds f ON f.id = feed_id"
	                      " WHERE (?1 = 0 OR feed_id = ?1) AND %s"
	                      " ORDER BY %s",
	                      rows_sql[l->rows], order_sql[l->order]);
	sqlite3_stmt *st;
	CHECK(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s",
	      sql);
	free(sql);
	sqlite3_bind_int64(st, 1, l->feed_id);
	struct expected e = {0};
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (e.n == cap) {
			cap = cap ? 2 * cap : 256;
			e.id = xreallocarray(e.id, cap, sizeof *e.id);
		}
		e.id[e.n++] = sqlite3_column_int64(st, 0);
		e.unread += sqlite3_column_int(st, 1) == 0;
	}
	sqlite3_finalize(st);
	return e;
}

static long long sql_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The whole list read from its first row on, and from its last back. */
static void check_ends(struct cache *c, const struct cache_list *l,
                       const struct expected *e, const char *what)
{
	struct cache_headlines *h =
	        cache_list_rows(c, l, NULL, CACHE_ROWS_AFTER, 0, e->n + 5);
	CHECK(h && h->n == e->n, "%s: %zu rows, want %zu", what, h ? h->n : 0,
	      e->n);
	for (size_t i = 0; h && i < h->n && i < e->n; i++)
		CHECK(h->items[i].id == e->id[i], "%s: row %zu", what, i);
	cache_headlines_free(h);
	h = cache_list_rows(c, l, NULL, CACHE_ROWS_BEFORE, 0, 10);
	for (size_t i = 0; h && i < h->n && i < e->n; i++)
		CHECK(h->items[i].id == e->id[e->n - 1 - i], "%s: last, %zu",
		      what, i);
	cache_headlines_free(h);
}

/* Row p by skipping, the rows around it from its key, and its place. */
static void check_key(struct cache *c, const struct cache_list *l,
                      const struct expected *e, size_t p, const char *what)
{
	struct cache_headlines *one =
	        cache_list_rows(c, l, NULL, CACHE_ROWS_AFTER, p, 1);
	CHECK(one && one->n == 1 && one->items[0].id == e->id[p],
	      "%s: row %zu by skipping", what, p);
	if (!one || one->n != 1) {
		cache_headlines_free(one);
		return;
	}
	struct cache_row_key key = {one->items[0].place, one->items[0].id};
	CHECK(cache_list_position(c, l, &key) == (long long)p,
	      "%s: row %zu's place %lld", what, p,
	      cache_list_position(c, l, &key));
	struct cache_headlines *h =
	        cache_list_rows(c, l, &key, CACHE_ROWS_AT, 2, 3);
	for (size_t i = 0; h && i < h->n; i++)
		CHECK(p + 2 + i < e->n && h->items[i].id == e->id[p + 2 + i],
		      "%s: at %zu + 2 + %zu", what, p, i);
	cache_headlines_free(h);
	h = cache_list_rows(c, l, &key, CACHE_ROWS_BEFORE, 0, 3);
	for (size_t i = 0; h && i < h->n; i++)
		CHECK(i < p && h->items[i].id == e->id[p - 1 - i],
		      "%s: before %zu, %zu", what, p, i);
	cache_headlines_free(h);
	cache_headlines_free(one);
}

/* "zeta" from the top and after a match, and the matches counted. */
static void check_find(struct cache *c, const struct cache_list *l,
                       const struct expected *e, sqlite3 *db, const char *what)
{
	long long want[64];
	size_t nwant = 0;
	for (size_t i = 0; i < e->n && nwant < 64; i++) {
		char *sql = xasprintf("SELECT title LIKE '%% zeta%%' FROM items"
		                      " WHERE id = %lld",
		                      e->id[i]);
		if (sql_int(db, sql) == 1)
			want[nwant++] = e->id[i];
		free(sql);
	}
	struct cache_row_key found = {0};
	int got = cache_list_find(c, l, "zeta", NULL, CACHE_ROWS_AT, &found);
	CHECK(got == (nwant > 0), "%s: found %d, %zu match", what, got, nwant);
	if (got != 1)
		return;
	CHECK(found.id == want[0], "%s: the first match", what);
	size_t total, upto;
	CHECK(cache_list_find_count(c, l, "zeta", &found, &total, &upto) &&
	              total == nwant && upto == 1,
	      "%s: %zu of %zu matches, want 1 of %zu", what, upto, total,
	      nwant);
	got = cache_list_find(c, l, "zeta", &found, CACHE_ROWS_AFTER, &found);
	CHECK(nwant < 2 || (got == 1 && found.id == want[1]),
	      "%s: the second match", what);
}

static void check_list(struct cache *c, sqlite3 *db, const struct cache_list *l)
{
	char *what = xasprintf("feed %lld rows %d order %d", l->feed_id,
	                       (int)l->rows, (int)l->order);
	struct expected e = expected_rows(db, l);
	CHECK(cache_list_open(c, l), "%s: open", what);
	struct cache_list_counts counts;
	CHECK(cache_list_count(c, l, &counts) && counts.rows == e.n &&
	              counts.unread == e.unread,
	      "%s: counts %zu %zu, want %zu %zu", what, counts.rows,
	      counts.unread, e.n, e.unread);
	check_ends(c, l, &e, what);
	size_t places[] = {0, 1, e.n / 3, e.n / 2, e.n - 1};
	for (size_t k = 0; e.n && k < sizeof places / sizeof *places; k++)
		check_key(c, l, &e, places[k], what);
	check_find(c, l, &e, db, what);
	free(e.id);
	free(what);
}

/* A row marked read in the list of unread rows stays, marked, where it
 * is until the list is read again; then it is gone. */
static void test_kept_until_reread(struct cache *c, long long feed)
{
	struct cache_list l =
	        cache_list_of(feed, CACHE_LIST_UNREAD, CACHE_ORDER_OLDEST);
	char *error = NULL;
	struct ui_stories *s = ui_stories_cache(c, &l, &error);
	CHECK(s != NULL, "unread stories: %s", error);
	if (!s)
		return;
	size_t n = s->ops->count(s);
	long long first = s->ops->item(s, 0), second = s->ops->item(s, 1);
	CHECK(s->ops->set_read(s, 0, true, &error), "marked");
	CHECK(s->ops->count(s) == n && s->ops->item(s, 0) == first &&
	              s->ops->is_read(s, 0) && s->ops->unread(s) == n - 1,
	      "the row marked stays");
	s->ops->reload(s, 0);
	CHECK(s->ops->count(s) == n - 1 && s->ops->item(s, 0) == second,
	      "gone once read again");
	s->ops->free(s);
}

/* Rows marked read far apart in a long list of unread rows stay where
 * they were, however the window moves and wherever a search goes: every
 * row shown is the row the list had when it was read. */
static void test_kept_far(struct cache *c, sqlite3 *db)
{
	struct cache_list l =
	        cache_list_of(0, CACHE_LIST_UNREAD, CACHE_ORDER_NEWEST);
	struct expected e = expected_rows(db, &l);
	char *error = NULL;
	struct ui_stories *s = ui_stories_cache(c, &l, &error);
	CHECK(s && e.n > 600, "unread stories: %zu", e.n);
	if (!s || e.n <= 600) {
		free(e.id);
		return;
	}
	size_t marked[] = {0, 5, 300, 301, e.n - 2};
	for (size_t k = 0; k < sizeof marked / sizeof *marked; k++)
		CHECK(s->ops->set_read(s, marked[k], true, &error), "mark %zu",
		      marked[k]);
	size_t order[] = {0,   1,   2,         299,     300,     302,
	                  599, 600, e.n - 1,   e.n - 2, e.n / 2, 304,
	                  6,   4,   e.n - 300, e.n - 3, 0};
	for (size_t k = 0; k < sizeof order / sizeof *order; k++)
		CHECK(s->ops->item(s, order[k]) == e.id[order[k]], "row %zu",
		      order[k]);
	for (size_t i = e.n; i-- > 0;)
		CHECK(s->ops->item(s, i) == e.id[i], "going up, row %zu", i);
	CHECK(s->ops->count(s) == e.n && s->ops->is_read(s, 300) &&
	              !s->ops->is_read(s, 302),
	      "counts and marks");
	struct ui_found f;
	struct text_query *q = text_query_new("zeta", 4);
	CHECK(s->ops->find(s, "zeta", q, 350, UI_FIND_AT, &f, &error) &&
	              f.total > 0 && s->ops->item(s, f.story) == e.id[f.story],
	      "a match's row: %zu", f.story);
	for (size_t i = f.story + 1; i-- > 0;)
		CHECK(s->ops->item(s, i) == e.id[i], "after the search, %zu",
		      i);
	text_query_free(q);
	CHECK(s->ops->set_read(s, 300, false, &error) &&
	              s->ops->item(s, 300) == e.id[300] &&
	              s->ops->item(s, 1000 < e.n ? 1000 : e.n - 1) ==
	                      e.id[1000 < e.n ? 1000 : e.n - 1] &&
	              s->ops->item(s, 300) == e.id[300],
	      "unread again, in its place");
	s->ops->free(s);
	free(e.id);
}

/* A cache of schema step 5 gains the lists' indices and counts, and its
 * lists read the same. */
static void test_migration(const char *path, sqlite3 *db,
                           const struct cache_list *l)
{
	struct expected before = expected_rows(db, l);
	CHECK(sqlite3_exec(db,
	                   UNDO_STEP_7 UNDO_STEP_6 "PRAGMA user_version = 5",
	                   NULL, NULL, NULL) == SQLITE_OK,
	      "back to step 5");
	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	CHECK(c != NULL, "open: %s", error);
	CHECK(sql_int(db, "PRAGMA user_version") == 7, "at step 7");
	CHECK(sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN"
	                  " ('items_feed_unread', 'items_all_unread',"
	                  " 'items_starred')") == 3,
	      "the indices made");
	struct cache_headlines *h =
	        c ? cache_list_rows(c, l, NULL, CACHE_ROWS_AFTER, 0, before.n)
	          : NULL;
	CHECK(h && h->n == before.n, "the same rows");
	for (size_t i = 0; h && i < h->n; i++)
		CHECK(h->items[i].id == before.id[i], "row %zu", i);
	cache_headlines_free(h);
	free(before.id);
	cache_close(c);
}

/* A sorted list put in order apart: the sorted list shown before reads
 * as it was until the new one is ready, which then reads as if opened;
 * a sort freed before its end leaves the list ready as it was. */
static void test_sort_apart(struct cache *c, sqlite3 *db)
{
	struct cache_list before =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_TITLE);
	struct cache_list after =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_FEED);
	struct expected eb = expected_rows(db, &before);
	struct expected ea = expected_rows(db, &after);
	CHECK(cache_list_open(c, &before), "open by title");
	struct cache_sort *sort = cache_list_sort_start(c, &after);
	CHECK(sort != NULL, "sort apart: %s", cache_error(c));
	check_ends(c, &before, &eb, "by title, a sort under way");
	int done = 0, steps = 0;
	while (sort && (done = cache_list_sort_step(sort, 1)) == 0)
		steps++;
	CHECK(done == 1, "sorted apart after %d steps: %s", steps,
	      cache_error(c));
	cache_list_sort_free(sort);
	struct cache_list_counts counts;
	CHECK(cache_list_count(c, &after, &counts) && counts.rows == ea.n &&
	              counts.unread == ea.unread,
	      "by feed: counts %zu %zu, want %zu %zu", counts.rows,
	      counts.unread, ea.n, ea.unread);
	check_ends(c, &after, &ea, "by feed, sorted apart");
	check_key(c, &after, &ea, ea.n / 2, "by feed, sorted apart");
	/* stopped at once, and stopped once its rows are being stored */
	cache_list_sort_free(cache_list_sort_start(c, &before));
	sort = cache_list_sort_start(c, &before);
	while (sort && cache_list_sort_step(sort, 0) == 0)
		;
	cache_list_sort_free(sort);
	check_ends(c, &before, &eb, "by title, sorted apart again");
	free(eb.id);
	free(ea.id);
}

/* The story source of a sorted list: newest first while its order is
 * made apart, then in it, the story kept found in its new place. */
static void test_stories_sorted(struct cache *c, sqlite3 *db)
{
	struct cache_list l =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_TITLE);
	struct cache_list newest =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	struct expected e = expected_rows(db, &l),
	                en = expected_rows(db, &newest);
	char *error = NULL;
	struct ui_stories *s = ui_stories_cache(c, &l, &error);
	CHECK(s && s->sorting, "sorted stories: %s", error);
	if (!s) {
		free(e.id);
		free(en.id);
		return;
	}
	CHECK(s->ops->item(s, 0) == en.id[0], "newest first meanwhile");
	size_t keep = 0;
	while (s->sorting && !s->ops->reorder(s, 1, &keep, &error))
		CHECK(error == NULL, "reorder: %s", error);
	CHECK(!s->sorting && s->ops->count(s) == e.n, "sorted: %zu rows",
	      s->ops->count(s));
	CHECK(keep < e.n && e.id[keep] == en.id[0] &&
	              s->ops->item(s, keep) == en.id[0],
	      "the story kept at %zu", keep);
	CHECK(s->ops->item(s, 0) == e.id[0], "by title");
	/* from one sorted order to another, the story kept far from the
	 * rows read last */
	struct cache_list by_feed =
	        cache_list_of(0, CACHE_LIST_ALL, CACHE_ORDER_FEED);
	struct expected ef = expected_rows(db, &by_feed);
	s->ops->item(s, 0);
	keep = s->ops->relist(s, &by_feed, e.n - 1);
	CHECK(s->sorting && keep == e.n - 1, "by feed under way");
	while (s->sorting && !s->ops->reorder(s, 1, &keep, &error))
		CHECK(error == NULL, "reorder: %s", error);
	CHECK(keep < ef.n && ef.id[keep] == e.id[e.n - 1] &&
	              s->ops->item(s, keep) == e.id[e.n - 1],
	      "by feed: the story kept at %zu", keep);
	s->ops->free(s);
	free(e.id);
	free(en.id);
	free(ef.id);
}

int main(void)
{
	if (!(dir = check_tmpdir("lists")))
		return 99;
	char *path = xasprintf("%s/cache.db", dir), *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	sqlite3 *db = NULL;
	if (!c || sqlite3_open(path, &db) != SQLITE_OK)
		return 99;
	store(c, 1, 700);
	store(c, 2, 300);
	for (long long id = 1; id <= 1000; id++) {
		if (id % 3 == 0)
			cache_item_set_read(c, id, true);
		if (id % 11 == 0)
			cache_item_set_starred(c, id, true);
	}
	long long feeds[] = {0, sql_int(db, "SELECT min(id) FROM feeds")};
	for (size_t f = 0; f < 2; f++)
		for (int r = CACHE_LIST_ALL; r <= CACHE_LIST_STARRED; r++)
			for (int o = 0; o < CACHE_ORDER_COUNT; o++) {
				struct cache_list l = cache_list_of(
				        feeds[f], (enum cache_list_rows)r,
				        (enum cache_list_order)o);
				check_list(c, db, &l);
			}
	test_kept_until_reread(c, feeds[1]);
	test_kept_far(c, db);
	test_sort_apart(c, db);
	test_stories_sorted(c, db);
	cache_close(c);
	struct cache_list unread =
	        cache_list_of(0, CACHE_LIST_UNREAD, CACHE_ORDER_NEWEST);
	test_migration(path, db, &unread);
	sqlite3_close(db);
	check_tmpdir_remove(dir);
	free(path);
	return check_failures ? 1 : 0;
}
