/* The story source of article files: the library, all in memory; marks
 * last as long as the program. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "source/html.h"
#include "ui/stories.h"
#include "util/xalloc.h"

struct lib_stories {
	struct ui_stories base;
	struct library *lib;
	struct source_relater *relater;
};

static struct story *story(struct ui_stories *s, size_t i)
{
	return &((struct lib_stories *)s)->lib->stories[i];
}

static size_t lib_count(struct ui_stories *s)
{
	return ((struct lib_stories *)s)->lib->nstories;
}

static const char *lib_title(struct ui_stories *s, size_t i)
{
	return story(s, i)->title;
}

static const char *lib_site(struct ui_stories *s, size_t i)
{
	return story(s, i)->page->site;
}

static char *lib_date(struct ui_stories *s, size_t i)
{
	const char *date = story(s, i)->page->date;
	return date ? xstrdup(date) : NULL;
}

static bool lib_is_read(struct ui_stories *s, size_t i)
{
	return story(s, i)->read;
}

static bool lib_is_starred(struct ui_stories *s, size_t i)
{
	return story(s, i)->starred;
}

static size_t lib_variants(struct ui_stories *s, size_t i)
{
	return story(s, i)->nvariants;
}

/* A headline-only story is related when it is first read: the index
 * answers one story at a time, as fast as a key, but not for every
 * headline of a large library at start.  The library keeps its article;
 * the reader gets a copy. */
static struct article *lib_page(struct ui_stories *s, size_t i, char **error)
{
	source_relate_story(((struct lib_stories *)s)->relater, i, error);
	struct article *page = story(s, i)->page;
	html_make_body(page);
	return article_copy(page);
}

static size_t lib_target(struct ui_stories *s, size_t i, size_t k)
{
	const struct story *st = story(s, i);
	return st->targets && k < st->page->nrelated ? st->targets[k]
	                                             : STORY_NONE;
}

static bool lib_set_read(struct ui_stories *s, size_t i, bool read,
                         char **error)
{
	(void)error;
	story(s, i)->read = read;
	return true;
}

static bool lib_set_starred(struct ui_stories *s, size_t i, bool starred,
                            char **error)
{
	(void)error;
	story(s, i)->starred = starred;
	return true;
}

static bool lib_mark_all_read(struct ui_stories *s, char **error)
{
	(void)error;
	for (size_t i = 0; i < lib_count(s); i++)
		story(s, i)->read = true;
	return true;
}

static size_t lib_unread(struct ui_stories *s)
{
	size_t n = 0;
	for (size_t i = 0; i < lib_count(s); i++)
		n += !story(s, i)->read;
	return n;
}

/* Everything is in memory: each title is looked at, from the story on
 * around the ends. */
static bool lib_find(struct ui_stories *s, const char *text,
                     const struct text_query *q, size_t from,
                     enum ui_find_move move, struct ui_found *found,
                     char **error)
{
	(void)text;
	(void)error;
	ui_stories_find_every(s, q, from, move, found);
	return true;
}

static void lib_free(struct ui_stories *s)
{
	free(s);
}

static const struct ui_stories_ops lib_ops = {
        .count = lib_count,
        .title = lib_title,
        .site = lib_site,
        .date = lib_date,
        .is_read = lib_is_read,
        .is_starred = lib_is_starred,
        .variants = lib_variants,
        .page = lib_page,
        .target = lib_target,
        .set_read = lib_set_read,
        .set_starred = lib_set_starred,
        .mark_all_read = lib_mark_all_read,
        .unread = lib_unread,
        .find = lib_find,
        .reload = NULL,
        .relist = NULL,
        .free = lib_free,
};

struct ui_stories *ui_stories_library(struct library *lib,
                                      struct source_relater *relater)
{
	struct lib_stories *s = xcalloc(1, sizeof *s);
	s->base.ops = &lib_ops;
	s->base.has_site = true;
	s->lib = lib;
	s->relater = relater;
	return &s->base;
}
