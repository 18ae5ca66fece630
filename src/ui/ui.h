/* The curses reader. */
#ifndef AKHBAR_UI_UI_H
#define AKHBAR_UI_UI_H

#include "layout/layout.h"
#include "model/library.h"
#include "source/fetch.h"
#include "source/pages.h"
#include "source/relate.h"
#include "source/urls.h"
#include "store/cache.h"

/* Run the interactive reader over lib until the user quits; relater (from
 * source_relate(), or NULL) relates a headline-only story when it is
 * opened.  layout holds shaping and bidi mode (width is taken from the
 * terminal).  Returns the exit status. */
int ui_run(struct library *lib, struct source_relater *relater,
           const struct lay_options *layout);

/* Run the reader over the subscriptions: the feed list of the cache
 * (feeds listed by urls, which may have titles and hidden marks for them),
 * their headlines, their articles; feeds update with fetch's timeouts,
 * and the web pages of the stories full_articles chooses (unless their
 * feed's tag says otherwise) are fetched when they are read.  With
 * expire_days (0: never), the items older than that and not starred are
 * removed as the reader starts and after its updates, a few at a time
 * while it is idle.  cache and urls stay the caller's.  Returns the exit
 * status. */
int ui_run_feeds(struct cache *cache, const struct urls *urls,
                 const struct fetch_options *fetch,
                 enum pages_choice full_articles,
                 const struct lay_options *layout, int expire_days);

#endif
