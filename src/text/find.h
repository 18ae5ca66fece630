/* Finding a query in a text the way a reader means it: spelling variants
 * alike (text_key()), whole words from their start, and a compound found
 * whether it is written joined, with ZWNJ or with a space.
 *
 * A query is its words (text_words() of it, every word kept). A query
 * word matches where a word of the text starts and the text's words from
 * there, with what separates them ignored, begin with the query word: so
 * "ایران" finds "ایرانی", and "آتشبس" finds "آتش‌بس" and "آتش
 * بس". Two adjacent query words also match written as one ("آتش بس" finds
 * "آتشبس"). A text matches when every query word matches, anywhere. */
#ifndef AKHBAR_TEXT_FIND_H
#define AKHBAR_TEXT_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "text/words.h"

struct text_query;

/* The query in the UTF-8 text query[0, len); NULL when it has no words.
 * Free with text_query_free(). */
struct text_query *text_query_new(const char *query, size_t len);

/* Free a query; NULL is allowed. */
void text_query_free(struct text_query *q);

/* The query's words in key form, in the order typed. */
size_t text_query_nwords(const struct text_query *q);
const char *text_query_word(const struct text_query *q, size_t i);

/* Whether the text matches the query. *spans (when spans is not NULL)
 * gets the places in text that matched a query word, as byte ranges of
 * whole characters in text order, overlapping ones merged, for
 * highlighting; *nspans their count. The caller frees *spans (NULL when
 * there are none). Invalid UTF-8 in text is allowed. */
bool text_query_find(const struct text_query *q, const char *text, size_t len,
                     struct text_range **spans, size_t *nspans);

#endif
