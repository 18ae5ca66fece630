#include "config.h"

#include "text/find.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

#include "text/textkey.h"
#include "util/xalloc.h"

struct text_query {
	struct text_words words;
	/* needle[i] for i < n: word i; needle[n + i]: words i and i + 1
	 * written as one. */
	char **needle;
	size_t nneedles;
};

struct text_query *text_query_new(const char *query, size_t len)
{
	struct text_query *q = xcalloc(1, sizeof *q);
	text_words(&q->words, query, len, 0);
	size_t n = q->words.n;
	if (n == 0) {
		text_query_free(q);
		return NULL;
	}
	q->nneedles = 2 * n - 1;
	q->needle = xreallocarray(NULL, q->nneedles, sizeof *q->needle);
	for (size_t i = 0; i < n; i++)
		q->needle[i] = xstrdup(q->words.word[i]);
	for (size_t i = 0; i + 1 < n; i++)
		q->needle[n + i] = xasprintf("%s%s", q->words.word[i],
		                             q->words.word[i + 1]);
	return q;
}

void text_query_free(struct text_query *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->nneedles; i++)
		free(q->needle[i]);
	free(q->needle);
	text_words_free(&q->words);
	free(q);
}

size_t text_query_nwords(const struct text_query *q)
{
	return q->words.n;
}

const char *text_query_word(const struct text_query *q, size_t i)
{
	return q->words.word[i];
}

/* A text in key form that remembers where each byte came from. The key
 * is made one grapheme cluster at a time (text_key() of the cluster), so
 * a match in the key is a run of whole clusters of the text. */
struct keyed {
	char *key;
	size_t len, cap;
	size_t *from; /* from[k]: the cluster key byte k came from */
	struct text_range *cluster;
	size_t nclusters, cluster_cap;
};

static void keyed_add(struct keyed *t, const char *s, size_t n, size_t start,
                      size_t end)
{
	if (t->nclusters == t->cluster_cap) {
		t->cluster_cap = t->cluster_cap ? t->cluster_cap * 2 : 64;
		t->cluster = xreallocarray(t->cluster, t->cluster_cap,
		                           sizeof *t->cluster);
	}
	size_t c = t->nclusters++;
	t->cluster[c] = (struct text_range){start, end};
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->key = xreallocarray(t->key, t->cap, 1);
		t->from = xreallocarray(t->from, t->cap, sizeof *t->from);
	}
	memcpy(t->key + t->len, s, n);
	for (size_t k = 0; k < n; k++)
		t->from[t->len + k] = c;
	t->len += n;
	t->key[t->len] = '\0';
}

static bool is_separator(ucs4_t uc)
{
	return uc_is_property_white_space(uc) || uc_is_cntrl(uc);
}

/* Key of one cluster text[start, end) whose first character is first. */
static void key_cluster(struct keyed *t, const char *text, size_t start,
                        size_t end, ucs4_t first)
{
	if (end - start == 1 && first < 0x80) {
		/* ASCII alone: folding is lower case, and nothing else. */
		char ch = (char)first;
		if (is_separator(first))
			ch = ' ';
		else if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		keyed_add(t, &ch, 1, start, end);
		return;
	}
	char *k = text_key(text + start, end - start);
	size_t n = strlen(k);
	if (n)
		keyed_add(t, k, n, start, end);
	else if (is_separator(first))
		keyed_add(t, " ", 1, start, end);
	/* Otherwise it was invisible (tatweel, ZWNJ, a lone mark): it joins
	 * what is around it. */
	free(k);
}

static void keyed_make(struct keyed *t, const char *text, size_t len)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t start = 0;
	ucs4_t first = 0, prev = 0;
	size_t i = 0;
	while (i < len) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, s + i, len - i);
		bool invalid = n < 0;
		if (invalid) {
			uc = 0xFFFD;
			n = 1;
		}
		if (i > start && (invalid || uc_is_grapheme_break(prev, uc))) {
			key_cluster(t, text, start, i, first);
			start = i;
		}
		if (i == start)
			first = uc;
		prev = invalid ? 0xFFFD : uc;
		i += (size_t)n;
		if (invalid) {
			/* An invalid byte is a cluster of its own. */
			key_cluster(t, text, start, i, first);
			start = i;
		}
	}
	if (start < len)
		key_cluster(t, text, start, len, first);
}

static void keyed_free(struct keyed *t)
{
	free(t->key);
	free(t->from);
	free(t->cluster);
}

static int by_start(const void *a, const void *b)
{
	const struct text_range *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

bool text_query_find(const struct text_query *q, const char *text, size_t len,
                     struct text_range **spans, size_t *nspans)
{
	struct keyed t = {0};
	keyed_make(&t, text, len);
	struct text_range *words;
	size_t nwords = text_word_ranges(t.key ? t.key : "", t.len, &words);

	/* The words joined, what separates them dropped: a needle may run
	 * on from one word into the next. at[l] is the key byte of
	 * letters[l]; a match may start only where a word starts. */
	char *letters = xmalloc(t.len + 1);
	size_t *at = xreallocarray(NULL, t.len + 1, sizeof *at);
	bool *word_start = xcalloc(t.len + 1, sizeof *word_start);
	size_t nl = 0;
	for (size_t w = 0; w < nwords; w++) {
		word_start[nl] = true;
		for (size_t k = words[w].start; k < words[w].end; k++) {
			letters[nl] = t.key[k];
			at[nl++] = k;
		}
	}

	bool *found = xcalloc(q->nneedles, sizeof *found);
	struct text_range *out = NULL;
	size_t nout = 0, cap = 0;
	for (size_t l = 0; l < nl; l++) {
		if (!word_start[l])
			continue;
		for (size_t i = 0; i < q->nneedles; i++) {
			size_t n = strlen(q->needle[i]);
			if (n > nl - l || memcmp(letters + l, q->needle[i], n))
				continue;
			found[i] = true;
			if (!spans)
				continue;
			if (nout == cap) {
				cap = cap ? cap * 2 : 8;
				out = xreallocarray(out, cap, sizeof *out);
			}
			out[nout++] = (struct text_range){
			        t.cluster[t.from[at[l]]].start,
			        t.cluster[t.from[at[l + n - 1]]].end};
		}
	}

	size_t n = q->words.n;
	bool all = true;
	for (size_t i = 0; i < n; i++)
		all = all && (found[i] || (i > 0 && found[n + i - 1]) ||
		              (i + 1 < n && found[n + i]));

	if (spans) {
		if (nout > 1) /* qsort() wants an array, even of none */
			qsort(out, nout, sizeof *out, by_start);
		size_t m = 0;
		for (size_t i = 0; i < nout; i++) {
			if (m && out[i].start < out[m - 1].end) {
				if (out[i].end > out[m - 1].end)
					out[m - 1].end = out[i].end;
			} else {
				out[m++] = out[i];
			}
		}
		*spans = out;
		*nspans = m;
	}
	free(found);
	free(word_start);
	free(at);
	free(letters);
	free(words);
	keyed_free(&t);
	return all;
}
