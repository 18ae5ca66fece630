/* The article file writer: what it writes reads back as the same
 * article (headline, date, link, author, site, paragraphs with their
 * directions, credit, related headlines), for right-to-left text and for
 * text made to break the format; names made from headlines; files never
 * replaced. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "model/article.h"
#include "source/article_file.h"
#include "util/xalloc.h"

static struct article *article_of(const char *title, const char *site)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xstrdup(title);
	a->site = site ? xstrdup(site) : NULL;
	return a;
}

static void add(struct article *a, const char *text, char dir)
{
	article_add_paragraph_dir(a, text, strlen(text), dir);
}

/* The first strong direction the layout will find, marks included. */
static char shown_direction(const char *text)
{
	if (!strncmp(text, "\u200F", 3))
		return 'r';
	if (!strncmp(text, "\u200E", 3))
		return 'l';
	return 'a';
}

/* a written and read back: every field the same; a paragraph's text the
 * same after the mark or joiner the writer may put before it. */
static void round_trip(const char *what, const struct article *a)
{
	char *text = article_format(a);
	char *error = NULL;
	struct article *b = article_parse(text, strlen(text), "mem", &error);
	CHECK(b != NULL, "%s: not read back: %s", what, error ? error : "");
	if (!b) {
		free(error);
		free(text);
		return;
	}
	CHECK_STR(b->title, a->title, what);
	CHECK_STR(b->date, a->date, what);
	CHECK_STR(b->link, a->link, what);
	CHECK_STR(b->author, a->author, what);
	CHECK_STR(b->site, a->site, what);
	CHECK_STR(b->credit, a->credit, what);
	CHECK(b->nbody == a->nbody, "%s: %zu paragraphs, want %zu", what,
	      b->nbody, a->nbody);
	for (size_t i = 0; i < a->nbody && i < b->nbody; i++) {
		const char *got = b->body[i];
		char dir = article_dir_base(a->body_dir[i]);
		CHECK(shown_direction(got) == 'a' ||
		              shown_direction(got) == dir,
		      "%s: paragraph %zu marked against its direction", what,
		      i);
		if (!strncmp(got, "\u200F", 3) || !strncmp(got, "\u200E", 3) ||
		    !strncmp(got, "\u2060", 3))
			got += 3;
		CHECK_STR(got, a->body[i], what);
	}
	CHECK(b->nrelated == a->nrelated, "%s: %zu related, want %zu", what,
	      b->nrelated, a->nrelated);
	for (size_t i = 0; i < a->nrelated && i < b->nrelated; i++)
		CHECK_STR(b->related[i], a->related[i], what);
	article_free(b);
	free(text);
}

static void test_round_trips(void)
{
	struct article *a = article_of("زلزله ۵٫۲ ریشتری کرمان را لرزاند",
	                               "خبرگزاری نمونه");
	a->date = xstrdup("2024-03-07 17:35 +0330");
	a->link = xstrdup("https://news.example.ir/fa/1");
	a->author = xstrdup("مریم احمدی");
	a->credit = xstrdup("منبع: خبرگزاری نمونه");
	add(a,
	    "به گزارش خبرنگار ما، زلزله‌ای امروز "
	    "رخ "
	    "داد.",
	    'a');
	/* An explicit direction the text would not give. */
	add(a, "CNN گزارش داد که خسارتی نبود.", ARTICLE_DIR_RTL);
	add(a, "\u2022 یک", ARTICLE_DIR_FOLLOWS(ARTICLE_DIR_RTL));
	add(a, "[1] https://news.example.ir/fa/more", ARTICLE_DIR_LTR);
	article_add_related(
	        a, "پس‌لرزه‌ها ادامه دارد",
	        strlen("پس‌لرزه‌ها ادامه دارد"));
	round_trip("persian", a);
	/* The right-to-left paragraph starting with Latin letters keeps its
	 * direction with a mark; the others need none. */
	char *text = article_format(a);
	CHECK(strstr(text, "\n\u200FCNN ") &&
	              strstr(text, "\n\u2022 یک\n[1] https://"),
	      "persian: marks: %s", text);
	free(text);
	article_free(a);

	/* Hostile: line ends in every field, paragraphs that read as
	 * credit or header lines, terminal controls, blank paragraphs. */
	a = article_of("Title\nwith a break\r", "Site: not a header");
	a->link = xstrdup("https://x.example/\n");
	add(a, "Source: this is body text", 'a');
	add(a, "منبع: this too", 'a');
	add(a, "Title: still body", 'a');
	add(a, "\x1b[2Jescape \x07 bell", 'a');
	add(a, "   ", 'a');
	add(a, "last", 'a');
	article_add_related(a, "related one", 11);
	text = article_format(a);
	char *error = NULL;
	struct article *b = article_parse(text, strlen(text), "mem", &error);
	CHECK(b && !strcmp(b->title, "Title with a break") &&
	              !strcmp(b->site, "Site: not a header") &&
	              !strcmp(b->link, "https://x.example/"),
	      "hostile header: %s", text);
	CHECK(b && b->nbody == 5, "hostile: %zu paragraphs: %s",
	      b ? b->nbody : 0, text);
	if (b && b->nbody == 5) {
		CHECK_STR(b->body[0], "\u2060Source: this is body text",
		          "hostile: a credit-like paragraph stays body");
		CHECK_STR(b->body[1], "\u2060منبع: this too", "hostile: fa");
		CHECK_STR(b->body[2], "Title: still body", "hostile: header");
		CHECK_STR(b->body[3], "\x1b[2Jescape \x07 bell",
		          "hostile: controls kept for the layout to make safe");
		CHECK_STR(b->body[4], "last", "hostile: last");
	}
	/* Related headlines without a credit get one. */
	CHECK(b && b->nrelated == 1 && b->credit &&
	              !strcmp(b->credit, "Source: Site: not a header"),
	      "hostile: related kept behind a credit line");
	article_free(b);
	free(error);
	free(text);
	article_free(a);

	/* No site, no title: a site line is still there, so that the first
	 * paragraph stays a paragraph. */
	a = article_of("", NULL);
	add(a, "Only a paragraph.", 'a');
	text = article_format(a);
	b = article_parse(text, strlen(text), "mem", &error);
	CHECK(b && b->nbody == 1 && !strcmp(b->body[0], "Only a paragraph."),
	      "no site: %s", text);
	article_free(b);
	free(text);
	article_free(a);
}

/* A feed item's body still as HTML is made paragraphs first. */
static void test_body_source(void)
{
	struct article *a = article_of("T", "S");
	a->body_source = xstrdup("<p>one <a href='https://l.example/'>x</a>"
	                         "</p><ul><li>a</li><li>b</li></ul>");
	a->body_format = ARTICLE_SOURCE_HTML;
	char *text = article_format(a);
	CHECK_STR(text,
	          "Title: T\nSite: S\n\nS\none x[1]\n\u2022 a\n\u2022 b\n"
	          "[1] https://l.example/\n",
	          "html body");
	free(text);
	article_free(a);
}

static void test_names_and_files(void)
{
	struct article *a =
	        article_of("زلزله در «کرمان»: ۳ کشته / ../etc", NULL);
	char *name = article_file_name(a);
	CHECK_STR(name, "زلزله-در-کرمان-۳-کشته-etc.txt", "name");
	free(name);
	free(a->title);
	a->title = xstrdup("?!..");
	name = article_file_name(a);
	CHECK_STR(name, "article.txt", "a name with no words");
	free(name);

	char dir[] = "/tmp/akhbar-write-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(99);
	}
	char *path = xasprintf("%s/a.txt", dir);
	add(a, "body", 'a');
	char *error = NULL;
	CHECK(article_file_write(a, path, &error) == 0, "write: %s",
	      error ? error : "");
	struct article *b = article_file_read(path, &error);
	CHECK(b && b->nbody == 1 && !strcmp(b->body[0], "body"), "%s",
	      "read back from the file");
	article_free(b);
	/* An existing file is not replaced. */
	free(error);
	error = NULL;
	CHECK(article_file_write(a, path, &error) == -1 && error, "%s",
	      "an existing file is kept");
	free(error);
	unlink(path);
	free(path);
	rmdir(dir);
	article_free(a);
}

int main(void)
{
	test_round_trips();
	test_body_source();
	test_names_and_files();
	return check_result("test-article-write");
}
