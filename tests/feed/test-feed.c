/* Feeds into articles: RSS 2.0, 0.91, 1.0 (RDF) and Atom in Persian,
 * Arabic, Hebrew and English; legacy encodings; malformed, hostile and
 * non-feed input; the same results whichever way the bytes arrive. */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <uninorm.h>

#include "check.h"
#include "describe.h"
#include "model/article.h"
#include "model/library.h"
#include "source/feed.h"
#include "source/load.h"
#include "util/strbuf.h"

struct items {
	struct article **a;
	size_t n;
	const struct feed_meta *meta_seen; /* meta as passed to the callback */
	char *site_seen;                   /* meta->title at the last item */
	size_t bad_summaries; /* items whose summary is not their start */
};

static void collect(void *ctx, const struct feed_meta *meta,
                    struct article *item)
{
	struct items *it = ctx;
	if (!make_body_checked(item, item->title))
		it->bad_summaries++;
	it->a = realloc(it->a, (it->n + 1) * sizeof *it->a);
	it->a[it->n++] = item;
	it->meta_seen = meta;
	free(it->site_seen);
	it->site_seen = meta->title ? strdup(meta->title) : NULL;
}

/* Items as the parser gives them, bodies not made. */
static void collect_raw(void *ctx, const struct feed_meta *meta,
                        struct article *item)
{
	(void)meta;
	struct items *it = ctx;
	it->a = realloc(it->a, (it->n + 1) * sizeof *it->a);
	it->a[it->n++] = item;
}

static void items_free(struct items *it)
{
	CHECK(it->bad_summaries == 0,
	      "%zu items' summaries are not their start", it->bad_summaries);
	for (size_t i = 0; i < it->n; i++)
		article_free(it->a[i]);
	free(it->a);
	free(it->site_seen);
	*it = (struct items){0};
}

static char *data_path(const char *name)
{
	const char *top = getenv("top_srcdir");
	struct strbuf b = {0};
	strbuf_adds(&b, top ? top : ".");
	strbuf_adds(&b, "/tests/feed/data/");
	strbuf_adds(&b, name);
	return strbuf_take(&b);
}

static char *read_all(const char *name, size_t *len)
{
	char *path = data_path(name);
	char *buf = read_whole(path, len);
	free(path);
	if (!buf) {
		printf("FAIL: cannot open %s\n", name);
		exit(1);
	}
	return buf;
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

static char *enclosures(const struct article *a)
{
	struct strbuf b = {0};
	for (size_t i = 0; i < a->nenclosures; i++) {
		char len[32];
		snprintf(len, sizeof len, " %lld", a->enclosures[i].length);
		if (i)
			strbuf_addc(&b, '|');
		strbuf_adds(&b, a->enclosures[i].url);
		strbuf_addc(&b, ' ');
		strbuf_adds(&b, a->enclosures[i].type ? a->enclosures[i].type
		                                      : "(null)");
		strbuf_adds(&b, len);
	}
	return strbuf_take(&b);
}

struct want_item {
	const char *title, *link, *date;
	long long time;
	const char *author, *guid, *language, *site;
	const char *body;       /* "d|paragraph" lines */
	const char *categories; /* joined with '|' */
	const char *enclosures; /* "url type length" joined with '|' */
};

struct want_feed {
	const char *file, *url;
	const char *title, *link, *language, *format;
	size_t nitems;
	const struct want_item *items;
};

static const struct want_item rss2_fa[] = {
        {"نشست «G20» در تهران برگزار شد",
         "https://news.example.ir/fa/news/1001", "2024-03-07 17:35 +0330",
         1709820300LL, "مریم احمدی", "news-1001", "fa", "خبرگزاری نمونه",
         "a|به گزارش خبرنگار ما، نشست امروز برگزار شد.\n"
         "a|جزئیات در این صفحه[1].\n"
         "l|[1] https://news.example.ir/fa/more",
         "سیاسی|اقتصادی",
         "https://cdn.example.ir/a.mp3?id=7&q=1 audio/mpeg 123456"},
        {"قیمت\u200Cها ۱۴۰۲/۱۲/۱۷ & بازار",
         "https://news.example.ir/fa/news/1002", "2024-03-08 09:00 UTC",
         1709888400LL, "علی رضایی", "https://news.example.ir/fa/news/1002",
         "fa", "خبرگزاری نمونه", "a|بند اول\na|بند دوم", "", ""},
        {"بدون پیوند", "https://news.example.ir/fa/news/1003",
         "سه\u200Cشنبه ۱۴ اسفند", 0, NULL,
         "https://news.example.ir/fa/news/1003", "fa", "خبرگزاری نمونه",
         "a|متن ساده بدون برچسب\na|بند دوم متن ساده", "", ""},
};

static const struct want_item rss091_en[] = {
        {"Caf\u00e9 opens \u2014 locals cheer",
         "http://daily.example.com/cafe.html", NULL, 0, NULL, NULL, "en-us",
         "Example\u00a0Daily",
         "a|A new caf\u00e9 opened on Main Street. Prices from \u00a32.", "",
         ""},
        {"Second story", "http://daily.example.com/second.html", NULL, 0, NULL,
         NULL, "en-us", "Example\u00a0Daily", "a|Short text & more.", "", ""},
};

static const struct want_item rdf_he[] = {
        {"הכנסת אישרה את החוק", "https://www.example.co.il/a/1",
         "2024-03-07 21:15 +0200", 1709838900LL, "דנה כהן",
         "https://www.example.co.il/a/1", "he", "חדשות לדוגמה",
         "r|הכנסת אישרה הערב את החוק ב־61 קולות.\n"
         "a|\u2022 סעיף ראשון\nA|\u2022 סעיף שני",
         "פוליטיקה", ""},
        {"מזג האוויר", "https://www.example.co.il/a/2", "2024-03-08 00:00 UTC",
         1709856000LL, NULL, "https://www.example.co.il/a/2", "he",
         "חדשות לדוגמה", "a|גשם בצפון.", "", ""},
};

static const struct want_item atom_ar[] = {
        {"الرئيس يلتقي الوفد", "https://arabic.example.net/news/2024/03/77",
         "2024-03-07 10:30 +0300", 1709796600LL, "أحمد علي, سارة حسن",
         "tag:arabic.example.net,2024:77", "ar", "أخبار المثال",
         "a|التقى الرئيس & الوفد في القاهرة[1] اليوم.\n"
         "a|التفاصيل\n"
         "l|code  line 1\n"
         "L|  line 2\n"
         "l|English paragraph [image: photo][2]\n"
         "l|[1] https://arabic.example.net/city\n"
         "L|[2] https://arabic.example.net/x.png",
         "سياسة|world",
         "https://arabic.example.net/img/77.jpg image/jpeg 52000"},
        {"Text entry", "https://arabic.example.net/en/1",
         "2024-03-06 08:00 -0500", 1709730000LL, NULL,
         "tag:arabic.example.net,2024:en1", "en", "أخبار المثال",
         "a|First line of text continues here.\n"
         "a|Second paragraph <not a tag>.",
         "", ""},
};

static const struct want_item atom_en[] = {
        {"Summary only", "https://blog.example.org/p/1", "2024-01-01 00:00 UTC",
         1704067200LL, NULL, "https://blog.example.org/p/1", NULL,
         "Example Tech Blog", "a|Hello world[1]\nl|[1] https://example.org/x",
         "", ""},
};

static const struct want_item fa_1256[] = {
        {"گزارش ويژه: چاي و ژاله", "http://example.ir/1", NULL, 0, NULL, NULL,
         "fa", "روزنامه نمونه", "a|پژوهشگران گفتند که کيفيت بهتر شد.", "", ""},
};

static const struct want_item ar_88596[] = {
        {"الطقس اليوم، مشمس", "http://example.com.eg/1", NULL, 0, NULL, NULL,
         "ar", "جريدة المثال", "a|درجة الحرارة مرتفعة في القاهرة؛ هل تمطر؟", "",
         ""},
};

static const struct want_item he_1255[] = {
        {"שָׁלוֹם עֲלֵיכֶם ₪", "http://example.co.il/1", NULL, 0, NULL, NULL, "he",
         "עיתון לדוגמה", "a|המחיר עלה ב־5 ₪ היום.", "", ""},
};

static const struct want_item he_88598[] = {
        {"ירושלים בשלג", "http://example.org.il/1", NULL, 0, NULL, NULL, "he",
         "חדשות ישראל", "a|שלג כבד ירד הלילה.", "", ""},
};

/* libxml2 recovers: the missing </item> and </description>, the missing
 * end of the document; the raw "&" is kept as text. */
static const struct want_item malformed[] = {
        {"First item", NULL, NULL, 0, NULL, NULL, NULL, "Broken feed",
         "a|Unclosed paragraph\na|http://example.com/1", "", ""},
        {"Second\u200Citem", "http://example.com/2", NULL, 0, NULL, NULL, NULL,
         "Broken feed", "a|After & errors", "", ""},
        {"Third & last", "http://example.com/3", NULL, 0, NULL, NULL, NULL,
         "Broken feed", "", "", ""},
};

#define FEED(file, url, title, link, lang, format, items)                      \
	{                                                                      \
		file, url, title, link, lang, format,                          \
		        sizeof items / sizeof *items, items                    \
	}

static const struct want_feed feeds[] = {
        FEED("rss2-fa.xml", "https://news.example.ir/feed.xml",
             "خبرگزاری نمونه", "https://news.example.ir/", "fa", "RSS 2.0",
             rss2_fa),
        FEED("rss091-en.xml", "http://daily.example.com/rss.xml",
             "Example\u00a0Daily", "http://daily.example.com/", "en-us",
             "RSS 0.91", rss091_en),
        FEED("rdf-he.xml", "https://www.example.co.il/rss", "חדשות לדוגמה",
             "https://www.example.co.il/", "he", "RSS 1.0", rdf_he),
        FEED("atom-ar.xml", "https://arabic.example.net/feed.atom",
             "أخبار المثال", "https://arabic.example.net/", "ar", "Atom 1.0",
             atom_ar),
        FEED("atom-en.xml", "https://blog.example.org/atom",
             "Example Tech Blog", "https://blog.example.org/", NULL, "Atom 1.0",
             atom_en),
        FEED("fa-windows-1256.xml", "http://example.ir/rss", "روزنامه نمونه",
             "http://example.ir/", "fa", "RSS 2.0", fa_1256),
        FEED("ar-iso-8859-6.xml", "http://example.com.eg/rss", "جريدة المثال",
             "http://example.com.eg/", "ar", "RSS 2.0", ar_88596),
        FEED("he-windows-1255.xml", "http://example.co.il/rss", "עיתון לדוגמה",
             "http://example.co.il/", "he", "RSS 2.0", he_1255),
        FEED("he-iso-8859-8.xml", "http://example.org.il/rss", "חדשות ישראל",
             "http://example.org.il/", "he", "RSS 2.0", he_88598),
        FEED("malformed.xml", "http://example.com/rss", "Broken feed", NULL,
             NULL, "RSS 2.0", malformed),
};

/* Canonically equivalent (NFD): iconv may give a legacy encoding's
 * letter and mark as one precomposed character (windows-1255's vav and
 * holam as U+FB4B). */
static bool same_text(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	size_t la, lb;
	uint8_t *na = u8_normalize(UNINORM_NFD, (const uint8_t *)a, strlen(a),
	                           NULL, &la);
	uint8_t *nb = u8_normalize(UNINORM_NFD, (const uint8_t *)b, strlen(b),
	                           NULL, &lb);
	bool same = na && nb && la == lb && memcmp(na, nb, la) == 0;
	free(na);
	free(nb);
	return same;
}

static void check_item(const char *file, size_t i, const struct article *a,
                       const struct want_item *w, const char *url)
{
#define FIELD(name, got, want)                                                 \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		CHECK(same_text(g_, w_),                                       \
		      "%s item %zu %s: got \"%s\", want \"%s\"", file, i,      \
		      name, g_ ? g_ : "(null)", w_ ? w_ : "(null)");           \
	} while (0)
	FIELD("title", a->title, w->title);
	FIELD("link", a->link, w->link);
	FIELD("date", a->date, w->date);
	CHECK(a->time == w->time, "%s item %zu time %lld, want %lld", file, i,
	      a->time, w->time);
	FIELD("author", a->author, w->author);
	FIELD("guid", a->guid, w->guid);
	FIELD("language", a->language, w->language);
	FIELD("site", a->site, w->site);
	FIELD("origin", a->origin, url);
	char *s = describe_body(a);
	FIELD("body", s, w->body);
	free(s);
	s = joined(a->categories, a->ncategories);
	FIELD("categories", s, w->categories);
	free(s);
	s = enclosures(a);
	FIELD("enclosures", s, w->enclosures);
	free(s);
	CHECK(a->credit == NULL && a->nrelated == 0,
	      "%s item %zu has a credit or related headlines", file, i);
#undef FIELD
}

static int parse_fd_file(const char *file, const char *url, struct items *out,
                         struct feed_meta *meta, char **error)
{
	char *path = data_path(file);
	int fd = open(path, O_RDONLY);
	free(path);
	if (fd < 0) {
		printf("FAIL: cannot open %s\n", file);
		exit(1);
	}
	struct feed_request req = {.url = url, .item = collect, .ctx = out};
	int rc = feed_parse_fd(fd, &req, meta, error);
	close(fd);
	return rc;
}

/* Push the bytes in pieces of step bytes. */
static int parse_pieces(const char *buf, size_t len, size_t step,
                        const char *url, struct items *out,
                        struct feed_meta *meta, char **error)
{
	struct feed_request req = {.url = url, .item = collect, .ctx = out};
	struct feed_parser *p = feed_parser_new(&req);
	for (size_t off = 0; off < len; off += step) {
		size_t n = len - off < step ? len - off : step;
		if (feed_parser_push(p, buf + off, n) < 0)
			break;
	}
	return feed_parser_finish(p, meta, error);
}

static void check_feeds(void)
{
	for (size_t f = 0; f < sizeof feeds / sizeof *feeds; f++) {
		const struct want_feed *w = &feeds[f];
		struct items got = {0};
		struct feed_meta meta;
		char *error = NULL;
		int rc = parse_fd_file(w->file, w->url, &got, &meta, &error);
		CHECK(rc == 0 && !error, "%s: rc %d, error %s", w->file, rc,
		      error ? error : "(none)");
		CHECK_STR(meta.title, w->title, w->file);
		CHECK_STR(meta.link, w->link, w->file);
		CHECK_STR(meta.language, w->language, w->file);
		CHECK_STR(meta.format, w->format, w->file);
		CHECK(meta.nitems == w->nitems && got.n == w->nitems,
		      "%s: %zu items (meta %zu), want %zu", w->file, got.n,
		      meta.nitems, w->nitems);
		for (size_t i = 0; i < got.n && i < w->nitems; i++)
			check_item(w->file, i, got.a[i], &w->items[i], w->url);

		/* The same articles from memory, and pushed a byte at a time
		 * and in odd pieces (text, tags, CDATA and multi-byte
		 * characters split across pushes). */
		size_t len;
		char *buf = read_all(w->file, &len);
		const size_t steps[] = {0, 1, 7, 1000};
		for (size_t s = 0; s < sizeof steps / sizeof *steps; s++) {
			struct items again = {0};
			struct feed_meta meta2;
			int rc2 = steps[s] ? parse_pieces(buf, len, steps[s],
			                                  w->url, &again,
			                                  &meta2, NULL)
			                   : feed_parse_memory(
			                             buf, len,
			                             &(struct feed_request){
			                                     .url = w->url,
			                                     .item = collect,
			                                     .ctx = &again},
			                             &meta2, NULL);
			CHECK(rc2 == 0 && again.n == got.n,
			      "%s in pieces of %zu: rc %d, %zu items", w->file,
			      steps[s], rc2, again.n);
			for (size_t i = 0; i < got.n && i < again.n; i++) {
				char *x = describe_article(got.a[i]),
				     *y = describe_article(again.a[i]);
				CHECK(strcmp(x, y) == 0,
				      "%s in pieces of %zu, item "
				      "%zu:\n%s---\n%s",
				      w->file, steps[s], i, x, y);
				free(x);
				free(y);
			}
			CHECK_STR(meta2.title, meta.title, "title in pieces");
			feed_meta_free(&meta2);
			items_free(&again);
		}
		free(buf);
		free(error);
		feed_meta_free(&meta);
		items_free(&got);
	}
}

static bool contains(const char *s, const char *part)
{
	return s && strstr(s, part);
}

static void check_bad_input(void)
{
	static const struct {
		const char *file, *error;
	} bad[] = {
	        {"garbage.xml", "not a feed"},
	        {"html-page.xml",
	         "not an RSS or Atom feed (the document is <html>)"},
	        {"billion-laughs.xml", "entity"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct items got = {0};
		struct feed_meta meta;
		char *error = NULL;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		int rc = parse_fd_file(bad[i].file, NULL, &got, &meta, &error);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double secs = (double)(t1.tv_sec - t0.tv_sec) +
		              (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		CHECK(rc == -1, "%s: rc %d", bad[i].file, rc);
		CHECK(contains(error, bad[i].error),
		      "%s: error \"%s\", want \"%s\"", bad[i].file,
		      error ? error : "(null)", bad[i].error);
		CHECK(error && !strchr(error, '\n'), "%s: error not one line",
		      bad[i].file);
		CHECK(got.n == 0 && meta.nitems == 0, "%s: %zu items",
		      bad[i].file, got.n);
		/* Billion laughs: stopped by libxml2's entity limits, at once.
		 */
		CHECK(secs < 1.0, "%s took %.2f s", bad[i].file, secs);
		free(error);
		feed_meta_free(&meta);
		items_free(&got);
	}

	/* Neither meta nor error is required. */
	struct items got = {0};
	struct feed_request req = {.item = collect, .ctx = &got};
	CHECK(feed_parse_memory("junk", 4, &req, NULL, NULL) == -1,
	      "junk parsed");
	CHECK(feed_parse_memory("", 0, &req, NULL, NULL) == -1,
	      "empty input parsed");
	items_free(&got);

	/* A read error is the feed's error. */
	struct feed_meta meta;
	char *error = NULL;
	req.url = "dir";
	int fd = open(".", O_RDONLY);
	CHECK(feed_parse_fd(fd, &req, &meta, &error) == -1 && error,
	      "reading a directory did not fail");
	close(fd);
	free(error);
	feed_meta_free(&meta);
	items_free(&got);
}

/* External entities and DTDs are never loaded: nothing of /etc/passwd
 * shows, and the internal entity still works. */
static void check_xxe(void)
{
	struct items got = {0};
	struct feed_meta meta;
	char *error = NULL;
	int rc = parse_fd_file("xxe.xml", "http://example.com/rss", &got, &meta,
	                       &error);
	CHECK(rc == 0, "xxe.xml: rc %d (%s)", rc, error ? error : "");
	CHECK(got.n == 1, "xxe.xml: %zu items", got.n);
	CHECK_STR(meta.title, "XXE test", "xxe.xml feed title");
	for (size_t i = 0; i < got.n; i++) {
		char *s = describe_article(got.a[i]);
		CHECK(!strstr(s, "root:") && !strstr(s, "/bin/") &&
		              !strstr(s, "nologin"),
		      "xxe.xml: file contents leaked:\n%s", s);
		free(s);
		CHECK_STR(got.a[i]->title, "Item declared text", "xxe title");
		char *body = describe_body(got.a[i]);
		CHECK_STR(body, "a|Body end", "xxe body");
		free(body);
	}
	free(error);
	feed_meta_free(&meta);
	items_free(&got);
}

static void check_truncated(void)
{
	size_t len;
	char *buf = read_all("rss2-fa.xml", &len);
	/* Cut inside the third item's title. */
	const char *cut = strstr(buf, "<title>بدون");
	CHECK(cut != NULL, "fixture changed");
	if (!cut) {
		free(buf);
		return;
	}
	size_t n = (size_t)(cut - buf) + strlen("<title>بدون");
	struct items got = {0};
	struct feed_meta meta;
	char *error = NULL;
	struct feed_request req = {.url = "https://news.example.ir/feed.xml",
	                           .item = collect,
	                           .ctx = &got};
	int rc = feed_parse_memory(buf, n, &req, &meta, &error);
	CHECK(rc == 0, "truncated feed: rc %d (%s)", rc, error ? error : "");
	CHECK(got.n == 3, "truncated feed: %zu items, want 3", got.n);
	if (got.n == 3) {
		CHECK_STR(got.a[0]->title, rss2_fa[0].title, "truncated 1");
		CHECK_STR(got.a[1]->title, rss2_fa[1].title, "truncated 2");
		CHECK_STR(got.a[2]->title, "بدون", "truncated 3");
		CHECK(got.a[2]->nbody == 0, "truncated 3 has a body");
	}
	free(error);
	feed_meta_free(&meta);
	items_free(&got);
	free(buf);
}

/* An HTTP charset overrides the document's declaration. */
static void check_encoding_override(void)
{
	size_t len;
	char *buf = read_all("fa-windows-1256.xml", &len);
	const char *decl = "encoding=\"windows-1256\"";
	char *at = strstr(buf, decl);
	CHECK(at != NULL, "fixture changed");
	if (at) {
		const char *wrong = "encoding=\"iso-8859-1\"";
		memset(at, ' ', strlen(decl));
		memcpy(at, wrong, strlen(wrong));
	}
	struct items got = {0};
	struct feed_meta meta;
	char *error = NULL;
	struct feed_request req = {
	        .encoding = "windows-1256", .item = collect, .ctx = &got};
	int rc = feed_parse_memory(buf, len, &req, &meta, &error);
	CHECK(rc == 0 && got.n == 1, "override: rc %d, %zu items", rc, got.n);
	CHECK_STR(meta.title, "روزنامه نمونه", "override title");
	if (got.n)
		CHECK_STR(got.a[0]->title, fa_1256[0].title, "override item");
	free(error);
	feed_meta_free(&meta);
	items_free(&got);

	req.encoding = "no-such-charset";
	rc = feed_parse_memory(buf, len, &req, &meta, &error);
	CHECK(rc == -1 && contains(error, "no-such-charset"),
	      "unknown encoding: rc %d, error %s", rc,
	      error ? error : "(null)");
	free(error);
	feed_meta_free(&meta);
	items_free(&got);
	free(buf);
}

/* The callback sees the feed's title once the document has given it. */
static void check_callback_meta(void)
{
	static const char atom_late_title[] =
	        "<feed xmlns='http://www.w3.org/2005/Atom'>"
	        "<entry><title>e1</title></entry>"
	        "<title>Late</title>"
	        "<entry><title>e2</title></entry></feed>";
	struct items got = {0};
	struct feed_meta meta;
	struct feed_request req = {.item = collect, .ctx = &got};
	int rc = feed_parse_memory(atom_late_title, strlen(atom_late_title),
	                           &req, &meta, NULL);
	CHECK(rc == 0 && got.n == 2, "late title: rc %d, %zu items", rc, got.n);
	if (got.n == 2) {
		CHECK_STR(got.a[0]->site, NULL, "site before the title");
		CHECK_STR(got.a[1]->site, "Late", "site after the title");
		CHECK_STR(got.site_seen, "Late", "meta at the callback");
	}
	CHECK_STR(meta.format, "Atom 1.0", "format");
	feed_meta_free(&meta);
	items_free(&got);
}

static void check_sniff(void)
{
	static const struct {
		const char *text;
		bool feed;
	} cases[] = {
	        {"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>",
	         true},
	        {"\xEF\xBB\xBF  <feed xmlns=\"http://www.w3.org/2005/Atom\">",
	         true},
	        {"<!-- c --><?xml-stylesheet href=\"x\"?><rdf:RDF xmlns:rdf=",
	         true},
	        {"<!DOCTYPE rss [ <!ENTITY a \"<b>\"> ]>\n<rss>", true},
	        {"<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\"/>", true},
	        {"<html><head>", false},
	        {"<rss", false},
	        {"<feeds>", false},
	        {"Title: x\n\nsite", false},
	        {"", false},
	        {"<?xml version=\"1.0\"", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK(feed_sniff(cases[i].text, strlen(cases[i].text)) ==
		              cases[i].feed,
		      "feed_sniff(\"%s\") != %d", cases[i].text, cases[i].feed);
	const char *files[] = {"rss2-fa.xml", "rss091-en.xml",
	                       "rdf-he.xml",  "atom-ar.xml",
	                       "atom-en.xml", "he-iso-8859-8.xml"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		size_t len;
		char *buf = read_all(files[i], &len);
		CHECK(feed_sniff(buf, len), "feed_sniff(%s) is false",
		      files[i]);
		free(buf);
	}
	size_t len;
	char *buf = read_all("garbage.xml", &len);
	CHECK(!feed_sniff(buf, len), "feed_sniff(garbage.xml) is true");
	free(buf);
}

/* An invalid UTF-8 byte is an error libxml2 recovers from; the items
 * after it keep their character references and escaped HTML. */
static void check_invalid_utf8(void)
{
	static const char doc[] =
	        "<rss version='2.0'><channel><title>T</title>"
	        "<item><title>bad \xff byte</title></item>"
	        "<item><title>ZW&#x200C;NJ &amp; co &#1740;</title>"
	        "<description>&lt;p&gt;kept&lt;/p&gt;</description></item>"
	        "</channel></rss>";
	struct items got = {0};
	struct feed_request req = {.item = collect, .ctx = &got};
	int rc = feed_parse_memory(doc, strlen(doc), &req, NULL, NULL);
	CHECK(rc == 0 && got.n == 2, "invalid UTF-8: rc %d, %zu items", rc,
	      got.n);
	if (got.n == 2) {
		CHECK(strncmp(got.a[0]->title, "bad ", 4) == 0 &&
		              strstr(got.a[0]->title, " byte"),
		      "invalid UTF-8: title \"%s\"", got.a[0]->title);
		CHECK_STR(got.a[1]->title, "ZW\u200CNJ & co \u06CC",
		          "after invalid UTF-8");
		char *body = describe_body(got.a[1]);
		CHECK_STR(body, "a|kept", "body after invalid UTF-8");
		free(body);
	}
	items_free(&got);
}

/* A parsed item keeps its body as the feed wrote it, with what its links
 * are read against and a summary: the start of its text, cut between
 * words, without parsing more HTML than that takes. */
static void check_body_kept(void)
{
	struct strbuf doc = {0};
	strbuf_adds(&doc, "<rss version='2.0'><channel><title>T</title>"
	                  "<item><title>one</title>"
	                  "<link>https://kept.example/a/1</link>"
	                  "<description><![CDATA[<p>سلام <a href='x'>دنیا</a>"
	                  "</p>]]></description></item>"
	                  "<item><title>long</title><description><![CDATA[");
	for (int i = 0; i < 200; i++)
		strbuf_adds(&doc, "<p>کلمه‌ای در بند</p>");
	strbuf_adds(&doc, "<p>end</p><script>x</script><p>&lt;unclosed"
	                  "]]></description></item>"
	                  "<item><title>text</title>"
	                  "<description>a &amp;amp; b</description></item>"
	                  "</channel></rss>");
	/* The bodies are looked at before they are made. */
	struct items raw = {0};
	struct feed_request req = {.item = collect_raw, .ctx = &raw};
	int rc = feed_parse_memory(doc.s, doc.len, &req, NULL, NULL);
	CHECK(rc == 0 && raw.n == 3, "kept: rc %d, %zu items", rc, raw.n);
	if (raw.n == 3) {
		const struct article *a = raw.a[0];
		CHECK(a->nbody == 0 && a->body_format == ARTICLE_SOURCE_HTML,
		      "kept: html not made paragraphs");
		CHECK_STR(a->body_source, "<p>سلام <a href='x'>دنیا</a></p>",
		          "kept: source");
		CHECK_STR(a->body_base, "https://kept.example/a/1",
		          "kept: links against the item's page");
		CHECK_STR(a->summary, "سلام دنیا[1]", "kept: summary");

		a = raw.a[1];
		struct strbuf joined = {0};
		for (int i = 0; i < 200; i++)
			strbuf_adds(&joined, i ? "\nکلمه‌ای در بند"
			                       : "کلمه‌ای در بند");
		size_t n = a->summary ? strlen(a->summary) : 0;
		CHECK(n > ARTICLE_SUMMARY_BYTES - 30 &&
		              n <= ARTICLE_SUMMARY_BYTES &&
		              !strncmp(a->summary, joined.s, n) &&
		              (joined.s[n] == ' ' || joined.s[n] == '\n'),
		      "kept: long summary of %zu bytes, cut between words", n);
		strbuf_free(&joined);

		a = raw.a[2];
		CHECK(a->body_format == ARTICLE_SOURCE_TEXT && !a->body_base,
		      "kept: text");
		CHECK_STR(a->body_source, "a & b", "kept: text escaped twice");
		CHECK_STR(a->summary, "a & b", "kept: text summary");
	}
	for (size_t i = 0; i < raw.n; i++)
		CHECK(make_body_checked(raw.a[i], "kept"), "kept: item %zu", i);
	if (raw.n == 3) {
		char *body = describe_body(raw.a[0]);
		CHECK_STR(body,
		          "a|سلام دنیا[1]\nl|[1] https://kept.example/a/x",
		          "kept: made body");
		free(body);
		CHECK(raw.a[1]->nbody == 202 && !raw.a[1]->body_source,
		      "kept: long body made, %zu paragraphs", raw.a[1]->nbody);
	}
	items_free(&raw);
	strbuf_free(&doc);
}

/* A feed file into the library, as `akhbar --dump FEEDFILE` reads it:
 * its items in document order; no file at all is a failure that adds
 * nothing. */
static void check_load_file(void)
{
	struct library *lib = library_new();
	char *path = data_path("rdf-he.xml");
	size_t failed = source_load_paths(lib, &path, 1);
	CHECK(failed == 0 && lib->narticles == 2,
	      "rdf-he.xml: %zu failures, %zu in the library", failed,
	      lib->narticles);
	for (size_t i = 0; i < lib->narticles && i < 2; i++) {
		CHECK_STR(lib->stories[i].page->title, rdf_he[i].title,
		          "library title");
		CHECK_STR(lib->stories[i].page->origin, path, "library origin");
	}
	free(path);

	size_t before = lib->narticles;
	char *missing = "/nonexistent/feed.xml";
	failed = source_load_paths(lib, &missing, 1);
	CHECK(failed == 1 && lib->narticles == before,
	      "missing file: %zu failures, %zu articles added", failed,
	      lib->narticles - before);
	library_link(lib);
	library_free(lib);
}

/* Enclosures in each of their forms: RSS enclosure, Media RSS content
 * (alone, in a media:group, with a medium for a type), Atom
 * link rel="enclosure"; a file listed twice is one enclosure, and
 * relative addresses resolve as links do. */
static void check_enclosures(void)
{
	static const char rss[] =
	        "<rss version='2.0' "
	        "xmlns:media='http://search.yahoo.com/mrss/'>"
	        "<channel><title>T</title><link>https://pod.example/</link>"
	        "<item><title>one</title>"
	        "<enclosure url='https://pod.example/e1.mp3' type='audio/mpeg'"
	        " length='1234'/>"
	        "<media:content url='https://pod.example/e1.mp3'"
	        " fileSize='99'/>"
	        "<media:content url='/img/a.jpg' medium='image'/>"
	        "<media:group><media:content url='v.mp4' type='video/mp4'"
	        " fileSize='5000000'/></media:group>"
	        "</item></channel></rss>";
	static const char atom[] =
	        "<feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>"
	        "<entry><title>e</title><id>x</id>"
	        "<link rel='enclosure' href='https://a.example/s.ogg'"
	        " type='audio/ogg' length='77'/>"
	        "<link href='https://a.example/page'/></entry></feed>";
	struct items got = {0};
	struct feed_request req = {.url = "https://pod.example/feed.xml",
	                           .item = collect,
	                           .ctx = &got};
	int rc = feed_parse_memory(rss, strlen(rss), &req, NULL, NULL);
	CHECK(rc == 0 && got.n == 1, "enclosures rss: rc %d, %zu items", rc,
	      got.n);
	if (got.n == 1) {
		char *s = enclosures(got.a[0]);
		CHECK_STR(s,
		          "https://pod.example/e1.mp3 audio/mpeg 1234|"
		          "https://pod.example/img/a.jpg image 0|"
		          "https://pod.example/v.mp4 video/mp4 5000000",
		          "enclosures rss");
		free(s);
	}
	items_free(&got);
	rc = feed_parse_memory(atom, strlen(atom), &req, NULL, NULL);
	CHECK(rc == 0 && got.n == 1, "enclosures atom: rc %d, %zu items", rc,
	      got.n);
	if (got.n == 1) {
		char *s = enclosures(got.a[0]);
		CHECK_STR(s, "https://a.example/s.ogg audio/ogg 77",
		          "enclosures atom");
		free(s);
		CHECK_STR(got.a[0]->link, "https://a.example/page",
		          "enclosures atom: the link stays");
	}
	items_free(&got);
}

int main(void)
{
	check_feeds();
	check_bad_input();
	check_xxe();
	check_truncated();
	check_encoding_override();
	check_callback_meta();
	check_sniff();
	check_load_file();
	check_invalid_utf8();
	check_body_kept();
	check_enclosures();
	return check_result("test-feed");
}
