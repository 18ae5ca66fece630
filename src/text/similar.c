/* Near-duplicates: headlines saying the same thing. Their salient words
 * (each once) are mostly the same: Jaccard at least DUP_JACCARD; or one
 * headline only adds a detail to another, whole, one: all the words of
 * the shorter (at least DUP_MIN_CONTAINED of them) and at most
 * DUP_MAX_ADDED more. A word replaced (another city, another person) is
 * another event; words added are the same event told more fully. And they
 * are published within DUP_WINDOW of each other when both dates are
 * known: the same words days later are news again.
 * The seed's «پوتین» headlines with and without «با شروطی» have 5 of 6
 * words in common, the «تجاوز جدید هوایی» pair 6 of 7; "قیمت دلار (در
 * بازار آزاد) از ۹۰ هزار تومان گذشت" adds two words to five. Schools
 * closed in Tehran and in Tabriz (5 of 7, a city replaced) are two
 * events, and so are the seed's two «هشدار حماس» headlines (four words
 * added: a condition, not a detail). tests/related measures it. */
#include "config.h"

#include "text/similar.h"

#include <stdlib.h>

#define DUP_JACCARD_NUM   3
#define DUP_JACCARD_DEN   4
#define DUP_MIN_CONTAINED 4
#define DUP_MAX_ADDED     2
#define DUP_WINDOW        (3 * 24 * 60 * 60LL)

bool text_same_words(size_t na, size_t nb, size_t both)
{
	if (na < TEXT_DUP_MIN_WORDS || nb < TEXT_DUP_MIN_WORDS)
		return false;
	size_t either = na + nb - both;
	if (both * DUP_JACCARD_DEN >= DUP_JACCARD_NUM * either)
		return true;
	size_t small = na < nb ? na : nb, large = na < nb ? nb : na;
	return both == small && small >= DUP_MIN_CONTAINED &&
	       large - small <= DUP_MAX_ADDED;
}

bool text_same_time(long long a, long long b)
{
	return a == 0 || b == 0 || llabs(a - b) <= DUP_WINDOW;
}

bool text_near_duplicate(const struct text_words *a, long long ta,
                         const struct text_words *b, long long tb)
{
	size_t na, nb;
	size_t both = text_words_common(a, b, &na, &nb);
	return text_same_time(ta, tb) && text_same_words(na, nb, both);
}

/* text_same_words() holds only when Jaccard >= 2/3 (containment with at
 * most DUP_MAX_ADDED = 2 added to DUP_MIN_CONTAINED = 4 gives 4/6, the
 * weakest case), so prefix filtering is done with t = 2/3: two sets with
 * Jaccard >= t share one of the first n - ceil(t n) + 1 words of each. */
size_t text_dup_prefix_length(size_t n)
{
	size_t needed = (2 * n + 2) / 3; /* ceil(2n / 3) */
	return n - needed + 1;
}
