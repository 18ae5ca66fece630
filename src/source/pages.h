/* Stories' own web pages: for a feed that gives only a summary, the page
 * an item's link leads to is fetched, its article extracted
 * (source/extract.h) and stored with the item in the cache, so the story
 * reads in full, offline too.  A related headline's page becomes a new
 * item of the feed the same way.
 *
 * Pages are fetched in the background, driven from the caller's poll loop
 * like the fetcher: a few at a time, one request per host at a time.
 * Each page's outcome is stored in the cache (its article, or why it has
 * none, the summary staying) and then reported. */
#ifndef AKHBAR_SOURCE_PAGES_H
#define AKHBAR_SOURCE_PAGES_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/article.h"
#include "source/fetch.h"
#include "source/urls.h"
#include "store/cache.h"

/* Which items get their page fetched. */
enum pages_choice {
	PAGES_NONE,  /* none */
	PAGES_SHORT, /* those whose body is short: a summary */
	PAGES_ALL,   /* every item with a web link */
};

/* The tags of the urls file that choose for one feed, over the default. */
#define PAGES_TAG_FULL    "!full"    /* PAGES_ALL */
#define PAGES_TAG_SUMMARY "!summary" /* PAGES_NONE */

/* A body shorter than this many characters is a summary. */
#define PAGES_SUMMARY_CHARS 800

/* The choice for the feed at url: its tag in u, else dflt (u may be
 * NULL). */
enum pages_choice pages_feed_choice(const struct urls *u, const char *url,
                                    enum pages_choice dflt);

/* Whether item a (its body made paragraphs) gets its page under choice:
 * it has an http or https link and, under PAGES_SHORT, a body shorter
 * than PAGES_SUMMARY_CHARS. */
bool pages_wanted(enum pages_choice choice, const struct article *a);

/* One page's outcome; valid during the on_done call only. */
struct pages_report {
	long long item;    /* the item it is stored with; 0 when none */
	const char *url;   /* as queued */
	bool stored;       /* its article is in the cache */
	const char *error; /* why not: one line for the user, outside text
	                      (a server's words) that the caller makes safe */
};

typedef void pages_done_fn(void *ctx, const struct pages_report *r);

struct pages_options {
	struct fetch_options fetch; /* timeouts, size cap, pages at once
	                               (max_parallel; 4 when 0); on_done,
	                               on_data and ctx are the pages' own */
	pages_done_fn *on_done;     /* optional: each page's outcome */
	void *ctx;                  /* first argument of on_done */
};

struct pages;

/* New pages storing into cache (which must outlive them). */
struct pages *pages_new(struct cache *cache, const struct pages_options *opt);

/* Abandon unfinished pages (their items keep what they had) and free p;
 * NULL is allowed. */
void pages_free(struct pages *p);

/* Queue the page at url for item, or with item 0 for a new item of feed
 * feed_id (a related headline's page).  Nothing is queued when the same
 * page is queued or under way already. */
void pages_add(struct pages *p, long long item, long long feed_id,
               const char *url);

/* Queue the pages of the items first seen at or after since (seconds
 * since the epoch) never fetched, that their feed's tag in u (may be NULL)
 * or else dflt picks.  Returns how many were queued, or -1 with the
 * cache's error. */
long pages_add_new(struct pages *p, const struct urls *u, long long since,
                   enum pages_choice dflt);

/* Whether the page of item (url when item is 0) is queued or under
 * way. */
bool pages_pending(const struct pages *p, long long item, const char *url);

/* Pages queued or under way; 0 for NULL. */
size_t pages_busy(const struct pages *p);

/* As fetcher_poll(): wait for the network or the caller's descriptors. */
int pages_poll(struct pages *p, struct pollfd *extra, unsigned n_extra,
               int timeout_ms);

/* Move the transfers on, start queued pages whose host is free, store
 * and report finished ones.  Returns pages_busy(). */
size_t pages_perform(struct pages *p);

/* Block until every page queued is finished. */
void pages_run(struct pages *p);

#endif
