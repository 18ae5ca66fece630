/* The monotonic clock in milliseconds: for deadlines and waits, never for
 * dates. */
#ifndef AKHBAR_UTIL_CLOCK_H
#define AKHBAR_UTIL_CLOCK_H

#include <time.h>

/* Milliseconds on CLOCK_MONOTONIC since an unspecified start. */
static inline long long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
