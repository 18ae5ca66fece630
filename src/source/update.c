/* Feeds from the fetcher through the parser into the cache, one cache
 * transaction per feed.  A job is one feed: its bytes either stream into
 * the open transaction (the job is `active`) or collect in its buffer; a
 * finished job that can't be stored yet (another is active) waits in the
 * pending list and is stored as soon as the transaction is free.  A
 * buffer that grows past SPILL_AT moves to a temporary file, so feeds
 * waiting for their turn never hold their size in memory.  A parsed
 * feed's commit runs on the cache's thread while the next feed is
 * parsed; the job waits in the committing list until it is done, and is
 * reported then. */
#include "config.h"

#include "source/update.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "source/command.h"
#include "source/feed.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Bytes of a waiting feed kept in memory; the rest go to a file.  Most
 * feeds are smaller and never touch the disk. */
#define SPILL_AT (1024 * 1024)

/* Kept bytes go to the parser in pieces of this size, as the network
 * would have given them; with update_options.slice_ms, in small pieces
 * (a few dozen items at most), and when the cache's writer is behind the
 * next turn comes after ROOM_WAIT_MS. */
#define PIECE         65536
#define SLICE_PIECE   4096
#define FINE_SLICE_MS 20
#define ROOM_WAIT_MS  10

struct job {
	struct updater *owner;
	struct job *live_prev, *live_next; /* every job not freed */
	struct job *next; /* in the pending or the committing list */
	char *url;
	char *buf; /* bytes waiting for the transaction */
	size_t len, cap;
	FILE *spill;     /* or there, once they outgrew SPILL_AT */
	int spill_error; /* errno of a failed write to spill; 0 none */
	/* streaming into the open transaction */
	struct feed_parser *parser;
	struct cache_update *update; /* also while committing */
	size_t items, ignored;
	bool store_failed;
	bool lost; /* bytes kept for the job could not be read back: error */
	bool replaying;  /* active, parsed from its kept bytes */
	size_t replayed; /* bytes of them handed to the parser */
	/* the finished transfer, kept until it is stored */
	bool fetched;
	enum fetch_status status;
	char *error, *etag, *last_modified;
	/* the answer's headers the parser reads */
	char *content_type, *content_location, *content_language;
	/* exec: and filter: feeds */
	char *command_line;  /* the command, or NULL */
	char *base;          /* a filter's URL: the base of the feed's links */
	bool filtering;      /* a filter's body is being fetched into input */
	struct strbuf input; /* that body */
	struct command *cmd; /* running */
};

/* Jobs in the order they came. */
struct queue {
	struct job *head, *tail;
};

struct updater {
	struct cache *cache;
	struct update_options opt;
	struct fetcher *fetcher;
	struct job *live;        /* every job not freed yet */
	struct job *active;      /* the job whose transaction is open */
	struct queue pending;    /* fetched, waiting for the transaction */
	struct queue committing; /* parsed, their commits under way */
	size_t ncommitting;
	size_t done, total;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void job_free(struct job *j)
{
	if (j->live_prev)
		j->live_prev->live_next = j->live_next;
	else
		j->owner->live = j->live_next;
	if (j->live_next)
		j->live_next->live_prev = j->live_prev;
	free(j->url);
	free(j->buf);
	if (j->spill)
		fclose(j->spill);
	free(j->error);
	free(j->etag);
	free(j->last_modified);
	free(j->content_type);
	free(j->content_location);
	free(j->content_language);
	free(j->command_line);
	free(j->base);
	strbuf_free(&j->input);
	command_free(j->cmd);
	free(j);
}

/* Note the headers of the answer the job's body comes with. */
static void job_set_headers(struct job *j, const struct fetch_headers *h)
{
	free(j->content_type);
	free(j->content_location);
	free(j->content_language);
	j->content_type = dup_or_null(h->content_type);
	j->content_location = dup_or_null(h->content_location);
	j->content_language = dup_or_null(h->content_language);
}

/* Whether an ignore rule drops the item, new and unread, of the job's
 * feed. */
static bool ignored(const struct job *j, const struct feed_meta *meta,
                    const struct article *a)
{
	const struct update_options *opt = &j->owner->opt;
	if (!opt->ignore || !opt->ignore->n)
		return false;
	const struct urls_entry *e =
	        opt->urls ? urls_find(opt->urls, j->url) : NULL;
	struct filter_item it = {
	        .title = a->title,
	        .content = a->body_source ? a->body_source : a->summary,
	        .author = a->author,
	        .link = a->link,
	        .guid = a->guid,
	        .feed_title = e && e->title ? e->title : meta->title,
	        .feed_url = j->url,
	        .feed_link = meta->link,
	        .tags = e ? (const char *const *)e->tags : NULL,
	        .ntags = e ? e->n_tags : 0,
	        .time = a->time,
	        .now = (long long)time(NULL),
	        .unread = true,
	};
	return filter_ignored(opt->ignore, j->url, &it);
}

/* Whether the item is dated before the expiry limit (one with no date
 * is never). */
static bool expired(const struct job *j, const struct article *a)
{
	int days = j->owner->opt.expire_days;
	return days > 0 && a->time &&
	       a->time < (long long)time(NULL) - days * 86400LL;
}

static void store_item(void *ctx, const struct feed_meta *meta,
                       struct article *item)
{
	struct job *j = ctx;
	if (ignored(j, meta, item)) {
		j->ignored++;
	} else if (!expired(j, item)) {
		if (!j->store_failed && !cache_store_item(j->update, item))
			j->store_failed = true;
		j->items++;
	}
	article_free(item);
}

/* Open the feed's transaction and a parser writing into it.  false (with
 * j->error) when the cache refuses. */
static bool job_open(struct job *j)
{
	struct updater *u = j->owner;
	j->update = cache_feed_update_begin(u->cache, j->url);
	if (!j->update) {
		free(j->error);
		j->error = xstrdup(cache_error(u->cache));
		return false;
	}
	struct feed_request req = {
	        .url = j->base ? j->base : j->url,
	        .content_type = j->content_type,
	        .content_location = j->content_location,
	        .content_language = j->content_language,
	        .item = store_item,
	        .ctx = j,
	};
	j->parser = feed_parser_new(&req);
	u->active = j;
	return true;
}

static void push(struct job *j, const char *data, size_t len)
{
	/* After a parse error the rest of the bytes are of no use; the
	 * error is reported when the transfer ends. */
	if (j->parser && len && !j->lost)
		feed_parser_push(j->parser, data, len);
}

static void report(struct job *j, enum update_status status, const char *error,
                   long long fresh)
{
	struct updater *u = j->owner;
	struct update_report r = {
	        .url = j->url,
	        .status = status,
	        .items = j->items,
	        .ignored = j->ignored,
	        .error = error,
	        .fresh = fresh,
	};
	u->done++;
	if (u->opt.on_done)
		u->opt.on_done(u->opt.ctx, &r);
}

/* The fetch failed or was not modified: note it in the cache.  Never
 * while a transaction is open, which would take the note with it. */
static void store_outcome(struct job *j)
{
	struct cache *c = j->owner->cache;
	if (j->status == FETCH_NOT_MODIFIED) {
		if (cache_feed_not_modified(c, j->url))
			report(j, UPDATE_NOT_MODIFIED, NULL, 0);
		else
			report(j, UPDATE_ERROR, cache_error(c), 0);
		return;
	}
	cache_feed_set_error(c, j->url, j->error);
	report(j, UPDATE_ERROR, j->error, 0);
}

static void enqueue(struct queue *q, struct job *j)
{
	j->next = NULL;
	if (q->tail)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
}

static struct job *dequeue(struct queue *q)
{
	struct job *j = q->head;
	q->head = j->next;
	if (!q->head)
		q->tail = NULL;
	return j;
}

/* End the open transaction of a finished job: commit what the parser
 * made of the feed (the job waits in the committing list), or roll back,
 * keep the error and free the job. */
static void job_close(struct job *j)
{
	struct updater *u = j->owner;
	struct feed_meta meta = {0};
	char *parse_error = NULL;
	int rc = feed_parser_finish(j->parser, &meta, &parse_error);
	j->parser = NULL;
	u->active = NULL;
	if (j->status != FETCH_OK || rc < 0 || j->store_failed || j->lost) {
		if (j->status == FETCH_OK && !j->lost) {
			free(j->error);
			j->error = j->store_failed
			                   ? xstrdup(cache_error(u->cache))
			                   : parse_error;
			parse_error = NULL;
		}
		cache_feed_update_rollback(j->update);
		j->update = NULL;
		store_outcome(j);
		job_free(j);
	} else {
		struct cache_feed_meta m = {
		        .title = meta.title,
		        .link = meta.link,
		        .language = meta.language,
		        .etag = j->etag,
		        .last_modified = j->last_modified,
		};
		cache_feed_update_end(j->update, &m);
		enqueue(&u->committing, j);
		u->ncommitting++;
	}
	free(parse_error);
	feed_meta_free(&meta);
}

/* Report the committed jobs, in order, and free them; with wait, wait for
 * every commit.  A failed commit is noted in the cache only while no
 * transaction is open, which would take the note with it. */
static void collect(struct updater *u, bool wait)
{
	struct job *j;
	while ((j = u->committing.head) &&
	       (wait || cache_feed_update_done(j->update))) {
		dequeue(&u->committing);
		u->ncommitting--;
		long long fresh;
		bool ok = cache_feed_update_wait(j->update, &fresh);
		j->update = NULL;
		if (!ok) {
			free(j->error);
			j->error = xstrdup(cache_error(u->cache));
		}
		if (ok) {
			report(j, UPDATE_OK, NULL, fresh);
			job_free(j);
		} else {
			/* Stored with the outcomes that wait for the
			 * transaction to be free. */
			j->status = FETCH_ERROR;
			enqueue(&u->pending, j);
		}
	}
}

/* An anonymous file in $TMPDIR (else /tmp), gone when closed; NULL if
 * none can be made. */
static FILE *spill_open(void)
{
	const char *dir = getenv("TMPDIR");
	char *path =
	        xasprintf("%s/akhbar-feed-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	free(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
	if (!f && fd >= 0)
		close(fd);
	return f;
}

/* Move the bytes the job keeps in memory to a spill file, when one can
 * be made (else they stay in memory).  The file is the job's until
 * job_free(); gcc 12's analyzer loses the job on the way here from a
 * command's output (command_done()) and calls the file a leak. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
static void spill_start(struct job *j)
{
	j->spill = spill_open();
	if (!j->spill)
		return;
	if (j->len && fwrite(j->buf, 1, j->len, j->spill) != j->len)
		j->spill_error = errno;
	free(j->buf);
	j->buf = NULL;
	j->cap = 0;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

/* Keep bytes that arrived before the job's turn. */
static void keep(struct job *j, const char *data, size_t len)
{
	if (!j->spill && j->len + len > SPILL_AT)
		spill_start(j);
	if (j->spill) {
		if (!j->spill_error && fwrite(data, 1, len, j->spill) != len)
			j->spill_error = errno;
		j->len += len;
		return;
	}
	if (j->len + len > j->cap) {
		size_t cap = j->cap ? j->cap : 65536;
		while (cap < j->len + len)
			cap *= 2;
		j->buf = xreallocarray(j->buf, cap, 1);
		j->cap = cap;
	}
	memcpy(j->buf + j->len, data, len);
	j->len += len;
}

/* Free the bytes kept for the job. */
static void kept_free(struct job *j)
{
	if (j->spill)
		fclose(j->spill);
	j->spill = NULL;
	free(j->buf);
	j->buf = NULL;
	j->len = j->cap = j->replayed = 0;
}

/* The kept bytes can't be read back: the job is lost, with j->error. */
static bool replay_lost(struct job *j)
{
	int err = j->spill_error ? j->spill_error : errno;
	j->lost = true;
	free(j->error);
	j->error = xasprintf(_("cannot keep the feed while another is "
	                       "stored: %s"),
	                     strerror(err));
	kept_free(j);
	return false;
}

/* Hand the parser of the job, now active, the next piece of its kept
 * bytes, in pieces as the network would have given them (libxml2 keeps
 * no second copy of the whole); false once all are handed over (or they
 * are lost), and freed. */
static bool replay_piece(struct job *j, size_t size)
{
	char piece[PIECE];
	size = size < PIECE ? size : PIECE;
	size_t n;
	if (j->spill) {
		if (j->replayed == 0 &&
		    (j->spill_error || fflush(j->spill) != 0 ||
		     fseek(j->spill, 0, SEEK_SET) != 0))
			return replay_lost(j);
		n = fread(piece, 1, size, j->spill);
		if (n == 0 && ferror(j->spill))
			return replay_lost(j);
		push(j, piece, n);
	} else {
		n = j->len - j->replayed < size ? j->len - j->replayed : size;
		push(j, j->buf + j->replayed, n);
	}
	j->replayed += n;
	if (n > 0)
		return true;
	kept_free(j);
	return false;
}

/* Start storing a finished job whose bytes waited in its buffer: open
 * its transaction; drain_pending() parses it from there. A fetch that
 * failed, or a cache that refuses, is noted and done with at once. */
static void job_start(struct job *j)
{
	if (j->status != FETCH_OK || !job_open(j)) {
		if (j->status == FETCH_OK)
			j->status = FETCH_ERROR;
		store_outcome(j);
		job_free(j);
		return;
	}
	j->replaying = true;
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - since->tv_sec) * 1000 +
	       (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* Whether the feed being parsed from its kept bytes has to wait for the
 * cache's writer to catch up. */
static bool replay_blocked(const struct updater *u)
{
	const struct job *j = u->active;
	return u->opt.slice_ms && j && j->replaying &&
	       !cache_feed_update_has_room(j->update);
}

/* Parse and store the feeds that waited for the transaction; with
 * slice_ms, for about that long a call: the caller's loop (the reader's
 * keys) goes on between turns, and a feed of any size never holds it up. */
static void drain_pending(struct updater *u)
{
	long slice = u->opt.slice_ms;
	/* Small pieces only where a few milliseconds matter. */
	size_t piece = slice && slice < FINE_SLICE_MS ? SLICE_PIECE : PIECE;
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct job *j = u->active;
		if (j && j->replaying) {
			if (replay_blocked(u))
				return;
			if (replay_piece(j, piece)) {
				if (slice && elapsed_ms(&start) >= slice)
					return;
				continue;
			}
			j->replaying = false;
			job_close(j);
		}
		if (u->active || !u->pending.head)
			return;
		job_start(dequeue(&u->pending));
	}
}

static void on_data(void *ctx, void *user, const struct fetch_headers *h,
                    const char *data, size_t len)
{
	struct updater *u = ctx;
	struct job *j = user;
	if (j->filtering) {
		strbuf_add(&j->input, data, len);
		return;
	}
	if (!j->len && !j->parser)
		job_set_headers(j, h);
	if (u->active == j) {
		push(j, data, len);
		return;
	}
	if (u->opt.stream && !u->active && !u->pending.head && job_open(j)) {
		/* A lost job fails when its transfer ends. */
		while (replay_piece(j, PIECE))
			;
		push(j, data, len);
		return;
	}
	keep(j, data, len);
}

/* Start the job's command with input[0, len) on its standard input, with
 * the fetch's stall time as its whole time, and its size cap. */
static void job_run(struct job *j, const char *input, size_t len)
{
	const struct fetch_options *f = &j->owner->opt.fetch;
	struct command_options opt = {
	        .timeout_ms = f->stall_ms ? f->stall_ms : 30000,
	        .max_size = f->max_size ? f->max_size : READFILE_MAX_DEFAULT,
	};
	j->cmd = command_start(j->command_line, input, len, &opt);
}

/* A filter's body arrived: it goes through the command, and the job
 * waits for it with the answer's validators.  false for a failed fetch
 * or a 304, which end the job as any other's. */
static bool filter_fetched(struct job *j, const struct fetch_result *r)
{
	j->filtering = false;
	if (r->status == FETCH_OK) {
		j->etag = dup_or_null(r->etag);
		j->last_modified = dup_or_null(r->last_modified);
		job_run(j, j->input.s, j->input.len);
	}
	strbuf_free(&j->input);
	return r->status == FETCH_OK;
}

static void on_done(void *ctx, struct fetch_result *r)
{
	struct updater *u = ctx;
	struct job *j = r->user;
	if (j->filtering && filter_fetched(j, r))
		return;
	j->fetched = true;
	j->status = r->status;
	if (!j->lost) {
		free(j->error);
		j->error = dup_or_null(r->error);
	}
	j->etag = dup_or_null(r->etag);
	j->last_modified = dup_or_null(r->last_modified);
	if (!j->parser)
		job_set_headers(j, &r->headers);
	if (u->active == j)
		job_close(j);
	else
		enqueue(&u->pending, j);
}

struct updater *updater_new(struct cache *cache,
                            const struct update_options *opt)
{
	struct updater *u = xcalloc(1, sizeof *u);
	u->cache = cache;
	u->opt = *opt;
	struct fetch_options f = opt->fetch;
	f.on_done = on_done;
	f.on_data = on_data;
	f.ctx = u;
	u->fetcher = fetcher_new(&f);
	return u;
}

void updater_free(struct updater *u)
{
	if (!u)
		return;
	/* The fetcher drops its transfers without reporting them. */
	fetcher_free(u->fetcher);
	if (u->active) {
		feed_parser_finish(u->active->parser, NULL, NULL);
		cache_feed_update_rollback(u->active->update);
	}
	/* Commits under way end; they are not reported either. */
	for (struct job *j = u->committing.head; j; j = j->next)
		cache_feed_update_wait(j->update, NULL);
	while (u->live)
		job_free(u->live);
	free(u);
}

/* A command finished: its output is the job's body, or its error the
 * job's, as a transfer's would be. */
static void command_done(struct job *j)
{
	struct updater *u = j->owner;
	size_t len = 0;
	char *out = command_take_output(j->cmd, &len);
	char *error = dup_or_null(command_error(j->cmd));
	command_free(j->cmd);
	j->cmd = NULL;
	/* A filter's validators, handed back as the transfer's. */
	char *etag = j->etag, *last_modified = j->last_modified;
	j->etag = j->last_modified = NULL;
	if (out) {
		struct fetch_headers none = {0};
		on_data(u, j, &none, out, len);
	}
	struct fetch_result r = {
	        .user = j,
	        .url = j->url,
	        .status = out ? FETCH_OK : FETCH_ERROR,
	        .etag = etag,
	        .last_modified = last_modified,
	        .error = error,
	};
	on_done(u, &r);
	free(out);
	free(error);
	free(etag);
	free(last_modified);
}

/* Move every running command on; report those that finished. */
static void run_commands(struct updater *u)
{
	for (struct job *j = u->live, *next; j; j = next) {
		next = j->live_next;
		if (j->cmd && command_perform(j->cmd))
			command_done(j);
	}
}

void updater_add(struct updater *u, const char *url, const char *etag,
                 const char *last_modified)
{
	struct job *j = xcalloc(1, sizeof *j);
	j->owner = u;
	j->url = xstrdup(url);
	j->live_next = u->live;
	if (u->live)
		u->live->live_prev = j;
	u->live = j;
	u->total++;
	if (!strncmp(url, "exec:", 5)) {
		j->command_line = xstrdup(url + 5);
		job_run(j, NULL, 0);
		return;
	}
	if (!strncmp(url, "filter:", 7)) {
		char *source;
		j->command_line = urls_filter_split(url, &source);
		j->base = source;
		j->filtering = true;
		url = source;
	}
	fetcher_add(u->fetcher, url, etag, last_modified, j);
}

/* The caller's descriptors, then those of the running commands, in a
 * new array (*n of them); *timeout_ms no later than the commands'
 * deadlines. */
static struct pollfd *commands_fds(const struct updater *u,
                                   const struct pollfd *extra, unsigned n_extra,
                                   unsigned *n, int *timeout_ms)
{
	size_t cap = n_extra;
	for (const struct job *j = u->live; j; j = j->live_next)
		cap += j->cmd ? COMMAND_MAX_FDS : 0;
	struct pollfd *fds = xreallocarray(NULL, cap ? cap : 1, sizeof *fds);
	if (n_extra)
		memcpy(fds, extra, n_extra * sizeof *fds);
	*n = n_extra;
	for (const struct job *j = u->live; j; j = j->live_next) {
		if (!j->cmd)
			continue;
		*n += command_fds(j->cmd, fds + *n);
		int wait = command_wait_ms(j->cmd);
		if (wait >= 0 && (*timeout_ms < 0 || wait < *timeout_ms))
			*timeout_ms = wait;
	}
	return fds;
}

int updater_poll(struct updater *u, struct pollfd *extra, unsigned n_extra,
                 int timeout_ms)
{
	/* Feeds to parse come back at once, or once the writer has had a
	 * moment to catch up. */
	if (replay_blocked(u))
		timeout_ms = ROOM_WAIT_MS;
	else if (u->pending.head || (u->active && u->active->replaying))
		timeout_ms = 0;
	unsigned n;
	struct pollfd *fds = commands_fds(u, extra, n_extra, &n, &timeout_ms);
	fetcher_poll(u->fetcher, fds, n, timeout_ms);
	int ready = 0;
	for (unsigned i = 0; i < n_extra; i++) {
		extra[i].revents = fds[i].revents;
		ready += extra[i].revents != 0;
	}
	free(fds);
	return ready;
}

size_t updater_perform(struct updater *u)
{
	fetcher_perform(u->fetcher);
	run_commands(u);
	collect(u, false);
	drain_pending(u);
	return u->total - u->done;
}

void updater_progress(const struct updater *u, size_t *done, size_t *total)
{
	*done = u->done;
	*total = u->total;
}

void updater_run(struct updater *u)
{
	size_t left;
	while ((left = updater_perform(u))) {
		if (left == u->ncommitting)
			collect(u, true); /* nothing else to wait for */
		else
			updater_poll(u, NULL, 0, -1);
	}
}
