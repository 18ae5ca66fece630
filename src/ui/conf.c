/* The config parser: one for the compiled-in defaults and the user's file. */
#include "config.h"

#include "ui/conf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/safe.h"
#include "ui/keys.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xalloc.h"
#include "util/xdg.h"

struct ui_config *ui_config_new(void)
{
	struct ui_config *cfg = xcalloc(1, sizeof *cfg);
	for (int r = 0; r < UI_ROLE_COUNT; r++)
		cfg->colors[r] = (struct ui_color){-1, -1};
	return cfg;
}

void ui_config_free(struct ui_config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->nerrors; i++)
		free(cfg->errors[i]);
	free(cfg->errors);
	free(cfg->bindings);
	free(cfg->save_folder);
	filter_ignores_free(&cfg->ignore);
	free(cfg);
}

static void add_error(struct ui_config *cfg, const char *name, size_t line,
                      const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* Keep msg, which quotes the file, as safe text. */
static void push_error(struct ui_config *cfg, const char *msg)
{
	text_safe_message_add(&cfg->errors, &cfg->nerrors, &cfg->nhidden, msg);
}

static void add_error(struct ui_config *cfg, const char *name, size_t line,
                      const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *whole = xasprintf("%s:%zu: %s", name, line, msg);
	push_error(cfg, whole);
	free(whole);
}

static void unbind(struct ui_config *cfg, int key)
{
	size_t j = 0;
	for (size_t i = 0; i < cfg->nbindings; i++)
		if (cfg->bindings[i].key != key)
			cfg->bindings[j++] = cfg->bindings[i];
	cfg->nbindings = j;
}

static void bind(struct ui_config *cfg, int key, enum ui_action action)
{
	unbind(cfg, key);
	cfg->bindings = xreallocarray(cfg->bindings, cfg->nbindings + 1,
	                              sizeof *cfg->bindings);
	cfg->bindings[cfg->nbindings++] = (struct ui_binding){key, action};
}

static const char *const color_names[] = {
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* "default", a name, "bright-" a name, or 0..255; -2 when unknown. */
static int parse_color(const char *s)
{
	if (!strcmp(s, "default"))
		return -1;
	for (int i = 0; i < 8; i++) {
		if (!strcmp(s, color_names[i]))
			return i;
		if (!strncmp(s, "bright-", 7) && !strcmp(s + 7, color_names[i]))
			return 8 + i;
	}
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (*s >= '0' && *s <= '9' && *end == '\0' && errno == 0 && n <= 255)
		return (int)n;
	return -2;
}

#define MAX_WORDS 5

/* Split line (modified in place) at blanks; a word starting with # starts
 * a comment, to the end of the line.  Returns the number of words, at
 * most MAX_WORDS (a count of MAX_WORDS means "too many"). */
static size_t split(char *line, char **words)
{
	size_t n = 0;
	char *save = NULL;
	for (char *w = strtok_r(line, " \t\r", &save);
	     w && *w != '#' && n < MAX_WORDS;
	     w = strtok_r(NULL, " \t\r", &save))
		words[n++] = w;
	return n;
}

/* The key a word names; -1 (after recording why) when it names none. */
static int key_word(struct ui_config *cfg, const char *word, const char *name,
                    size_t lineno)
{
	int key = ui_key_parse(word);
	if (key < 0)
		add_error(cfg, name, lineno, _("unknown key '%s'"), word);
	return key;
}

/* The index of word in names[0..n), or -1. */
static int word_index(const char *word, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(word, names[i]))
			return (int)i;
	return -1;
}

static bool set_direction(struct ui_config *cfg, const char *value)
{
	static const char *const directions[] = {
	        [UI_CONFIG_DIR_AUTO] = "auto",
	        [UI_CONFIG_DIR_LTR] = "ltr",
	        [UI_CONFIG_DIR_RTL] = "rtl",
	};
	int i = word_index(value, directions, 3);
	if (i >= 0)
		cfg->direction = (enum ui_config_direction)i;
	return i >= 0;
}

/* Whether value names a set of keys; applied before the file's other
 * lines (apply_presets()). */
static bool set_keys(struct ui_config *cfg, const char *value)
{
	(void)cfg;
	return !strcmp(value, "akhbar") || !strcmp(value, "newsboat");
}

/* MINUTES, or SECONDS followed by s: at most a week. */
static bool set_reload_interval(struct ui_config *cfg, const char *value)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	bool seconds = !strcmp(end, "s");
	if (*value < '0' || *value > '9' || errno || (*end && !seconds) ||
	    n > (seconds ? 7 * 24 * 3600 : 7 * 24 * 60))
		return false;
	cfg->reload_interval = (int)(seconds ? n : 60 * n);
	return true;
}

static bool set_reload_at_start(struct ui_config *cfg, const char *value)
{
	static const char *const answers[] = {"no", "yes"};
	int i = word_index(value, answers, 2);
	if (i >= 0)
		cfg->reload_at_start = i;
	return i >= 0;
}

/* A folder; "~" or a "~/" start is the home folder ($HOME). */
static bool set_save_folder(struct ui_config *cfg, const char *value)
{
	const char *home = getenv("HOME");
	bool tilde = value[0] == '~' && (!value[1] || value[1] == '/');
	if (!*value || (tilde && (!home || !*home)))
		return false;
	free(cfg->save_folder);
	cfg->save_folder =
	        tilde ? xasprintf("%s%s", home, value + 1) : xstrdup(value);
	return true;
}

static const struct {
	const char *name;
	bool (*set)(struct ui_config *cfg, const char *value);
	const char *usage;
} settings[] = {
        {"interface-direction", set_direction,
         N_("usage: set interface-direction auto|ltr|rtl")},
        {"keys", set_keys, N_("usage: set keys akhbar|newsboat")},
        {"reload-interval", set_reload_interval,
         N_("usage: set reload-interval MINUTES")},
        {"reload-at-start", set_reload_at_start,
         N_("usage: set reload-at-start yes|no")},
        {"save-folder", set_save_folder, N_("usage: set save-folder PATH")},
};

/* Split line (modified in place) into words as newsboat's config quotes
 * them: "..." with \" and \\ inside; a word starting with # outside
 * quotes starts a comment.  Returns the number of words, at most max
 * (max means "too many"), or -1 when a quote is never closed. */
static int split_quoted(char *line, char **words, int max)
{
	int n = 0;
	char *in = line;
	for (;;) {
		in += strspn(in, " \t\r");
		if (!*in || *in == '#' || n == max)
			return n;
		char *out = in;
		words[n++] = out;
		while (*in && !strchr(" \t\r", *in)) {
			if (*in != '"') {
				*out++ = *in++;
				continue;
			}
			for (in++; *in != '"'; in++) {
				if (!*in)
					return -1;
				if (*in == '\\' &&
				    (in[1] == '"' || in[1] == '\\'))
					in++;
				*out++ = *in;
			}
			in++;
		}
		bool more = *in != '\0';
		*out = '\0';
		if (more && out == in)
			in++; /* the blank just cut */
	}
}

/* "set NAME VALUE": the value may be quoted (a path with a space). */
static bool parse_set(struct ui_config *cfg, char *line, const char *name,
                      size_t lineno)
{
	char *w[4];
	int quoted = split_quoted(line, w, 4);
	if (quoted < 0) {
		add_error(cfg, name, lineno, _("a quote is never closed"));
		return false;
	}
	size_t n = (size_t)quoted;
	for (size_t i = 0; n >= 2 && i < sizeof settings / sizeof *settings;
	     i++) {
		if (strcmp(w[1], settings[i].name))
			continue;
		if (n == 3 && settings[i].set(cfg, w[2]))
			return true;
		add_error(cfg, name, lineno, "%s", _(settings[i].usage));
		return false;
	}
	if (n < 2)
		add_error(cfg, name, lineno, "%s", _("usage: set NAME VALUE"));
	else
		add_error(cfg, name, lineno, _("unknown setting '%s'"), w[1]);
	return false;
}

/* ignore-article FEEDS "EXPRESSION" and ignore-mode download|display. */
static bool parse_ignore(struct ui_config *cfg, char *line, const char *name,
                         size_t lineno)
{
	char *w[4];
	int n = split_quoted(line, w, 4);
	if (n < 0) {
		add_error(cfg, name, lineno, _("a quote is never closed"));
		return false;
	}
	if (!strcmp(w[0], "ignore-mode")) {
		if (n == 2 &&
		    (!strcmp(w[1], "download") || !strcmp(w[1], "display")))
			return true;
		add_error(cfg, name, lineno,
		          _("usage: ignore-mode download|display"));
		return false;
	}
	if (n != 3) {
		add_error(cfg, name, lineno,
		          _("usage: ignore-article FEEDS \"EXPRESSION\" (FEEDS "
		            "a URL, or * for every feed)"));
		return false;
	}
	char *error = NULL;
	struct filter *f = filter_parse(w[2], &error, NULL);
	if (!f) {
		add_error(cfg, name, lineno, _("in the expression, %s"), error);
		free(error);
		return false;
	}
	filter_ignores_add(&cfg->ignore, w[1], f);
	return true;
}

/* Whether line's first word is word. */
static bool starts_with_word(const char *line, const char *word)
{
	line += strspn(line, " \t\r");
	size_t n = strlen(word);
	return !strncmp(line, word, n) && strchr(" \t\r", line[n]);
}

/* Apply one line; returns false (after recording why) when it is bad. */
static bool parse_line(struct ui_config *cfg, char *line, const char *name,
                       size_t lineno)
{
	if (starts_with_word(line, "ignore-article") ||
	    starts_with_word(line, "ignore-mode"))
		return parse_ignore(cfg, line, name, lineno);
	if (starts_with_word(line, "set"))
		return parse_set(cfg, line, name, lineno);
	char *w[MAX_WORDS];
	size_t n = split(line, w);
	if (n == 0)
		return true;

	if (!strcmp(w[0], "bind")) {
		if (n != 3) {
			add_error(cfg, name, lineno,
			          _("usage: bind KEY ACTION"));
			return false;
		}
		int key = key_word(cfg, w[1], name, lineno);
		if (key < 0)
			return false;
		enum ui_action a = ui_action_from_name(w[2]);
		if (a == UI_ACTION_NONE) {
			add_error(cfg, name, lineno, _("unknown action '%s'"),
			          w[2]);
			return false;
		}
		bind(cfg, key, a);
		return true;
	}
	if (!strcmp(w[0], "unbind")) {
		if (n != 2) {
			add_error(cfg, name, lineno, _("usage: unbind KEY"));
			return false;
		}
		int key = key_word(cfg, w[1], name, lineno);
		if (key < 0)
			return false;
		unbind(cfg, key);
		return true;
	}
	if (!strcmp(w[0], "color")) {
		if (n != 4) {
			add_error(cfg, name, lineno,
			          _("usage: color ROLE FG BG"));
			return false;
		}
		int role = ui_role_from_name(w[1]);
		if (role < 0) {
			add_error(cfg, name, lineno,
			          _("unknown colour role '%s'"), w[1]);
			return false;
		}
		int fg = parse_color(w[2]), bg = parse_color(w[3]);
		if (fg == -2 || bg == -2) {
			add_error(cfg, name, lineno, _("unknown colour '%s'"),
			          fg == -2 ? w[2] : w[3]);
			return false;
		}
		cfg->colors[role] = (struct ui_color){(short)fg, (short)bg};
		return true;
	}
	add_error(cfg, name, lineno, _("unknown command '%s'"), w[0]);
	return false;
}

/* Apply every line of text; returns the number of bad lines. */
static size_t parse_lines(struct ui_config *cfg, const char *text, size_t len,
                          const char *name)
{
	size_t bad = 0, lineno = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		lineno++;
		char *line = xstrndup(p, (size_t)(stop - p));
		if (strlen(line) != (size_t)(stop - p)) {
			add_error(cfg, name, lineno,
			          _("a NUL byte in the line"));
			bad++;
		} else if (!parse_line(cfg, line, name, lineno)) {
			bad++;
		}
		free(line);
		p = stop + (nl != NULL);
	}
	return bad;
}

/* Whether line (len bytes) is "set keys newsboat". */
static bool wants_newsboat_keys(const char *line, size_t len)
{
	char *copy = xstrndup(line, len);
	char *w[MAX_WORDS];
	size_t n = split(copy, w);
	bool yes = n == 3 && !strcmp(w[0], "set") && !strcmp(w[1], "keys") &&
	           !strcmp(w[2], "newsboat");
	free(copy);
	return yes;
}

/* Bind the keys a `set keys` line of text asks for, before its other
 * lines; the line itself is checked in its turn. */
static void apply_presets(struct ui_config *cfg, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		const char *at = p;
		while (at < stop && (*at == ' ' || *at == '\t'))
			at++;
		if (stop - at > 4 && !memcmp(at, "set", 3) &&
		    wants_newsboat_keys(at, (size_t)(stop - at)))
			parse_lines(cfg, ui_config_newsboat_keys,
			            strlen(ui_config_newsboat_keys),
			            "newsboat keys");
		p = stop + (nl != NULL);
	}
}

size_t ui_config_parse(struct ui_config *cfg, const char *text, size_t len,
                       const char *name)
{
	apply_presets(cfg, text, len);
	return parse_lines(cfg, text, len, name);
}

bool ui_config_load_file(struct ui_config *cfg, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT)
		return true; /* no file: the defaults */
	char *error = NULL;
	size_t len;
	char *text = readfile(path, false, READFILE_MAX_DEFAULT, &len, &error);
	if (!text) {
		char *msg = xasprintf("%s: %s", path, error);
		push_error(cfg, msg);
		free(msg);
		free(error);
		return false;
	}
	ui_config_parse(cfg, text, len, path);
	free(text);
	return true;
}

char *ui_config_user_path(void)
{
	return xdg_path(XDG_CONFIG, "config");
}

enum ui_action ui_config_action(const struct ui_config *cfg, int key)
{
	for (size_t i = 0; i < cfg->nbindings; i++)
		if (cfg->bindings[i].key == key)
			return cfg->bindings[i].action;
	return UI_ACTION_NONE;
}

bool ui_config_key_hint(const struct ui_config *cfg, enum ui_action a,
                        char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < cfg->nbindings; i++) {
		if (cfg->bindings[i].action == a) {
			ui_key_label(cfg->bindings[i].key, buf, size);
			return true;
		}
	}
	return false;
}

static const char *const order_names[CACHE_ORDER_COUNT] = {
        [CACHE_ORDER_NEWEST] = "newest",       [CACHE_ORDER_OLDEST] = "oldest",
        [CACHE_ORDER_TITLE] = "title",         [CACHE_ORDER_FEED] = "feed",
        [CACHE_ORDER_UNREAD_FIRST] = "unread",
};

char *ui_state_path(void)
{
	char *path = xdg_path(XDG_STATE, "state");
	if (!path)
		return NULL;
	/* mkdir -p, the folders made private */
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	return path;
}

/* One NAME VALUE line of the state file into st. */
static void state_line(struct ui_state *st, const char *name, const char *value)
{
	bool yes = !strcmp(value, "yes"), no = !strcmp(value, "no");
	if (!strcmp(name, "show-read-stories") && (yes || no))
		st->hide_read_stories = no;
	else if (!strcmp(name, "show-read-feeds") && (yes || no))
		st->hide_read_feeds = no;
	for (int k = 0; !strcmp(name, "sort") && k < CACHE_ORDER_COUNT; k++)
		if (!strcmp(value, order_names[k]))
			st->order = (enum cache_list_order)k;
}

void ui_state_load(struct ui_state *st, const char *path)
{
	size_t len;
	char *error = NULL;
	char *text =
	        path ? readfile(path, false, READFILE_MAX_DEFAULT, &len, &error)
	             : NULL;
	free(error);
	for (char *line = text, *next; line && *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		char name[32], value[32];
		if (sscanf(line, "%31s %31s", name, value) == 2)
			state_line(st, name, value);
	}
	free(text);
}

bool ui_state_save(const struct ui_state *st, const char *path)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	bool ok = out &&
	          fprintf(out,
	                  "show-read-stories %s\nshow-read-feeds %s\n"
	                  "sort %s\n",
	                  st->hide_read_stories ? "no" : "yes",
	                  st->hide_read_feeds ? "no" : "yes",
	                  order_names[st->order]) > 0 &&
	          fflush(out) == 0 && fsync(fd) == 0;
	if (out)
		ok = fclose(out) == 0 && ok;
	else if (fd >= 0)
		close(fd);
	ok = ok && rename(tmp, path) == 0;
	if (!ok && fd >= 0) {
		int saved = errno;
		unlink(tmp);
		errno = saved;
	}
	free(tmp);
	return ok;
}
