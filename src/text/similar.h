/* Near-duplicates: headlines saying the same thing, one story told twice
 * (by two feeds, or by one site in two versions). One rule for the story
 * index (store/related.c) and the library of article files
 * (model/library.c). */
#ifndef AKHBAR_TEXT_SIMILAR_H
#define AKHBAR_TEXT_SIMILAR_H

#include <stdbool.h>
#include <stddef.h>

#include "text/words.h"

/* Headlines with fewer salient words than this are never near-duplicates:
 * one shared word says nothing. */
#define TEXT_DUP_MIN_WORDS 2

/* Whether headlines of na and nb distinct salient words, both of them in
 * common, say the same thing (times aside). */
bool text_same_words(size_t na, size_t nb, size_t both);

/* Whether two publication times (seconds since the epoch, 0 unknown) are
 * close enough for their headlines to be one story. */
bool text_same_time(long long a, long long b);

/* Whether two headlines, as their salient words once each
 * (TEXT_WORDS_SALIENT | TEXT_WORDS_UNIQUE) with their times, say the same
 * thing. */
bool text_near_duplicate(const struct text_words *a, long long ta,
                         const struct text_words *b, long long tb);

/* For prefix filtering: of a headline's n salient words sorted in any one
 * order fixed for all headlines, how many first ones any near-duplicate
 * has at least one of. */
size_t text_dup_prefix_length(size_t n);

#endif
