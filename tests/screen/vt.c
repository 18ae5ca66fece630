/* vt: run a child on a pseudo-terminal and feed what it writes to libvterm,
 * complete UTF-8 sequences only (libvterm 0.1.4 garbles a sequence split
 * across two vterm_input_write calls). */
#include "config.h"

#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"

volatile int vt_interrupted;

long long vt_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *vt = user;
	if (prop == VTERM_PROP_CURSORVISIBLE)
		vt->cursor_visible = val->boolean;
	return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
        .settermprop = settermprop,
};

void vt_init(struct vt *vt, int rows, int cols)
{
	memset(vt, 0, sizeof *vt);
	vt->rows = rows;
	vt->cols = cols;
	vt->master = -1;
	vt->cursor_visible = true;
	vt->term = vterm_new(rows, cols);
	if (!vt->term) {
		fputs("vtrun: vterm_new failed\n", stderr);
		exit(99);
	}
	vterm_set_utf8(vt->term, 1);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_set_callbacks(vt->screen, &screen_callbacks, vt);
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_reset(vt->screen, 1);
}

/* Write all of LEN bytes to the master; the child may read slowly. */
static void write_master(struct vt *vt, const char *p, size_t len)
{
	while (len > 0 && vt->master >= 0) {
		ssize_t n = write(vt->master, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			struct pollfd pfd = {.fd = vt->master,
			                     .events = POLLOUT};
			poll(&pfd, 1, 100);
			continue;
		}
		if (n <= 0)
			return; /* the child is gone: nobody reads its input */
		p += n;
		len -= (size_t)n;
	}
}

/* libvterm writes key sequences and answers to queries (device attributes,
 * cursor position reports) into its output buffer: pass them on. */
static void flush_vterm_output(struct vt *vt)
{
	char buf[256];
	size_t n;
	while ((n = vterm_output_read(vt->term, buf, sizeof buf)) > 0)
		write_master(vt, buf, n);
}

void vt_free(struct vt *vt)
{
	if (vt->pid > 0 && !vt->exited && vt_running(vt)) {
		vt_signal(vt, SIGTERM);
		vt_signal(vt, SIGCONT); /* a stopped child must see it */
		long long end = vt_now_ms() + 1000;
		while (vt_running(vt) && vt_now_ms() < end) {
			struct timespec ts = {0, 5 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
		if (vt_running(vt)) {
			vt_signal(vt, SIGKILL);
			waitpid(vt->pid, &vt->wstatus, 0);
			vt->exited = true;
		}
	}
	if (vt->master >= 0)
		close(vt->master);
	vterm_free(vt->term);
	free(vt->out);
	memset(vt, 0, sizeof *vt);
	vt->master = -1;
}

/* In the child after fork: make the pty slave the controlling terminal and
 * the standard streams, then exec.  Report an exec failure's errno on
 * ERRFD (close-on-exec, so a successful exec closes it silently). */
static void child_exec(const char *slave, char *const argv[],
                       char *const envp[], int errfd)
{
	int err;
	setsid();
	int fd = open(slave, O_RDWR);
	if (fd < 0)
		goto fail;
	if (ioctl(fd, TIOCSCTTY, 0) < 0)
		goto fail;
	if (dup2(fd, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
		goto fail;
	if (fd > 2)
		close(fd);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	execvpe(argv[0], argv, envp);
fail:
	err = errno;
	if (write(errfd, &err, sizeof err) < 0)
		_exit(126);
	_exit(127);
}

bool vt_spawn(struct vt *vt, char *const argv[], char *const envp[], char **err)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0) {
		*err = xasprintf("cannot open a pty: %s", strerror(errno));
		return false;
	}
	const char *slave = ptsname(master);
	struct winsize ws = {.ws_row = (unsigned short)vt->rows,
	                     .ws_col = (unsigned short)vt->cols};
	if (!slave || ioctl(master, TIOCSWINSZ, &ws) < 0) {
		*err = xasprintf("cannot set up the pty: %s", strerror(errno));
		close(master);
		return false;
	}
	char *slave_name = xstrdup(slave);
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		*err = xasprintf("pipe: %s", strerror(errno));
		close(master);
		free(slave_name);
		return false;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		*err = xasprintf("fork: %s", strerror(errno));
		close(master);
		close(pipefd[0]);
		close(pipefd[1]);
		free(slave_name);
		return false;
	}
	if (pid == 0) {
		close(pipefd[0]);
		child_exec(slave_name, argv, envp, pipefd[1]);
	}
	free(slave_name);
	close(pipefd[1]);
	int child_errno = 0;
	ssize_t n;
	do
		n = read(pipefd[0], &child_errno, sizeof child_errno);
	while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	vt->pid = pid;
	vt->master = master;
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	if (n == (ssize_t)sizeof child_errno) {
		waitpid(pid, &vt->wstatus, 0);
		vt->exited = true;
		*err = xasprintf("cannot run %s: %s", argv[0],
		                 strerror(child_errno));
		return false;
	}
	return true;
}

void vt_resize(struct vt *vt, int rows, int cols)
{
	vt->rows = rows;
	vt->cols = cols;
	vterm_set_size(vt->term, rows, cols);
	if (vt->master >= 0) {
		struct winsize ws = {.ws_row = (unsigned short)rows,
		                     .ws_col = (unsigned short)cols};
		ioctl(vt->master, TIOCSWINSZ, &ws);
	}
}

/* Length of the UTF-8 sequence a lead byte starts; 1 for anything else
 * (libvterm shows an invalid byte as U+FFFD by itself). */
static size_t utf8_len(unsigned char c)
{
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 1;
}

/* How many leading bytes of BUF end on a sequence boundary: an incomplete
 * sequence at the end is held back, but only if what is there so far is a
 * valid beginning. */
static size_t complete_prefix(const unsigned char *buf, size_t len)
{
	size_t back = len < 3 ? len : 3;
	for (size_t i = 1; i <= back; i++) {
		unsigned char c = buf[len - i];
		if ((c & 0xc0) == 0x80)
			continue; /* continuation byte: look further back */
		size_t need = utf8_len(c);
		return need > i ? len - i : len;
	}
	return len;
}

static void feed(struct vt *vt, const unsigned char *data, size_t len)
{
	if (vt->nout + len > vt->capout) {
		vt->capout = (vt->nout + len) * 2;
		vt->out = xreallocarray(vt->out, vt->capout, 1);
	}
	memcpy(vt->out + vt->nout, data, len);
	vt->nout += len;
	vt->counted += len;

	unsigned char buf[sizeof vt->pending + 4096];
	while (len > 0) {
		size_t take = len < 4096 ? len : 4096;
		memcpy(buf, vt->pending, vt->npending);
		memcpy(buf + vt->npending, data, take);
		size_t total = vt->npending + take;
		size_t whole = complete_prefix(buf, total);
		vterm_input_write(vt->term, (const char *)buf, whole);
		vt->npending = total - whole;
		memcpy(vt->pending, buf + whole, vt->npending);
		data += take;
		len -= take;
	}
	flush_vterm_output(vt);
}

/* The child will write no more: pass on what was kept back. */
static void flush_pending(struct vt *vt)
{
	if (vt->npending) {
		vterm_input_write(vt->term, (const char *)vt->pending,
		                  vt->npending);
		vt->npending = 0;
	}
}

bool vt_pump(struct vt *vt, int timeout_ms)
{
	if (vt->master < 0 || vt->eof) {
		/* Nothing to read: still let the time pass, in small steps so
		 * an interrupt is seen. */
		if (timeout_ms > 0 && !vt_interrupted)
			poll(NULL, 0, timeout_ms < 10 ? timeout_ms : 10);
		return false;
	}
	struct pollfd pfd = {.fd = vt->master, .events = POLLIN};
	int r = poll(&pfd, 1, timeout_ms);
	if (r <= 0)
		return false;
	bool got = false;
	for (;;) {
		unsigned char buf[4096];
		ssize_t n = read(vt->master, buf, sizeof buf);
		if (n > 0) {
			feed(vt, buf, (size_t)n);
			got = true;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
			/* EIO: every process of the child has closed the pty */
			vt->eof = true;
			flush_pending(vt);
		}
		break;
	}
	return got;
}

void vt_settle(struct vt *vt, int first_ms, int quiet_ms, int max_ms)
{
	long long start = vt_now_ms();
	long long end = start + max_ms;
	long long last = start;
	bool seen = first_ms <= 0;
	while (!vt_interrupted) {
		long long now = vt_now_ms();
		long long limit = seen ? last + quiet_ms : start + first_ms;
		if (limit > end)
			limit = end;
		if (now >= limit || vt->eof)
			break;
		int slice = (int)(limit - now);
		if (slice > 10)
			slice = 10; /* look at the child's state now and then */
		if (vt_pump(vt, slice)) {
			last = vt_now_ms();
			seen = true;
		} else if (vt->master < 0 || !vt_running(vt)) {
			/* Gone: read what is left, quickly. */
			while (vt_pump(vt, 20))
				;
			break;
		}
	}
}

void vt_send(struct vt *vt, const void *bytes, size_t len)
{
	write_master(vt, bytes, len);
}

void vt_send_key(struct vt *vt, VTermKey key, VTermModifier mod)
{
	vterm_keyboard_key(vt->term, key, mod);
	flush_vterm_output(vt);
}

bool vt_running(struct vt *vt)
{
	if (vt->pid <= 0 || vt->exited)
		return false;
	/* The pty hangs up as the child closes its files, a moment before
	 * it can be reaped: after a hang-up give it that moment. */
	long long end = vt_now_ms() + (vt->eof ? 200 : 0);
	for (;;) {
		pid_t r = waitpid(vt->pid, &vt->wstatus, WNOHANG);
		if (r == vt->pid) {
			vt->exited = true;
			return false;
		}
		if (vt_now_ms() >= end || vt_interrupted)
			return true;
		struct timespec ts = {0, 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}

void vt_signal(struct vt *vt, int sig)
{
	if (vt->pid > 0 && !vt->exited)
		kill(-vt->pid, sig);
}

/* Append the UTF-8 encoding of code point C. */
static size_t put_utf8(char *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xc0 | c >> 6);
		p[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		p[0] = (char)(0xe0 | c >> 12);
		p[1] = (char)(0x80 | (c >> 6 & 0x3f));
		p[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	p[0] = (char)(0xf0 | c >> 18);
	p[1] = (char)(0x80 | (c >> 12 & 0x3f));
	p[2] = (char)(0x80 | (c >> 6 & 0x3f));
	p[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

char *vt_row(const struct vt *vt, int r)
{
	char *row =
	        xmalloc((size_t)vt->cols * VTERM_MAX_CHARS_PER_CELL * 4 + 1);
	size_t len = 0, keep = 0;
	for (int c = 0; c < vt->cols;) {
		VTermScreenCell cell;
		VTermPos pos = {.row = r, .col = c};
		if (!vterm_screen_get_cell(vt->screen, pos, &cell) ||
		    cell.chars[0] == 0) {
			row[len++] = ' ';
			c++;
			continue;
		}
		size_t before = len;
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i];
		     i++)
			len += put_utf8(row + len, cell.chars[i]);
		if (!(len == before + 1 && row[before] == ' '))
			keep = len;
		c += cell.width > 0 ? cell.width : 1;
	}
	row[keep] = '\0';
	return row;
}
