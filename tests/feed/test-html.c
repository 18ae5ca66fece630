/* HTML of feed items into paragraphs: blocks, breaks, lists, headings,
 * pre, links numbered and listed, images, direction, dropped elements,
 * entities, inline nesting and white space. */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "describe.h"
#include "model/article.h"
#include "source/html.h"
#include "util/strbuf.h"

#define FSI  "\xE2\x81\xA8"
#define PDI  "\xE2\x81\xA9"
#define RLO  "\xE2\x80\xAE"
#define PDF  "\xE2\x80\xAC"
#define NBSP "\xC2\xA0"

/* Expected paragraphs: "d|text" lines, d the direction (a, l, r). */
static const struct {
	const char *html;
	const char *base;
	const char *want;
} cases[] = {
        {"<p>One</p><p>Two</p>", NULL, "a|One\na|Two"},
        {"Line one<br>Line two<br/><br/>Line three", NULL,
         "a|Line one\na|Line two\na|Line three"},
        {"<ul><li>First</li><li>Second <b>bold</b></li></ul>", NULL,
         "a|\xE2\x80\xA2 First\nA|\xE2\x80\xA2 Second bold"},
        {"<ol start=\"3\"><li>Three</li><li>Four</li></ol>", NULL,
         "a|3. Three\nA|4. Four"},
        /* Numbers beyond any sane list are clamped, and counting up
         * from the largest never overflows. */
        {"<ol start=\"9223372036854775807\"><li>a</li><li>b</li></ol>", NULL,
         "a|999999999. a\nA|999999999. b"},
        {"<ol><li value=\"99999999999999999999999\">a</li><li>b</li>"
         "<li value=\"7\">c</li><li value=\"x\">d</li></ol>",
         NULL, "a|999999999. a\nA|999999999. b\nA|7. c\nA|8. d"},
        {"<ol start=\"-9223372036854775808\"><li>a</li></ol>"
         "<ol start=\"junk\"><li>b</li></ol>",
         NULL, "a|\xE2\x80\xA2 a\na|1. b"},
        /* A list's items follow each other without a blank row (upper
         * case); a nested list is indented. */
        {"<ul><li>A<ul><li>B</li></ul></li></ul>", NULL,
         "a|\xE2\x80\xA2 A\nA|    \xE2\x80\xA2 B"},
        {"<p>x</p><ol><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li>"
         "<li>d</li></ol><p>y</p>",
         NULL,
         "a|x\na|1. a\nA|    \xE2\x80\xA2 b\nA|        1. c\nA|2. d\n"
         "a|y"},
        {"<h1>Title</h1>Text after<h3>Sub</h3>", NULL,
         "a|Title\na|Text after\na|Sub"},
        {"<p>x</p><pre>  int x;\n\tif (x)\n\n  y();\n</pre><p>after</p>", NULL,
         "a|x\nl|  int x;\nL|\tif (x)\nL|\nL|  y();\na|after"},
        {"<p>See <a href=\"https://a.example/x\">this</a> and "
         "<a href=\"/rel\">that </a>and <a href=\"https://a.example/x\">again"
         "</a>.</p>",
         "https://b.example/dir/page",
         "a|See this[1] and that[2] and again[1].\n"
         "l|[1] https://a.example/x\nL|[2] https://b.example/rel"},
        {"<a href=\"javascript:void(0)\">x</a> <a href=\"#top\">y</a> "
         "<a href=\"\">z</a>",
         NULL, "a|x y z"},
        {"<p><img src=\"a.png\" alt=\"A  cat\">text<img src=\"b.png\"> "
         "<img src=\"t.gif\" width=\"1\" height=\"1\"><img alt=\"\"></p>",
         NULL,
         "a|[image: A cat][1] text [image][2] [image]\nl|[1] a.png\n"
         "L|[2] b.png"},
        /* An image's address is listed, resolved; a data: URL is not. */
        {"<p><a href=\"/p\"><img src=\"i.jpg\" alt=\"cat\"></a>"
         "<img src=\"data:image/png;base64,AAAA\" alt=\"d\"></p>",
         "https://e.example/a/",
         "a|[image: cat][1][2] [image: d]\nl|[1] https://e.example/a/i.jpg\n"
         "L|[2] https://e.example/p"},
        {"<div dir=\"rtl\"><p>Hello</p></div><p>World</p>", NULL,
         "r|Hello\na|World"},
        {"<div dir=\"rtl\"><p dir=\"auto\">Hi</p><p dir=\"ltr\">Yo</p></div>",
         NULL, "a|Hi\nl|Yo"},
        {"<p lang=\"fa\">\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85</p>"
         "<p lang=\"en-US\">Hi</p><p lang=\"ku-Arab\">x</p>",
         NULL, "r|\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85\nl|Hi\nr|x"},
        {"<ul dir=\"rtl\"><li>\xDB\x8C\xDA\xA9</li></ul>", NULL,
         "r|\xE2\x80\xA2 \xDB\x8C\xDA\xA9"},
        {"<p>User <bdi>\xD8\xA5\xD9\x8A\xD8\xA7\xD9\x86</bdi>: 3 posts</p>",
         NULL,
         "a|User " FSI "\xD8\xA5\xD9\x8A\xD8\xA7\xD9\x86" PDI ": 3 posts"},
        {"<p><span dir=\"rtl\">\xD9\x85\xD8\xAA\xD9\x86</span> end</p>", NULL,
         "r|\xD9\x85\xD8\xAA\xD9\x86 end"},
        {"<p>a <bdo dir=\"rtl\">abc</bdo> b</p>", NULL,
         "a|a " RLO "abc" PDF " b"},
        {"<p>Keep<script>alert(1)</script><style>p{}</style> this"
         "<noscript>no</noscript><iframe src=\"x\">frame</iframe></p>"
         "<object>obj</object><form>Form <input value=\"v\"><select>"
         "<option>o</option></select></form>",
         NULL, "a|Keep this\na|obj\na|Form"},
        /* An object's content is what shows without its plugin; the
         * text after an <embed> or an unclosed <object> is kept. */
        {"<p>Intro <embed src=\"x.swf\"> more text.</p>"
         "<p>Then <object data=\"y\"><param name=\"a\" value=\"b\">"
         "the rest</p>",
         NULL, "a|Intro more text.\na|Then the rest"},
        {"<p>Tom &amp; Jerry &lt;3 &nbsp;&eacute;&#1605;&#x5d0;</p>", NULL,
         "a|Tom & Jerry <3 " NBSP "\xC3\xA9\xD9\x85\xD7\x90"},
        {"<p><b>Bold <i>italic <u>under</u></i></b>tail</p>", NULL,
         "a|Bold italic undertail"},
        {"  <p>\n  lots   of\t\tspace \n </p>  ", NULL, "a|lots of space"},
        /* Quotes are indented, a level more for each. */
        {"<blockquote><p>Quoted</p></blockquote>after", NULL,
         "a|    Quoted\na|after"},
        {"<blockquote>a<blockquote>b<ul><li>c</li></ul></blockquote>"
         "</blockquote>",
         NULL, "a|    a\na|        b\na|        \xE2\x80\xA2 c"},
        /* A table's rows follow each other, their cells isolated and
         * padded to their column's width; a row of one cell stands as
         * it is. */
        {"<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>",
         NULL, "l|" FSI "a" PDI "  " FSI "b" PDI "\nL|c"},
        {"<p>t</p><table><caption>Prices</caption><thead><tr><th>Name</th>"
         "<th>Cost</th><th>n</th></tr></thead><tbody><tr><td>watermelon"
         "</td><td>1</td></tr><tr><td></td><td></td></tr><tr><td>fig</td>"
         "<td><p>12</p><p>345</p></td><td>x</td></tr></tbody></table>"
         "<p>after</p>",
         NULL,
         "a|t\nl|Prices\nL|" FSI "Name" PDI "        " FSI "Cost" PDI "    " FSI
         "n" PDI "\nL|" FSI "watermelon" PDI "  " FSI "1" PDI "\nL|" FSI
         "fig" PDI "         " FSI "12 345" PDI "  " FSI "x" PDI "\na|after"},
        /* A right-to-left table (its dir, else its first letter): the
         * first cell at the right; a wide character takes two columns;
         * a table in a cell is text of the cell. */
        {"<table dir=\"rtl\"><tr><td>ab</td><td>c</td></tr>"
         "<tr><td>\xE4\xB8\xAD</td><td>d</td></tr></table>",
         NULL,
         "r|" FSI "ab" PDI "  " FSI "c" PDI "\nR|" FSI "\xE4\xB8\xAD" PDI
         "  " FSI "d" PDI},
        {"<table><tr><td>\xD8\xB3\xD8\xA8</td><td><table><tr><td>in</td>"
         "<td>ner</td></tr></table></td></tr></table>",
         NULL, "r|" FSI "\xD8\xB3\xD8\xA8" PDI "  " FSI "in ner" PDI},
        {"<p>\xD8\xAE\xD8\xA8\xD8\xB1 <a href=\"https://x.ir/1\">"
         "\xD8\xA8\xDB\x8C\xD8\xB4\xD8\xAA\xD8\xB1</a></p>",
         NULL,
         "a|\xD8\xAE\xD8\xA8\xD8\xB1 "
         "\xD8\xA8\xDB\x8C\xD8\xB4\xD8\xAA\xD8\xB1[1]\n"
         "l|[1] https://x.ir/1"},
        {"a<hr>b", NULL, "a|a\na|b"},
        {"<p>one<p>two<div>three", NULL, "a|one\na|two\na|three"},
        {"", NULL, ""},
        {"<p> </p><div>\n</div>", NULL, ""},
};

static const struct {
	const char *html, *want;
} lines[] = {
        {"Example <i>Tech</i> Blog", "Example Tech Blog"},
        {"<p>a</p><p>b</p>", "a b"},
        {"x<a href=\"y\">link</a>", "xlink"},
        {"<img alt=\"z\">", ""},
        {"<pre>a\nb</pre>", "a b"},
        {"AT&amp;T &lt;b&gt;", "AT&T <b>"},
};

static const struct {
	const char *in, *want;
} entities[] = {
        {"Tom &amp;amp; Jerry", "Tom &amp; Jerry"},
        {"&eacute;&#233;&#xE9;", "\xC3\xA9\xC3\xA9\xC3\xA9"},
        {"AT&T", "AT&T"},
        {"&bogus; & amp; &amp", "&bogus; & amp; &amp"},
        {"&#0;&#x110000;&#xD800;", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"&#1740;&zwnj;", "\xDB\x8C\xE2\x80\x8C"},
};

static const struct {
	const char *in, *want;
} texts[] = {
        {"a\nb\n\n  c  d \n", "a|a b\na|c d"},
        {"one line", "a|one line"},
        {"\n \n\t\n", ""},
        {"x\r\n\r\ny", "a|x\na|y"},
};

/* Links are numbered through a hash table: 200,000 links convert at
 * once (a scan of the earlier links for each took minutes), each with its
 * own number and the repeats with the first's.  The alarm only ends a
 * run gone quadratic. */
static void test_many_links(void)
{
	enum { N = 200000 };
	struct strbuf html = {0};
	char piece[96];
	for (size_t i = 0; i < N; i++) {
		snprintf(piece, sizeof piece,
		         "<a href=\"https://example.org/%zu\">s</a> ", i);
		strbuf_adds(&html, piece);
	}
	strbuf_adds(&html, "<p><a href=\"https://example.org/7\">again</a>");
	alarm(20);
	struct article *a = article_new();
	html_to_article(a, html.s, html.len, NULL);
	alarm(0);
	CHECK(a->nbody == N + 2, "%zu paragraphs, want %d", a->nbody, N + 2);
	if (a->nbody == N + 2) {
		CHECK(strncmp(a->body[0], "s[1] s[2] s[3] ", 15) == 0,
		      "first paragraph starts \"%.20s\"", a->body[0]);
		CHECK_STR(a->body[1], "again[8]", "a repeated link");
		CHECK_STR(a->body[N + 1], "[200000] https://example.org/199999",
		          "the last link's line");
	}
	article_free(a);
	strbuf_free(&html);
}

/* The paragraph slots double when full: 100,000 paragraphs move the body
 * a few times, not once each. */
static void test_many_paragraphs(void)
{
	struct article *a = article_new();
	size_t changes = 0, cap = 0;
	for (size_t i = 0; i < 100000; i++) {
		article_add_paragraph(a, "p", 1);
		if (a->body_cap != cap) {
			changes++;
			cap = a->body_cap;
		}
	}
	CHECK(a->nbody == 100000 && a->body_cap >= a->nbody,
	      "%zu paragraphs in %zu slots", a->nbody, a->body_cap);
	CHECK(changes <= 20, "the body grew %zu times for 100,000 paragraphs",
	      changes);
	article_free(a);
}

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct article *a = article_new();
		html_to_article(a, cases[i].html, strlen(cases[i].html),
		                cases[i].base);
		char *got = describe_body(a);
		CHECK_STR(got, cases[i].want, cases[i].html);
		free(got);
		article_free(a);
	}
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		char *got = html_to_line(lines[i].html, strlen(lines[i].html));
		CHECK_STR(got, lines[i].want, lines[i].html);
		free(got);
	}
	for (size_t i = 0; i < sizeof entities / sizeof *entities; i++) {
		char *got = html_decode_entities(entities[i].in,
		                                 strlen(entities[i].in));
		CHECK_STR(got, entities[i].want, entities[i].in);
		free(got);
	}
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		struct article *a = article_new();
		html_text_to_article(a, texts[i].in, strlen(texts[i].in));
		char *got = describe_body(a);
		CHECK_STR(got, texts[i].want, texts[i].in);
		free(got);
		article_free(a);
	}

	/* Paragraphs added without a direction are auto, also when the
	 * article had none recorded before. */
	struct article *a = article_new();
	a->body = malloc(sizeof *a->body);
	a->body[0] = strdup("filled directly");
	a->nbody = 1;
	article_add_paragraph_dir(a, "x", 1, ARTICLE_DIR_RTL);
	article_add_paragraph(a, "y", 1);
	article_add_paragraph_dir(a, "z", 1, '?');
	CHECK(a->nbody == 4 && memcmp(a->body_dir, "araa", 4) == 0,
	      "body_dir \"%.4s\", want \"araa\"", a->body_dir);
	article_free(a);

	test_many_links();
	test_many_paragraphs();
	return check_result("test-html");
}
