/* Checks for the feed tests: count failures, say what differed, go on. */
#ifndef AKHBAR_TESTS_FEED_CHECK_H
#define AKHBAR_TESTS_FEED_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			check_failures++;                                      \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);            \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
		}                                                              \
	} while (0)

/* Two strings, either may be NULL. */
#define CHECK_STR(got, want, what)                                             \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		CHECK((!g_ && !w_) || (g_ && w_ && strcmp(g_, w_) == 0),       \
		      "%s: got \"%s\", want \"%s\"", (what),                   \
		      g_ ? g_ : "(null)", w_ ? w_ : "(null)");                 \
	} while (0)

static inline int check_result(const char *name)
{
	if (check_failures)
		printf("%s: %d failure(s)\n", name, check_failures);
	else
		printf("%s: all passed\n", name);
	return check_failures ? 1 : 0;
}

#endif
