#include "config.h"

#include "model/library.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/textkey.h"
#include "util/i18n.h"
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
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)h;
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

/* The page of a headline-only story listed (at index k) by the article of
 * story src: the headline, the listing article's site and date, a note,
 * then as related stories that article and its other related headlines. */
static void build_page(struct library *lib, size_t id, size_t src, size_t k)
{
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
	struct origin {
		size_t src, index;
	} *origins = NULL;
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
				t = lib->nstories;
				struct story *s = new_story(lib);
				s->headline_only = true;
				s->source = i;
				size_t extra = t - narticles;
				origins = xreallocarray(origins, extra + 1,
				                        sizeof *origins);
				origins[extra] = (struct origin){i, k};
				map_add(&headlines, key, t);
			} else {
				free(key);
			}
			targets[k] = t;
		}
		lib->stories[i].targets = targets;
	}
	for (size_t t = narticles; t < lib->nstories; t++)
		build_page(lib, t, origins[t - narticles].src,
		           origins[t - narticles].index);
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
