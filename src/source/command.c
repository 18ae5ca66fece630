/* A feed's command as a child process on non-blocking pipes: its input
 * goes through a socket (send() with MSG_NOSIGNAL, so a command that
 * stops reading early never raises SIGPIPE here), its output and error
 * come through pipes, and it is reaped once both are closed. */
#include "config.h"

#include "source/command.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/readfile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

extern char **environ;

/* Bytes of the command's standard error kept for its error message. */
#define ERROR_KEEP 1024
/* How often a command that closed its output is checked for its exit. */
#define REAP_MS 10

struct command {
	pid_t pid;        /* 0 when not started or reaped */
	int in, out, err; /* our ends; -1 once closed */
	char *input;
	size_t input_len, written;
	struct strbuf output;
	char errtext[ERROR_KEEP];
	size_t errlen;
	struct timespec deadline;
	long timeout_ms;
	size_t max_size;
	char *error;
	bool finished;
};

static void argv_free(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Whether c at the start of a word (start) or in the first word (first)
 * asks for a shell. */
static bool shell_syntax(char c, bool start, bool first)
{
	return strchr("|&;<>()$`\\*?[]{}!\n", c) ||
	       (start && (c == '~' || c == '#')) || (first && c == '=');
}

/* Append one quoted part at *s (its opening quote) to w and move *s to
 * its closing quote; false when the part needs a shell. */
static bool quoted_part(const char **s, struct strbuf *w)
{
	const char *close = strchr(*s + 1, **s);
	if (!close)
		return false;
	for (const char *p = *s + 1; **s == '"' && p < close; p++)
		if (strchr("$`\\", *p))
			return false;
	strbuf_add(w, *s + 1, (size_t)(close - *s - 1));
	*s = close;
	return true;
}

/* The words of a line that holds nothing but words; NULL when it needs a
 * shell (or holds no word). */
static char **plain_argv(const char *line)
{
	char **argv = xcalloc(1, sizeof *argv);
	size_t n = 0;
	struct strbuf w = {0};
	bool in_word = false;
	for (const char *s = line;; s++) {
		if (*s == '\0' || *s == ' ' || *s == '\t') {
			if (in_word) {
				argv = xreallocarray(argv, n + 2, sizeof *argv);
				argv[n++] = strbuf_take(&w);
				argv[n] = NULL;
			}
			in_word = false;
			if (!*s)
				break;
			continue;
		}
		bool ok = !shell_syntax(*s, !in_word, n == 0);
		in_word = true;
		if (ok && (*s == '\'' || *s == '"'))
			ok = quoted_part(&s, &w);
		else if (ok)
			strbuf_addc(&w, *s);
		if (!ok) {
			strbuf_free(&w);
			argv_free(argv);
			return NULL;
		}
	}
	if (n == 0) {
		argv_free(argv);
		return NULL;
	}
	return argv;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* End the command: killed (its whole group), or reaped; its pipes
 * closed. */
static void finish(struct command *c, bool kill_it)
{
	if (kill_it && c->pid > 0)
		kill(-c->pid, SIGKILL);
	close_fd(&c->in);
	close_fd(&c->out);
	close_fd(&c->err);
	free(c->input);
	c->input = NULL;
	c->finished = true;
}

static void set_nonblocking(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* The child's signals as a shell's would be: none blocked, the usual
 * ones at their defaults even where the reader ignores them. */
static void spawn_attr(posix_spawnattr_t *attr)
{
	static const int reset[] = {SIGPIPE, SIGINT,  SIGQUIT, SIGTERM,
	                            SIGHUP,  SIGTSTP, SIGTTIN, SIGTTOU};
	sigset_t none, defaults;
	sigemptyset(&none);
	sigemptyset(&defaults);
	for (size_t i = 0; i < sizeof reset / sizeof *reset; i++)
		sigaddset(&defaults, reset[i]);
	posix_spawnattr_init(attr);
	posix_spawnattr_setflags(attr, POSIX_SPAWN_SETPGROUP |
	                                       POSIX_SPAWN_SETSIGMASK |
	                                       POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(attr, 0);
	posix_spawnattr_setsigmask(attr, &none);
	posix_spawnattr_setsigdefault(attr, &defaults);
}

/* Spawn line with the child's ends of its pipes as its standard input,
 * output and error; errno of the failure, or 0. */
static int spawn(struct command *c, const char *line, const int child[3])
{
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	for (int fd = 0; fd < 3; fd++)
		posix_spawn_file_actions_adddup2(&actions, child[fd], fd);
	posix_spawnattr_t attr;
	spawn_attr(&attr);
	char **argv = plain_argv(line);
	int rc;
	if (argv) {
		rc = posix_spawnp(&c->pid, argv[0], &actions, &attr, argv,
		                  environ);
	} else {
		char *sh[] = {"sh", "-c", (char *)line, NULL};
		rc = posix_spawn(&c->pid, "/bin/sh", &actions, &attr, sh,
		                 environ);
	}
	if (rc != 0) {
		c->pid = 0;
		c->error = xasprintf(_("cannot run %s: %s"),
		                     argv ? argv[0] : "/bin/sh", strerror(rc));
	}
	argv_free(argv);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	return rc;
}

/* Our ends in c, the child's in child[]; false (c->error set) when the
 * system has no more to give. */
static bool make_pipes(struct command *c, int child[3])
{
	int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0 ||
	    pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
		c->error = xasprintf(_("cannot run the command: %s"),
		                     strerror(errno));
		for (int i = 0; i < 2; i++) {
			close_fd(&in[i]);
			close_fd(&out[i]);
			close_fd(&err[i]);
		}
		return false;
	}
	c->in = in[0];
	c->out = out[0];
	c->err = err[0];
	child[0] = in[1];
	child[1] = out[1];
	child[2] = err[1];
	set_nonblocking(c->in);
	set_nonblocking(c->out);
	set_nonblocking(c->err);
	return true;
}

struct command *command_start(const char *line, const char *input,
                              size_t input_len,
                              const struct command_options *opt)
{
	struct command *c = xcalloc(1, sizeof *c);
	c->in = c->out = c->err = -1;
	c->timeout_ms = opt->timeout_ms;
	c->max_size = opt->max_size;
	clock_gettime(CLOCK_MONOTONIC, &c->deadline);
	c->deadline.tv_sec += opt->timeout_ms / 1000;
	c->deadline.tv_nsec += (opt->timeout_ms % 1000) * 1000000;
	if (c->deadline.tv_nsec >= 1000000000) {
		c->deadline.tv_sec++;
		c->deadline.tv_nsec -= 1000000000;
	}
	int child[3];
	if (!make_pipes(c, child)) {
		c->finished = true;
		return c;
	}
	int rc = spawn(c, line, child);
	for (int fd = 0; fd < 3; fd++)
		close(child[fd]);
	if (rc != 0) {
		finish(c, false);
		return c;
	}
	if (input_len) {
		c->input = xmalloc(input_len);
		memcpy(c->input, input, input_len);
		c->input_len = input_len;
	} else {
		close_fd(&c->in); /* the command reads an end at once */
	}
	return c;
}

unsigned command_fds(const struct command *c, struct pollfd *fds)
{
	unsigned n = 0;
	if (c->in >= 0)
		fds[n++] = (struct pollfd){.fd = c->in, .events = POLLOUT};
	if (c->out >= 0)
		fds[n++] = (struct pollfd){.fd = c->out, .events = POLLIN};
	if (c->err >= 0)
		fds[n++] = (struct pollfd){.fd = c->err, .events = POLLIN};
	return n;
}

static long ms_left(const struct command *c)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (long)(c->deadline.tv_sec - now.tv_sec) * 1000 +
	          (c->deadline.tv_nsec - now.tv_nsec) / 1000000;
	return ms > 0 ? ms : 0;
}

int command_wait_ms(const struct command *c)
{
	if (c->finished)
		return -1;
	long ms = ms_left(c);
	if (c->out < 0 && c->err < 0 && ms > REAP_MS)
		ms = REAP_MS;
	return ms > 1000000 ? 1000000 : (int)ms;
}

/* Send what the socket takes of the input; close it when all is sent or
 * the command closed its end (its exit status then says what it
 * thought). */
static void write_input(struct command *c)
{
	while (c->in >= 0 && c->written < c->input_len) {
		ssize_t n = send(c->in, c->input + c->written,
		                 c->input_len - c->written,
		                 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n < 0)
			break;
		c->written += (size_t)n;
	}
	close_fd(&c->in);
	free(c->input);
	c->input = NULL;
}

/* Read what fd has now; false when the output outgrew the cap. */
static bool read_pipe(struct command *c, int *fd, bool is_output)
{
	char buf[65536];
	while (*fd >= 0) {
		ssize_t n = read(*fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return true;
		if (n <= 0) {
			close_fd(fd);
			return true;
		}
		if (is_output) {
			if (c->output.len + (size_t)n > c->max_size)
				return false;
			strbuf_add(&c->output, buf, (size_t)n);
		} else {
			size_t keep = sizeof c->errtext - 1 - c->errlen;
			keep = keep < (size_t)n ? keep : (size_t)n;
			memcpy(c->errtext + c->errlen, buf, keep);
			c->errlen += keep;
		}
	}
	return true;
}

static char *seconds_text(long ms)
{
	if (ms % 1000 == 0)
		return xasprintf(_("%ld s"), ms / 1000);
	return xasprintf(_("%.1f s"), (double)ms / 1000.0);
}

/* The kept standard error on one line, trimmed. */
static const char *error_line(struct command *c)
{
	char *t = c->errtext;
	t[c->errlen] = '\0';
	for (char *p = t; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	size_t n = strlen(t);
	while (n && t[n - 1] == ' ')
		t[--n] = '\0';
	while (*t == ' ')
		t++;
	return t;
}

/* The message for an exit status that is a failure; NULL for success. */
static char *status_error(struct command *c, int status)
{
	const char *why = error_line(c);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return NULL;
	if (WIFSIGNALED(status))
		return *why ? xasprintf(_("killed by signal %d: %s"),
		                        WTERMSIG(status), why)
		            : xasprintf(_("killed by signal %d"),
		                        WTERMSIG(status));
	return *why ? xasprintf(_("exited with status %d: %s"),
	                        WEXITSTATUS(status), why)
	            : xasprintf(_("exited with status %d"),
	                        WEXITSTATUS(status));
}

/* Past the deadline or the cap: kill it, and say which. */
static void give_up(struct command *c, bool too_large)
{
	char *t = too_large ? readfile_size_text(c->max_size)
	                    : seconds_text(c->timeout_ms);
	c->error = too_large ? xasprintf(_("too large (over %s)"), t)
	                     : xasprintf(_("timed out after %s"), t);
	free(t);
	finish(c, true);
	waitpid(c->pid, NULL, 0);
	c->pid = 0;
}

bool command_perform(struct command *c)
{
	if (c->finished)
		return true;
	write_input(c);
	bool fits = read_pipe(c, &c->out, true);
	read_pipe(c, &c->err, false);
	if (!fits || ms_left(c) == 0) {
		give_up(c, !fits);
		return true;
	}
	int status;
	if (c->out < 0 && c->err < 0 &&
	    waitpid(c->pid, &status, WNOHANG) == c->pid) {
		c->pid = 0;
		c->error = status_error(c, status);
		finish(c, false);
	}
	return c->finished;
}

char *command_take_output(struct command *c, size_t *len)
{
	if (c->error || !c->finished)
		return NULL;
	*len = c->output.len;
	return strbuf_take(&c->output);
}

const char *command_error(const struct command *c)
{
	return c->error;
}

void command_free(struct command *c)
{
	if (!c)
		return;
	finish(c, true);
	if (c->pid > 0)
		waitpid(c->pid, NULL, 0);
	strbuf_free(&c->output);
	free(c->error);
	free(c);
}
