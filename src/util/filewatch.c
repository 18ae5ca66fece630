/* inotify on the file's folder, filtered by name. */
#include "config.h"

#include "util/filewatch.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"

#ifdef __linux__
#include <sys/inotify.h>

struct filewatch {
	int fd;
	char *name; /* the file's name in its folder */
};

struct filewatch *filewatch_new(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *folder =
	        slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	if (!*folder) {
		free(folder);
		folder = xstrdup("/");
	}
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd >= 0 &&
	    inotify_add_watch(fd, folder,
	                      IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE |
	                              IN_MOVED_TO | IN_DELETE) < 0) {
		close(fd);
		fd = -1;
	}
	free(folder);
	if (fd < 0)
		return NULL;
	struct filewatch *w = xcalloc(1, sizeof *w);
	w->fd = fd;
	w->name = xstrdup(slash ? slash + 1 : path);
	return w;
}

bool filewatch_changed(struct filewatch *w)
{
	if (!w)
		return false;
	bool changed = false;
	size_t name_len = strlen(w->name);
	char buf[4096]
	        __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;
	while ((n = read(w->fd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;
			/* A full queue lost some: any of them may be ours. */
			if ((ev->mask & IN_Q_OVERFLOW) ||
			    (ev->len && !strncmp(ev->name, w->name, name_len)))
				changed = true;
			p += sizeof *ev + ev->len;
		}
	}
	return changed;
}

int filewatch_fd(const struct filewatch *w)
{
	return w ? w->fd : -1;
}

void filewatch_free(struct filewatch *w)
{
	if (!w)
		return;
	close(w->fd);
	free(w->name);
	free(w);
}

#else

struct filewatch *filewatch_new(const char *path)
{
	(void)path;
	return NULL;
}

int filewatch_fd(const struct filewatch *w)
{
	(void)w;
	return -1;
}

bool filewatch_changed(struct filewatch *w)
{
	(void)w;
	return false;
}

void filewatch_free(struct filewatch *w)
{
	(void)w;
}

#endif
