/* Fatal errors: restore the terminal first, then report and exit. */
#ifndef AKHBAR_UTIL_DIE_H
#define AKHBAR_UTIL_DIE_H

/* Called by die() before it prints; the ui sets it to restore the terminal. */
extern void (*die_callback)(void);

/* Print "akhbar: MESSAGE" to stderr and exit with status 1.  On a thread
 * other than the main one: without die_callback (the terminal is the main
 * thread's), in one write(2), and with _exit(). */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Print "akhbar: MESSAGE" to stderr (a warning; the program goes on). */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
