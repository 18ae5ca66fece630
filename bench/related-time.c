/* How long related stories take in a cache that already exists.
 *   related-time CACHE [SAMPLES]
 * Opens CACHE, picks SAMPLES (default 200) items at random (the same
 * ones for the same cache), and times for each what opening it in the
 * reader asks the index: its related stories (the 8 the article view
 * shows) and its near-duplicates.  Prints two lines,
 *   related MEDIAN_MS P95_MS
 *   duplicates MEDIAN_MS P95_MS
 * The items are sampled by id through SQLite on a connection of their
 * own: a random id between the first and the last, the first item from
 * there (the ids of one ingest are consecutive). */
#include "config.h"

#include "bench.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/cache.h"

#define RELATED_SHOWN 8

static void die_sqlite(sqlite3 *db)
{
	fprintf(stderr, "related-time: %s\n", sqlite3_errmsg(db));
	exit(1);
}

static unsigned long long next(unsigned long long *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return *s >> 33;
}

/* The id the statement gives (with arg for its parameter, if it has
 * one), or 0. */
static long long query_id(sqlite3 *db, sqlite3_stmt *st, long long arg)
{
	sqlite3_reset(st);
	if (sqlite3_bind_parameter_count(st) &&
	    sqlite3_bind_int64(st, 1, arg) != SQLITE_OK)
		die_sqlite(db);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		die_sqlite(db);
	return rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
}

/* n item ids of the cache at path, at random. */
static long long *sample_ids(const char *path, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *range, *from;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	            SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT max(id) FROM items", -1, &range,
	                       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
	                       "SELECT id FROM items WHERE id >= ?1"
	                       " ORDER BY id LIMIT 1",
	                       -1, &from, NULL) != SQLITE_OK)
		die_sqlite(db);
	long long last = query_id(db, range, 0);
	long long first = query_id(db, from, 0);
	if (last <= 0) {
		fprintf(stderr, "related-time: %s has no items\n", path);
		exit(1);
	}
	long long *ids = xcalloc(n, sizeof *ids);
	unsigned long long s = 99;
	for (size_t i = 0; i < n; i++) {
		long long span = last - first + 1;
		long long at = first +
		               (long long)(next(&s) % (unsigned long long)span);
		ids[i] = query_id(db, from, at);
	}
	sqlite3_finalize(range);
	sqlite3_finalize(from);
	sqlite3_close(db);
	return ids;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, double *ms, size_t n)
{
	qsort(ms, n, sizeof *ms, by_value);
	printf("%s %.3f %.3f\n", what, ms[n / 2], ms[n * 95 / 100]);
}

/* The time of each id's related stories, or near-duplicates, in ms. */
static void time_each(struct cache *c, const long long *ids, size_t n,
                      bool related, double *ms)
{
	for (size_t i = 0; i < n; i++) {
		double t = bench_now();
		struct cache_story_list *r =
		        related ? cache_related(c, ids[i], RELATED_SHOWN)
		                : cache_duplicates(c, ids[i]);
		ms[i] = (bench_now() - t) * 1000;
		bench_check("related-time", r != NULL, c);
		cache_story_list_free(r);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: related-time CACHE [SAMPLES]\n");
		return 2;
	}
	long samples = argc == 3 ? strtol(argv[2], NULL, 10) : 200;
	if (samples < 1) {
		fprintf(stderr, "related-time: SAMPLES must be at least 1\n");
		return 2;
	}
	size_t n = (size_t)samples;
	long long *ids = sample_ids(argv[1], n);
	struct cache *c = bench_open("related-time", argv[1]);
	double *ms = xcalloc(n, sizeof *ms);
	time_each(c, ids, n, true, ms);
	report("related", ms, n);
	time_each(c, ids, n, false, ms);
	report("duplicates", ms, n);
	cache_close(c);
	free(ms);
	free(ids);
	return 0;
}
