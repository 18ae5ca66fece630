/* A story source: what the headline list and the article view show,
 * whichever place the stories come from.  Two fill it: the library of
 * article files (everything in memory) and the cache (a window of one
 * list's headline rows, read by place as they are shown, without bodies;
 * an article is read from the cache only when it is opened).  The views
 * see nothing else of either. */
#ifndef AKHBAR_UI_STORIES_H
#define AKHBAR_UI_STORIES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/article.h"
#include "model/library.h"
#include "source/relate.h"
#include "source/urls.h"
#include "store/cache.h"
#include "text/find.h"

struct ui_stories;

/* Where a search of the list goes from a story, around the ends. */
enum ui_find_move {
	UI_FIND_AT,   /* the first match at or after it */
	UI_FIND_NEXT, /* the first match after it */
	UI_FIND_PREV, /* the last match before it */
};

/* The match a search went to: the story, its number among the matches
 * (from 1) and their count (0: nothing matches); when many is set, the
 * matches were too many to count: total is a number they exceed, and the
 * rank is not known. */
struct ui_found {
	size_t story, rank, total;
	bool many;
};

/* Stories are numbered 0..count-1 in list order.  The strings title() and
 * site() return are the source's, kept until the next call on it (a
 * source may hold only the rows near those asked for); whatever else a
 * call returns is the caller's. */
struct ui_stories_ops {
	size_t (*count)(struct ui_stories *s);
	const char *(*title)(struct ui_stories *s, size_t i);
	/* The site column; NULL or "" for none. */
	const char *(*site)(struct ui_stories *s, size_t i);
	/* The date column: a new string, or NULL for none. */
	char *(*date)(struct ui_stories *s, size_t i);
	bool (*is_read)(struct ui_stories *s, size_t i);
	bool (*is_starred)(struct ui_stories *s, size_t i);
	/* How many other headlines (near-duplicates) story i stands for in
	 * the list; NULL: the source shows none. */
	size_t (*variants)(struct ui_stories *s, size_t i);
	/* The whole story for the article view: a new article, the
	 * caller's to free with article_free(); NULL with *error (a new
	 * string) if it can't be read.  *error may also come with a page
	 * that reads but lacks something (its related stories could not be
	 * found). */
	struct article *(*page)(struct ui_stories *s, size_t i, char **error);
	/* The related stories of story i that page() leaves for later (the
	 * story index's, whose question takes longer than the rest): added
	 * to a, the page page() gave for it last, after its related
	 * headlines; how many.  NULL: page() gives them all. */
	size_t (*more_related)(struct ui_stories *s, size_t i,
	                       struct article *a);
	/* The story related headline k of story i (of the page page() gave
	 * for it) leads to, or STORY_NONE. */
	size_t (*target)(struct ui_stories *s, size_t i, size_t k);
	/* The cache's item of story i, or 0.  NULL: no story is an item
	 * (then neither of the next two is set). */
	long long (*item)(struct ui_stories *s, size_t i);
	/* Where related headline k of story i leads on the web when it is
	 * no story yet (target() gives STORY_NONE): a new string, or
	 * NULL. */
	char *(*related_link)(struct ui_stories *s, size_t i, size_t k);
	/* The story of the cache's item id (an extra story when it is not
	 * in the list), or STORY_NONE when it can't be read. */
	size_t (*story_of_item)(struct ui_stories *s, long long id);
	/* How many of the stories of the list are unread. */
	size_t (*unread)(struct ui_stories *s);
	/* A search of the list: the match `move` goes to from story `from`
	 * (< count()), a title matching q, the query compiled from text (as
	 * text_query_find() matches), found without collecting every match
	 * first.  false with *error (a new string) when the source can't
	 * search. */
	bool (*find)(struct ui_stories *s, const char *text,
	             const struct text_query *q, size_t from,
	             enum ui_find_move move, struct ui_found *found,
	             char **error);
	/* Marks; false with *error (a new string) when they can't be kept. */
	bool (*set_read)(struct ui_stories *s, size_t i, bool read,
	                 char **error);
	bool (*set_starred)(struct ui_stories *s, size_t i, bool starred,
	                    char **error);
	bool (*mark_all_read)(struct ui_stories *s, char **error);
	/* Read the stories again after their store changed; returns where
	 * story `keep` is now (the same story when it is still there, else
	 * the nearest index).  NULL: the stories never change underneath. */
	size_t (*reload)(struct ui_stories *s, size_t keep);
	/* Read more of a list the source reads a slice at a time after it
	 * is made (s->reading says it is not whole yet; count() and
	 * unread() say the stories read so far, which keep their numbers
	 * as more come): for about ms milliseconds, or to its end for 0.
	 * false with *error (a new string) when it can't be read: the list
	 * then stays as it is, reading no more.  NULL: the list is whole
	 * from the start. */
	bool (*read_more)(struct ui_stories *s, int ms, char **error);
	/* Show the cache's list l in place of the one shown, read as
	 * reload() reads; returns where story `keep` is now (where it would
	 * be when l leaves it out).  A sorted order is put in order apart
	 * (s->sorting), the list shown before staying until reorder() puts
	 * l in its place.  NULL: the stories are no cache's. */
	size_t (*relist)(struct ui_stories *s, const struct cache_list *l,
	                 size_t keep);
	/* Bring on the order being made (s->sorting) for about ms
	 * milliseconds; true once it is shown in place of the list before,
	 * *keep (a story of that list) then where that story is now.
	 * false with *error (a new string) when it can't be made: the list
	 * before stays.  NULL with relist(). */
	bool (*reorder)(struct ui_stories *s, int ms, size_t *keep,
	                char **error);
	void (*free)(struct ui_stories *s);
};

struct ui_stories {
	const struct ui_stories_ops *ops;
	bool has_site;     /* worth a site column (stories from many sites) */
	long long feed_id; /* the cache's feed shown, or 0 */
	enum cache_list_rows rows; /* the cache's rows asked for (before
	                              read ones were hidden) */
	bool reading; /* read_more() has more of the list to read */
	bool sorting; /* reorder() has an order under way */
};

/* Read the rest of s's list now, when it is not whole yet (see
 * read_more()); false with *error (a new string). */
bool ui_stories_read_all(struct ui_stories *s, char **error);

/* Read more of s's list until it holds story i or is whole; false with
 * *error (a new string). */
bool ui_stories_read_to(struct ui_stories *s, size_t i, char **error);

/* The day of a time (seconds since the epoch) in the reader's time zone,
 * as the lists' date column shows it: a new string, or NULL for none (0,
 * an unknown date). */
char *ui_stories_day(long long time);

/* Go through the headlines of s from story `from` as move says, around
 * the ends, to the first matching q, looking at `limit` stories at most:
 * true with it in *found. */
bool ui_stories_walk(struct ui_stories *s, const struct text_query *q,
                     size_t from, enum ui_find_move move, size_t limit,
                     size_t *found);

/* A search looking at every headline of s: the match as
 * ui_stories_walk() finds it, its rank and the count of them. */
void ui_stories_find_every(struct ui_stories *s, const struct text_query *q,
                           size_t from, enum ui_find_move move,
                           struct ui_found *found);

/* The library's stories (lib stays the caller's and must outlive them);
 * a headline-only story gets its related stories from relater (the
 * caller's; NULL: none) when its page is first asked for. */
struct ui_stories *ui_stories_library(struct library *lib,
                                      struct source_relater *relater);

/* The headlines of a list of the cache (the list of every feed's rows
 * shows each row's feed's name as its site).  NULL with *error (a new
 * string) when the cache can't list them. */
struct ui_stories *ui_stories_cache(struct cache *cache,
                                    const struct cache_list *list, char **error)
        __attribute__((nonnull(2)));

/* The stories of a query feed: the rows of the list of every feed whose
 * item matches the filter expression expr (model/filter.h; a feed's tags
 * and title from urls, which stays the caller's), newest first; feed_id
 * is what the source's feed_id says (below 0: no feed of the cache).
 * NULL with *error (a new string) when expr is no filter or the cache
 * can't be read. */
struct ui_stories *ui_stories_query(struct cache *cache,
                                    const struct urls *urls, const char *expr,
                                    long long feed_id, char **error);

struct filter;
struct ui_query_counting;

/* Counting the lists of n query feeds (a NULL filter counts nothing) in
 * one reading of the cache, a slice at a time; filters stay the
 * caller's and must outlive it. */
struct ui_query_counting *ui_query_counting_new(struct cache *cache,
                                                const struct urls *urls,
                                                struct filter *const *filters,
                                                size_t n);

/* Count at most most more rows of the list of every feed (0: all that
 * are left): 1 when every row is counted, the n counts then in counts; 0
 * when rows are left; -1 with the cache's error. */
int ui_query_counting_step(struct ui_query_counting *qc, size_t most,
                           struct cache_list_counts *counts);

/* Free a counting; NULL is allowed. */
void ui_query_counting_free(struct ui_query_counting *qc);

#endif
