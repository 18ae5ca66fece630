/* The callback gets every item exactly once, in document order, on the
 * caller's thread, never after feed_parser_finish() has returned, and with
 * the feed's description as it was when the item ended.  A feed of 10,000
 * items, pushed whole and in pieces of 1, 7 and 4096 bytes, gives the same
 * articles as feed_parse_memory(); each keeps its body as the feed wrote
 * it, which makes the paragraphs converting the item's HTML on its own
 * gives; a failure in the middle hands out the items before it. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "check.h"
#include "describe.h"
#include "model/article.h"
#include "source/feed.h"
#include "source/html.h"
#include "util/strbuf.h"

#define ITEMS 10000
/* The channel's title comes after this many items. */
#define LATE_TITLE 100

struct items {
	struct article **a;
	size_t n;
	pthread_t thread; /* the caller's */
	bool finished;    /* feed_parser_finish() has returned */
	size_t wrong_thread, after_finish, wrong_nitems, wrong_site;
};

static void collect(void *ctx, const struct feed_meta *meta,
                    struct article *item)
{
	struct items *it = ctx;
	if (!pthread_equal(pthread_self(), it->thread))
		it->wrong_thread++;
	if (it->finished)
		it->after_finish++;
	it->a = realloc(it->a, (it->n + 1) * sizeof *it->a);
	it->a[it->n++] = item;
	if (meta->nitems != it->n)
		it->wrong_nitems++;
	/* The title the document had given when the item ended. */
	const char *want = it->n > LATE_TITLE ? "Order" : NULL;
	if ((want == NULL) != (meta->title == NULL) ||
	    (item->site == NULL) != (meta->title == NULL))
		it->wrong_site++;
}

static void items_free(struct items *it)
{
	for (size_t i = 0; i < it->n; i++)
		article_free(it->a[i]);
	free(it->a);
	*it = (struct items){0};
}

/* Item i's HTML: its length, lists and links vary. */
static char *item_html(int i)
{
	struct strbuf b = {0};
	char s[160];
	for (int p = 0; p <= i % 5; p++) {
		snprintf(s, sizeof s,
		         "<p dir=\"rtl\">خبر %d بند %d <b>مهم</b> "
		         "<a href=\"/n/%d/%d\">پیوند</a></p>",
		         i, p, i, p);
		strbuf_adds(&b, s);
	}
	if (i % 7 == 0)
		strbuf_adds(&b, "<ul><li>یک</li><li>two</li></ul>");
	return strbuf_take(&b);
}

/* An RSS feed of ITEMS items, the channel's title after LATE_TITLE of
 * them.  Items with i % 11 == 5 have no body, i % 11 == 7 plain text,
 * i % 3 == 0 their HTML in content:encoded, the others in a description.
 * With fail_at >= 0, that item's title expands an entity past libxml2's
 * limits. */
static char *make_feed(int fail_at, size_t *len)
{
	struct strbuf b = {0};
	strbuf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (fail_at >= 0) {
		strbuf_adds(&b, "<!DOCTYPE rss [\n<!ENTITY l0 \"lol\">\n");
		for (int k = 1; k <= 9; k++) {
			char s[128];
			snprintf(s, sizeof s,
			         "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;"
			         "&l%d;&l%d;&l%d;&l%d;\">\n",
			         k, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1,
			         k - 1, k - 1, k - 1, k - 1);
			strbuf_adds(&b, s);
		}
		strbuf_adds(&b, "]>\n");
	}
	strbuf_adds(&b, "<rss version=\"2.0\" "
	                "xmlns:content=\"http://purl.org/rss/1.0/modules/"
	                "content/\"><channel>"
	                "<link>https://order.example/</link>"
	                "<language>fa</language>\n");
	for (int i = 0; i < ITEMS; i++) {
		char s[256];
		if (i == LATE_TITLE)
			strbuf_adds(&b, "<title>Order</title>\n");
		if (i == fail_at)
			snprintf(s, sizeof s, "<item><title>&l9;</title>");
		else
			snprintf(s, sizeof s,
			         "<item><title>item %d</title>"
			         "<link>https://order.example/%d</link>"
			         "<guid>g%d</guid><category>c%d</category>",
			         i, i, i, i % 4);
		strbuf_adds(&b, s);
		if (i % 11 == 7) {
			snprintf(
			        s, sizeof s,
			        "<description>plain %d\n\nsecond</description>",
			        i);
			strbuf_adds(&b, s);
		} else if (i % 11 != 5) {
			char *html = item_html(i);
			strbuf_adds(&b, i % 3 == 0
			                        ? "<content:encoded><![CDATA["
			                        : "<description><![CDATA[");
			strbuf_adds(&b, html);
			strbuf_adds(&b, i % 3 == 0 ? "]]></content:encoded>"
			                           : "]]></description>");
			free(html);
		}
		strbuf_adds(&b, "</item>\n");
	}
	strbuf_adds(&b, "</channel></rss>\n");
	*len = b.len;
	return strbuf_take(&b);
}

/* Parse buf pushed in pieces of step bytes (0: feed_parse_memory). */
static int parse(const char *buf, size_t len, size_t step, struct items *out,
                 struct feed_meta *meta, char **error)
{
	out->thread = pthread_self();
	struct feed_request req = {.url = "https://order.example/feed",
	                           .item = collect,
	                           .ctx = out};
	int rc;
	if (step == 0) {
		rc = feed_parse_memory(buf, len, &req, meta, error);
	} else {
		struct feed_parser *p = feed_parser_new(&req);
		for (size_t off = 0; off < len; off += step) {
			size_t n = len - off < step ? len - off : step;
			if (feed_parser_push(p, buf + off, n) < 0)
				break;
		}
		rc = feed_parser_finish(p, meta, error);
	}
	out->finished = true;
	return rc;
}

static void check_callbacks(const char *what, const struct items *got)
{
	CHECK(got->wrong_thread == 0, "%s: %zu items on another thread", what,
	      got->wrong_thread);
	CHECK(got->after_finish == 0, "%s: %zu items after finish", what,
	      got->after_finish);
	CHECK(got->wrong_nitems == 0, "%s: meta.nitems wrong %zu times", what,
	      got->wrong_nitems);
	CHECK(got->wrong_site == 0, "%s: meta.title wrong %zu times", what,
	      got->wrong_site);
}

/* Each item of a full parse is the one the feed wrote at its place, its
 * body, once made, as converting its HTML alone gives it. */
static void check_reference(struct items *got)
{
	size_t bad = 0;
	for (size_t i = 0; i < got->n; i++) {
		struct article *a = got->a[i];
		char title[32], guid[32];
		snprintf(title, sizeof title, "item %zu", i);
		snprintf(guid, sizeof guid, "g%zu", i);
		struct article *want = article_new();
		if (i % 11 == 7) {
			char s[64];
			snprintf(s, sizeof s, "plain %zu\n\nsecond", i);
			html_text_to_article(want, s, strlen(s));
		} else if (i % 11 != 5) {
			char *html = item_html((int)i);
			char link[64];
			snprintf(link, sizeof link, "https://order.example/%zu",
			         i);
			html_to_article(want, html, strlen(html), link);
			free(html);
		}
		bool summary = make_body_checked(a, title);
		char *wb = describe_body(want), *gb = describe_body(a);
		bool same = summary && a->title &&
		            strcmp(a->title, title) == 0 && a->guid &&
		            strcmp(a->guid, guid) == 0 && strcmp(wb, gb) == 0 &&
		            (a->nbody > 0) == (i % 11 != 5);
		if (!same && bad++ < 3)
			printf("item %zu: title %s guid %s\nbody:\n%swant:\n%s",
			       i, a->title ? a->title : "(null)",
			       a->guid ? a->guid : "(null)", gb, wb);
		free(wb);
		free(gb);
		article_free(want);
	}
	CHECK(bad == 0, "%zu items differ from their place in the feed", bad);
}

static bool same_items(const char *what, const struct items *a,
                       const struct items *b, size_t n)
{
	size_t bad = 0;
	for (size_t i = 0; i < n && i < a->n && i < b->n; i++) {
		char *x = describe_article(a->a[i]),
		     *y = describe_article(b->a[i]);
		if (strcmp(x, y) != 0 && bad++ < 3)
			printf("%s: item %zu differs:\n%s---\n%s", what, i, x,
			       y);
		free(x);
		free(y);
	}
	CHECK(bad == 0, "%s: %zu items differ", what, bad);
	return bad == 0;
}

static void check_whole(void)
{
	size_t len;
	char *buf = make_feed(-1, &len);
	struct items ref = {0};
	struct feed_meta meta;
	char *error = NULL;
	int rc = parse(buf, len, 0, &ref, &meta, &error);
	CHECK(rc == 0 && !error, "memory: rc %d, error %s", rc,
	      error ? error : "(none)");
	CHECK(ref.n == ITEMS && meta.nitems == ITEMS,
	      "memory: %zu items (meta %zu), want %d", ref.n, meta.nitems,
	      ITEMS);
	CHECK_STR(meta.title, "Order", "feed title");
	check_callbacks("memory", &ref);
	free(error);
	feed_meta_free(&meta);

	const size_t steps[] = {1, 7, 4096};
	for (size_t s = 0; s < sizeof steps / sizeof *steps; s++) {
		char what[32];
		snprintf(what, sizeof what, "pieces of %zu", steps[s]);
		struct items got = {0};
		error = NULL;
		rc = parse(buf, len, steps[s], &got, &meta, &error);
		CHECK(rc == 0 && !error, "%s: rc %d, error %s", what, rc,
		      error ? error : "(none)");
		CHECK(got.n == ref.n && meta.nitems == ref.n,
		      "%s: %zu items (meta %zu), want %zu", what, got.n,
		      meta.nitems, ref.n);
		check_callbacks(what, &got);
		same_items(what, &ref, &got, ref.n);
		free(error);
		feed_meta_free(&meta);
		items_free(&got);
	}
	/* Last: it makes the bodies the comparisons above left as they
	 * came. */
	check_reference(&ref);
	items_free(&ref);
	free(buf);
}

/* An entity over libxml2's limits in item fail_at: the items before it
 * are handed out, in order, and the parse fails naming the entity. */
static void check_failure(int fail_at)
{
	size_t len, good_len;
	char *good = make_feed(-1, &good_len);
	char *buf = make_feed(fail_at, &len);
	struct items ref = {0};
	parse(good, good_len, 0, &ref, NULL, NULL);
	const size_t steps[] = {0, 7, 4096};
	for (size_t s = 0; s < sizeof steps / sizeof *steps; s++) {
		char what[64];
		snprintf(what, sizeof what, "failure at %d, pieces of %zu",
		         fail_at, steps[s]);
		struct items got = {0};
		struct feed_meta meta;
		char *error = NULL;
		int rc = parse(buf, len, steps[s], &got, &meta, &error);
		CHECK(rc == -1 && error && strstr(error, "entity"),
		      "%s: rc %d, error %s", what, rc,
		      error ? error : "(none)");
		CHECK(got.n == (size_t)fail_at && meta.nitems == got.n,
		      "%s: %zu items (meta %zu), want %d", what, got.n,
		      meta.nitems, fail_at);
		check_callbacks(what, &got);
		same_items(what, &ref, &got, got.n);
		free(error);
		feed_meta_free(&meta);
		items_free(&got);
	}
	items_free(&ref);
	free(buf);
	free(good);
}

/* Stopped early (as an update abandoned on exit): the items already ended
 * are still handed out, once, before finish returns. */
static void check_early_finish(void)
{
	size_t len;
	char *buf = make_feed(-1, &len);
	struct items got = {0};
	got.thread = pthread_self();
	struct feed_request req = {.item = collect, .ctx = &got};
	struct feed_parser *p = feed_parser_new(&req);
	/* About half the feed. */
	CHECK(feed_parser_push(p, buf, len / 2) == 0, "half pushed");
	struct feed_meta meta;
	feed_parser_finish(p, &meta, NULL);
	got.finished = true;
	CHECK(got.n > ITEMS / 3 && got.n < ITEMS && meta.nitems == got.n,
	      "early finish: %zu items (meta %zu)", got.n, meta.nitems);
	check_callbacks("early finish", &got);
	/* The last one may be cut short. */
	for (size_t i = 0; i + 1 < got.n; i++) {
		char title[32];
		snprintf(title, sizeof title, "item %zu", i);
		if (!got.a[i]->title || strcmp(got.a[i]->title, title) != 0) {
			CHECK(0, "early finish: item %zu is %s", i,
			      got.a[i]->title ? got.a[i]->title : "(null)");
			break;
		}
	}
	feed_meta_free(&meta);
	items_free(&got);
	free(buf);
}

int main(void)
{
	check_whole();
	check_failure(10);
	check_failure(5000);
	check_early_finish();
	return check_result("test-feed-order");
}
