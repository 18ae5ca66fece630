/* Feeds as they are in the wild: bare ampersands and unknown entities,
 * encodings told by HTTP, a byte order mark, a declaration, a bare code
 * page or nothing, bytes that can't be decoded, content in the places
 * feeds put it, xml:base and HTTP's Content-Location and Content-Language.
 * Each fixture is parsed whole and pushed a byte at a time, with the same
 * result; every string an item holds is valid UTF-8. */
#include "config.h"

#include <stdlib.h>

#include <unistr.h>

#include "check.h"
#include "describe.h"
#include "model/article.h"
#include "source/feed.h"
#include "util/strbuf.h"

struct parsed {
	struct article **a;
	size_t n;
	struct feed_meta meta;
	int rc;
};

static void collect(void *ctx, const struct feed_meta *meta,
                    struct article *item)
{
	(void)meta;
	struct parsed *r = ctx;
	r->a = realloc(r->a, (r->n + 1) * sizeof *r->a);
	r->a[r->n++] = item;
}

static void parsed_free(struct parsed *r)
{
	for (size_t i = 0; i < r->n; i++)
		article_free(r->a[i]);
	free(r->a);
	feed_meta_free(&r->meta);
	*r = (struct parsed){0};
}

static char *joined(char **list, size_t n)
{
	struct strbuf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addc(&b, '|');
		strbuf_adds(&b, list[i]);
	}
	return strbuf_take(&b);
}

/* A field of the feed ("feed.title") or of an item, as a string the
 * caller frees; "text" is the body's paragraphs as the reader makes
 * them. */
static char *field(const struct parsed *r, int item, const char *name)
{
	if (item < 0) {
		const char *v = !strcmp(name, "title")      ? r->meta.title
		                : !strcmp(name, "link")     ? r->meta.link
		                : !strcmp(name, "language") ? r->meta.language
		                                            : r->meta.format;
		return v ? strdup(v) : NULL;
	}
	if ((size_t)item >= r->n)
		return strdup("(no such item)");
	const struct article *a = r->a[item];
	if (!strcmp(name, "categories"))
		return joined(a->categories, a->ncategories);
	if (!strcmp(name, "enclosure"))
		return a->nenclosures ? strdup(a->enclosures[0].url) : NULL;
	if (!strcmp(name, "text")) {
		struct article *copy = article_new();
		copy->body_source =
		        a->body_source ? strdup(a->body_source) : NULL;
		copy->body_format = a->body_format;
		copy->body_base = a->body_base ? strdup(a->body_base) : NULL;
		html_make_body(copy);
		char *s = describe_body(copy);
		article_free(copy);
		return s;
	}
	if (!strcmp(name, "time")) {
		char num[32];
		snprintf(num, sizeof num, "%lld", a->time);
		return strdup(num);
	}
	const char *v = !strcmp(name, "title")      ? a->title
	                : !strcmp(name, "link")     ? a->link
	                : !strcmp(name, "guid")     ? a->guid
	                : !strcmp(name, "author")   ? a->author
	                : !strcmp(name, "date")     ? a->date
	                : !strcmp(name, "language") ? a->language
	                : !strcmp(name, "base")     ? a->body_base
	                                            : a->body_source;
	return v ? strdup(v) : NULL;
}

/* Whether every string of every item is valid UTF-8. */
static bool all_utf8(const struct parsed *r)
{
	static const char *const names[] = {
	        "title", "link",     "guid", "author",     "date",
	        "base",  "language", "body", "categories", "enclosure",
	};
	for (size_t i = 0; i < r->n; i++)
		for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
			char *v = field(r, (int)i, names[k]);
			bool ok =
			        !v || !u8_check((const uint8_t *)v, strlen(v));
			free(v);
			if (!ok)
				return false;
		}
	const char *meta[] = {r->meta.title, r->meta.link, r->meta.language};
	for (size_t k = 0; k < 3; k++)
		if (meta[k] &&
		    u8_check((const uint8_t *)meta[k], strlen(meta[k])))
			return false;
	return true;
}

struct want {
	int item; /* -1: the feed */
	const char *field, *value;
};

struct wild_case {
	const char *file;
	const char *url, *content_type, *content_location, *content_language;
	struct want want[10];
};

#define FEED -1

/* clang-format off: one case a block reads better than packed. */
static const struct wild_case cases[] = {
	/* A bare & or an unknown entity is text, in text and in attributes;
	 * CDATA and comments are left alone. */
	{"wild-amp.xml", .want = {
		{FEED, "title", "Tom & Jerry \u00a9 &unknownthing;"},
		{FEED, "link", "http://example.com/?a=1&b=2"},
		{0, "title", "AT&T R&D &doesnotexist; AB"},
		{0, "link", "http://example.com/s?x=1&y=2&z=3&id=4"},
		{0, "body", "<p>a &amp; b & c</p>"},
		{0, "enclosure", "http://example.com/a.mp3?a=1&b=2"},
		{0, "categories", "Q&A"},
	}},
	/* The HTTP charset is all that says windows-1255 ... */
	{"wild-he-1255.xml",
	 .content_type = "application/rss+xml; charset=\"windows-1255\"",
	 .want = {
		{FEED, "title", "חדשות ישראל"},
		{0, "title", "שלג כבד"},
	}},
	/* ... and it wins over a declaration that lies. */
	{"wild-ru-koi8.xml", .content_type = "text/xml;charset = koi8-r",
	 .want = {{FEED, "title", "Новости дня"}}},
	/* A byte order mark wins over the declaration, and over the HTTP
	 * charset (RFC 7303, the Encoding Standard). */
	{"wild-bom.xml", .want = {{FEED, "title", "חדשות ישראל"}}},
	{"wild-bom.xml", .content_type = "text/xml; charset=windows-1255",
	 .want = {{FEED, "title", "חדשות ישראל"}}},
	/* iso-8859-1 is read as windows-1252. */
	{"wild-latin1.xml", .want = {
		{FEED, "title", "Caf\u00e9"},
		{0, "title", "don\u2019t \u201cquote\u201d \u2014 \u20ac5"},
	}},
	/* Bare code pages. */
	{"wild-cp866.xml", .want = {
		{FEED, "title", "Привет"},
		{0, "title", "мир"},
	}},
	{"wild-cp437.xml", .content_type = "text/xml; charset=437", .want = {
		{FEED, "title", "Caf\u00e9 \u00c7a"},
		{0, "title", "\u2591 \u00fc"},
	}},
	/* What can't be decoded is U+FFFD (one for a cut sequence), and so
	 * is NUL; the rest is kept. */
	{"wild-invalid.xml", .want = {
		{FEED, "title", "bad \uFFFD\uFFFD byte"},
		{0, "title", "cut \uFFFD here \uFFFD\uFFFD\uFFFD surrogate"},
		{1, "title", "\u00e9t\u00e9 nul\uFFFDhere"},
	}},
	{"wild-big5-invalid.xml", .want = {
		{FEED, "title", "中文 \uFFFD0 x"},
		{0, "title", "新聞"},
	}},
	/* Nothing declared and not UTF-8: the encoding the bytes read best
	 * in. */
	{"wild-sniff.xml", .want = {{FEED, "title", "na\u00efve caf\u00e9"}}},
	/* Content in other places. */
	{"wild-places.xml", .want = {
		{FEED, "title", "Places"},
		{0, "text", "a|The whole story"},
		{1, "text", "a|Full item"},
		{2, "body", "Falls back"},
		{3, "title", "Video title"},
		{3, "body", "Video description"},
		{4, "body", "Episode summary"},
		{4, "author", "Host Name"},
		{4, "categories", "Technology|Gadgets"},
	}},
	{"wild-places.xml", .want = {
		{5, "title", "DC title"},
		{5, "body", "DC description"},
		{5, "author", "DC creator"},
		{5, "time", "1709820300"},
		{6, "time", "1709820300"},
		{6, "date", "2024-03-07 09:05 -0500"},
		{7, "title", "safe title"},
		{7, "text", "a|Intro more text.\na|Then the rest"},
	}},
	/* Atom: base64 and binary types, xml:base with spaces and non-ASCII,
	 * the content's xml:lang, published over updated, an <item>,
	 * xml:lang="" for none. */
	{"wild-atom.xml", .want = {
		{FEED, "link", "http://example.com/site/"},
		{FEED, "language", "en-US"},
		{0, "title", "Example <b>Atom</b>"},
		{0, "link",
		 "http://example.com/feed/entries/a%20page.html?q=caf%C3%A9"},
		{0, "base", "http://example.com/other/"},
		{0, "text", "a|hier[1]\nl|[1] http://example.com/other/x%20y.html"},
		{0, "language", "de"},
		{0, "time", "1709820300"},
		{1, "title", "An item in Atom"},
		{1, "language", NULL},
	}},
	{"wild-atom03.xml", .want = {
		{0, "text", "a|Hello world"},
		{0, "time", "1709820300"},
	}},
	/* An Atom entry document; RSS 1.1. */
	{"wild-entry.xml", .url = "https://example.com/entry.xml", .want = {
		{FEED, "format", "Atom 1.0"},
		{0, "title", "Just an entry"},
		{0, "link", "https://example.com/one"},
		{0, "body", "Entry summary"},
	}},
	{"wild-rss11.xml", .want = {
		{FEED, "title", "RSS 1.1 feed"},
		{FEED, "format", "RSS 1.1"},
		{0, "title", "First"},
		{0, "body", "One"},
	}},
	/* Content-Location is the base, Content-Language the language. */
	{"wild-http.xml", .url = "http://example.com/feeds/a.xml",
	 .content_location = "/news/rss.xml", .content_language = "fa",
	 .want = {
		{FEED, "link", "http://example.com/news/site/"},
		{FEED, "language", "fa"},
		{0, "base", "http://example.com/news/rss.xml"},
		{0, "language", "fa"},
		{1, "language", "fr"},
	}},
};
/* clang-format on */

static void parse(const struct wild_case *c, const char *buf, size_t len,
                  size_t step, struct parsed *r)
{
	struct feed_request req = {
	        .url = c->url,
	        .content_type = c->content_type,
	        .content_location = c->content_location,
	        .content_language = c->content_language,
	        .item = collect,
	        .ctx = r,
	};
	struct feed_parser *p = feed_parser_new(&req);
	for (size_t at = 0; at < len; at += step)
		feed_parser_push(p, buf + at,
		                 len - at < step ? len - at : step);
	char *error = NULL;
	r->rc = feed_parser_finish(p, &r->meta, &error);
	CHECK(r->rc == 0, "%s: %s", c->file, error ? error : "");
	free(error);
}

static void check_case(const struct wild_case *c)
{
	char *path = srcdir_path("tests/feed/data/");
	struct strbuf name = {0};
	strbuf_adds(&name, path);
	strbuf_adds(&name, c->file);
	free(path);
	size_t len;
	char *buf = read_whole(name.s, &len);
	strbuf_free(&name);
	if (!buf) {
		CHECK(buf, "cannot read %s", c->file);
		return;
	}
	struct parsed whole = {0}, bytes = {0};
	parse(c, buf, len, len ? len : 1, &whole);
	parse(c, buf, len, 1, &bytes);
	CHECK(whole.n == bytes.n, "%s: %zu items whole, %zu a byte at a time",
	      c->file, whole.n, bytes.n);
	CHECK(all_utf8(&whole) && all_utf8(&bytes), "%s: invalid UTF-8",
	      c->file);
	for (const struct want *w = c->want; w->field; w++) {
		char *got = field(&whole, w->item, w->field);
		char *got_bytes = field(&bytes, w->item, w->field);
		char what[128];
		snprintf(what, sizeof what, "%s: %s %d %s", c->file,
		         w->item < 0 ? "feed" : "item", w->item, w->field);
		CHECK_STR(got, w->value, what);
		CHECK_STR(got_bytes, w->value, what);
		free(got);
		free(got_bytes);
	}
	parsed_free(&whole);
	parsed_free(&bytes);
	free(buf);
}

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check_case(&cases[i]);
	return check_result("test-feed-wild");
}
