#include "config.h"

#include "util/strset.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/xalloc.h"

static size_t slot_of(const struct strset *set, const char *s, size_t len)
{
	return (size_t)hash_fnv1a(HASH_FNV1A_INIT, s, len) & (set->nslots - 1);
}

/* Twice the slots, every string put back in its place. */
static void grow(struct strset *set)
{
	size_t nslots = set->nslots ? set->nslots * 2 : 16;
	free(set->slots);
	set->slots = xcalloc(nslots, sizeof *set->slots);
	set->nslots = nslots;
	for (size_t k = 0; k < set->n; k++) {
		const char *s = set->items[k];
		size_t i = slot_of(set, s, strlen(s));
		while (set->slots[i])
			i = (i + 1) & (nslots - 1);
		set->slots[i] = k + 1;
	}
}

/* The slot holding s, or the empty one where it would go; *compares
 * counts the strings compared on the way. */
static size_t probe(const struct strset *set, const char *s, size_t len,
                    size_t *compares)
{
	size_t i = slot_of(set, s, len);
	for (; set->slots[i]; i = (i + 1) & (set->nslots - 1)) {
		++*compares;
		if (strcmp(set->items[set->slots[i] - 1], s) == 0)
			break;
	}
	return i;
}

size_t strset_add(struct strset *set, const char *s)
{
	if (2 * (set->n + 1) > set->nslots) {
		grow(set);
		set->items = xreallocarray(set->items, set->nslots / 2,
		                           sizeof *set->items);
	}
	size_t len = strlen(s);
	size_t i = probe(set, s, len, &set->compares);
	if (set->slots[i])
		return set->slots[i] - 1;
	set->items[set->n] = xstrndup(s, len);
	set->slots[i] = ++set->n;
	return set->n - 1;
}

size_t strset_find(const struct strset *set, const char *s)
{
	if (!set->nslots)
		return STRSET_NONE;
	size_t compares = 0;
	size_t i = probe(set, s, strlen(s), &compares);
	return set->slots[i] ? set->slots[i] - 1 : STRSET_NONE;
}

void strset_free(struct strset *set)
{
	for (size_t k = 0; k < set->n; k++)
		free(set->items[k]);
	free(set->items);
	free(set->slots);
	*set = (struct strset){0};
}
