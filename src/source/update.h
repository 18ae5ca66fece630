/* Updating subscriptions into the cache: fetch (several feeds at once,
 * conditional GET with the validators the cache kept), parse, and store
 * each feed in one cache transaction.
 *
 * The cache has one update open at a time.  With streaming on, the first
 * feed whose body starts arriving while none is open parses straight from
 * the network into its transaction (a feed of any size needs little
 * memory); the bodies of the others wait in memory for their turn.  With
 * streaming off every feed is parsed and stored when its transfer is
 * complete, so no transaction stays open between calls (the reader's
 * read and star marks never wait on the network).
 *
 * A parsed feed is committed on the cache's thread while the next one is
 * parsed, and reported once its commit is done.
 *
 * The feeds of exec: and filter: lines run their command (source/
 * command.h) instead of a transfer, or after it: "exec:COMMAND" is the
 * command's output; "filter:COMMAND:URL" is the body fetched from URL
 * (conditionally, as any feed) through the command.  Commands are waited
 * on in the same poll as the transfers, with the fetch's timeout and size
 * cap; one that fails is the feed's error: its exit status and standard
 * error.
 *
 * Items that an ignore rule (newsboat's ignore-article) matches are
 * dropped before they are stored.
 *
 * Driven like the fetcher: updater_poll() then updater_perform() from the
 * caller's loop, or updater_run() to block. */
#ifndef AKHBAR_SOURCE_UPDATE_H
#define AKHBAR_SOURCE_UPDATE_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/filter.h"
#include "source/fetch.h"
#include "source/urls.h"
#include "store/cache.h"

enum update_status {
	UPDATE_OK,           /* fetched, parsed, stored */
	UPDATE_NOT_MODIFIED, /* the server said nothing changed */
	UPDATE_ERROR,        /* see error; the feed's items stay as they were */
};

/* What became of one feed; valid during the on_done call only. */
struct update_report {
	const char *url;
	enum update_status status;
	size_t items;      /* items stored (UPDATE_OK) */
	size_t ignored;    /* items an ignore rule dropped (UPDATE_OK) */
	long long fresh;   /* items the cache did not have before */
	const char *error; /* UPDATE_ERROR: one line for the user */
};

typedef void update_done_fn(void *ctx, const struct update_report *r);

struct update_options {
	struct fetch_options fetch; /* timeouts, parallel transfers, size
	                               cap; on_done, on_data and ctx are the
	                               updater's own and ignored */
	bool stream;                /* see above */
	int slice_ms; /* parse the feeds that waited for the transaction for
	                 at most about this long a call of updater_perform(),
	                 in small pieces, never blocking on the cache, so a
	                 caller's loop answers its keys meanwhile; 0: all at
	                 once */
	const struct filter_ignores *ignore; /* optional: items to drop */
	const struct urls *urls; /* optional: the feeds' tags and titles
	                            the ignore rules see */
	int expire_days;         /* items dated more than this many days ago are
	                            not stored (they expired, or would): an expired
	                            item a feed still lists stays gone; 0: every
	                            item is stored */
	update_done_fn *on_done; /* optional: each feed's outcome */
	void *ctx;               /* first argument of on_done */
};

struct updater;

/* A new updater storing into cache (which must outlive it). */
struct updater *updater_new(struct cache *cache,
                            const struct update_options *opt);

/* Abandon what is unfinished (its feeds keep their items) and free u. */
void updater_free(struct updater *u);

/* Queue the update of the feed at url, with the validators the cache keeps
 * for it (NULL for none). */
void updater_add(struct updater *u, const char *url, const char *etag,
                 const char *last_modified);

/* As fetcher_poll(): wait for the network or the caller's descriptors. */
int updater_poll(struct updater *u, struct pollfd *extra, unsigned n_extra,
                 int timeout_ms);

/* Move every transfer on, parse and store what arrived (see slice_ms;
 * updater_poll() returns at once while there is more), report
 * finished feeds (those whose commits are done; it never waits for one).
 * Returns the number of feeds not finished yet. */
size_t updater_perform(struct updater *u);

/* Feeds finished, and feeds ever added: "updating 3/10". */
void updater_progress(const struct updater *u, size_t *done, size_t *total);

/* Block until every feed added is finished. */
void updater_run(struct updater *u);

#endif
