/* The article model: a copy has every field of the original and owns all
 * of it, so either can be freed first (the sanitizer build catches a
 * pointer the two share). */
#include "config.h"

#include "check.h"
#include "model/article.h"
#include "util/xalloc.h"

static struct article *full_article(void)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xstrdup("سرخط");
	a->site = xstrdup("site");
	a->date = xstrdup("2024-03-08");
	a->link = xstrdup("https://example.org/a");
	a->credit = xstrdup("منبع : نمونه");
	a->origin = xstrdup("feed.xml");
	a->author = xstrdup("author");
	a->guid = xstrdup("guid-1");
	a->time = 1709888400;
	a->language = xstrdup("fa");
	article_add_paragraph(a, "one", 3);
	article_add_paragraph_dir(a, "two", 3, ARTICLE_DIR_RTL);
	a->body_source = xstrdup("<p>one</p>");
	a->body_format = ARTICLE_SOURCE_HTML;
	a->body_base = xstrdup("https://example.org/");
	a->summary = xstrdup("one");
	article_add_related(a, "related", 7);
	article_add_category(a, "category", 8);
	article_add_enclosure(a, "https://example.org/a.mp3", "audio/mpeg", 9);
	article_add_enclosure(a, "https://example.org/b", NULL, 0);
	return a;
}

static void check_same(const struct article *c, const struct article *a)
{
	CHECK_STR(c->title, a->title, "title");
	CHECK_STR(c->site, a->site, "site");
	CHECK_STR(c->date, a->date, "date");
	CHECK_STR(c->link, a->link, "link");
	CHECK_STR(c->credit, a->credit, "credit");
	CHECK_STR(c->origin, a->origin, "origin");
	CHECK_STR(c->author, a->author, "author");
	CHECK_STR(c->guid, a->guid, "guid");
	CHECK(c->time == a->time, "%s", "time");
	CHECK_STR(c->language, a->language, "language");
	CHECK(c->nbody == a->nbody, "%s", "paragraphs");
	for (size_t i = 0; i < a->nbody && i < c->nbody; i++)
		CHECK_STR(c->body[i], a->body[i], "paragraph");
	CHECK((c->body_dir == NULL) == (a->body_dir == NULL) &&
	              (!a->body_dir ||
	               !memcmp(c->body_dir, a->body_dir, a->nbody)),
	      "%s", "directions");
	CHECK_STR(c->body_source, a->body_source, "body source");
	CHECK(c->body_format == a->body_format, "%s", "body format");
	CHECK_STR(c->body_base, a->body_base, "body base");
	CHECK_STR(c->summary, a->summary, "summary");
	CHECK(c->nrelated == a->nrelated && c->ncategories == a->ncategories &&
	              c->nenclosures == a->nenclosures,
	      "%s", "list lengths");
	for (size_t i = 0; i < a->nrelated && i < c->nrelated; i++)
		CHECK_STR(c->related[i], a->related[i], "related");
	for (size_t i = 0; i < a->ncategories && i < c->ncategories; i++)
		CHECK_STR(c->categories[i], a->categories[i], "category");
	for (size_t i = 0; i < a->nenclosures && i < c->nenclosures; i++) {
		CHECK_STR(c->enclosures[i].url, a->enclosures[i].url, "url");
		CHECK_STR(c->enclosures[i].type, a->enclosures[i].type, "type");
		CHECK(c->enclosures[i].length == a->enclosures[i].length, "%s",
		      "length");
	}
}

int main(void)
{
	/* The original freed first, then the copy. */
	struct article *a = full_article();
	struct article *c = article_copy(a);
	struct article *want = full_article();
	article_free(a);
	check_same(c, want);
	article_free(c);

	/* The copy freed first. */
	a = full_article();
	c = article_copy(a);
	article_free(c);
	check_same(a, want);
	article_free(a);
	article_free(want);

	/* An empty article: nothing but its title. */
	a = article_new();
	c = article_copy(a);
	check_same(c, a);
	CHECK(c->body == NULL && c->body_dir == NULL && c->related == NULL &&
	              c->enclosures == NULL,
	      "%s", "empty lists stay NULL");
	article_free(a);
	article_free(c);
	return check_result("test-article");
}
