/* Stories' web pages (source/pages.c) over the test HTTP server: which
 * items get their page, a summary-only item gets its article and related
 * links in the cache, a related page becomes an item, every kind of bad
 * page leaves the summary with a message, and one request per host. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../fetch/httpd.h"
#include "model/article.h"
#include "source/pages.h"
#include "store/cache.h"
#include "util/xalloc.h"

static int failures;
static const char *test_name;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL %s: %s:%d: %s\n", test_name, __FILE__,    \
			       __LINE__, #cond);                               \
			failures++;                                            \
		}                                                              \
	} while (0)

static bool eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool contains(const char *s, const char *part)
{
	return s && strstr(s, part);
}

static struct httpd server;
static struct cache *cache;
static long long feed_id;

/* The last report. */
static struct {
	long long item;
	bool stored;
	char *error;
	size_t count;
} last;

static void on_done(void *ctx, const struct pages_report *r)
{
	(void)ctx;
	last.item = r->item;
	last.stored = r->stored;
	free(last.error);
	last.error = r->error ? xstrdup(r->error) : NULL;
	last.count++;
}

static struct pages *new_pages(long stall_ms)
{
	struct pages_options opt = {
	        .fetch = {.stall_ms = stall_ms, .max_size = 64 * 1024},
	        .on_done = on_done,
	};
	return pages_new(cache, &opt);
}

/* A summary-only item linking to path on the server; its id. */
static long long summary_item(const char *guid, const char *path)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xstrdup(guid);
	a->guid = xstrdup(guid);
	a->link = httpd_url(&server, path);
	article_add_paragraph(a, "Only a summary.", 15);
	struct cache_update *u = cache_feed_update_begin(cache, "http://feed");
	CHECK(u && cache_store_item(u, a) && cache_feed_update_commit(u, NULL));
	long long id = cache_item_by_link(cache, 0, a->link);
	article_free(a);
	size_t n;
	struct cache_feed *f = cache_feeds(cache, &n);
	feed_id = f && n ? f[0].id : 0;
	cache_feeds_free(f, n);
	return id;
}

/* Fetch the page of item (or a new item for url) and wait for it. */
static void fetch_one(long long item, const char *url, long stall_ms)
{
	struct pages *p = new_pages(stall_ms);
	pages_add(p, item, feed_id, url);
	pages_add(p, item, feed_id, url); /* once only */
	CHECK(pages_busy(p) == 1 && pages_pending(p, item, url));
	size_t before = last.count;
	pages_run(p);
	CHECK(last.count == before + 1 && pages_busy(p) == 0);
	pages_free(p);
}

static void test_choice(void)
{
	struct urls *u = urls_parse("http://a !full\nhttp://b !summary news\n"
	                            "http://c news\n",
	                            "urls");
	CHECK(pages_feed_choice(u, "http://a", PAGES_NONE) == PAGES_ALL);
	CHECK(pages_feed_choice(u, "http://b", PAGES_ALL) == PAGES_NONE);
	CHECK(pages_feed_choice(u, "http://c", PAGES_SHORT) == PAGES_SHORT);
	CHECK(pages_feed_choice(NULL, "http://a", PAGES_SHORT) == PAGES_SHORT);
	urls_free(u);

	struct article *a = article_new();
	CHECK(!pages_wanted(PAGES_ALL, a)); /* no link */
	a->link = xstrdup("file:///tmp/x.html");
	CHECK(!pages_wanted(PAGES_ALL, a));
	free(a->link);
	a->link = xstrdup("https://x.example/1");
	article_add_paragraph(a, "کوتاه", strlen("کوتاه"));
	CHECK(pages_wanted(PAGES_SHORT, a) && pages_wanted(PAGES_ALL, a));
	CHECK(!pages_wanted(PAGES_NONE, a));
	/* 799 Persian letters are a summary, 800 are not. */
	char *longer = xmalloc(2 * PAGES_SUMMARY_CHARS + 1);
	for (int i = 0; i < PAGES_SUMMARY_CHARS; i++)
		memcpy(longer + 2 * i, "ب", 2);
	longer[2 * PAGES_SUMMARY_CHARS] = '\0';
	article_add_paragraph(a, longer, 2 * (PAGES_SUMMARY_CHARS - 6));
	CHECK(pages_wanted(PAGES_SHORT, a));
	article_add_paragraph(a, "ب", 2);
	CHECK(!pages_wanted(PAGES_SHORT, a) && pages_wanted(PAGES_ALL, a));
	free(longer);
	article_free(a);
}

static void test_full_article(void)
{
	long long id = summary_item("story", "story.html");
	char *url = httpd_url(&server, "story.html");
	fetch_one(id, url, 5000);
	CHECK(last.stored && !last.error && last.item == id);
	struct article *a = cache_item_article(cache, id);
	CHECK(a && a->nbody == 4 && contains(a->body[0], "The port reopened") &&
	      eq(a->credit, "Source: Harbour Office") && a->nrelated == 2 &&
	      eq(a->related[0], "Breakwater repairs will take a month"));
	CHECK(a && eq(a->title, "story")); /* the feed's headline stays */
	article_free(a);
	struct cache_page *p = cache_item_page(cache, id);
	char *related = httpd_url(&server, "related.html");
	CHECK(p && p->fetched > 0 && !p->error && p->nlinks == 2 &&
	      eq(p->links[0], related));
	cache_page_free(p);

	/* A related headline's page: a new item of the feed. */
	fetch_one(0, related, 5000);
	CHECK(last.stored && last.item > 0 && last.item != id);
	CHECK(cache_item_by_link(cache, feed_id, related) == last.item);
	a = cache_item_article(cache, last.item);
	CHECK(a && eq(a->title, "Breakwater repairs will take a month") &&
	      a->nbody == 3 && eq(a->site, "Harbour News"));
	article_free(a);
	free(related);
	free(url);
}

/* Each bad page: the error said, recorded, and the summary kept. */
static void test_bad_pages(void)
{
	char *dead =
	        xasprintf("http://127.0.0.1:%d/story.html", httpd_dead_port());
	char *huge = httpd_url(&server, "big/100000");
	const struct {
		const char *path; /* on the server, or a URL */
		const char *error;
	} cases[] = {
	        {"missing.html", "HTTP 404"},
	        {"notes.txt", "not a web page (text/plain"},
	        {"index.html", "no article: a page of headlines"},
	        {"loop", "too many redirects"},
	        {"hang", "no data for 1 s"},
	        {huge, "too large"},
	        {dead, "connection refused"},
	        {"file:///etc/passwd", "only http and https pages"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *path = cases[i].path;
		char *url = strstr(path, "://") ? xstrdup(path)
		                                : httpd_url(&server, path);
		char guid[16];
		snprintf(guid, sizeof guid, "bad%zu", i);
		long long id = summary_item(guid, path);
		fetch_one(id, url, 1000);
		if (!contains(last.error, cases[i].error))
			printf("FAIL %s: %s: \"%s\" lacks \"%s\"\n", test_name,
			       path, last.error ? last.error : "(none)",
			       cases[i].error);
		failures += !contains(last.error, cases[i].error);
		CHECK(!last.stored);
		struct article *a = cache_item_article(cache, id);
		CHECK(a && a->nbody == 1 && eq(a->body[0], "Only a summary."));
		article_free(a);
		struct cache_page *p = cache_item_page(cache, id);
		CHECK(p && p->fetched == 0 && eq(p->error, last.error));
		cache_page_free(p);
		free(url);
	}
	/* Broken markup still reads. */
	long long id = summary_item("broken", "broken.html");
	char *url = httpd_url(&server, "broken.html");
	fetch_one(id, url, 5000);
	CHECK(last.stored);
	struct article *a = cache_item_article(cache, id);
	CHECK(a && a->nbody == 4 && contains(a->body[3], "the volunteers"));
	article_free(a);
	free(url);
	free(huge);
	free(dead);
}

static void keep_body(void *ctx, struct fetch_result *r)
{
	char **body = ctx;
	*body = r->body;
	r->body = NULL;
}

/* The body at path on the server, fetched plainly. */
static char *plain_get(const char *path)
{
	char *body = NULL;
	struct fetch_options opt = {.on_done = keep_body, .ctx = &body};
	struct fetch_request req = {.url = httpd_url(&server, path)};
	fetch_all(&opt, &req, 1);
	free((char *)req.url);
	return body;
}

/* Three slow pages of one host go one at a time. */
static void test_one_per_host(void)
{
	free(plain_get("stats/reset"));
	struct pages *p = new_pages(10000);
	for (int i = 0; i < 3; i++) {
		char path[64];
		snprintf(path, sizeof path, "slow/300/story.html?%d", i);
		char *url = httpd_url(&server, path);
		pages_add(p, 0, feed_id, url);
		free(url);
	}
	CHECK(pages_busy(p) == 3);
	size_t before = last.count;
	pages_run(p);
	CHECK(last.count == before + 3 && last.stored);
	pages_free(p);
	char *stats = plain_get("stats");
	CHECK(contains(stats, "max=1 "));
	free(stats);
}

static const struct {
	const char *name;
	void (*run)(void);
} tests[] = {
        {"choice", test_choice},
        {"full_article", test_full_article},
        {"bad_pages", test_bad_pages},
        {"one_per_host", test_one_per_host},
};

int main(void)
{
	httpd_no_proxy();
	httpd_start(&server, "tests/integ/pages");
	char *error = NULL;
	cache = cache_open_memory(&error);
	if (!cache) {
		printf("cannot open a cache: %s\n", error);
		return 1;
	}
	for (size_t i = 0; i < sizeof tests / sizeof *tests; i++) {
		test_name = tests[i].name;
		int before = failures;
		tests[i].run();
		printf("%s %s\n", failures == before ? "ok" : "FAILED",
		       test_name);
	}
	cache_close(cache);
	httpd_stop(&server);
	free(last.error);
	return failures ? 1 : 0;
}
