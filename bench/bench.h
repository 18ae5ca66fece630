/* What the benchmark programs share: a wall clock and fatal checks on the
 * cache.  prog names the program in messages. */
#ifndef AKHBAR_BENCH_BENCH_H
#define AKHBAR_BENCH_BENCH_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"

#include "store/cache.h"

/* Seconds on a monotonic clock. */
static inline double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Open the cache at path, or exit with its error. */
static inline struct cache *bench_open(const char *prog, const char *path)
{
	char *error = NULL;
	struct cache *c = cache_open(path, CACHE_READ_WRITE, &error);
	if (!c) {
		fprintf(stderr, "%s: %s\n", prog, error);
		exit(1);
	}
	return c;
}

/* Exit with the cache's error unless ok. */
static inline void bench_check(const char *prog, bool ok, struct cache *c)
{
	if (!ok) {
		fprintf(stderr, "%s: %s\n", prog, cache_error(c));
		exit(1);
	}
}

/* A new folder for the benchmark's files under $TMPDIR (or /tmp), or exit;
 * the caller removes it and frees the name. */
static inline char *bench_temp_dir(const char *prog)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/akhbar-%s-XXXXXX",
	                      base && *base ? base : "/tmp", prog);
	if (!mkdtemp(dir)) {
		perror(dir);
		exit(1);
	}
	return dir;
}

/* The options of the cache benchmarks: -n ITEMS (else *items stays) and
 * -d DIR (made if missing), else a new temporary folder, also put in *tmp
 * for the caller to remove and free (NULL when -d was given). Returns the
 * folder; exits with status 2 on a bad option. */
static inline const char *bench_options(const char *prog, int argc, char **argv,
                                        long *items, char **tmp)
{
	const char *dir = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "n:d:")) != -1) {
		if (opt == 'n')
			*items = strtol(optarg, NULL, 10);
		else if (opt == 'd')
			dir = optarg;
		else
			exit(2);
	}
	if (*items <= 0)
		exit(2);
	*tmp = NULL;
	if (!dir)
		return *tmp = bench_temp_dir(prog);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		perror(dir);
		exit(1);
	}
	return dir;
}

#endif
