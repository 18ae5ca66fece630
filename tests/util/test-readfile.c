/* Reading a whole file with a cap: a file at the cap is read and one byte
 * over is refused, a pipe is read to its end, and a device, a folder or a
 * pipe where only files are wanted are refused with a message. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "util/readfile.h"

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
}

/* readfile() of path: the bytes, or NULL and the message in *error. */
static char *read_path(const char *path, bool pipes, size_t max, size_t *len,
                       char **error)
{
	free(*error);
	*error = NULL;
	*len = 0;
	return readfile(path, pipes, max, len, error);
}

static void test_files(const char *dir)
{
	char path[256];
	snprintf(path, sizeof path, "%s/ten", dir);
	write_file(path, "0123456789", 10);
	char *error = NULL;
	size_t len;
	char *got = read_path(path, false, 10, &len, &error);
	CHECK(got && len == 10 && !memcmp(got, "0123456789", 11),
	      "at the cap: %s", error ? error : "wrong bytes");
	free(got);
	got = read_path(path, false, 9, &len, &error);
	CHECK(!got && error && !strcmp(error, "too large (over 9 bytes)"),
	      "over the cap: %s", error ? error : "read");
	free(got);
	got = read_path(dir, true, 100, &len, &error);
	CHECK(!got && error && !strcmp(error, strerror(EISDIR)), "a folder: %s",
	      error ? error : "read");
	free(got);
	got = read_path("/dev/null", true, 100, &len, &error);
	CHECK(!got && error && !strcmp(error, "not a regular file"),
	      "a device: %s", error ? error : "read");
	free(got);
	snprintf(path, sizeof path, "%s/none", dir);
	got = read_path(path, true, 100, &len, &error);
	CHECK(!got && error && !strcmp(error, strerror(ENOENT)), "no file: %s",
	      error ? error : "read");
	free(got);
	free(error);
}

/* A pipe of 200,000 bytes, more than it holds at once: read whole while
 * a child writes it; over the cap, refused. */
static void test_pipe(size_t max, bool want_all)
{
	int p[2];
	if (pipe(p) < 0) {
		perror("pipe");
		exit(99);
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		char block[1000];
		memset(block, 'x', sizeof block);
		for (int i = 0; i < 200; i++)
			if (write(p[1], block, sizeof block) < 0)
				_exit(0); /* the reader stopped */
		_exit(0);
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK); /* as readfile_open() leaves it */
	char *error = NULL;
	size_t len = 0;
	char *got = readfile_fd(p[0], max, &len, &error);
	close(p[0]);
	waitpid(pid, NULL, 0);
	if (want_all)
		CHECK(got && len == 200000 && got[len] == '\0' &&
		              strspn(got, "x") == len,
		      "pipe: %zu bytes, %s", len, error ? error : "");
	else
		CHECK(!got && error && !strcmp(error, "too large (over 1 KB)"),
		      "pipe over the cap: %s", error ? error : "read");
	free(got);
	free(error);
}

int main(void)
{
	char dir[] = "/tmp/akhbar-readfile-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	test_files(dir);
	test_pipe(1 << 20, true);
	test_pipe(1024, false);
	char path[256];
	snprintf(path, sizeof path, "%s/ten", dir);
	unlink(path);
	rmdir(dir);
	return check_result("test-readfile");
}
