/* Near-duplicate groups decided when items are stored, and the counts
 * the cache keeps of its lists: the same groups as grouping a whole list
 * in memory (cache_headline_groups()) gives, heads and counts right after
 * storing, marking, purging and deleting, and an older cache grouped once
 * when its schema is brought up to date. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "schema-undo.h"
#include "model/article.h"
#include "store/cache.h"
#include "util/xalloc.h"

static char *dir;

#define DAY (24 * 60 * 60LL)

/* A generated set: CLUSTERS stories, each told by 1 to 4 headlines (five
 * words of its own and two of a small common pool, a variant adding one
 * word of its own), spread over three feeds and a few days. */
#define CLUSTERS 400
#define FEEDS    3

static const char *const common[] = {"tehran", "market", "minister",
                                     "report", "oil",    "court"};

static struct article *variant(int cluster, int v)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xasprintf("%s %s alpha%d beta%d gamma%d delta%d epsilon%d",
	                     common[cluster % 6], common[(cluster / 6) % 6],
	                     cluster, cluster, cluster, cluster, cluster);
	if (v) {
		char *longer = xasprintf("%s extra%dv%d", a->title, cluster, v);
		free(a->title);
		a->title = longer;
	}
	a->guid = xasprintf("c%d-v%d", cluster, v);
	a->time = 1700000000LL + cluster * (DAY / 10) + v * 600;
	return a;
}

static int variants_of(int cluster)
{
	return 1 + cluster % 4;
}

static char *feed_url(int f)
{
	return xasprintf("https://feed%d.example/rss", f);
}

/* Store the set in `updates` rounds, each a update of every feed. */
static void store_set(struct cache *c, int updates)
{
	for (int round = 0; round < updates; round++)
		for (int f = 0; f < FEEDS; f++) {
			char *url = feed_url(f);
			struct cache_update *u =
			        cache_feed_update_begin(c, url);
			CHECK(u != NULL, "update: %s", cache_error(c));
			for (int k = round; u && k < CLUSTERS; k += updates)
				for (int v = 0; v < variants_of(k); v++) {
					if ((k + v) % FEEDS != f)
						continue;
					struct article *a = variant(k, v);
					CHECK(cache_store_item(u, a), "store");
					article_free(a);
				}
			CHECK(u && cache_feed_update_commit(u, NULL),
			      "commit: %s", cache_error(c));
			free(url);
		}
}

/* Whether the list's stored groups are the partition the in-memory
 * grouping makes of it. */
static void check_same_groups(const struct cache_headlines *h, const char *what)
{
	size_t *group = cache_headline_groups(h);
	size_t differ = 0;
	for (size_t i = 0; i < h->n; i++)
		for (size_t j = i + 1; j < h->n; j++) {
			bool stored = h->items[i].story == h->items[j].story;
			bool memory = group[i] == group[j];
			differ += stored != memory;
		}
	CHECK(differ == 0, "%s: %zu pairs grouped otherwise", what, differ);
	free(group);
}

/* Every group's head is its first item in the list's order. */
static void check_heads(const struct cache_headlines *h, const char *what)
{
	for (size_t i = 0; i < h->n; i++) {
		bool first = true;
		for (size_t j = 0; j < i && first; j++)
			first = h->items[j].story != h->items[i].story;
		CHECK(h->items[i].head == first, "%s: item %lld head %d", what,
		      h->items[i].id, h->items[i].head);
	}
}

/* The list's rows and unread rows, counted from its headlines. */
static void check_counts(struct cache *c, long long feed_id, const char *what)
{
	struct cache_headlines *h = cache_headlines(c, feed_id);
	size_t rows = 0, unread = 0;
	for (size_t i = 0; h && i < h->n; i++) {
		rows += h->items[i].head;
		unread += h->items[i].head && !h->items[i].read;
	}
	struct cache_list_counts counts;
	struct cache_list l =
	        cache_list_of(feed_id, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	CHECK(cache_list_count(c, &l, &counts), "%s", cache_error(c));
	CHECK(counts.rows == rows && counts.unread == unread,
	      "%s, feed %lld: kept %zu rows %zu unread, counted %zu %zu", what,
	      feed_id, counts.rows, counts.unread, rows, unread);
	cache_headlines_free(h);
}

/* The counts the feed list shows, counted from the items. */
static void check_feed_counts(struct cache *c, const char *what)
{
	size_t n;
	struct cache_feed *feeds = cache_feeds(c, &n);
	for (size_t f = 0; feeds && f < n; f++) {
		struct cache_headlines *h = cache_headlines(c, feeds[f].id);
		long long unread = 0;
		for (size_t i = 0; h && i < h->n; i++)
			unread += !h->items[i].read;
		CHECK(h && feeds[f].total == (long long)h->n &&
		              feeds[f].unread == unread,
		      "%s: feed %lld counts %lld/%lld, items %zu/%lld", what,
		      feeds[f].id, feeds[f].unread, feeds[f].total,
		      h ? h->n : 0, unread);
		check_counts(c, feeds[f].id, what);
		struct cache_headlines *mine = cache_headlines(c, feeds[f].id);
		check_heads(mine, what);
		cache_headlines_free(mine);
		cache_headlines_free(h);
	}
	check_counts(c, 0, what);
	cache_feeds_free(feeds, n);
}

static struct cache *new_cache(const char *name, char **path)
{
	*path = xasprintf("%s/%s", dir, name);
	char *error = NULL;
	struct cache *c = cache_open(*path, CACHE_READ_WRITE, &error);
	CHECK(c != NULL, "open: %s", error ? error : "");
	free(error);
	return c;
}

/* Groups decided item by item, in several updates of several feeds, are
 * the groups of the whole list grouped at once. */
static void test_generated(void)
{
	char *path;
	struct cache *c = new_cache("generated.db", &path);
	if (!c)
		return;
	store_set(c, 4);
	struct cache_headlines *h = cache_headlines(c, 0);
	size_t items = 0;
	for (int k = 0; k < CLUSTERS; k++)
		items += (size_t)variants_of(k);
	CHECK(h && h->n == items, "all stored");
	if (h) {
		check_same_groups(h, "generated");
		check_heads(h, "generated");
		size_t groups = 0;
		for (size_t i = 0; i < h->n; i++)
			groups += h->items[i].head;
		CHECK(groups == CLUSTERS, "%zu groups of %d stories", groups,
		      CLUSTERS);
	}
	cache_headlines_free(h);
	check_feed_counts(c, "stored");
	cache_close(c);
	free(path);
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

/* Marks, a purge and a deletion of another's (an expiry) keep heads and
 * counts right. */
static void test_counts(void)
{
	char *path;
	struct cache *c = new_cache("counts.db", &path);
	if (!c)
		return;
	store_set(c, 2);
	struct cache_headlines *h = cache_headlines(c, 0);
	for (size_t i = 0; h && i < h->n; i += 3)
		CHECK(cache_item_set_read(c, h->items[i].id, true), "mark");
	check_feed_counts(c, "marked");
	CHECK(h && cache_item_set_read(c, h->items[0].id, false), "unmark");
	check_feed_counts(c, "unmarked");
	size_t n;
	struct cache_feed *feeds = cache_feeds(c, &n);
	CHECK(feeds && n == FEEDS && cache_feed_mark_read(c, feeds[1].id),
	      "mark a feed read");
	check_feed_counts(c, "feed marked");
	cache_feeds_free(feeds, n);
	cache_headlines_free(h);

	/* Items deleted by a statement of its own, heads among them. */
	cache_close(c);
	exec_sql(path, "PRAGMA foreign_keys = ON;"
	               "DELETE FROM items WHERE time < 1700000000 + 8640 * 100"
	               " OR id % 7 = 0");
	free(path);
	c = new_cache("counts.db", &path);
	check_feed_counts(c, "deleted");

	/* A feed unsubscribed and purged: groups spanning it get another
	 * head. */
	char *urls[FEEDS - 1];
	for (int f = 0; f < FEEDS - 1; f++)
		urls[f] = feed_url(f);
	CHECK(cache_sync_feeds(c, (const char *const *)urls, FEEDS - 1) &&
	              cache_purge_unsubscribed(c),
	      "purge: %s", cache_error(c));
	for (int f = 0; f < FEEDS - 1; f++)
		free(urls[f]);
	check_feed_counts(c, "purged");
	cache_close(c);
	free(path);
}

/* A cache from before groups gets them once, the same as stored ones. */
static void test_migration(void)
{
	char *path;
	struct cache *c = new_cache("migrate.db", &path);
	if (!c)
		return;
	store_set(c, 1);
	struct cache_headlines *before = cache_headlines(c, 0);
	cache_close(c);
	exec_sql(path, UNDO_STEP_7 UNDO_STEP_6 UNDO_STEP_5
	         "PRAGMA user_version = 4;");
	free(path);
	c = new_cache("migrate.db", &path);
	struct cache_headlines *after = c ? cache_headlines(c, 0) : NULL;
	CHECK(before && after && before->n == after->n, "the same items");
	for (size_t i = 0; before && after && i < after->n; i++)
		CHECK(after->items[i].story == before->items[i].story &&
		              after->items[i].head == before->items[i].head,
		      "item %lld: group %lld, was %lld", after->items[i].id,
		      after->items[i].story, before->items[i].story);
	if (c)
		check_feed_counts(c, "migrated");
	cache_headlines_free(before);
	cache_headlines_free(after);
	cache_close(c);
	free(path);
}

int main(void)
{
	if (!(dir = check_tmpdir("groups")))
		return 99;
	test_generated();
	test_counts();
	test_migration();
	check_tmpdir_remove(dir);
	return check_failures ? 1 : 0;
}
