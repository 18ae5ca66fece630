/* The numbered set of strings: numbers in the order of first addition,
 * and a cost per string that does not grow with the set (counted in
 * string comparisons, so the check does not depend on the machine). */
#include "config.h"

#include <stdio.h>

#include "check.h"
#include "util/strset.h"

#define N 100000

int main(void)
{
	struct strset set = {0};
	char s[64];
	for (size_t i = 0; i < N; i++) {
		snprintf(s, sizeof s, "https://example.org/story/%zu", i);
		size_t k = strset_add(&set, s);
		CHECK(k == i, "new string %zu numbered %zu", i, k);
	}
	/* Every string again, backwards: the numbers first given. */
	for (size_t i = N; i-- > 0;) {
		snprintf(s, sizeof s, "https://example.org/story/%zu", i);
		size_t k = strset_add(&set, s);
		CHECK(k == i, "known string %zu numbered %zu", i, k);
	}
	CHECK(set.n == N, "%zu strings, want %d", set.n, N);
	/* Finding adds nothing: each string's number, none for others. */
	for (size_t i = 0; i < N; i += 97) {
		snprintf(s, sizeof s, "https://example.org/story/%zu", i);
		size_t k = strset_find(&set, s);
		CHECK(k == i, "found string %zu numbered %zu", i, k);
	}
	CHECK(strset_find(&set, "https://example.org/story/x") == STRSET_NONE,
	      "a string not added is not found");
	CHECK(set.n == N, "finding added strings: %zu", set.n);
	CHECK_STR(set.items[12345], "https://example.org/story/12345",
	          "items[12345]");
	/* A list scanned from the start compares about N * N strings;
	 * a hash table a few per string. */
	CHECK(set.compares < 4 * 2 * (size_t)N,
	      "%zu comparisons for %d additions", set.compares, 2 * N);
	printf("%zu comparisons for %d additions\n", set.compares, 2 * N);
	strset_free(&set);
	CHECK(set.n == 0 && set.items == NULL, "not empty after free");
	CHECK(strset_find(&set, "again") == STRSET_NONE,
	      "nothing found in an empty set");
	CHECK(strset_add(&set, "again") == 0, "usable after free");
	strset_free(&set);
	return check_result("test-strset");
}
