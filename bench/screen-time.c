/* How long a terminal program takes to show each screen of a session.
 *   screen-time [-s COLSxROWS] [-t SECONDS] SCRIPT -- COMMAND [ARG]...
 * Runs COMMAND on a pseudo-terminal with libvterm as its terminal (the
 * screen tests' tests/screen/vt.c) and follows SCRIPT, one step a line:
 *
 *   start                    start COMMAND; the clock starts
 *   press KEYS               send keys (<Enter>, <PgDn>, <End>... or a
 *                            character); the clock starts again
 *   type TEXT                send TEXT as typed, then wait for quiet;
 *                            untimed
 *   until NAME TEXT          wait until a row shows TEXT; print NAME and
 *                            the seconds since the clock started
 *   until-number NAME P MIN  the same, until a row shows P followed by a
 *                            number of at least MIN ("+": above every
 *                            such number the screen showed when the
 *                            clock started)
 *   memory NAME              print NAME and the program's peak resident
 *                            memory so far in KiB (VmHWM)
 *
 * Rows are what the terminal shows (visual order), without the top and
 * bottom rows (title bars, prompts and status lines).  A step's text
 * must not show before its keys: a timing of nothing is an error.  After
 * each until the program is given 300 ms of quiet to finish drawing.
 * When a screen does not show within the timeout it prints NAME >SECONDS
 * and the program's peak memory so far as "peak-so-far KIB", the screen
 * to stderr, and exits 1; a bad script exits 2.  At the end of the script
 * the program must have quit (it is ended otherwise). */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen/vt.h"
#include "util/xalloc.h"

#define QUIET_MS  300
#define SETTLE_MS 10000

static double timeout_s = 600;
static double clock_start;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fail(int status, const char *fmt, ...)
        __attribute__((format(printf, 2, 3), noreturn));

static void fail(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "screen-time: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(status);
}

/* The largest number right after prefix on row, or -1. */
static long long number_after(const char *row, const char *prefix)
{
	long long best = -1;
	size_t plen = strlen(prefix);
	for (const char *p = strstr(row, prefix); p;
	     p = strstr(p + plen, prefix)) {
		const char *d = p + plen;
		if (!isdigit((unsigned char)*d))
			continue;
		long long n = strtoll(d, NULL, 10);
		best = n > best ? n : best;
	}
	return best;
}

/* What a step waits for: text on a row, or a number after a prefix. */
struct wanted {
	const char *text;
	long long min; /* -1: text alone */
};

static bool row_shows(const char *row, const struct wanted *w)
{
	if (w->min < 0)
		return strstr(row, w->text) != NULL;
	return number_after(row, w->text) >= w->min;
}

static bool screen_shows(const struct vt *vt, const struct wanted *w)
{
	bool found = false;
	for (int r = 1; r < vt->rows - 1 && !found; r++) {
		char *row = vt_row(vt, r);
		found = row_shows(row, w);
		free(row);
	}
	return found;
}

/* The largest number after prefix on the rows shown now, or -1. */
static long long screen_number(const struct vt *vt, const char *prefix)
{
	long long best = -1;
	for (int r = 1; r < vt->rows - 1; r++) {
		char *row = vt_row(vt, r);
		long long n = number_after(row, prefix);
		best = n > best ? n : best;
		free(row);
	}
	return best;
}

static void dump_screen(const struct vt *vt)
{
	for (int r = 0; r < vt->rows; r++) {
		char *row = vt_row(vt, r);
		fprintf(stderr, "|%s\n", row);
		free(row);
	}
}

/* The program's peak resident memory so far in KiB, or -1. */
static long peak_kib(const struct vt *vt)
{
	char *path = xasprintf("/proc/%d/status", (int)vt->pid);
	FILE *f = fopen(path, "r");
	free(path);
	char line[256];
	long kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			kib = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kib;
}

static void memory(const struct vt *vt, const char *name)
{
	long kib = peak_kib(vt);
	if (kib < 0)
		fail(1, "%s: the program's memory cannot be read", name);
	printf("%s %ld\n", name, kib);
	fflush(stdout);
}

/* The screen did not show in time: say so on stdout with the memory so
 * far, and the screen on stderr; end the program. */
static void timed_out(struct vt *vt, const char *name, const struct wanted *w)
{
	if (!vt->eof)
		printf("%s >%g\npeak-so-far %ld\n", name, timeout_s,
		       peak_kib(vt));
	fprintf(stderr, "screen-time: %s: \"%s\" did not show; the screen:\n",
	        name, w->text);
	dump_screen(vt);
	vt_free(vt);
	exit(1);
}

/* Read the program's output until w shows: the seconds since the clock
 * started. */
static double wait_for(struct vt *vt, const char *name, const struct wanted *w)
{
	for (;;) {
		if (screen_shows(vt, w))
			return now() - clock_start;
		if (now() - clock_start > timeout_s || vt->eof)
			timed_out(vt, name, w);
		vt_pump(vt, 50);
	}
}

static void press(struct vt *vt, char *keys)
{
	static const struct {
		const char *name;
		VTermKey key;
		const char *bytes;
	} named[] = {
	        {"<Enter>", 0, "\r"},
	        {"<Tab>", 0, "\t"},
	        {"<Esc>", 0, "\033"},
	        {"<Space>", 0, " "},
	        {"<BS>", 0, "\177"},
	        {"<Up>", VTERM_KEY_UP, NULL},
	        {"<Down>", VTERM_KEY_DOWN, NULL},
	        {"<PgUp>", VTERM_KEY_PAGEUP, NULL},
	        {"<PgDn>", VTERM_KEY_PAGEDOWN, NULL},
	        {"<Home>", VTERM_KEY_HOME, NULL},
	        {"<End>", VTERM_KEY_END, NULL},
	};
	clock_start = now();
	for (char *k = strtok(keys, " "); k; k = strtok(NULL, " ")) {
		size_t i = 0;
		while (i < sizeof named / sizeof *named &&
		       strcmp(k, named[i].name))
			i++;
		if (i == sizeof named / sizeof *named)
			vt_send(vt, k, strlen(k));
		else if (named[i].bytes)
			vt_send(vt, named[i].bytes, strlen(named[i].bytes));
		else
			vt_send_key(vt, named[i].key, VTERM_MOD_NONE);
	}
}

static void start(struct vt *vt, char **command)
{
	char *error = NULL;
	extern char **environ;
	clock_start = now();
	if (!vt_spawn(vt, command, environ, &error))
		fail(1, "%s", error);
}

/* Wait for w, print NAME and its time, and let the drawing finish. */
static void until(struct vt *vt, char *name, struct wanted *w)
{
	if (screen_shows(vt, w))
		fail(2, "%s: it shows before its keys are pressed", name);
	printf("%s %.4f\n", name, wait_for(vt, name, w));
	fflush(stdout);
	vt_settle(vt, 0, QUIET_MS, SETTLE_MS);
}

/* until-number: MIN is a number, or "+" for above what shows now. */
static void until_number(struct vt *vt, char *name, char *prefix, char *min)
{
	if (!prefix || !min)
		fail(2, "%s: until-number NAME PREFIX MIN", name);
	struct wanted w = {.text = prefix};
	if (!strcmp(min, "+"))
		w.min = screen_number(vt, prefix) + 1;
	else
		w.min = strtoll(min, NULL, 10);
	until(vt, name, &w);
}

/* A step that names what it times: until, until-number, memory. */
static void named_step(struct vt *vt, const char *word, char *rest)
{
	char *name = rest ? strsep(&rest, " ") : NULL;
	if (!name || !*name)
		fail(2, "%s: a step needs a name", word);
	if (!strcmp(word, "memory"))
		memory(vt, name);
	else if (!strcmp(word, "until") && rest && *rest)
		until(vt, name, &(struct wanted){.text = rest, .min = -1});
	else if (!strcmp(word, "until-number") && rest) {
		char *prefix = strsep(&rest, " ");
		until_number(vt, name, prefix, rest);
	} else
		fail(2, "bad step: %s", word);
}

/* One line of the script: a word and what follows it. */
static void step(struct vt *vt, char *line, char **command)
{
	line[strcspn(line, "\n")] = '\0';
	char *rest = line + strspn(line, " \t");
	if (!*rest || *rest == '#')
		return;
	char *word = strsep(&rest, " ");
	if (!strcmp(word, "start")) {
		start(vt, command);
	} else if (vt->pid <= 0) {
		fail(2, "%s: the script must start the program first", word);
	} else if (!strcmp(word, "press") && rest) {
		press(vt, rest);
	} else if (!strcmp(word, "type") && rest) {
		vt_send(vt, rest, strlen(rest));
		vt_settle(vt, QUIET_MS, QUIET_MS, SETTLE_MS);
	} else {
		named_step(vt, word, rest);
	}
}

/* The program has quit by the end of the script; it is ended if not. */
static void finish(struct vt *vt)
{
	double end = now() + 30;
	while (vt_running(vt) && now() < end)
		vt_pump(vt, 50);
	bool quit = !vt_running(vt);
	vt_free(vt);
	if (!quit)
		fail(1, "%s",
		     "the program did not quit at the end of the script");
}

int main(int argc, char **argv)
{
	int cols = 120, rows = 40, opt;
	while ((opt = getopt(argc, argv, "+s:t:")) != -1) {
		if (opt == 's' && sscanf(optarg, "%dx%d", &cols, &rows) == 2)
			continue;
		if (opt == 't' && (timeout_s = strtod(optarg, NULL)) > 0)
			continue;
		fail(2, "%s",
		     "usage: screen-time [-s COLSxROWS] [-t SECONDS] "
		     "SCRIPT -- COMMAND [ARG]...");
	}
	const char *path = optind < argc ? argv[optind++] : NULL;
	if (optind < argc && !strcmp(argv[optind], "--"))
		optind++;
	if (!path || optind == argc)
		fail(2, "%s", "a script and a command are needed");
	FILE *script = fopen(path, "r");
	if (!script)
		fail(2, "cannot read %s", path);
	struct vt vt;
	vt_init(&vt, rows, cols);
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, script) > 0)
		step(&vt, line, argv + optind);
	free(line);
	fclose(script);
	finish(&vt);
	return 0;
}
