/* The words of a text for matching: what the search index holds and what
 * related stories are compared by. */
#ifndef AKHBAR_TEXT_WORDS_H
#define AKHBAR_TEXT_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* A list of words, each in key form (text_key()) and NUL-terminated. The
 * storage is reused from call to call; free it with text_words_free(). */
struct text_words {
	const char **word; /* word[0..n) point into buf */
	size_t n;
	char *buf;
	size_t buf_cap, word_cap;
};

enum {
	/* Leave out the common words of fa, ar, en and he (data/stopwords)
	 * and single characters: what is left says what a story is about. */
	TEXT_WORDS_SALIENT = 1,
	/* Each word once, in order of first appearance. */
	TEXT_WORDS_UNIQUE = 2,
};

/* A piece of a text: bytes [start, end). */
struct text_range {
	size_t start, end;
};

/* Where the words of a text in key form are, in order: the words
 * text_words_of_key() gives without flags. Returns their count; *ranges
 * gets a new array (NULL when there are none). */
size_t text_word_ranges(const char *key, size_t len,
                        struct text_range **ranges);

/* Fill w with the words of the UTF-8 text: text_key() of it cut at
 * libunistring's word boundaries (UAX #29), each word a run of letters,
 * marks and digits, so punctuation never belongs to a word. flags are
 * TEXT_WORDS_* or'ed. w must be zeroed before its first use. */
void text_words(struct text_words *w, const char *text, size_t len, int flags);

/* The same for a text already in key form (from text_key()). */
void text_words_of_key(struct text_words *w, const char *key, size_t len,
                       int flags);

/* Free the storage of w (not w itself) and zero it; w may be reused. */
void text_words_free(struct text_words *w);

/* How many words two lists have in common, each word counted once;
 * *na and *nb get the number of distinct words of each. */
size_t text_words_common(const struct text_words *a, const struct text_words *b,
                         size_t *na, size_t *nb);

/* Whether a word in key form is one of the common words left out by
 * TEXT_WORDS_SALIENT. */
bool text_is_stopword(const char *word);

#endif
