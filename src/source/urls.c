/* The subscriptions file: newsboat's urls format, read line by line, and
 * written by appending through a whole-file replace. */
#include "config.h"

#include "source/urls.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/filter.h"
#include "source/url.h"
#include "text/safe.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/readfile.h"
#include "util/xalloc.h"
#include "util/xdg.h"

char *urls_default_path(void)
{
	return xdg_path(XDG_CONFIG, "urls");
}

static struct urls *urls_new(void)
{
	return xcalloc(1, sizeof(struct urls));
}

void urls_add_error(struct urls *u, const char *name, unsigned line,
                    const char *msg)
{
	char *whole = xasprintf("%s:%u: %s", name, line, msg);
	text_safe_message_add(&u->errors, &u->n_errors, &u->n_hidden, whole);
	free(whole);
}

static void entry_free(struct urls_entry *e)
{
	free(e->url);
	for (size_t i = 0; i < e->n_tags; i++)
		free(e->tags[i]);
	free(e->tags);
	free(e->title);
}

void urls_free(struct urls *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->n; i++)
		entry_free(&u->entries[i]);
	free(u->entries);
	for (size_t i = 0; i < u->n_errors; i++)
		free(u->errors[i]);
	free(u->errors);
	strset_free(&u->seen);
	free(u->first_entry);
	free(u);
}

const struct urls_entry *urls_find(const struct urls *u, const char *url)
{
	size_t k = strset_find(&u->seen, url);
	return k == STRSET_NONE ? NULL : &u->entries[u->first_entry[k]];
}

/* Index the URL of the last entry, when no entry before has it. */
static void index_last(struct urls *u)
{
	size_t known = u->seen.n;
	size_t k = strset_add(&u->seen, u->entries[u->n - 1].url);
	if (k < known)
		return;
	u->first_entry = xreallocarray(u->first_entry, u->seen.n,
	                               sizeof *u->first_entry);
	u->first_entry[k] = u->n - 1;
}

static struct urls_entry *push(struct urls *u)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? 2 * u->cap : 16;
		u->entries =
		        xreallocarray(u->entries, u->cap, sizeof(*u->entries));
	}
	struct urls_entry *e = &u->entries[u->n++];
	memset(e, 0, sizeof(*e));
	return e;
}

static void add_tag(struct urls_entry *e, const char *tag)
{
	if (tag[0] == '~' && tag[1]) {
		free(e->title);
		e->title = xstrdup(tag + 1);
	} else if (strcmp(tag, "!") == 0) {
		e->hidden = true;
	} else if (tag[0] && strcmp(tag, "~") != 0) {
		e->tags =
		        xreallocarray(e->tags, e->n_tags + 1, sizeof(*e->tags));
		e->tags[e->n_tags++] = xstrdup(tag);
	}
}

void urls_add(struct urls *u, const char *url, char *const *tags, size_t n_tags,
              const char *title)
{
	struct urls_entry *e = push(u);
	e->url = xstrdup(url);
	index_last(u);
	e->kind = URLS_FEED;
	/* Plain tags only: a tag that would read back as a title or the
	 * hidden mark loses what makes it one. */
	for (size_t i = 0; i < n_tags; i++) {
		const char *t = tags[i] + strspn(tags[i], "~");
		if (strcmp(t, "!") != 0)
			add_tag(e, t);
	}
	e->title = title ? xstrdup(title) : NULL;
}

/* The words of one line.  A word may mix quoted and bare parts; a # that
 * starts a word ends the line.  Returns NULL with *error on a bad quote. */
struct words {
	char **w;
	size_t n;
};

static void words_free(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
	ws->w = NULL;
	ws->n = 0;
}

static bool split_words(const char *s, const char *end, struct words *ws,
                        const char **error)
{
	char *buf = xmalloc((size_t)(end - s) + 1);
	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s == end || *s == '#')
			break;
		size_t n = 0;
		while (s < end && *s != ' ' && *s != '\t') {
			if (*s != '"') {
				buf[n++] = *s++;
				continue;
			}
			for (s++;; s++) {
				if (s == end) {
					*error = _("unterminated quote");
					free(buf);
					words_free(ws);
					return false;
				}
				if (*s == '"')
					break;
				if (*s == '\\' && s + 1 < end &&
				    (s[1] == '"' || s[1] == '\\'))
					s++;
				buf[n++] = *s;
			}
			s++;
		}
		ws->w = xreallocarray(ws->w, ws->n + 1, sizeof(*ws->w));
		ws->w[ws->n++] = xstrndup(buf, n);
	}
	free(buf);
	return true;
}

/* The kind of a first word, or false when it isn't a URL at all. */
static bool url_kind(const char *w, enum urls_kind *kind)
{
	static const struct {
		const char *prefix;
		enum urls_kind kind;
	} special[] = {
	        {"query:", URLS_QUERY},
	        {"exec:", URLS_EXEC},
	        {"filter:", URLS_FILTER},
	};
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		if (strncmp(w, special[i].prefix, strlen(special[i].prefix)) ==
		    0) {
			*kind = special[i].kind;
			return true;
		}
	*kind = URLS_FEED;
	return url_has_scheme(w) || w[0] == '/' || strncmp(w, "~/", 2) == 0;
}

char *urls_filter_split(const char *url, char **source)
{
	const char *cmd = url + strlen("filter:");
	const char *colon = strchr(cmd, ':');
	*source = xstrdup(colon ? colon + 1 : "");
	return colon ? xstrndup(cmd, (size_t)(colon - cmd)) : xstrdup(cmd);
}

/* Why an exec: or filter: line can't run, or NULL when it can. */
static const char *command_problem(const char *url, enum urls_kind kind)
{
	enum urls_kind inner;
	if (kind == URLS_EXEC)
		return url[5 + strspn(url + 5, " \t")]
		               ? NULL
		               : _("exec: needs a command: exec:COMMAND");
	if (kind != URLS_FILTER)
		return NULL;
	char *source;
	char *cmd = urls_filter_split(url, &source);
	bool ok = cmd[strspn(cmd, " \t")] && url_kind(source, &inner) &&
	          inner == URLS_FEED;
	free(cmd);
	free(source);
	return ok ? NULL
	          : _("filter: needs a command and a URL: filter:COMMAND:URL");
}

bool urls_query_split(const char *url, char **name, char **expr)
{
	const char *s = url + strlen("query:");
	const char *colon = strchr(s, ':');
	if (!colon || colon == s)
		return false;
	*name = xstrndup(s, (size_t)(colon - s));
	*expr = xstrdup(colon + 1);
	return true;
}

/* Why a query: line can't be shown (a new string), or NULL when it can. */
static char *query_problem(const char *url)
{
	char *name, *expr, *why = NULL;
	if (!urls_query_split(url, &name, &expr))
		return xstrdup(_("query: needs a name and an expression: "
		                 "\"query:NAME:EXPRESSION\""));
	struct filter *f = filter_parse(expr, &why, NULL);
	char *problem =
	        f ? NULL : xasprintf(_("bad query expression: %s"), why);
	filter_free(f);
	free(why);
	free(name);
	free(expr);
	return problem;
}

static void parse_line(struct urls *u, const char *s, const char *end,
                       const char *name, unsigned line)
{
	struct words ws = {0};
	const char *error = NULL;
	enum urls_kind kind;
	if (!split_words(s, end, &ws, &error)) {
		urls_add_error(u, name, line, error);
		return;
	}
	if (ws.n == 0)
		return;
	if (!url_kind(ws.w[0], &kind)) {
		char *msg = xasprintf(_("not a URL: %s"), ws.w[0]);
		urls_add_error(u, name, line, msg);
		free(msg);
		words_free(&ws);
		return;
	}
	const char *problem = command_problem(ws.w[0], kind);
	char *bad_query = kind == URLS_QUERY ? query_problem(ws.w[0]) : NULL;
	if (problem || bad_query) {
		urls_add_error(u, name, line, problem ? problem : bad_query);
		free(bad_query);
		words_free(&ws);
		return;
	}
	const char *home = xdg_home();
	char *url = strncmp(ws.w[0], "~/", 2) == 0 && home
	                    ? xasprintf("%s%s", home, ws.w[0] + 1)
	                    : xstrdup(ws.w[0]);
	const struct urls_entry *before = urls_find(u, url);
	if (before) {
		char *msg = xasprintf(_("%s is already listed on line %u"), url,
		                      before->line);
		urls_add_error(u, name, line, msg);
		free(msg);
		free(url);
		words_free(&ws);
		return;
	}
	struct urls_entry *e = push(u);
	e->url = url;
	index_last(u);
	e->kind = kind;
	e->line = line;
	for (size_t i = 1; i < ws.n; i++)
		add_tag(e, ws.w[i]);
	words_free(&ws);
}

struct urls *urls_parse(const char *text, const char *name)
{
	struct urls *u = urls_new();
	const char *s = text;
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3; /* a byte order mark some editors write */
	for (unsigned line = 1; *s; line++) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);
		const char *stop = end;
		if (stop > s && stop[-1] == '\r')
			stop--;
		parse_line(u, s, stop, name, line);
		s = nl ? nl + 1 : end;
	}
	return u;
}

/* The whole file, NUL-terminated; NULL with errno set on failure. */
/* The urls file's text; NULL with *why NULL when there is no file yet,
 * NULL with *why set (a new string) when it can't be read. */
static char *read_urls(const char *path, size_t *len, char **why)
{
	*why = NULL;
	*len = 0;
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT)
		return NULL;
	return readfile(path, false, READFILE_MAX_DEFAULT, len, why);
}

struct urls *urls_load(const char *path, char **error)
{
	size_t len;
	char *why;
	char *text = read_urls(path, &len, &why);
	if (!text && !why)
		return urls_new();
	if (!text) {
		*error = xasprintf("%s: %s", path, why);
		free(why);
		return NULL;
	}
	if (strlen(text) != len) {
		*error = xasprintf(
		        _("%s: not a text file (it holds NUL bytes)"), path);
		free(text);
		return NULL;
	}
	struct urls *u = urls_parse(text, path);
	free(text);
	return u;
}

/* The word as the parser reads it back: made safe (a line break would
 * start a new subscription), then quoted when bare wouldn't do. */
static void put_word(struct strbuf *out, const char *word, bool force_quotes)
{
	char *w = text_safe(word, 0);
	bool quote = force_quotes || !*w || *w == '#' ||
	             strpbrk(w, " \t\"\\") != NULL;
	if (quote)
		strbuf_addc(out, '"');
	for (const char *p = w; *p; p++) {
		if (quote && (*p == '"' || *p == '\\'))
			strbuf_addc(out, '\\');
		strbuf_addc(out, *p);
	}
	if (quote)
		strbuf_addc(out, '"');
	free(w);
}

char *urls_format(const struct urls_entry *e)
{
	struct strbuf out = {0};
	put_word(&out, e->url, false);
	for (size_t i = 0; i < e->n_tags; i++) {
		strbuf_addc(&out, ' ');
		put_word(&out, e->tags[i], false);
	}
	if (e->title) {
		char *t = xasprintf("~%s", e->title);
		strbuf_addc(&out, ' ');
		put_word(&out, t, true);
		free(t);
	}
	if (e->hidden) {
		strbuf_addc(&out, ' ');
		put_word(&out, "!", true);
	}
	return strbuf_take(&out);
}

static bool make_dirs(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) || (errno = ENOTDIR, false);
	char *copy = xstrdup(dir);
	char *parent = dirname(copy);
	bool ok = strcmp(parent, dir) == 0 || make_dirs(parent);
	free(copy);
	return ok && (mkdir(dir, 0777) == 0 || errno == EEXIST);
}

/* The old text, then a line per entry; false as soon as a write fails. */
static bool write_lines(FILE *out, const char *old, size_t old_len,
                        const struct urls_entry *e, size_t n)
{
	bool ok = old_len == 0 || fwrite(old, 1, old_len, out) == old_len;
	if (ok && old_len && old[old_len - 1] != '\n')
		ok = putc('\n', out) != EOF;
	for (size_t i = 0; ok && i < n; i++) {
		char *line = urls_format(&e[i]);
		ok = fprintf(out, "%s\n", line) >= 0;
		free(line);
	}
	return ok && fflush(out) == 0 && !ferror(out);
}

/* Make a rename in dir last through a crash; some file systems can't
 * sync a folder, and the rename is done by then either way. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Write the new file at tmp (open as fd) and rename it over target;
 * 0, or the errno of what failed (tmp is then removed). */
static int replace(int fd, const char *tmp, const char *target, const char *old,
                   size_t old_len, const struct urls_entry *e, size_t n)
{
	FILE *out = fdopen(fd, "w");
	if (!out) {
		int err = errno;
		close(fd);
		unlink(tmp);
		return err;
	}
	struct stat st;
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, old && stat(target, &st) == 0 ? st.st_mode & 07777
	                                         : 0666 & ~mask);
	errno = 0;
	bool ok = write_lines(out, old, old_len, e, n) && fsync(fd) == 0;
	int err = ok ? 0 : errno ? errno : EIO;
	if (fclose(out) != 0 && ok) {
		err = errno;
		ok = false;
	}
	if (ok && rename(tmp, target) != 0) {
		err = errno;
		ok = false;
	}
	if (!ok)
		unlink(tmp);
	return err;
}

bool urls_append(const char *path, const struct urls_entry *e, size_t n,
                 char **error)
{
	/* Write through a symbolic link (a dotfiles repository) to its target.
	 */
	char *real = realpath(path, NULL);
	const char *target = real ? real : path;
	size_t old_len;
	char *why;
	char *old = read_urls(target, &old_len, &why);
	char *copy = xstrdup(target);
	char *dir = dirname(copy);
	char *tmp = xasprintf("%s/.urls.XXXXXX", dir);
	int fd = -1, err = 0;
	if (why)
		*error = xasprintf("%s: %s", target, why);
	else if (!make_dirs(dir))
		*error = xasprintf("%s: %s", dir, strerror(errno));
	else if ((fd = mkstemp(tmp)) < 0)
		*error = xasprintf("%s: %s", tmp, strerror(errno));
	else if ((err = replace(fd, tmp, target, old, old_len, e, n)) != 0)
		*error = xasprintf(_("%s: cannot write the new subscriptions "
		                     "(%s); the file is unchanged"),
		                   target, strerror(err));
	else
		sync_dir(dir);
	bool ok = fd >= 0 && err == 0;
	free(why);
	free(old);
	free(copy);
	free(tmp);
	free(real);
	return ok;
}
