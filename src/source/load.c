#include "config.h"

#include "source/load.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source/article_file.h"
#include "util/die.h"
#include "util/xalloc.h"

/* Read one article file into lib; false (reported) when it failed. */
static bool load_file(struct library *lib, const char *path)
{
	char *error = NULL;
	struct article *a = article_file_read(path, &error);
	if (!a) {
		warn("%s", error);
		free(error);
		return false;
	}
	library_add_article(lib, a);
	return true;
}

static int not_hidden(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* The regular files of a folder in name order; subfolders and other
 * special files are not articles and are passed over. */
static size_t load_folder(struct library *lib, const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, not_hidden, alphasort);
	if (n < 0) {
		warn("%s: %s", dir, strerror(errno));
		return 1;
	}
	size_t len = strlen(dir);
	bool slash = len > 0 && dir[len - 1] == '/';
	size_t failures = 0;
	for (int i = 0; i < n; i++) {
		char *path = xasprintf("%s%s%s", dir, slash ? "" : "/",
		                       names[i]->d_name);
		struct stat st;
		if (stat(path, &st) < 0) {
			/* A dangling link or a file removed meanwhile. */
			warn("%s: %s", path, strerror(errno));
			failures++;
		} else if (S_ISREG(st.st_mode) && !load_file(lib, path)) {
			failures++;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return failures;
}

size_t source_load_paths(struct library *lib, char *const *paths, size_t n)
{
	size_t failures = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			failures += load_folder(lib, paths[i]);
		else if (!load_file(lib, paths[i]))
			failures++;
	}
	return failures;
}

/* Whether two paths name the same existing folder. */
static bool same_folder(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

char *source_default_seeds(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* A binary run from its build tree shows the source tree's
		 * samples, so it works before `make install`. */
		if (same_folder(dirname(exe), ABS_TOP_BUILDDIR))
			return xstrdup(ABS_TOP_SRCDIR "/seeds");
	}
	return xstrdup(PKGDATADIR "/seeds");
}
