#include "config.h"

#include "source/pages.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source/extract.h"
#include "source/html.h"
#include "text/safe.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Pages fetched at once unless the options say otherwise: few, as each
 * is a visit to a news site, not a feed. */
#define PAGES_PARALLEL 4

/* A page queued or under way. */
struct page_job {
	struct page_job *next;
	long long item, feed_id;
	char *url;
	char *host; /* one request at a time goes to it */
	bool running;
	bool refused; /* not a web address: reported, never fetched */
};

struct pages {
	struct cache *cache;
	struct fetcher *fetcher;
	unsigned max_parallel;
	pages_done_fn *on_done;
	void *ctx;
	struct page_job *jobs; /* in the order queued */
	size_t njobs, nrunning;
};

enum pages_choice pages_feed_choice(const struct urls *u, const char *url,
                                    enum pages_choice dflt)
{
	const struct urls_entry *e = u && url ? urls_find(u, url) : NULL;
	for (size_t i = 0; e && i < e->n_tags; i++) {
		if (!strcmp(e->tags[i], PAGES_TAG_FULL))
			return PAGES_ALL;
		if (!strcmp(e->tags[i], PAGES_TAG_SUMMARY))
			return PAGES_NONE;
	}
	return dflt;
}

static bool is_web_link(const char *link)
{
	return link && (!strncasecmp(link, "http://", 7) ||
	                !strncasecmp(link, "https://", 8));
}

/* The characters of a's body, counted up to limit. */
static size_t body_chars(const struct article *a, size_t limit)
{
	size_t n = 0;
	for (size_t i = 0; i < a->nbody && n < limit; i++)
		for (const unsigned char *s = (const unsigned char *)a->body[i];
		     *s; s++)
			n += (*s & 0xc0) != 0x80;
	return n;
}

bool pages_wanted(enum pages_choice choice, const struct article *a)
{
	if (choice == PAGES_NONE || !is_web_link(a->link))
		return false;
	return choice == PAGES_ALL ||
	       body_chars(a, PAGES_SUMMARY_CHARS) < PAGES_SUMMARY_CHARS;
}

/* The host of url, "" when it has none (a file). */
static char *url_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *copy;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		copy = xstrdup(host);
	else
		copy = xstrdup("");
	curl_free(host);
	curl_url_cleanup(u);
	return copy;
}

static void on_fetched(void *ctx, struct fetch_result *r);
static size_t start_free_hosts(struct pages *p);

struct pages *pages_new(struct cache *cache, const struct pages_options *opt)
{
	struct pages *p = xcalloc(1, sizeof *p);
	p->cache = cache;
	p->on_done = opt->on_done;
	p->ctx = opt->ctx;
	struct fetch_options fetch = opt->fetch;
	if (!fetch.max_parallel)
		fetch.max_parallel = PAGES_PARALLEL;
	p->max_parallel = fetch.max_parallel;
	fetch.on_done = on_fetched;
	fetch.on_data = NULL;
	fetch.ctx = p;
	p->fetcher = fetcher_new(&fetch);
	return p;
}

static void job_free(struct page_job *j)
{
	free(j->url);
	free(j->host);
	free(j);
}

void pages_free(struct pages *p)
{
	if (!p)
		return;
	fetcher_free(p->fetcher);
	for (struct page_job *j = p->jobs, *next; j; j = next) {
		next = j->next;
		job_free(j);
	}
	free(p);
}

static struct page_job *find_job(const struct pages *p, long long item,
                                 const char *url)
{
	for (struct page_job *j = p->jobs; j; j = j->next)
		if (item ? j->item == item : !j->item && !strcmp(j->url, url))
			return j;
	return NULL;
}

void pages_add(struct pages *p, long long item, long long feed_id,
               const char *url)
{
	if (find_job(p, item, url))
		return;
	struct page_job *j = xcalloc(1, sizeof *j);
	j->item = item;
	j->feed_id = feed_id;
	j->url = xstrdup(url);
	j->host = url_host(url);
	j->refused = !is_web_link(url);
	struct page_job **end = &p->jobs;
	while (*end)
		end = &(*end)->next;
	*end = j;
	p->njobs++;
	/* queued in the fetcher at once: its poll starts it soon */
	start_free_hosts(p);
}

long pages_add_new(struct pages *p, const struct urls *u, long long since,
                   enum pages_choice dflt)
{
	size_t n;
	long long *ids = cache_items_without_page(p->cache, since, &n);
	if (!ids)
		return -1;
	long queued = 0;
	for (size_t i = 0; i < n; i++) {
		struct article *a = cache_item_article(p->cache, ids[i]);
		if (!a)
			continue;
		html_make_body(a);
		if (pages_wanted(pages_feed_choice(u, a->origin, dflt), a)) {
			pages_add(p, ids[i], 0, a->link);
			queued++;
		}
		article_free(a);
	}
	free(ids);
	return queued;
}

bool pages_pending(const struct pages *p, long long item, const char *url)
{
	return p && find_job(p, item, url);
}

size_t pages_busy(const struct pages *p)
{
	return p ? p->njobs : 0;
}

static bool host_busy(const struct pages *p, const char *host)
{
	for (const struct page_job *j = p->jobs; j; j = j->next)
		if (j->running && !strcmp(j->host, host))
			return true;
	return false;
}

/* Hand the fetcher the queued pages whose host is free, in order, up to
 * the bound; returns how many. */
static size_t start_free_hosts(struct pages *p)
{
	size_t started = 0;
	for (struct page_job *j = p->jobs; j && p->nrunning < p->max_parallel;
	     j = j->next) {
		if (j->running || j->refused || host_busy(p, j->host))
			continue;
		j->running = true;
		p->nrunning++;
		fetcher_add(p->fetcher, j->url, NULL, NULL, j);
		started++;
	}
	return started;
}

/* Whether the answer's media type is a web page's. */
static bool html_type(const char *type)
{
	size_t len = strcspn(type, "; \t");
	return (len == 9 && !strncasecmp(type, "text/html", len)) ||
	       (len == 21 && !strncasecmp(type, "application/xhtml+xml", len));
}

/* Whether a body may be a web page: no binary bytes and some markup at
 * its start. */
static bool looks_like_html(const char *body, size_t len)
{
	size_t head = len < 4096 ? len : 4096;
	return head && !memchr(body, '\0', head) && memchr(body, '<', head);
}

/* The article of the page r brought, in *x; or why there is none (a new
 * string). */
static char *page_article(const struct fetch_result *r, struct extraction **x)
{
	*x = NULL;
	if (r->status != FETCH_OK)
		return xstrdup(r->error ? r->error : _("no answer"));
	if (r->headers.content_type && !html_type(r->headers.content_type)) {
		char *type =
		        text_safe(r->headers.content_type, TEXT_SAFE_NAME_MAX);
		char *why = xasprintf(_("not a web page (%s)"), type);
		free(type);
		return why;
	}
	if (!looks_like_html(r->body, r->body_len))
		return xstrdup(_("not a web page"));
	char *charset = fetch_type_charset(r->headers.content_type);
	struct extract_options opt = {.url = r->effective_url,
	                              .charset = charset};
	*x = extract_page(r->body, r->body_len, &opt);
	free(charset);
	if ((*x)->article)
		return NULL;
	return xstrdup(extract_failure_text((*x)->why));
}

/* Store the page's article with its item (a new one for a related
 * headline's page); why not (a new string) on failure. */
static char *store(struct pages *p, struct page_job *j,
                   const struct extraction *x)
{
	bool ok;
	if (j->item) {
		ok = cache_item_set_page(p->cache, j->item, x->article,
		                         x->links);
	} else {
		j->item = cache_item_add_page(p->cache, j->feed_id, j->url,
		                              x->article, x->links);
		ok = j->item > 0;
	}
	return ok ? NULL : xstrdup(cache_error(p->cache));
}

static void unlink_job(struct pages *p, struct page_job *j)
{
	for (struct page_job **at = &p->jobs; *at; at = &(*at)->next)
		if (*at == j) {
			*at = j->next;
			break;
		}
	p->njobs--;
	if (j->running)
		p->nrunning--;
}

static void on_fetched(void *ctx, struct fetch_result *r)
{
	struct pages *p = ctx;
	struct page_job *j = r->user;
	struct extraction *x;
	char *error = page_article(r, &x);
	if (!error) /* x is the article's then */
		error = x ? store(p, j, x)
		          : xstrdup(extract_failure_text(EXTRACT_TOO_LITTLE));
	else if (j->item)
		cache_item_set_page_error(p->cache, j->item, error);
	extraction_free(x);
	unlink_job(p, j);
	if (p->on_done) {
		struct pages_report report = {
		        .item = j->item > 0 ? j->item : 0,
		        .url = j->url,
		        .stored = !error,
		        .error = error,
		};
		p->on_done(p->ctx, &report);
	}
	free(error);
	job_free(j);
}

int pages_poll(struct pages *p, struct pollfd *extra, unsigned n_extra,
               int timeout_ms)
{
	return fetcher_poll(p->fetcher, extra, n_extra, timeout_ms);
}

/* Report the pages refused, as the fetcher reports a failure. */
static void report_refused(struct pages *p)
{
	for (;;) {
		struct page_job *j = p->jobs;
		while (j && !j->refused)
			j = j->next;
		if (!j)
			return;
		struct fetch_result r = {
		        .user = j,
		        .url = j->url,
		        .status = FETCH_ERROR,
		        .error = _("only http and https pages are fetched"),
		};
		on_fetched(p, &r);
	}
}

size_t pages_perform(struct pages *p)
{
	report_refused(p);
	/* A page finished frees its host for the next one. */
	do
		fetcher_perform(p->fetcher);
	while (start_free_hosts(p));
	return p->njobs;
}

void pages_run(struct pages *p)
{
	while (pages_perform(p))
		pages_poll(p, NULL, 0, -1);
}
