/* The article extractor's parts: encoding labels, the <meta> prescan and
 * the guess of an undeclared page's encoding, decoding into valid UTF-8,
 * the JSON-LD reader, and extract_page() on the news pages of
 * tests/extract/pages (the related links, resolved, and the metadata the
 * article file does not show) and on small pages made here. */
#include "config.h"

#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "check.h"
#include "source/extract.h"
#include "source/extract_charset.h"
#include "source/extract_json.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- Encodings ------------------------------------------------------------
 */

static void test_labels(void)
{
	static const struct {
		const char *label, *name;
	} cases[] = {
	        {"latin1", "WINDOWS-1252"},
	        {"ISO-8859-1", "WINDOWS-1252"},
	        {"us-ascii", "WINDOWS-1252"},
	        {" UTF8 ", "UTF-8"},
	        {"cp1256", "WINDOWS-1256"},
	        {"windows-1255", "WINDOWS-1255"},
	        {"iso-8859-8-i", "ISO-8859-8"},
	        {"arabic", "ISO-8859-6"},
	        {"no-such-encoding", NULL},
	        {"utf-8\"><script>", NULL},
	        {"", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_STR(extract_charset_label(cases[i].label,
		                                strlen(cases[i].label)),
		          cases[i].name, cases[i].label);
	/* A label the table does not list is kept when iconv knows it. */
	const char *koi = extract_charset_label("KOI8-R", 6);
	CHECK(koi && !strcasecmp(koi, "KOI8-R"), "KOI8-R: %s", koi);
}

static const char *charset_of(const char *page, const char *http, size_t *bom)
{
	return extract_charset(page, strlen(page), http, bom);
}

static void test_declared(void)
{
	size_t bom = 9;
	const char *meta = "<html><head><meta charset=\"windows-1256\">";
	CHECK_STR(charset_of(meta, NULL, &bom), "WINDOWS-1256", "meta charset");
	CHECK(bom == 0, "no BOM: %zu", bom);
	CHECK_STR(charset_of(meta, "ISO-8859-8", &bom), "ISO-8859-8",
	          "the HTTP charset wins over <meta>");
	CHECK_STR(charset_of(meta, "bogus", &bom), "WINDOWS-1256",
	          "an unknown HTTP charset is passed over");
	CHECK_STR(charset_of("\xEF\xBB\xBF<meta charset=windows-1256>",
	                     "windows-1255", &bom),
	          "UTF-8", "the BOM wins over everything");
	CHECK(bom == 3, "UTF-8 BOM: %zu", bom);
	CHECK_STR(charset_of("<META HTTP-EQUIV=Content-Type CONTENT='text/html;"
	                     " charset=windows-1255'>",
	                     NULL, &bom),
	          "WINDOWS-1255", "http-equiv");
	CHECK_STR(charset_of("<meta content=\"text/html; charset=cp1256\">",
	                     NULL, &bom),
	          "UTF-8", "content without http-equiv declares nothing");
	CHECK_STR(charset_of("<!-- <meta charset=cp1256> --><p>x", NULL, &bom),
	          "UTF-8", "a <meta> inside a comment declares nothing");
	CHECK_STR(
	        charset_of("<p title=\"<meta charset=cp1256>\">x", NULL, &bom),
	        "UTF-8", "a <meta> inside an attribute declares nothing");
	CHECK_STR(charset_of("<meta charset=utf-16le>", NULL, &bom), "UTF-8",
	          "a page read as bytes is not UTF-16");
	struct strbuf far = {0};
	for (int i = 0; i < 120; i++)
		strbuf_adds(&far, "<p>filler</p>");
	strbuf_adds(&far, "<meta charset=windows-1256>");
	CHECK_STR(charset_of(far.s, NULL, &bom), "UTF-8",
	          "a <meta> past the first 1024 bytes declares nothing");
	strbuf_free(&far);
}

/* text (UTF-8) in an encoding, by iconv. */
static char *encode(const char *text, const char *encoding)
{
	iconv_t cd = iconv_open(encoding, "UTF-8");
	CHECK(cd != (iconv_t)-1, "iconv %s", encoding);
	size_t in_left = strlen(text), out_left = 4 * in_left + 1;
	char *out = xcalloc(out_left + 1, 1), *op = out;
	char *ip = (char *)text;
	CHECK(iconv(cd, &ip, &in_left, &op, &out_left) != (size_t)-1,
	      "%s in %s", text, encoding);
	iconv_close(cd);
	return out;
}

static const char arabic[] =
        "<html><body><p>أعلنت وزارة الصحة، يوم الثلاثاء، عن افتتاح ثلاثة "
        "مستشفيات جديدة في المحافظات الجنوبية، بطاقة استيعابية تبلغ "
        "ستمائة سرير.</p></body></html>";
static const char persian[] =
        "<p>زلزله\xE2\x80\x8Cای به بزرگی پنج ریشتر بامداد امروز حوالی "
        "شهرستان راور در استان کرمان را لرزاند، و گزارشی از خسارت "
        "نرسیده است. چادر و پتو توزیع شد.</p>";
static const char hebrew[] =
        "<p>משרד התחבורה הודיע היום כי הקו האדום של הרכבת הקלה יפעל גם "
        "בשבת בשעות הערב, החל מהחודש הבא.</p>";

/* An undeclared page in encoding is guessed as want and decodes back to
 * text. */
static void check_guess(const char *text, const char *encoding,
                        const char *want)
{
	char *bytes = encode(text, encoding);
	size_t bom, len;
	const char *got = charset_of(bytes, NULL, &bom);
	CHECK_STR(got, want, encoding);
	char *back = extract_to_utf8(bytes, strlen(bytes), got, &len);
	CHECK_STR(back, text, "decoded back");
	free(back);
	free(bytes);
}

static void test_guess(void)
{
	check_guess(arabic, "UTF-8", "UTF-8");
	check_guess(arabic, "CP1256", "WINDOWS-1256");
	check_guess(arabic, "ISO-8859-6", "ISO-8859-6");
	check_guess(hebrew, "CP1255", "WINDOWS-1255");
	/* ISO-8859-8's letters are windows-1255's: read the same. */
	check_guess(hebrew, "ISO-8859-8", "WINDOWS-1255");
	/* ß and ñ are Arabic letters in windows-1256, beside Latin ones. */
	check_guess("<p>Gr\xC3\xBC\xC3\x9F"
	            "e aus Espa\xC3\xB1"
	            "a, "
	            "se\xC3\xB1or Stra\xC3\x9F"
	            "er.</p>",
	            "CP1252", "WINDOWS-1252");
	/* Persian in windows-1256 (its Persian letters are in 0x80..0x9F). */
	char *farsi = xstrdup(persian);
	/* windows-1256 has no Persian yeh: the Arabic one, as pages did. */
	for (char *p = strstr(farsi, "ی"); p; p = strstr(p, "ی"))
		memcpy(p, "ي", 2);
	check_guess(farsi, "CP1256", "WINDOWS-1256");
	free(farsi);
}

static void test_to_utf8(void)
{
	size_t len;
	char *s = extract_to_utf8("a\xFF"
	                          "b\xE2\x82"
	                          "c\0d",
	                          8, "UTF-8", &len);
	CHECK_STR(s,
	          "a\xEF\xBF\xBD"
	          "b\xEF\xBF\xBD"
	          "c\xEF\xBF\xBD"
	          "d",
	          "invalid bytes and NUL become U+FFFD");
	CHECK(len == strlen(s), "length %zu", len);
	free(s);
	s = extract_to_utf8("\x81 \xC7\xE1", 4, "WINDOWS-1256", &len);
	CHECK_STR(s, "\xD9\xBE \xD8\xA7\xD9\x84", "windows-1256: پ ال");
	free(s);
	s = extract_to_utf8("\x80 \xE9", 3, "WINDOWS-1252", &len);
	CHECK_STR(s, "\xE2\x82\xAC \xC3\xA9", "windows-1252: € é");
	free(s);
	/* A byte ISO-8859-6 leaves undefined. */
	s = extract_to_utf8("\xC7\xFF", 2, "ISO-8859-6", &len);
	CHECK(s && u8_check((const uint8_t *)s, len) == NULL &&
	              strstr(s, "\xEF\xBF\xBD"),
	      "undefined byte: %s", s);
	free(s);
}

/* ---- JSON ------------------------------------------------------------------
 */

static void test_json(void)
{
	const char *text =
	        "/*<![CDATA[*/ {\"@type\": [\"WebPage\", \"NewsArticle\"],"
	        " \"headline\": \"a\\\"b\\u0645\\ud83d\\ude00\\ud800\","
	        " \"articleBody\": \"line one\nline two\","
	        " \"n\": 12.5, \"ok\": true, \"none\": null,"
	        " \"list\": [1, 2, ], } /*]]>*/";
	struct json *v = json_parse(text, strlen(text));
	CHECK(v && v->type == JSON_OBJECT, "object");
	const struct json *type = json_get(v, "@type");
	CHECK(type && type->type == JSON_ARRAY && type->n == 2 &&
	              !strcmp(type->items[1].str, "NewsArticle"),
	      "array of types");
	const struct json *h = json_get(v, "headline");
	CHECK_STR(h ? h->str : NULL, "a\"b\xD9\x85\xF0\x9F\x98\x80\xEF\xBF\xBD",
	          "escapes, a surrogate pair, a lone surrogate");
	const struct json *body = json_get(v, "articleBody");
	CHECK_STR(body ? body->str : NULL, "line one\nline two",
	          "a raw newline in a string");
	const struct json *n = json_get(v, "n");
	CHECK(n && n->type == JSON_NUMBER && !strcmp(n->str, "12.5"), "number");
	CHECK(json_get(v, "ok") && json_get(v, "ok")->type == JSON_BOOL,
	      "bool");
	CHECK(json_get(v, "none") && json_get(v, "none")->type == JSON_NULL,
	      "null");
	const struct json *list = json_get(v, "list");
	CHECK(list && list->n == 2, "a trailing comma");
	CHECK(json_get(v, "missing") == NULL, "missing key");
	CHECK(json_get(list, "x") == NULL, "json_get on an array");
	json_free(v);

	static const char *const bad[] = {"",      "{\"a\" 1}", "{1: 2}",
	                                  "[1, 2", "nonsense",  "{\"a\": }"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		v = json_parse(bad[i], strlen(bad[i]));
		CHECK(v == NULL, "not JSON: %s", bad[i]);
		json_free(v);
	}
	struct strbuf deep = {0};
	for (int i = 0; i < 100000; i++)
		strbuf_addc(&deep, '[');
	v = json_parse(deep.s, deep.len);
	CHECK(v == NULL, "nesting too deep");
	strbuf_free(&deep);
}

/* ---- Pages -----------------------------------------------------------------
 */

static const char *const pages[] = {
        "fa-agency",
        "fa-credit",
        "fa-related-first",
        "fa-plain",
        "fa-list-quote",
        "fa-cards",
        "fa-br",
        "fa-heading-related",
        "fa-json-ld",
        "fa-windows-1256",
        "ar-agency",
        "ar-credit",
        "ar-related-first",
        "ar-plain",
        "ar-cards",
        "ar-list",
        "ar-windows-1256",
        "ar-undeclared-1256",
        "he-agency",
        "he-credit",
        "he-related-first",
        "he-plain",
        "he-cards",
        "he-no-related",
        "he-windows-1255",
};

static char *read_fixture(const char *name, const char *ext, size_t *len)
{
	char *rel = xasprintf("tests/extract/pages/%s.%s", name, ext);
	char *path = srcdir_path(rel);
	char *s = read_whole(path, len);
	CHECK(s != NULL, "cannot read %s", path);
	free(rel);
	free(path);
	return s;
}

/* The page's address: its expected article file's Link line. */
static char *page_url(const char *expected)
{
	const char *l = strstr(expected, "\nLink: ");
	if (!l)
		return NULL;
	l += 7;
	return xstrndup(l, strcspn(l, "\n"));
}

static void check_page(const char *name)
{
	size_t len, elen, llen;
	char *html = read_fixture(name, "html", &len);
	char *expected = read_fixture(name, "expected", &elen);
	char *links = read_fixture(name, "links", &llen);
	if (!html || !expected || !links)
		goto out;
	char *url = page_url(expected);
	struct extract_options opt = {.url = url};
	struct extraction *x = extract_page(html, len, &opt);
	CHECK(x->article != NULL, "%s: no article", name);
	if (x->article) {
		struct strbuf got = {0};
		strbuf_add(&got, "", 0);
		for (size_t i = 0; i < x->article->nrelated; i++) {
			strbuf_adds(&got, x->links[i]);
			strbuf_addc(&got, '\n');
		}
		CHECK_STR(got.s, links, name);
		strbuf_free(&got);
		/* The pages are right-to-left (<html dir="rtl">). */
		const struct article *a = x->article;
		for (size_t i = 0; i < a->nbody; i++)
			CHECK(a->body_dir && article_dir_base(a->body_dir[i]) ==
			                             ARTICLE_DIR_RTL,
			      "%s: paragraph %zu not RTL", name, i);
		CHECK_STR(a->language,
		          name[0] == 'f'   ? "fa"
		          : name[0] == 'a' ? "ar"
		                           : "he",
		          name);
	}
	const char *charset = strstr(name, "1256")   ? "WINDOWS-1256"
	                      : strstr(name, "1255") ? "WINDOWS-1255"
	                                             : "UTF-8";
	CHECK_STR(x->charset, charset, name);
	extraction_free(x);
	free(url);
out:
	free(html);
	free(expected);
	free(links);
}

static void test_pages(void)
{
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
		check_page(pages[i]);
	size_t len;
	char *html = read_fixture("fa-json-ld", "html", &len);
	struct extraction *x = extract_page(html, len, NULL);
	CHECK_STR(x->article ? x->article->author : NULL, "مریم احمدی",
	          "JSON-LD author");
	extraction_free(x);
	free(html);
}

/* A paragraph long enough for an article. */
#define LONG_TEXT                                                              \
	"The council voted on Tuesday to rebuild the old bridge, which "       \
	"has been closed since the floods of last spring, and the work is "    \
	"to begin in May. The mayor said the town had waited long enough, "    \
	"and that the new bridge would carry buses as well as cars."

static struct extraction *extract_text(const char *html, const char *url)
{
	struct extract_options opt = {.url = url};
	return extract_page(html, strlen(html), &opt);
}

static void test_title_and_site(void)
{
	struct extraction *x =
	        extract_text("<title>Bridge to be rebuilt | Town Post</title>"
	                     "<p>" LONG_TEXT "</p>",
	                     NULL);
	CHECK_STR(x->article ? x->article->title : NULL, "Bridge to be rebuilt",
	          "title without the site");
	CHECK_STR(x->article ? x->article->site : NULL, "Town Post",
	          "site from the title");
	extraction_free(x);
	x = extract_text("<title>Bridge to be rebuilt</title><p>" LONG_TEXT
	                 "</p>",
	                 "https://www.town.example/news/1");
	CHECK_STR(x->article ? x->article->site : NULL, "town.example",
	          "site from the host");
	CHECK_STR(x->article ? x->article->link : NULL,
	          "https://www.town.example/news/1", "link from the address");
	extraction_free(x);
	x = extract_text(
	        "<head><meta property=og:title content='Bridge - A "
	        "long story of the town and its river'>"
	        "<meta property=og:site_name content='Town Post'>"
	        "<meta name=date content=2024-05-01></head><p>" LONG_TEXT
	        "</p>",
	        NULL);
	CHECK_STR(x->article ? x->article->title : NULL,
	          "Bridge - A long story of the town and its river",
	          "a title whose tail is not the site's name is kept");
	CHECK_STR(x->article ? x->article->date : NULL, "2024-05-01",
	          "date from <meta name=date>");
	extraction_free(x);
}

static void test_base_href(void)
{
	struct extraction *x = extract_text(
	        "<head><base href='/mirror/'></head><body><p>" LONG_TEXT
	        "</p><div class=related-news><h3>Related</h3><ul>"
	        "<li><a href='story/2'>Bus lines to change in June</a></li>"
	        "<li><a href='https://other.example/x'>Floods close the old "
	        "bridge</a></li></ul></div></body>",
	        "https://town.example/news/1");
	CHECK(x->article && x->article->nrelated == 2, "two related");
	if (x->article && x->article->nrelated == 2) {
		CHECK_STR(x->links[0], "https://town.example/mirror/story/2",
		          "<base href> resolved against the address");
		CHECK_STR(x->links[1], "https://other.example/x",
		          "absolute link");
		CHECK_STR(x->article->related[0], "Bus lines to change in June",
		          "headline");
	}
	extraction_free(x);
}

static void test_ld_not_shown(void)
{
	/* The JSON-LD body is another story's: the page's own text wins. */
	struct extraction *x = extract_text(
	        "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
	        "\"articleBody\":\"" LONG_TEXT " " LONG_TEXT
	        " Something else.\"}</script><p>A different text of the "
	        "page, long enough to be an article on its own, about the "
	        "school that opens in the autumn, with ten classes and a "
	        "garden, and the teachers it still looks for, as the town "
	        "grows by a hundred families a year.</p>",
	        NULL);
	CHECK(x->article && x->article->nbody == 1 &&
	              !strncmp(x->article->body[0], "A different text", 16),
	      "the JSON-LD body not shown in the page is not taken");
	extraction_free(x);
}

static void test_ld_and_dom(void)
{
	/* The page shows the JSON-LD body whole: its own paragraphs are
	 * kept, with the list, and without the advertisement's label. */
	struct extraction *x = extract_text(
	        "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
	        "\"articleBody\":\"" LONG_TEXT " The plan: new piers.\"}"
	        "</script><div class=story><p>" LONG_TEXT "</p><p>Advertisement"
	        "</p><ul><li>The plan: new piers.</li></ul></div>",
	        NULL);
	const struct article *a = x->article;
	CHECK(a && a->nbody == 2, "two paragraphs: %zu", a ? a->nbody : 0);
	CHECK_STR(a && a->nbody == 2 ? a->body[1] : NULL,
	          "\xE2\x80\xA2 The plan: new piers.", "the list kept");
	extraction_free(x);
}

static void test_clean_text(void)
{
	/* Controls, escapes and broken bytes never reach the article. */
	struct extraction *x = extract_text(
	        "<title>T\x1b[2Jitle\x07</title><p dir=ltr>" LONG_TEXT
	        " \x1b]52;c;aGk=\x07 \xC2\x9B \xFF\xFE &#x1b; &#0; &#x85;"
	        "</p><ul><li>first point of the list</li></ul>",
	        NULL);
	const struct article *a = x->article;
	CHECK(a != NULL, "article");
	for (size_t i = 0; a && i < a->nbody; i++) {
		const char *s = a->body[i];
		CHECK(u8_check((const uint8_t *)s, strlen(s)) == NULL,
		      "invalid UTF-8: %s", s);
		for (const unsigned char *p = (const unsigned char *)s; *p; p++)
			CHECK(*p >= 0x20 && *p != 0x7F &&
			              !(p[0] == 0xC2 && p[1] >= 0x80 &&
			                p[1] <= 0x9F),
			      "control in: %s", s);
	}
	CHECK_STR(a ? a->title : NULL, "T[2Jitle", "title without controls");
	CHECK(a && a->nbody == 2 && a->body_dir[0] == ARTICLE_DIR_LTR,
	      "dir=ltr kept");
	CHECK_STR(a && a->nbody == 2 ? a->body[1] : NULL,
	          "\xE2\x80\xA2 first point of the list", "list item");
	extraction_free(x);
}

int main(void)
{
	test_labels();
	test_declared();
	test_guess();
	test_to_utf8();
	test_json();
	test_pages();
	test_title_and_site();
	test_base_href();
	test_ld_not_shown();
	test_ld_and_dom();
	test_clean_text();
	return check_result("test-extract");
}
