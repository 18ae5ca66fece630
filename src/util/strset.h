/* A set of strings numbered in the order they were first added: adding
 * and finding cost the same whatever the size (a hash table with open
 * addressing). */
#ifndef AKHBAR_UTIL_STRSET_H
#define AKHBAR_UTIL_STRSET_H

#include <stddef.h>

/* Zero-initialized is empty.  items[i] is the string numbered i, owned by
 * the set. */
struct strset {
	char **items;
	size_t n;
	size_t *slots;   /* 1 + an index into items; 0: an empty slot */
	size_t nslots;   /* a power of two, at least twice n; 0 at first */
	size_t compares; /* strings strset_add() compared so far, all calls */
};

/* The number of s in the set, adding a copy of it when new. */
size_t strset_add(struct strset *set, const char *s);

/* What strset_find() gives for a string not in the set. */
#define STRSET_NONE ((size_t)-1)

/* The number of s in the set, or STRSET_NONE when it is not in it. */
size_t strset_find(const struct strset *set, const char *s);

/* Free the strings and the table; the set is empty and usable again. */
void strset_free(struct strset *set);

#endif
