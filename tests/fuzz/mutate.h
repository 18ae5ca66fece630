/* Damaged copies of an input, from a fixed seed so a failure repeats:
 * bytes flipped, inserted, dropped, repeated, cut; markup, entities,
 * escape sequences, broken UTF-8 and Persian letters slipped in. */
#ifndef AKHBAR_TESTS_FUZZ_MUTATE_H
#define AKHBAR_TESTS_FUZZ_MUTATE_H

#include <stddef.h>

#include "util/strbuf.h"

/* One mutation of the len bytes of in into out (emptied first).  The
 * pieces slipped in are the built-in ones and the nextra of extra (may be
 * NULL); with none extra, a seed gives the same mutations as ever. */
void mutate(const char *in, size_t len, struct strbuf *out,
            const char *const *extra, size_t nextra);

/* A number below n from the same fixed sequence (0 when n is 0). */
size_t mutate_below(size_t n);

#endif
