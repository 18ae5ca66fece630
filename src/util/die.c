#include "config.h"

#include "util/die.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void (*die_callback)(void);

static void vreport(const char *fmt, va_list ap)
{
	fputs(PACKAGE ": ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
	void (*restore)(void) = die_callback;
	die_callback = NULL; /* a failure inside the callback must not loop */
	if (restore)
		restore();
	va_list ap;
	va_start(ap, fmt);
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
