/* What the files of src/store share with each other; nothing outside
 * src/store includes this. */
#ifndef AKHBAR_STORE_STORE_H
#define AKHBAR_STORE_STORE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store/cache.h"
#include "text/words.h"
#include "util/strbuf.h"

/* The cache's connection for this thread (the writer's on its thread,
 * the owner's elsewhere); owned by the cache. */
sqlite3 *cache_db(struct cache *c);

/* A copy of column i of st's row, or NULL when the column is NULL; the
 * caller frees it. */
char *column_dup(sqlite3_stmt *st, int i);

/* Record SQLite's failure rc (with the connection's message) as the
 * cache's error; returns false. */
bool cache_fail(struct cache *c, int rc);

/* Record that there is no item item_id, in cache_item_article()'s words;
 * returns false. */
bool cache_no_item(struct cache *c, long long item_id);

/* The parts of a statement reading the rows of list l from items (as
 * i), in SQL: the joins after "items i" (a sorted list's table of
 * places, as o), the condition on rows (the list's feed is :feed), the
 * condition on their keys after the key's row in the list's order (or
 * before it: backward) from :time and :id, the key's own row too when
 * :incl is 1, the ORDER BY clause going that way, and the column of a
 * row's key's time. */
const char *cache_list_join(const struct cache_list *l);
const char *cache_list_where(const struct cache_list *l);
const char *cache_list_range(const struct cache_list *l, bool backward);
const char *cache_list_order_by(const struct cache_list *l, bool backward);
const char *cache_list_key(const struct cache_list *l);

/* Bind :feed, and :time, :id and :incl for the key when there is one. */
void cache_list_bind(sqlite3_stmt *st, const struct cache_list *l,
                     const struct cache_row_key *key, bool inclusive);

/* Make a sorted list's table of places ready (put in order unless it
 * holds that list already); false with the cache's error. */
bool cache_list_ready(struct cache *c, const struct cache_list *l);

/* The columns of a sorted list's table of places: its rows' places in
 * the order, their items, and whether each was unread when put in
 * order. */
#define LIST_ORDER_COLUMNS                                                     \
	"(place INTEGER PRIMARY KEY, item INTEGER NOT NULL UNIQUE,"            \
	" unread INTEGER NOT NULL)"

/* The statement giving the rows of the sorted list l in its order, as
 * (item id, 1 when unread); :feed bound by cache_list_bind().  A new
 * string. */
char *cache_list_sort_sql(const struct cache_list *l);

/* Note that the table list_order now holds list l in its order. */
void cache_list_set_sorted(struct cache *c, const struct cache_list *l);

/* A connection of its own to the cache for reading on another thread
 * (opened here, used only there, closed here once the thread is done);
 * NULL with the cache's error. */
sqlite3 *cache_reader_open(struct cache *c);

/* Run sql on the cache's connection for this thread; false with the
 * cache's error. */
bool cache_exec(struct cache *c, const char *sql);

/* Take message (a new string) as the cache's error. */
void cache_set_error(struct cache *c, char *message);

/* Register the SQL functions the story index's triggers call
 * (akhbar_headline_words, akhbar_summary_words) on db: before the schema
 * is migrated, on every connection that writes items. */
bool cache_index_register(sqlite3 *db);

/* The words of the items an update stores, held back and written to the
 * index together: FTS5 keeps words in memory until a statement
 * savepoint, and storing each item opens one, so indexing item by item
 * would write a tiny segment per item (over twice the cost). */
struct index_batch;
struct group_window;

/* After an update stored fresh items (new ones): when they are many
 * (ten thousand, and a tenth of the cache or more: a first big feed, an
 * import), the index's segments are merged into one, so that a question
 * to it reads one b-tree, not one for each segment the stored batches
 * left (15 after a million items); its cost, the index's size once (some
 * seconds at a million items), comes only with updates that big.  Small
 * updates leave the merging to FTS5's own, level by level. */
bool cache_index_compact_after(struct cache *c, long long fresh);

/* A new empty batch; free with cache_index_batch_free(). */
struct index_batch *cache_index_batch_new(void);

/* What the index holds of an item with this title and summary (the start
 * of its text), appended to out: its headline's words and a NUL, then its
 * summary's and a NUL. scratch is the caller's, reused between calls.
 * Worked out where the item is parsed, so the writer only writes. */
void cache_index_words(struct text_words *scratch, const char *title,
                       const char *summary, struct strbuf *out);

/* Add the words of an item just stored, as cache_index_words() gave them
 * (len bytes, both NULs included: copied). */
void cache_index_batch_add(struct index_batch *b, long long id,
                           const char *words, size_t len);

/* Whether the batch holds enough to be written now, to bound memory. */
bool cache_index_batch_full(const struct index_batch *b);

/* Write the batch into the index (replacing what an item had) and empty
 * it; false with the cache's error set. */
bool cache_index_batch_write(struct cache *c, struct index_batch *b);

/* Free a batch, unwritten words dropped; NULL is allowed. */
void cache_index_batch_free(struct index_batch *b);

/* Near-duplicate groups decided as items are stored: the roots (first
 * items of their groups) the window made, held in memory for the next
 * items to be compared with, and the query that finds the roots stored
 * before in the index, prepared on lookup, else (NULL) on the connection
 * of the thread that makes the window.  An update's writer passes a
 * connection of its own that reads only what is committed: on the
 * connection that stores them, each query would copy the words the
 * update holds in memory, a cost growing with the update.  NULL with the
 * cache's error. */
struct group_window *cache_groups_new(struct cache *c, sqlite3 *lookup);

/* Forget the roots held: a new update begins, and finds those of the
 * last in the index. */
void cache_groups_reset(struct group_window *g);

/* Free a window; NULL is allowed. */
void cache_groups_free(struct group_window *g);

/* The group of a new item: the id of the root it is a near-duplicate of
 * (the newest, when several), else id itself, the item then held as a
 * root.  headline is its headline's words as the index holds them
 * (cache_index_words()); only items stored before it (smaller ids) are
 * looked at, and ids given to one window go up.  -1 with the cache's error. */
long long cache_group_decide(struct cache *c, struct group_window *g,
                             long long id, long long time,
                             const char *headline);

#endif
