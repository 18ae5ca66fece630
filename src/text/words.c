#include "config.h"

#include "text/words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "text/stopwords.h"
#include "text/textkey.h"
#include "util/xalloc.h"

/* The stopwords in key form, sorted for bsearch. Made on first use, so a
 * list may spell a word any way (Arabic with Arabic yeh, Persian with
 * ZWNJ) and still match text in another spelling. Never freed: it lives
 * as long as the program. */
static char **stop_keys;
static size_t nstop_keys;

static int compare_keys(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_stopwords(void)
{
	stop_keys = xreallocarray(NULL, stopwords_count + 1, sizeof *stop_keys);
	size_t n = 0;
	for (size_t i = 0; i < stopwords_count; i++)
		stop_keys[n++] =
		        text_key(stopwords_text[i], strlen(stopwords_text[i]));
	qsort(stop_keys, n, sizeof *stop_keys, compare_keys);
	/* Two spellings of a word in the lists give one key. */
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		if (u && !strcmp(stop_keys[u - 1], stop_keys[i]))
			free(stop_keys[i]);
		else
			stop_keys[u++] = stop_keys[i];
	}
	nstop_keys = u;
}

bool text_is_stopword(const char *word)
{
	if (!stop_keys)
		load_stopwords();
	return bsearch(&word, stop_keys, nstop_keys, sizeof *stop_keys,
	               compare_keys) != NULL;
}

/* Letters, marks and digits make words; everything else separates them. */
static bool is_word_char(ucs4_t uc)
{
	if (uc < 0x80)
		return (uc >= 'a' && uc <= 'z') || (uc >= '0' && uc <= '9') ||
		       (uc >= 'A' && uc <= 'Z');
	return uc_is_general_category(uc, UC_CATEGORY_L) ||
	       uc_is_general_category(uc, UC_CATEGORY_M) ||
	       uc_is_general_category(uc, UC_CATEGORY_N);
}

static bool has_word(const struct text_words *w, const char *word)
{
	for (size_t i = 0; i < w->n; i++)
		if (!strcmp(w->word[i], word))
			return true;
	return false;
}

/* Append key[start, end) as a word unless flags leave it out. Words are
 * stored as offsets into buf until the end, since buf may move. */
static void add_word(struct text_words *w, const char *word, size_t len,
                     size_t *used, int flags)
{
	if (w->buf_cap < *used + len + 1) {
		w->buf_cap = (*used + len + 1) * 2;
		w->buf = xreallocarray(w->buf, w->buf_cap, 1);
	}
	char *copy = w->buf + *used;
	memcpy(copy, word, len);
	copy[len] = '\0';
	if (flags & TEXT_WORDS_SALIENT) {
		if (u8_mbsnlen((const uint8_t *)copy, len) < 2 ||
		    text_is_stopword(copy))
			return;
	}
	if (w->n == w->word_cap) {
		w->word_cap = w->word_cap ? w->word_cap * 2 : 32;
		w->word = xreallocarray(w->word, w->word_cap, sizeof *w->word);
	}
	w->word[w->n++] = (const char *)(uintptr_t)*used;
	*used += len + 1;
}

size_t text_word_ranges(const char *key, size_t len,
                        struct text_range **ranges)
{
	*ranges = NULL;
	size_t n = 0, cap = 0;
	char *breaks = xmalloc(len ? len : 1);
	u8_wordbreaks((const uint8_t *)key, len, breaks);
	size_t start = SIZE_MAX;
	size_t i = 0;
	for (;;) {
		ucs4_t uc = 0;
		int step = i < len ? u8_mbtouc(&uc, (const uint8_t *)key + i,
		                               len - i)
		                   : 0;
		bool word_char = i < len && is_word_char(uc);
		if (start != SIZE_MAX &&
		    (i == len || breaks[i] || !word_char)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				*ranges = xreallocarray(*ranges, cap,
				                        sizeof **ranges);
			}
			(*ranges)[n++] = (struct text_range){start, i};
			start = SIZE_MAX;
		}
		if (i == len)
			break;
		if (word_char && start == SIZE_MAX)
			start = i;
		i += (size_t)step;
	}
	free(breaks);
	return n;
}

void text_words_of_key(struct text_words *w, const char *key, size_t len,
                       int flags)
{
	w->n = 0;
	struct text_range *ranges;
	size_t n = text_word_ranges(key, len, &ranges);
	size_t used = 0;
	for (size_t k = 0; k < n; k++)
		add_word(w, key + ranges[k].start,
		         ranges[k].end - ranges[k].start, &used, flags);
	free(ranges);
	/* Offsets become pointers now that buf has stopped moving. */
	for (size_t k = 0; k < w->n; k++)
		w->word[k] = w->buf + (uintptr_t)w->word[k];
	if (flags & TEXT_WORDS_UNIQUE) {
		size_t all = w->n;
		w->n = 0;
		for (size_t k = 0; k < all; k++)
			if (!has_word(w, w->word[k]))
				w->word[w->n++] = w->word[k];
	}
}

void text_words(struct text_words *w, const char *text, size_t len, int flags)
{
	char *key = text_key(text, len);
	text_words_of_key(w, key, strlen(key), flags);
	free(key);
}

void text_words_free(struct text_words *w)
{
	free(w->word);
	free(w->buf);
	memset(w, 0, sizeof *w);
}

/* Words of w not seen earlier in w: its size as a set. */
static size_t distinct(const struct text_words *w)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++) {
		size_t j = 0;
		while (j < i && strcmp(w->word[j], w->word[i]))
			j++;
		n += j == i;
	}
	return n;
}

size_t text_words_common(const struct text_words *a,
                         const struct text_words *b, size_t *na, size_t *nb)
{
	size_t both = 0;
	for (size_t i = 0; i < a->n; i++) {
		size_t j = 0;
		while (j < i && strcmp(a->word[j], a->word[i]))
			j++;
		if (j == i && has_word(b, a->word[i]))
			both++;
	}
	*na = distinct(a);
	*nb = distinct(b);
	return both;
}
