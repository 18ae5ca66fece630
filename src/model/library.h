/* The library: every story the reader can open, and where each related
 * headline leads.  Every article is a story; every related headline is a
 * story too, unless it matches an article's headline (by text_key()), in
 * which case it leads to that article. */
#ifndef AKHBAR_MODEL_LIBRARY_H
#define AKHBAR_MODEL_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/article.h"

#define STORY_NONE ((size_t)-1)

struct story {
	const char *title;    /* the headline shown in the list */
	struct article *page; /* what opening it shows.  A headline-only
	                         story gets a page of its own: its headline,
	                         the site and date of the article it was
	                         listed in, and as related stories that
	                         article first, then its siblings. */
	size_t *targets;      /* targets[i]: the story page->related[i] opens */
	bool headline_only;   /* known only as a related headline */
	size_t source;        /* headline-only: the article story listing it;
	                         otherwise STORY_NONE */
	size_t nvariants;     /* headline-only: the other ways its headline
	                         was written (near-duplicates folded into it) */
	bool read;
	bool starred;
};

struct library {
	struct story
	        *stories; /* articles first, in the order added, then
	                     headline-only stories in order of appearance */
	size_t nstories;
	size_t narticles; /* stories[0..narticles) are articles */
};

/* An empty library; free with library_free(). */
struct library *library_new(void);

/* Add an article; the library takes ownership.  Call library_link() after
 * the last one. */
void library_add_article(struct library *lib, struct article *a);

/* Build the headline-only stories and every story's targets. */
void library_link(struct library *lib);

/* Free the library and all its articles; NULL is allowed. */
void library_free(struct library *lib);

#endif
