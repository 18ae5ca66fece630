#include "config.h"

#include "store/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/thread.h"
#include "util/xalloc.h"
#include "util/xdg.h"

/* "akhb": tells an akhbar cache from any other SQLite file. */
#define APPLICATION_ID 0x616b6862
#define STR(x)         #x
#define XSTR(x)        STR(x)

/* The heads of new.story's group: in the list of every feed, and in the
 * list of new.feed_id.  Before new (an item stored into the group, or
 * whose time changed) the head was the first of the others, so only new
 * and that one can change: two rows found through items_story, however
 * large the group.  Only heads that change are written. */
/* clang-format off */
#define GROUP_FIRST(feed) \
	"(SELECT id FROM items WHERE story = new.story" feed \
	" ORDER BY time DESC, id LIMIT 1)"
#define GROUP_FIRST_OTHER(feed) \
	"(SELECT id FROM items WHERE story = new.story" feed \
	" AND id <> new.id ORDER BY time DESC, id LIMIT 1)"
#define IN_FEED " AND feed_id = new.feed_id"
#define GROUP_HEAD(column, feed) \
	" UPDATE items SET " column " = (id = " GROUP_FIRST(feed) ")" \
	" WHERE id IN (new.id, " GROUP_FIRST_OTHER(feed) ")" \
	" AND " column " IS NOT (id = " GROUP_FIRST(feed) ");"
#define GROUP_HEADS GROUP_HEAD("head_all", "") GROUP_HEAD("head_feed", IN_FEED)

/* Where a row stands in its list is counted from list_counts (step 6):
 * rows and unread rows of each list by buckets of the list's order
 * (time DESC, id) at three levels, each inside the one above, so that a
 * position sums a bounded number of buckets at any length:
 *   level 0: time >> SPAN_SHIFT (about 194 days; a few dozen in a cache
 *            of years),
 *   level 1: time >> HOURS_SHIFT (about 4.5 hours; at most 1024 in a
 *            level 0 bucket),
 *   level 2: the exact time and id >> IDS_SHIFT (items of the same time,
 *            such as every undated one at 0, 1024 ids at a time).
 * A bucket is a pure function of the row's time and id: the triggers
 * only add and take away, in any order. */
#define SPAN_SHIFT  24
#define HOURS_SHIFT 14
#define IDS_SHIFT   10
/* The row's count (sign 1: added, -1: taken away) in the buckets of one
 * list at one level, when cond (is it a row of that list?). */
#define BUCKET_ADD(list, level, hi, lo, row, sign, cond) \
	" INSERT INTO list_counts SELECT " list ", " level ", " hi ", " lo "," \
	" " sign ", " sign " * (" row ".read = 0) WHERE " cond \
	" ON CONFLICT DO UPDATE SET rows = rows + excluded.rows," \
	" unread = unread + excluded.unread;"
#define LIST_BUCKETS_ADD(list, row, sign, cond) \
	BUCKET_ADD(list, "0", row ".time >> " XSTR(SPAN_SHIFT), "0", row, \
	           sign, cond) \
	BUCKET_ADD(list, "1", row ".time >> " XSTR(HOURS_SHIFT), "0", row, \
	           sign, cond) \
	BUCKET_ADD(list, "2", row ".time", row ".id >> " XSTR(IDS_SHIFT), \
	           row, sign, cond)
/* The row in the buckets of its lists: its feed's and every feed's. */
#define ROW_BUCKETS_ADD(row, sign) \
	LIST_BUCKETS_ADD(row ".feed_id", row, sign, row ".head_feed") \
	LIST_BUCKETS_ADD("0", row, sign, row ".head_all")
/* A row marked read or unread where it stands: its buckets' unread
 * counts at one level. */
#define BUCKET_READ(level, hi, lo) \
	" UPDATE list_counts SET unread = unread + (new.read = 0)" \
	" - (old.read = 0) WHERE list IN (iif(new.head_feed, new.feed_id, -1)," \
	" iif(new.head_all, 0, -1)) AND level = " level " AND hi = " hi \
	" AND lo = " lo ";"
/* Step 6 (see migrations[]).  A row marked read or unread, and nothing
 * else, has only its buckets' unread counts changed (marking a big feed
 * read); a row moved or made a row or not is added to its new buckets
 * before it leaves its old ones, so that a bucket it stays in is not
 * dropped on the way. */
#define LIST_COUNTS_STEP \
	"CREATE TABLE list_counts (" \
	" list INTEGER NOT NULL, level INTEGER NOT NULL," \
	" hi INTEGER NOT NULL, lo INTEGER NOT NULL," \
	" rows INTEGER NOT NULL, unread INTEGER NOT NULL," \
	" PRIMARY KEY (list, level, hi, lo)) WITHOUT ROWID;" \
	"INSERT INTO list_counts" \
	" SELECT feed_id, 2, time, id >> " XSTR(IDS_SHIFT) ", count(*)," \
	" sum(read = 0) FROM items WHERE head_feed = 1" \
	" GROUP BY feed_id, time, id >> " XSTR(IDS_SHIFT) ";" \
	"INSERT INTO list_counts" \
	" SELECT 0, 2, time, id >> " XSTR(IDS_SHIFT) ", count(*)," \
	" sum(read = 0) FROM items WHERE head_all = 1" \
	" GROUP BY time, id >> " XSTR(IDS_SHIFT) ";" \
	"INSERT INTO list_counts" \
	" SELECT list, 1, hi >> " XSTR(HOURS_SHIFT) ", 0, sum(rows)," \
	" sum(unread) FROM list_counts WHERE level = 2" \
	" GROUP BY list, hi >> " XSTR(HOURS_SHIFT) ";" \
	"INSERT INTO list_counts" \
	" SELECT list, 0, hi >> (" XSTR(SPAN_SHIFT) " - " XSTR(HOURS_SHIFT) \
	"), 0, sum(rows), sum(unread) FROM list_counts WHERE level = 1" \
	" GROUP BY list, hi >> (" XSTR(SPAN_SHIFT) " - " XSTR(HOURS_SHIFT) \
	");" \
	"CREATE TRIGGER list_counts_add AFTER INSERT ON items" \
	" WHEN new.head_feed OR new.head_all BEGIN" \
	ROW_BUCKETS_ADD("new", "1") " END;" \
	"CREATE TRIGGER list_counts_drop AFTER DELETE ON items" \
	" WHEN old.head_feed OR old.head_all BEGIN" \
	ROW_BUCKETS_ADD("old", "-1") " END;" \
	"CREATE TRIGGER list_counts_read AFTER UPDATE OF read ON items" \
	" WHEN old.read IS NOT new.read AND (new.head_feed OR new.head_all)" \
	" AND (old.time, old.head_feed, old.head_all)" \
	" IS (new.time, new.head_feed, new.head_all) BEGIN" \
	BUCKET_READ("0", "new.time >> " XSTR(SPAN_SHIFT), "0") \
	BUCKET_READ("1", "new.time >> " XSTR(HOURS_SHIFT), "0") \
	BUCKET_READ("2", "new.time", "new.id >> " XSTR(IDS_SHIFT)) " END;" \
	"CREATE TRIGGER list_counts_change" \
	" AFTER UPDATE OF read, time, head_feed, head_all ON items" \
	" WHEN (old.head_feed OR old.head_all OR new.head_feed" \
	" OR new.head_all) AND (old.time, old.head_feed, old.head_all)" \
	" IS NOT (new.time, new.head_feed, new.head_all) BEGIN" \
	ROW_BUCKETS_ADD("new", "1") ROW_BUCKETS_ADD("old", "-1") " END;" \
	"CREATE TRIGGER list_counts_empty AFTER UPDATE OF rows ON list_counts" \
	" WHEN new.rows = 0 BEGIN" \
	" DELETE FROM list_counts WHERE list = new.list" \
	" AND level = new.level AND hi = new.hi AND lo = new.lo;" \
	" END;"
/* clang-format on */

/* Schema steps in order: the cache at version v runs steps v+1... Never
 * edit a released step; add a new one (ALTER TABLE ... ADD COLUMN). */
/* clang-format off: one SQL clause a line reads better than packed. */
static const char *const migrations[] = {
        /* 1: feeds and items. Items' small columns come first and the body
         * last; the list indices hold all a headline needs, so listing never
         * reads the rows. */
        "PRAGMA application_id = " XSTR(
                APPLICATION_ID) ";"
                                "CREATE TABLE feeds ("
                                " id INTEGER PRIMARY KEY,"
                                " url TEXT NOT NULL UNIQUE,"
                                " title TEXT, link TEXT, language TEXT,"
                                " etag TEXT, last_modified TEXT,"
                                " last_update INTEGER NOT NULL DEFAULT 0,"
                                " last_error TEXT,"
                                " position INTEGER);" /* NULL: no longer
                                                         subscribed */
                                "CREATE TABLE items ("
                                " id INTEGER PRIMARY KEY,"
                                " feed_id INTEGER NOT NULL REFERENCES "
                                "feeds(id) ON DELETE CASCADE,"
                                " key TEXT NOT NULL," /* g:GUID, l:LINK or
                                                         h:HASH(TITLE, DATE) */
                                " title TEXT NOT NULL,"
                                " time INTEGER NOT NULL DEFAULT 0,"
                                " read INTEGER NOT NULL DEFAULT 0,"
                                " starred INTEGER NOT NULL DEFAULT 0,"
                                " first_seen INTEGER NOT NULL,"
                                " guid TEXT, link TEXT, author TEXT, date TEXT,"
                                " site TEXT, language TEXT,"
                                " categories TEXT," /* one a line */
                                " enclosures TEXT," /* LENGTH \t TYPE \t URL,
                                                       one a line */
                                " body TEXT,"       /* paragraphs, one a line */
                                " UNIQUE (feed_id, key));"
                                "CREATE INDEX items_feed_read ON items "
                                "(feed_id, read);"
                                "CREATE INDEX items_feed_list ON items"
                                " (feed_id, time DESC, id, read, starred, "
                                "title);"
                                "CREATE INDEX items_all_list ON items"
                                " (time DESC, id, feed_id, read, starred, "
                                "title);",
        /* 2: the story index (store/related.c): every item's headline and
         * the start of its summary as words in key form, for related
         * stories, near-duplicates and search. cache_store_item() fills it
         * in the update's transaction; a trigger removes an item's words
         * with the item. Existing items are indexed here, with functions
         * akhbar registers on its connection (cache_index_register()). */
        "CREATE VIRTUAL TABLE story_words USING fts5"
        " (headline, summary, tokenize = 'ascii');"
        "INSERT INTO story_words (rowid, headline, summary)"
        " SELECT id, akhbar_headline_words(title, body),"
        " akhbar_summary_words(title, body)"
        " FROM items;"
        "CREATE TRIGGER story_words_drop AFTER DELETE ON items BEGIN"
        " DELETE FROM story_words WHERE rowid = old.id;"
        " END;",
        /* 3: an item's body is kept as the feed gave it, HTML ('html') or
         * plain text ('text'), with the URL its links are read against,
         * and made paragraphs only when read; summary holds the start of
         * its text for the index. A NULL body_format is a body of
         * paragraphs, one a line, as step 1 stored them. */
        "ALTER TABLE items ADD COLUMN body_format TEXT;"
        "ALTER TABLE items ADD COLUMN body_base TEXT;"
        "ALTER TABLE items ADD COLUMN summary TEXT;",
        /* 4: the article of the item's own web page, for a feed that
         * gives only a summary: its paragraphs (one a line) with their
         * directions (a letter each, ARTICLE_DIR_*), its credit line, its
         * related headlines with their links (HEADLINE \t LINK, one a
         * line), when it was stored (0: never) and why the last fetch
         * failed (NULL: it did not). */
        "ALTER TABLE items ADD COLUMN page_body TEXT;"
        "ALTER TABLE items ADD COLUMN page_dirs TEXT;"
        "ALTER TABLE items ADD COLUMN page_credit TEXT;"
        "ALTER TABLE items ADD COLUMN page_related TEXT;"
        "ALTER TABLE items ADD COLUMN page_time INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE items ADD COLUMN page_error TEXT;"
        /* A page's related headline leads to the item of its link. */
        "CREATE INDEX items_link ON items (link);",
        /* 5: near-duplicate groups, decided when an item is stored
         * (store/related.c), and what the lists show of them.  story is
         * the id of the group's first item stored (its own for that
         * one); head_all marks the item that stands for its group in the
         * list of every feed, head_feed the one in its feed's list: the
         * first of the group in the list's order.  Each feed keeps its
         * counts: items and unread items, rows of its list and unread
         * ones, and its rows in the list of every feed and unread ones.
         * Triggers keep heads and counts right whichever statement stores,
         * marks or deletes items; existing items are grouped by
         * group_existing() after this SQL. */
        "ALTER TABLE items ADD COLUMN story INTEGER;"
        "ALTER TABLE items ADD COLUMN head_all INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE items ADD COLUMN head_feed INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE feeds ADD COLUMN n_items INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE feeds ADD COLUMN n_unread INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE feeds ADD COLUMN n_rows INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE feeds ADD COLUMN n_unread_rows INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE feeds ADD COLUMN n_all_rows INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE feeds ADD COLUMN n_all_unread INTEGER NOT NULL DEFAULT 0;"
        "CREATE INDEX items_story ON items (story, time DESC, id);"
        "CREATE INDEX items_feed_rows ON items (feed_id, time DESC, id)"
        " WHERE head_feed = 1;"
        "CREATE INDEX items_all_rows ON items (time DESC, id)"
        " WHERE head_all = 1;"
        "UPDATE feeds SET"
        " n_items = (SELECT count(*) FROM items WHERE feed_id = feeds.id),"
        " n_unread = (SELECT count(*) FROM items"
        "  WHERE feed_id = feeds.id AND read = 0);"
        "CREATE TRIGGER items_count_add AFTER INSERT ON items BEGIN"
        " UPDATE feeds SET n_items = n_items + 1,"
        " n_unread = n_unread + (new.read = 0),"
        " n_rows = n_rows + new.head_feed,"
        " n_unread_rows = n_unread_rows + (new.head_feed AND new.read = 0),"
        " n_all_rows = n_all_rows + new.head_all,"
        " n_all_unread = n_all_unread + (new.head_all AND new.read = 0)"
        " WHERE id = new.feed_id;"
        " END;"
        "CREATE TRIGGER items_count_drop AFTER DELETE ON items BEGIN"
        " UPDATE feeds SET n_items = n_items - 1,"
        " n_unread = n_unread - (old.read = 0),"
        " n_rows = n_rows - old.head_feed,"
        " n_unread_rows = n_unread_rows - (old.head_feed AND old.read = 0),"
        " n_all_rows = n_all_rows - old.head_all,"
        " n_all_unread = n_all_unread - (old.head_all AND old.read = 0)"
        " WHERE id = old.feed_id;"
        " END;"
        "CREATE TRIGGER items_count_change"
        " AFTER UPDATE OF read, head_feed, head_all ON items BEGIN"
        " UPDATE feeds SET"
        " n_unread = n_unread + (new.read = 0) - (old.read = 0),"
        " n_rows = n_rows + new.head_feed - old.head_feed,"
        " n_unread_rows = n_unread_rows + (new.head_feed AND new.read = 0)"
        " - (old.head_feed AND old.read = 0),"
        " n_all_rows = n_all_rows + new.head_all - old.head_all,"
        " n_all_unread = n_all_unread + (new.head_all AND new.read = 0)"
        " - (old.head_all AND old.read = 0)"
        " WHERE id = new.feed_id;"
        " END;"
        /* An item grouped, added to a group, or its time changed: its
         * group's heads again.  (An item stored alone in its group comes
         * with its heads set.) */
        "CREATE TRIGGER items_heads_set AFTER UPDATE OF story, time ON items"
        " WHEN new.story IS NOT NULL BEGIN" GROUP_HEADS " END;"
        "CREATE TRIGGER items_heads_add AFTER INSERT ON items"
        " WHEN new.story IS NOT new.id AND new.story IS NOT NULL "
        "BEGIN" GROUP_HEADS " END;"
        /* A head deleted: the next of its group stands for it. */
        "CREATE TRIGGER items_heads_drop AFTER DELETE ON items"
        " WHEN old.head_all = 1 OR old.head_feed = 1 BEGIN"
        " UPDATE items SET head_all = 1 WHERE old.head_all = 1"
        " AND id = (SELECT id FROM items WHERE story = old.story"
        "  ORDER BY time DESC, id LIMIT 1);"
        " UPDATE items SET head_feed = 1 WHERE old.head_feed = 1"
        " AND id = (SELECT id FROM items WHERE story = old.story"
        "  AND feed_id = old.feed_id ORDER BY time DESC, id LIMIT 1);"
        " END;",
        /* 6: the lists of unread rows and of starred items, each read
         * through an index of its own rows, as the lists of step 5 are:
         * a list of unread rows costs the same in a cache of any size,
         * and the starred items are found, and counted, without reading
         * the others. */
        "CREATE INDEX items_feed_unread ON items (feed_id, time DESC, id)"
        " WHERE head_feed = 1 AND read = 0;"
        "CREATE INDEX items_all_unread ON items (time DESC, id)"
        " WHERE head_all = 1 AND read = 0;"
        "CREATE INDEX items_starred ON items (time DESC, id, feed_id, read)"
        " WHERE starred = 1;",
        /* 7: the counts of each list's rows by buckets of its order (see
         * ROW_BUCKETS_ADD): list is the feed's id for its list (head_feed
         * rows), 0 for the list of every feed (head_all rows).  A bucket
         * left with no rows goes.  Existing rows are counted here. */
        LIST_COUNTS_STEP,
};
/* clang-format on */
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))

enum stmt {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_FEED_ADD,
	ST_FEED_ID,
	ST_FEED_ITEMS,
	ST_ITEM_PUT,
	ST_SET_STORY,
	ST_NEXT_ID,
	ST_LIST_COUNT,
	ST_FEED_DONE,
	ST_FEED_ERROR,
	ST_FEED_SAME,
	ST_SYNC_CLEAR,
	ST_SYNC_ADD,
	ST_PURGE,
	ST_FEEDS,
	ST_LIST_FEED,
	ST_LIST_ALL,
	ST_ITEM_GET,
	ST_SET_READ,
	ST_SET_STARRED,
	ST_MARK_FEED,
	ST_MARK_ALL,
	ST_MARK_STORY,
	ST_VARIANTS,
	ST_ITEM_EXISTS,
	ST_DATA_VERSION,
	ST_SUBSCRIBED,
	ST_PAGE_PUT,
	ST_PAGE_ERROR,
	ST_PAGE_GET,
	ST_PAGE_ITEM_ADD,
	ST_ITEM_BY_KEY,
	ST_ITEM_BY_LINK,
	ST_WITHOUT_PAGE,
	ST_FEED_NAME,
	ST_COUNT
};

/* Prepared once at open and reused: parsing SQL per item would cost more
 * than storing it. */
static const char *const statements[ST_COUNT] = {
        [ST_BEGIN] = "BEGIN IMMEDIATE",
        [ST_COMMIT] = "COMMIT",
        [ST_ROLLBACK] = "ROLLBACK",
        [ST_FEED_ADD] = "INSERT INTO feeds (url, position) VALUES (?1,"
                        " (SELECT coalesce(max(position) + 1, 0) FROM feeds))"
                        " ON CONFLICT (url) DO NOTHING",
        [ST_FEED_ID] = "SELECT id FROM feeds WHERE url = ?1",
        [ST_FEED_ITEMS] = "SELECT n_items FROM feeds WHERE id = ?1",
        /* An unchanged item is left alone: refetching a feed that did not
         * change writes nothing. */
        [ST_ITEM_PUT] =
                "INSERT INTO items (feed_id, key, title, time, first_seen, "
                "guid,"
                " link, author, date, site, language, categories, enclosures,"
                " body, body_format, body_base, summary, id, story, head_all,"
                " head_feed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)"
                " ON CONFLICT (feed_id, key) DO UPDATE SET"
                " title = excluded.title, time = excluded.time,"
                " guid = excluded.guid, link = excluded.link,"
                " author = excluded.author, date = excluded.date,"
                " site = excluded.site, language = excluded.language,"
                " categories = excluded.categories,"
                " enclosures = excluded.enclosures, body = excluded.body,"
                " body_format = excluded.body_format,"
                " body_base = excluded.body_base, summary = excluded.summary"
                " WHERE (title, time, guid, link, author, date, site, language,"
                " categories, enclosures, body, body_format, body_base) IS NOT"
                " (excluded.title, excluded.time, excluded.guid, excluded.link,"
                " excluded.author, excluded.date, excluded.site,"
                " excluded.language, excluded.categories, excluded.enclosures,"
                " excluded.body, excluded.body_format, excluded.body_base)"
                " RETURNING id",
        [ST_NEXT_ID] = "SELECT coalesce(max(id), 0) + 1 FROM items",
        [ST_LIST_COUNT] =
                "SELECT coalesce(sum(iif(?1 = 0, n_all_rows, n_rows)), 0),"
                " coalesce(sum(iif(?1 = 0, n_all_unread,"
                " n_unread_rows)), 0) FROM feeds"
                " WHERE ?1 = 0 OR id = ?1",
        [ST_SET_STORY] = "UPDATE items SET story = ?2 WHERE id = ?1",
        [ST_FEED_DONE] = "UPDATE feeds SET title = coalesce(?2, title),"
                         " link = coalesce(?3, link),"
                         " language = coalesce(?4, language), etag = ?5,"
                         " last_modified = ?6, last_update = ?7,"
                         " last_error = NULL WHERE id = ?1",
        [ST_FEED_ERROR] = "UPDATE feeds SET last_error = ?2 WHERE id = ?1",
        [ST_FEED_SAME] = "UPDATE feeds SET last_update = ?2, last_error = NULL"
                         " WHERE id = ?1",
        [ST_SYNC_CLEAR] = "UPDATE feeds SET position = NULL",
        /* The first of duplicate urls keeps its place. */
        [ST_SYNC_ADD] = "INSERT INTO feeds (url, position) VALUES (?1, ?2)"
                        " ON CONFLICT (url) DO UPDATE SET position ="
                        " excluded.position WHERE position IS NULL",
        [ST_PURGE] = "DELETE FROM feeds WHERE position IS NULL",
        [ST_FEEDS] = "SELECT id, url, title, link, language, etag,"
                     " last_modified, last_update, last_error,"
                     " position IS NOT NULL, n_unread, n_items"
                     " FROM feeds ORDER BY position IS NULL, position, id",
        [ST_LIST_FEED] = "SELECT id, time, read, starred, title, story,"
                         " head_feed FROM items WHERE feed_id = ?1"
                         " ORDER BY time DESC, id",
        [ST_LIST_ALL] = "SELECT id, time, read, starred, title, story,"
                        " head_all, feed_id FROM items"
                        " ORDER BY time DESC, id",
        [ST_ITEM_GET] = "SELECT feeds.url, items.title, time, guid,"
                        " items.link, author, date, site, items.language,"
                        " categories, enclosures, body, body_format,"
                        " body_base, summary, page_body, page_dirs,"
                        " page_credit, page_related, feeds.title"
                        " FROM items JOIN feeds ON feeds.id = feed_id"
                        " WHERE items.id = ?1",
        [ST_SET_READ] = "UPDATE items SET read = ?2 WHERE id = ?1",
        [ST_SET_STARRED] = "UPDATE items SET starred = ?2 WHERE id = ?1",
        [ST_MARK_FEED] = "UPDATE items SET read = 1"
                         " WHERE feed_id = ?1 AND read = 0",
        [ST_MARK_ALL] = "UPDATE items SET read = 1 WHERE read = 0",
        [ST_MARK_STORY] = "UPDATE items SET read = ?2 WHERE story = ?1"
                          " AND (?3 = 0 OR feed_id = ?3) AND read <> ?2",
        [ST_VARIANTS] = "SELECT count(*) - 1 FROM items WHERE story = ?1"
                        " AND (?2 = 0 OR feed_id = ?2)",
        [ST_ITEM_EXISTS] = "SELECT 1 FROM items WHERE id = ?1",
        /* Changes when another connection commits. */
        [ST_DATA_VERSION] = "PRAGMA data_version",
        [ST_SUBSCRIBED] = "SELECT url, position FROM feeds"
                          " WHERE position IS NOT NULL ORDER BY position",
        [ST_PAGE_PUT] = "UPDATE items SET page_body = ?2, page_dirs = ?3,"
                        " page_credit = ?4, page_related = ?5,"
                        " page_time = ?6, page_error = NULL WHERE id = ?1",
        [ST_PAGE_ERROR] = "UPDATE items SET page_error = ?2 WHERE id = ?1",
        [ST_PAGE_GET] = "SELECT feed_id, page_time, page_error, link,"
                        " page_related FROM items WHERE id = ?1",
        /* A page opened from another's related headlines: read already,
         * as it is opened. */
        [ST_PAGE_ITEM_ADD] =
                "INSERT INTO items (feed_id, key, title, time, first_seen,"
                " read, link, author, date, site, language, summary)"
                " VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9, ?10, ?11)"
                " ON CONFLICT (feed_id, key) DO NOTHING RETURNING id",
        [ST_ITEM_BY_KEY] = "SELECT id FROM items WHERE feed_id = ?1"
                           " AND key = ?2",
        [ST_ITEM_BY_LINK] = "SELECT id FROM items WHERE link = ?1"
                            " ORDER BY feed_id IS NOT ?2, id LIMIT 1",
        [ST_WITHOUT_PAGE] = "SELECT id FROM items WHERE first_seen >= ?1"
                            " AND page_time = 0 AND page_error IS NULL"
                            " ORDER BY id",
        [ST_FEED_NAME] = "SELECT coalesce(nullif(title, ''), url) FROM feeds"
                         " WHERE id = ?1",
};

/* A connection and the statements prepared on it. The cache's owner
 * has one; the writer has its own, used only on its thread. */
struct conn {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	int wait_ms; /* how long a write waits while another writes */
	struct timespec busy_since; /* when the wait under way began */
	bool told;                  /* on_wait was called for it */
	cache_wait_fn *on_wait;     /* the owner's connection only */
	void *wait_ctx;
};

/* The columns of an item's page (ST_PAGE_PUT), packed as stored. */
struct page_cols {
	char *body, *dirs, *credit, *related;
	long long time;
};

/* A change of the user's (a mark, a feed's note, a page's article) that
 * another writer held back: kept in order and written as soon as the
 * cache is free. */
struct held_write {
	enum stmt which;
	long long id, value;
	long long feed; /* ST_MARK_STORY: its list's feed, 0 every feed */
	char *url, *text;
	struct page_cols *page; /* ST_PAGE_PUT */
};

struct cache {
	struct conn main; /* the owner's: reads, marks and notes */
	char *path;       /* as the user named it, for messages */
	char *open_name;  /* for SQLite: a shared URI for a cache in memory */
	bool memory;
	bool outdated;               /* opened read-only with an older schema */
	struct cache_update *update; /* the update open for items, if any */
	char *error;
	struct writer *writer; /* NULL until the first update */
	char *writer_error;    /* the last failure on the writer's thread */
	struct held_write *held;
	size_t nheld;
	long long data_version;   /* as the owner's connection last saw it */
	struct cache_list sorted; /* the sorted list in its table, if any */
	bool has_sorted;
};

/* The text columns of an item row, in the order of ST_ITEM_PUT's
 * parameters from ?6 on, after key (?2) and title (?3). */
enum col {
	COL_KEY,
	COL_TITLE,
	COL_GUID,
	COL_LINK,
	COL_AUTHOR,
	COL_DATE,
	COL_SITE,
	COL_LANGUAGE,
	COL_CATEGORIES,
	COL_ENCLOSURES,
	COL_BODY,
	COL_BODY_FORMAT,
	COL_BODY_BASE,
	COL_SUMMARY,
	COL_COUNT
};

/* An item's row, copied out of the caller's article, waiting for the
 * writer: its text columns packed in one buffer (off[i] < 0 for NULL). */
struct row {
	long long time;
	struct strbuf text;
	long off[COL_COUNT];
	size_t len[COL_COUNT];
	long words_off; /* in text: its words for the index, if stored */
	size_t words_len;
};

/* Tasks waiting for the writer: room for the items parsed while it
 * commits a feed (a tenth of a second for thousands of items), so that
 * parsing the next feed goes on meanwhile; about 6 MB of rows at most. */
#define QUEUE 1024

/* The writer starts on queued rows once this many wait (or a task that
 * ends or begins an update, or someone waiting for it): a thread switch
 * costs more than storing a row. */
#define WAKE_AT 32

enum task_kind {
	TASK_BEGIN,    /* open the update's transaction; row.text: the URL */
	TASK_ROW,      /* store an item */
	TASK_COMMIT,   /* index, note the feed's data, commit */
	TASK_ROLLBACK, /* drop the update */
};

/* The feed's data for its commit, copied out of the caller's. */
struct feed_data {
	char *title, *link, *language, *etag, *last_modified;
};

struct task {
	enum task_kind kind;
	struct cache_update *u;
	struct row row;         /* its buffer is kept for reuse */
	struct feed_data *feed; /* TASK_COMMIT */
};

/* Updates are stored on a thread of the cache's own, so that SQLite's
 * work, commits included, overlaps the caller's parsing: the caller
 * queues an update's beginning, its items and its end, and goes on to
 * the next feed while the writer commits the last. The caller fills the
 * slot after the queued tasks and counts it in; the writer does the
 * first queued task and counts it out. The writer has a connection of
 * its own: the owner reads and marks on its own connection meanwhile. */
struct writer {
	struct conn conn; /* opened for the writer, used on its thread only */
	/* The writer's second connection, which only reads: it finds an
	 * item's near-duplicates among the items stored by earlier updates,
	 * and never sees (so never copies) the words the update under way
	 * holds in the index's memory. */
	struct conn lookup;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t queued;    /* a task was counted in, or stopping */
	pthread_cond_t done;      /* a task was counted out */
	struct task tasks[QUEUE]; /* a task stays counted in while done */
	size_t head, count;
	struct group_window *groups; /* the roots of the update under way */
	size_t ends;   /* queued tasks that begin or end an update */
	int waiting;   /* callers waiting for tasks to be done */
	bool stopping; /* no more tasks: the thread ends when all are done */
};

/* One feed's update. The caller owns it until it ends it; the writer
 * sets its outcome, read under the writer's lock. */
struct cache_update {
	struct cache *c;
	long long feed_id;         /* the writer's */
	long long now;             /* first_seen of its new items */
	long long before;          /* the feed's items when it began */
	long long next_id;         /* the writer's: the next new item's */
	struct index_batch *index; /* the writer's: words of the items stored */
	/* The caller's scratch for making rows */
	struct strbuf key, categories, enclosures, body, words;
	struct text_words index_words;
	/* Outcome */
	bool failed;     /* nothing more of it is stored; why in error */
	bool ended;      /* committed or dropped by the writer */
	long long fresh; /* items it added to the feed */
	char *error;
};

/* The cache whose writer runs on this thread, if any. */
static _Thread_local struct cache *writing;

/* The connection of the cache this thread uses: the writer's on its
 * thread, the owner's on any other. */
static struct conn *here(struct cache *c)
{
	return writing == c ? &c->writer->conn : &c->main;
}

static void set_error(struct cache *c, char *message)
{
	/* The writer keeps its own, for the update that failed: the
	 * caller's thread may be setting c->error meanwhile. */
	char **slot = writing == c ? &c->writer_error : &c->error;
	free(*slot);
	*slot = message;
}

/* Record SQLite's failure rc in words the user can act on. */
static bool fail(struct cache *c, int rc)
{
	const char *why = sqlite3_errmsg(here(c)->db);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
		set_error(c,
		          xasprintf(_("the cache %s is busy: another akhbar "
		                      "has been writing it for %d s"),
		                    c->path, (here(c)->wait_ms + 999) / 1000));
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		set_error(c, xasprintf(_("the cache %s is damaged (%s); move "
		                         "it away to start a new one"),
		                       c->path, why));
		break;
	default:
		set_error(c, xasprintf(_("cache %s: %s"), c->path, why));
	}
	return false;
}

/* Run a statement that returns no rows, then reset it. */
static bool run(struct cache *c, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fail(c, rc);
		sqlite3_reset(st);
		return false;
	}
	sqlite3_reset(st);
	return true;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* mkdir -p with mode 0700 for what it creates. */
static void make_folders(char *path)
{
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		mkdir(path, 0700);
		*p = c;
		if (!c)
			break;
	}
}

char *cache_default_path(void)
{
	char *path = xdg_path(XDG_DATA, "cache.db");
	if (path) {
		char *dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
		make_folders(dir);
		free(dir);
	}
	return path;
}

/* How long a write waits while another akhbar writes the cache, unless
 * the owner says otherwise (cache_set_wait()): longer than a feed's
 * update takes with the default fetch timeout. */
#define WAIT_MS 90000
/* After this long a wait is told to the owner (cache_set_wait()). */
#define NOTICE_MS 1000

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - since->tv_sec) * 1000 +
	       (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* SQLite's busy handler: wait in steps of 10 ms while another connection
 * writes, up to the connection's bound, telling the owner once. */
static int on_busy(void *arg, int count)
{
	struct conn *k = arg;
	if (count == 0) {
		clock_gettime(CLOCK_MONOTONIC, &k->busy_since);
		k->told = false;
	}
	long waited = elapsed_ms(&k->busy_since);
	if (waited >= k->wait_ms)
		return 0;
	if (!k->told && waited >= NOTICE_MS && k->on_wait) {
		k->told = true;
		k->on_wait(k->wait_ctx);
	}
	nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
	return 1;
}

/* The integer a one-row statement returns; false with the error set. */
static bool query_int(struct cache *c, const char *sql, long long *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(here(c)->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return fail(c, rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	else
		fail(c, rc);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

static bool exec(struct cache *c, const char *sql)
{
	int rc = sqlite3_exec(here(c)->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK || fail(c, rc);
}

/* Refuse a file that is not ours or is newer than us; nothing is written
 * before this check passes. */
static bool check_file(struct cache *c, int *version)
{
	long long app, v, tables;
	if (!query_int(c, "PRAGMA application_id", &app)) {
		if ((sqlite3_errcode(here(c)->db) & 0xff) == SQLITE_NOTADB)
			set_error(c,
			          xasprintf(_("%s is not an akhbar cache (it "
			                      "is not an SQLite database); "
			                      "move it away to start a new "
			                      "cache"),
			                    c->path));
		return false;
	}
	if (!query_int(c, "PRAGMA user_version", &v) ||
	    !query_int(c, "SELECT count(*) FROM sqlite_schema", &tables))
		return false;
	if (v < 0 ||
	    (app != APPLICATION_ID && (app != 0 || v != 0 || tables != 0))) {
		set_error(c,
		          xasprintf(_("%s is not an akhbar cache"), c->path));
		return false;
	}
	if (v > SCHEMA_VERSION) {
		set_error(c, xasprintf(_("the cache %s was written by a newer "
		                         "akhbar (schema version %lld; this "
		                         "one knows up to %d)"),
		                       c->path, v, SCHEMA_VERSION));
		return false;
	}
	*version = (int)v;
	return true;
}

static bool group_existing(struct cache *c);

/* What a step does beyond its SQL, after it, by step number - 1. */
static bool (*const migration_code[])(struct cache *c) = {
        [4] = group_existing,
};

/* Decide the group of the new item id and note it with st (ST_SET_STORY
 * on the connection in use); false with the error. */
static bool set_story(struct cache *c, struct group_window *g, sqlite3_stmt *st,
                      long long id, long long time, const char *headline)
{
	long long story = cache_group_decide(c, g, id, time, headline);
	if (story < 0)
		return false;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, story);
	return run(c, st);
}

/* Items step 5 groups at a time: read first, then grouped, so the
 * reading statement never sees the table change under it. */
#define GROUP_CHUNK 1024

/* An item to group: its id, time and indexed headline (owned). */
struct ungrouped {
	long long id, time;
	char *headline;
};

/* Up to GROUP_CHUNK items after id `after`, in the order they were stored;
 * their number, or -1 with the error. */
static long read_ungrouped(struct cache *c, sqlite3_stmt *st, long long after,
                           struct ungrouped *out)
{
	sqlite3_bind_int64(st, 1, after);
	long n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[n].id = sqlite3_column_int64(st, 0);
		out[n].time = sqlite3_column_int64(st, 1);
		out[n].headline = column_dup(st, 2);
		n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : (fail(c, rc), -1);
}

/* Group the items of a cache older than step 5 in the order they were
 * stored, as the writer would have; the index has them all already. */
static bool group_existing(struct cache *c)
{
	sqlite3_stmt *read = NULL, *set = NULL;
	int rc = sqlite3_prepare_v2(
	        here(c)->db,
	        "SELECT i.id, i.time, s.headline FROM items i"
	        " LEFT JOIN story_words s ON s.rowid = i.id"
	        " WHERE i.id > ?1 ORDER BY i.id LIMIT " XSTR(GROUP_CHUNK),
	        -1, &read, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(here(c)->db, statements[ST_SET_STORY],
		                        -1, &set, NULL);
	struct group_window *g = NULL;
	bool ok = rc == SQLITE_OK ? (g = cache_groups_new(c, NULL)) != NULL
	                          : fail(c, rc);
	struct ungrouped *chunk =
	        xreallocarray(NULL, GROUP_CHUNK, sizeof *chunk);
	long n = 0;
	for (long long after = 0;
	     ok && (n = read_ungrouped(c, read, after, chunk)) > 0;
	     after = chunk[n - 1].id) {
		for (long i = 0; i < n; i++) {
			const char *h = chunk[i].headline;
			ok = ok && set_story(c, g, set, chunk[i].id,
			                     chunk[i].time, h ? h : "");
		}
		for (long i = 0; i < n; i++)
			free(chunk[i].headline);
	}
	free(chunk);
	cache_groups_free(g);
	sqlite3_finalize(read);
	sqlite3_finalize(set);
	return ok && n >= 0;
}

/* Each step and its version number commit together. The version is read
 * again inside each step's transaction: another akhbar opening the same
 * cache may have taken the step meanwhile. */
static bool migrate(struct cache *c, int version)
{
	for (long long v = version; v < SCHEMA_VERSION;) {
		if (!exec(c, "BEGIN IMMEDIATE"))
			return false;
		bool ok = query_int(c, "PRAGMA user_version", &v);
		if (ok && v < SCHEMA_VERSION) {
			char *set =
			        xasprintf("PRAGMA user_version = %lld", v + 1);
			ok = exec(c, migrations[v]) && exec(c, set) &&
			     (v >= (long long)(sizeof migration_code /
			                       sizeof *migration_code) ||
			      !migration_code[v] || migration_code[v](c));
			free(set);
		}
		if (!ok || !exec(c, "COMMIT")) {
			if (!sqlite3_get_autocommit(here(c)->db))
				sqlite3_exec(here(c)->db, "ROLLBACK", NULL,
				             NULL, NULL);
			return false;
		}
		if (v < SCHEMA_VERSION)
			v++;
	}
	return true;
}

/* Open a connection to the cache's database (flags: read-only or
 * read-write) with the busy handler and akhbar's functions. */
static bool conn_open(struct cache *c, struct conn *k, int flags)
{
	flags |= SQLITE_OPEN_NOMUTEX;
	if (c->memory)
		flags |= SQLITE_OPEN_URI | SQLITE_OPEN_SHAREDCACHE;
	k->wait_ms = c->main.wait_ms;
	int rc = sqlite3_open_v2(c->open_name, &k->db, flags, NULL);
	if (rc != SQLITE_OK) {
		int err = k->db ? sqlite3_system_errno(k->db) : 0;
		set_error(c,
		          xasprintf(_("cannot open the cache %s: %s"), c->path,
		                    err ? strerror(err) : sqlite3_errstr(rc)));
		return false;
	}
	sqlite3_extended_result_codes(k->db, 1);
	sqlite3_busy_handler(k->db, on_busy, k);
	if (!cache_index_register(k->db)) {
		set_error(c, xasprintf(_("cache %s: %s"), c->path,
		                       sqlite3_errmsg(k->db)));
		return false;
	}
	return true;
}

/* The settings of a connection, and its statements. NORMAL sync in WAL
 * still keeps the file whole on a crash. The WAL is cut back after a big
 * update so it does not keep its size on disk. Temporary data in memory:
 * storing an item inside the feed's transaction keeps a statement
 * journal of the pages it changes, which in a file cost two system calls
 * a page (three quarters of an update's writes). A cache in memory is
 * shared between the owner's connection and the writer's, and has no
 * file to keep whole: its owner reads what the writer has not committed,
 * as SQLite's shared cache allows no other way to read during an
 * update. */
static bool conn_prepare(struct cache *c, struct conn *k)
{
	const char *settings = c->memory ? "PRAGMA read_uncommitted = 1;"
	                                 : "PRAGMA synchronous = NORMAL;";
	char *errmsg = NULL;
	int rc = sqlite3_exec(k->db, settings, NULL, NULL, &errmsg);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(k->db,
		                  "PRAGMA foreign_keys = ON;"
		                  "PRAGMA journal_size_limit = 67108864;"
		                  "PRAGMA cache_size = -8192;"
		                  "PRAGMA temp_store = MEMORY",
		                  NULL, NULL, &errmsg);
	for (int i = 0; rc == SQLITE_OK && i < ST_COUNT; i++)
		rc = sqlite3_prepare_v3(k->db, statements[i], -1,
		                        SQLITE_PREPARE_PERSISTENT, &k->st[i],
		                        NULL);
	if (rc != SQLITE_OK)
		set_error(c,
		          xasprintf(_("cache %s: %s"), c->path,
		                    errmsg ? errmsg : sqlite3_errmsg(k->db)));
	sqlite3_free(errmsg);
	return rc == SQLITE_OK;
}

static void conn_close(struct conn *k)
{
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(k->st[i]);
	sqlite3_close(k->db);
	memset(k, 0, sizeof *k);
}

/* Open the owner's connection, check the file and bring its schema up to
 * date (read-only: note that it is out of date).  A new file gives the
 * pages expiry frees back to the system a few at a time (cache_shrink());
 * an older one, once rewritten. */
static bool setup(struct cache *c, bool read_only)
{
	int flags = read_only ? SQLITE_OPEN_READONLY
	                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int version;
	if (!conn_open(c, &c->main, flags) || !check_file(c, &version))
		return false;
	if (read_only) {
		c->outdated = version < SCHEMA_VERSION;
		if (c->outdated)
			return true;
	} else if ((version == 0 &&
	            !exec(c, "PRAGMA auto_vacuum = INCREMENTAL")) ||
	           !exec(c, c->memory ? "PRAGMA journal_mode = MEMORY"
	                              : "PRAGMA journal_mode = WAL") ||
	           !migrate(c, version)) {
		return false;
	}
	if (!conn_prepare(c, &c->main))
		return false;
	cache_changed(c);
	return true;
}

static struct cache *open_with(const char *path, char *open_name,
                               bool read_only, char **error)
{
	struct cache *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	c->open_name = open_name;
	c->memory = open_name != NULL;
	if (!open_name)
		c->open_name = xstrdup(path);
	c->main.wait_ms = WAIT_MS;
	if (!setup(c, read_only)) {
		*error = c->error;
		c->error = NULL;
		cache_close(c);
		return NULL;
	}
	return c;
}

struct cache *cache_open(const char *path, enum cache_access access,
                         char **error)
{
	bool read_only = access == CACHE_READ_ONLY;
	struct cache *c = open_with(path, NULL, read_only, error);
	if (c && c->outdated) {
		/* Read-only, but the schema is older than ours: bring it up
		 * to date once, as any akhbar opening it to write would. */
		cache_close(c);
		c = open_with(path, NULL, false, error);
		cache_close(c);
		c = c ? open_with(path, NULL, true, error) : NULL;
	}
	return c;
}

struct cache *cache_open_memory(char **error)
{
	/* Named, so that the writer's connection reaches the same one. */
	static atomic_uint count;
	char *name = xasprintf("file:akhbar-%ld-%u?mode=memory&cache=shared",
	                       (long)getpid(), atomic_fetch_add(&count, 1));
	return open_with(":memory:", name, false, error);
}

void cache_set_wait(struct cache *c, int wait_ms, cache_wait_fn *on_wait,
                    void *ctx)
{
	c->main.wait_ms = wait_ms;
	c->main.on_wait = on_wait;
	c->main.wait_ctx = ctx;
}

static void writer_stop(struct cache *c);
static bool write_held(struct cache *c, bool wait);
static void held_free(struct held_write *h);

void cache_close(struct cache *c)
{
	if (!c)
		return;
	cache_feed_update_rollback(c->update);
	writer_stop(c);
	if (c->main.st[ST_BEGIN])
		write_held(c, true);
	for (size_t i = 0; i < c->nheld; i++)
		held_free(&c->held[i]);
	free(c->held);
	conn_close(&c->main);
	free(c->path);
	free(c->open_name);
	free(c->error);
	free(c->writer_error);
	free(c);
}

sqlite3 *cache_db(struct cache *c)
{
	return here(c)->db;
}

bool cache_fail(struct cache *c, int rc)
{
	return fail(c, rc);
}

bool cache_no_item(struct cache *c, long long item_id)
{
	set_error(c, xasprintf(_("cache %s: no item %lld"), c->path, item_id));
	return false;
}

const char *cache_error(const struct cache *c)
{
	return c->error ? c->error : "";
}

bool cache_changed(struct cache *c)
{
	write_held(c, false);
	sqlite3_stmt *st = c->main.st[ST_DATA_VERSION];
	long long v = c->data_version;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	bool changed = v != c->data_version;
	c->data_version = v;
	return changed;
}

/* The id of the feed at url, adding it if new; -1 on failure. */
static long long feed_id(struct cache *c, const char *url)
{
	sqlite3_stmt *add = here(c)->st[ST_FEED_ADD],
	             *get = here(c)->st[ST_FEED_ID];
	bind_text(add, 1, url);
	if (!run(c, add))
		return -1;
	bind_text(get, 1, url);
	int rc = sqlite3_step(get);
	long long id = -1;
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(get, 0);
	else
		fail(c, rc);
	sqlite3_reset(get);
	return id;
}

/* Undo an open transaction; harmless if SQLite already undid it. */
static void rollback(struct cache *c)
{
	if (!sqlite3_get_autocommit(here(c)->db))
		run(c, here(c)->st[ST_ROLLBACK]);
}

static void *writer_main(void *arg);

/* Open a connection that only reads the cache: in memory, it reads what
 * is not committed yet, as the shared cache has no other way to read
 * during an update. */
static bool lookup_open(struct cache *c, struct conn *k)
{
	if (!conn_open(c, k, SQLITE_OPEN_READONLY))
		return false;
	int rc = c->memory ? sqlite3_exec(k->db, "PRAGMA read_uncommitted = 1",
	                                  NULL, NULL, NULL)
	                   : SQLITE_OK;
	if (rc != SQLITE_OK)
		set_error(c, xasprintf(_("cache %s: %s"), c->path,
		                       sqlite3_errmsg(k->db)));
	return rc == SQLITE_OK;
}

sqlite3 *cache_reader_open(struct cache *c)
{
	struct conn k = {0};
	if (!lookup_open(c, &k)) {
		sqlite3_close(k.db);
		return NULL;
	}
	/* The busy handler conn_open() set points at k, gone on return: a
	 * plain wait of as long instead (a reader waits for nothing but a
	 * checkpoint or a migration). */
	sqlite3_busy_timeout(k.db, k.wait_ms);
	return k.db;
}

bool cache_exec(struct cache *c, const char *sql)
{
	return exec(c, sql);
}

void cache_set_error(struct cache *c, char *message)
{
	set_error(c, message);
}

/* Start the cache's writer, on a connection of its own and with every
 * signal blocked (the owner's thread takes them); false (with the
 * error) if it can't. */
static bool writer_start(struct cache *c)
{
	if (c->writer)
		return true;
	struct writer *w = xcalloc(1, sizeof *w);
	if (!conn_open(c, &w->conn, SQLITE_OPEN_READWRITE) ||
	    !conn_prepare(c, &w->conn) || !lookup_open(c, &w->lookup)) {
		conn_close(&w->lookup);
		conn_close(&w->conn);
		free(w);
		return false;
	}
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->queued, NULL);
	pthread_cond_init(&w->done, NULL);
	c->writer = w; /* before the thread, which reads it */
	int err = thread_create_quiet(&w->thread, writer_main, c);
	if (err) {
		c->writer = NULL;
		set_error(c, xasprintf(_("cache %s: cannot start storing: %s"),
		                       c->path, strerror(err)));
		pthread_cond_destroy(&w->done);
		pthread_cond_destroy(&w->queued);
		pthread_mutex_destroy(&w->lock);
		conn_close(&w->lookup);
		conn_close(&w->conn);
		free(w);
		return false;
	}
	return true;
}

/* Do every queued task and end the writer. */
static void writer_stop(struct cache *c)
{
	struct writer *w = c->writer;
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_signal(&w->queued);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	for (size_t i = 0; i < QUEUE; i++)
		free(w->tasks[i].row.text.s);
	cache_groups_free(w->groups);
	pthread_cond_destroy(&w->done);
	pthread_cond_destroy(&w->queued);
	pthread_mutex_destroy(&w->lock);
	conn_close(&w->lookup);
	conn_close(&w->conn);
	free(w);
	c->writer = NULL;
}

/* Take the slot for the next task, waiting for room; under the lock, which
 * queue_task() releases. */
static struct task *queue_slot(struct writer *w)
{
	pthread_mutex_lock(&w->lock);
	while (w->count == QUEUE)
		pthread_cond_wait(&w->done, &w->lock);
	/* The slot is outside the queue: the writer does not look at it. */
	return &w->tasks[(w->head + w->count) % QUEUE];
}

/* Count in the task filled in the slot queue_slot() gave; an update's
 * beginning or end wakes the writer at once. */
static void queue_task(struct writer *w, const struct task *t)
{
	w->count++;
	if (t->kind != TASK_ROW)
		w->ends++;
	if (t->kind != TASK_ROW || w->count == WAKE_AT)
		pthread_cond_signal(&w->queued);
	pthread_mutex_unlock(&w->lock);
}

/* Wait, under the lock, until done() holds; the writer is told someone
 * waits, so it does not hold back a few rows. */
static void wait_for(struct writer *w, bool (*done)(const void *),
                     const void *arg)
{
	if (done(arg))
		return;
	w->waiting++;
	pthread_cond_signal(&w->queued);
	while (!done(arg))
		pthread_cond_wait(&w->done, &w->lock);
	w->waiting--;
}

static bool idle(const void *arg)
{
	return ((const struct writer *)arg)->count == 0;
}

static bool ended(const void *arg)
{
	return ((const struct cache_update *)arg)->ended;
}

struct cache_update *cache_feed_update_begin(struct cache *c, const char *url)
{
	if (c->update) {
		set_error(c, xasprintf(_("cache %s: another feed's update is "
		                         "in progress"),
		                       c->path));
		return NULL;
	}
	if (!writer_start(c))
		return NULL;
	struct cache_update *u = xcalloc(1, sizeof *u);
	u->c = c;
	u->now = (long long)time(NULL);
	u->index = cache_index_batch_new();
	struct task *t = queue_slot(c->writer);
	t->kind = TASK_BEGIN;
	t->u = u;
	t->row.text.len = 0;
	strbuf_adds(&t->row.text, url);
	queue_task(c->writer, t);
	c->update = u;
	return u;
}

static size_t length(const char *s)
{
	return s ? strlen(s) : 0;
}

static void make_key(struct strbuf *b, const struct article *a)
{
	b->len = 0;
	if (a->guid && *a->guid) {
		strbuf_adds(b, "g:");
		strbuf_adds(b, a->guid);
	} else if (a->link && *a->link) {
		strbuf_adds(b, "l:");
		strbuf_adds(b, a->link);
	} else {
		/* A short stable key: title, a 0xff byte, date, and when there
		 * is a body, another 0xff and the body: items that differ
		 * only there are two items. */
		uint64_t h =
		        hash_fnv1a(HASH_FNV1A_INIT, a->title, length(a->title));
		h = hash_fnv1a(h, "\xff", 1);
		h = hash_fnv1a(h, a->date, length(a->date));
		const char *body = a->body_source ? a->body_source
		                   : a->nbody     ? a->body[0]
		                                  : NULL;
		if (body && *body) {
			h = hash_fnv1a(h, "\xff", 1);
			h = hash_fnv1a(h, body, length(body));
		}
		char text[24];
		snprintf(text, sizeof text, "h:%016llx", (unsigned long long)h);
		strbuf_adds(b, text);
	}
}

/* Lines joined by '\n'; NULL for none, so one empty line stays one. */
static const char *join(struct strbuf *b, char *const *lines, size_t n)
{
	b->len = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_add(b, "\n", 1);
		strbuf_adds(b, lines[i]);
	}
	return n ? b->s : NULL;
}

/* Add s with each byte in `from` replaced by `to`. */
static void buf_add_escaped(struct strbuf *b, const char *s, char from,
                            const char *to)
{
	for (const char *end; (end = strchr(s, from)); s = end + 1) {
		strbuf_add(b, s, (size_t)(end - s));
		strbuf_adds(b, to);
	}
	strbuf_adds(b, s);
}

/* LENGTH \t TYPE \t URL per line: the url is last so a tab in it is
 * harmless, a newline in it is percent-encoded as URLs allow. */
static const char *join_enclosures(struct strbuf *b, const struct article *a)
{
	b->len = 0;
	for (size_t i = 0; i < a->nenclosures; i++) {
		const struct enclosure *e = &a->enclosures[i];
		char text[32];
		snprintf(text, sizeof text, "%s%lld\t", i ? "\n" : "",
		         e->length);
		strbuf_adds(b, text);
		if (e->type) {
			size_t start = b->len;
			strbuf_adds(b, e->type);
			for (size_t j = start; j < b->len; j++)
				if (b->s[j] == '\t' || b->s[j] == '\n')
					b->s[j] = ' ';
		}
		strbuf_add(b, "\t", 1);
		buf_add_escaped(b, e->url ? e->url : "", '\n', "%0A");
	}
	return a->nenclosures ? b->s : NULL;
}

/* Add a column's text to the row; NULL stays NULL. */
static void row_set(struct row *r, enum col i, const char *s, size_t len)
{
	if (!s) {
		r->off[i] = -1;
		r->len[i] = 0;
		return;
	}
	r->off[i] = (long)r->text.len;
	r->len[i] = len;
	strbuf_add(&r->text, s, len);
	strbuf_add(&r->text, "", 1); /* each column NUL-terminated in place */
}

static void row_sets(struct row *r, enum col i, const char *s)
{
	row_set(r, i, s, s ? strlen(s) : 0);
}

/* Whether the update's feed has the row's item already: 1, 0, or -1 with
 * the error. */
static int item_known(struct cache_update *u, const struct row *r)
{
	sqlite3_stmt *st = here(u->c)->st[ST_ITEM_BY_KEY];
	sqlite3_bind_int64(st, 1, u->feed_id);
	sqlite3_bind_text(st, 2, r->text.s + r->off[COL_KEY],
	                  (int)r->len[COL_KEY], SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		fail(u->c, rc);
		return -1;
	}
	return rc == SQLITE_ROW;
}

/* Store a queued row; on the writer's thread. */
static bool write_row(struct cache_update *u, const struct row *r)
{
	static const int param[COL_COUNT] = {
	        [COL_KEY] = 2,         [COL_TITLE] = 3,
	        [COL_GUID] = 6,        [COL_LINK] = 7,
	        [COL_AUTHOR] = 8,      [COL_DATE] = 9,
	        [COL_SITE] = 10,       [COL_LANGUAGE] = 11,
	        [COL_CATEGORIES] = 12, [COL_ENCLOSURES] = 13,
	        [COL_BODY] = 14,       [COL_BODY_FORMAT] = 15,
	        [COL_BODY_BASE] = 16,  [COL_SUMMARY] = 17,
	};
	sqlite3_stmt *st = here(u->c)->st[ST_ITEM_PUT];
	sqlite3_bind_int64(st, 1, u->feed_id);
	sqlite3_bind_int64(st, 4, r->time);
	sqlite3_bind_int64(st, 5, u->now);
	for (int i = 0; i < COL_COUNT; i++) {
		if (r->off[i] < 0)
			sqlite3_bind_null(st, param[i]);
		else
			sqlite3_bind_text(st, param[i], r->text.s + r->off[i],
			                  (int)r->len[i], SQLITE_STATIC);
	}
	/* A new item gets the next id and its group, a known one keeps
	 * them. */
	int known = item_known(u, r);
	const char *headline = r->text.s + r->words_off;
	long long story =
	        known ? 0
	              : cache_group_decide(u->c, u->c->writer->groups,
	                                   u->next_id, r->time, headline);
	if (known < 0 || story < 0)
		return false;
	if (known) {
		sqlite3_bind_null(st, 18);
		sqlite3_bind_null(st, 19);
		sqlite3_bind_int(st, 20, 0);
	} else {
		sqlite3_bind_int64(st, 18, u->next_id);
		sqlite3_bind_int64(st, 19, story);
		/* alone in its group: its row in both lists */
		sqlite3_bind_int(st, 20, story == u->next_id);
	}
	/* A row comes back when the item is new or changed: its words go
	 * to the index. */
	int rc = sqlite3_step(st);
	long long id = 0;
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return fail(u->c, rc);
	if (!id)
		return true;
	if (!known)
		u->next_id++;
	cache_index_batch_add(u->index, id, r->text.s + r->words_off,
	                      r->words_len);
	if (cache_index_batch_full(u->index))
		return cache_index_batch_write(u->c, u->index);
	return true;
}

/* Step st once: its row's first column, a number; -1 with the error when
 * it gives no row.  The caller resets or finalizes st. */
static long long step_number(struct cache *c, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return sqlite3_column_int64(st, 0);
	fail(c, rc);
	return -1;
}

/* The number of items of the feed; -1 on failure. */
static long long feed_items(struct cache *c, long long feed_id)
{
	sqlite3_stmt *st = here(c)->st[ST_FEED_ITEMS];
	sqlite3_bind_int64(st, 1, feed_id);
	long long n = step_number(c, st);
	sqlite3_reset(st);
	return n;
}

/* The id the next item stored gets: the writer alone writes items during
 * its transaction. */
static bool next_id(struct cache *c, long long *id)
{
	sqlite3_stmt *st = here(c)->st[ST_NEXT_ID];
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || fail(c, rc);
}

/* Open the update's transaction; on the writer's thread. */
static bool write_begin(struct cache_update *u, const char *url)
{
	struct cache *c = u->c;
	struct writer *w = c->writer;
	if (!w->groups && !(w->groups = cache_groups_new(c, w->lookup.db)))
		return false;
	cache_groups_reset(w->groups);
	if (!run(c, here(c)->st[ST_BEGIN]))
		return false;
	u->feed_id = feed_id(c, url);
	if (u->feed_id < 0 || (u->before = feed_items(c, u->feed_id)) < 0 ||
	    !next_id(c, &u->next_id)) {
		rollback(c);
		return false;
	}
	return true;
}

/* Index the update's items, note the feed's data and commit; on the
 * writer's thread. */
static bool write_commit(struct cache_update *u, const struct feed_data *d)
{
	struct cache *c = u->c;
	sqlite3_stmt *st = here(c)->st[ST_FEED_DONE];
	sqlite3_bind_int64(st, 1, u->feed_id);
	bind_text(st, 2, d->title);
	bind_text(st, 3, d->link);
	bind_text(st, 4, d->language);
	bind_text(st, 5, d->etag);
	bind_text(st, 6, d->last_modified);
	sqlite3_bind_int64(st, 7, (long long)time(NULL));
	long long after;
	if (!cache_index_batch_write(c, u->index) || !run(c, st) ||
	    (after = feed_items(c, u->feed_id)) < 0 ||
	    !cache_index_compact_after(c, after - u->before) ||
	    !run(c, here(c)->st[ST_COMMIT])) {
		rollback(c);
		return false;
	}
	u->fresh = after - u->before;
	return true;
}

static void feed_data_free(struct feed_data *d)
{
	if (!d)
		return;
	free(d->title);
	free(d->link);
	free(d->language);
	free(d->etag);
	free(d->last_modified);
	free(d);
}

/* Do a task taken from the queue; on the writer's thread, without the
 * lock. What the caller reads of u is set under the lock after. */
static void do_task(struct cache *c, struct task *t, bool *failed, bool *end)
{
	struct cache_update *u = t->u;
	*end = false;
	bool ok = !*failed;
	switch (t->kind) {
	case TASK_BEGIN:
		ok = write_begin(u, t->row.text.s);
		break;
	case TASK_ROW:
		/* After a failure the update is lost: the rest is skipped. */
		ok = ok && write_row(u, &t->row);
		break;
	case TASK_COMMIT:
		if (ok)
			ok = write_commit(u, t->feed);
		else
			rollback(c);
		feed_data_free(t->feed);
		t->feed = NULL;
		*end = true;
		break;
	case TASK_ROLLBACK:
		rollback(c);
		*end = true;
		break;
	}
	if (!ok && !*failed) {
		*failed = true;
		/* The caller reads it once the update has ended. */
		free(u->error);
		u->error = c->writer_error;
		c->writer_error = NULL;
	}
}

static void *writer_main(void *arg)
{
	struct cache *c = arg;
	struct writer *w = c->writer;
	writing = c;
	bool draining = false; /* do tasks until none is left */
	pthread_mutex_lock(&w->lock);
	for (;;) {
		if (w->count == 0)
			draining = false;
		while (!draining) {
			if (w->count >= WAKE_AT ||
			    (w->count > 0 &&
			     (w->ends || w->waiting || w->stopping)))
				draining = true;
			else if (w->stopping)
				goto done;
			else
				pthread_cond_wait(&w->queued, &w->lock);
		}
		struct task *t = &w->tasks[w->head];
		bool failed = t->u->failed, end;
		pthread_mutex_unlock(&w->lock);
		do_task(c, t, &failed, &end);
		pthread_mutex_lock(&w->lock);
		t->u->failed = failed;
		if (end)
			t->u->ended = true;
		if (t->kind != TASK_ROW)
			w->ends--;
		w->head = (w->head + 1) % QUEUE;
		w->count--;
		/* Room for half a queue, an update ended, or none left to
		 * wait for. */
		if (w->count == 0 || w->count == QUEUE / 2 || end)
			pthread_cond_broadcast(&w->done);
	}
done:
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

bool cache_store_item(struct cache_update *u, const struct article *a)
{
	struct writer *w = u->c->writer;
	struct task *t = queue_slot(w);
	bool failed = u->failed;
	pthread_mutex_unlock(&w->lock);
	if (failed) {
		/* Set once, before failed was under the lock. */
		set_error(u->c, xstrdup(u->error ? u->error : ""));
		return false;
	}
	/* The slot is outside the queue: the writer does not look at it
	 * until it is counted in. */
	t->kind = TASK_ROW;
	t->u = u;
	struct row *r = &t->row;
	r->text.len = 0;
	r->time = a->time;
	make_key(&u->key, a);
	row_set(r, COL_KEY, u->key.s, u->key.len);
	row_sets(r, COL_TITLE, a->title ? a->title : "");
	row_sets(r, COL_GUID, a->guid);
	row_sets(r, COL_LINK, a->link);
	row_sets(r, COL_AUTHOR, a->author);
	row_sets(r, COL_DATE, a->date);
	row_sets(r, COL_SITE, a->site);
	row_sets(r, COL_LANGUAGE, a->language);
	row_sets(r, COL_CATEGORIES,
	         join(&u->categories, a->categories, a->ncategories));
	row_sets(r, COL_ENCLOSURES, join_enclosures(&u->enclosures, a));
	if (a->body_source) {
		row_sets(r, COL_BODY, a->body_source);
		row_sets(r, COL_BODY_FORMAT,
		         a->body_format == ARTICLE_SOURCE_HTML ? "html"
		                                               : "text");
		row_sets(r, COL_BODY_BASE, a->body_base);
		row_sets(r, COL_SUMMARY, a->summary);
	} else {
		/* Paragraphs: the summary is their start. */
		const char *body = join(&u->body, a->body, a->nbody);
		row_sets(r, COL_BODY, body);
		row_sets(r, COL_BODY_FORMAT, NULL);
		row_sets(r, COL_BODY_BASE, NULL);
		row_set(r, COL_SUMMARY, body,
		        body ? article_text_cut(body, u->body.len,
		                                ARTICLE_SUMMARY_BYTES)
		             : 0);
	}
	u->words.len = 0;
	cache_index_words(
	        &u->index_words, r->text.s + r->off[COL_TITLE],
	        r->off[COL_SUMMARY] < 0 ? "" : r->text.s + r->off[COL_SUMMARY],
	        &u->words);
	r->words_off = (long)r->text.len;
	r->words_len = u->words.len;
	strbuf_add(&r->text, u->words.s, u->words.len);
	pthread_mutex_lock(&w->lock);
	queue_task(w, t);
	return true;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Queue the end of an update: commit with meta, or drop it. */
static void end_update(struct cache_update *u, bool commit,
                       const struct cache_feed_meta *meta)
{
	struct cache *c = u->c;
	struct feed_data *d = NULL;
	if (commit) {
		static const struct cache_feed_meta none;
		if (!meta)
			meta = &none;
		d = xmalloc(sizeof *d);
		d->title = dup_or_null(meta->title);
		d->link = dup_or_null(meta->link);
		d->language = dup_or_null(meta->language);
		d->etag = dup_or_null(meta->etag);
		d->last_modified = dup_or_null(meta->last_modified);
	}
	struct task *t = queue_slot(c->writer);
	t->kind = commit ? TASK_COMMIT : TASK_ROLLBACK;
	t->u = u;
	t->feed = d;
	queue_task(c->writer, t);
	c->update = NULL;
}

void cache_feed_update_end(struct cache_update *u,
                           const struct cache_feed_meta *meta)
{
	end_update(u, true, meta);
}

void cache_feed_update_flush(struct cache_update *u)
{
	struct writer *w = u->c->writer;
	pthread_mutex_lock(&w->lock);
	wait_for(w, idle, w);
	pthread_mutex_unlock(&w->lock);
}

bool cache_feed_update_has_room(struct cache_update *u)
{
	struct writer *w = u->c->writer;
	pthread_mutex_lock(&w->lock);
	bool room = w->count < QUEUE / 2;
	pthread_mutex_unlock(&w->lock);
	return room;
}

bool cache_feed_update_done(struct cache_update *u)
{
	struct writer *w = u->c->writer;
	pthread_mutex_lock(&w->lock);
	bool ended = u->ended;
	pthread_mutex_unlock(&w->lock);
	return ended;
}

bool cache_feed_update_wait(struct cache_update *u, long long *fresh)
{
	struct cache *c = u->c;
	struct writer *w = c->writer;
	pthread_mutex_lock(&w->lock);
	wait_for(w, ended, u);
	pthread_mutex_unlock(&w->lock);
	bool ok = !u->failed;
	if (!ok)
		set_error(c, u->error ? u->error : xstrdup(""));
	else
		free(u->error);
	/* The writer is done with the cache: what it held back goes now.
	 * A failure to write it stays for a later try, unsaid here. */
	char *error = c->error;
	c->error = NULL;
	write_held(c, false);
	free(c->error);
	c->error = error;
	if (fresh)
		*fresh = ok ? u->fresh : 0;
	cache_index_batch_free(u->index);
	free(u->key.s);
	free(u->categories.s);
	free(u->enclosures.s);
	free(u->body.s);
	free(u->words.s);
	text_words_free(&u->index_words);
	free(u);
	return ok;
}

bool cache_feed_update_commit(struct cache_update *u,
                              const struct cache_feed_meta *meta)
{
	end_update(u, true, meta);
	return cache_feed_update_wait(u, NULL);
}

void cache_feed_update_rollback(struct cache_update *u)
{
	if (!u)
		return;
	end_update(u, false, NULL);
	cache_feed_update_wait(u, NULL);
}

static void page_cols_free(struct page_cols *p)
{
	if (!p)
		return;
	free(p->body);
	free(p->dirs);
	free(p->credit);
	free(p->related);
	free(p);
}

static void held_free(struct held_write *h)
{
	free(h->url);
	free(h->text);
	page_cols_free(h->page);
}

/* Write one held change; inside write_held()'s transaction. */
static bool apply_held(struct cache *c, const struct held_write *h)
{
	sqlite3_stmt *st = c->main.st[h->which];
	switch (h->which) {
	case ST_FEED_ERROR:
	case ST_FEED_SAME: {
		long long id = feed_id(c, h->url);
		if (id < 0)
			return false;
		sqlite3_bind_int64(st, 1, id);
		if (h->text)
			bind_text(st, 2, h->text);
		else
			sqlite3_bind_int64(st, 2, h->value);
		break;
	}
	case ST_MARK_ALL:
		break;
	case ST_PAGE_PUT:
		sqlite3_bind_int64(st, 1, h->id);
		bind_text(st, 2, h->page->body);
		bind_text(st, 3, h->page->dirs);
		bind_text(st, 4, h->page->credit);
		bind_text(st, 5, h->page->related);
		sqlite3_bind_int64(st, 6, h->page->time);
		break;
	case ST_PAGE_ERROR:
		sqlite3_bind_int64(st, 1, h->id);
		bind_text(st, 2, h->text);
		break;
	case ST_MARK_FEED:
		sqlite3_bind_int64(st, 1, h->id);
		break;
	case ST_MARK_STORY:
		sqlite3_bind_int64(st, 1, h->id);
		sqlite3_bind_int64(st, 2, h->value);
		sqlite3_bind_int64(st, 3, h->feed);
		break;
	default:
		sqlite3_bind_int64(st, 1, h->id);
		sqlite3_bind_int64(st, 2, h->value);
		break;
	}
	return run(c, st);
}

/* Begin a write on the owner's connection; without wait, false with no
 * error while another akhbar writes (*busy set). */
static bool begin_now(struct cache *c, bool wait, bool *busy)
{
	struct conn *k = &c->main;
	int bound = k->wait_ms;
	if (!wait)
		k->wait_ms = 0;
	int rc = sqlite3_step(k->st[ST_BEGIN]);
	sqlite3_reset(k->st[ST_BEGIN]);
	k->wait_ms = bound;
	*busy = (rc & 0xff) == SQLITE_BUSY && !wait;
	if (rc != SQLITE_DONE && !*busy)
		fail(c, rc);
	return rc == SQLITE_DONE;
}

/* Write the held changes in one transaction of their own. Without wait,
 * a cache another akhbar is writing keeps them held (true); with it, they
 * wait for it as long as the connection's bound. */
static bool write_held(struct cache *c, bool wait)
{
	if (!c->nheld)
		return true;
	struct conn *k = &c->main;
	bool busy;
	if (!begin_now(c, wait, &busy))
		return busy;
	bool ok = true;
	for (size_t i = 0; ok && i < c->nheld; i++)
		ok = apply_held(c, &c->held[i]);
	if (!ok || !run(c, k->st[ST_COMMIT])) {
		rollback(c);
		return false;
	}
	for (size_t i = 0; i < c->nheld; i++)
		held_free(&c->held[i]);
	c->nheld = 0;
	return true;
}

/* A change of the user's: written at once, in a transaction of its own,
 * unless another writer has the cache; then held, in order, until it is
 * free. */
static bool hold(struct cache *c, struct held_write h)
{
	c->held = xreallocarray(c->held, c->nheld + 1, sizeof *c->held);
	c->held[c->nheld++] = h;
	return write_held(c, false);
}

bool cache_flush(struct cache *c, bool wait)
{
	return write_held(c, wait);
}

bool cache_feed_set_error(struct cache *c, const char *url, const char *message)
{
	return hold(c, (struct held_write){
	                       .which = ST_FEED_ERROR,
	                       .url = xstrdup(url),
	                       .text = xstrdup(message ? message : "")});
}

bool cache_feed_not_modified(struct cache *c, const char *url)
{
	return hold(c, (struct held_write){.which = ST_FEED_SAME,
	                                   .url = xstrdup(url),
	                                   .value = (long long)time(NULL)});
}

/* Whether urls[i] is one of urls[0..i-1]. */
static bool listed_before(const char *const *urls, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (!strcmp(urls[k], urls[i]))
			return true;
	return false;
}

/* Whether the subscriptions stored are urls already, each at its first
 * place: then syncing writes nothing. */
static bool subscriptions_are(struct cache *c, const char *const *urls,
                              size_t n)
{
	sqlite3_stmt *st = c->main.st[ST_SUBSCRIBED];
	bool same = true;
	int rc = sqlite3_step(st);
	for (size_t i = 0; same && i < n; i++) {
		if (rc == SQLITE_ROW &&
		    sqlite3_column_int64(st, 1) == (long long)i &&
		    !strcmp((const char *)sqlite3_column_text(st, 0), urls[i]))
			rc = sqlite3_step(st);
		else
			same = listed_before(urls, i);
	}
	same = same && rc == SQLITE_DONE;
	sqlite3_reset(st);
	return same;
}

bool cache_sync_feeds(struct cache *c, const char *const *urls, size_t n)
{
	if (subscriptions_are(c, urls, n))
		return true;
	if (c->update) {
		set_error(c, xasprintf(_("cache %s: a feed's update is in "
		                         "progress"),
		                       c->path));
		return false;
	}
	if (!run(c, here(c)->st[ST_BEGIN]))
		return false;
	bool ok = run(c, here(c)->st[ST_SYNC_CLEAR]);
	sqlite3_stmt *st = here(c)->st[ST_SYNC_ADD];
	for (size_t i = 0; ok && i < n; i++) {
		bind_text(st, 1, urls[i]);
		sqlite3_bind_int64(st, 2, (long long)i);
		ok = run(c, st);
	}
	if (ok && run(c, here(c)->st[ST_COMMIT]))
		return true;
	rollback(c);
	return false;
}

bool cache_purge_unsubscribed(struct cache *c)
{
	return run(c, here(c)->st[ST_PURGE]);
}

struct cache_feed *cache_feeds(struct cache *c, size_t *n)
{
	sqlite3_stmt *st = here(c)->st[ST_FEEDS];
	struct cache_feed *feeds = NULL;
	size_t count = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		feeds = xreallocarray(feeds, count + 1, sizeof *feeds);
		struct cache_feed *f = &feeds[count++];
		f->id = sqlite3_column_int64(st, 0);
		f->url = column_dup(st, 1);
		f->title = column_dup(st, 2);
		f->link = column_dup(st, 3);
		f->language = column_dup(st, 4);
		f->etag = column_dup(st, 5);
		f->last_modified = column_dup(st, 6);
		f->last_update = sqlite3_column_int64(st, 7);
		f->last_error = column_dup(st, 8);
		f->subscribed = sqlite3_column_int(st, 9) != 0;
		f->unread = sqlite3_column_int64(st, 10);
		f->total = sqlite3_column_int64(st, 11);
	}
	if (rc != SQLITE_DONE) {
		fail(c, rc);
		sqlite3_reset(st);
		cache_feeds_free(feeds, count);
		return NULL;
	}
	sqlite3_reset(st);
	*n = count;
	return feeds ? feeds : xmalloc(0);
}

void cache_feeds_free(struct cache_feed *feeds, size_t n)
{
	if (!feeds)
		return;
	for (size_t i = 0; i < n; i++) {
		free(feeds[i].url);
		free(feeds[i].title);
		free(feeds[i].link);
		free(feeds[i].language);
		free(feeds[i].etag);
		free(feeds[i].last_modified);
		free(feeds[i].last_error);
	}
	free(feeds);
}

/* The free end of a headline list's last title block. */
struct title_space {
	char *next;
	size_t left;
};

/* Room for len bytes in the list's title blocks. Blocks never move, so a
 * title's address is final at once. */
static char *title_space(struct cache_headlines *h, struct title_space *t,
                         size_t len)
{
	enum { BLOCK = 1 << 20 };
	if (len > t->left) {
		size_t size = len > BLOCK ? len : BLOCK;
		h->chunks = xreallocarray(h->chunks, h->nchunks + 1,
		                          sizeof *h->chunks);
		t->next = h->chunks[h->nchunks++] = xmalloc(size);
		t->left = size;
	}
	char *p = t->next;
	t->next += len;
	t->left -= len;
	return p;
}

/* Show the marks still held back (write_held()) in a list just read. */
static void overlay_held(const struct cache *c, struct cache_headlines *h)
{
	for (size_t k = 0; k < c->nheld; k++) {
		const struct held_write *w = &c->held[k];
		for (size_t i = 0; i < h->n; i++) {
			struct cache_headline *l = &h->items[i];
			if (w->which == ST_SET_READ && l->id == w->id)
				l->read = w->value;
			else if (w->which == ST_SET_STARRED && l->id == w->id)
				l->starred = w->value;
			else if (w->which == ST_MARK_STORY &&
			         l->story == w->id &&
			         (!w->feed || l->feed_id == w->feed))
				l->read = w->value;
			else if ((w->which == ST_MARK_FEED &&
			          l->feed_id == w->id) ||
			         w->which == ST_MARK_ALL)
				l->read = true;
		}
	}
}

struct cache_headlines *cache_headlines(struct cache *c, long long feed_id)
{
	sqlite3_stmt *st = here(c)->st[feed_id ? ST_LIST_FEED : ST_LIST_ALL];
	if (feed_id)
		sqlite3_bind_int64(st, 1, feed_id);
	struct cache_headlines *h = xcalloc(1, sizeof *h);
	size_t cap = 0;
	struct title_space space = {0};
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (h->n == cap) {
			cap = cap ? cap * 2 : 1024;
			h->items =
			        xreallocarray(h->items, cap, sizeof *h->items);
		}
		struct cache_headline *l = &h->items[h->n++];
		l->id = sqlite3_column_int64(st, 0);
		l->time = sqlite3_column_int64(st, 1);
		l->read = sqlite3_column_int(st, 2) != 0;
		l->starred = sqlite3_column_int(st, 3) != 0;
		const char *title = (const char *)sqlite3_column_text(st, 4);
		size_t len = (size_t)sqlite3_column_bytes(st, 4);
		char *copy = title_space(h, &space, len + 1);
		memcpy(copy, title ? title : "", len);
		copy[len] = '\0';
		l->title = copy;
		l->story = sqlite3_column_int64(st, 5);
		l->head = sqlite3_column_int(st, 6) != 0;
		l->feed_id = feed_id ? feed_id : sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		fail(c, rc);
		cache_headlines_free(h);
		return NULL;
	}
	overlay_held(c, h);
	return h;
}

struct cache_list cache_list_of(long long feed_id, enum cache_list_rows rows,
                                enum cache_list_order order)
{
	return (struct cache_list){
	        .feed_id = feed_id, .rows = rows, .order = order};
}

bool cache_list_sorted(const struct cache_list *l)
{
	return l->order != CACHE_ORDER_NEWEST && l->order != CACHE_ORDER_OLDEST;
}

const char *cache_list_join(const struct cache_list *l)
{
	return cache_list_sorted(l) ? " JOIN list_order o ON o.item = i.id"
	                            : "";
}

const char *cache_list_where(const struct cache_list *l)
{
	if (cache_list_sorted(l))
		return "1"; /* the table holds the rows */
	switch (l->rows) {
	case CACHE_LIST_UNREAD:
		return l->feed_id
		               ? "i.head_feed = 1 AND i.read = 0"
		                 " AND i.feed_id = :feed"
		               : "i.head_all = 1 AND i.read = 0 AND :feed = 0";
	case CACHE_LIST_STARRED:
		return "i.starred = 1 AND (:feed = 0 OR i.feed_id = :feed)";
	default:
		return l->feed_id ? "i.head_feed = 1 AND i.feed_id = :feed"
		                  : "i.head_all = 1 AND :feed = 0";
	}
}

/* Whether going the list's way (backward: the other way) goes down in
 * time; a sorted list goes up its places. */
static bool down_in_time(const struct cache_list *l, bool backward)
{
	return (l->order == CACHE_ORDER_NEWEST) != backward;
}

const char *cache_list_range(const struct cache_list *l, bool backward)
{
	if (cache_list_sorted(l))
		return backward ? "o.place < :time + :incl"
		                : "o.place > :time - :incl";
	return down_in_time(l, backward) ? "i.time <= :time AND (i.time < :time"
	                                   " OR i.id > :id - :incl)"
	                                 : "i.time >= :time AND (i.time > :time"
	                                   " OR i.id < :id + :incl)";
}

const char *cache_list_order_by(const struct cache_list *l, bool backward)
{
	if (cache_list_sorted(l))
		return backward ? " ORDER BY o.place DESC"
		                : " ORDER BY o.place";
	return down_in_time(l, backward) ? " ORDER BY i.time DESC, i.id"
	                                 : " ORDER BY i.time, i.id DESC";
}

const char *cache_list_key(const struct cache_list *l)
{
	return cache_list_sorted(l) ? "o.place" : "i.time";
}

static void bind_named(sqlite3_stmt *st, const char *name, long long v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

void cache_list_bind(sqlite3_stmt *st, const struct cache_list *l,
                     const struct cache_row_key *key, bool inclusive)
{
	bind_named(st, ":feed", l->feed_id);
	if (!key)
		return;
	bind_named(st, ":time", key->time);
	bind_named(st, ":id", key->id);
	bind_named(st, ":incl", inclusive);
}

/* The order a sorted list's rows are put in. */
static const char *sorted_order(const struct cache_list *l)
{
	switch (l->order) {
	case CACHE_ORDER_TITLE:
		return "i.title COLLATE NOCASE, i.time DESC, i.id";
	case CACHE_ORDER_FEED:
		return "f.position IS NULL, f.position, f.id, i.time DESC, "
		       "i.id";
	default:
		return "i.read, i.time DESC, i.id";
	}
}

/* The items of list l, as i, through the index of the list's own rows
 * where SQLite's planner, knowing nothing of how few rows it holds, would
 * rather go down an index of every item. */
static const char *list_items(const struct cache_list *l)
{
	switch (l->rows) {
	case CACHE_LIST_UNREAD:
		return l->feed_id ? "items i INDEXED BY items_feed_unread"
		                  : "items i INDEXED BY items_all_unread";
	case CACHE_LIST_STARRED:
		return "items i INDEXED BY items_starred";
	default:
		return "items i";
	}
}

char *cache_list_sort_sql(const struct cache_list *l)
{
	struct cache_list rows = *l;
	rows.order = CACHE_ORDER_NEWEST;
	return xasprintf(
	        "SELECT i.id, i.read = 0 FROM %s"
	        " JOIN feeds f ON f.id = i.feed_id WHERE %s ORDER BY %s",
	        list_items(&rows), cache_list_where(&rows), sorted_order(l));
}

void cache_list_set_sorted(struct cache *c, const struct cache_list *l)
{
	c->sorted = *l;
	c->has_sorted = true;
}

/* Put the rows of the sorted list l in order in the table list_order. */
static bool sort_list(struct cache *c, const struct cache_list *l)
{
	char *select = cache_list_sort_sql(l);
	char *sql =
	        xasprintf("INSERT INTO list_order (item, unread) %s", select);
	free(select);
	sqlite3_stmt *st = NULL;
	bool ok = exec(c, "CREATE TEMP TABLE IF NOT EXISTS list_order"
	                  " " LIST_ORDER_COLUMNS ";"
	                  "DELETE FROM temp.list_order;");
	int rc = ok ? sqlite3_prepare_v2(here(c)->db, sql, -1, &st, NULL)
	            : SQLITE_OK;
	free(sql);
	if (ok && rc == SQLITE_OK) {
		cache_list_bind(st, l, NULL, false);
		rc = sqlite3_step(st);
		ok = rc == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (ok)
		cache_list_set_sorted(c, l);
	return ok || fail(c, rc);
}

static bool same_list(const struct cache_list *a, const struct cache_list *b)
{
	return a->feed_id == b->feed_id && a->rows == b->rows &&
	       a->order == b->order;
}

bool cache_list_ready(struct cache *c, const struct cache_list *l)
{
	if (!cache_list_sorted(l) ||
	    (c->has_sorted && same_list(&c->sorted, l)))
		return true;
	return sort_list(c, l);
}

bool cache_list_open(struct cache *c, const struct cache_list *l)
{
	return !cache_list_sorted(l) || sort_list(c, l);
}

/* A statement of a list's rows as keyset paging reads them, from the key
 * (:time, :id; :incl 1 to take the key's own row) when keyed. */
static sqlite3_stmt *list_statement(struct cache *c, const struct cache_list *l,
                                    const char *what, bool keyed, bool backward,
                                    const char *tail)
{
	if (!cache_list_ready(c, l))
		return NULL;
	/* a sorted list's table drives: its places are the order */
	char *sql = xasprintf("SELECT %s FROM %s WHERE %s%s%s%s", what,
	                      cache_list_sorted(l)
	                              ? "list_order o CROSS JOIN items i"
	                                " ON i.id = o.item"
	                              : list_items(l),
	                      cache_list_where(l), keyed ? " AND " : "",
	                      keyed ? cache_list_range(l, backward) : "", tail);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(here(c)->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		fail(c, rc);
		return NULL;
	}
	cache_list_bind(st, l, NULL, false);
	return st;
}

/* The statement counting a list's rows and unread ones that the kept
 * counters do not hold: a starred list is counted through its index, a
 * sorted one as it was put in order, from its table alone. */
static sqlite3_stmt *count_statement(struct cache *c,
                                     const struct cache_list *l)
{
	if (!cache_list_sorted(l))
		return list_statement(c, l,
		                      "count(*), coalesce(sum(i.read = 0), 0)",
		                      false, false, "");
	sqlite3_stmt *st = NULL;
	int rc = cache_list_ready(c, l)
	                 ? sqlite3_prepare_v2(
	                           here(c)->db,
	                           "SELECT count(*), coalesce(sum(unread), 0)"
	                           " FROM temp.list_order",
	                           -1, &st, NULL)
	                 : SQLITE_OK;
	if (rc != SQLITE_OK)
		fail(c, rc);
	return st;
}

bool cache_list_count(struct cache *c, const struct cache_list *l,
                      struct cache_list_counts *counts)
{
	bool kept = !cache_list_sorted(l) && l->rows != CACHE_LIST_STARRED;
	sqlite3_stmt *st =
	        kept ? here(c)->st[ST_LIST_COUNT] : count_statement(c, l);
	if (!st)
		return false;
	if (kept)
		sqlite3_bind_int64(st, 1, l->feed_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		counts->unread = (size_t)sqlite3_column_int64(st, 1);
		counts->rows = kept && l->rows == CACHE_LIST_UNREAD
		                       ? counts->unread
		                       : (size_t)sqlite3_column_int64(st, 0);
	}
	if (kept)
		sqlite3_reset(st);
	else
		sqlite3_finalize(st);
	return rc == SQLITE_ROW || fail(c, rc);
}

/* How many other items of the row's group its list has: none in the
 * starred list, where each item is a row. */
static size_t row_variants(struct cache *c, const struct cache_headline *l,
                           const struct cache_list *list)
{
	if (list->rows == CACHE_LIST_STARRED)
		return 0;
	sqlite3_stmt *st = here(c)->st[ST_VARIANTS];
	sqlite3_bind_int64(st, 1, l->story);
	sqlite3_bind_int64(st, 2, list->feed_id);
	long long n = sqlite3_step(st) == SQLITE_ROW
	                      ? sqlite3_column_int64(st, 0)
	                      : 0;
	sqlite3_reset(st);
	return n > 0 ? (size_t)n : 0;
}

/* The row st stands on, its title copied into h's storage. */
static void take_row(struct cache_headlines *h, struct title_space *space,
                     sqlite3_stmt *st)
{
	struct cache_headline *l = &h->items[h->n++];
	l->id = sqlite3_column_int64(st, 0);
	l->time = sqlite3_column_int64(st, 1);
	l->read = sqlite3_column_int(st, 2) != 0;
	l->starred = sqlite3_column_int(st, 3) != 0;
	size_t len = (size_t)sqlite3_column_bytes(st, 4);
	const char *title = (const char *)sqlite3_column_text(st, 4);
	char *copy = title_space(h, space, len + 1);
	memcpy(copy, title ? title : "", len);
	copy[len] = '\0';
	l->title = copy;
	l->story = sqlite3_column_int64(st, 5);
	l->feed_id = sqlite3_column_int64(st, 6);
	l->place = sqlite3_column_int64(st, 7);
	l->head = true;
}

struct cache_headlines *cache_list_rows(struct cache *c,
                                        const struct cache_list *l,
                                        const struct cache_row_key *key,
                                        enum cache_rows_from from, size_t skip,
                                        size_t n)
{
	bool backward = from == CACHE_ROWS_BEFORE;
	char *what = xasprintf("i.id, i.time, i.read, i.starred, i.title,"
	                       " i.story, i.feed_id, %s",
	                       cache_list_key(l));
	char *tail = xasprintf("%s LIMIT :limit OFFSET :skip",
	                       cache_list_order_by(l, backward));
	sqlite3_stmt *st =
	        list_statement(c, l, what, key != NULL, backward, tail);
	free(what);
	free(tail);
	if (!st)
		return NULL;
	cache_list_bind(st, l, key, from == CACHE_ROWS_AT);
	bind_named(st, ":limit", (long long)n);
	bind_named(st, ":skip", (long long)skip);
	struct cache_headlines *h = xcalloc(1, sizeof *h);
	h->items = xcalloc(n ? n : 1, sizeof *h->items);
	struct title_space space = {0};
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		take_row(h, &space, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		fail(c, rc);
		cache_headlines_free(h);
		return NULL;
	}
	for (size_t i = 0; i < h->n; i++)
		h->items[i].variants = row_variants(c, &h->items[i], l);
	overlay_held(c, h);
	return h;
}

/* The rows before the key (?2 time, ?3 id) in the list ?1 (?5 1: its
 * unread rows only): those of the newer buckets of each level inside the
 * key's bucket of the level above (ROW_BUCKETS_ADD; ?6, ?7 and ?8 its
 * shifts), then those of its own level 2 bucket (its time, the same 1024
 * ids) before it, through the list's index, whose condition is %s. */
#define POSITION_SQL                                                           \
	"SELECT (SELECT coalesce(sum(iif(?5, unread, rows)), 0)"               \
	"  FROM list_counts WHERE list = ?1 AND level = 0 AND hi > ?2 >> ?6)"  \
	" + (SELECT coalesce(sum(iif(?5, unread, rows)), 0)"                   \
	"  FROM list_counts WHERE list = ?1 AND level = 1"                     \
	"  AND hi > ?2 >> ?7 AND hi < ((?2 >> ?6) + 1) << (?6 - ?7))"          \
	" + (SELECT coalesce(sum(iif(?5, unread, rows)), 0)"                   \
	"  FROM list_counts WHERE list = ?1 AND level = 2"                     \
	"  AND hi > ?2 AND hi < ((?2 >> ?7) + 1) << ?7)"                       \
	" + (SELECT coalesce(sum(iif(?5, unread, rows)), 0)"                   \
	"  FROM list_counts WHERE list = ?1 AND level = 2"                     \
	"  AND hi = ?2 AND lo < ?3 >> ?8)"                                     \
	" + (SELECT count(*) FROM items WHERE %s AND time = ?2"                \
	"  AND id >= (?3 >> ?8) << ?8 AND id < ?3 AND (?5 = 0 OR read = 0))"

/* How many rows, or unread rows, come before the key's row in the list
 * of feed_id (0: every feed), from the kept counts; -1 with an error. */
static long long list_position(struct cache *c, long long feed_id,
                               bool unread_only,
                               const struct cache_row_key *key)
{
	char *sql = xasprintf(POSITION_SQL,
	                      feed_id ? "head_feed = 1 AND feed_id = ?1"
	                              : "head_all = 1 AND ?1 = 0");
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(here(c)->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		fail(c, rc);
		return -1;
	}
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, key->time);
	sqlite3_bind_int64(st, 3, key->id);
	sqlite3_bind_int(st, 5, unread_only);
	sqlite3_bind_int(st, 6, SPAN_SHIFT);
	sqlite3_bind_int(st, 7, HOURS_SHIFT);
	sqlite3_bind_int(st, 8, IDS_SHIFT);
	long long n = step_number(c, st);
	sqlite3_finalize(st);
	return n;
}

/* The rows before the key in a list of the kept counts' order: newest
 * first from the counts themselves; oldest first as the rows of the
 * list after the key, newest first (a key's id one more takes the key's
 * row in). */
static long long kept_position(struct cache *c, const struct cache_list *l,
                               const struct cache_row_key *key)
{
	bool unread_only = l->rows == CACHE_LIST_UNREAD;
	if (l->order == CACHE_ORDER_NEWEST)
		return list_position(c, l->feed_id, unread_only, key);
	struct cache_list_counts counts;
	if (!cache_list_count(c, l, &counts))
		return -1;
	struct cache_row_key after = {.time = key->time, .id = key->id + 1};
	long long newer = list_position(c, l->feed_id, unread_only, &after);
	return newer < 0 ? -1 : (long long)counts.rows - newer;
}

long long cache_list_position(struct cache *c, const struct cache_list *l,
                              const struct cache_row_key *key)
{
	if (l->rows != CACHE_LIST_STARRED &&
	    (l->order == CACHE_ORDER_NEWEST || l->order == CACHE_ORDER_OLDEST))
		return kept_position(c, l, key);
	/* a sorted list's rows know their places: the key's row is found
	 * by its id, wherever the list was put in order again */
	sqlite3_stmt *st =
	        cache_list_sorted(l)
	                ? list_statement(c, l, "coalesce(max(o.place) - 1, -1)",
	                                 false, false, " AND o.item = :id")
	                : list_statement(c, l, "count(*)", true, true, "");
	if (!st)
		return -1;
	cache_list_bind(st, l, key, false);
	long long n = step_number(c, st);
	sqlite3_finalize(st);
	return n;
}

bool cache_story_set_read(struct cache *c, long long story,
                          const struct cache_list *l, bool read)
{
	return hold(c, (struct held_write){.which = ST_MARK_STORY,
	                                   .id = story,
	                                   .feed = l->feed_id,
	                                   .value = read});
}

void cache_headlines_free(struct cache_headlines *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nchunks; i++)
		free(h->chunks[i]);
	free(h->chunks);
	free(h->items);
	free(h);
}

/* Call add for each '\n'-separated line of the column; none if NULL. */
static void split_column(sqlite3_stmt *st, int i, struct article *a,
                         void (*add)(struct article *, const char *, size_t))
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	if (!s)
		return;
	const char *end = s + sqlite3_column_bytes(st, i);
	for (;;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		add(a, s, (size_t)((nl ? nl : end) - s));
		if (!nl)
			break;
		s = nl + 1;
	}
}

static void add_enclosure_line(struct article *a, const char *s, size_t len)
{
	const char *end = s + len;
	const char *tab1 = memchr(s, '\t', len);
	const char *tab2 =
	        tab1 ? memchr(tab1 + 1, '\t', (size_t)(end - tab1 - 1)) : NULL;
	if (!tab2)
		return;
	char *type = xstrndup(tab1 + 1, (size_t)(tab2 - tab1 - 1));
	char *url = xstrndup(tab2 + 1, (size_t)(end - tab2 - 1));
	article_add_enclosure(a, url, *type ? type : NULL,
	                      strtoll(s, NULL, 10));
	free(type);
	free(url);
}

/* Free the article's paragraphs, from the feed: its page's take their
 * place. */
static void clear_body(struct article *a)
{
	for (size_t i = 0; i < a->nbody; i++)
		free(a->body[i]);
	free(a->body);
	free(a->body_dir);
	free(a->body_source);
	a->body = NULL;
	a->body_dir = NULL;
	a->body_source = NULL;
	a->nbody = a->body_cap = 0;
}

/* The length of s's first line. */
static size_t line_length(const char *s)
{
	return strcspn(s, "\n");
}

/* The page's columns (body NULL: no page) over the article: its
 * paragraphs with their directions, credit and related headlines in
 * place of the feed's. */
static void apply_page(struct article *a, const char *body, const char *dirs,
                       const char *credit, const char *related)
{
	if (!body)
		return;
	clear_body(a);
	size_t ndirs = dirs ? strlen(dirs) : 0;
	for (size_t i = 0;; i++) {
		size_t len = line_length(body);
		article_add_paragraph_dir(
		        a, body, len, i < ndirs ? dirs[i] : ARTICLE_DIR_AUTO);
		if (!body[len])
			break;
		body += len + 1;
	}
	free(a->credit);
	a->credit = credit ? xstrdup(credit) : NULL;
	while (related && *related) {
		size_t len = line_length(related);
		size_t headline = strcspn(related, "\t\n");
		article_add_related(a, related, headline);
		related += len + !!related[len];
	}
}

/* The page's columns held back for the item, if any: the last. */
static const struct page_cols *held_page(const struct cache *c,
                                         long long item_id)
{
	const struct page_cols *page = NULL;
	for (size_t k = 0; k < c->nheld; k++)
		if (c->held[k].which == ST_PAGE_PUT && c->held[k].id == item_id)
			page = c->held[k].page;
	return page;
}

struct article *cache_item_article(struct cache *c, long long item_id)
{
	sqlite3_stmt *st = here(c)->st[ST_ITEM_GET];
	sqlite3_bind_int64(st, 1, item_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			set_error(c, xasprintf(_("cache %s: no item %lld"),
			                       c->path, item_id));
		else
			fail(c, rc);
		sqlite3_reset(st);
		return NULL;
	}
	struct article *a = article_new();
	a->origin = column_dup(st, 0);
	free(a->title);
	a->title = column_dup(st, 1);
	a->time = sqlite3_column_int64(st, 2);
	a->guid = column_dup(st, 3);
	a->link = column_dup(st, 4);
	a->author = column_dup(st, 5);
	a->date = column_dup(st, 6);
	a->site = column_dup(st, 7);
	a->language = column_dup(st, 8);
	split_column(st, 9, a, article_add_category);
	split_column(st, 10, a, add_enclosure_line);
	const char *format = (const char *)sqlite3_column_text(st, 12);
	if (!format) {
		split_column(st, 11, a, article_add_paragraph);
	} else {
		a->body_source = column_dup(st, 11);
		a->body_format = strcmp(format, "html") == 0
		                         ? ARTICLE_SOURCE_HTML
		                         : ARTICLE_SOURCE_TEXT;
		a->body_base = column_dup(st, 13);
		a->summary = column_dup(st, 14);
	}
	apply_page(a, (const char *)sqlite3_column_text(st, 15),
	           (const char *)sqlite3_column_text(st, 16),
	           (const char *)sqlite3_column_text(st, 17),
	           (const char *)sqlite3_column_text(st, 18));
	a->feed = column_dup(st, 19);
	sqlite3_reset(st);
	const struct page_cols *held = held_page(c, item_id);
	if (held)
		apply_page(a, held->body, held->dirs, held->credit,
		           held->related);
	return a;
}

/* Whether there is an item item_id; false with the error if not. */
static bool item_exists(struct cache *c, long long item_id)
{
	sqlite3_stmt *st = c->main.st[ST_ITEM_EXISTS];
	sqlite3_bind_int64(st, 1, item_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return cache_no_item(c, item_id);
	if (rc != SQLITE_ROW)
		return fail(c, rc);
	return true;
}

/* A mark on one item by id; an unknown id is an error. */
static bool item_set(struct cache *c, enum stmt which, long long item_id,
                     bool value)
{
	if (!item_exists(c, item_id))
		return false;
	return hold(c, (struct held_write){
	                       .which = which, .id = item_id, .value = value});
}

bool cache_item_set_read(struct cache *c, long long item_id, bool read)
{
	return item_set(c, ST_SET_READ, item_id, read);
}

bool cache_item_set_starred(struct cache *c, long long item_id, bool starred)
{
	return item_set(c, ST_SET_STARRED, item_id, starred);
}

bool cache_feed_mark_read(struct cache *c, long long feed_id)
{
	return hold(c, (struct held_write){.which = feed_id ? ST_MARK_FEED
	                                                    : ST_MARK_ALL,
	                                   .id = feed_id,
	                                   .value = 1});
}

long long *cache_feed_unread_ids(struct cache *c, long long feed_id, size_t *n)
{
	/* the list's reading, held marks and all */
	struct cache_headlines *h = cache_headlines(c, feed_id);
	if (!h)
		return NULL;
	long long *ids = xreallocarray(NULL, h->n, sizeof *ids);
	*n = 0;
	for (size_t i = 0; i < h->n; i++)
		if (!h->items[i].read)
			ids[(*n)++] = h->items[i].id;
	cache_headlines_free(h);
	return ids;
}

bool cache_items_set_read(struct cache *c, const long long *ids, size_t n,
                          bool read)
{
	/* held together, so they are written in one transaction */
	c->held = xreallocarray(c->held, c->nheld + n, sizeof *c->held);
	for (size_t i = 0; i < n; i++)
		c->held[c->nheld++] = (struct held_write){
		        .which = ST_SET_READ, .id = ids[i], .value = read};
	return write_held(c, false);
}

/* Add a line of text with each of the bytes in `blanks` made a space. */
static void add_flat(struct strbuf *b, const char *s, const char *blanks)
{
	size_t start = b->len;
	strbuf_adds(b, s);
	for (size_t j = start; j < b->len; j++)
		if (strchr(blanks, b->s[j]))
			b->s[j] = ' ';
}

/* The columns of a page's article, as stored. A '\n' in a paragraph
 * splits it, and each piece gets the paragraph's direction. */
static struct page_cols *page_cols_new(const struct article *page,
                                       char *const *links)
{
	struct page_cols *p = xcalloc(1, sizeof *p);
	struct strbuf b = {0};
	for (size_t i = 0; i < page->nbody; i++) {
		if (i)
			strbuf_addc(&b, '\n');
		strbuf_adds(&b, page->body[i]);
	}
	p->body = b.s ? strbuf_take(&b) : xstrdup("");
	for (size_t i = 0; i < page->nbody; i++) {
		char dir =
		        page->body_dir ? page->body_dir[i] : ARTICLE_DIR_AUTO;
		strbuf_addc(&b, dir);
		for (const char *s = page->body[i]; (s = strchr(s, '\n')); s++)
			strbuf_addc(&b, dir);
	}
	p->dirs = b.s ? strbuf_take(&b) : NULL;
	p->credit = dup_or_null(page->credit);
	for (size_t i = 0; i < page->nrelated; i++) {
		if (i)
			strbuf_addc(&b, '\n');
		add_flat(&b, page->related[i], "\t\n");
		strbuf_addc(&b, '\t');
		if (links && links[i])
			buf_add_escaped(&b, links[i], '\n', "%0A");
	}
	p->related = b.s ? strbuf_take(&b) : NULL;
	p->time = (long long)time(NULL);
	return p;
}

bool cache_item_set_page(struct cache *c, long long item_id,
                         const struct article *page, char *const *links)
{
	if (!item_exists(c, item_id))
		return false;
	return hold(c, (struct held_write){.which = ST_PAGE_PUT,
	                                   .id = item_id,
	                                   .page = page_cols_new(page, links)});
}

bool cache_item_set_page_error(struct cache *c, long long item_id,
                               const char *message)
{
	if (!item_exists(c, item_id))
		return false;
	return hold(c, (struct held_write){
	                       .which = ST_PAGE_ERROR,
	                       .id = item_id,
	                       .text = xstrdup(message ? message : "")});
}

/* The links of page_related's lines, one per related headline. */
static void page_links(struct cache_page *p, const char *related)
{
	while (related && *related) {
		size_t len = line_length(related);
		const char *tab = memchr(related, '\t', len);
		size_t at = tab ? (size_t)(tab - related) + 1 : len;
		p->links = xreallocarray(p->links, p->nlinks + 1,
		                         sizeof *p->links);
		p->links[p->nlinks++] =
		        at < len ? xstrndup(related + at, len - at) : NULL;
		related += len + !!related[len];
	}
}

static void page_links_free(struct cache_page *p)
{
	for (size_t i = 0; i < p->nlinks; i++)
		free(p->links[i]);
	free(p->links);
	p->links = NULL;
	p->nlinks = 0;
}

/* What is held back for the page over what the cache read of it. */
static void overlay_held_page(const struct cache *c, long long item_id,
                              struct cache_page *p)
{
	for (size_t k = 0; k < c->nheld; k++) {
		const struct held_write *h = &c->held[k];
		if (h->id != item_id)
			continue;
		if (h->which == ST_PAGE_PUT) {
			p->fetched = h->page->time;
			free(p->error);
			p->error = NULL;
			page_links_free(p);
			page_links(p, h->page->related);
		} else if (h->which == ST_PAGE_ERROR) {
			free(p->error);
			p->error = xstrdup(h->text);
		}
	}
}

struct cache_page *cache_item_page(struct cache *c, long long item_id)
{
	sqlite3_stmt *st = here(c)->st[ST_PAGE_GET];
	sqlite3_bind_int64(st, 1, item_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			cache_no_item(c, item_id);
		else
			fail(c, rc);
		sqlite3_reset(st);
		return NULL;
	}
	struct cache_page *p = xcalloc(1, sizeof *p);
	p->feed_id = sqlite3_column_int64(st, 0);
	p->fetched = sqlite3_column_int64(st, 1);
	p->error = column_dup(st, 2);
	p->link = column_dup(st, 3);
	page_links(p, (const char *)sqlite3_column_text(st, 4));
	sqlite3_reset(st);
	overlay_held_page(c, item_id, p);
	return p;
}

char *cache_feed_name(struct cache *c, long long feed_id)
{
	sqlite3_stmt *st = here(c)->st[ST_FEED_NAME];
	sqlite3_bind_int64(st, 1, feed_id);
	int rc = sqlite3_step(st);
	char *name = rc == SQLITE_ROW ? column_dup(st, 0) : NULL;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		fail(c, rc);
	sqlite3_reset(st);
	return name;
}

void cache_page_free(struct cache_page *p)
{
	if (!p)
		return;
	free(p->error);
	free(p->link);
	page_links_free(p);
	free(p);
}

/* The id a one-column query on the owner's connection gives with its
 * parameters bound: 0 when it gives no row, -1 on failure. */
static long long query_id(struct cache *c, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	long long id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		fail(c, rc);
		id = -1;
	}
	sqlite3_reset(st);
	return id;
}

long long cache_item_by_link(struct cache *c, long long feed_id,
                             const char *url)
{
	sqlite3_stmt *st = here(c)->st[ST_ITEM_BY_LINK];
	bind_text(st, 1, url);
	sqlite3_bind_int64(st, 2, feed_id);
	return query_id(c, st);
}

/* Insert the page as a new item of the feed (or find the one its url
 * made before), with its words in the index; inside a transaction. */
static long long insert_page_item(struct cache *c, long long feed_id,
                                  const char *url, const struct article *page)
{
	char *key = xasprintf("l:%s", url);
	char *summary = article_summary(page);
	sqlite3_stmt *st = here(c)->st[ST_PAGE_ITEM_ADD];
	sqlite3_bind_int64(st, 1, feed_id);
	bind_text(st, 2, key);
	bind_text(st, 3, page->title ? page->title : "");
	sqlite3_bind_int64(st, 4, page->time);
	sqlite3_bind_int64(st, 5, (long long)time(NULL));
	bind_text(st, 6, url);
	bind_text(st, 7, page->author);
	bind_text(st, 8, page->date);
	bind_text(st, 9, page->site);
	bind_text(st, 10, page->language);
	bind_text(st, 11, summary);
	long long id = query_id(c, st);
	if (id > 0) {
		struct text_words scratch = {0};
		struct strbuf words = {0};
		struct index_batch *b = cache_index_batch_new();
		cache_index_words(&scratch, page->title ? page->title : "",
		                  summary ? summary : "", &words);
		cache_index_batch_add(b, id, words.s, words.len);
		struct group_window *g = cache_groups_new(c, NULL);
		if (!g || !cache_index_batch_write(c, b) ||
		    !set_story(c, g, here(c)->st[ST_SET_STORY], id, page->time,
		               words.s))
			id = -1;
		cache_groups_free(g);
		cache_index_batch_free(b);
		strbuf_free(&words);
		text_words_free(&scratch);
	} else if (id == 0) {
		st = here(c)->st[ST_ITEM_BY_KEY];
		sqlite3_bind_int64(st, 1, feed_id);
		bind_text(st, 2, key);
		id = query_id(c, st);
	}
	free(summary);
	free(key);
	return id;
}

/* How long adding a page's item waits for another writer: the reader
 * waits on it, so only as long as a feed's commit takes. */
#define PAGE_ITEM_WAIT_MS 500

long long cache_item_add_page(struct cache *c, long long feed_id,
                              const char *url, const struct article *page,
                              char *const *links)
{
	struct conn *k = &c->main;
	int bound = k->wait_ms;
	k->wait_ms = bound < PAGE_ITEM_WAIT_MS ? bound : PAGE_ITEM_WAIT_MS;
	bool begun = run(c, k->st[ST_BEGIN]);
	k->wait_ms = bound;
	if (!begun)
		return 0;
	long long id = insert_page_item(c, feed_id, url, page);
	bool ok = id > 0;
	if (ok) {
		struct held_write h = {.which = ST_PAGE_PUT,
		                       .id = id,
		                       .page = page_cols_new(page, links)};
		ok = apply_held(c, &h) && run(c, k->st[ST_COMMIT]);
		held_free(&h);
	}
	if (!ok) {
		rollback(c);
		return 0;
	}
	return id;
}

long long *cache_items_without_page(struct cache *c, long long since, size_t *n)
{
	sqlite3_stmt *st = here(c)->st[ST_WITHOUT_PAGE];
	sqlite3_bind_int64(st, 1, since);
	long long *ids = NULL;
	size_t count = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xreallocarray(ids, count + 1, sizeof *ids);
		ids[count++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		fail(c, rc);
		free(ids);
		return NULL;
	}
	*n = count;
	return ids ? ids : xmalloc(0);
}

const char *cache_file(struct cache *c)
{
	if (c->memory)
		return NULL;
	const char *file = sqlite3_db_filename(c->main.db, "main");
	return file && *file ? file : NULL;
}

bool cache_holding(const struct cache *c)
{
	return c->nheld > 0;
}

/* Expiry removes items in transactions of this many: a reader's turn
 * stays short, and a refresh's WAL small. */
#define EXPIRE_BATCH 500

/* One transaction of expiry: up to most items; -1 on failure. */
static long long expire_batch(struct cache *c, long long before, long long most,
                              bool wait)
{
	bool busy;
	if (!begin_now(c, wait, &busy))
		return busy ? 0 : -1;
	/* items_all_list leads with time: the old items are a range of it. */
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(c->main.db,
	                            "DELETE FROM items WHERE id IN"
	                            " (SELECT id FROM items WHERE time < ?1"
	                            " AND first_seen < ?1 AND NOT starred"
	                            " LIMIT ?2)",
	                            -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, before);
		sqlite3_bind_int64(st, 2, most);
		rc = sqlite3_step(st);
	}
	long long n = sqlite3_changes(c->main.db);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || !run(c, c->main.st[ST_COMMIT])) {
		if (rc != SQLITE_DONE)
			fail(c, rc);
		rollback(c);
		return -1;
	}
	return n;
}

long long cache_expire(struct cache *c, long long before, long long most,
                       bool wait)
{
	long long total = 0;
	for (;;) {
		long long want = EXPIRE_BATCH;
		if (most > 0 && most - total < want)
			want = most - total;
		if (want <= 0)
			return total;
		long long n = expire_batch(c, before, want, wait);
		if (n < 0)
			return -1;
		total += n;
		if (n < want)
			return total;
	}
}

/* A pragma's number; -1 on failure. */
static long long pragma_number(struct cache *c, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;
	int rc = sqlite3_prepare_v2(c->main.db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fail(c, rc);
	sqlite3_finalize(st);
	return v;
}

/* Run a pragma or statement to its end without waiting for another
 * writer unless wait; *busy set when it was busy. */
static bool exec_now(struct cache *c, const char *sql, bool wait, bool *busy)
{
	struct conn *k = &c->main;
	int bound = k->wait_ms;
	if (!wait)
		k->wait_ms = 0;
	int rc = sqlite3_exec(k->db, sql, NULL, NULL, NULL);
	k->wait_ms = bound;
	*busy = (rc & 0xff) == SQLITE_BUSY && !wait;
	if (rc != SQLITE_OK && !*busy)
		fail(c, rc);
	return rc == SQLITE_OK;
}

long long cache_shrink(struct cache *c, long long pages, bool full)
{
	if (c->memory)
		return 0;
	long long mode = pragma_number(c, "PRAGMA auto_vacuum");
	long long free_pages = pragma_number(c, "PRAGMA freelist_count");
	long long all = pragma_number(c, "PRAGMA page_count");
	if (mode < 0 || free_pages < 0 || all < 0)
		return -1;
	bool busy = false, ok = true;
	if (mode == 2 && free_pages > 0) { /* incremental */
		char *sql = xasprintf("PRAGMA incremental_vacuum(%lld)",
		                      full ? 0 : pages);
		ok = exec_now(c, sql, full, &busy);
		free(sql);
	} else if (full && free_pages > 0 && free_pages * 4 >= all) {
		/* Once: rewritten, the file can shrink by itself after. */
		ok = exec_now(c, "PRAGMA auto_vacuum = INCREMENTAL; VACUUM",
		              true, &busy);
	}
	if (ok && full)
		ok = exec_now(c, "PRAGMA wal_checkpoint(TRUNCATE)", true,
		              &busy);
	if (!ok)
		return busy ? 0 : -1;
	return mode == 2 ? pragma_number(c, "PRAGMA freelist_count") : 0;
}
