#include "config.h"

#include "util/die.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void (*die_callback)(void);

static pthread_t main_thread;

/* Run before main(), on the main thread. */
__attribute__((constructor)) static void remember_main_thread(void)
{
	main_thread = pthread_self();
}

static void vreport(const char *fmt, va_list ap)
{
	fputs(PACKAGE ": ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* On a helper thread the terminal belongs to the main thread, which may
 * be drawing: the message goes out in one write(), and the process ends
 * without the callback, exit handlers or stdio. */
static _Noreturn void die_off_main(const char *fmt, va_list ap)
{
	char buf[1024];
	size_t n = strlen(PACKAGE ": ");
	memcpy(buf, PACKAGE ": ", n);
	size_t room = sizeof buf - n - 1; /* a byte kept for the newline */
	int len = vsnprintf(buf + n, room, fmt, ap);
	if (len > 0)
		n += (size_t)len < room ? (size_t)len : room - 1;
	buf[n++] = '\n';
	ssize_t rc = write(STDERR_FILENO, buf, n);
	(void)rc; /* nowhere left to report a failure */
	_exit(EXIT_FAILURE);
}

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!pthread_equal(pthread_self(), main_thread))
		die_off_main(fmt, ap);
	void (*restore)(void) = die_callback;
	die_callback = NULL; /* a failure inside the callback must not loop */
	if (restore)
		restore();
	vreport(fmt, ap);
	va_end(ap);
	exit(EXIT_FAILURE);
}

void warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
}
