/* Fetching feeds: many transfers at once over http, https and file, driven
 * from the caller's poll loop so the interface never waits on the network.
 *
 * A fetcher keeps a queue; at most max_parallel transfers run at a time.
 * The caller waits with fetcher_poll() (which can also watch the caller's
 * own descriptors, such as the terminal) and then calls fetcher_perform(),
 * which moves the transfers on and reports each finished one through the
 * on_done callback. */
#ifndef AKHBAR_SOURCE_FETCH_H
#define AKHBAR_SOURCE_FETCH_H

#include <poll.h>
#include <stddef.h>

enum fetch_status {
	FETCH_OK,           /* a body arrived */
	FETCH_NOT_MODIFIED, /* the conditional GET said nothing changed */
	FETCH_ERROR,        /* see error */
};

/* The headers of the answer a body came with that tell how to read it;
 * each is NULL when the answer had none (always for files). */
struct fetch_headers {
	const char *content_type;     /* its charset is the body's encoding */
	const char *content_location; /* the base of the body's links */
	const char *content_language; /* the body's language */
};

/* One finished transfer.  Everything here lives until on_done returns,
 * except body: on_done may keep it by setting r->body to NULL, and then
 * owns it (free() it).  body is NUL-terminated (the NUL is not counted
 * in body_len); it is NULL unless status is FETCH_OK, and always NULL
 * when the options have on_data (body_len then counts the bytes handed
 * to it). */
struct fetch_result {
	void *user;      /* as given to fetcher_add */
	const char *url; /* as given to fetcher_add */
	enum fetch_status status;
	long http_code; /* the last answer's code; 0 for files or no answer */
	char *body;
	size_t body_len;
	const char *etag;          /* for the next fetch; NULL when none */
	const char *last_modified; /* for the next fetch; NULL when none */
	const char *effective_url; /* after redirects */
	const char *error;         /* human-readable; NULL unless FETCH_ERROR */
	struct fetch_headers headers; /* the last answer's */
};

/* The charset parameter of a Content-Type ('text/xml; charset="x"'), or
 * NULL when it has none (type may be NULL).  The caller frees it. */
char *fetch_type_charset(const char *type);

/* Called once for every transfer added, from fetcher_perform().  It may
 * call fetcher_add(), but not fetcher_free(). */
typedef void fetch_done_fn(void *ctx, struct fetch_result *r);

/* Receives the body of a transfer in pieces as they arrive (only the
 * final answer's, only when it is a success or a file), from
 * fetcher_perform(), with that answer's headers; data and headers are
 * valid during the call.  The transfer may still fail after some pieces
 * (a timeout, the size cap): on_done says. */
typedef void fetch_data_fn(void *ctx, void *user,
                           const struct fetch_headers *headers,
                           const char *data, size_t len);

/* Zero fields take the default written beside them. */
struct fetch_options {
	unsigned max_parallel;   /* transfers at once; 8 */
	long connect_timeout_ms; /* 10000 */
	long stall_ms;           /* give up when no byte came for this long
	                            (not counting the connection); 30000 */
	long max_time_ms;        /* the whole transfer, however busy; 600000;
	                            a negative value sets no limit */
	long max_redirects;      /* 5; a negative value allows none */
	size_t max_size;         /* body bytes after decompression; 20 MB */
	fetch_done_fn *on_done;  /* required */
	fetch_data_fn *on_data;  /* optional: stream bodies instead of
	                            collecting them */
	void *ctx;               /* first argument of on_done */
};

struct fetcher;

/* A new fetcher with opt's settings (copied).  Dies if libcurl can't start. */
struct fetcher *fetcher_new(const struct fetch_options *opt);

/* Abandon unfinished transfers without reporting them, and free f. */
void fetcher_free(struct fetcher *f);

/* Queue a GET of url: http://, https://, file://, or a plain path (a file).
 * etag and last_modified, when not NULL, come from the previous fetch and
 * make it conditional.  All strings are copied; user is handed back. */
void fetcher_add(struct fetcher *f, const char *url, const char *etag,
                 const char *last_modified, void *user);

/* Wait up to timeout_ms (-1: no limit) until a transfer can move on or one
 * of the caller's extra descriptors is ready; their revents are set.  Waits
 * no longer than the transfers' own timers allow.  Returns the number of
 * extra descriptors ready. */
int fetcher_poll(struct fetcher *f, struct pollfd *extra, unsigned n_extra,
                 int timeout_ms);

/* Move every transfer on without waiting, start queued ones, and report
 * finished ones.  Returns the number still running or queued. */
size_t fetcher_perform(struct fetcher *f);

/* Transfers running now (never more than max_parallel). */
size_t fetcher_running(const struct fetcher *f);

/* Transfers finished and reported since fetcher_new, and the number ever
 * added: the caller's progress ("3/10"). */
void fetcher_progress(const struct fetcher *f, size_t *done, size_t *total);

/* Block until every added transfer has been reported. */
void fetcher_run(struct fetcher *f);

/* One transfer of fetch_all(). */
struct fetch_request {
	const char *url;
	const char *etag;          /* or NULL */
	const char *last_modified; /* or NULL */
	void *user;
};

/* Blocking: fetch the n requests with opt's settings (several at a time)
 * and report each through opt->on_done.  Returns the number of errors. */
size_t fetch_all(const struct fetch_options *opt,
                 const struct fetch_request *req, size_t n);

#endif
