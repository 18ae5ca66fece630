/* Terminal setup and teardown, the bidi handshake, signals. */
#include "config.h"

#include "ui/screen.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "layout/print.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "util/clock.h"
#include "util/die.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* After a handshake inside tmux, the whole screen is drawn once more
 * after this long: the terminal behind tmux may get the mode after the
 * first rows.  Elsewhere the mode is written before any row. */
#define REPAINT_AFTER_MS 150

static SCREEN *screen;
static bool is_open;
static bool in_tmux;
static bool visual_order;
static enum lay_terminal terminal;
static long long repaint_at; /* CLOCK_MONOTONIC ms; 0: none due */

static volatile sig_atomic_t quit_signal;
static volatile sig_atomic_t suspend_pending;
static volatile sig_atomic_t resume_pending;

static void on_quit(int sig)
{
	quit_signal = sig;
}

static void on_suspend(int sig)
{
	(void)sig;
	suspend_pending = 1;
}

static void on_continue(int sig)
{
	(void)sig;
	resume_pending = 1;
}

static void handle(int sig, void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a signal wakes up the read of a key */
	sigaction(sig, &sa, NULL);
}

static void send_raw(const char *s)
{
	fflush(stdout);
	size_t len = strlen(s);
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, s, len);
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* A mode for the outer terminal: inside tmux only DCS passthrough gets
 * there (with `set -g allow-passthrough on`), every ESC doubled. */
static void send_mode(const char *plain, const char *tmux)
{
	send_raw(in_tmux ? tmux : plain);
}

/* Explicit mode and LTR: show our visual-order cells as received (and
 * mlterm's own bidi off); inside tmux the screen is drawn whole again
 * soon after. */
static void handshake(void)
{
	if (!visual_order) {
		send_mode("\033[8h", "\033Ptmux;\033\033[8h\033\\");
		return;
	}
	send_mode("\033[8l\033[1 k", "\033Ptmux;\033\033[8l\033\033[1 k\033\\");
	if (terminal == LAY_TERM_MLTERM)
		send_mode("\033]5379;use_ctl=false\a",
		          "\033Ptmux;\033\033]5379;use_ctl=false\a\033\\");
	if (in_tmux)
		repaint_at = monotonic_ms() + REPAINT_AFTER_MS;
}

/* The terminal's own bidi back on: sent while the alternate screen is
 * still up, as tmux passes nothing through once it has left it. */
static void handback(void)
{
	if (!visual_order)
		return;
	send_mode("\033[8h", "\033Ptmux;\033\033[8h\033\\");
	if (terminal == LAY_TERM_MLTERM)
		send_mode("\033]5379;use_ctl=true\a",
		          "\033Ptmux;\033\033]5379;use_ctl=true\a\033\\");
}

/* Give the screen back: the terminal's bidi first, then curses'. */
static void leave_screen(void)
{
	handback();
	endwin();
}

const char *ui_screen_advice(void)
{
	if (terminal != LAY_TERM_KONSOLE || !visual_order)
		return NULL;
	return _("Konsole reorders right-to-left text itself: turn off "
	         "Bi-Directional text rendering in its profile, or use "
	         "--bidi=terminal");
}

static bool check_terminal(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		warn(_("the reader needs a terminal; to print the articles, "
		       "use --dump"));
		return false;
	}
	const char *codeset = nl_langinfo(CODESET);
	if (strcmp(codeset, "UTF-8") != 0) {
		warn(_("the locale's character set is %s, not UTF-8; run "
		       "akhbar "
		       "in a UTF-8 locale, e.g. LC_ALL=C.UTF-8 akhbar"),
		     codeset);
		return false;
	}
	const char *term = getenv("TERM");
	if (!term || !*term) {
		warn(_("TERM is not set; set it to your terminal's type, "
		       "e.g. TERM=xterm-256color akhbar"));
		return false;
	}
	return true;
}

static const attr_t role_attrs[UI_ROLE_COUNT] = {
        [UI_ROLE_TITLE] = A_REVERSE,
        [UI_ROLE_STATUS] = A_REVERSE,
        [UI_ROLE_MESSAGE] = A_REVERSE | A_BOLD,
        [UI_ROLE_INFO] = A_REVERSE,
        [UI_ROLE_CURSOR] = A_REVERSE,
        [UI_ROLE_UNREAD] = A_BOLD,
        [UI_ROLE_HEADLINE] = A_BOLD,
        [UI_ROLE_HEADING] = A_BOLD,
        [UI_ROLE_FOCUS] = A_REVERSE,
        /* underlined: it shows on the reverse-video selection too */
        [UI_ROLE_MATCH] = A_UNDERLINE,
        /* the match the reader is on: reverse video and bold set it apart
         * from the other matches without colours too */
        [UI_ROLE_CURRENT] = A_REVERSE | A_BOLD | A_UNDERLINE,
        [UI_ROLE_HELP_KEY] = A_BOLD,
};

/* Roles as attributes.  Without colours (or with NO_COLOR set) the
 * attributes alone tell them apart, reverse video marking bars and the
 * selection; with colours, a role given its own colours keeps them as
 * set, without reverse video. */
static void setup_roles(const struct ui_config *cfg)
{
	const char *no_color = getenv("NO_COLOR");
	bool color = has_colors() && !(no_color && *no_color);
	bool defaults = false;
	if (color) {
		start_color();
		defaults = use_default_colors() == OK;
	}
	for (int r = 0; r < UI_ROLE_COUNT; r++) {
		attr_t attr = role_attrs[r];
		short pair = 0;
		struct ui_color c = cfg->colors[r];
		if (color && (c.fg != -1 || c.bg != -1) &&
		    r + 1 < COLOR_PAIRS) {
			short fg = c.fg < COLORS ? c.fg : -1;
			short bg = c.bg < COLORS ? c.bg : -1;
			if (!defaults) {
				fg = fg < 0 ? COLOR_WHITE : fg;
				bg = bg < 0 ? COLOR_BLACK : bg;
			}
			if (init_pair((short)(r + 1), fg, bg) == OK) {
				pair = (short)(r + 1);
				attr &= ~(attr_t)A_REVERSE;
			}
		}
		ui_draw_set_role((enum ui_role)r, attr, pair);
	}
}

bool ui_screen_open(const struct ui_config *cfg, bool visual)
{
	if (!check_terminal())
		return false;
	const char *tmux = getenv("TMUX");
	in_tmux = tmux && *tmux;
	visual_order = visual;
	terminal = lay_reordering_terminal();

	/* Ours before curses starts, so it installs none of its own. */
	handle(SIGTERM, on_quit);
	handle(SIGINT, on_quit);
	handle(SIGHUP, on_quit);
	handle(SIGTSTP, on_suspend);
	handle(SIGCONT, on_continue);

	screen = newterm(NULL, stdout, stdin);
	if (!screen || !tigetstr("cup") || tigetstr("cup") == (char *)-1) {
		const char *term = getenv("TERM");
		if (screen) {
			endwin();
			delscreen(screen);
			screen = NULL;
		}
		warn(_("terminal type '%s' is unknown or can't move the "
		       "cursor; "
		       "set TERM to your terminal's type, e.g. "
		       "TERM=xterm-256color akhbar"),
		     term);
		return false;
	}
	is_open = true;
	die_callback = ui_screen_close;
	/* Before the first draw, which starts with a full clear: terminals
	 * that keep the mode per row apply it to rows drawn after it. */
	handshake();
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	setup_roles(cfg);
	ui_draw_invalidate();
	return true;
}

void ui_screen_close(void)
{
	if (!is_open)
		return;
	is_open = false;
	die_callback = NULL;
	curs_set(1);
	leave_screen();
	delscreen(screen);
	screen = NULL;
}

/* Ctrl-Z: give the terminal back, stop, and take it again on SIGCONT. */
static void suspend(void)
{
	leave_screen();
	handle(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	/* stopped here until SIGCONT */
	handle(SIGTSTP, on_suspend);
	resume_pending = 0;
	handshake();
	ui_draw_invalidate();
}

enum ui_event ui_screen_event(int *key, int timeout_ms)
{
	if (quit_signal)
		return UI_EVENT_QUIT;
	if (suspend_pending) {
		suspend_pending = 0;
		suspend();
		return UI_EVENT_RESUMED;
	}
	if (resume_pending) {
		/* continued after a stop we didn't ask for (SIGSTOP) */
		resume_pending = 0;
		handshake();
		ui_draw_invalidate();
		return UI_EVENT_RESUMED;
	}
	if (repaint_at) {
		long long left = repaint_at - monotonic_ms();
		if (left <= 0) {
			repaint_at = 0;
			ui_draw_invalidate();
			return UI_EVENT_REPAINT;
		}
		if (left < timeout_ms)
			timeout_ms = (int)left;
	}
	wint_t wch;
	wtimeout(stdscr, timeout_ms);
	int ret = wget_wch(stdscr, &wch);
	if (ret == ERR)
		return quit_signal ? UI_EVENT_QUIT : UI_EVENT_NONE;
	if (ret == KEY_CODE_YES && wch == KEY_RESIZE)
		return UI_EVENT_RESIZE;
	if (ret == KEY_CODE_YES && wch == KEY_MOUSE) {
		MEVENT ev;
		if (getmouse(&ev) != OK)
			return UI_EVENT_NONE;
		if (ev.bstate & BUTTON4_PRESSED)
			return UI_EVENT_WHEEL_UP;
		if (ev.bstate & BUTTON5_PRESSED)
			return UI_EVENT_WHEEL_DOWN;
		return UI_EVENT_NONE;
	}
	*key = ui_key_from_curses(ret, (unsigned)wch);
	return UI_EVENT_KEY;
}

/* The signals whose handlers change what the next event is: SIGWINCH's
 * is curses'. */
static const int event_signals[] = {SIGTERM, SIGINT,  SIGHUP,
                                    SIGTSTP, SIGCONT, SIGWINCH};

/* Whether an event is due without input: a flag a handler set, or the
 * repaint after a handshake.  *timeout_ms is shortened to the repaint. */
static bool event_due(int *timeout_ms)
{
	if (quit_signal || suspend_pending || resume_pending)
		return true;
	if (!repaint_at)
		return false;
	long long left = repaint_at - monotonic_ms();
	if (left <= 0)
		return true;
	if (*timeout_ms < 0 || left < *timeout_ms)
		*timeout_ms = (int)left;
	return false;
}

void ui_screen_wait(struct pollfd *extra, unsigned n_extra, int timeout_ms)
{
	/* The signals stay blocked from the look at their flags until
	 * ppoll() lets them in: one that comes in between ends the wait
	 * instead of waiting for the next key. */
	sigset_t block, old;
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof event_signals / sizeof *event_signals;
	     i++)
		sigaddset(&block, event_signals[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (!event_due(&timeout_ms)) {
		struct pollfd *fds =
		        xreallocarray(NULL, 1 + n_extra, sizeof *fds);
		fds[0] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
		for (unsigned i = 0; i < n_extra; i++)
			fds[1 + i] = extra[i];
		struct timespec ts = {.tv_sec = timeout_ms / 1000,
		                      .tv_nsec = timeout_ms % 1000 * 1000000L};
		ppoll(fds, 1 + n_extra, timeout_ms < 0 ? NULL : &ts, &old);
		for (unsigned i = 0; i < n_extra; i++)
			extra[i].revents = fds[1 + i].revents;
		free(fds);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int ui_screen_quit_signal(void)
{
	return quit_signal;
}

int ui_screen_input_fd(void)
{
	return STDIN_FILENO;
}

/* What the reader handles or ignores (or may have been started with
 * ignored): a program it runs gets these at their defaults and unblocked,
 * as a shell gives them to its jobs. */
static const int own_signals[] = {SIGINT,  SIGQUIT,  SIGTERM, SIGHUP,  SIGTSTP,
                                  SIGCONT, SIGWINCH, SIGTTIN, SIGTTOU, SIGPIPE};

/* Start argv in our process group, on our terminal; -1 if it can't be
 * forked.  A program that can't be run exits with 127, as in a shell. */
static pid_t spawn(char *const argv[])
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	sigset_t none;
	sigemptyset(&none);
	for (size_t i = 0; i < sizeof own_signals / sizeof *own_signals; i++)
		signal(own_signals[i], SIG_DFL);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execvp(argv[0], argv);
	_exit(127);
}

/* Wait for the program to end; false if it can't be waited for.  When
 * it stops (Ctrl-Z in a terminal browser), the reader stops too, so the
 * shell sees its job stopped and takes the terminal; continued, the
 * reader continues the program and waits on. */
static bool wait_program(pid_t pid, int *status)
{
	for (;;) {
		if (waitpid(pid, status, WUNTRACED) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (!WIFSTOPPED(*status))
			return true;
		handle(SIGTSTP, SIG_DFL);
		raise(SIGTSTP);
		/* stopped here until SIGCONT */
		handle(SIGTSTP, SIG_IGN);
		kill(pid, SIGCONT);
	}
}

bool ui_screen_run(char *const argv[], char **error)
{
	/* As a shell does for its job: the keys that signal (Ctrl-C,
	 * Ctrl-\, Ctrl-Z) are the program's while it runs, not ours. */
	static const int keys[] = {SIGINT, SIGQUIT, SIGTSTP};
	struct sigaction ignore, old[sizeof keys / sizeof *keys];
	memset(&ignore, 0, sizeof ignore);
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	leave_screen();
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		sigaction(keys[i], &ignore, &old[i]);
	int status = 0;
	pid_t pid = spawn(argv);
	int fork_error = errno;
	bool waited = pid > 0 && wait_program(pid, &status);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		sigaction(keys[i], &old[i], NULL);
	/* a stop and continue while it ran were the program's */
	suspend_pending = 0;
	resume_pending = 0;
	handshake();
	ui_draw_invalidate();
	if (pid < 0) {
		*error = xasprintf(_("cannot start %s: %s"), argv[0],
		                   strerror(fork_error));
		return false;
	}
	if (waited && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		*error = xasprintf(_("cannot run %s"), argv[0]);
		return false;
	}
	if (!waited || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		*error = xasprintf(_("%s failed"), argv[0]);
		return false;
	}
	return true;
}

static char *base64(const char *text)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno"
	                             "pqrstuvwxyz0123456789+/";
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text);
	char *out = xmalloc(4 * ((len + 2) / 3) + 1), *o = out;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		*o++ = digits[(v >> 18) & 63];
		*o++ = digits[(v >> 12) & 63];
		*o++ = i + 1 < len ? digits[(v >> 6) & 63] : '=';
		*o++ = i + 2 < len ? digits[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

/* Whether tmux's global option is one of the values given ("on", "all"),
 * asked of the tmux we run in; false when it can't be asked. */
static bool tmux_option_is(const char *option, const char *const values[])
{
	char *command =
	        xasprintf("tmux show-options -gv %s 2>/dev/null", option);
	FILE *p = popen(command, "r");
	free(command);
	if (!p)
		return false;
	char value[32] = "";
	if (!fgets(value, sizeof value, p))
		value[0] = '\0';
	pclose(p);
	value[strcspn(value, "\n")] = '\0';
	for (size_t i = 0; values[i]; i++)
		if (!strcmp(value, values[i]))
			return true;
	return false;
}

const char *ui_screen_copy(const char *text)
{
	static const char *const on[] = {"on", NULL};
	static const char *const passing[] = {"on", "all", NULL};
	char *b64 = base64(text);
	char *plain = xasprintf("\033]52;c;%s\a", b64);
	const char *why_not = NULL;
	send_raw(plain);
	if (in_tmux) {
		/* tmux takes the plain one into its buffer and on to the
		 * outer terminal with set-clipboard on; passthrough brings
		 * the copy itself there when allowed */
		bool taken = tmux_option_is("set-clipboard", on);
		if (tmux_option_is("allow-passthrough", passing)) {
			char *wrapped = xasprintf(
			        "\033Ptmux;\033\033]52;c;%s\a\033\\", b64);
			send_raw(wrapped);
			free(wrapped);
			taken = true;
		}
		if (!taken)
			why_not = _("not copied: tmux takes a copy with "
			            "'set -g set-clipboard on'");
	} else if (getenv("VTE_VERSION")) {
		why_not = _("not copied: this terminal takes no copy from a "
		            "program (OSC 52)");
	}
	free(plain);
	free(b64);
	return why_not;
}
