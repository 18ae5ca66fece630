#include "config.h"

#include "source/load.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source/article_file.h"
#include "source/feed.h"
#include "source/url.h"
#include "text/safe.h"
#include "util/die.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xalloc.h"

/* Feeds are told from article files by their start: the prolog (the XML
 * declaration, comments such as a licence, a DOCTYPE) and the root
 * element's name, looked for in this many bytes. */
#define SNIFF_BYTES (64 * 1024)

static void add_item(void *ctx, const struct feed_meta *meta,
                     struct article *item)
{
	(void)meta;
	library_add_article(ctx, item);
}

/* A feed file's items into lib; false (reported) when it failed. */
static bool load_feed(struct library *lib, const char *path, const char *buf,
                      size_t len)
{
	struct feed_request req = {.url = path, .item = add_item, .ctx = lib};
	char *error = NULL;
	if (feed_parse_memory(buf, len, &req, NULL, &error) < 0) {
		text_safe_warn(path, error);
		free(error);
		return false;
	}
	return true;
}

/* Read one article or feed file into lib, its bytes read once (a pipe
 * can be read only once) and at most max of them; false (reported) when
 * it failed.  pipes: a pipe named on the command line is read too. */
static bool load_file(struct library *lib, const char *path, bool pipes,
                      size_t max)
{
	char *error = NULL;
	size_t len;
	char *buf = readfile(path, pipes, max, &len, &error);
	if (!buf) {
		text_safe_warn(path, error);
		free(error);
		return false;
	}
	bool ok;
	if (feed_sniff(buf, len < SNIFF_BYTES ? len : SNIFF_BYTES)) {
		ok = load_feed(lib, path, buf, len);
	} else {
		struct article *a = article_parse(buf, len, path, &error);
		if (a)
			library_add_article(lib, a);
		else
			text_safe_warn(NULL, error);
		free(error);
		ok = a != NULL;
	}
	free(buf);
	return ok;
}

static int not_hidden(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* The regular files of a folder in name order; subfolders and other
 * special files are not articles and are passed over. */
static size_t load_folder(struct library *lib, const char *dir, size_t max)
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
			text_safe_warn(path, strerror(errno));
			failures++;
		} else if (S_ISREG(st.st_mode) &&
		           !load_file(lib, path, false, max)) {
			failures++;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return failures;
}

struct fetched {
	struct library *lib;
	bool ok;
};

static void on_fetched(void *ctx, struct fetch_result *r)
{
	struct fetched *f = ctx;
	if (r->status != FETCH_OK) {
		/* A plain fetch sends no validators: never "not modified". */
		text_safe_warn(r->url, r->error ? r->error : _("no answer"));
		return;
	}
	char *error = NULL;
	struct feed_request req = {
	        .url = r->effective_url,
	        .item = add_item,
	        .ctx = f->lib,
	        .content_type = r->headers.content_type,
	        .content_location = r->headers.content_location,
	        .content_language = r->headers.content_language,
	};
	if (feed_parse_memory(r->body, r->body_len, &req, NULL, &error) < 0) {
		text_safe_warn(r->url, error);
		free(error);
		return;
	}
	f->ok = true;
}

static bool load_url(struct library *lib, const char *url,
                     const struct fetch_options *fetch)
{
	struct fetched f = {.lib = lib};
	struct fetch_options opt = {0};
	if (fetch)
		opt = *fetch;
	opt.on_done = on_fetched;
	opt.on_data = NULL;
	opt.ctx = &f;
	struct fetch_request req = {.url = url};
	fetch_all(&opt, &req, 1);
	return f.ok;
}

size_t source_load(struct library *lib, char *const *paths, size_t n,
                   const struct fetch_options *fetch)
{
	size_t max = fetch && fetch->max_size ? fetch->max_size
	                                      : READFILE_MAX_DEFAULT;
	size_t failures = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (url_is_fetched(paths[i])) {
			if (!load_url(lib, paths[i], fetch))
				failures++;
		} else if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			failures += load_folder(lib, paths[i], max);
		} else if (!load_file(lib, paths[i], true, max)) {
			failures++;
		}
	}
	return failures;
}

size_t source_load_paths(struct library *lib, char *const *paths, size_t n)
{
	return source_load(lib, paths, n, NULL);
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
