#include "config.h"

#include "text/words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "text/ascii.h"
#include "text/stopwords.h"
#include "text/textkey.h"
#include "util/hash.h"
#include "util/xalloc.h"

static uint64_t hash_word(const char *s, size_t len)
{
	return hash_fnv1a(HASH_FNV1A_INIT, s, len);
}

/* The stopwords in key form, in an open-addressing hash table. Made on
 * first use, so a list may spell a word any way (Arabic with Arabic yeh,
 * Persian with ZWNJ) and still match text in another spelling. Never
 * freed: it lives as long as the program. */
static char **stop_slot;
static size_t nstop_slots;

static void load_stopwords(void)
{
	nstop_slots = 64;
	while (nstop_slots < 2 * stopwords_count)
		nstop_slots *= 2;
	stop_slot = xcalloc(nstop_slots, sizeof *stop_slot);
	for (size_t i = 0; i < stopwords_count; i++) {
		char *k =
		        text_key(stopwords_text[i], strlen(stopwords_text[i]));
		size_t j = hash_word(k, strlen(k)) & (nstop_slots - 1);
		while (stop_slot[j] && strcmp(stop_slot[j], k))
			j = (j + 1) & (nstop_slots - 1);
		if (stop_slot[j]) /* two spellings of one word */
			free(k);
		else
			stop_slot[j] = k;
	}
}

bool text_is_stopword(const char *word)
{
	if (!stop_slot)
		load_stopwords();
	size_t j = hash_word(word, strlen(word)) & (nstop_slots - 1);
	for (; stop_slot[j]; j = (j + 1) & (nstop_slots - 1))
		if (!strcmp(stop_slot[j], word))
			return true;
	return false;
}

/* Letters, marks and digits make words; everything else separates them. */
static bool is_word_char(ucs4_t uc)
{
	if (uc < 0x80)
		return ascii_is_alpha(uc) || ascii_is_digit(uc);
	/* Arabic and Hebrew letters, the most of our text, at once. */
	if ((uc >= 0x0620 && uc <= 0x064A) || (uc >= 0x05D0 && uc <= 0x05EA) ||
	    (uc >= 0x06A9 && uc <= 0x06CC))
		return true;
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
		/* One character: its lead byte tells its whole length. */
		unsigned char lead = (unsigned char)copy[0];
		size_t first = lead < 0x80   ? 1
		               : lead < 0xE0 ? 2
		               : lead < 0xF0 ? 3
		                             : 4;
		if (len <= first || text_is_stopword(copy))
			return;
	}
	if (w->n == w->word_cap) {
		w->word_cap = w->word_cap ? w->word_cap * 2 : 32;
		w->word = xreallocarray(w->word, w->word_cap, sizeof *w->word);
	}
	w->word[w->n++] = (const char *)(uintptr_t)*used;
	*used += len + 1;
}

size_t text_word_ranges(const char *key, size_t len, struct text_range **ranges)
{
	*ranges = NULL;
	size_t n = 0, cap = 0;
	/* Below U+0800, every letter, mark and digit of a key is ALetter,
	 * Hebrew_Letter, Numeric or Extend to UAX #29 (keys are NFKC, so no
	 * superscript digits), and no boundary falls inside a run of them:
	 * such keys need no word breaking beyond what is_word_char() does.
	 * That is Latin, Greek, Cyrillic, Hebrew and Arabic text. */
	bool wide = false;
	for (size_t i = 0; i < len && !wide; i++)
		wide = (unsigned char)key[i] >= 0xE0;
	char *breaks = NULL;
	if (wide) {
		breaks = xmalloc(len);
		u8_wordbreaks((const uint8_t *)key, len, breaks);
	}
	size_t start = SIZE_MAX;
	size_t i = 0;
	for (;;) {
		const uint8_t *k = (const uint8_t *)key + i;
		ucs4_t uc = 0;
		int step = 0;
		if (i < len && k[0] < 0x80) {
			uc = k[0];
			step = 1;
		} else if (i < len && k[0] < 0xE0) { /* keys are valid */
			uc = ((ucs4_t)(k[0] & 0x1F) << 6) | (k[1] & 0x3F);
			step = 2;
		} else if (i < len) {
			step = u8_mbtouc(&uc, k, len - i);
		}
		bool word_char = i < len && is_word_char(uc);
		if (start != SIZE_MAX &&
		    (i == len || (breaks && breaks[i]) || !word_char)) {
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
		/* Hashes first: comparing two numbers is cheaper than two
		 * words, and a summary has dozens of words. */
		uint64_t *h = xreallocarray(NULL, w->n ? w->n : 1, sizeof *h);
		size_t all = w->n;
		w->n = 0;
		for (size_t k = 0; k < all; k++) {
			uint64_t hk = hash_word(w->word[k], strlen(w->word[k]));
			size_t j = 0;
			while (j < w->n &&
			       (h[j] != hk || strcmp(w->word[j], w->word[k])))
				j++;
			if (j < w->n)
				continue;
			h[w->n] = hk;
			w->word[w->n++] = w->word[k];
		}
		free(h);
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

size_t text_words_common(const struct text_words *a, const struct text_words *b,
                         size_t *na, size_t *nb)
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
