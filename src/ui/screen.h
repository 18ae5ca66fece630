/* The terminal: opening and closing curses, colours, the bidi handshake
 * (see ../shared/RTL.md: CSI 8 l and CSI 1 SP k so that a terminal doing
 * its own bidi shows our visual-order rows as sent; CSI 8 h to give it
 * back), signals, suspend and resume, and reading input. */
#ifndef AKHBAR_UI_SCREEN_H
#define AKHBAR_UI_SCREEN_H

#include <poll.h>
#include <stdbool.h>

#include "ui/conf.h"

enum ui_event {
	UI_EVENT_NONE,     /* nothing happened (a timeout) */
	UI_EVENT_KEY,      /* a key; see ui/keys.h */
	UI_EVENT_RESIZE,   /* the terminal changed size: LINES, COLS are new */
	UI_EVENT_WHEEL_UP, /* the mouse wheel */
	UI_EVENT_WHEEL_DOWN,
	UI_EVENT_RESUMED, /* back from a suspend: repaint everything */
	UI_EVENT_REPAINT, /* the bidi modes have surely arrived: repaint
	                     everything once more */
	UI_EVENT_QUIT,    /* SIGTERM, SIGINT or SIGHUP arrived */
};

/* Check the locale and the terminal, then take over the screen: curses,
 * the handshake (unless visual is false: then only CSI 8 h, as the
 * terminal does the bidi), colours from cfg, signal handlers.  On failure
 * prints a one-line message naming the fix and returns false. */
bool ui_screen_open(const struct ui_config *cfg, bool visual);

/* One line for the user when the terminal reorders right-to-left text
 * itself and no control sequence turns that off (Konsole): what to
 * change.  NULL when there is nothing to say. */
const char *ui_screen_advice(void);

/* Give the terminal back as it was; safe to call twice. */
void ui_screen_close(void);

/* Wait up to timeout_ms (0: only look) for the next event; *key is set
 * for UI_EVENT_KEY.  Suspends the program on Ctrl-Z (SIGTSTP) and returns
 * UI_EVENT_RESUMED after.  Shortly after each handshake returns
 * UI_EVENT_REPAINT once, so that no row stays drawn in a mode the
 * terminal got late (tmux passes the modes on apart from the rows). */
enum ui_event ui_screen_event(int *key, int timeout_ms);

/* Sleep until a key may be there, a signal the reader handles comes
 * (resize, Ctrl-Z, quit), the repaint after a handshake is due, one of
 * the extra descriptors is ready (their revents are set), or timeout_ms
 * pass (-1: no limit).  A signal just before the wait ends it too.  Then
 * ui_screen_event(key, 0) says what happened. */
void ui_screen_wait(struct pollfd *extra, unsigned n_extra, int timeout_ms);

/* The descriptor keys arrive on, for a poll that waits on more. */
int ui_screen_input_fd(void);

/* Run a program (argv[0] looked up in PATH) on the terminal and wait for
 * it: the screen is given back first and taken again after, so a
 * terminal browser works too.  It runs as part of the reader's job, with
 * every signal the reader handles at its default; when it stops (Ctrl-Z)
 * the reader stops too, and continues it when continued.  Returns false
 * with *error (a new string) when it could not be started or failed. */
bool ui_screen_run(char *const argv[], char **error);

/* Put text on the clipboard of the terminal (OSC 52; inside tmux, also
 * through its passthrough when that is allowed).  The text travels
 * base64-encoded, so nothing in it can act as a control.  Returns NULL
 * when the copy went out in a form the terminal takes, else why not. */
const char *ui_screen_copy(const char *text);

/* The signal that caused UI_EVENT_QUIT. */
int ui_screen_quit_signal(void);

#endif
