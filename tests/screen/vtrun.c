/* vtrun SCRIPT.scr: run a program on a pseudo-terminal with libvterm as the
 * terminal, send it keys and check its screen.  The script language is
 * described in tests/screen/README.md.  Exit status: 0 pass, 1 fail,
 * 99 hard error (a broken script, a missing file, a failed fork). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "vt.h"

enum { EXIT_PASS = 0, EXIT_FAIL = 1, EXIT_HARD = 99 };

/* How long the implicit waits give the child (milliseconds).  After a key
 * the first output may take KEY_FIRST; once it has come, KEY_QUIET of
 * silence means the child has finished drawing. */
enum {
	WAIT_DEFAULT = 150,
	WAIT_MAX = 5000,
	START_FIRST = 1000,
	KEY_FIRST = 150,
	KEY_QUIET = 30,
	/* A screen check that fails keeps reading this long before it gives
	 * up: a slow child gets time, a passing check costs nothing. */
	CHECK_RETRY = 2000,
	/* A shell command beside the child may take this long. */
	SHELL_MAX = 60000,
};

struct saved_count {
	char *name;
	size_t bytes;
};

/* Everything the script has set up so far. */
static struct {
	const char *script; /* as given on the command line */
	int line;           /* the line being run, 1-based */
	struct vt vt;
	char **env; /* the child's environment, NULL-terminated */
	size_t nenv;
	char *home; /* the child's temporary HOME */
	struct saved_count *counts;
	size_t ncounts;
	unsigned long sent_signals; /* bit per signal the script sent */
	bool exit_checked; /* expect-exit has looked at the child's end */
	bool update;       /* UPDATE_EXPECTED=1: expect writes files */
} S;

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* End the child, remove its HOME, exit. */
static void finish(int status) __attribute__((noreturn));
static void finish(int status)
{
	vt_free(&S.vt);
	if (S.home)
		nftw(S.home, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	exit(status);
}

static void hard_error(const char *fmt, ...)
        __attribute__((format(printf, 1, 2), noreturn));
static void hard_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	if (S.line)
		fprintf(stderr, "%s:%d: ", S.script, S.line);
	else
		fprintf(stderr, "vtrun: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	finish(EXIT_HARD);
}

static void describe_status(FILE *f, int wstatus)
{
	if (WIFEXITED(wstatus))
		fprintf(f, "exited with status %d", WEXITSTATUS(wstatus));
	else if (WIFSIGNALED(wstatus))
		fprintf(f, "killed by signal %d (%s)", WTERMSIG(wstatus),
		        strsignal(WTERMSIG(wstatus)));
	else
		fprintf(f, "ended with wait status %#x", (unsigned)wstatus);
}

static void print_screen(FILE *f)
{
	fprintf(f, "screen (%d columns, %d rows, cursor %s):\n", S.vt.cols,
	        S.vt.rows, S.vt.cursor_visible ? "visible" : "hidden");
	for (int r = 0; r < S.vt.rows; r++) {
		char *row = vt_row(&S.vt, r);
		fprintf(f, "%3d|%s\n", r, row);
		free(row);
	}
}

/* The last n bytes the child wrote, control bytes escaped, and a line's
 * end. */
static void print_output_escaped(FILE *f, size_t n)
{
	for (size_t i = S.vt.nout - n; i < S.vt.nout; i++) {
		unsigned char c = S.vt.out[i];
		if (c == 0x1b)
			fputs("\\e", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('\n', f);
}

static void print_output_tail(FILE *f)
{
	size_t n = S.vt.nout < 300 ? S.vt.nout : 300;
	fprintf(f, "last %zu of %zu bytes the child wrote:\n", n, S.vt.nout);
	print_output_escaped(f, n);
}

static void fail(const char *fmt, ...)
        __attribute__((format(printf, 1, 2), noreturn));
static void fail(const char *fmt, ...)
{
	va_list ap;
	if (S.line)
		printf("FAIL %s:%d: ", S.script, S.line);
	else
		printf("FAIL %s, at the end: ", S.script);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (S.vt.pid > 0) {
		printf("child: ");
		if (vt_running(&S.vt))
			printf("running");
		else
			describe_status(stdout, S.vt.wstatus);
		putchar('\n');
	}
	print_screen(stdout);
	if (S.vt.nout)
		print_output_tail(stdout);
	finish(EXIT_FAIL);
}

/* ---- the child's environment ---- */

static size_t env_find(const char *name, size_t len)
{
	for (size_t i = 0; i < S.nenv; i++)
		if (strncmp(S.env[i], name, len) == 0 && S.env[i][len] == '=')
			return i;
	return S.nenv;
}

static const char *env_get(const char *name, size_t len)
{
	size_t i = env_find(name, len);
	return i < S.nenv ? S.env[i] + len + 1 : NULL;
}

static void env_unset(const char *name)
{
	size_t i = env_find(name, strlen(name));
	if (i == S.nenv)
		return;
	free(S.env[i]);
	S.env[i] = S.env[--S.nenv];
	S.env[S.nenv] = NULL;
}

static void env_set(const char *name, const char *value)
{
	env_unset(name);
	S.env = xreallocarray(S.env, S.nenv + 2, sizeof *S.env);
	S.env[S.nenv++] = xasprintf("%s=%s", name, value);
	S.env[S.nenv] = NULL;
}

/* The child gets vtrun's environment (PATH, ASAN_OPTIONS, AKHBAR...) with
 * what makes a run reproducible pinned down. */
static void env_init(void)
{
	extern char **environ;
	for (char **e = environ; *e; e++) {
		S.env = xreallocarray(S.env, S.nenv + 2, sizeof *S.env);
		S.env[S.nenv++] = xstrdup(*e);
	}
	S.env = xreallocarray(S.env, S.nenv + 1, sizeof *S.env);
	S.env[S.nenv] = NULL;

	const char *tmp = getenv("TMPDIR");
	char *templ =
	        xasprintf("%s/vtrun-home-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(templ))
		hard_error("cannot create a HOME in %s: %s", templ,
		           strerror(errno));
	S.home = templ;
	env_set("HOME", S.home);
	char *dir = xasprintf("%s/.config", S.home);
	env_set("XDG_CONFIG_HOME", dir);
	free(dir);
	dir = xasprintf("%s/.local/share", S.home);
	env_set("XDG_DATA_HOME", dir);
	free(dir);
	dir = xasprintf("%s/.cache", S.home);
	env_set("XDG_CACHE_HOME", dir);
	free(dir);
	dir = xasprintf("%s/.local/state", S.home);
	env_set("XDG_STATE_HOME", dir);
	free(dir);
	env_set("TERM", "xterm-256color");
	env_set("LANG", "C.UTF-8");
	env_set("LC_ALL", "C.UTF-8");
	env_set("TZ", "UTC");
	/* ncurses believes LINES and COLUMNS over the pty size, and
	 * ESCDELAY over its default; gettext reads LANGUAGE. */
	static const char *const drop[] = {"NO_COLOR", "TMUX",     "LINES",
	                                   "COLUMNS",  "LANGUAGE", "ESCDELAY"};
	for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
		env_unset(drop[i]);
}

/* ---- words and variables ---- */

struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Expand the $NAME or ${NAME} at *P (which points at the '$') into B from
 * the child's environment; advance *P past it. */
static void expand_var(const char **p, struct buf *b)
{
	const char *s = *p + 1;
	bool braced = *s == '{';
	if (braced)
		s++;
	const char *name = s;
	while (*s == '_' || (*s >= 'A' && *s <= 'Z') ||
	       (*s >= 'a' && *s <= 'z') || (s > name && *s >= '0' && *s <= '9'))
		s++;
	size_t len = (size_t)(s - name);
	if (len == 0 || (braced && *s != '}'))
		hard_error("bad variable reference near \"%s\"", *p);
	if (braced)
		s++;
	const char *value = env_get(name, len);
	if (!value)
		hard_error("variable %.*s is not set", (int)len, name);
	buf_add(b, value, strlen(value));
	*p = s;
}

/* TEXT with variables expanded and nothing else changed. */
static char *expand(const char *text)
{
	struct buf b = {0};
	buf_add(&b, "", 0);
	for (const char *p = text; *p;) {
		if (*p == '$') {
			expand_var(&p, &b);
		} else {
			buf_add(&b, p, 1);
			p++;
		}
	}
	return b.s;
}

/* Split a `run` line into words as a shell would: blanks separate words,
 * '...' is literal, "..." and bare text expand $VAR, a backslash quotes
 * the next character.  Returns a NULL-terminated array. */
static char **split_words(const char *text)
{
	char **words = NULL;
	size_t n = 0;
	const char *p = text;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		struct buf b = {0};
		buf_add(&b, "", 0);
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '\'') {
				const char *end = strchr(p + 1, '\'');
				if (!end)
					hard_error("unterminated '");
				buf_add(&b, p + 1, (size_t)(end - p - 1));
				p = end + 1;
			} else if (*p == '"') {
				p++;
				while (*p && *p != '"') {
					if (*p == '\\' && p[1] &&
					    strchr("\\\"$", p[1])) {
						buf_add(&b, p + 1, 1);
						p += 2;
					} else if (*p == '$') {
						expand_var(&p, &b);
					} else {
						buf_add(&b, p++, 1);
					}
				}
				if (*p != '"')
					hard_error("unterminated \"");
				p++;
			} else if (*p == '\\' && p[1]) {
				buf_add(&b, p + 1, 1);
				p += 2;
			} else if (*p == '$') {
				expand_var(&p, &b);
			} else {
				buf_add(&b, p++, 1);
			}
		}
		words = xreallocarray(words, n + 2, sizeof *words);
		words[n++] = b.s;
	}
	if (n == 0)
		hard_error("run needs a command");
	words[n] = NULL;
	return words;
}

static void free_words(char **words)
{
	for (char **w = words; *w; w++)
		free(*w);
	free(words);
}

static long parse_number(const char *s, const char **end, const char *what)
{
	char *e;
	errno = 0;
	long v = strtol(s, &e, 10);
	if (e == s || errno || v < 0 || v > INT_MAX)
		hard_error("expected a number (%s) at \"%s\"", what, s);
	if (end)
		*end = e;
	else if (*e)
		hard_error("unexpected text after the %s: \"%s\"", what, e);
	return v;
}

/* After a command's number arguments exactly one blank, then the text. */
static const char *text_arg(const char *s)
{
	return *s == ' ' || *s == '\t' ? s + 1 : s;
}

/* How many times slower than the normal build the child runs: the
 * sanitizer build's VTRUN_TIME_SCALE (set by the build), else 1. */
static long time_scale(void)
{
	const char *scale = getenv("VTRUN_TIME_SCALE");
	return scale && atol(scale) > 1 ? atol(scale) : 1;
}

/* ---- keys ---- */

static void after_input(void)
{
	vt_settle(&S.vt, KEY_FIRST, KEY_QUIET, WAIT_MAX);
}

static void require_running(const char *what)
{
	if (S.vt.pid <= 0)
		hard_error("%s before run", what);
	if (!vt_running(&S.vt))
		fail("cannot %s: the child is not running", what);
}

static const struct {
	const char *name;
	VTermKey key;
	VTermModifier mod;
} key_names[] = {
        {"Enter", VTERM_KEY_ENTER, VTERM_MOD_NONE},
        {"Tab", VTERM_KEY_TAB, VTERM_MOD_NONE},
        {"S-Tab", VTERM_KEY_TAB, VTERM_MOD_SHIFT},
        {"BS", VTERM_KEY_BACKSPACE, VTERM_MOD_NONE},
        {"Esc", VTERM_KEY_ESCAPE, VTERM_MOD_NONE},
        {"Up", VTERM_KEY_UP, VTERM_MOD_NONE},
        {"Down", VTERM_KEY_DOWN, VTERM_MOD_NONE},
        {"Left", VTERM_KEY_LEFT, VTERM_MOD_NONE},
        {"Right", VTERM_KEY_RIGHT, VTERM_MOD_NONE},
        {"PgUp", VTERM_KEY_PAGEUP, VTERM_MOD_NONE},
        {"PgDn", VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE},
        {"Home", VTERM_KEY_HOME, VTERM_MOD_NONE},
        {"End", VTERM_KEY_END, VTERM_MOD_NONE},
        {"Ins", VTERM_KEY_INS, VTERM_MOD_NONE},
        {"Del", VTERM_KEY_DEL, VTERM_MOD_NONE},
};

/* A mouse wheel report (SGR 1006) at the screen centre, 1-based. */
static void send_wheel(int button)
{
	char seq[48];
	int n = snprintf(seq, sizeof seq, "\033[<%d;%d;%dM", button,
	                 S.vt.cols / 2 + 1, S.vt.rows / 2 + 1);
	vt_send(&S.vt, seq, (size_t)n);
}

/* What one key of a `key` line sends. */
struct key {
	enum { KEY_VTERM, KEY_BYTES, KEY_WHEEL } kind;
	VTermKey vkey; /* KEY_VTERM: through libvterm's keyboard */
	VTermModifier mod;
	const char *bytes; /* KEY_BYTES: these, as they are */
	size_t len;
	int button; /* KEY_WHEEL: the SGR button number */
};

/* Decode <NAME> (without the brackets); false if unknown. */
static bool key_by_name(const char *name, size_t len, struct key *k)
{
	static const char ctrl[] = "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a"
	                           "\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14"
	                           "\x15\x16\x17\x18\x19\x1a";
	for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++)
		if (strlen(key_names[i].name) == len &&
		    memcmp(key_names[i].name, name, len) == 0) {
			*k = (struct key){.kind = KEY_VTERM,
			                  .vkey = key_names[i].key,
			                  .mod = key_names[i].mod};
			return true;
		}
	if (len == 5 && memcmp(name, "Space", 5) == 0) {
		*k = (struct key){.kind = KEY_BYTES, .bytes = " ", .len = 1};
	} else if (len == 2 && memcmp(name, "lt", 2) == 0) {
		*k = (struct key){.kind = KEY_BYTES, .bytes = "<", .len = 1};
	} else if (len == 3 && name[0] == 'C' && name[1] == '-' &&
	           ((name[2] >= 'a' && name[2] <= 'z') ||
	            (name[2] >= 'A' && name[2] <= 'Z'))) {
		/* what a terminal sends for Ctrl+letter: the letter & 0x1f */
		*k = (struct key){.kind = KEY_BYTES,
		                  .bytes = ctrl + (name[2] & 0x1f) - 1,
		                  .len = 1};
	} else if ((len == 2 || len == 3) && name[0] == 'F' && name[1] >= '1' &&
	           name[1] <= '9') {
		int n = name[1] - '0';
		if (len == 3) {
			if (name[2] < '0' || name[2] > '9')
				return false;
			n = n * 10 + name[2] - '0';
		}
		if (n > 12)
			return false;
		*k = (struct key){.kind = KEY_VTERM,
		                  .vkey = VTERM_KEY_FUNCTION(n)};
	} else if (len == 7 && memcmp(name, "WheelUp", 7) == 0) {
		*k = (struct key){.kind = KEY_WHEEL, .button = 64};
	} else if (len == 9 && memcmp(name, "WheelDown", 9) == 0) {
		*k = (struct key){.kind = KEY_WHEEL, .button = 65};
	} else {
		return false;
	}
	return true;
}

static void send_key(const struct key *k)
{
	switch (k->kind) {
	case KEY_VTERM:
		vt_send_key(&S.vt, k->vkey, k->mod);
		break;
	case KEY_BYTES:
		vt_send(&S.vt, k->bytes, k->len);
		break;
	case KEY_WHEEL:
		send_wheel(k->button);
		break;
	}
}

/* The keys named in KEYS, checked before any goes out; *n gets their
 * count.  Blanks only separate keys; a space is <Space>. */
static struct key *parse_keys(const char *keys, size_t *n)
{
	struct key *list = NULL;
	*n = 0;
	for (const char *p = keys; *p;) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		struct key k = {.kind = KEY_BYTES, .bytes = p, .len = 1};
		if (*p == '<') {
			const char *end = strchr(p, '>');
			if (!end ||
			    !key_by_name(p + 1, (size_t)(end - p - 1), &k))
				hard_error("unknown key name at \"%s\" (a < "
				           "itself is <lt>)",
				           p);
			p = end + 1;
		} else {
			while ((p[k.len] & 0xc0) == 0x80)
				k.len++;
			p += k.len;
		}
		list = xreallocarray(list, *n + 1, sizeof *list);
		list[(*n)++] = k;
	}
	if (*n == 0)
		hard_error("key needs keys");
	require_running("send keys");
	return list;
}

/* `key KEYS`: each key is sent by itself and followed by a wait, so the
 * child reads them one at a time as it would from a person. */
static void cmd_key(const char *keys)
{
	size_t n;
	struct key *list = parse_keys(keys, &n);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && !vt_running(&S.vt))
			fail("cannot send key %zu: the child is not running",
			     i + 1);
		send_key(&list[i]);
		after_input();
	}
	free(list);
}

/* `key-burst KEYS`: the keys back to back, as typed ahead faster than
 * the child reads them, then one wait. */
static void cmd_key_burst(const char *keys)
{
	size_t n;
	struct key *list = parse_keys(keys, &n);
	for (size_t i = 0; i < n; i++)
		send_key(&list[i]);
	after_input();
	free(list);
}

/* Send a key and wait for the child's first output after it (at most
 * limit_ms); how long it took. */
static long long answer_time(const struct key *k, long limit_ms)
{
	while (vt_pump(&S.vt, 0))
		; /* what came before the key */
	size_t before = S.vt.nout;
	long long sent = vt_now_ms();
	send_key(k);
	while (S.vt.nout == before && vt_now_ms() - sent <= limit_ms &&
	       !S.vt.eof && !vt_interrupted)
		vt_pump(&S.vt, 1);
	return vt_now_ms() - sent;
}

/* `key-within MS KEYS`: as `key`, and each key's first output must come
 * within MS milliseconds of it.  A key over the budget is followed by a
 * probe, Ctrl-L (redraw, which always draws and changes nothing), that
 * must make it: a machine busy with other tests can hold any process
 * back once, while a child that does not answer during its work misses
 * both.  The key itself is not sent again: at the end of a list or on a
 * toggle, a second one would draw nothing or undo the first. */
static void cmd_key_within(const char *args)
{
	char *end;
	long ms = strtol(args, &end, 10);
	if (end == args || ms <= 0 || *end != ' ')
		hard_error("key-within needs MS and keys");
	/* The sanitizer build's budget is scaled, the normal build's is MS
	 * as written. */
	ms *= time_scale();
	size_t n, probed = 0;
	struct key *list = parse_keys(end + 1, &n);
	static const struct key redraw = {
	        .kind = KEY_BYTES, .bytes = "\f", .len = 1};
	long long slowest = 0;
	for (size_t i = 0; i < n; i++) {
		if (!vt_running(&S.vt))
			fail("cannot send key %zu: the child is not running",
			     i + 1);
		long long took = answer_time(&list[i], 20 * ms);
		if (took > ms) {
			after_input();
			long long probe = answer_time(&redraw, 20 * ms);
			if (probe > ms)
				fail("key %zu was answered after %lld ms, and "
				     "a redraw after it after %lld ms: more "
				     "than %ld",
				     i + 1, took, probe, ms);
			printf("%s:%d: key %zu took %lld ms, a redraw after "
			       "it %lld ms\n",
			       S.script, S.line, i + 1, took, probe);
			probed++;
			took = probe;
		}
		if (took > slowest)
			slowest = took;
		after_input();
	}
	printf("%s:%d: %zu keys answered within %lld ms (%zu probed)\n",
	       S.script, S.line, n, slowest, probed);
	free(list);
}

/* ---- checks ---- */

/* Keep reading the child's output until CHECK holds or retry_ms have
 * passed with it false; return its last value. */
static bool settled_within(bool (*check)(const void *), const void *arg,
                           long retry_ms)
{
	long long end = vt_now_ms() + retry_ms;
	while (!check(arg)) {
		if (vt_interrupted)
			hard_error("interrupted");
		if (vt_now_ms() >= end)
			return false;
		if (!vt_pump(&S.vt, 20) && S.vt.eof)
			return check(arg); /* the screen cannot change now */
	}
	return true;
}

static bool settled(bool (*check)(const void *), const void *arg)
{
	return settled_within(check, arg, CHECK_RETRY);
}

struct screen_file {
	char **rows;
	size_t nrows;
};

static void trim_right(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
}

static bool screen_matches(const void *arg)
{
	const struct screen_file *f = arg;
	if (f->nrows != (size_t)S.vt.rows)
		return false;
	for (int r = 0; r < S.vt.rows; r++) {
		char *row = vt_row(&S.vt, r);
		bool same = strcmp(row, f->rows[r]) == 0;
		free(row);
		if (!same)
			return false;
	}
	return true;
}

static void print_diff(const char *name, const struct screen_file *f)
{
	printf("--- %s (expected)\n+++ screen\n", name);
	size_t n = f->nrows > (size_t)S.vt.rows ? f->nrows : (size_t)S.vt.rows;
	for (size_t r = 0; r < n; r++) {
		char *row =
		        r < (size_t)S.vt.rows ? vt_row(&S.vt, (int)r) : NULL;
		const char *want = r < f->nrows ? f->rows[r] : NULL;
		if (row && want && strcmp(row, want) == 0) {
			printf(" %3zu|%s\n", r, row);
		} else {
			if (want)
				printf("-%3zu|%s\n", r, want);
			if (row)
				printf("+%3zu|%s\n", r, row);
		}
		free(row);
	}
}

static void cmd_expect(const char *name)
{
	if (!*name)
		hard_error("expect needs a file");
	if (S.update) {
		FILE *f = fopen(name, "w");
		if (!f)
			hard_error("cannot write %s: %s", name,
			           strerror(errno));
		for (int r = 0; r < S.vt.rows; r++) {
			char *row = vt_row(&S.vt, r);
			fprintf(f, "%s\n", row);
			free(row);
		}
		if (fclose(f) != 0)
			hard_error("cannot write %s: %s", name,
			           strerror(errno));
		fprintf(stderr, "%s:%d: wrote %s: read it before committing\n",
		        S.script, S.line, name);
		return;
	}
	FILE *f = fopen(name, "r");
	if (!f)
		hard_error("cannot read %s: %s (UPDATE_EXPECTED=1 writes it)",
		           name, strerror(errno));
	struct screen_file sf = {0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		trim_right(line);
		sf.rows = xreallocarray(sf.rows, sf.nrows + 1, sizeof *sf.rows);
		sf.rows[sf.nrows++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	if (!settled(screen_matches, &sf)) {
		printf("FAIL %s:%d: the screen differs from %s\n", S.script,
		       S.line, name);
		print_diff(name, &sf);
		fail("expect %s", name);
	}
	for (size_t i = 0; i < sf.nrows; i++)
		free(sf.rows[i]);
	free(sf.rows);
}

struct row_text {
	int row;
	const char *text;
};

static bool row_equals(const void *arg)
{
	const struct row_text *rt = arg;
	char *row = vt_row(&S.vt, rt->row);
	bool same = strcmp(row, rt->text) == 0;
	free(row);
	return same;
}

static void cmd_expect_row(const char *args)
{
	const char *rest;
	long r = parse_number(args, &rest, "row");
	if (r >= S.vt.rows)
		hard_error("row %ld is outside the %d rows", r, S.vt.rows);
	char *text = xstrdup(text_arg(rest));
	trim_right(text);
	struct row_text rt = {(int)r, text};
	if (!settled(row_equals, &rt)) {
		char *row = vt_row(&S.vt, (int)r);
		printf("row %ld expected: |%s|\n", r, text);
		printf("row %ld is:       |%s|\n", r, row);
		free(row);
		fail("expect-row %ld", r);
	}
	free(text);
}

static bool screen_contains(const void *text)
{
	bool found = false;
	for (int r = 0; r < S.vt.rows && !found; r++) {
		char *row = vt_row(&S.vt, r);
		found = strstr(row, text) != NULL;
		free(row);
	}
	return found;
}

static bool screen_lacks(const void *text)
{
	return !screen_contains(text);
}

static bool cursor_hidden(const void *arg)
{
	(void)arg;
	return !S.vt.cursor_visible;
}

/* The cursor shown, on the cell arg (a VTermPos) names. */
static bool cursor_at(const void *arg)
{
	const VTermPos *want = arg;
	VTermPos pos;
	vterm_state_get_cursorpos(vterm_obtain_state(S.vt.term), &pos);
	return S.vt.cursor_visible && pos.row == want->row &&
	       pos.col == want->col;
}

static void cmd_expect_cursor(const char *args)
{
	VTermPos want;
	if (sscanf(args, "%d %d", &want.row, &want.col) != 2)
		hard_error("usage: expect-cursor ROW COL");
	if (!settled(cursor_at, &want)) {
		VTermPos pos;
		vterm_state_get_cursorpos(vterm_obtain_state(S.vt.term), &pos);
		fail("the cursor is %s at %d,%d, not shown at %d,%d",
		     S.vt.cursor_visible ? "shown" : "hidden", pos.row, pos.col,
		     want.row, want.col);
	}
}

struct cell_attr {
	int row, col;
	const char *attr;
	bool want;
};

static bool attr_of(const VTermScreenCell *cell, const char *attr)
{
	if (strcmp(attr, "reverse") == 0)
		return cell->attrs.reverse;
	if (strcmp(attr, "bold") == 0)
		return cell->attrs.bold;
	if (strcmp(attr, "underline") == 0)
		return cell->attrs.underline != 0;
	if (strcmp(attr, "italic") == 0)
		return cell->attrs.italic;
	hard_error("unknown attribute %s (reverse, bold, underline, italic)",
	           attr);
}

static bool cell_has_attr(const void *arg)
{
	const struct cell_attr *ca = arg;
	VTermScreenCell cell;
	VTermPos pos = {.row = ca->row, .col = ca->col};
	vterm_screen_get_cell(S.vt.screen, pos, &cell);
	return attr_of(&cell, ca->attr) == ca->want;
}

static void cmd_expect_attr(const char *args)
{
	const char *rest;
	long r = parse_number(args, &rest, "row");
	long c = parse_number(text_arg(rest), &rest, "column");
	if (r >= S.vt.rows || c >= S.vt.cols)
		hard_error("cell %ld,%ld is outside the screen", r, c);
	const char *attr = text_arg(rest);
	struct cell_attr ca = {(int)r, (int)c, attr, true};
	if (*attr == '!') {
		ca.want = false;
		ca.attr++;
	}
	if (!settled(cell_has_attr, &ca))
		fail("cell row %ld column %ld is %s%s", r, c,
		     ca.want ? "not " : "", ca.attr);
}

/* Two cells compared by look: every attribute and both colours. */
struct cell_pair {
	VTermPos a, b;
	bool same;
};

static bool same_color(VTermColor x, VTermColor y)
{
	/* a palette index and the RGB it stands for are one colour */
	vterm_screen_convert_color_to_rgb(S.vt.screen, &x);
	vterm_screen_convert_color_to_rgb(S.vt.screen, &y);
	return vterm_color_is_equal(&x, &y);
}

static bool same_look(const VTermScreenCell *x, const VTermScreenCell *y)
{
	const VTermScreenCellAttrs *p = &x->attrs, *q = &y->attrs;
	return p->bold == q->bold && p->underline == q->underline &&
	       p->italic == q->italic && p->blink == q->blink &&
	       p->reverse == q->reverse && p->strike == q->strike &&
	       p->font == q->font && same_color(x->fg, y->fg) &&
	       same_color(x->bg, y->bg);
}

static bool cells_compare(const void *arg)
{
	const struct cell_pair *cp = arg;
	VTermScreenCell x, y;
	vterm_screen_get_cell(S.vt.screen, cp->a, &x);
	vterm_screen_get_cell(S.vt.screen, cp->b, &y);
	return same_look(&x, &y) == cp->same;
}

/* expect-same-look / expect-other-look ROW COL ROW2 COL2 */
static void cmd_expect_look(const char *args, bool same)
{
	const char *rest = args;
	long n[4];
	static const char *const what[4] = {"row", "column", "second row",
	                                    "second column"};
	for (int i = 0; i < 4; i++)
		n[i] = parse_number(rest, i < 3 ? &rest : NULL, what[i]);
	for (int i = 0; i < 4; i += 2)
		if (n[i] >= S.vt.rows || n[i + 1] >= S.vt.cols)
			hard_error("cell %ld,%ld is outside the screen", n[i],
			           n[i + 1]);
	struct cell_pair cp = {
	        {(int)n[0], (int)n[1]}, {(int)n[2], (int)n[3]}, same};
	if (!settled(cells_compare, &cp))
		fail("cells %ld,%ld and %ld,%ld look %s", n[0], n[1], n[2],
		     n[3], same ? "different" : "the same");
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex pairs (blanks allowed between them) into bytes. */
static unsigned char *parse_hex(const char *s, size_t *len)
{
	unsigned char *bytes = xmalloc(strlen(s) / 2 + 1);
	size_t n = 0;
	while (*s) {
		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		int hi = hex_digit(s[0]), lo = hi < 0 ? -1 : hex_digit(s[1]);
		if (lo < 0)
			hard_error("bad hex at \"%s\"", s);
		bytes[n++] = (unsigned char)(hi << 4 | lo);
		s += 2;
	}
	if (n == 0)
		hard_error("no bytes given");
	*len = n;
	return bytes;
}

struct needle {
	const unsigned char *bytes;
	size_t len;
	bool want;
};

static bool output_has(const void *arg)
{
	const struct needle *nd = arg;
	bool found = S.vt.nout >= nd->len &&
	             memmem(S.vt.out, S.vt.nout, nd->bytes, nd->len) != NULL;
	return found == nd->want;
}

static void cmd_output_contains(const char *hex, bool want)
{
	struct needle nd = {.want = want};
	unsigned char *bytes = parse_hex(hex, &nd.len);
	nd.bytes = bytes;
	if (!settled(output_has, &nd))
		fail("the child's output %s the bytes %s",
		     want ? "lacks" : "contains", hex);
	free(bytes);
}

/* Byte strings that must come in this order in the output. */
struct in_order {
	unsigned char **bytes;
	size_t *len;
	size_t n;
};

/* Each string found after the end of the one before it. */
static bool output_in_order(const void *arg)
{
	const struct in_order *o = arg;
	size_t at = 0;
	for (size_t i = 0; i < o->n; i++) {
		const unsigned char *p = memmem(S.vt.out + at, S.vt.nout - at,
		                                o->bytes[i], o->len[i]);
		if (!p)
			return false;
		at = (size_t)(p - S.vt.out) + o->len[i];
	}
	return true;
}

/* output-in-order HEX | HEX | ...: the child's whole output has these
 * bytes, each after the ones before it. */
static void cmd_output_in_order(const char *args)
{
	struct in_order o = {0};
	char *copy = xstrdup(args), *save = NULL;
	for (char *part = strtok_r(copy, "|", &save); part;
	     part = strtok_r(NULL, "|", &save)) {
		o.bytes = xreallocarray(o.bytes, o.n + 1, sizeof *o.bytes);
		o.len = xreallocarray(o.len, o.n + 1, sizeof *o.len);
		o.bytes[o.n] = parse_hex(part, &o.len[o.n]);
		o.n++;
	}
	if (o.n < 2)
		hard_error("usage: output-in-order HEX | HEX [| HEX...]");
	if (!settled(output_in_order, &o))
		fail("the child's output lacks %s in that order", args);
	for (size_t i = 0; i < o.n; i++)
		free(o.bytes[i]);
	free(o.bytes);
	free(o.len);
	free(copy);
}

/* output-clean-controls: nothing but what a curses program needs to draw
 * reached the terminal.  Allowed: printable UTF-8, BS, TAB, LF, CR, and
 * ESC sequences that are CSI or a plain escape (charset, keypad, save and
 * restore).  Refused, as only content could have brought them: the string
 * controls OSC, DCS, APC, PM, SOS (except tmux's passthrough DCS, whose
 * body is doubled-ESC CSI sequences only), other C0 controls including
 * BEL, DEL, C1 controls in either encoding, and invalid UTF-8.  Returns a
 * description of the first offence, or NULL. */
static char *find_unclean(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c == 0x1b) {
			if (i + 1 >= n)
				return xasprintf("a lone ESC at byte %zu", i);
			unsigned char k = s[i + 1];
			if (k == '[') {
				size_t j = i + 2;
				while (j < n && s[j] >= 0x20 && s[j] <= 0x3f)
					j++;
				if (j >= n || s[j] < 0x40 || s[j] > 0x7e)
					return xasprintf(
					        "a malformed CSI at byte %zu",
					        i);
				i = j + 1;
				continue;
			}
			if (k == 'P' && n - i >= 7 &&
			    memcmp(s + i + 2, "tmux;", 5) == 0) {
				/* tmux passthrough: ESC ESC [ ... final, until
				 * ESC \ */
				size_t j = i + 7;
				while (j + 2 < n && s[j] == 0x1b &&
				       s[j + 1] == 0x1b && s[j + 2] == '[') {
					j += 3;
					while (j < n && s[j] >= 0x20 &&
					       s[j] <= 0x3f)
						j++;
					if (j >= n || s[j] < 0x40 ||
					    s[j] > 0x7e)
						break;
					j++;
				}
				if (j + 1 < n && s[j] == 0x1b &&
				    s[j + 1] == '\\') {
					i = j + 2;
					continue;
				}
				return xasprintf("a tmux passthrough at byte "
				                 "%zu that is not only CSI "
				                 "sequences",
				                 i);
			}
			if (strchr("P]_^X", k))
				return xasprintf("the string control ESC %c at "
				                 "byte %zu",
				                 k, i);
			size_t j = i + 1;
			while (j < n && s[j] >= 0x20 && s[j] <= 0x2f)
				j++;
			if (j >= n || s[j] < 0x30 || s[j] > 0x7e)
				return xasprintf(
				        "a malformed escape at byte %zu", i);
			i = j + 1;
			continue;
		}
		if (c < 0x20 && c != '\b' && c != '\t' && c != '\n' &&
		    c != '\r')
			return xasprintf("the control byte 0x%02x at byte %zu",
			                 c, i);
		if (c == 0x7f)
			return xasprintf("DEL at byte %zu", i);
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len = c >= 0xc2 && c <= 0xdf   ? 2
		             : c >= 0xe0 && c <= 0xef ? 3
		             : c >= 0xf0 && c <= 0xf4 ? 4
		                                      : 0;
		if (len == 0 || i + len > n)
			return xasprintf("invalid UTF-8 at byte %zu", i);
		for (size_t j = 1; j < len; j++)
			if ((s[i + j] & 0xc0) != 0x80)
				return xasprintf("invalid UTF-8 at byte %zu",
				                 i);
		if (c == 0xc2 && s[i + 1] <= 0x9f)
			return xasprintf("the C1 control U+%04X at byte %zu",
			                 s[i + 1], i);
		i += len;
	}
	return NULL;
}

static void cmd_output_clean(void)
{
	char *why = find_unclean(S.vt.out, S.vt.nout);
	if (why) {
		printf("output-clean-controls: %s\n", why);
		free(why);
		fail("the child's output has a control that is not drawing");
	}
}

static struct saved_count *find_count(const char *name)
{
	for (size_t i = 0; i < S.ncounts; i++)
		if (strcmp(S.counts[i].name, name) == 0)
			return &S.counts[i];
	return NULL;
}

static void cmd_bytes_save(const char *name)
{
	if (!*name || strchr(name, ' '))
		hard_error("bytes-save needs one name");
	struct saved_count *sc = find_count(name);
	if (!sc) {
		S.counts = xreallocarray(S.counts, S.ncounts + 1,
		                         sizeof *S.counts);
		sc = &S.counts[S.ncounts++];
		sc->name = xstrdup(name);
	}
	sc->bytes = S.vt.counted;
	printf("%s:%d: bytes %s = %zu\n", S.script, S.line, name, sc->bytes);
}

static void cmd_bytes_ratio(const char *args)
{
	char a[64], b[64];
	double ratio;
	char extra;
	if (sscanf(args, "%63s %63s %lf %c", a, b, &ratio, &extra) != 3)
		hard_error("usage: bytes-ratio-max A B R");
	struct saved_count *ca = find_count(a), *cb = find_count(b);
	if (!ca || !cb)
		hard_error("no count saved under %s", ca ? b : a);
	printf("%s:%d: bytes %s / %s = %zu / %zu\n", S.script, S.line, a, b,
	       ca->bytes, cb->bytes);
	if ((double)ca->bytes > ratio * (double)cb->bytes)
		fail("%s wrote %zu bytes, more than %g x %s (%zu bytes)", a,
		     ca->bytes, ratio, b, cb->bytes);
}

/* A cell a terminal shows after erasing it: blank, in the default
 * background, with no attribute that shows on a blank. */
static bool looks_erased(const VTermScreenCell *cell)
{
	return (cell->chars[0] == 0 ||
	        (cell->chars[0] == ' ' && cell->chars[1] == 0)) &&
	       !cell->attrs.reverse && !cell->attrs.underline &&
	       !cell->attrs.strike && VTERM_COLOR_IS_DEFAULT_BG(&cell->bg);
}

/* The bytes a cell's characters take in UTF-8 (an empty cell: a blank). */
static size_t cell_bytes(const VTermScreenCell *cell)
{
	if (cell->chars[0] == 0)
		return 1;
	size_t n = 0;
	for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell->chars[i]; i++) {
		uint32_t c = cell->chars[i];
		n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	}
	return n;
}

/* The bytes of row r's text from its first cell that does not look
 * erased to its last one: what a terminal must be sent at least to
 * show that row anew. */
static size_t row_text_bytes(int r)
{
	size_t total = 0, kept = 0;
	bool started = false;
	for (int c = 0; c < S.vt.cols;) {
		VTermScreenCell cell;
		VTermPos pos = {.row = r, .col = c};
		vterm_screen_get_cell(S.vt.screen, pos, &cell);
		bool erased = looks_erased(&cell);
		if (started || !erased) {
			started = true;
			total += cell_bytes(&cell);
			if (!erased)
				kept = total;
		}
		c += cell.width > 0 ? cell.width : 1;
	}
	return kept;
}

/* "bytes-rows-max N ROWS...": at most N bytes since bytes-reset beyond
 * the text of the rows named (each ROW or FIRST-LAST, from 0). */
static void cmd_bytes_rows(const char *args)
{
	const char *p;
	long extra = parse_number(args, &p, "byte count");
	size_t text = 0;
	int nrows = 0;
	while (*p == ' ' || *p == '\t') {
		p++;
		if (!*p)
			break;
		long first = parse_number(p, &p, "row");
		long last = first;
		if (*p == '-')
			last = parse_number(p + 1, &p, "row");
		if (first > last || last >= S.vt.rows)
			hard_error("no rows %ld-%ld on the screen", first,
			           last);
		for (long r = first; r <= last; r++, nrows++)
			text += row_text_bytes((int)r);
	}
	if (*p || nrows == 0)
		hard_error("usage: bytes-rows-max N ROW|FIRST-LAST...");
	printf("%s:%d: %zu bytes since bytes-reset; the %d rows' text is %zu "
	       "bytes\n",
	       S.script, S.line, S.vt.counted, nrows, text);
	if (S.vt.counted > text + (size_t)extra)
		fail("the child wrote %zu bytes, more than the rows' %zu and "
		     "%ld more",
		     S.vt.counted, text, extra);
}

/* The bytes since bytes-reset, control bytes escaped, to the log. */
static void cmd_bytes_print(void)
{
	printf("%s:%d: the %zu bytes since bytes-reset:\n", S.script, S.line,
	       S.vt.counted);
	print_output_escaped(stdout, S.vt.counted);
}

/* ---- the child's life ---- */

static const struct {
	const char *name;
	int sig;
} signals[] = {
        {"TERM", SIGTERM}, {"INT", SIGINT},   {"HUP", SIGHUP},
        {"TSTP", SIGTSTP}, {"CONT", SIGCONT}, {"WINCH", SIGWINCH},
        {"QUIT", SIGQUIT}, {"KILL", SIGKILL}, {"USR1", SIGUSR1},
        {"USR2", SIGUSR2}, {"ABRT", SIGABRT}, {"SEGV", SIGSEGV},
        {"BUS", SIGBUS},   {"FPE", SIGFPE},   {"ILL", SIGILL},
        {"PIPE", SIGPIPE}, {"ALRM", SIGALRM},
};

/* SIGTERM, TERM -> the number; 0 if unknown. */
static int signal_number(const char *name)
{
	if (strncmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < sizeof signals / sizeof *signals; i++)
		if (strcmp(signals[i].name, name) == 0)
			return signals[i].sig;
	return 0;
}

/* `run ARGS`: start the child and wait for its first screen (a child
 * that fills a cache first draws later, the sanitizer build's later
 * still). */
static void cmd_run(const char *args)
{
	if (S.vt.pid > 0)
		hard_error("a script runs one child");
	char **argv = split_words(args);
	char *err = NULL;
	if (!vt_spawn(&S.vt, argv, S.env, &err))
		hard_error("%s", err);
	free_words(argv);
	vt_settle(&S.vt, (int)(START_FIRST * time_scale()), WAIT_DEFAULT,
	          WAIT_MAX);
}

/* Run a shell command beside the child, with its environment, while the
 * child's output goes on being read; fail unless it exits 0. */
static void cmd_shell(const char *command)
{
	if (!*command)
		hard_error("usage: shell COMMAND");
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		hard_error("fork: %s", strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, 0);
		char *argv[] = {"sh", "-c", (char *)command, NULL};
		execve("/bin/sh", argv, S.env);
		_exit(127);
	}
	int status = 0;
	long long end = vt_now_ms() + SHELL_MAX;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (vt_now_ms() >= end || vt_interrupted) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			fail("shell: %s: still running after %d ms", command,
			     SHELL_MAX);
		}
		if (S.vt.pid > 0)
			vt_pump(&S.vt, 10);
		else
			usleep(10000);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail("shell: %s: exit status %d", command,
		     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void wait_for_exit(void)
{
	long long end = vt_now_ms() + WAIT_MAX;
	while (vt_running(&S.vt) && vt_now_ms() < end && !vt_interrupted)
		vt_pump(&S.vt, 10);
	/* what it wrote last */
	while (!S.vt.eof && vt_pump(&S.vt, 50))
		;
}

static void cmd_expect_exit(const char *arg)
{
	if (S.vt.pid <= 0)
		hard_error("expect-exit before run");
	int sig = 0;
	long code = -1;
	if (*arg >= '0' && *arg <= '9')
		code = parse_number(arg, NULL, "exit status");
	else if (!(sig = signal_number(arg)))
		hard_error("expect-exit takes a status or a signal name");
	wait_for_exit();
	if (vt_running(&S.vt))
		fail("the child is still running after %d ms", WAIT_MAX);
	S.exit_checked = true;
	int ws = S.vt.wstatus;
	bool ok = sig ? WIFSIGNALED(ws) && WTERMSIG(ws) == sig
	              : WIFEXITED(ws) && WEXITSTATUS(ws) == code;
	if (!ok)
		fail("expected the child to end %s %s",
		     sig ? "by" : "with status", arg);
}

/* At the end: a child that ended by itself must have ended well unless
 * expect-exit said otherwise.  Signals the script sent do not count. */
static void check_end(void)
{
	if (S.vt.pid <= 0 || S.exit_checked || vt_running(&S.vt))
		return;
	int ws = S.vt.wstatus;
	if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0)
		return;
	if (WIFSIGNALED(ws) && WTERMSIG(ws) < (int)sizeof(long) * 8 &&
	    (S.sent_signals & 1UL << WTERMSIG(ws)))
		return;
	/* Let the last words (a sanitizer report) reach the screen. */
	while (!S.vt.eof && vt_pump(&S.vt, 50))
		;
	fail("the child ended unexpectedly (no expect-exit)");
}

/* ---- the script ---- */

static void run_line(char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#')
		return;
	char *args = line + strcspn(line, " \t");
	if (*args)
		*args++ = '\0';
	const char *cmd = line;

	if (strcmp(cmd, "size") == 0) {
		const char *rest;
		long cols = parse_number(args, &rest, "columns");
		long rows = parse_number(text_arg(rest), NULL, "rows");
		if (cols < 1 || rows < 1 || cols > 1000 || rows > 1000)
			hard_error("size %ld %ld is out of range", cols, rows);
		vt_resize(&S.vt, (int)rows, (int)cols);
		if (S.vt.pid > 0)
			after_input();
	} else if (strcmp(cmd, "env") == 0) {
		char *eq = strchr(args, '=');
		if (!eq || eq == args)
			hard_error("usage: env NAME=VALUE");
		*eq = '\0';
		char *value = expand(eq + 1);
		env_set(args, value);
		free(value);
	} else if (strcmp(cmd, "unsetenv") == 0) {
		if (!*args)
			hard_error("usage: unsetenv NAME");
		env_unset(args);
	} else if (strcmp(cmd, "run") == 0) {
		cmd_run(args);
	} else if (strcmp(cmd, "key") == 0) {
		cmd_key(args);
	} else if (strcmp(cmd, "wait") == 0) {
		long ms = *args ? parse_number(args, NULL, "milliseconds")
		                : WAIT_DEFAULT;
		vt_settle(&S.vt, 0, (int)ms, WAIT_MAX);
	} else if (strcmp(cmd, "expect") == 0) {
		cmd_expect(args);
	} else if (strcmp(cmd, "expect-row") == 0) {
		cmd_expect_row(args);
	} else if (strcmp(cmd, "expect-contains") == 0) {
		if (!*args)
			hard_error("expect-contains needs text");
		if (!settled(screen_contains, args))
			fail("no row contains \"%s\"", args);
	} else if (strcmp(cmd, "wait-for") == 0) {
		char *text;
		long ms = strtol(args, &text, 10);
		if (ms <= 0 || ms > 600000 || *text != ' ' || !text[1])
			hard_error("wait-for needs MS and text");
		if (!settled_within(screen_contains, text + 1, ms))
			fail("no row contains \"%s\" after %ld ms", text + 1,
			     ms);
	} else if (strcmp(cmd, "expect-not-contains") == 0) {
		if (!*args)
			hard_error("expect-not-contains needs text");
		if (!settled(screen_lacks, args))
			fail("a row contains \"%s\"", args);
	} else if (strcmp(cmd, "expect-cursor") == 0) {
		cmd_expect_cursor(args);
	} else if (strcmp(cmd, "expect-cursor-hidden") == 0) {
		if (!settled(cursor_hidden, NULL))
			fail("the cursor is visible");
	} else if (strcmp(cmd, "expect-attr") == 0) {
		cmd_expect_attr(args);
	} else if (strcmp(cmd, "expect-same-look") == 0) {
		cmd_expect_look(args, true);
	} else if (strcmp(cmd, "expect-other-look") == 0) {
		cmd_expect_look(args, false);
	} else if (strcmp(cmd, "bytes-reset") == 0) {
		S.vt.counted = 0;
	} else if (strcmp(cmd, "bytes-max") == 0) {
		long max = parse_number(args, NULL, "byte count");
		printf("%s:%d: %zu bytes since bytes-reset\n", S.script, S.line,
		       S.vt.counted);
		if (S.vt.counted > (size_t)max)
			fail("the child wrote %zu bytes, more than %ld",
			     S.vt.counted, max);
	} else if (strcmp(cmd, "bytes-save") == 0) {
		cmd_bytes_save(args);
	} else if (strcmp(cmd, "bytes-ratio-max") == 0) {
		cmd_bytes_ratio(args);
	} else if (strcmp(cmd, "bytes-rows-max") == 0) {
		cmd_bytes_rows(args);
	} else if (strcmp(cmd, "bytes-print") == 0) {
		cmd_bytes_print();
	} else if (strcmp(cmd, "output-in-order") == 0) {
		cmd_output_in_order(args);
	} else if (strcmp(cmd, "output-contains") == 0) {
		cmd_output_contains(args, true);
	} else if (strcmp(cmd, "output-not-contains") == 0) {
		cmd_output_contains(args, false);
	} else if (strcmp(cmd, "output-clean-controls") == 0) {
		cmd_output_clean();
	} else if (strcmp(cmd, "signal") == 0) {
		int sig = signal_number(args);
		if (!sig)
			hard_error("unknown signal %s", args);
		require_running("send a signal");
		S.sent_signals |= 1UL << sig;
		vt_signal(&S.vt, sig);
		after_input();
	} else if (strcmp(cmd, "expect-exit") == 0) {
		cmd_expect_exit(args);
	} else if (strcmp(cmd, "key-burst") == 0) {
		cmd_key_burst(args);
	} else if (strcmp(cmd, "key-within") == 0) {
		cmd_key_within(args);
	} else if (strcmp(cmd, "shell") == 0) {
		cmd_shell(args);
	} else if (strcmp(cmd, "expect-running") == 0) {
		if (S.vt.pid <= 0)
			hard_error("expect-running before run");
		if (!vt_running(&S.vt))
			fail("the child is not running");
	} else {
		hard_error("unknown command %s", cmd);
	}
}

static void on_signal(int sig)
{
	vt_interrupted = sig;
}

/* Scripts name files relative to their own folder, and the child starts
 * there; the paths make knows are made absolute first. */
static void enter_script_dir(const char *script)
{
	static const char *const vars[] = {"top_srcdir", "top_builddir"};
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		char *abs = v ? realpath(v, NULL) : NULL;
		if (abs) {
			env_set(vars[i], abs);
			free(abs);
		}
	}
	char *dir = xstrdup(script);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		if (chdir(*dir ? dir : "/") < 0)
			hard_error("cannot enter %s: %s", dir, strerror(errno));
	}
	free(dir);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: vtrun SCRIPT.scr\n");
		return EXIT_HARD;
	}
	S.script = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *update = getenv("UPDATE_EXPECTED");
	S.update = update && strcmp(update, "1") == 0;

	FILE *f = fopen(S.script, "r");
	if (!f) {
		fprintf(stderr, "vtrun: cannot read %s: %s\n", S.script,
		        strerror(errno));
		return EXIT_HARD;
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	vt_init(&S.vt, 24, 80);
	env_init();
	enter_script_dir(S.script);

	long long start = vt_now_ms();
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		S.line++;
		while (len > 0 &&
		       (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		run_line(line);
		if (vt_interrupted)
			hard_error("interrupted by signal %d", vt_interrupted);
	}
	free(line);
	fclose(f);
	S.line = 0;
	check_end();
	printf("PASS %s in %lld ms\n", S.script, vt_now_ms() - start);
	for (size_t i = 0; i < S.ncounts; i++)
		free(S.counts[i].name);
	free(S.counts);
	for (size_t i = 0; i < S.nenv; i++)
		free(S.env[i]);
	free(S.env);
	finish(EXIT_PASS);
}
