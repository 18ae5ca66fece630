/* Sorted lists put in order on a thread of their own.  The thread reads
 * the list's rows in its order through a connection of its own and keeps
 * their ids; the owner's thread then fills a second table of places with
 * them, a slice at a time, and swaps it for list_order.  Until then the
 * list shown before stays readable as it was. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/thread.h"
#include "util/xalloc.h"

/* Rows put in the table between looks at the clock. */
#define STORE_BATCH 1024

struct cache_sort {
	struct cache *cache;
	struct cache_list list;
	sqlite3 *db; /* the thread's, until it is joined */
	pthread_t thread;
	bool joined;
	atomic_bool stop;
	pthread_mutex_t lock;
	pthread_cond_t finished;
	bool done;   /* under lock: the thread has nothing left to do */
	char *error; /* the thread's failure, read once done */
	/* the rows in order, the thread's until done */
	long long *items;
	unsigned char *unread;
	size_t n, cap;
	/* the owner's: rows put in the table so far */
	size_t stored;
	bool table; /* list_order_next made */
};

static void keep_row(struct cache_sort *s, long long item, bool unread)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 4096;
		s->items = xreallocarray(s->items, s->cap, sizeof *s->items);
		s->unread = xreallocarray(s->unread, s->cap, 1);
	}
	s->items[s->n] = item;
	s->unread[s->n++] = unread;
}

/* On the sort's thread: read the rows in order, unless told to stop. */
static void *sort_main(void *arg)
{
	struct cache_sort *s = arg;
	char *sql = cache_list_sort_sql(&s->list);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc == SQLITE_OK) {
		cache_list_bind(st, &s->list, NULL, false);
		while (!atomic_load(&s->stop) &&
		       (rc = sqlite3_step(st)) == SQLITE_ROW)
			keep_row(s, sqlite3_column_int64(st, 0),
			         sqlite3_column_int(st, 1) != 0);
	}
	char *error = rc == SQLITE_DONE || atomic_load(&s->stop)
	                      ? NULL
	                      : xstrdup(sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	pthread_mutex_lock(&s->lock);
	s->error = error;
	s->done = true;
	pthread_cond_signal(&s->finished);
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

struct cache_sort *cache_list_sort_start(struct cache *c,
                                         const struct cache_list *l)
{
	sqlite3 *db = cache_reader_open(c);
	if (!db)
		return NULL;
	struct cache_sort *s = xcalloc(1, sizeof *s);
	s->cache = c;
	s->list = *l;
	s->db = db;
	atomic_init(&s->stop, false);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->finished, NULL);
	int err = thread_create_quiet(&s->thread, sort_main, s);
	if (err) {
		cache_set_error(c, xasprintf(_("cannot sort the list: %s"),
		                             strerror(err)));
		s->joined = true;
		sqlite3_close(s->db);
		cache_list_sort_free(s);
		return NULL;
	}
	return s;
}

/* Wait for the thread until it is done or ms have passed (0: until it is
 * done); whether it is. */
static bool wait_done(struct cache_sort *s, int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += (long)ms * 1000000;
	until.tv_sec += until.tv_nsec / 1000000000;
	until.tv_nsec %= 1000000000;
	pthread_mutex_lock(&s->lock);
	int rc = 0;
	while (!s->done && rc != ETIMEDOUT)
		rc = ms ? pthread_cond_timedwait(&s->finished, &s->lock, &until)
		        : pthread_cond_wait(&s->finished, &s->lock);
	bool done = s->done;
	pthread_mutex_unlock(&s->lock);
	return done;
}

static void join(struct cache_sort *s)
{
	if (s->joined)
		return;
	pthread_join(s->thread, NULL);
	s->joined = true;
	sqlite3_close(s->db);
	s->db = NULL;
}

/* Put the rows the thread read in the second table, for about ms (0:
 * all): 1 when all are, 0 not yet, -1 failed with the cache's error. */
static int store_rows(struct cache_sort *s, int ms)
{
	struct cache *c = s->cache;
	if (!s->table) {
		if (!cache_exec(c, "DROP TABLE IF EXISTS temp.list_order_next;"
		                   "CREATE TEMP TABLE list_order_next"
		                   " " LIST_ORDER_COLUMNS))
			return -1;
		s->table = true;
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(cache_db(c),
	                            "INSERT INTO temp.list_order_next"
	                            " (item, unread) VALUES (?1, ?2)",
	                            -1, &st, NULL);
	bool own = sqlite3_get_autocommit(cache_db(c));
	if (rc != SQLITE_OK || (own && !cache_exec(c, "BEGIN"))) {
		sqlite3_finalize(st);
		if (rc != SQLITE_OK)
			cache_fail(c, rc);
		return -1;
	}
	long long until = monotonic_ms() + ms;
	while (rc == SQLITE_OK && s->stored < s->n &&
	       (ms == 0 || s->stored % STORE_BATCH || monotonic_ms() < until)) {
		sqlite3_bind_int64(st, 1, s->items[s->stored]);
		sqlite3_bind_int(st, 2, s->unread[s->stored]);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_reset(st);
		s->stored++;
	}
	if (rc != SQLITE_OK)
		cache_fail(c, sqlite3_errcode(cache_db(c)));
	sqlite3_finalize(st);
	if (own && !cache_exec(c, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK"))
		rc = SQLITE_ERROR;
	return rc != SQLITE_OK ? -1 : s->stored == s->n;
}

int cache_list_sort_step(struct cache_sort *s, int ms)
{
	if (!wait_done(s, ms))
		return 0;
	join(s);
	if (s->error) {
		cache_set_error(
		        s->cache,
		        xasprintf(_("cannot sort the list: %s"), s->error));
		return -1;
	}
	int stored = store_rows(s, ms);
	if (stored <= 0)
		return stored;
	if (!cache_exec(s->cache, "DROP TABLE IF EXISTS temp.list_order;"
	                          "ALTER TABLE temp.list_order_next"
	                          " RENAME TO list_order"))
		return -1;
	s->table = false;
	cache_list_set_sorted(s->cache, &s->list);
	return 1;
}

void cache_list_sort_free(struct cache_sort *s)
{
	if (!s)
		return;
	if (!s->joined) {
		atomic_store(&s->stop, true);
		sqlite3_interrupt(s->db);
		join(s);
	}
	if (s->table)
		sqlite3_exec(cache_db(s->cache),
		             "DROP TABLE IF EXISTS temp.list_order_next", NULL,
		             NULL, NULL);
	pthread_cond_destroy(&s->finished);
	pthread_mutex_destroy(&s->lock);
	free(s->error);
	free(s->items);
	free(s->unread);
	free(s);
}
