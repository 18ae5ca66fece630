/* The persistent cache: every feed and item fetched, with read and starred
 * marks, in one SQLite file, so everything can be read offline.
 *
 * Several akhbars share a cache: a reader, a cron --refresh and --search
 * at once. Any number read (SQLite's WAL: readers never wait) and one
 * writes at a time; another writer waits for it, up to a bound. A feed's
 * update is one transaction, written on a thread and a connection of the
 * cache's own: a crash or kill -9 during it loses that update only. The
 * user's marks are written at once in transactions of their own, never
 * with a feed's update; while another akhbar writes they are held and
 * written as soon as it is done. Use a struct cache from one thread.
 *
 * Errors: functions returning bool return false on failure and leave a
 * message in cache_error(); functions returning a pointer return NULL. A
 * damaged file is reported, never reset. */
#ifndef AKHBAR_STORE_CACHE_H
#define AKHBAR_STORE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/article.h"

struct cache;
struct cache_update;

/* A feed as the feed list shows it. Strings may be NULL except url. */
struct cache_feed {
	long long id;
	char *url;
	char *title;
	char *link;
	char *language;
	char *etag; /* validators for the next conditional GET */
	char *last_modified;
	long long last_update; /* last successful fetch (200 or 304); 0 never */
	char *last_error; /* why the last fetch failed; NULL if it did not */
	bool subscribed;  /* false once the urls file no longer lists it */
	long long unread;
	long long total;
};

/* One row of a headline list: what the list shows, never the body. */
struct cache_headline {
	long long id;
	long long feed_id;
	long long time;    /* seconds since the epoch, UTC; 0 unknown */
	const char *title; /* points into the list's own storage */
	bool read;
	bool starred;
	long long story; /* its near-duplicate group (see below) */
	bool head;       /* the row of its group in the list */
	size_t variants; /* cache_list_rows(): the others of its group */
	long long place; /* cache_list_rows(): its key's time (a sorted
	                    list's place) */
};

/* A headline list and the storage of its titles. */
struct cache_headlines {
	struct cache_headline *items;
	size_t n;
	char **chunks; /* the titles, NUL-terminated, packed in blocks */
	size_t nchunks;
};

/* The feed's data the cache keeps from a successful fetch. A NULL title,
 * link or language keeps the one stored; etag and last_modified are stored
 * as given (NULL clears them: the server no longer sends them). */
struct cache_feed_meta {
	const char *title;
	const char *link;
	const char *language;
	const char *etag;
	const char *last_modified;
};

/* $XDG_DATA_HOME/akhbar/cache.db (else ~/.local/share/akhbar/cache.db),
 * creating missing folders with mode 0700. The caller frees the result;
 * NULL when there is no home folder to put it in. */
char *cache_default_path(void);

enum cache_access {
	CACHE_READ_WRITE, /* created if missing, its schema brought up to date
	                   */
	CACHE_READ_ONLY,  /* must exist; nothing is written (but an older
	                     schema is brought up to date first) */
};

/* Open the cache at path. On failure returns NULL and sets *error to a
 * message for the user (the caller frees it): the file is not an akhbar
 * cache or is damaged, a newer akhbar wrote it, or (read-only) it does
 * not exist. The file is never changed in those cases. */
struct cache *cache_open(const char *path, enum cache_access access,
                         char **error);

/* A new empty cache in memory, with the same schema, gone when closed:
 * no file, no lock, no WAL. On failure returns NULL and sets *error (the
 * caller frees it). */
struct cache *cache_open_memory(char **error);

/* Told, once per wait, that a write has waited a second for another
 * akhbar writing the cache; on the owner's thread. */
typedef void cache_wait_fn(void *ctx);

/* How long a write waits while another akhbar writes the cache (90 s
 * unless set), and whom to tell when it waits (NULL: nobody). Set it
 * before the first update: the writer's thread waits as long. */
void cache_set_wait(struct cache *c, int wait_ms, cache_wait_fn *on_wait,
                    void *ctx);

/* Whether another connection (another akhbar, or this cache's own
 * updates) committed changes since the last call or the opening. */
bool cache_changed(struct cache *c);

/* Write the marks and notes held back while another akhbar wrote the
 * cache: without wait only if it is free now, with wait up to the bound.
 * False with an error when they could not be written (they stay held). */
bool cache_flush(struct cache *c, bool wait);

/* Whether marks or notes are held back (cache_flush() has work). */
bool cache_holding(const struct cache *c);

/* The file of the cache as SQLite opened it (an absolute path), for
 * watching it; NULL for a cache in memory.  Owned by the cache. */
const char *cache_file(struct cache *c);

/* Close the cache; an update still open is rolled back, held marks are
 * written (waiting up to the bound). NULL is allowed. */
void cache_close(struct cache *c);

/* The message of the last failure; owned by the cache, valid until the
 * next call on it. */
const char *cache_error(const struct cache *c);

/* Start the update of the feed at url (adding it to the end of the feed
 * list if new). Only one update is open at a time; marks and notes made
 * meanwhile are written on their own (cache_flush()). The
 * update is stored on a thread of the cache's own while the caller goes
 * on; a failure shows at a later cache_store_item() or at the end. The
 * handle is freed by cache_feed_update_commit(),
 * cache_feed_update_rollback() or cache_feed_update_wait(). */
struct cache_update *cache_feed_update_begin(struct cache *c, const char *url);

/* Store an item of the feed being updated: a new item is unread, a known
 * one (same guid, else same link, else same title and date) is updated
 * and keeps its read and starred marks. The article stays the caller's.
 * Not stored: origin (loading sets it to the feed's url), credit and
 * related. A '\n' inside a paragraph or category splits it in two.
 * The item is copied and written on the cache's thread while the caller
 * goes on (every other call sees it stored), so a failure to write it
 * shows at a later cache_store_item() or at the end of the update. */
bool cache_store_item(struct cache_update *u, const struct article *a);

/* Wait until every item stored so far is written into the update's
 * transaction (not committed): for a caller that must know the cache is
 * held, such as a test. */
void cache_feed_update_flush(struct cache_update *u);

/* Whether the cache's thread keeps up with the items stored: while it
 * does not (another akhbar holds the cache, a commit is under way),
 * cache_store_item() may block, and a caller that must not wait stores
 * nothing more until it does. */
bool cache_feed_update_has_room(struct cache_update *u);

/* Commit the update with the feed's data; meta may be NULL. Frees u
 * whatever the outcome; on failure nothing of the update is kept. */
bool cache_feed_update_commit(struct cache_update *u,
                              const struct cache_feed_meta *meta);

/* Commit the update with the feed's data (meta may be NULL, and is
 * copied) without waiting: the next update may begin at once, and its
 * items are parsed while this one is committed. u stays valid until
 * cache_feed_update_wait(). */
void cache_feed_update_end(struct cache_update *u,
                           const struct cache_feed_meta *meta);

/* Whether an ended update is committed or failed, so that
 * cache_feed_update_wait() returns at once. */
bool cache_feed_update_done(struct cache_update *u);

/* Wait for an ended update's commit and free u: true when committed, with
 * *fresh (when not NULL) the number of items it added to the feed; false
 * with the reason in cache_error() when nothing of it was kept. */
bool cache_feed_update_wait(struct cache_update *u, long long *fresh);

/* Drop everything stored by the update and free u; NULL is allowed. */
void cache_feed_update_rollback(struct cache_update *u);

/* Record why fetching the feed at url failed; its items stay. */
bool cache_feed_set_error(struct cache *c, const char *url,
                          const char *message);

/* Record a fetch that found the feed unchanged (HTTP 304). */
bool cache_feed_not_modified(struct cache *c, const char *url);

/* Make the subscriptions the urls given, in that order: new ones are
 * added, feeds not listed stay with their items but are no longer
 * subscribed, until cache_purge_unsubscribed() removes them. Nothing is
 * written when they are the subscriptions already. */
bool cache_sync_feeds(struct cache *c, const char *const *urls, size_t n);

/* Remove the feeds no longer subscribed, and their items: the user's
 * explicit choice, never done behind their back. */
bool cache_purge_unsubscribed(struct cache *c);

/* Remove the items not starred that are older than before (a time_t):
 * their date (when they have one) and when the cache first saw them,
 * both earlier; their index entries go with them.  At most most items
 * (0: all), in transactions of a few hundred; without wait, none while
 * another akhbar writes.  Returns how many went, or -1 with an error. */
long long cache_expire(struct cache *c, long long before, long long most,
                       bool wait);

/* Give the cache's free pages back to the file system.  A cache made
 * for it (every new one) gives up to pages of them (full: all) and says
 * how many are left, without waiting for another akhbar unless full.
 * With full, an older cache with a quarter or more of it free is
 * rewritten once (VACUUM: long for a big one, so not for the reader),
 * made so, and the WAL written back.  Returns the free pages left to
 * give (0 when no more can be), or -1 with an error. */
long long cache_shrink(struct cache *c, long long pages, bool full);

/* All feeds, subscribed ones first in the urls file's order; *n gets the
 * count. Free with cache_feeds_free(). */
struct cache_feed *cache_feeds(struct cache *c, size_t *n);

/* Free a list from cache_feeds(); NULL is allowed. */
void cache_feeds_free(struct cache_feed *feeds, size_t n);

/* Near-duplicate groups: headlines saying the same thing (the rule of
 * text/similar.h) are one story, decided when an item is first stored,
 * against the recent items of every feed (store/related.c), and kept, so
 * a list groups nothing when it opens.  A group's id (story) is the id of
 * its first item stored; an item stored later joins it when it is a
 * near-duplicate of that first one.  A group may span feeds:
 *  - the list of every feed shows a group as one row, its first item in
 *    the list's order (the newest);
 *  - a feed's list shows, of each group, the feed's own items as one row,
 *    the newest of them: a story two feeds told is a row in each feed's
 *    list and one row in the list of every feed.
 * A row's variants are the other items of its group in the same list.
 * Whatever deletes items (a purge, an expiry, any DELETE on the file)
 * keeps groups and counts right: triggers in the schema give a group whose
 * row was deleted its next item as row, and keep every feed's counts; a
 * group whose first item was deleted takes no new items. */

/* Headlines of one feed, or of every feed when feed_id is 0, newest
 * first (items of unknown date last, in the feed's order), every item of
 * the groups with its group. Free with cache_headlines_free(). */
struct cache_headlines *cache_headlines(struct cache *c, long long feed_id);

/* Free a list from cache_headlines(); NULL is allowed. */
void cache_headlines_free(struct cache_headlines *h);

/* A headline list: which rows of which feed, in which order.  Every
 * function reading a list takes one of these, made by cache_list_of();
 * never NULL (the compiler is told so, and refuses a 0 in its place). */
enum cache_list_rows {
	CACHE_LIST_ALL,     /* one row a group (see above) */
	CACHE_LIST_UNREAD,  /* the rows of ALL whose item is unread */
	CACHE_LIST_STARRED, /* every starred item, each a row of its own */
};

enum cache_list_order {
	CACHE_ORDER_NEWEST, /* newest first, then by id */
	CACHE_ORDER_OLDEST, /* the other way round */
	CACHE_ORDER_TITLE,  /* by headline (ASCII letters' case aside),
	                       then newest first */
	CACHE_ORDER_FEED,   /* by feed in the feed list's order, then newest
	                       first */
	CACHE_ORDER_UNREAD_FIRST, /* unread rows, then read ones, each newest
	                             first */
	CACHE_ORDER_COUNT
};

struct cache_list {
	long long feed_id; /* 0: every feed */
	enum cache_list_rows rows;
	enum cache_list_order order;
};

/* The list of feed_id's (0: every feed's) rows in that order. */
struct cache_list cache_list_of(long long feed_id, enum cache_list_rows rows,
                                enum cache_list_order order);

/* Whether the list's order is made once, when it is opened: by title, by
 * feed and unread first.  Such a list's rows are put in order in a
 * temporary table of the connection (one list at a time: opening
 * another sorted list replaces it), so it stays as it was, rows marked
 * since included, until cache_list_open() is called again.  Putting it
 * in order reads each of its rows (seconds for the million rows of a
 * cache of a million items, which the reader has done apart:
 * cache_list_sort_start(); nothing to notice for a feed's list); reading
 * it then costs the same anywhere, and its counts are those it had
 * then. */
bool cache_list_sorted(const struct cache_list *l);

/* Read the list afresh from now on: a sorted list is put in order again
 * (a cost growing with its length); others are always read afresh. */
bool cache_list_open(struct cache *c, const struct cache_list *l)
        __attribute__((nonnull(2)));

/* A sorted list put in order on a thread of its own, so that the reader
 * goes on meanwhile: the list shown before (its table of places too)
 * stays readable until cache_list_sort_step() says the new one is ready,
 * which then reads as cache_list_open() would have left it.  NULL with
 * the cache's error when no thread can be started. */
struct cache_sort;
struct cache_sort *cache_list_sort_start(struct cache *c,
                                         const struct cache_list *l)
        __attribute__((nonnull(2)));

/* Bring the sort on for about ms milliseconds (0: to its end): 1 when the
 * list is ready, 0 not yet, -1 failed (the cache's error set; the list
 * shown before stays). */
int cache_list_sort_step(struct cache_sort *s, int ms);

/* Stop the sort if it is under way, and free it. */
void cache_list_sort_free(struct cache_sort *s);

/* The size of a headline list: of every row and unread ones, kept as
 * items are stored, marked and deleted (nothing is counted when it is
 * asked for); a starred list is counted through its index, a sorted one
 * as it was put in order. */
struct cache_list_counts {
	size_t rows;
	size_t unread; /* rows whose item is unread */
};

/* The counts of the list. */
bool cache_list_count(struct cache *c, const struct cache_list *l,
                      struct cache_list_counts *counts)
        __attribute__((nonnull(2)));

/* Reading a list by the rows it shows, as few as are wanted, through an
 * index of its rows: a row is found by its key, its place in the list's
 * order (its time and id; for a sorted list, its place from 1 and id),
 * and the rows next to it follow (keyset paging), so reading a screen
 * costs the same anywhere in a list of any length. */
struct cache_row_key {
	long long time, id;
};

enum cache_rows_from {
	CACHE_ROWS_AFTER,  /* after the key's row, in the list's order */
	CACHE_ROWS_AT,     /* from the key's row on */
	CACHE_ROWS_BEFORE, /* before the key's row, the nearest first */
};

/* Up to n rows of the list, the first skip of them left out, from the
 * key's row as `from` says; with no key, from the list's first row on
 * (AFTER, AT) or from its last back (BEFORE).  Each row comes with its
 * variants (none in the starred list) and its key, and held marks shown.
 * Free with cache_headlines_free(); NULL with an error. */
struct cache_headlines *cache_list_rows(struct cache *c,
                                        const struct cache_list *l,
                                        const struct cache_row_key *key,
                                        enum cache_rows_from from, size_t skip,
                                        size_t n) __attribute__((nonnull(2)));

/* How many rows of the list come before the key's row (or where it would
 * be): newest or oldest first, summed from the counts the cache keeps by
 * buckets of the list's order, the same cost anywhere in a list of any
 * length; a sorted list's are known; the starred list's counted through
 * its index.  -1 with an error. */
long long cache_list_position(struct cache *c, const struct cache_list *l,
                              const struct cache_row_key *key)
        __attribute__((nonnull(2, 3)));

/* The first row of the list whose headline matches the query (as
 * cache_search() matches), from the key's row as `from` says (as
 * cache_list_rows(), no key: from an end), going through the matches
 * without keeping them: 1 with its key in *found, 0 when none matches
 * that way, -1 with an error. */
int cache_list_find(struct cache *c, const struct cache_list *l,
                    const char *query, const struct cache_row_key *key,
                    enum cache_rows_from from, struct cache_row_key *found)
        __attribute__((nonnull(2)));

/* Whether more than cap headlines of the cache match the query, counted
 * through the index no further than cap + 1 (a cost bounded by cap): a
 * word that common is found faster by reading the list from a row than
 * by going through its matches.  1 or 0; -1 with an error. */
int cache_search_more_than(struct cache *c, const char *query, size_t cap);

/* How many rows of the list match the query (*total), and how many of
 * those are at or before the key's row (*upto); false with an error. */
bool cache_list_find_count(struct cache *c, const struct cache_list *l,
                           const char *query, const struct cache_row_key *key,
                           size_t *total, size_t *upto)
        __attribute__((nonnull(2)));

/* Mark read or unread the items of group story in the list (those of its
 * feed, or of every feed): what marking its row means.  Written or held
 * as cache_item_set_read(). */
bool cache_story_set_read(struct cache *c, long long story,
                          const struct cache_list *l, bool read)
        __attribute__((nonnull(3)));

/* The whole item as an article, its origin the feed's url; free with
 * article_free(). NULL with an error if there is no such item. */
struct article *cache_item_article(struct cache *c, long long item_id);

/* Mark an item read or unread: written at once, or held while another
 * akhbar writes (cache_flush()). */
bool cache_item_set_read(struct cache *c, long long item_id, bool read);

/* Star or unstar an item. */
bool cache_item_set_starred(struct cache *c, long long item_id, bool starred);

/* Mark every item of a feed read; feed_id 0 means every feed. */
bool cache_feed_mark_read(struct cache *c, long long feed_id);

/* The ids of the unread items of a feed (of every feed when feed_id is
 * 0), in list order, the marks held back counted: what marking it read
 * changes, for undoing it.  *n gets their count; the caller frees the
 * array; NULL on failure. */
long long *cache_feed_unread_ids(struct cache *c, long long feed_id, size_t *n);

/* Mark exactly these items read or unread, together: written at once in
 * one transaction, or held while another akhbar writes (cache_flush()).
 * An id no longer in the cache is passed over. */
bool cache_items_set_read(struct cache *c, const long long *ids, size_t n,
                          bool read);

/* An item's own web page: for a feed that gives only a summary, the
 * article on the page its link leads to is stored with the item, so it
 * reads offline.  cache_item_article() then gives the page's paragraphs,
 * credit and related headlines in place of the feed's body. */

/* What the cache knows of an item's page.  Free with cache_page_free(). */
struct cache_page {
	long long feed_id;
	long long fetched; /* when its article was stored; 0: never */
	char *error;       /* why the last fetch failed; NULL if it did not */
	char *link;        /* the item's link; NULL if it has none */
	char **links;      /* where the page's related headline i leads (NULL:
	                      nowhere known), one per related headline */
	size_t nlinks;
};

/* Store the article of the item's page: its paragraphs with their
 * directions, its credit and its related headlines with links[i] (may be
 * NULL, or hold NULLs) for page->related[i]; the last error is cleared.
 * Written at once, or held while another akhbar writes (cache_flush())
 * and shown meanwhile as if written. */
bool cache_item_set_page(struct cache *c, long long item_id,
                         const struct article *page, char *const *links);

/* Record why fetching the item's page failed: an article stored before
 * stays.  Held like cache_item_set_page(). */
bool cache_item_set_page_error(struct cache *c, long long item_id,
                               const char *message);

/* What the cache knows of the item's page; NULL with an error if there is
 * no such item. */
struct cache_page *cache_item_page(struct cache *c, long long item_id);

/* The name of feed feed_id: its title, else its address; a new string,
 * or NULL when there is no such feed (or it can't be read). */
char *cache_feed_name(struct cache *c, long long feed_id);

/* Free what cache_item_page() gave; NULL is allowed. */
void cache_page_free(struct cache_page *p);

/* The item whose link is url, of feed feed_id when it has one, else of
 * any feed: its id, 0 when there is none, -1 on failure. */
long long cache_item_by_link(struct cache *c, long long feed_id,
                             const char *url);

/* The page at url, which no item links to yet (a related story's), as a
 * new item of feed feed_id, read (it is being opened), with its article
 * and related links (as cache_item_set_page()) and its words in the
 * index; the item url made before when there is one.  Written at once,
 * in a transaction of its own, as its id is wanted: it waits for another
 * writer half a second at most.  Returns the item's id, or 0 with an
 * error. */
long long cache_item_add_page(struct cache *c, long long feed_id,
                              const char *url, const struct article *page,
                              char *const *links);

/* The items first seen at or after since (seconds since the epoch) whose
 * page was never fetched nor failed, oldest first; *n gets their count.
 * The caller frees the array; NULL on failure. */
long long *cache_items_without_page(struct cache *c, long long since,
                                    size_t *n);

/* Finding and connecting stories (store/related.c). Every item's headline
 * and summary (the start of its body) are indexed as words in key form
 * (text_words()), in the same transaction that stores the item. */

/* A story the index found: an item, with the near-duplicates (headlines
 * saying the same thing) folded into it. */
struct cache_story {
	long long id;
	long long feed_id;
	long long time;  /* seconds since the epoch, UTC; 0 unknown */
	char *title;     /* owned by the list */
	double score;    /* related: higher is closer; search: 0 */
	long long *dups; /* ids of the variants folded in; owned by the list */
	size_t ndups;
};

/* A list of stories; free with cache_story_list_free(). */
struct cache_story_list {
	struct cache_story *items;
	size_t n;
};

/* The k stories most related to the item, best first: those sharing the
 * most salient words of its headline and summary, rarer words weighing
 * more (bm25), headline words more than summary words; recent ones first
 * among equals. Of a word hundreds of items have, only those stored
 * around the item are looked at, so the cost does not grow with the
 * cache. The item itself and its near-duplicates are left out, and
 * near-duplicates among the results are folded into the best of them.
 * Empty for an item with no salient words; NULL with an error if there is
 * no such item. */
struct cache_story_list *cache_related(struct cache *c, long long item_id,
                                       size_t k);

/* The item's near-duplicates: the others of its group (decided when it
 * was stored, as the lists show it), newest first, at most 64. NULL with
 * an error if there is no such item. */
struct cache_story_list *cache_duplicates(struct cache *c, long long item_id);

/* Headlines matching the query as text/find.h defines it (spelling
 * variants alike, from a word's start, compounds joined or apart), of one
 * feed or of every feed when feed_id is 0, newest first. An empty list for
 * a query without words; NULL on failure. */
struct cache_story_list *cache_search(struct cache *c, const char *query,
                                      long long feed_id);

/* The ids of the items whose headlines match the query (as
 * cache_search()), in increasing order, for marking the matches of a
 * headline list; *n gets their count. Fast even when most headlines
 * match: nothing but the index is read. The caller frees the array; NULL
 * on failure (a query without words gives an empty one). */
long long *cache_search_ids(struct cache *c, const char *query, size_t *n);

/* Free a list of stories; NULL is allowed. */
void cache_story_list_free(struct cache_story_list *s);

/* Near-duplicate groups of a headline list, made in memory from the
 * whole list at once (what the groups the cache keeps are measured
 * against): a new array whose element i is the index in h of the first
 * headline (in h's order) of the group of headline i, i itself when it
 * has no earlier variant. The caller frees it; NULL when h is empty. */
size_t *cache_headline_groups(const struct cache_headlines *h);

/* `akhbar --search WORDS`: the headlines matching query, newest first,
 * one a line as DATE TAB HEADLINE TAB LINK NEWLINE (DATE in local time
 * as YYYY-MM-DDTHH:MM+HH:MM, with Z for UTC, or "-" when unknown; the
 * headline and the link as text_safe makes them, so no control reaches
 * the terminal and a tab or a line break is a space; LINK empty when
 * there is none). Each line goes to print as soon as it is found: the
 * first at once, even when thousands of headlines match. print returns
 * false to stop the search. Returns how many lines print was given, or -1 with
 * an error (cache_error()). */
int cache_search_print(struct cache *c, const char *query,
                       bool (*print)(const char *line, void *ctx), void *ctx);

/* Query feeds (store/query.c): the rows of the list of every feed read
 * whole for a filter to choose from, and the rows chosen read by id. */

/* What a filter of a query feed may look at of a row of the list of every
 * feed.  The strings are the cache's, valid only during the call. */
struct cache_query_item {
	long long id, feed_id;
	long long time; /* seconds since the epoch, UTC; 0 unknown */
	const char *title, *content, *author, *link, *guid;
	const char *feed_title, *feed_url, *feed_link;
	bool read, starred;
};

/* Called for each row; false stops the scan. */
typedef bool cache_query_fn(const struct cache_query_item *item, void *ctx);

/* Call fn for the rows of the list of every feed (the first item of each
 * near-duplicate group, as that list shows it), newest first (items of
 * unknown date last): those after the key's row (NULL: from the first),
 * at most most of them (0: every one).  content is the start of the
 * item's text (its summary) when `content` asks for it, else NULL (it
 * is stored after the item's body: leaving it out reads far less).
 * Returns how many rows fn was given, with the last one's key in *last
 * (when not NULL and there was one), or -1 with an error.  fn returning
 * false stops the scan after that row. */
long long cache_query_scan(struct cache *c, const struct cache_row_key *after,
                           size_t most, bool content, cache_query_fn *fn,
                           void *ctx, struct cache_row_key *last);

/* The headlines of the n items ids, in that order, for a window of a
 * query feed's list (no variants counted).  An item no longer in the
 * cache is a row with its id, an empty title and feed_id 0.  Free with
 * cache_headlines_free(); NULL with an error. */
struct cache_headlines *cache_query_rows(struct cache *c, const long long *ids,
                                         size_t n);

#endif
