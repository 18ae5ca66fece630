/* Fetching against the test server on 127.0.0.1: answers, errors,
 * conditional GETs, redirects, caps, timeouts and the parallel limit. */
#include "config.h"

#include "check.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "httpd.h"
#include "source/fetch.h"
#include "util/xalloc.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What one transfer reported, copied out of the callback. */
struct outcome {
	const char *name;
	char *url;
	bool reported;
	int times;
	enum fetch_status status;
	long code;
	char *body;
	size_t body_len;
	char *etag, *last_modified, *effective, *error;
	double at; /* seconds after the start */
};

static double start_time;

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void record(void *ctx, struct fetch_result *r)
{
	(void)ctx;
	struct outcome *o = r->user;
	o->times++;
	o->reported = true;
	o->status = r->status;
	o->code = r->http_code;
	o->body = r->body; /* taken: the test owns it now */
	o->body_len = r->body_len;
	r->body = NULL;
	o->etag = dup_or_null(r->etag);
	o->last_modified = dup_or_null(r->last_modified);
	o->effective = dup_or_null(r->effective_url);
	o->error = dup_or_null(r->error);
	o->at = now() - start_time;
}

static void outcome_clear(struct outcome *o)
{
	free(o->url);
	free(o->body);
	free(o->etag);
	free(o->last_modified);
	free(o->effective);
	free(o->error);
	memset(o, 0, sizeof(*o));
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int c;
	while ((c = getc(f)) != EOF) {
		if (n + 1 >= cap)
			buf = xreallocarray(buf, cap = cap ? cap * 2 : 4096, 1);
		buf[n++] = (char)c;
	}
	fclose(f);
	buf = xreallocarray(buf, n + 1, 1);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static const char *srcdir(void)
{
	const char *d = getenv("top_srcdir");
	return d && *d ? d : ABS_TOP_SRCDIR;
}

static char *fixture_path(const char *name)
{
	char *rel = xasprintf("%s/tests/fetch/data/%s", srcdir(), name);
	char *abs = realpath(rel, NULL);
	if (!abs) {
		perror(rel);
		exit(1);
	}
	free(rel);
	return abs;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = s ? strlen(s) : 0, b = strlen(tail);
	return s && a >= b && strcmp(s + a - b, tail) == 0;
}

static bool contains(const char *s, const char *part)
{
	return s && strstr(s, part);
}

static void expect_ok(const struct outcome *o, const char *body, size_t len)
{
	CHECK(o->reported && o->times == 1, "%s: reported %d times", o->name,
	      o->times);
	CHECK(o->status == FETCH_OK, "%s: status %d, error '%s'", o->name,
	      o->status, o->error ? o->error : "");
	CHECK(o->body && o->body_len == len && memcmp(o->body, body, len) == 0,
	      "%s: body of %zu bytes differs (expected %zu)", o->name,
	      o->body_len, len);
	CHECK(o->body && o->body[o->body_len] == '\0',
	      "%s: body not NUL-terminated", o->name);
	CHECK(o->error == NULL, "%s: error set on success", o->name);
}

static void expect_error(const struct outcome *o, const char *message)
{
	CHECK(o->reported && o->times == 1, "%s: reported %d times", o->name,
	      o->times);
	CHECK(o->status == FETCH_ERROR, "%s: status %d, not an error", o->name,
	      o->status);
	CHECK(contains(o->error, message), "%s: error '%s', expected '%s'",
	      o->name, o->error ? o->error : "(none)", message);
	CHECK(o->body == NULL, "%s: body set on error", o->name);
}

/* Everything in one fetcher at once: the hanging request must not hold
 * up the others, which all finish well before its timeout. */
static void test_many(const struct httpd *h, const char *feed, size_t feed_len)
{
	int dead = httpd_dead_port();
	char *feed_path = fixture_path("feed.xml");
	char *tmp = xstrdup("/tmp/akhbar-fetch-XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		exit(1);
	}
	/* A plain path with a space and Persian letters: encoded for curl. */
	char *odd = xasprintf("%s/خبر %%20 #1.xml", tmp);
	FILE *fo = fopen(odd, "w");
	fputs("odd name\n", fo);
	fclose(fo);

	struct outcome o[] = {
	        {.name = "plain", .url = httpd_url(h, "feed.xml")},
	        {.name = "slow", .url = httpd_url(h, "slow/300/feed.xml")},
	        {.name = "redirect 5",
	         .url = httpd_url(h, "redirect/5/feed.xml")},
	        {.name = "redirect 6",
	         .url = httpd_url(h, "redirect/6/feed.xml")},
	        {.name = "loop", .url = httpd_url(h, "loop")},
	        {.name = "gzip", .url = httpd_url(h, "gzip/feed.xml")},
	        {.name = "big", .url = httpd_url(h, "big/1048577")},
	        {.name = "big, no length",
	         .url = httpd_url(h, "bignolength/3000000")},
	        {.name = "gzip bomb", .url = httpd_url(h, "gzip/big/3000000")},
	        {.name = "at the cap", .url = httpd_url(h, "big/1048576")},
	        {.name = "404", .url = httpd_url(h, "status/404")},
	        {.name = "500", .url = httpd_url(h, "status/500")},
	        {.name = "500 with a big body",
	         .url = httpd_url(h, "status/500/3000000")},
	        {.name = "missing file on server",
	         .url = httpd_url(h, "no-such.xml")},
	        {.name = "hang", .url = httpd_url(h, "hang")},
	        {.name = "refused",
	         .url = xasprintf("http://127.0.0.1:%d/feed.xml", dead)},
	        {.name = "file url", .url = xasprintf("file://%s", feed_path)},
	        {.name = "plain path", .url = xstrdup(feed_path)},
	        {.name = "odd path", .url = xstrdup(odd)},
	        {.name = "missing file", .url = xasprintf("%s/none.xml", tmp)},
	        {.name = "ftp",
	         .url = xasprintf("ftp://127.0.0.1:%d/feed.xml", dead)},
	        {.name = "gopher",
	         .url = xasprintf("gopher://127.0.0.1:%d/", dead)},
	        {.name = "redirect to file",
	         .url = httpd_url(h, "location?file:///etc/passwd")},
	        {.name = "redirect to ftp",
	         .url = xasprintf(
	                 "http://127.0.0.1:%d/location?ftp://127.0.0.1:%d/x",
	                 h->port, dead)},
	        {.name = "headers", .url = httpd_url(h, "headers")},
	};
	size_t n = sizeof(o) / sizeof(o[0]);
	struct fetcher *f = fetcher_new(&(struct fetch_options){
	        .stall_ms = 2000,
	        .max_size = 1024 * 1024,
	        .on_done = record,
	});
	start_time = now();
	for (size_t i = 0; i < n; i++)
		fetcher_add(f, o[i].url, NULL, NULL, &o[i]);
	size_t most = 0;
	while (fetcher_perform(f)) {
		if (fetcher_running(f) > most)
			most = fetcher_running(f);
		fetcher_poll(f, NULL, 0, 1000);
	}
	double total = now() - start_time;
	size_t done, added;
	fetcher_progress(f, &done, &added);
	CHECK(done == n && added == n, "progress %zu/%zu, expected %zu/%zu",
	      done, added, n, n);
	CHECK(most == 8, "at most %zu transfers ran at once, expected 8", most);
	fetcher_free(f);

	size_t i = 0;
	expect_ok(&o[i], feed, feed_len);
	CHECK(o[i].code == 200, "plain: code %ld", o[i].code);
	CHECK(o[i].etag == NULL && o[i].last_modified == NULL,
	      "plain: validators invented");
	CHECK(ends_with(o[i].effective, "/feed.xml"), "plain: effective %s",
	      o[i].effective);
	expect_ok(&o[++i], feed, feed_len);
	expect_ok(&o[++i], feed, feed_len);
	CHECK(ends_with(o[i].effective, "/redirect/0/feed.xml"),
	      "redirect 5: effective URL %s", o[i].effective);
	expect_error(&o[++i], "too many redirects (more than 5)");
	expect_error(&o[++i], "too many redirects (more than 5)");
	expect_ok(&o[++i], feed, feed_len);
	expect_error(&o[++i], "too large (over 1 MB)");
	expect_error(&o[++i], "too large (over 1 MB)");
	expect_error(&o[++i], "too large (over 1 MB)");
	i++;
	CHECK(o[i].status == FETCH_OK && o[i].body_len == 1048576,
	      "at the cap: status %d, %zu bytes", o[i].status, o[i].body_len);
	expect_error(&o[++i], "HTTP 404 Not Found");
	CHECK(o[i].code == 404, "404: code %ld", o[i].code);
	expect_error(&o[++i], "HTTP 500 Internal Server Error");
	CHECK(o[i].code == 500, "500: code %ld", o[i].code);
	/* An error page counts against the cap like any answer. */
	expect_error(&o[++i], "too large (over 1 MB)");
	expect_error(&o[++i], "HTTP 404 Not Found");
	expect_error(&o[++i], "no data for 2 s");
	CHECK(o[i].at >= 1.9 && o[i].at < 4.0, "hang: reported after %.2f s",
	      o[i].at);
	double hang_at = o[i].at;
	expect_error(&o[++i], "connection refused");
	expect_ok(&o[++i], feed, feed_len);
	CHECK(o[i].code == 0, "file url: code %ld", o[i].code);
	CHECK(contains(o[i].last_modified, " GMT"),
	      "file url: last-modified '%s'",
	      o[i].last_modified ? o[i].last_modified : "(none)");
	expect_ok(&o[++i], feed, feed_len);
	expect_ok(&o[++i], "odd name\n", 9);
	expect_error(&o[++i], "cannot read the file");
	expect_error(&o[++i], "unsupported protocol");
	expect_error(&o[++i], "unsupported protocol");
	expect_error(&o[++i], "redirect to file:///etc/passwd refused");
	expect_error(&o[++i], "redirect to ftp://");
	i++;
	CHECK(o[i].status == FETCH_OK &&
	              contains(o[i].body, "User-Agent: akhbar/" VERSION
	                                  " (+terminal news reader)"),
	      "headers: no akhbar User-Agent in\n%s",
	      o[i].body ? o[i].body : "");
	CHECK(contains(o[i].body, "gzip") && contains(o[i].body, "deflate"),
	      "headers: no Accept-Encoding with gzip and deflate in\n%s",
	      o[i].body ? o[i].body : "");
	CHECK(i + 1 == n, "checked %zu of %zu cases", i + 1, n);

	for (i = 0; i < n; i++)
		if (strcmp(o[i].name, "hang") != 0)
			CHECK(o[i].at < hang_at - 0.5,
			      "%s: finished at %.2f s, held up by the hang",
			      o[i].name, o[i].at);
	CHECK(total < 4.0, "the whole run took %.2f s", total);

	for (i = 0; i < n; i++)
		outcome_clear(&o[i]);
	unlink(odd);
	rmdir(tmp);
	free(odd);
	free(tmp);
	free(feed_path);
}

static void fetch_one(struct outcome *o, const char *url, const char *etag,
                      const char *lastmod)
{
	struct fetch_request req = {
	        .url = url, .etag = etag, .last_modified = lastmod, .user = o};
	fetch_all(&(struct fetch_options){.on_done = record}, &req, 1);
	CHECK(o->times == 1, "%s: reported %d times", url, o->times);
}

/* The headers that tell how to read a body, as on_done and on_data get
 * them: those of the final answer after a redirect, none for a file. */
struct seen_headers {
	char *type, *location, *language; /* from on_done */
	char *data_type;                  /* from on_data's first piece */
	size_t pieces;
};

static void headers_done(void *ctx, struct fetch_result *r)
{
	struct seen_headers *s = r->user;
	(void)ctx;
	s->type = dup_or_null(r->headers.content_type);
	s->location = dup_or_null(r->headers.content_location);
	s->language = dup_or_null(r->headers.content_language);
}

static void headers_data(void *ctx, void *user, const struct fetch_headers *h,
                         const char *data, size_t len)
{
	struct seen_headers *s = user;
	(void)ctx;
	(void)data;
	(void)len;
	if (!s->pieces++)
		s->data_type = dup_or_null(h->content_type);
}

static void seen_clear(struct seen_headers *s)
{
	free(s->type);
	free(s->location);
	free(s->language);
	free(s->data_type);
	memset(s, 0, sizeof *s);
}

static void test_headers(const struct httpd *h)
{
	char *url = httpd_url(h, "/redirect/1/header/Content-Type/"
	                         "text%2Fxml%3B%20charset%3Dwindows-1255/"
	                         "header/Content-Location/%2Ffeeds%2Fa.xml/"
	                         "header/Content-Language/he/feed.xml");
	struct seen_headers s = {0};
	struct fetch_request req = {.url = url, .user = &s};
	fetch_all(&(struct fetch_options){.on_done = headers_done}, &req, 1);
	CHECK_STR(s.type, "text/xml; charset=windows-1255", "Content-Type");
	CHECK_STR(s.location, "/feeds/a.xml", "Content-Location");
	CHECK_STR(s.language, "he", "Content-Language");
	seen_clear(&s);

	fetch_all(&(struct fetch_options){.on_done = headers_done,
	                                  .on_data = headers_data},
	          &req, 1);
	CHECK(s.pieces > 0, "no body streamed");
	CHECK_STR(s.data_type, "text/xml; charset=windows-1255",
	          "Content-Type given to on_data");
	seen_clear(&s);
	free(url);

	char *file = fixture_path("feed.xml");
	req.url = file;
	fetch_all(&(struct fetch_options){.on_done = headers_done}, &req, 1);
	CHECK(!s.type && !s.location && !s.language, "a file has headers");
	seen_clear(&s);
	free(file);
}

/* A second fetch with the validators of the first costs no body. */
static void test_conditional(const struct httpd *h, const char *feed,
                             size_t feed_len)
{
	struct {
		const char *path;
		bool by_etag;
	} cases[] = {{"etag/feed.xml", true},
	             {"lastmod/feed.xml", false},
	             {"", false}};
	char *feed_path = fixture_path("feed.xml");
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		char *url = cases[c].path[0] ? httpd_url(h, cases[c].path)
		                             : xstrdup(feed_path);
		struct outcome first = {.name = url}, second = {.name = url},
		               changed = {.name = url};
		fetch_one(&first, url, NULL, NULL);
		expect_ok(&first, feed, feed_len);
		if (cases[c].by_etag)
			CHECK(first.etag && first.etag[0] == '"', "%s: etag %s",
			      url, first.etag);
		else
			CHECK(first.last_modified, "%s: no last-modified", url);

		fetch_one(&second, url, first.etag, first.last_modified);
		CHECK(second.status == FETCH_NOT_MODIFIED,
		      "%s: second fetch status %d (%s)", url, second.status,
		      second.error ? second.error : "");
		CHECK(second.body == NULL, "%s: a body with not-modified", url);
		CHECK(cases[c].path[0] == '\0' || second.code == 304,
		      "%s: code %ld", url, second.code);
		CHECK((first.etag == NULL) == (second.etag == NULL) &&
		              (!first.etag ||
		               strcmp(first.etag, second.etag) == 0),
		      "%s: etag not kept", url);
		CHECK(second.last_modified || !first.last_modified,
		      "%s: last-modified lost", url);

		/* Stale validators fetch the body again. */
		fetch_one(&changed, url, first.etag ? "\"stale\"" : NULL,
		          first.etag ? NULL : "Thu, 01 Jan 1970 00:00:01 GMT");
		expect_ok(&changed, feed, feed_len);
		outcome_clear(&first);
		outcome_clear(&second);
		outcome_clear(&changed);
		free(url);
	}
	free(feed_path);
}

static size_t stats_max(const struct httpd *h, const char *which)
{
	struct outcome o = {.name = which};
	char *url = httpd_url(h, which);
	fetch_one(&o, url, NULL, NULL);
	free(url);
	size_t max = 0;
	CHECK(o.body && sscanf(o.body, "max=%zu", &max) == 1, "stats: '%s'",
	      o.body ? o.body : "");
	outcome_clear(&o);
	return max;
}

/* The server counts requests it serves at once: the limit holds there. */
static void test_parallel_limit(const struct httpd *h, unsigned limit, size_t n)
{
	stats_max(h, "stats/reset");
	struct outcome *o = xcalloc(n, sizeof(*o));
	struct fetcher *f = fetcher_new(&(struct fetch_options){
	        .max_parallel = limit,
	        .on_done = record,
	});
	for (size_t i = 0; i < n; i++) {
		o[i].name = "slow";
		o[i].url = httpd_url(h, "slow/400/feed.xml");
		fetcher_add(f, o[i].url, NULL, NULL, &o[i]);
	}
	while (fetcher_perform(f)) {
		CHECK(fetcher_running(f) <= limit, "%zu running, limit %u",
		      fetcher_running(f), limit);
		fetcher_poll(f, NULL, 0, 1000);
	}
	fetcher_free(f);
	size_t seen = stats_max(h, "stats");
	CHECK(seen == limit, "the server saw %zu at once, limit %u", seen,
	      limit);
	for (size_t i = 0; i < n; i++) {
		CHECK(o[i].status == FETCH_OK, "parallel %zu: %s", i,
		      o[i].error ? o[i].error : "");
		outcome_clear(&o[i]);
	}
	free(o);
}

/* While a transfer waits, the caller's own descriptor (the terminal in
 * akhbar) still wakes fetcher_poll at once. */
static void test_poll_extra(const struct httpd *h)
{
	int p[2];
	if (pipe(p) < 0) {
		perror("pipe");
		exit(1);
	}
	struct outcome o = {.name = "slow"};
	o.url = httpd_url(h, "slow/1000/feed.xml");
	struct fetcher *f =
	        fetcher_new(&(struct fetch_options){.on_done = record});
	fetcher_add(f, o.url, NULL, NULL, &o);
	fetcher_perform(f);
	struct pollfd fd = {.fd = p[0], .events = POLLIN};
	double t0 = now();
	int ready = fetcher_poll(f, &fd, 1, 100);
	CHECK(ready == 0 && fd.revents == 0, "idle pipe reported ready");
	CHECK(now() - t0 < 0.5, "poll with 100 ms waited %.2f s", now() - t0);
	CHECK(write(p[1], "k", 1) == 1, "write");
	t0 = now();
	ready = fetcher_poll(f, &fd, 1, 5000);
	CHECK(ready == 1 && (fd.revents & POLLIN),
	      "key press not seen (ready %d)", ready);
	CHECK(now() - t0 < 0.2, "key press seen after %.2f s", now() - t0);
	CHECK(fetcher_running(f) == 1 && !o.reported,
	      "transfer should still run");
	fetcher_run(f);
	CHECK(o.status == FETCH_OK, "slow: %s", o.error ? o.error : "");
	fetcher_free(f);
	outcome_clear(&o);
	close(p[0]);
	close(p[1]);
}

/* A callback may queue more work; freeing with work pending reports none. */
struct chain {
	struct fetcher *f;
	char *next_url;
	int reports;
};

static void chain_done(void *ctx, struct fetch_result *r)
{
	struct chain *c = ctx;
	c->reports++;
	CHECK(r->status == FETCH_OK, "chain: %s", r->error ? r->error : "");
	if (c->next_url) {
		fetcher_add(c->f, c->next_url, NULL, NULL, NULL);
		free(c->next_url);
		c->next_url = NULL;
	}
}

static void test_callback_adds(const struct httpd *h)
{
	struct chain c = {.next_url = httpd_url(h, "feed.xml")};
	c.f = fetcher_new(
	        &(struct fetch_options){.on_done = chain_done, .ctx = &c});
	char *url = httpd_url(h, "slow/100/feed.xml");
	fetcher_add(c.f, url, NULL, NULL, NULL);
	fetcher_run(c.f);
	CHECK(c.reports == 2, "chain: %d reports, expected 2", c.reports);
	fetcher_free(c.f);

	c.reports = 0;
	c.f = fetcher_new(&(struct fetch_options){
	        .max_parallel = 1, .on_done = chain_done, .ctx = &c});
	fetcher_add(c.f, url, NULL, NULL, NULL);
	fetcher_add(c.f, url, NULL, NULL, NULL);
	fetcher_perform(c.f);
	fetcher_free(c.f);
	CHECK(c.reports == 0, "abandoned transfers reported %d times",
	      c.reports);
	free(url);
}

static void ignore(void *ctx, struct fetch_result *r)
{
	(void)ctx;
	(void)r;
}

static void test_fetch_all_counts(const struct httpd *h)
{
	char *a = httpd_url(h, "feed.xml"), *b = httpd_url(h, "status/404"),
	     *c = httpd_url(h, "status/500");
	struct fetch_request req[] = {{.url = a}, {.url = b}, {.url = c}};
	size_t errors =
	        fetch_all(&(struct fetch_options){.on_done = ignore}, req, 3);
	CHECK(errors == 2, "fetch_all: %zu errors, expected 2", errors);
	free(a);
	free(b);
	free(c);
}

/* A file: URL that is no regular file is refused at once: a FIFO
 * without a writer and a device would block libcurl's reads, which no
 * timeout bounds.  The alarm ends the test if they do. */
static void test_special_files(void)
{
	char *tmp = xstrdup("/tmp/akhbar-fetch-XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		exit(1);
	}
	char *fifo = xasprintf("%s/fifo", tmp);
	if (mkfifo(fifo, 0600) < 0) {
		perror("mkfifo");
		exit(1);
	}
	struct outcome o[] = {
	        {.name = "fifo url", .url = xasprintf("file://%s", fifo)},
	        {.name = "fifo path", .url = xstrdup(fifo)},
	        {.name = "device", .url = xstrdup("file:///dev/zero")},
	        {.name = "folder", .url = xasprintf("file://%s/", tmp)},
	};
	size_t n = sizeof(o) / sizeof(o[0]);
	struct fetcher *f = fetcher_new(&(struct fetch_options){
	        .stall_ms = 2000,
	        .on_done = record,
	});
	for (size_t i = 0; i < n; i++)
		fetcher_add(f, o[i].url, NULL, NULL, &o[i]);
	alarm(20);
	fetcher_run(f);
	alarm(0);
	fetcher_free(f);
	expect_error(&o[0], "cannot read the file (not a regular file)");
	expect_error(&o[1], "cannot read the file (not a regular file)");
	expect_error(&o[2], "cannot read the file (not a regular file)");
	expect_error(&o[3], "cannot read the file");
	for (size_t i = 0; i < n; i++)
		outcome_clear(&o[i]);
	unlink(fifo);
	rmdir(tmp);
	free(fifo);
	free(tmp);
}

/* Fetch one URL with these limits and record it in o. */
static void fetch_timed(struct outcome *o, long stall_ms, long max_time_ms)
{
	struct fetcher *f = fetcher_new(&(struct fetch_options){
	        .stall_ms = stall_ms,
	        .max_time_ms = max_time_ms,
	        .on_done = record,
	});
	fetcher_add(f, o->url, NULL, NULL, o);
	start_time = now();
	fetcher_run(f);
	fetcher_free(f);
}

/* The stall time bounds silence, not the transfer: a body trickling in
 * for three times the stall time arrives whole; the same body stopping
 * halfway fails soon after the stall time with a message that says so;
 * and the total cap, when set, ends a transfer that is still busy, with
 * its own message. */
static void test_stall_and_cap(const struct httpd *h, const char *feed,
                               size_t feed_len)
{
	/* 427 bytes, 40 at a time 400 ms apart: about 4 s, twice the stall
	 * time, which a pause (400 ms) never reaches. */
	struct outcome slow = {.name = "trickle",
	                       .url = httpd_url(h, "trickle/40/400/feed.xml")};
	fetch_timed(&slow, 2000, 0);
	expect_ok(&slow, feed, feed_len);
	CHECK(slow.at >= 3.6, "trickle: done after %.2f s, expected 4 s",
	      slow.at);
	outcome_clear(&slow);

	struct outcome capped = {
	        .name = "trickle, capped",
	        .url = httpd_url(h, "trickle/40/400/feed.xml")};
	fetch_timed(&capped, 2000, 1500);
	expect_error(&capped, "took longer than 1.5 s");
	CHECK(capped.at >= 1.4 && capped.at < 2.5,
	      "capped: reported after %.2f s", capped.at);
	outcome_clear(&capped);

	struct outcome stalled = {.name = "stall",
	                          .url = httpd_url(h, "stall/feed.xml")};
	fetch_timed(&stalled, 1000, 0);
	expect_error(&stalled, "no data for 1 s");
	CHECK(stalled.at >= 0.9 && stalled.at < 4.0,
	      "stall: reported after %.2f s", stalled.at);
	outcome_clear(&stalled);
}

int main(void)
{
	httpd_no_proxy();
	struct httpd h;
	httpd_start(&h, "tests/fetch/data");
	char *path = fixture_path("feed.xml");
	size_t feed_len;
	char *feed = read_all(path, &feed_len);
	free(path);

	test_many(&h, feed, feed_len);
	test_stall_and_cap(&h, feed, feed_len);
	test_conditional(&h, feed, feed_len);
	test_parallel_limit(&h, 8, 20);
	test_parallel_limit(&h, 3, 7);
	test_poll_extra(&h);
	test_callback_adds(&h);
	test_fetch_all_counts(&h);
	test_special_files();
	test_headers(&h);

	free(feed);
	httpd_stop(&h);
	return check_result("test_fetch");
}
