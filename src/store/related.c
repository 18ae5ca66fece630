/* The story index: related stories, near-duplicates and search over every
 * item of the cache.
 *
 * Why SQLite FTS5 and not an index of our own: FTS5 keeps its postings in
 * segments written in bulk at commit, so indexing costs the ingest little
 * (an own (word, item) table takes a B-tree insert per word per item);
 * it keeps what bm25 needs, which weighs a word by its rarity (idf) and a
 * story by how many of the words it has, per column (headline over
 * summary): related stories are ranked by bm25 as FTS5 computes it, over
 * the rows of their query's words (FTS5's own ranking of every match
 * costs ten times more); it answers prefix and phrase queries, which
 * search needs. What FTS5 cannot
 * do is our normalization, so words go in already in key form
 * (text_words()), separated by spaces, and the 'ascii' tokenizer only
 * splits at those spaces (our words hold letters, marks and digits only,
 * and their ASCII is already lower case).
 *
 * The index holds per item the headline's every word (search needs the
 * common ones too) and the summary's salient words; related stories and
 * near-duplicates use only the salient words of both. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "store/cache.h"
#include "store/store.h"
#include "text/find.h"
#include "text/safe.h"
#include "text/similar.h"
#include "text/words.h"
#include "util/strbuf.h"
#include "util/hash.h"
#include "util/strset.h"
#include "util/xalloc.h"

/* The index holds the salient words of the first SUMMARY_INDEX_BYTES of
 * an item's summary only: each word indexed costs about a microsecond at
 * ingest (FTS5), and the index must not slow ingest by more than 30%.  An
 * item's query takes the words of the whole summary. */
#define SUMMARY_INDEX_BYTES 200

/* bm25 weights of the headline and summary columns: the headline is
 * chosen by an editor to say what the story is. */
#define HEADLINE_WEIGHT 3.0
#define SUMMARY_WEIGHT  1.0

/* At most this many words of an item make its related-stories query,
 * the rarest: more cost time and add little. Words more common than one
 * item in COMMON_FRACTION (once the cache has more than COMMON_MIN *
 * COMMON_FRACTION items) are left out: they are in too many stories to
 * tell them apart, and reading their many postings is what costs. */
#define MAX_QUERY_WORDS 16
#define COMMON_FRACTION 50
#define COMMON_MIN      50

/* Candidates read per related story wanted: room for near-duplicates that
 * fold away. */
#define CANDIDATES_PER_STORY 4
#define CANDIDATES_MIN       24

/* News comes in bursts: stories about one event appear within days of
 * each other, and the same words weeks apart are usually another event
 * (another strike on the same city, another rate decision). A candidate's
 * score is divided by 1 + (days between it and the item) / NEAR_DAYS. */
#define NEAR_DAYS 7.0

/* Scores within this fraction of the best are equal: recent first. */
#define EQUAL_SCORES 0.05

/* Whether the space-separated words of list include word. */
static bool has_word_in(const char *list, const char *word)
{
	size_t len = strlen(word);
	for (const char *p = list; (p = strstr(p, word)); p += len)
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return true;
	return false;
}

/* What the index holds of an item (its title and the text of its summary
 * or body), appended to out: the headline's every word, a NUL, then the
 * salient words of the text's start that the
 * headline has not (bm25 counts the headline's anyway, and each word
 * indexed costs), a NUL. *summary gets where the summary's words start. */
static void index_words(struct text_words *w, const char *title,
                        const char *text, struct strbuf *out, size_t *summary)
{
	size_t headline = out->len;
	text_words(w, title, strlen(title), 0);
	for (size_t i = 0; i < w->n; i++) {
		if (i)
			strbuf_add(out, " ", 1);
		strbuf_adds(out, w->word[i]);
	}
	strbuf_add(out, "", 1); /* the NUL stays */
	*summary = out->len;
	text_words(w, text,
	           article_text_cut(text, strlen(text), SUMMARY_INDEX_BYTES),
	           TEXT_WORDS_SALIENT | TEXT_WORDS_UNIQUE);
	bool first = true;
	for (size_t i = 0; i < w->n; i++) {
		if (has_word_in(out->s + headline, w->word[i]))
			continue;
		if (!first)
			strbuf_add(out, " ", 1);
		first = false;
		strbuf_adds(out, w->word[i]);
	}
	strbuf_add(out, "", 1); /* the NUL stays */
}

/* Scratch space of the SQL functions, one per connection. */
struct scratch {
	struct text_words words;
	struct strbuf out;
};

static void scratch_free(void *p)
{
	struct scratch *s = p;
	text_words_free(&s->words);
	free(s->out.s);
	free(s);
}

/* akhbar_headline_words(title, body) and akhbar_summary_words(title,
 * body): the two columns of the index for an item, as
 * cache_index_batch_add() makes them. */
static void column_words(sqlite3_context *ctx, sqlite3_value **argv,
                         bool want_summary)
{
	struct scratch *s = sqlite3_user_data(ctx);
	const char *title = (const char *)sqlite3_value_text(argv[0]);
	const char *body = (const char *)sqlite3_value_text(argv[1]);
	s->out.len = 0;
	size_t summary;
	index_words(&s->words, title ? title : "", body ? body : "", &s->out,
	            &summary);
	const char *words = s->out.s + (want_summary ? summary : 0);
	sqlite3_result_text(ctx, words, -1, SQLITE_TRANSIENT);
}

static void headline_words(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	column_words(ctx, argv, false);
}

static void summary_words(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	column_words(ctx, argv, true);
}

bool cache_index_register(sqlite3 *db)
{
	/* Deterministic and innocuous: they read only their argument, so
	 * triggers may call them. */
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	struct scratch *s = xcalloc(1, sizeof *s);
	if (sqlite3_create_function_v2(db, "akhbar_headline_words", 2, flags, s,
	                               headline_words, NULL, NULL,
	                               scratch_free) != SQLITE_OK)
		return false;
	s = xcalloc(1, sizeof *s);
	return sqlite3_create_function_v2(db, "akhbar_summary_words", 2, flags,
	                                  s, summary_words, NULL, NULL,
	                                  scratch_free) == SQLITE_OK;
}

/* A statement prepared for one call: these run once per user action, so
 * preparing (tens of microseconds) is no cost worth keeping them for. */
static sqlite3_stmt *prepare(struct cache *c, const char *sql)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(cache_db(c), sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		cache_fail(c, rc);
		return NULL;
	}
	return st;
}

/* A range of item ids, lo to hi. */
struct id_window {
	long long lo, hi;
};

/* The first and the last item id: the items are about as many as the
 * ids between (ids follow the order items came in; the oldest go as
 * they expire). False with the cache's error. */
static bool item_ids(struct cache *c, struct id_window *ids)
{
	sqlite3_stmt *st = prepare(c, "SELECT (SELECT min(id) FROM items),"
	                              " (SELECT max(id) FROM items)");
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ids->lo = sqlite3_column_int64(st, 0);
		ids->hi = sqlite3_column_int64(st, 1);
	} else {
		cache_fail(c, rc);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

/* About how many items there are (the ids between the first and the
 * last); -1 with the cache's error. */
static long long items_about(struct cache *c)
{
	struct id_window ids;
	return item_ids(c, &ids) ? ids.hi - ids.lo + 1 : -1;
}

struct index_batch {
	long long *id;
	size_t *at; /* at[2i], at[2i+1]: item i's headline and summary */
	size_t n, cap;
	struct strbuf words; /* NUL-separated */
};

/* Written when either is reached: a few hundred KB held at most. */
#define BATCH_ITEMS 1024
#define BATCH_BYTES (512 * 1024)

struct index_batch *cache_index_batch_new(void)
{
	return xcalloc(1, sizeof(struct index_batch));
}

void cache_index_words(struct text_words *scratch, const char *title,
                       const char *summary, struct strbuf *out)
{
	size_t at;
	index_words(scratch, title, summary, out, &at);
}

void cache_index_batch_add(struct index_batch *b, long long id,
                           const char *words, size_t len)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->id = xreallocarray(b->id, b->cap, sizeof *b->id);
		b->at = xreallocarray(b->at, b->cap, 2 * sizeof *b->at);
	}
	b->id[b->n] = id;
	b->at[2 * b->n] = b->words.len;
	b->at[2 * b->n + 1] = b->words.len + strlen(words) + 1;
	strbuf_add(&b->words, words, len);
	b->n++;
}

bool cache_index_batch_full(const struct index_batch *b)
{
	return b->n >= BATCH_ITEMS || b->words.len >= BATCH_BYTES;
}

bool cache_index_batch_write(struct cache *c, struct index_batch *b)
{
	if (!b->n)
		return true;
	sqlite3_stmt *st = prepare(c, "INSERT OR REPLACE INTO story_words"
	                              " (rowid, headline, summary)"
	                              " VALUES (?1, ?2, ?3)");
	if (!st)
		return false;
	int rc = SQLITE_DONE;
	for (size_t i = 0; i < b->n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 1, b->id[i]);
		sqlite3_bind_text(st, 2, b->words.s + b->at[2 * i], -1,
		                  SQLITE_STATIC);
		sqlite3_bind_text(st, 3, b->words.s + b->at[2 * i + 1], -1,
		                  SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	b->n = 0;
	b->words.len = 0;
	return rc == SQLITE_DONE || cache_fail(c, rc);
}

/* An update storing this many items at least, and a tenth of the cache's
 * or more, merges the index into one segment after it. */
#define COMPACT_FRESH 10000

bool cache_index_compact_after(struct cache *c, long long fresh)
{
	if (fresh < COMPACT_FRESH)
		return true;
	long long items = items_about(c);
	if (items < 0)
		return false;
	if (fresh * 10 < items)
		return true;
	sqlite3_stmt *st = prepare(c, "INSERT INTO story_words(story_words)"
	                              " VALUES ('optimize')");
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || cache_fail(c, rc);
}

void cache_index_batch_free(struct index_batch *b)
{
	if (!b)
		return;
	free(b->id);
	free(b->at);
	free(b->words.s);
	free(b);
}

char *column_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? xstrndup(s, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* Column i as a story's title: "" for NULL, as a story list promises. */
static char *story_title(sqlite3_stmt *st, int i)
{
	char *title = column_dup(st, i);
	return title ? title : xstrdup("");
}

static void stories_add(struct cache_story_list *s, size_t *cap,
                        const struct cache_story *story)
{
	if (s->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		s->items = xreallocarray(s->items, *cap, sizeof *s->items);
	}
	s->items[s->n++] = *story;
}

void cache_story_list_free(struct cache_story_list *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->items[i].title);
		free(s->items[i].dups);
	}
	free(s->items);
	free(s);
}

static void add_dup(struct cache_story *story, long long id)
{
	story->dups = xreallocarray(story->dups, story->ndups + 1,
	                            sizeof *story->dups);
	story->dups[story->ndups++] = id;
}

/* The salient words of an indexed headline, once each. */
static void headline_salient(struct text_words *w, const char *indexed)
{
	text_words_of_key(w, indexed ? indexed : "",
	                  indexed ? strlen(indexed) : 0,
	                  TEXT_WORDS_SALIENT | TEXT_WORDS_UNIQUE);
}

/* An item as the index has it. */
struct indexed {
	long long time;
	struct text_words headline; /* salient, once each */
	struct text_words summary;  /* salient, once each */
};

static bool read_indexed(struct cache *c, long long id, struct indexed *it)
{
	sqlite3_stmt *st = prepare(c, "SELECT s.headline,"
	                              " coalesce(i.summary, i.body), i.time"
	                              " FROM story_words s"
	                              " JOIN items i ON i.id = s.rowid"
	                              " WHERE s.rowid = ?1");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	bool ok = rc == SQLITE_ROW;
	if (ok) {
		headline_salient(&it->headline,
		                 (const char *)sqlite3_column_text(st, 0));
		const char *body = (const char *)sqlite3_column_text(st, 1);
		size_t len = body ? (size_t)sqlite3_column_bytes(st, 1) : 0;
		text_words(&it->summary, body ? body : "",
		           article_text_cut(body, len, ARTICLE_SUMMARY_BYTES),
		           TEXT_WORDS_SALIENT | TEXT_WORDS_UNIQUE);
		it->time = sqlite3_column_int64(st, 2);
	} else if (rc == SQLITE_DONE) {
		cache_no_item(c, id);
	} else {
		cache_fail(c, rc);
	}
	sqlite3_finalize(st);
	return ok;
}

static void indexed_free(struct indexed *it)
{
	text_words_free(&it->headline);
	text_words_free(&it->summary);
}

/* A phrase of one word for an FTS5 query. Our words hold no '"' (only
 * letters, marks and digits), so quoting is only against FTS5's own
 * keywords. */
static void add_term(struct strbuf *b, const char *word, bool prefix)
{
	strbuf_add(b, "\"", 1);
	strbuf_adds(b, word);
	strbuf_adds(b, prefix ? "\"*" : "\"");
}

/* A word of an item's query, and how many items have it. */
struct query_word {
	const char *word;
	long long items;
};

static int rarest_word_first(const void *a, const void *b)
{
	const struct query_word *x = a, *y = b;
	return (x->items > y->items) - (x->items < y->items);
}

/* A word's items are counted up to COUNT_MAX of them, the first (oldest)
 * ids: a word having more is one of many stories, and how many is
 * extrapolated from the ids those first COUNT_MAX span (bm25 weighs it
 * by the logarithm of that number, which an error of a tenth moves by a
 * tenth, against 4 to 10 for the words of a big cache).
 * Counting every item of a common word, and asking the index twice for
 * each word, is what made related stories slower as the cache grew: each
 * question reads a page or more of every segment of the index. The
 * first ids, as FTS5 reaches the start of a word's rows at once and the
 * end only through them. */
#define COUNT_MAX 128

/* How many items have word (a phrase of the query st), or about how
 * many (above) of the items with ids in ids; -1 with the cache's
 * error. */
static long long count_items(struct cache *c, sqlite3_stmt *st,
                             struct strbuf *term, const char *word,
                             const struct id_window *ids)
{
	term->len = 0;
	add_term(term, word, false);
	sqlite3_bind_text(st, 1, term->s, (int)term->len, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, COUNT_MAX);
	int rc = sqlite3_step(st);
	long long items = -1;
	if (rc == SQLITE_ROW) {
		items = sqlite3_column_int64(st, 0);
		long long reached = sqlite3_column_int64(st, 1);
		if (items == COUNT_MAX && reached < ids->hi)
			items = (long long)((double)items *
			                    (double)(ids->hi - ids->lo + 1) /
			                    (double)(reached - ids->lo + 1));
	} else {
		cache_fail(c, rc);
	}
	sqlite3_reset(st);
	return items;
}

/* The words of both lists (second may be NULL), each once, in qw; how
 * many. */
static size_t distinct_words(struct query_word *qw,
                             const struct text_words *first,
                             const struct text_words *second)
{
	size_t n = 0;
	const struct text_words *lists[] = {first, second};
	for (size_t l = 0; l < 2 && lists[l]; l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			const char *w = lists[l]->word[i];
			size_t j = 0;
			while (j < n && strcmp(qw[j].word, w))
				j++;
			if (j == n)
				qw[n++] = (struct query_word){w, 0};
		}
	}
	return n;
}

/* The words of an item's query out of both lists (second may be NULL):
 * the MAX_QUERY_WORDS rarest, rarest first, leaving out those no other
 * item has and those too common to tell stories apart (more than one
 * item in COMMON_FRACTION, when there are many), with how many items
 * have each (ids: those of the cache's items). *n gets how many; NULL
 * with the cache's error. */
static struct query_word *query_words(struct cache *c,
                                      const struct text_words *first,
                                      const struct text_words *second,
                                      const struct id_window *ids, size_t *n)
{
	struct query_word *qw = xreallocarray(
	        NULL, first->n + (second ? second->n : 0) + 1, sizeof *qw);
	size_t words = distinct_words(qw, first, second);
	long long common = ids->hi / COMMON_FRACTION;
	if (common < COMMON_MIN)
		common = COMMON_MIN;
	sqlite3_stmt *st = prepare(c, "SELECT count(*), max(rowid) FROM"
	                              " (SELECT rowid FROM story_words"
	                              " WHERE story_words MATCH ?1"
	                              " ORDER BY rowid LIMIT ?2)");
	struct strbuf term = {0};
	bool ok = st != NULL;
	*n = 0;
	for (size_t i = 0; ok && i < words; i++) {
		qw[i].items = count_items(c, st, &term, qw[i].word, ids);
		ok = qw[i].items >= 0;
		if (ok && qw[i].items >= 2 && qw[i].items <= common)
			qw[(*n)++] = qw[i];
	}
	free(term.s);
	sqlite3_finalize(st);
	if (!ok) {
		free(qw);
		return NULL;
	}
	qsort(qw, *n, sizeof *qw, rarest_word_first);
	if (*n > MAX_QUERY_WORDS)
		*n = MAX_QUERY_WORDS;
	return qw;
}

/* bm25 as FTS5 computes it (fts5_aux.c), with its constants: the
 * ranking FTS5 gave, computed here over the postings of the query's
 * words, which costs a tenth of what FTS5's ranking of every match
 * does. */
#define BM25_K1 1.2
#define BM25_B  0.75

/* What bm25 needs of the whole index: its rows and their mean length in
 * words. FTS5 keeps both in its averages record, row 1 of the index's
 * data table: the rows, then each column's words, as SQLite varints. */
struct index_totals {
	double rows, mean_words;
};

/* The SQLite varint at p (n bytes long) in *v: its length, 0 when cut
 * short. */
static size_t get_varint(const unsigned char *p, size_t n,
                         unsigned long long *v)
{
	*v = 0;
	for (size_t i = 0; i < n && i < 9; i++) {
		if (i == 8) {
			*v = (*v << 8) | p[i];
			return 9;
		}
		*v = (*v << 7) | (p[i] & 0x7f);
		if (!(p[i] & 0x80))
			return i + 1;
	}
	return 0;
}

static bool read_totals(struct cache *c, struct index_totals *t)
{
	*t = (struct index_totals){0};
	sqlite3_stmt *st = prepare(c, "SELECT block FROM story_words_data"
	                              " WHERE id = 1");
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_blob(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		unsigned long long rows = 0, words = 0, v;
		size_t at = p ? get_varint(p, n, &rows) : 0, len;
		for (; at && (len = get_varint(p + at, n - at, &v)); at += len)
			words += v;
		t->rows = (double)rows;
		t->mean_words = rows ? (double)words / (double)rows : 0;
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE)
		cache_fail(c, rc);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

/* A word's inverse document frequency, as bm25 weighs it. */
static double idf(const struct index_totals *t, long long items)
{
	double v = log((t->rows - (double)items + 0.5) / ((double)items + 0.5));
	return v > 0 ? v : 1e-6;
}

/* The items scored exactly per candidate wanted: the first scores are
 * within a few percent of bm25 (they take every item to be of the mean
 * length), so the best of them hold the best by bm25. */
#define RESCORED_PER_CANDIDATE 3

/* Of a word having more than READ_MAX items, the READ_MAX or so nearest
 * the item by id are read (the ids of a window around it, as wide as
 * the word's items make READ_MAX likely): ids follow the order items
 * came in, so these are the stories of the item's days, which the
 * ranking prefers anyway (NEAR_DAYS); a story further away counts only
 * for its rarer words, and the candidates are scored by bm25 again from
 * their words (rescore()). Reading every item of a common word is what
 * made related stories slower as the cache grew. */
#define READ_MAX 512

/* An item's query: its words, how much each weighs, and the index's
 * totals bm25 weighs them with. */
struct query {
	long long item_id;
	const struct query_word *words;
	double idf[MAX_QUERY_WORDS];
	struct id_window window[MAX_QUERY_WORDS]; /* the ids read of each */
	size_t n;
	struct index_totals totals;
};

/* An item having some of the query's words: which (bit i for word i)
 * in its headline and in its summary, and its score. */
struct scored {
	long long id; /* 0: a free slot */
	uint32_t headline, summary;
	double score;
	long long distance; /* between its id and the item's */
};

/* The items having some of the query's words, by id (open addressing). */
struct score_table {
	struct scored *at;
	size_t cap, n;
};

static size_t id_slot(long long id, size_t cap)
{
	return (size_t)(((unsigned long long)id * 0x9E3779B97F4A7C15ull) >>
	                32) &
	       (cap - 1);
}

/* Room for at least n items in t. */
static void score_table_grow(struct score_table *t, size_t n)
{
	size_t cap = t->cap ? t->cap : 64;
	while (cap < 2 * n)
		cap *= 2;
	struct scored *at = xcalloc(cap, sizeof *at);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->at[i].id)
			continue;
		size_t j = id_slot(t->at[i].id, cap);
		while (at[j].id)
			j = (j + 1) & (cap - 1);
		at[j] = t->at[i];
	}
	free(t->at);
	t->at = at;
	t->cap = cap;
}

static struct scored *score_slot(struct score_table *t, long long id)
{
	if (2 * (t->n + 1) > t->cap)
		score_table_grow(t, t->n + 1);
	size_t j = id_slot(id, t->cap);
	while (t->at[j].id && t->at[j].id != id)
		j = (j + 1) & (t->cap - 1);
	if (!t->at[j].id) {
		t->at[j].id = id;
		t->n++;
	}
	return &t->at[j];
}

/* bm25's share of a word of weighed frequency f in an item whose length
 * gives norm. */
static double saturation(double f, double norm)
{
	return f * (BM25_K1 + 1) / (f + norm);
}

/* The window of ids around item_id read of a word having items of those
 * with ids in ids. */
static struct id_window read_window(long long item_id, long long items,
                                    const struct id_window *ids)
{
	if (items <= READ_MAX)
		return *ids;
	long long width =
	        (long long)((double)READ_MAX * (double)(ids->hi - ids->lo + 1) /
	                    (double)items);
	long long lo = item_id - width / 2;
	if (lo + width > ids->hi)
		lo = ids->hi - width;
	if (lo < ids->lo)
		lo = ids->lo;
	return (struct id_window){lo, lo + width};
}

/* Noting word i of every item having it in the headline (or the
 * summary) with an id in the window. */
static bool add_postings(struct cache *c, sqlite3_stmt *st,
                         struct strbuf *phrase, const struct query *q, size_t i,
                         bool headline, struct score_table *t)
{
	phrase->len = 0;
	strbuf_adds(phrase, headline ? "headline : " : "summary : ");
	add_term(phrase, q->words[i].word, false);
	sqlite3_bind_text(st, 1, phrase->s, (int)phrase->len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, q->window[i].lo);
	sqlite3_bind_int64(st, 3, q->window[i].hi);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct scored *s = score_slot(t, sqlite3_column_int64(st, 0));
		*(headline ? &s->headline : &s->summary) |= 1u << i;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		cache_fail(c, rc);
	return rc == SQLITE_DONE;
}

/* Every item having some of the query's words in their windows, and
 * which. */
static bool read_postings(struct cache *c, const struct query *q,
                          struct score_table *t)
{
	sqlite3_stmt *st = prepare(c, "SELECT rowid FROM story_words"
	                              " WHERE story_words MATCH ?1"
	                              " AND rowid BETWEEN ?2 AND ?3");
	bool ok = st != NULL;
	struct strbuf phrase = {0};
	for (size_t i = 0; ok && i < q->n; i++)
		ok = add_postings(c, st, &phrase, q, i, true, t) &&
		     add_postings(c, st, &phrase, q, i, false, t);
	free(phrase.s);
	sqlite3_finalize(st);
	return ok;
}

/* bm25 of an item of the given length in words, with freq[i] the
 * weighed frequency of the query's word i in it. */
static double bm25(const struct query *q, const double *freq, double words)
{
	double norm =
	        BM25_K1 * (1 - BM25_B + BM25_B * words / q->totals.mean_words);
	double score = 0;
	for (size_t i = 0; i < q->n; i++)
		score += q->idf[i] * saturation(freq[i], norm);
	return score;
}

/* bm25 of an item having the query words of s once each, as if it were
 * of the mean length: within a few percent of its bm25. */
static double first_score(const struct query *q, const struct scored *s)
{
	double score = 0; /* the words it lacks add nothing */
	for (uint32_t has = s->headline | s->summary; has; has &= has - 1) {
		unsigned i = (unsigned)__builtin_ctz(has);
		double f = (s->headline >> i & 1) * HEADLINE_WEIGHT +
		           (s->summary >> i & 1) * SUMMARY_WEIGHT;
		score += q->idf[i] * saturation(f, BM25_K1);
	}
	return score;
}

/* Weighing the query's words in one column of an indexed item: freq[i]
 * gets weight for each time word i is there. Returns the column's
 * words. */
static size_t column_freq(const struct query *q, const char *text,
                          double weight, double *freq)
{
	size_t words = 0;
	const char *p = text ? text : "";
	for (;;) {
		p += strspn(p, " ");
		if (!*p)
			return words;
		size_t len = strcspn(p, " ");
		words++;
		for (size_t i = 0; i < q->n; i++)
			if (!strncmp(p, q->words[i].word, len) &&
			    !q->words[i].word[len])
				freq[i] += weight;
		p += len;
	}
}

/* bm25 of an indexed item (its two columns' words), as FTS5 has it. */
static double item_score(const struct query *q, const char *headline,
                         const char *summary)
{
	double freq[MAX_QUERY_WORDS] = {0};
	size_t words = column_freq(q, headline, HEADLINE_WEIGHT, freq) +
	               column_freq(q, summary, SUMMARY_WEIGHT, freq);
	return bm25(q, freq, (double)words);
}

/* Whether a ranks below b: a lower score, or the same and further from
 * the item by id (the ranking prefers the stories of the item's days,
 * and ids follow the order items came in), or as far and a greater id. */
static bool ranks_below(const struct scored *a, const struct scored *b)
{
	if (a->score != b->score)
		return a->score < b->score;
	if (a->distance != b->distance)
		return a->distance > b->distance;
	return a->id > b->id;
}

/* Restoring the heap h of n (the lowest ranked at its root) from its
 * root down. */
static void sift_down(struct scored *h, size_t n)
{
	for (size_t j = 0;;) {
		size_t low = j;
		for (size_t k = 2 * j + 1; k <= 2 * j + 2 && k < n; k++)
			if (ranks_below(&h[k], &h[low]))
				low = k;
		if (low == j)
			return;
		struct scored s = h[j];
		h[j] = h[low];
		h[low] = s;
		j = low;
	}
}

/* The m best items of the table in best, in no order, scored as if
 * each were of the mean length; how many. */
static size_t best_scored(const struct query *q, struct score_table *t,
                          struct scored *best, size_t m)
{
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++) {
		struct scored *s = &t->at[i];
		if (!s->id)
			continue;
		s->score = first_score(q, s);
		s->distance = llabs(s->id - q->item_id);
		if (n == m && !ranks_below(&best[0], s))
			continue;
		if (n < m) {
			size_t j = n++;
			for (; j && ranks_below(s, &best[(j - 1) / 2]);
			     j = (j - 1) / 2)
				best[j] = best[(j - 1) / 2];
			best[j] = *s;
		} else {
			best[0] = *s;
			sift_down(best, n);
		}
	}
	return n;
}

/* A candidate of the related stories. */
struct candidate {
	struct cache_story story;
	struct text_words headline; /* salient, once each */
	long bucket;
};

/* The candidates kept so far, best first. */
struct candidates {
	struct candidate *at;
	size_t n, cap;
};

static int by_bucket_then_time(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->bucket != y->bucket)
		return x->bucket > y->bucket ? -1 : 1;
	if (x->story.time != y->story.time)
		return x->story.time > y->story.time ? -1 : 1;
	return (x->story.id < y->story.id) - (x->story.id > y->story.id);
}

static int best_first(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	return ranks_below(x, y) - ranks_below(y, x);
}

/* Scoring the n items of best by bm25, best first (an item removed
 * meanwhile last); false with the cache's error. */
static bool rescore(struct cache *c, const struct query *q, struct scored *best,
                    size_t n)
{
	sqlite3_stmt *st = prepare(c, "SELECT headline, summary"
	                              " FROM story_words WHERE rowid = ?1");
	int rc = st ? SQLITE_DONE : SQLITE_ERROR;
	for (size_t i = 0; i < n && (rc == SQLITE_ROW || rc == SQLITE_DONE);
	     i++) {
		sqlite3_bind_int64(st, 1, best[i].id);
		best[i].score = -1;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			best[i].score = item_score(
			        q, (const char *)sqlite3_column_text(st, 0),
			        (const char *)sqlite3_column_text(st, 1));
		sqlite3_reset(st);
	}
	bool ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
	if (st && !ok)
		cache_fail(c, rc);
	sqlite3_finalize(st);
	if (n > 1) /* qsort() wants an array, even for none */
		qsort(best, n, sizeof *best, best_first);
	return ok;
}

/* The candidate of the statement's row (id, score, headline, feed,
 * time, title), its score weighed down by the days between it and the
 * item. */
static struct candidate read_candidate(sqlite3_stmt *st, const struct scored *s,
                                       const struct indexed *it)
{
	struct candidate cand = {.story.id = s->id, .story.score = s->score};
	headline_salient(&cand.headline,
	                 (const char *)sqlite3_column_text(st, 0));
	cand.story.feed_id = sqlite3_column_int64(st, 1);
	cand.story.time = sqlite3_column_int64(st, 2);
	if (it->time && cand.story.time)
		cand.story.score /=
		        1.0 + (double)llabs(cand.story.time - it->time) /
		                      (NEAR_DAYS * 24 * 60 * 60);
	return cand;
}

/* Folding: whether cand is a variant of the item (the item, not related
 * to it) or of a better candidate (then folded into that one). */
static bool folds_away(struct candidates *cs, const struct indexed *it,
                       const struct candidate *cand)
{
	if (text_near_duplicate(&it->headline, it->time, &cand->headline,
	                        cand->story.time))
		return true;
	for (size_t j = 0; j < cs->n; j++) {
		struct candidate *better = &cs->at[j];
		if (text_near_duplicate(&better->headline, better->story.time,
		                        &cand->headline, cand->story.time)) {
			add_dup(&better->story, cand->story.id);
			return true;
		}
	}
	return false;
}

static void candidates_add(struct candidates *cs, const struct candidate *cand)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 32;
		cs->at = xreallocarray(cs->at, cs->cap, sizeof *cs->at);
	}
	cs->at[cs->n++] = *cand;
}

/* The first want of the n items of best (the item itself may be among
 * them) as candidates, in that order, near-duplicates folded. */
static bool read_candidates(struct cache *c, const struct scored *best,
                            size_t n, size_t want, long long item_id,
                            const struct indexed *it, struct candidates *cs)
{
	sqlite3_stmt *st = prepare(c, "SELECT s.headline, i.feed_id, i.time,"
	                              " i.title FROM story_words s"
	                              " JOIN items i ON i.id = s.rowid"
	                              " WHERE s.rowid = ?1");
	int rc = st ? SQLITE_DONE : SQLITE_ERROR;
	for (size_t i = 0; i < n && i < want && best[i].score >= 0 &&
	                   (rc == SQLITE_ROW || rc == SQLITE_DONE);
	     i++) {
		if (best[i].id == item_id)
			continue;
		sqlite3_bind_int64(st, 1, best[i].id);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct candidate cand =
			        read_candidate(st, &best[i], it);
			if (folds_away(cs, it, &cand)) {
				text_words_free(&cand.headline);
			} else {
				cand.story.title = story_title(st, 3);
				candidates_add(cs, &cand);
			}
		}
		sqlite3_reset(st);
	}
	bool ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
	if (st && !ok)
		cache_fail(c, rc);
	sqlite3_finalize(st);
	return ok;
}

/* Finding: the candidates for k related stories, other than the item
 * itself, near-duplicates folded, best first: the items with the best
 * bm25 for the query, as FTS5 ranked them, read and folded in that
 * order. False with the cache's error. */
static bool find_candidates(struct cache *c, const struct query *q, size_t k,
                            long long item_id, const struct indexed *it,
                            struct candidates *cs)
{
	size_t want = k * CANDIDATES_PER_STORY + CANDIDATES_MIN;
	/* Room for every row at once: growing the table costs more than
	 * reading the rows. */
	struct score_table t = {0};
	size_t rows = 0;
	for (size_t i = 0; i < q->n; i++)
		rows += (size_t)(q->words[i].items < 2 * READ_MAX
		                         ? q->words[i].items
		                         : 2 * READ_MAX);
	score_table_grow(&t, rows);
	bool ok = read_postings(c, q, &t);
	size_t m = want * RESCORED_PER_CANDIDATE;
	struct scored *best = xreallocarray(NULL, m, sizeof *best);
	size_t n = ok ? best_scored(q, &t, best, m) : 0;
	free(t.at);
	ok = ok && rescore(c, q, best, n) &&
	     read_candidates(c, best, n, want, item_id, it, cs);
	free(best);
	return ok;
}

/* Ranking: best first, equal scores (within EQUAL_SCORES of the best)
 * recent first. */
static void rank_candidates(struct candidates *cs)
{
	double best = 0;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->at[i].story.score > best)
			best = cs->at[i].story.score;
	double unit = best * EQUAL_SCORES;
	for (size_t i = 0; i < cs->n; i++)
		cs->at[i].bucket =
		        unit > 0 ? (long)(cs->at[i].story.score / unit) : 0;
	if (cs->n > 1) /* qsort() wants an array, even for none */
		qsort(cs->at, cs->n, sizeof *cs->at, by_bucket_then_time);
}

/* Free the candidates, the stories of the first keep excepted. */
static void candidates_free(struct candidates *cs, size_t keep)
{
	for (size_t i = 0; i < cs->n; i++) {
		if (i >= keep) {
			free(cs->at[i].story.title);
			free(cs->at[i].story.dups);
		}
		text_words_free(&cs->at[i].headline);
	}
	free(cs->at);
}

/* The first k candidates as a story list; the candidates are freed. */
static struct cache_story_list *first_stories(struct candidates *cs, size_t k)
{
	struct cache_story_list *out = xcalloc(1, sizeof *out);
	size_t cap = 0;
	for (size_t i = 0; i < cs->n && i < k; i++)
		stories_add(out, &cap, &cs->at[i].story);
	candidates_free(cs, k);
	return out;
}

/* The many statements of a related-stories query read in one
 * transaction: the file is locked once (a lock and a check of the file
 * for each would cost more than the reading), and they read the same
 * items. */
static bool read_begin(struct cache *c)
{
	int rc = sqlite3_exec(cache_db(c), "SAVEPOINT related", NULL, NULL,
	                      NULL);
	return rc == SQLITE_OK || cache_fail(c, rc);
}

static void read_end(struct cache *c)
{
	sqlite3_exec(cache_db(c), "RELEASE related", NULL, NULL, NULL);
}

/* cache_related() inside a transaction. */
static struct cache_story_list *related(struct cache *c, long long item_id,
                                        size_t k)
{
	struct indexed it = {0};
	if (!read_indexed(c, item_id, &it))
		return NULL;
	/* The query: the item's rarest salient words, weighed as bm25
	 * weighs them. */
	struct query q = {.item_id = item_id};
	struct id_window ids = {0};
	struct query_word *words =
	        k && item_ids(c, &ids)
	                ? query_words(c, &it.headline, &it.summary, &ids, &q.n)
	                : NULL;
	bool ok = !k || (words && read_totals(c, &q.totals));
	q.words = words;
	for (size_t i = 0; ok && i < q.n; i++) {
		q.idf[i] = idf(&q.totals, words[i].items);
		q.window[i] = read_window(item_id, words[i].items, &ids);
	}
	struct candidates cs = {0};
	ok = ok && (q.n == 0 || find_candidates(c, &q, k, item_id, &it, &cs));
	free(words);
	indexed_free(&it);
	if (!ok) {
		candidates_free(&cs, 0);
		return NULL;
	}
	rank_candidates(&cs);
	return first_stories(&cs, k);
}

struct cache_story_list *cache_related(struct cache *c, long long item_id,
                                       size_t k)
{
	if (!read_begin(c))
		return NULL;
	struct cache_story_list *s = related(c, item_id, k);
	read_end(c);
	return s;
}

/* Near-duplicates listed at most: a group of a feed that titles every
 * item alike can hold thousands. */
#define DUPLICATES_MAX 64

/* cache_duplicates(): the others of the item's group (decided when it was
 * stored), newest first. */
static struct cache_story_list *duplicates(struct cache *c, long long item_id)
{
	sqlite3_stmt *st = prepare(
	        c, "SELECT i.id, i.feed_id, i.time, i.title, g.id FROM"
	           " (SELECT id, story FROM items WHERE id = ?1) g"
	           " LEFT JOIN items i ON i.story = g.story AND i.id <> g.id"
	           " ORDER BY i.time DESC, i.id LIMIT ?2");
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int(st, 2, DUPLICATES_MAX);
	struct cache_story_list *out = xcalloc(1, sizeof *out);
	size_t cap = 0;
	bool found = false;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		found = true;
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			continue;
		struct cache_story s = {.id = sqlite3_column_int64(st, 0),
		                        .feed_id = sqlite3_column_int64(st, 1),
		                        .time = sqlite3_column_int64(st, 2),
		                        .title = story_title(st, 3)};
		stories_add(out, &cap, &s);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || !found) {
		if (rc != SQLITE_DONE)
			cache_fail(c, rc);
		else
			cache_no_item(c, item_id);
		cache_story_list_free(out);
		return NULL;
	}
	return out;
}

struct cache_story_list *cache_duplicates(struct cache *c, long long item_id)
{
	if (!read_begin(c))
		return NULL;
	struct cache_story_list *s = duplicates(c, item_id);
	read_end(c);
	return s;
}

/* One query word as FTS5 phrases: the word as a token's beginning, or
 * split in two at a character (its first part at least two characters, a
 * whole token) when the text writes it apart ("آتشبس" in "آتش بس"). */
static void add_word_forms(struct strbuf *b, const char *word)
{
	add_term(b, word, true);
	size_t len = strlen(word);
	size_t chars = 0;
	for (size_t i = 0; i < len;) {
		ucs4_t uc;
		i += (size_t)u8_mbtouc(&uc, (const uint8_t *)word + i, len - i);
		if (++chars < 2 || i >= len)
			continue;
		char *head = xstrndup(word, i);
		strbuf_adds(b, " OR (");
		add_term(b, head, false);
		strbuf_adds(b, " + ");
		add_term(b, word + i, true);
		strbuf_adds(b, ")");
		free(head);
	}
}

/* The FTS5 query of a search over headlines: every query word, each as
 * itself, or joined with the word before or after it (the text writes as
 * one what the query writes apart). The index answers exactly the
 * matches of text_query_find() whose query words span at most two words
 * of the headline. */
static void search_query(struct strbuf *b, const struct text_query *tq)
{
	size_t n = text_query_nwords(tq);
	b->len = 0;
	strbuf_adds(b, "headline : (");
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(b, i ? " AND (" : "(");
		add_word_forms(b, text_query_word(tq, i));
		for (size_t j = i ? i - 1 : i; j <= i && j + 1 < n; j++) {
			char *joined = xasprintf("%s%s", text_query_word(tq, j),
			                         text_query_word(tq, j + 1));
			strbuf_adds(b, " OR ");
			add_term(b, joined, true);
			free(joined);
		}
		strbuf_adds(b, ")");
	}
	strbuf_adds(b, ")");
}

/* The FTS5 query of a search for the query text, into *b: false (b left
 * empty) when the text has no words. */
static bool search_match(const char *query, struct strbuf *b)
{
	struct text_query *tq = text_query_new(query, strlen(query));
	if (!tq)
		return false;
	search_query(b, tq);
	text_query_free(tq);
	return true;
}

struct cache_story_list *cache_search(struct cache *c, const char *query,
                                      long long feed_id)
{
	struct cache_story_list *out = xcalloc(1, sizeof *out);
	struct strbuf q = {0};
	if (!search_match(query, &q))
		return out;
	sqlite3_stmt *st = prepare(
	        c, "SELECT i.id, i.feed_id, i.time, i.title FROM items i"
	           " WHERE i.id IN (SELECT rowid FROM story_words"
	           " WHERE story_words MATCH ?1)"
	           " AND (?2 = 0 OR i.feed_id = ?2)"
	           " ORDER BY i.time DESC, i.id");
	if (!st) {
		free(q.s);
		free(out);
		return NULL;
	}
	sqlite3_bind_text(st, 1, q.s, (int)q.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, feed_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cache_story s = {.id = sqlite3_column_int64(st, 0),
		                        .feed_id = sqlite3_column_int64(st, 1),
		                        .time = sqlite3_column_int64(st, 2),
		                        .title = story_title(st, 3)};
		stories_add(out, &cap, &s);
	}
	sqlite3_finalize(st);
	free(q.s);
	if (rc != SQLITE_DONE) {
		cache_fail(c, rc);
		cache_story_list_free(out);
		return NULL;
	}
	return out;
}

/* The ids of the items the FTS5 query q matches, in increasing order;
 * *n gets their count. NULL with the cache's error. */
static long long *match_ids(struct cache *c, const struct strbuf *q, size_t *n)
{
	*n = 0;
	sqlite3_stmt *st = prepare(c, "SELECT rowid FROM story_words"
	                              " WHERE story_words MATCH ?1"
	                              " ORDER BY rowid");
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, q->s, (int)q->len, SQLITE_STATIC);
	long long *ids = xmalloc(sizeof *ids);
	size_t cap = 1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			ids = xreallocarray(ids, cap, sizeof *ids);
		}
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		cache_fail(c, rc);
		free(ids);
		return NULL;
	}
	return ids;
}

long long *cache_search_ids(struct cache *c, const char *query, size_t *n)
{
	*n = 0;
	struct strbuf q = {0};
	if (!search_match(query, &q))
		return xmalloc(sizeof(long long));
	long long *ids = match_ids(c, &q, n);
	free(q.s);
	return ids;
}

/* A field of a tab-separated line, as safe text: a title or a link from
 * a feed can neither break the line nor drive the terminal. */
static void add_field(struct strbuf *line, const char *s)
{
	text_safe_add(line, s ? s : "", s ? strlen(s) : 0, 0);
}

/* t as --search writes a date, in local time: "2024-03-05T11:00+03:30",
 * "2024-03-05T07:30Z" when local time is UTC, "-" when unknown. */
static void local_date(long long t, char out[40])
{
	time_t when = (time_t)t;
	struct tm tm;
	if (!t || !localtime_r(&when, &tm) ||
	    !strftime(out, 40, "%Y-%m-%dT%H:%M%z", &tm)) {
		strcpy(out, "-");
		return;
	}
	size_t len = strlen(out); /* ...+0330: the offset as +03:30 */
	if (!strcmp(out + len - 5, "+0000")) {
		strcpy(out + len - 5, "Z");
	} else {
		memmove(out + len - 1, out + len - 2, 3);
		out[len - 2] = ':';
	}
}

/* How many headlines at most a search reads, newest first, for each
 * match it prints: a query matching more than one headline in that many
 * picks its matches out of the headlines in their order, the first
 * printed at once; a rarer one reads each match and sorts them, which
 * costs less than reading every headline. */
#define HEADLINES_PER_MATCH 64

/* A line of --search. */
static void search_line(struct strbuf *line, long long time, const char *title,
                        const char *link)
{
	char date[40];
	local_date(time, date);
	strbuf_reset(line);
	strbuf_adds(line, date);
	strbuf_addc(line, '\t');
	add_field(line, title);
	strbuf_addc(line, '\t');
	add_field(line, link);
	strbuf_addc(line, '\n');
}

static int by_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* Printing the n matches (ids, in increasing order) as they come in the
 * headlines newest first; the lines printed, or -1 with the cache's
 * error. */
static int print_picked(struct cache *c, const long long *ids, size_t n,
                        bool (*print)(const char *line, void *ctx), void *ctx)
{
	sqlite3_stmt *st = prepare(c, "SELECT id, time, title FROM items"
	                              " ORDER BY time DESC, id");
	sqlite3_stmt *link = prepare(c, "SELECT link FROM items WHERE id = ?1");
	int rc = st && link ? SQLITE_ROW : SQLITE_ERROR;
	struct strbuf line = {0};
	int printed = 0;
	while ((size_t)printed < n && rc == SQLITE_ROW &&
	       (rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		if (!bsearch(&id, ids, n, sizeof *ids, by_id))
			continue;
		sqlite3_bind_int64(link, 1, id);
		rc = sqlite3_step(link);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			break;
		search_line(&line, sqlite3_column_int64(st, 1),
		            (const char *)sqlite3_column_text(st, 2),
		            rc == SQLITE_ROW
		                    ? (const char *)sqlite3_column_text(link, 0)
		                    : NULL);
		sqlite3_reset(link);
		printed++;
		rc = print(line.s, ctx) ? SQLITE_ROW : SQLITE_DONE;
	}
	strbuf_free(&line);
	if (st && link && rc != SQLITE_ROW && rc != SQLITE_DONE)
		cache_fail(c, rc);
	sqlite3_finalize(st);
	sqlite3_finalize(link);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? printed : -1;
}

/* Printing the matches of the FTS5 query q, read by id and sorted newest
 * first; the lines printed, or -1 with the cache's error. */
static int print_sorted(struct cache *c, const struct strbuf *q,
                        bool (*print)(const char *line, void *ctx), void *ctx)
{
	sqlite3_stmt *st =
	        prepare(c, "SELECT i.time, i.title, i.link FROM items i"
	                   " WHERE i.id IN (SELECT rowid FROM story_words"
	                   " WHERE story_words MATCH ?1)"
	                   " ORDER BY i.time DESC, i.id");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, q->s, (int)q->len, SQLITE_STATIC);
	struct strbuf line = {0};
	int printed = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		search_line(&line, sqlite3_column_int64(st, 0),
		            (const char *)sqlite3_column_text(st, 1),
		            (const char *)sqlite3_column_text(st, 2));
		printed++;
		if (!print(line.s, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	strbuf_free(&line);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		cache_fail(c, rc);
		return -1;
	}
	return printed;
}

int cache_search_print(struct cache *c, const char *query,
                       bool (*print)(const char *line, void *ctx), void *ctx)
{
	struct strbuf q = {0};
	if (!search_match(query, &q))
		return 0;
	size_t n = 0;
	long long last = items_about(c);
	long long *ids = last < 0 ? NULL : match_ids(c, &q, &n);
	int printed = -1;
	if (ids && (long long)n * HEADLINES_PER_MATCH > last)
		printed = print_picked(c, ids, n, print, ctx);
	else if (ids)
		printed = n ? print_sorted(c, &q, print, ctx) : 0;
	free(ids);
	free(q.s);
	return printed;
}

/* Grouping a whole headline list (maybe every item of the cache) compares
 * each headline only with the earlier group leaders sharing one of its
 * rarest words: two sets with Jaccard >= t always share one of the first
 * n - ceil(t n) + 1 words of each, in any one order of all words (prefix
 * filtering). Words are numbered first, so sets are sorted arrays. */
struct word_table {
	char **word;     /* by number */
	uint32_t *count; /* headlines having the word */
	size_t n, cap;
	uint32_t *slot; /* open addressing: number + 1, 0 free */
	size_t nslots;
};

static uint64_t hash_word(const char *s)
{
	return hash_fnv1a(HASH_FNV1A_INIT, s, strlen(s));
}

static void table_grow(struct word_table *t)
{
	size_t nslots = t->nslots ? t->nslots * 2 : 1024;
	uint32_t *slot = xcalloc(nslots, sizeof *slot);
	for (size_t i = 0; i < t->n; i++) {
		size_t j = hash_word(t->word[i]) & (nslots - 1);
		while (slot[j])
			j = (j + 1) & (nslots - 1);
		slot[j] = (uint32_t)i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslots = nslots;
}

static uint32_t table_number(struct word_table *t, const char *word)
{
	if (2 * (t->n + 1) > t->nslots)
		table_grow(t);
	size_t j = hash_word(word) & (t->nslots - 1);
	while (t->slot[j]) {
		uint32_t i = t->slot[j] - 1;
		if (!strcmp(t->word[i], word))
			return i;
		j = (j + 1) & (t->nslots - 1);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->word = xreallocarray(t->word, t->cap, sizeof *t->word);
		t->count = xreallocarray(t->count, t->cap, sizeof *t->count);
	}
	t->word[t->n] = xstrdup(word);
	t->count[t->n] = 0;
	t->slot[j] = (uint32_t)t->n + 1;
	return (uint32_t)t->n++;
}

static void table_free(struct word_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->word[i]);
	free(t->word);
	free(t->count);
	free(t->slot);
}

/* Rarest first, then by number: the one order of all words. */
static const uint32_t *sort_counts;

static int rarest_first(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (sort_counts[x] != sort_counts[y])
		return sort_counts[x] < sort_counts[y] ? -1 : 1;
	return (x > y) - (x < y);
}

/* Words two sorted sets have in common. */
static size_t sorted_common(const uint32_t *a, size_t na, const uint32_t *b,
                            size_t nb, const uint32_t *count)
{
	size_t i = 0, j = 0, both = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (count[a[i]] < count[b[j]] ||
		           (count[a[i]] == count[b[j]] && a[i] < b[j])) {
			i++;
		} else {
			j++;
		}
	}
	return both;
}

/* The leaders having a word among their first words. */
struct postings {
	uint32_t *leader;
	size_t n, cap;
};

size_t *cache_headline_groups(const struct cache_headlines *h)
{
	if (!h->n)
		return NULL;
	struct word_table t = {0};
	size_t *start = xreallocarray(NULL, h->n + 1, sizeof *start);
	uint32_t *words =
	        xmalloc(sizeof *words); /* never NULL: sets point in */
	size_t nwords = 0, cap = 1;
	struct text_words w = {0};
	for (size_t i = 0; i < h->n; i++) {
		const char *title = h->items[i].title;
		text_words(&w, title, strlen(title),
		           TEXT_WORDS_SALIENT | TEXT_WORDS_UNIQUE);
		start[i] = nwords;
		for (size_t k = 0; k < w.n; k++) {
			uint32_t num = table_number(&t, w.word[k]);
			t.count[num]++;
			if (nwords == cap) {
				cap = cap < 4096 ? 4096 : cap * 2;
				words = xreallocarray(words, cap,
				                      sizeof *words);
			}
			words[nwords++] = num;
		}
	}
	start[h->n] = nwords;
	text_words_free(&w);
	sort_counts = t.count;
	for (size_t i = 0; i < h->n; i++)
		if (start[i + 1] - start[i] > 1)
			qsort(words + start[i], start[i + 1] - start[i],
			      sizeof *words, rarest_first);

	size_t *group = xreallocarray(NULL, h->n, sizeof *group);
	struct postings *post = xcalloc(t.n ? t.n : 1, sizeof *post);
	size_t *seen = xcalloc(h->n, sizeof *seen); /* i + 1: compared */
	for (size_t i = 0; i < h->n; i++) {
		const uint32_t *set = words + start[i];
		size_t n = start[i + 1] - start[i];
		group[i] = i;
		if (n < TEXT_DUP_MIN_WORDS)
			continue;
		size_t p = text_dup_prefix_length(n);
		for (size_t k = 0; k < p; k++) {
			const struct postings *pl = &post[set[k]];
			for (size_t r = 0; r < pl->n; r++) {
				size_t l = pl->leader[r];
				if (seen[l] == i + 1 || l >= group[i])
					continue;
				seen[l] = i + 1;
				const struct cache_headline *a = &h->items[l],
				                            *b = &h->items[i];
				size_t nl = start[l + 1] - start[l];
				if (text_same_time(a->time, b->time) &&
				    text_same_words(
				            nl, n,
				            sorted_common(words + start[l], nl,
				                          set, n, t.count)))
					group[i] = l;
			}
		}
		if (group[i] != i)
			continue;
		for (size_t k = 0; k < p; k++) {
			struct postings *pl = &post[set[k]];
			if (pl->n == pl->cap) {
				pl->cap = pl->cap ? pl->cap * 2 : 4;
				pl->leader = xreallocarray(pl->leader, pl->cap,
				                           sizeof *pl->leader);
			}
			pl->leader[pl->n++] = (uint32_t)i;
		}
	}
	for (size_t i = 0; i < t.n; i++)
		free(post[i].leader);
	free(post);
	free(seen);
	free(words);
	free(start);
	table_free(&t);
	sort_counts = NULL;
	return group;
}

/* Groups decided as items are stored.  A new item joins the group of the
 * newest earlier root (a group's first item) it is a near-duplicate of,
 * else starts a group of its own: it is compared with roots only, as a
 * list compares a headline with the first of each group.  The roots looked
 * at are a bounded window of recent ones: those the window made itself
 * (the update under way), held in memory, the last GENERATION_ROOTS to
 * 2 * GENERATION_ROOTS of them; and those stored before, found in the
 * index by the item's words among the last GROUP_WINDOW_ITEMS items. */

/* How far back, in items stored, the index is looked through, and how
 * many of its matches there are compared at most. */
#define GROUP_WINDOW_ITEMS 100000
#define GROUP_CANDIDATES   64

/* Roots held in memory come in two generations of at most this many:
 * when the newer is full, the older is dropped. */
#define GENERATION_ROOTS 8192

/* Of the roots held under a word, the last this many stored are looked
 * at: a word most headlines have (a feed's name in every one) would
 * otherwise have each item compared with every root. */
#define WORD_ROOTS_SCANNED 256

/* A root held in memory: its salient words sorted by strcmp(), the one
 * order of all words prefix filtering wants. */
struct held_root {
	long long id, time;
	const char **words; /* point into the generation's set */
	size_t n;
};

struct generation {
	struct strset words;
	struct postings *post; /* by word number: roots having it */
	size_t npost;
	struct held_root *roots;
	size_t nroots;
	unsigned char *hits; /* by root: words of the item it has */
};

struct group_window {
	sqlite3_stmt *candidates; /* on the connection it was made for */
	long long held_from;      /* the first item decided; 0: none yet */
	struct generation gen[2]; /* gen[newer] gets the new roots */
	int newer;
	struct text_words scratch;
};

struct group_window *cache_groups_new(struct cache *c, sqlite3 *lookup)
{
	static const char sql[] =
	        "SELECT s.rowid, s.headline, i.time FROM"
	        " (SELECT rowid, headline FROM story_words"
	        " WHERE story_words MATCH ?1 AND rowid < ?2"
	        " AND rowid >= ?3 ORDER BY rowid DESC LIMIT ?4) s"
	        " JOIN items i ON i.id = s.rowid"
	        " WHERE i.story = s.rowid";
	sqlite3 *db = lookup ? lookup : cache_db(c);
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		cache_fail(c, rc);
		return NULL;
	}
	struct group_window *g = xcalloc(1, sizeof *g);
	g->candidates = st;
	return g;
}

static void generation_clear(struct generation *gen)
{
	for (size_t i = 0; i < gen->nroots; i++)
		free(gen->roots[i].words);
	free(gen->roots);
	for (size_t i = 0; i < gen->npost; i++)
		free(gen->post[i].leader);
	free(gen->post);
	free(gen->hits);
	strset_free(&gen->words);
	*gen = (struct generation){0};
}

void cache_groups_reset(struct group_window *g)
{
	generation_clear(&g->gen[0]);
	generation_clear(&g->gen[1]);
	g->held_from = 0;
}

void cache_groups_free(struct group_window *g)
{
	if (!g)
		return;
	cache_groups_reset(g);
	sqlite3_finalize(g->candidates);
	text_words_free(&g->scratch);
	free(g);
}

static int by_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Longest first: a long word is more likely a rare one. */
static int longest_first(const void *a, const void *b)
{
	size_t x = strlen(*(const char *const *)a),
	       y = strlen(*(const char *const *)b);
	return (x < y) - (x > y);
}

/* Words two strcmp()-sorted lists have in common. */
static size_t sorted_words_common(const char *const *a, size_t na,
                                  const char *const *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;
	while (i < na && j < nb) {
		int d = strcmp(a[i], b[j]);
		both += d == 0;
		i += d <= 0;
		j += d >= 0;
	}
	return both;
}

/* The item's candidates in the index: any near-duplicate of a headline of
 * n words misses at most p - 1 of them (p its prefix length), so it has
 * two of any p + 1 of them: the query asks for a pair of the p + 1
 * longest, which few other headlines have. */
static void group_query(struct strbuf *q, const char **words, size_t n)
{
	size_t k = text_dup_prefix_length(n) + 1;
	if (k > n)
		k = n;
	const char **chosen = xreallocarray(NULL, n, sizeof *chosen);
	memcpy(chosen, words, n * sizeof *chosen);
	qsort(chosen, n, sizeof *chosen, longest_first);
	q->len = 0;
	strbuf_adds(q, "headline : (");
	for (size_t i = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++) {
			strbuf_adds(q, i + j > 1 ? " OR (" : "(");
			add_term(q, chosen[i], false);
			strbuf_adds(q, " AND ");
			add_term(q, chosen[j], false);
			strbuf_adds(q, ")");
		}
	strbuf_adds(q, ")");
	free(chosen);
}

/* The root found so far: the newest, as a list's first group comes
 * first. */
struct best_root {
	long long id, time;
};

static void consider(struct best_root *best, long long id, long long time)
{
	if (!best->id || time > best->time ||
	    (time == best->time && id < best->id))
		*best = (struct best_root){id, time};
}

/* The best root among those in the index, stored before the window's
 * own; false with the error. */
static bool indexed_root(struct cache *c, struct group_window *g, long long id,
                         long long time, const struct text_words *w,
                         struct best_root *best)
{
	long long below = g->held_from ? g->held_from : id;
	long long from = id - GROUP_WINDOW_ITEMS;
	if (from >= below || below <= 1) /* ids start at 1 */
		return true;
	struct strbuf q = {0};
	group_query(&q, w->word, w->n);
	sqlite3_stmt *st = g->candidates;
	sqlite3_bind_text(st, 1, q.s, (int)q.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, below);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, GROUP_CANDIDATES);
	struct text_words other = {0};
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long r = sqlite3_column_int64(st, 0);
		long long rt = sqlite3_column_int64(st, 2);
		headline_salient(&other,
		                 (const char *)sqlite3_column_text(st, 1));
		if (text_near_duplicate(w, time, &other, rt))
			consider(best, r, rt);
	}
	sqlite3_reset(st);
	text_words_free(&other);
	free(q.s);
	return rc == SQLITE_DONE || cache_fail(c, rc);
}

/* The number of a word in a generation, or SIZE_MAX when it has none. */
static size_t word_number(struct generation *gen, const char *word)
{
	size_t before = gen->words.n;
	size_t num = strset_add(&gen->words, word);
	return num < before ? num : SIZE_MAX;
}

/* A word of the item and the roots of a generation having it. */
struct probe {
	const struct postings *roots;
};

static int fewest_roots_first(const void *a, const void *b)
{
	size_t x = ((const struct probe *)a)->roots->n,
	       y = ((const struct probe *)b)->roots->n;
	return (x > y) - (x < y);
}

/* Where the roots of a word looked at begin. */
static size_t last_scanned(const struct postings *pl)
{
	return pl->n > WORD_ROOTS_SCANNED ? pl->n - WORD_ROOTS_SCANNED : 0;
}

/* The best root held in a generation; sorted: the item's words.  A
 * near-duplicate misses at most p - 1 of the item's n words (p its
 * prefix length), so it has two of any p + 1 of them: of the roots having
 * the p + 1 words fewest roots have, those counted twice are compared. */
static void held_root(struct generation *gen, long long time,
                      const char **sorted, size_t n, struct best_root *best)
{
	static const struct postings none;
	if (!gen->nroots)
		return;
	struct probe *probes = xreallocarray(NULL, n, sizeof *probes);
	for (size_t k = 0; k < n; k++) {
		size_t num = word_number(gen, sorted[k]);
		probes[k].roots = num < gen->npost ? &gen->post[num] : &none;
	}
	qsort(probes, n, sizeof *probes, fewest_roots_first);
	size_t k = text_dup_prefix_length(n) + 1;
	for (size_t w = 0; w < k; w++) {
		const struct postings *pl = probes[w].roots;
		for (size_t i = last_scanned(pl); i < pl->n; i++) {
			if (++gen->hits[pl->leader[i]] != 2)
				continue;
			const struct held_root *r = &gen->roots[pl->leader[i]];
			if (text_same_time(r->time, time) &&
			    text_same_words(r->n, n,
			                    sorted_words_common(r->words, r->n,
			                                        sorted, n)))
				consider(best, r->id, r->time);
		}
	}
	for (size_t w = 0; w < k; w++)
		for (size_t i = last_scanned(probes[w].roots);
		     i < probes[w].roots->n; i++)
			gen->hits[probes[w].roots->leader[i]] = 0;
	free(probes);
}

/* Hold a new root in the newer generation, under each of its words. */
static void hold_root(struct group_window *g, long long id, long long time,
                      const char **sorted, size_t n)
{
	struct generation *gen = &g->gen[g->newer];
	if (gen->nroots == GENERATION_ROOTS) {
		g->newer = !g->newer;
		gen = &g->gen[g->newer];
		generation_clear(gen);
	}
	if (!gen->roots) {
		gen->roots = xreallocarray(NULL, GENERATION_ROOTS,
		                           sizeof *gen->roots);
		gen->hits = xcalloc(GENERATION_ROOTS, 1);
	}
	struct held_root *r = &gen->roots[gen->nroots];
	*r = (struct held_root){.id = id, .time = time, .n = n};
	r->words = xreallocarray(NULL, n, sizeof *r->words);
	for (size_t k = 0; k < n; k++) {
		size_t num = strset_add(&gen->words, sorted[k]);
		r->words[k] = gen->words.items[num];
		if (num >= gen->npost) {
			size_t npost = gen->words.n;
			gen->post = xreallocarray(gen->post, npost,
			                          sizeof *gen->post);
			memset(gen->post + gen->npost, 0,
			       (npost - gen->npost) * sizeof *gen->post);
			gen->npost = npost;
		}
		struct postings *pl = &gen->post[num];
		if (pl->n == pl->cap) {
			pl->cap = pl->cap ? pl->cap * 2 : 4;
			pl->leader = xreallocarray(pl->leader, pl->cap,
			                           sizeof *pl->leader);
		}
		pl->leader[pl->n++] = (uint32_t)gen->nroots;
	}
	gen->nroots++;
}

long long cache_group_decide(struct cache *c, struct group_window *g,
                             long long id, long long time, const char *headline)
{
	struct text_words *w = &g->scratch;
	headline_salient(w, headline);
	struct best_root best = {0};
	if (w->n >= TEXT_DUP_MIN_WORDS &&
	    !indexed_root(c, g, id, time, w, &best))
		return -1;
	if (!g->held_from)
		g->held_from = id;
	if (w->n < TEXT_DUP_MIN_WORDS)
		return id;
	const char **sorted = xreallocarray(NULL, w->n, sizeof *sorted);
	memcpy(sorted, w->word, w->n * sizeof *sorted);
	qsort(sorted, w->n, sizeof *sorted, by_strcmp);
	held_root(&g->gen[0], time, sorted, w->n, &best);
	held_root(&g->gen[1], time, sorted, w->n, &best);
	if (!best.id)
		hold_root(g, id, time, sorted, w->n);
	free(sorted);
	return best.id ? best.id : id;
}

/* A search of a headline list (cache_list_find()): the rows of the list
 * whose headlines the index matches, with the condition `range` on their
 * keys (as store.h's, or ""), in `order`.  NULL for a query without
 * words (with no error) or on failure. */
static sqlite3_stmt *list_search(struct cache *c, const struct cache_list *l,
                                 const char *query, const char *what,
                                 const char *range, const char *order,
                                 bool *failed)
{
	*failed = false;
	struct strbuf q = {0};
	if (!search_match(query, &q))
		return NULL;
	*failed = !cache_list_ready(c, l);
	/* The matches drive (CROSS JOIN keeps them the outer loop): going
	 * down the list asking the index of each row costs far more. */
	char *sql = xasprintf("SELECT %s FROM story_words s"
	                      " CROSS JOIN items i ON i.id = s.rowid%s"
	                      " WHERE story_words MATCH :match AND %s%s%s%s",
	                      what, cache_list_join(l), cache_list_where(l),
	                      *range ? " AND " : "", range, order);
	sqlite3_stmt *st = *failed ? NULL : prepare(c, sql);
	free(sql);
	if (st) {
		sqlite3_bind_text(st,
		                  sqlite3_bind_parameter_index(st, ":match"),
		                  q.s, (int)q.len, SQLITE_TRANSIENT);
		cache_list_bind(st, l, NULL, false);
	}
	free(q.s);
	*failed = !st;
	return st;
}

int cache_search_more_than(struct cache *c, const char *query, size_t cap)
{
	struct strbuf q = {0};
	if (!search_match(query, &q))
		return 0;
	sqlite3_stmt *st = prepare(c, "SELECT count(*) FROM (SELECT rowid"
	                              " FROM story_words WHERE story_words"
	                              " MATCH ?1 LIMIT ?2)");
	int more = -1;
	if (st) {
		sqlite3_bind_text(st, 1, q.s, (int)q.len, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, (long long)cap + 1);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			more = sqlite3_column_int64(st, 0) > (long long)cap;
		else
			cache_fail(c, rc);
		sqlite3_finalize(st);
	}
	free(q.s);
	return more;
}

int cache_list_find(struct cache *c, const struct cache_list *l,
                    const char *query, const struct cache_row_key *key,
                    enum cache_rows_from from, struct cache_row_key *found)
{
	bool backward = from == CACHE_ROWS_BEFORE, failed;
	char *what = xasprintf("%s, i.id", cache_list_key(l));
	char *order = xasprintf("%s LIMIT 1", cache_list_order_by(l, backward));
	sqlite3_stmt *st = list_search(c, l, query, what,
	                               key ? cache_list_range(l, backward) : "",
	                               order, &failed);
	free(what);
	free(order);
	if (!st)
		return failed ? -1 : 0;
	cache_list_bind(st, l, key, from == CACHE_ROWS_AT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		found->time = sqlite3_column_int64(st, 0);
		found->id = sqlite3_column_int64(st, 1);
	} else if (rc != SQLITE_DONE) {
		cache_fail(c, rc);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

bool cache_list_find_count(struct cache *c, const struct cache_list *l,
                           const char *query, const struct cache_row_key *key,
                           size_t *total, size_t *upto)
{
	*total = *upto = 0;
	bool failed;
	/* at or before the key: before it the other way, the key's own
	 * row too */
	char *what = xasprintf("count(*), coalesce(sum(%s), 0)",
	                       cache_list_range(l, true));
	sqlite3_stmt *st = list_search(c, l, query, what, "", "", &failed);
	free(what);
	if (!st)
		return !failed;
	cache_list_bind(st, l, key, true);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*total = (size_t)sqlite3_column_int64(st, 0);
		*upto = (size_t)sqlite3_column_int64(st, 1);
	} else {
		cache_fail(c, rc);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}
