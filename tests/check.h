/* Helpers shared by the C tests: CHECK() counts and reports a failed
 * condition without stopping, so one run shows every failure. */
#ifndef AKHBAR_TESTS_CHECK_H
#define AKHBAR_TESTS_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			check_failures++;                                      \
			fprintf(stderr, "%s:%d: failed: %s: ", __FILE__,       \
			        __LINE__, #cond);                              \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
		}                                                              \
	} while (0)

/* Equal strings; NULL equals only NULL. */
static inline int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static inline void check_str(const char *file, int line, const char *got,
                             const char *want, const char *what)
{
	if (str_eq(got, want))
		return;
	check_failures++;
	fprintf(stderr, "%s:%d: failed: %s: got \"%s\", want \"%s\"\n", file,
	        line, what, got ? got : "(null)", want ? want : "(null)");
}

#define CHECK_STR(got, want, what)                                             \
	check_str(__FILE__, __LINE__, (got), (want), (what))

/* A file of the source tree, from $top_srcdir (set by the test harness). */
static inline char *srcdir_path(const char *rel)
{
	const char *top = getenv("top_srcdir");
	size_t n = strlen(top ? top : ".") + strlen(rel) + 2;
	char *p = malloc(n);
	if (!p)
		abort();
	snprintf(p, n, "%s/%s", top ? top : ".", rel);
	return p;
}

/* The whole of a file, NUL-terminated, with its size in *len; NULL when
 * it can't be read.  The caller frees it. */
static inline char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t n = 0, cap = 65536;
	char *buf = malloc(cap + 1);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	fclose(f);
	if (!buf)
		abort();
	buf[n] = '\0';
	*len = n;
	return buf;
}

#define SEED "seeds/000_8cb5c2daadf7745d.txt"

/* A new empty folder $TMPDIR/akhbar-NAME-XXXXXX (else under /tmp) for a
 * test's files; NULL, said on stderr, when it can't be made.  Remove it
 * with check_tmpdir_remove(). */
static inline char *check_tmpdir(const char *name)
{
	const char *base = getenv("TMPDIR");
	size_t n = strlen(base && *base ? base : "/tmp") + strlen(name) + 16;
	char *dir = malloc(n);
	if (!dir)
		abort();
	snprintf(dir, n, "%s/akhbar-%s-XXXXXX", base && *base ? base : "/tmp",
	         name);
	if (!mkdtemp(dir)) {
		fprintf(stderr, "cannot create %s: %s\n", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/* Remove a folder of check_tmpdir() with everything in it, and free its
 * name. */
static inline void check_tmpdir_remove(char *dir)
{
	size_t n = strlen(dir) + 16;
	char *cmd = malloc(n);
	if (!cmd)
		abort();
	snprintf(cmd, n, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: could not remove %s\n", dir);
	free(cmd);
	free(dir);
}

static inline int check_result(const char *name)
{
	if (check_failures)
		fprintf(stderr, "%s: %d check(s) failed\n", name,
		        check_failures);
	return check_failures ? 1 : 0;
}

#endif
