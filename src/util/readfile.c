#include "config.h"

#include "util/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xalloc.h"

int readfile_open(const char *path, bool pipes, char **error)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		*error = xstrdup(strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) ||
	    (pipes && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))))
		return fd;
	close(fd);
	*error = xstrdup(S_ISDIR(st.st_mode) ? strerror(EISDIR)
	                                     : _("not a regular file"));
	return -1;
}

/* Wait until a pipe has bytes or its writer is gone: a named pipe opened
 * before its writer reads as empty otherwise. */
static bool wait_readable(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int rc;
	while ((rc = poll(&p, 1, -1)) < 0 && errno == EINTR)
		;
	return rc > 0;
}

static char *too_large(size_t max)
{
	char *t = readfile_size_text(max);
	char *s = xasprintf(_("too large (over %s)"), t);
	free(t);
	return s;
}

char *readfile_fd(int fd, size_t max, size_t *len, char **error)
{
	struct stat st;
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (regular && st.st_size > 0 && (uintmax_t)st.st_size > max) {
		*error = too_large(max);
		return NULL;
	}
	/* The size is only a hint: a file may grow while it is read. */
	size_t cap = regular && st.st_size > 0 ? (size_t)st.st_size + 2 : 65536;
	char *buf = xmalloc(cap);
	size_t n = 0;
	for (;;) {
		if (n + 1 >= cap)
			buf = xreallocarray(buf, cap *= 2, 1);
		/* One byte past the cap, to tell a file at the cap from a
		 * larger one. */
		size_t want = cap - n - 1;
		if (max - n < want)
			want = max - n + 1;
		ssize_t r = -1;
		if (regular || wait_readable(fd))
			r = read(fd, buf + n, want);
		if (r == 0)
			break;
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r < 0 || n + (size_t)r > max) {
			*error = r < 0 ? xstrdup(strerror(errno))
			               : too_large(max);
			free(buf);
			return NULL;
		}
		n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *readfile(const char *path, bool pipes, size_t max, size_t *len,
               char **error)
{
	int fd = readfile_open(path, pipes, error);
	if (fd < 0)
		return NULL;
	char *buf = readfile_fd(fd, max, len, error);
	close(fd);
	return buf;
}

char *readfile_size_text(size_t n)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		return xasprintf(_("%zu MB"), n / (1024 * 1024));
	if (n >= 1024 && n % 1024 == 0)
		return xasprintf(_("%zu KB"), n / 1024);
	return xasprintf(_("%zu bytes"), n);
}
