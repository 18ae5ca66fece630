/* Fetching with libcurl's multi interface: a queue in front of at most
 * max_parallel running transfers, all moved on by fetcher_perform() from
 * the caller's loop.  Errors become short sentences for the feed list. */
#include "config.h"

#include "source/fetch.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "source/url.h"
#include "text/ascii.h"
#include "text/safe.h"
#include "util/clock.h"
#include "util/strbuf.h"
#include "util/die.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/thread.h"
#include "util/xalloc.h"

#define USER_AGENT PACKAGE "/" VERSION " (+terminal news reader)"

struct job {
	struct job *next, *prev; /* in the queue, or in the running list */
	struct fetcher *owner;
	char *url; /* as the caller gave it */
	char *etag, *last_modified;
	void *user;
	bool is_file; /* file:// or a plain path: no HTTP codes */
	CURL *easy;
	struct curl_slist *headers;
	struct strbuf body;
	size_t len;      /* bytes of the answer kept (or streamed) */
	size_t received; /* body bytes of every answer, counted for the cap */
	bool too_large;
	bool stalled;           /* ended for want of data (on_progress) */
	long long started_ms;   /* monotonic, when it started */
	long long last_data_ms; /* when a byte last came (or it started) */
	long code;              /* of the answer whose headers came last */
	char *reason;           /* its reason phrase, or NULL */
	char *new_etag, *new_last_modified;
	char *location; /* where the last answer redirects to */
	char *content_type, *content_location, *content_language;
	char errbuf[CURL_ERROR_SIZE];
};

struct fetcher {
	struct fetch_options opt;
	CURLM *multi;
	struct job *queue_head, *queue_tail;
	struct job *running;
	size_t n_running, n_done, n_total;
};

static unsigned curl_users; /* fetchers alive: curl_global_* bracket them */

struct fetcher *fetcher_new(const struct fetch_options *opt)
{
	if (curl_users++ == 0 &&
	    curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		die(_("cannot initialise libcurl"));
	struct fetcher *f = xcalloc(1, sizeof(*f));
	f->opt = *opt;
	if (!f->opt.max_parallel)
		f->opt.max_parallel = 8;
	if (!f->opt.connect_timeout_ms)
		f->opt.connect_timeout_ms = 10000;
	if (!f->opt.stall_ms)
		f->opt.stall_ms = 30000;
	if (!f->opt.max_time_ms)
		f->opt.max_time_ms = 600000;
	else if (f->opt.max_time_ms < 0)
		f->opt.max_time_ms = 0;
	/* A connection is silence too: it never waits longer. */
	if (f->opt.connect_timeout_ms > f->opt.stall_ms)
		f->opt.connect_timeout_ms = f->opt.stall_ms;
	if (!f->opt.max_redirects)
		f->opt.max_redirects = 5;
	else if (f->opt.max_redirects < 0)
		f->opt.max_redirects = 0;
	if (!f->opt.max_size)
		f->opt.max_size = 20 * 1024 * 1024;
	f->multi = curl_multi_init();
	if (!f->multi)
		die(_("cannot initialise libcurl"));
	return f;
}

static void job_free(struct job *j)
{
	if (j->easy)
		curl_easy_cleanup(j->easy);
	curl_slist_free_all(j->headers);
	free(j->url);
	free(j->etag);
	free(j->last_modified);
	strbuf_free(&j->body);
	free(j->reason);
	free(j->new_etag);
	free(j->new_last_modified);
	free(j->location);
	free(j->content_type);
	free(j->content_location);
	free(j->content_language);
	free(j);
}

void fetcher_free(struct fetcher *f)
{
	if (!f)
		return;
	for (struct job *j = f->running, *next; j; j = next) {
		next = j->next;
		curl_multi_remove_handle(f->multi, j->easy);
		job_free(j);
	}
	for (struct job *j = f->queue_head, *next; j; j = next) {
		next = j->next;
		job_free(j);
	}
	curl_multi_cleanup(f->multi);
	free(f);
	if (--curl_users == 0)
		curl_global_cleanup();
}

static bool is_file_url(const char *url)
{
	return strncasecmp(url, "file://", 7) == 0;
}

/* file:// URL of a path, made absolute against the working folder. */
static char *path_to_url(const char *path)
{
	char *abs = NULL;
	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);
		abs = xasprintf("%s/%s", cwd ? cwd : ".", path);
		free(cwd);
		path = abs;
	}
	char *url = xmalloc(strlen("file://") + 3 * strlen(path) + 1);
	char *o = url + sprintf(url, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("/-._~", *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = '\0';
	free(abs);
	return url;
}

/* Header values may not smuggle in other header lines. */
static bool header_safe(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

static char *trimmed(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

static bool header_is(const char *line, size_t len, const char *name,
                      size_t *value_at)
{
	size_t n = strlen(name);
	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return false;
	*value_at = n + 1;
	return true;
}

static size_t on_header(char *data, size_t size, size_t nitems, void *p)
{
	struct job *j = p;
	size_t len = size * nitems, at;
	j->last_data_ms = monotonic_ms();
	if (len > 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new answer (after a redirect, or a 100 Continue). */
		free(j->reason);
		free(j->new_etag);
		free(j->new_last_modified);
		free(j->location);
		free(j->content_type);
		free(j->content_location);
		free(j->content_language);
		j->reason = j->new_etag = j->new_last_modified = j->location =
		        NULL;
		j->content_type = j->content_location = j->content_language =
		        NULL;
		const char *sp = memchr(data, ' ', len);
		if (sp) {
			size_t rest = len - (size_t)(sp + 1 - data);
			char *status = trimmed(sp + 1, rest);
			char *end;
			j->code = strtol(status, &end, 10);
			if (*end == ' ' && end[1])
				j->reason = xstrdup(end + 1);
			free(status);
		}
	} else if (header_is(data, len, "ETag", &at)) {
		free(j->new_etag);
		j->new_etag = trimmed(data + at, len - at);
	} else if (header_is(data, len, "Last-Modified", &at)) {
		free(j->new_last_modified);
		j->new_last_modified = trimmed(data + at, len - at);
	} else if (header_is(data, len, "Location", &at)) {
		free(j->location);
		j->location = trimmed(data + at, len - at);
	} else if (header_is(data, len, "Content-Type", &at)) {
		free(j->content_type);
		j->content_type = trimmed(data + at, len - at);
	} else if (header_is(data, len, "Content-Location", &at)) {
		free(j->content_location);
		j->content_location = trimmed(data + at, len - at);
	} else if (header_is(data, len, "Content-Language", &at)) {
		free(j->content_language);
		j->content_language = trimmed(data + at, len - at);
	}
	return len;
}

static struct fetch_headers job_headers(const struct job *j)
{
	return (struct fetch_headers){
	        .content_type = j->content_type,
	        .content_location = j->content_location,
	        .content_language = j->content_language,
	};
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *p)
{
	struct job *j = p;
	size_t len = size * nmemb;
	j->last_data_ms = monotonic_ms();
	/* Every byte counts against the cap, an error page's too: a server
	 * must not keep the reader busy with an endless one. */
	if (len > j->owner->opt.max_size - j->received) {
		j->too_large = true;
		return 0; /* anything but len makes libcurl abort */
	}
	j->received += len;
	if (!j->is_file && (j->code < 200 || j->code >= 300))
		return len; /* an error page: only its status matters */
	if (j->owner->opt.on_data) {
		j->len += len;
		struct fetch_headers h = job_headers(j);
		j->owner->opt.on_data(j->owner->opt.ctx, j->user, &h, data,
		                      len);
		return len;
	}
	strbuf_add(&j->body, data, len);
	j->len += len;
	return len;
}

#define SETOPT(easy, opt, val)                                                 \
	do {                                                                   \
		if (curl_easy_setopt(easy, opt, val) != CURLE_OK)              \
			die(_("libcurl refused option %s"), #opt);             \
	} while (0)

/* Why a file: URL is not read, or NULL.  libcurl reads files with
 * blocking calls that no timeout bounds: a FIFO without a writer, or a
 * terminal (which would also take the reader's keys), would stop every
 * transfer and the interface for good.  Only a regular file is read. */
static char *file_refusal(const char *url)
{
	CURLU *u = curl_url();
	char *path = NULL, *message = NULL;
	if (!u)
		die(_("out of memory"));
	/* A URL libcurl can't read as a path is left for it to report. */
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) ==
	            CURLUE_OK) {
		int fd = readfile_open(path, false, &message);
		if (fd >= 0)
			close(fd);
	}
	curl_free(path);
	curl_url_cleanup(u);
	if (!message)
		return NULL;
	char *error = xasprintf(_("cannot read the file (%s)"), message);
	free(message);
	return error;
}

/* The stall time in whole seconds, as libcurl takes it: rounded up. */
static long stall_seconds(const struct fetcher *f)
{
	return (f->opt.stall_ms + 999) / 1000;
}

/* libcurl's own low-speed check averages over several seconds, and so
 * notices a stall long after it began; this one ends a transfer as soon
 * as no byte came for the stall time.  libcurl calls it at least once a
 * second while its low-speed check is on. */
static int on_progress(void *p, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow)
{
	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	struct job *j = p;
	if (monotonic_ms() - j->last_data_ms < j->owner->opt.stall_ms)
		return 0;
	j->stalled = true;
	return 1; /* anything but 0 makes libcurl abort */
}

/* Start j, or return why not (a new string) and leave it unstarted. */
static char *job_start(struct fetcher *f, struct job *j)
{
	char *url =
	        url_has_scheme(j->url) ? xstrdup(j->url) : path_to_url(j->url);
	j->is_file = is_file_url(url);
	char *refusal = j->is_file ? file_refusal(url) : NULL;
	if (refusal) {
		free(url);
		return refusal;
	}
	CURL *e = curl_easy_init();
	if (!e)
		die(_("cannot initialise libcurl"));
	j->easy = e;
	SETOPT(e, CURLOPT_URL, url);
	free(url);
	SETOPT(e, CURLOPT_PRIVATE, j);
	SETOPT(e, CURLOPT_NOSIGNAL, 1L);
	SETOPT(e, CURLOPT_ERRORBUFFER, j->errbuf);
	SETOPT(e, CURLOPT_USERAGENT, USER_AGENT);
#if LIBCURL_VERSION_NUM >= 0x075500
	SETOPT(e, CURLOPT_PROTOCOLS_STR, "http,https,file");
	SETOPT(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	SETOPT(e, CURLOPT_PROTOCOLS,
	       (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS | CURLPROTO_FILE));
	SETOPT(e, CURLOPT_REDIR_PROTOCOLS,
	       (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SETOPT(e, CURLOPT_FOLLOWLOCATION, 1L);
	SETOPT(e, CURLOPT_MAXREDIRS, f->opt.max_redirects);
	SETOPT(e, CURLOPT_CONNECTTIMEOUT_MS, f->opt.connect_timeout_ms);
	SETOPT(e, CURLOPT_TIMEOUT_MS, f->opt.max_time_ms);
	/* Slower than a byte a second for the whole stall time: nothing
	 * came (on_progress sees it first, and exactly). */
	SETOPT(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	SETOPT(e, CURLOPT_LOW_SPEED_TIME, stall_seconds(f));
	SETOPT(e, CURLOPT_NOPROGRESS, 0L);
	SETOPT(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	SETOPT(e, CURLOPT_XFERINFODATA, j);
	SETOPT(e, CURLOPT_ACCEPT_ENCODING, "");
	SETOPT(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->opt.max_size);
	SETOPT(e, CURLOPT_FILETIME, 1L);
	SETOPT(e, CURLOPT_HEADERFUNCTION, on_header);
	SETOPT(e, CURLOPT_HEADERDATA, j);
	SETOPT(e, CURLOPT_WRITEFUNCTION, on_body);
	SETOPT(e, CURLOPT_WRITEDATA, j);
	if (j->etag && header_safe(j->etag)) {
		char *h = xasprintf("If-None-Match: %s", j->etag);
		struct curl_slist *l = curl_slist_append(j->headers, h);
		free(h);
		if (!l)
			die(_("out of memory"));
		j->headers = l;
		SETOPT(e, CURLOPT_HTTPHEADER, j->headers);
	}
	if (j->last_modified) {
		/* libcurl writes If-Modified-Since itself, and checks a file's
		 * time the same way. */
		time_t t = curl_getdate(j->last_modified, NULL);
		if (t > 0) {
			SETOPT(e, CURLOPT_TIMECONDITION,
			       (long)CURL_TIMECOND_IFMODSINCE);
			SETOPT(e, CURLOPT_TIMEVALUE_LARGE, (curl_off_t)t);
		}
	}
	j->started_ms = j->last_data_ms = monotonic_ms();
	if (curl_multi_add_handle(f->multi, e) != CURLM_OK)
		die(_("libcurl refused a transfer"));
	j->prev = NULL;
	j->next = f->running;
	if (f->running)
		f->running->prev = j;
	f->running = j;
	f->n_running++;
	return NULL;
}

void fetcher_add(struct fetcher *f, const char *url, const char *etag,
                 const char *last_modified, void *user)
{
	struct job *j = xcalloc(1, sizeof(*j));
	j->owner = f;
	j->url = xstrdup(url);
	j->etag = etag && *etag ? xstrdup(etag) : NULL;
	j->last_modified =
	        last_modified && *last_modified ? xstrdup(last_modified) : NULL;
	j->user = user;
	if (f->queue_tail)
		f->queue_tail->next = j;
	else
		f->queue_head = j;
	f->queue_tail = j;
	f->n_total++;
}

/* Report a transfer that never started, and free it. */
static void job_refused(struct fetcher *f, struct job *j, char *error)
{
	struct fetch_result r = {
	        .user = j->user,
	        .url = j->url,
	        .status = FETCH_ERROR,
	        .effective_url = j->url,
	        .error = error,
	};
	f->n_done++;
	f->opt.on_done(f->opt.ctx, &r);
	free(error);
	job_free(j);
}

static void start_queued(struct fetcher *f)
{
	while (f->queue_head && f->n_running < f->opt.max_parallel) {
		struct job *j = f->queue_head;
		f->queue_head = j->next;
		if (!f->queue_head)
			f->queue_tail = NULL;
		char *refusal = job_start(f, j);
		if (refusal)
			job_refused(f, j, refusal);
	}
}

/* "20 MB", "512 KB" or "1000 bytes": the cap as the user set it. */
static char *size_text(size_t n)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		return xasprintf(_("%zu MB"), n / (1024 * 1024));
	if (n >= 1024 && n % 1024 == 0)
		return xasprintf(_("%zu KB"), n / 1024);
	return xasprintf(_("%zu bytes"), n);
}

static char *seconds_text(long ms)
{
	if (ms % 1000 == 0)
		return xasprintf(_("%ld s"), ms / 1000);
	return xasprintf(_("%.1f s"), (double)ms / 1000.0);
}

static const char *http_reason(long code)
{
	static const struct {
		long code;
		const char *text;
	} reasons[] = {
	        {400, "Bad Request"},
	        {401, "Unauthorized"},
	        {403, "Forbidden"},
	        {404, "Not Found"},
	        {410, "Gone"},
	        {429, "Too Many Requests"},
	        {500, "Internal Server Error"},
	        {502, "Bad Gateway"},
	        {503, "Service Unavailable"},
	        {504, "Gateway Timeout"},
	};
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == code)
			return reasons[i].text;
	return NULL;
}

/* Which limit a transfer that timed out or stalled hit: the connection,
 * the total time, or the stall time (no byte for that long). */
static char *timeout_text(const struct fetcher *f, const struct job *j)
{
	curl_off_t connect_us = 0;
	curl_easy_getinfo(j->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
	long long elapsed = monotonic_ms() - j->started_ms;
	char *t, *s;
	if (!j->is_file && connect_us == 0 &&
	    (!f->opt.max_time_ms ||
	     f->opt.connect_timeout_ms < f->opt.max_time_ms)) {
		t = seconds_text(f->opt.connect_timeout_ms);
		s = xasprintf(_("no connection after %s"), t);
	} else if (!j->stalled && f->opt.max_time_ms &&
	           (elapsed >= f->opt.max_time_ms ||
	            f->opt.max_time_ms < stall_seconds(f) * 1000)) {
		/* a total time shorter than the stall time ends a transfer
		 * before libcurl's low-speed check can, whatever our clock
		 * says (libcurl's runs a moment ahead of it) */
		t = seconds_text(f->opt.max_time_ms);
		s = xasprintf(_("took longer than %s"), t);
	} else {
		t = seconds_text(j->stalled ? f->opt.stall_ms
		                            : stall_seconds(f) * 1000);
		s = xasprintf(_("no data for %s"), t);
	}
	free(t);
	return s;
}

static char *error_text(struct fetcher *f, struct job *j, CURLcode rc)
{
	long os_errno = 0;
	char *s, *t;
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(j->easy, CURLINFO_OS_ERRNO, &os_errno);
		if (os_errno == ECONNREFUSED)
			return xstrdup(_("connection refused"));
		if (os_errno)
			return xasprintf(_("cannot connect: %s"),
			                 strerror((int)os_errno));
		return xstrdup(_("cannot connect"));
	case CURLE_COULDNT_RESOLVE_HOST:
		return xstrdup(_("host not found"));
	case CURLE_OPERATION_TIMEDOUT:
		return timeout_text(f, j);
	case CURLE_ABORTED_BY_CALLBACK:
		if (j->stalled)
			return timeout_text(f, j);
		break;
	case CURLE_FILESIZE_EXCEEDED:
	too_large:
		t = size_text(f->opt.max_size);
		s = xasprintf(_("too large (over %s)"), t);
		free(t);
		return s;
	case CURLE_WRITE_ERROR:
		if (j->too_large)
			goto too_large;
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		return xasprintf(_("too many redirects (more than %ld)"),
		                 f->opt.max_redirects);
	case CURLE_UNSUPPORTED_PROTOCOL:
		if (j->code >= 300 && j->code < 400 && j->location) {
			t = text_safe(j->location, TEXT_SAFE_MESSAGE_MAX);
			s = xasprintf(_("redirect to %s refused (only http "
			                "and https)"),
			              t);
			free(t);
			return s;
		}
		return xstrdup(
		        _("unsupported protocol (only http, https and file)"));
	case CURLE_FILE_COULDNT_READ_FILE:
		return xasprintf(_("cannot read the file (%s)"),
		                 j->errbuf[0] ? j->errbuf
		                              : curl_easy_strerror(rc));
	default:
		break;
	}
	return xstrdup(j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc));
}

static char *http_date(time_t t)
{
	struct tm tm;
	char buf[64];
	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm))
		return NULL;
	return xstrdup(buf);
}

static void job_finish(struct fetcher *f, struct job *j, CURLcode rc)
{
	struct fetch_result r = {
	        .user = j->user,
	        .url = j->url,
	        .status = FETCH_ERROR,
	};
	char *error = NULL, *effective = NULL;
	long code = 0, unmet = 0;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(j->easy, CURLINFO_CONDITION_UNMET, &unmet);
	curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &effective);
	r.http_code = j->is_file ? 0 : code;
	r.effective_url = effective ? effective : j->url;
	if (j->is_file && !j->new_last_modified) {
		curl_off_t t = -1;
		curl_easy_getinfo(j->easy, CURLINFO_FILETIME_T, &t);
		if (t >= 0)
			j->new_last_modified = http_date((time_t)t);
	}
	r.etag = j->new_etag;
	r.last_modified = j->new_last_modified;
	r.headers = job_headers(j);
	if (rc != CURLE_OK) {
		error = error_text(f, j, rc);
	} else if (code == 304 || unmet) {
		r.status = FETCH_NOT_MODIFIED;
		/* A 304 may leave these out: the caller's values still hold. */
		if (!r.etag)
			r.etag = j->etag;
		if (!r.last_modified)
			r.last_modified = j->last_modified;
	} else if (!j->is_file && (code < 200 || code >= 300)) {
		/* The server's own reason phrase is outside text. */
		char *reason =
		        j->reason ? text_safe(j->reason, TEXT_SAFE_NAME_MAX)
		                  : NULL;
		const char *shown = reason ? reason : http_reason(code);
		error = shown ? xasprintf(_("HTTP %ld %s"), code, shown)
		              : xasprintf(_("HTTP %ld"), code);
		free(reason);
	} else {
		r.status = FETCH_OK;
		if (!f->opt.on_data)
			r.body = strbuf_take(&j->body);
		r.body_len = j->len;
	}
	r.error = error;
	f->n_done++;
	f->opt.on_done(f->opt.ctx, &r);
	free(r.body);
	free(error);
}

static size_t drain(struct fetcher *f)
{
	size_t finished = 0;
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(f->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		CURL *e = m->easy_handle;
		CURLcode rc = m->data.result;
		struct job *j = NULL;
		curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&j);
		curl_multi_remove_handle(f->multi, e);
		if (j->prev)
			j->prev->next = j->next;
		else
			f->running = j->next;
		if (j->next)
			j->next->prev = j->prev;
		f->n_running--;
		job_finish(f, j, rc);
		job_free(j);
		finished++;
	}
	return finished;
}

size_t fetcher_perform(struct fetcher *f)
{
	for (;;) {
		start_queued(f);
		int still;
		/* libcurl starts its resolver threads in here: they must
		 * leave the signals to this thread. */
		sigset_t saved;
		thread_signals_block(&saved);
		curl_multi_perform(f->multi, &still);
		thread_signals_restore(&saved);
		if (!drain(f))
			break;
	}
	return f->n_total - f->n_done;
}

static short to_curl_events(short ev)
{
	return (short)(((ev & POLLIN) ? CURL_WAIT_POLLIN : 0) |
	               ((ev & POLLPRI) ? CURL_WAIT_POLLPRI : 0) |
	               ((ev & POLLOUT) ? CURL_WAIT_POLLOUT : 0));
}

static short from_curl_events(short ev)
{
	return (short)(((ev & CURL_WAIT_POLLIN) ? POLLIN : 0) |
	               ((ev & CURL_WAIT_POLLPRI) ? POLLPRI : 0) |
	               ((ev & CURL_WAIT_POLLOUT) ? POLLOUT : 0));
}

/* curl_multi_wait() polls libcurl's sockets and ours together, with no
 * limit on descriptor numbers (unlike select()), and waits no longer than
 * libcurl's own timers allow. */
int fetcher_poll(struct fetcher *f, struct pollfd *extra, unsigned n_extra,
                 int timeout_ms)
{
	if (timeout_ms < 0)
		timeout_ms = INT_MAX;
	/* Work that has no socket to wait on yet (a queued start) is
	 * checked again soon. */
	if (f->queue_head && f->n_running < f->opt.max_parallel &&
	    timeout_ms > 50)
		timeout_ms = 50;
	struct curl_waitfd *w = xcalloc(n_extra ? n_extra : 1, sizeof(*w));
	for (unsigned i = 0; i < n_extra; i++) {
		w[i].fd = extra[i].fd;
		w[i].events = to_curl_events(extra[i].events);
	}
	int numfds = 0;
	CURLMcode rc =
	        curl_multi_wait(f->multi, w, n_extra, timeout_ms, &numfds);
	int extra_ready = 0;
	for (unsigned i = 0; i < n_extra; i++) {
		extra[i].revents =
		        rc == CURLM_OK ? from_curl_events(w[i].revents) : 0;
		if (extra[i].revents)
			extra_ready++;
	}
	free(w);
	return extra_ready;
}

size_t fetcher_running(const struct fetcher *f)
{
	return f->n_running;
}

void fetcher_progress(const struct fetcher *f, size_t *done, size_t *total)
{
	*done = f->n_done;
	*total = f->n_total;
}

void fetcher_run(struct fetcher *f)
{
	while (fetcher_perform(f))
		fetcher_poll(f, NULL, 0, -1);
}

struct counting {
	const struct fetch_options *opt;
	size_t errors;
};

static void count_errors(void *ctx, struct fetch_result *r)
{
	struct counting *c = ctx;
	if (r->status == FETCH_ERROR)
		c->errors++;
	c->opt->on_done(c->opt->ctx, r);
}

size_t fetch_all(const struct fetch_options *opt,
                 const struct fetch_request *req, size_t n)
{
	struct counting c = {.opt = opt};
	struct fetch_options o = *opt;
	o.on_done = count_errors;
	o.ctx = &c;
	struct fetcher *f = fetcher_new(&o);
	for (size_t i = 0; i < n; i++)
		fetcher_add(f, req[i].url, req[i].etag, req[i].last_modified,
		            req[i].user);
	fetcher_run(f);
	fetcher_free(f);
	return c.errors;
}

char *fetch_type_charset(const char *type)
{
	for (const char *s = type ? strchr(type, ';') : NULL; s;
	     s = strchr(s, ';')) {
		s++;
		while (ascii_is_space(*s))
			s++;
		if (strncasecmp(s, "charset", 7) != 0)
			continue;
		s += 7;
		while (ascii_is_space(*s))
			s++;
		if (*s != '=')
			continue;
		s++;
		while (ascii_is_space(*s))
			s++;
		char quote = *s == '"' || *s == '\'' ? *s++ : 0;
		size_t n = quote ? strcspn(s, quote == '"' ? "\"" : "'")
		                 : strcspn(s, "; \t");
		return n ? xstrndup(s, n) : NULL;
	}
	return NULL;
}
