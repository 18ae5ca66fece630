/* vt: a child process on a pseudo-terminal whose output drives libvterm.
 * The screen-test interpreter (vtrun.c) uses it; nothing else does. */
#ifndef AKHBAR_TESTS_SCREEN_VT_H
#define AKHBAR_TESTS_SCREEN_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <vterm.h>

/* The terminal, the child and what the child wrote. */
struct vt {
	VTerm *term;
	VTermScreen *screen;
	int rows, cols;
	int master;  /* pty master, -1 before the child starts */
	bool eof;    /* the master reported hang-up: no more output */
	pid_t pid;   /* child, 0 before it starts */
	bool exited; /* the child has been reaped */
	int wstatus; /* its wait status once exited */
	bool cursor_visible;
	unsigned char pending[4]; /* an incomplete UTF-8 tail kept back */
	size_t npending;
	unsigned char *out; /* everything the child wrote */
	size_t nout, capout;
	size_t counted; /* bytes since the script last reset it */
};

/* Set up a ROWS x COLS terminal with no child yet. */
void vt_init(struct vt *vt, int rows, int cols);

/* Release the terminal; kill the child if it still runs. */
void vt_free(struct vt *vt);

/* Start ARGV (argv[0] looked up in PATH) on a new pty with environment ENVP
 * and working directory unchanged.  On failure return false and set *ERR to
 * a message the caller frees. */
bool vt_spawn(struct vt *vt, char *const argv[], char *const envp[],
              char **err);

/* Resize the terminal, and the pty when the child runs (it gets SIGWINCH). */
void vt_resize(struct vt *vt, int rows, int cols);

/* Read the child's output for at most TIMEOUT_MS.  Return true when some
 * arrived.  Returns early when output arrives or the child is done. */
bool vt_pump(struct vt *vt, int timeout_ms);

/* Read output until none has arrived for QUIET_MS, at most MAX_MS in all.
 * With FIRST_MS > 0, the first output may take up to FIRST_MS to come; after
 * it the quiet period is QUIET_MS. */
void vt_settle(struct vt *vt, int first_ms, int quiet_ms, int max_ms);

/* Write raw bytes to the child's terminal input. */
void vt_send(struct vt *vt, const void *bytes, size_t len);

/* Send a key through libvterm's keyboard (it knows the cursor key mode). */
void vt_send_key(struct vt *vt, VTermKey key, VTermModifier mod);

/* Reap the child if it has ended; return true while it runs. */
bool vt_running(struct vt *vt);

/* Send signal SIG to the child's process group. */
void vt_signal(struct vt *vt, int sig);

/* Row R of the screen as UTF-8, trailing spaces removed; caller frees. */
char *vt_row(const struct vt *vt, int r);

/* Milliseconds of a monotonic clock. */
long long vt_now_ms(void);

/* Set by the interpreter's signal handler: vt_pump returns at once. */
extern volatile int vt_interrupted;

#endif
