/* Where the time of taking in a feed goes: parsing alone, then parsing
 * and storing into a new cache, as `akhbar --refresh` does for one feed.
 *   ingest-bench FEEDFILE [CACHE]
 * Each phase runs in its own process, so its peak memory is its own. The
 * cache (default: a temporary file, removed) is made anew first. */
#include "config.h"

#include "bench.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/article.h"
#include "source/feed.h"
#include "store/cache.h"
#include "util/xalloc.h"

static const char *feed_path;
static const char *cache_path;

static void drop(void *ctx, const struct feed_meta *meta, struct article *a)
{
	(void)meta;
	++*(long *)ctx;
	article_free(a);
}

struct store {
	struct cache *c;
	struct cache_update *u;
	long n;
};

static void store(void *ctx, const struct feed_meta *meta, struct article *a)
{
	(void)meta;
	struct store *s = ctx;
	if (!cache_store_item(s->u, a)) {
		fprintf(stderr, "ingest-bench: %s\n", cache_error(s->c));
		exit(1);
	}
	s->n++;
	article_free(a);
}

static void parse(const struct feed_request *req)
{
	int fd = open(feed_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(feed_path);
		exit(1);
	}
	struct feed_meta meta = {0};
	char *error = NULL;
	if (feed_parse_fd(fd, req, &meta, &error) != 0) {
		fprintf(stderr, "ingest-bench: %s\n", error);
		exit(1);
	}
	close(fd);
	feed_meta_free(&meta);
}

static long parse_only(void)
{
	long n = 0;
	parse(&(struct feed_request){
	        .url = feed_path, .item = drop, .ctx = &n});
	return n;
}

static long parse_and_store(void)
{
	char *error = NULL;
	struct store s = {.c = cache_open(cache_path, CACHE_READ_WRITE, &error)};
	if (!s.c) {
		fprintf(stderr, "ingest-bench: %s\n", error);
		exit(1);
	}
	s.u = cache_feed_update_begin(s.c, feed_path);
	if (!s.u) {
		fprintf(stderr, "ingest-bench: %s\n", cache_error(s.c));
		exit(1);
	}
	parse(&(struct feed_request){
	        .url = feed_path, .item = store, .ctx = &s});
	if (!cache_feed_update_commit(s.u, NULL)) {
		fprintf(stderr, "ingest-bench: %s\n", cache_error(s.c));
		exit(1);
	}
	cache_close(s.c);
	return s.n;
}

/* Run a phase in a child: its time, item count and peak memory. */
static void phase(const char *name, long (*run)(void))
{
	int fds[2];
	if (pipe(fds) != 0) {
		perror("pipe");
		exit(1);
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		double start = bench_now();
		long n = run();
		double out[2] = {bench_now() - start, (double)n};
		_exit(write(fds[1], out, sizeof out) == sizeof out ? 0 : 1);
	}
	close(fds[1]);
	double out[2];
	bool ok = pid > 0 && read(fds[0], out, sizeof out) == sizeof out;
	close(fds[0]);
	int status;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !ok ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "ingest-bench: %s failed\n", name);
		exit(1);
	}
	double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	             (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	printf("%-24s %8.0f items %8.3f s %8.3f s CPU %8.1f MiB peak\n", name,
	       out[1], out[0], cpu, (double)ru.ru_maxrss / 1024.0);
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: ingest-bench FEEDFILE [CACHE]\n");
		return 2;
	}
	feed_path = argv[1];
	char *tmp = NULL;
	if (argc == 3) {
		cache_path = argv[2];
	} else {
		tmp = xstrdup("/tmp/akhbar-ingest-XXXXXX");
		if (!mkdtemp(tmp)) {
			perror(tmp);
			return 1;
		}
		cache_path = xasprintf("%s/cache.db", tmp);
	}
	static const char *const stale[] = {"", "-wal", "-shm", ".lock"};
	for (size_t i = 0; i < sizeof stale / sizeof *stale; i++) {
		char *f = xasprintf("%s%s", cache_path, stale[i]);
		unlink(f);
		free(f);
	}
	phase("parse only", parse_only);
	phase("parse and store", parse_and_store);
	if (tmp) {
		for (size_t i = 0; i < sizeof stale / sizeof *stale; i++) {
			char *f = xasprintf("%s%s", cache_path, stale[i]);
			unlink(f);
			free(f);
		}
		rmdir(tmp);
	}
	return 0;
}
