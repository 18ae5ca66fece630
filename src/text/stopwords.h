/* The stopword lists of data/stopwords, compiled in (stopwords.c is made
 * from them at build time by stopwords.awk). Only text/words.c reads
 * them: other modules ask text_is_stopword(). */
#ifndef AKHBAR_TEXT_STOPWORDS_H
#define AKHBAR_TEXT_STOPWORDS_H

#include <stddef.h>

/* The lines of every list, as written (not in key form). */
extern const char *const stopwords_text[];
extern const size_t stopwords_count;

#endif
