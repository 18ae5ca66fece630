#include "config.h"

#include "model/library.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/similar.h"
#include "text/textkey.h"
#include "text/words.h"
#include "util/i18n.h"
#include "util/hash.h"
#include "util/xalloc.h"

struct library *library_new(void)
{
	return xcalloc(1, sizeof(struct library));
}

static struct story *new_story(struct library *lib)
{
	/* The capacity is 8, then doubles whenever the count reaches a power
	 * of two: appends stay linear without a capacity field. */
	size_t n = lib->nstories;
	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0))
		lib->stories = xreallocarray(lib->stories, n ? 2 * n : 8,
		                             sizeof *lib->stories);
	struct story *s = &lib->stories[lib->nstories++];
	memset(s, 0, sizeof *s);
	s->source = STORY_NONE;
	return s;
}

void library_add_article(struct library *lib, struct article *a)
{
	struct story *s = new_story(lib);
	s->title = a->title;
	s->page = a;
	lib->narticles++;
}

/* ---- Headline keys to stories: open addressing, linear probing ------- */

struct key_map {
	struct {
		char *key; /* owned; NULL: an empty slot */
		size_t story;
	} * slots;
	size_t cap; /* a power of two, at least twice the entries */
	size_t n;
};

static size_t key_hash(const char *key)
{
	return (size_t)hash_fnv1a(HASH_FNV1A_INIT, key, strlen(key));
}

static size_t map_find(const struct key_map *m, const char *key)
{
	for (size_t i = key_hash(key) & (m->cap - 1); m->slots[i].key;
	     i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->slots[i].key, key))
			return m->slots[i].story;
	return STORY_NONE;
}

static void map_put_slot(struct key_map *m, char *key, size_t story)
{
	size_t i = key_hash(key) & (m->cap - 1);
	while (m->slots[i].key)
		i = (i + 1) & (m->cap - 1);
	m->slots[i].key = key;
	m->slots[i].story = story;
	m->n++;
}

/* Add key (the map takes it) unless present; the first story wins. */
static void map_add(struct key_map *m, char *key, size_t story)
{
	if (map_find(m, key) != STORY_NONE) {
		free(key);
		return;
	}
	if (2 * (m->n + 1) > m->cap) {
		struct key_map old = *m;
		m->cap *= 2;
		m->slots = xcalloc(m->cap, sizeof *m->slots);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].key)
				map_put_slot(m, old.slots[i].key,
				             old.slots[i].story);
		free(old.slots);
	}
	map_put_slot(m, key, story);
}

/* Where key's story is kept, or NULL: for a value that changes. */
static size_t *map_value(struct key_map *m, const char *key)
{
	for (size_t i = key_hash(key) & (m->cap - 1); m->slots[i].key;
	     i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->slots[i].key, key))
			return &m->slots[i].story;
	return NULL;
}

static void map_free(struct key_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
}

static char *key_of(const char *text)
{
	return text_key(text, strlen(text));
}

/* ---- Linking ---------------------------------------------------------- */

/* A story should not list itself: a related headline that is the article's
 * own headline (news sites often list the article among its related ones)
 * would open the page the reader is on.  Such entries are removed. */
static void drop_self_links(struct article *a)
{
	char *own = key_of(a->title);
	size_t kept = 0;
	for (size_t i = 0; i < a->nrelated; i++) {
		char *key = key_of(a->related[i]);
		if (strcmp(key, own) != 0)
			a->related[kept++] = a->related[i];
		else
			free(a->related[i]);
		free(key);
	}
	a->nrelated = kept;
	free(own);
}

/* ---- Near-duplicate headlines ---------------------------------------- */

/* Headline-only stories that say the same thing (text_near_duplicate())
 * are one story: the first listed stands for the others, which lead to it
 * and are named on its page. A headline is compared only with the stories
 * sharing one of its salient words, found through a list per word. */
struct dup_index {
	struct key_map heads; /* word -> first posting + 1 */
	struct {
		size_t story, next; /* next: posting + 1, 0 none */
	} * post;
	size_t npost;
	struct text_words *words; /* by headline-only story - narticles */
	size_t nwords;
	size_t *seen; /* by the same: last headline compared + 1 */
};

/* The headline-only story saying what the salient words w say, or
 * STORY_NONE. */
static size_t dup_find(struct dup_index *d, const struct text_words *w,
                       size_t stamp, size_t narticles)
{
	if (w->n < TEXT_DUP_MIN_WORDS)
		return STORY_NONE;
	for (size_t k = 0; k < w->n; k++) {
		size_t *head = map_value(&d->heads, w->word[k]);
		for (size_t p = head ? *head : 0; p; p = d->post[p - 1].next) {
			size_t story = d->post[p - 1].story;
			size_t j = story - narticles;
			if (d->seen[j] == stamp)
				continue;
			d->seen[j] = stamp;
			if (text_near_duplicate(&d->words[j], 0, w, 0))
				return story;
		}
	}
	return STORY_NONE;
}

/* Index the words w (taken) of the new headline-only story. */
static void dup_add(struct dup_index *d, struct text_words *w, size_t story)
{
	d->words = xreallocarray(d->words, d->nwords + 1, sizeof *d->words);
	d->seen = xreallocarray(d->seen, d->nwords + 1, sizeof *d->seen);
	d->seen[d->nwords] = 0;
	d->words[d->nwords++] = *w;
	memset(w, 0, sizeof *w);
	const struct text_words *own = &d->words[d->nwords - 1];
	for (size_t k = 0; k < own->n; k++) {
		d->post = xreallocarray(d->post, d->npost + 1, sizeof *d->post);
		size_t *head = map_value(&d->heads, own->word[k]);
		d->post[d->npost].story = story;
		d->post[d->npost].next = head ? *head : 0;
		d->npost++;
		if (head)
			*head = d->npost;
		else
			map_add(&d->heads, xstrdup(own->word[k]), d->npost);
	}
}

static void dup_free(struct dup_index *d)
{
	map_free(&d->heads);
	free(d->post);
	for (size_t i = 0; i < d->nwords; i++)
		text_words_free(&d->words[i]);
	free(d->words);
	free(d->seen);
}

/* ---- Pages of headline-only stories ---------------------------------- */

/* Where a headline-only story was first listed, and its variants: the
 * other headlines saying the same thing (pointing into the articles). */
struct origin {
	size_t src, index;
	const char **variants;
	size_t nvariants;
};

/* The page of a headline-only story first listed by the article of story
 * o->src: the headline, the listing article's site and date, a note, the
 * other ways its headline was written, then as related stories that
 * article and its other related headlines. */
static void build_page(struct library *lib, size_t id, const struct origin *o)
{
	size_t src = o->src, k = o->index;
	const struct story *from = &lib->stories[src];
	const struct article *fa = from->page;
	struct article *page = article_new();
	free(page->title);
	page->title = xstrdup(fa->related[k]);
	page->site = fa->site ? xstrdup(fa->site) : NULL;
	page->date = fa->date ? xstrdup(fa->date) : NULL;
	const char *note = _("Only the headline of this story is known. "
	                     "It was listed with the article below.");
	article_add_paragraph(page, note, strlen(note));
	for (size_t i = 0; i < o->nvariants; i++) {
		char *also = xasprintf(_("Also listed as: %s"), o->variants[i]);
		article_add_paragraph(page, also, strlen(also));
		free(also);
	}

	size_t *targets =
	        xreallocarray(NULL, fa->nrelated + 1, sizeof *targets);
	article_add_related(page, fa->title, strlen(fa->title));
	targets[0] = src;
	for (size_t i = 0; i < fa->nrelated; i++) {
		/* Siblings: every other headline the article lists (a
		 * repeat of this one would lead back here). */
		if (from->targets[i] == id)
			continue;
		targets[page->nrelated] = from->targets[i];
		article_add_related(page, fa->related[i],
		                    strlen(fa->related[i]));
	}
	struct story *s = &lib->stories[id];
	s->page = page;
	s->title = page->title;
	s->targets = targets;
	s->nvariants = o->nvariants;
}

void library_link(struct library *lib)
{
	struct key_map titles = {xcalloc(16, sizeof *titles.slots), 16, 0};
	struct key_map headlines = {xcalloc(16, sizeof *headlines.slots), 16,
	                            0};
	size_t narticles = lib->narticles;

	for (size_t i = 0; i < narticles; i++) {
		drop_self_links(lib->stories[i].page);
		/* An empty headline (all marks or spaces) matches nothing. */
		char *key = key_of(lib->stories[i].title);
		if (*key)
			map_add(&titles, key, i);
		else
			free(key);
	}

	/* Where each related headline leads; new headline-only stories are
	 * recorded with their listing article and index, pages come after
	 * every target is known (a page lists its siblings' targets). */
	struct origin *origins = NULL;
	struct dup_index dups = {
	        .heads = {xcalloc(16, sizeof *dups.heads.slots), 16, 0}};
	struct text_words w = {0};
	size_t stamp = 0;
	for (size_t i = 0; i < narticles; i++) {
		struct article *a = lib->stories[i].page;
		size_t *targets =
		        xreallocarray(NULL, a->nrelated + 1, sizeof *targets);
		for (size_t k = 0; k < a->nrelated; k++) {
			char *key = key_of(a->related[k]);
			size_t t = map_find(&titles, key);
			if (t == STORY_NONE)
				t = map_find(&headlines, key);
			if (t == STORY_NONE) {
				text_words_of_key(&w, key, strlen(key),
				                  TEXT_WORDS_SALIENT |
				                          TEXT_WORDS_UNIQUE);
				t = dup_find(&dups, &w, ++stamp, narticles);
				if (t != STORY_NONE) {
					/* a variant: this spelling leads there
					 * too */
					struct origin *o =
					        &origins[t - narticles];
					o->variants = xreallocarray(
					        o->variants, o->nvariants + 1,
					        sizeof *o->variants);
					o->variants[o->nvariants++] =
					        a->related[k];
					map_add(&headlines, key, t);
					targets[k] = t;
					continue;
				}
				t = lib->nstories;
				struct story *s = new_story(lib);
				s->headline_only = true;
				s->source = i;
				size_t extra = t - narticles;
				origins = xreallocarray(origins, extra + 1,
				                        sizeof *origins);
				origins[extra] = (struct origin){i, k, NULL, 0};
				map_add(&headlines, key, t);
				dup_add(&dups, &w, t);
			} else {
				free(key);
			}
			targets[k] = t;
		}
		lib->stories[i].targets = targets;
	}
	for (size_t t = narticles; t < lib->nstories; t++) {
		build_page(lib, t, &origins[t - narticles]);
		free(origins[t - narticles].variants);
	}
	text_words_free(&w);
	dup_free(&dups);
	free(origins);
	map_free(&titles);
	map_free(&headlines);
}

void library_free(struct library *lib)
{
	if (!lib)
		return;
	for (size_t i = 0; i < lib->nstories; i++) {
		article_free(lib->stories[i].page);
		free(lib->stories[i].targets);
	}
	free(lib->stories);
	free(lib);
}
