/* The filter language (model/filter.c): what matches, under the spelling
 * rules and as regular expressions, in Persian, Arabic, Hebrew and
 * English; precedence; and the error of each malformed expression, with
 * its column. */
#include "config.h"

#include <locale.h>

#include "model/filter.h"
#include "tests/check.h"

#define DAY 86400LL
#define NOW 1700000000LL

static const char *const tags[] = {"ورزش", "World News"};

/* The item every case is evaluated against. */
static const struct filter_item item = {
        .title = "خبرهای ایرانی: آتش‌بس در غزه",
        .content = "<p>שָׁלוֹם עֲלֵיכֶם, the <b>mayor</b> said. "
                   "مَدْرَسَة جديدة</p>",
        .author = "مريم كريمي",
        .link = "https://example.com/news/42?x=1",
        .guid = "tag:example.com,2024:42",
        .feed_title = "Learn C++ Today",
        .feed_url = "https://example.com/feed.xml",
        .feed_link = "https://example.com/",
        .flags = "su",
        .tags = tags,
        .ntags = 2,
        .time = NOW - 3 * DAY - 100,
        .now = NOW,
        .unread = true,
        .starred = false,
};

static void check_match(int line, const char *expr, bool want)
{
	char *error = NULL;
	struct filter *f = filter_parse(expr, &error, NULL);
	if (!f) {
		check_failures++;
		fprintf(stderr, "%s:%d: '%s' did not parse: %s\n", __FILE__,
		        line, expr, error);
		free(error);
		return;
	}
	bool got = filter_match(f, &item);
	if (got != want) {
		check_failures++;
		fprintf(stderr, "%s:%d: '%s' gave %d, want %d\n", __FILE__,
		        line, expr, got, want);
	}
	filter_free(f);
}

#define MATCH(expr)    check_match(__LINE__, expr, true)
#define NO_MATCH(expr) check_match(__LINE__, expr, false)

static void check_error(int line, const char *expr, size_t column,
                        const char *part)
{
	char *error = NULL;
	size_t col = 0;
	struct filter *f = filter_parse(expr, &error, &col);
	if (f) {
		check_failures++;
		fprintf(stderr, "%s:%d: '%s' parsed\n", __FILE__, line, expr);
		filter_free(f);
		return;
	}
	char head[32];
	snprintf(head, sizeof head, "column %zu: ", column);
	if (col != column || !error || strncmp(error, head, strlen(head)) ||
	    !strstr(error, part)) {
		check_failures++;
		fprintf(stderr,
		        "%s:%d: '%s': got column %zu \"%s\", want column %zu "
		        "with \"%s\"\n",
		        __FILE__, line, expr, col, error ? error : "(null)",
		        column, part);
	}
	free(error);
}

#define ERROR(expr, column, part) check_error(__LINE__, expr, column, part)

static void test_text(void)
{
	/* words from their start, spelling variants alike */
	MATCH("title =~ \"ایران\"");
	NO_MATCH("title =~ \"ران\"");
	MATCH("title =~ \"آتشبس\"");
	MATCH("title =~ \"آتش بس غزه\"");
	MATCH("author =~ \"مریم کریمی\""); /* Persian yeh and kaf */
	MATCH("content =~ \"مدرسه\"");     /* harakat, teh marbuta */
	MATCH("content =~ \"שלום\"");      /* Hebrew points */
	MATCH("content =~ \"MAYOR\"");
	NO_MATCH("content =~ \"mayors\"");
	MATCH("title !~ \"تهران\"");
	NO_MATCH("title !~ \"غزه\"");
	/* = is the whole text under the spelling rules */
	MATCH("author = \"مریم کریمی\"");
	MATCH("author = \"  مريم   كريمي \"");
	NO_MATCH("author = \"مریم\"");
	MATCH("author != \"مریم\"");
	MATCH("feedurl = \"https://example.com/feed.xml\"");
	MATCH("rssurl = \"HTTPS://EXAMPLE.COM/FEED.XML\"");
	MATCH("guid = \"tag:example.com,2024:42\"");
	/* regular expressions, on the raw text, ignoring case */
	MATCH("title =~ \"^خبر\"");
	NO_MATCH("title =~ \"^ایران\"");
	MATCH("feedtitle =~ \"^learn c\\\\+\\\\+\"");
	MATCH("link =~ \"/news/[0-9]+\"");
	NO_MATCH("link =~ \"/news/[a-z]+$\"");
	MATCH("content =~ \"<b>mayor</b>\"");
	MATCH("feedlink =~ \"example\\\\.com/$\"");
	/* # is "contains": words, or a part of the text without words */
	MATCH("feedtitle # \"c++\"");
	MATCH("feedtitle # \"today\"");
	NO_MATCH("feedtitle # \"c#\"");
	MATCH("feedtitle !# \"c#\"");
	MATCH("title # \"غزه\"");
	/* a number is text where text is wanted */
	MATCH("link =~ 42");
}

static void test_kinds(void)
{
	MATCH("tags # \"ورزش\"");
	MATCH("tags # \"world news\"");
	NO_MATCH("tags # \"world\"");
	MATCH("tags !# \"سیاست\"");
	MATCH("tags =~ \"world\"");
	MATCH("tags =~ \"^wor\"");
	MATCH("tags !~ \"^sport\"");
	MATCH("age = 3");
	MATCH("age < 7");
	MATCH("age >= 3");
	MATCH("age <= 3");
	NO_MATCH("age > 3");
	NO_MATCH("age < 3");
	MATCH("age != 4");
	MATCH("age between 2:4");
	MATCH("age between 3:3");
	NO_MATCH("age between 4:10");
	MATCH("age between \"0:5\"");
	MATCH("unread = \"yes\"");
	MATCH("unread = yes");
	MATCH("unread != \"no\"");
	MATCH("starred = \"no\"");
	NO_MATCH("starred = \"yes\"");
	MATCH("flags # \"s\"");
	MATCH("flags # \"us\"");
	NO_MATCH("flags # \"r\"");
	MATCH("flags !# \"r\"");
	MATCH("flags = \"us\"");
	NO_MATCH("flags = \"s\"");
}

static void test_combinations(void)
{
	MATCH("title =~ \"غزه\" and age < 7");
	NO_MATCH("title =~ \"غزه\" and age > 7");
	MATCH("title =~ \"تهران\" or age < 7");
	/* and binds tighter than or */
	MATCH("title =~ \"غزه\" or title =~ \"تهران\" and age > 100");
	NO_MATCH("(title =~ \"غزه\" or title =~ \"تهران\") and age > 100");
	MATCH("((unread = \"yes\"))");
	MATCH("unread=\"yes\"and(age<7)");
	NO_MATCH("starred = \"yes\" or (tags # \"x\" or flags # \"r\")");
	MATCH("  title =~ \"غزه\"\tand\ntags # \"ورزش\"  ");
}

static void test_no_date(void)
{
	struct filter_item undated = item;
	undated.time = 0;
	char *error = NULL;
	struct filter *f = filter_parse("age = 0", &error, NULL);
	CHECK(f && filter_match(f, &undated), "an undated item is 0 days old");
	filter_free(f);
	f = filter_parse("title = \"\" and content # \"\"", &error, NULL);
	struct filter_item empty = {0};
	CHECK(f && filter_match(f, &empty), "NULL fields are empty text");
	filter_free(f);
}

static void test_errors(void)
{
	ERROR("", 1,
	      "expected an attribute such as title, content or age, "
	      "at the end");
	ERROR("   ", 4, "at the end");
	ERROR("titel = \"x\"", 1, "unknown attribute, not 'titel'");
	ERROR("title \"x\"", 7, "expected an operator");
	ERROR("title", 6, "expected an operator");
	ERROR("title =", 8, "expected a \"quoted text\", at the end");
	ERROR("title = x", 9, "expected a \"quoted text\", not 'x'");
	ERROR("title = \"x", 9, "this quote is never closed");
	ERROR("age =~ \"3\"", 5, "age does not take this operator");
	ERROR("title < \"b\"", 7, "title does not take this operator");
	ERROR("unread # \"yes\"", 8, "unread does not take this operator");
	ERROR("tags = \"x\"", 6, "tags does not take this operator");
	ERROR("age < \"x\"", 7, "expected a whole number");
	ERROR("age < 3:4", 7, "expected a whole number");
	ERROR("age between 3", 13, "expected a range such as 1:7");
	ERROR("age between 4:", 13, "expected a range such as 1:7");
	ERROR("unread = \"maybe\"", 10, "expected \"yes\" or \"no\"");
	ERROR("title = \"x\" and", 16, "expected an attribute");
	ERROR("title = \"x\" or or", 16, "expected an attribute");
	ERROR("(title = \"x\"", 13, "expected 'and', 'or' or ')', at the end");
	ERROR("title = \"x\")", 12, "expected 'and', 'or' or the end, not ')'");
	ERROR("title = \"x\" age = 1", 13, "not 'age'");
	ERROR("()", 2, "expected an attribute");
	ERROR("title =~ \"[a\"", 10, "not a regular expression");
	ERROR("title =~ \"(\"", 10, "not a regular expression");
	ERROR("title = \"x\" & age > 1", 13, "unexpected character '&'");
	/* columns count characters, not bytes */
	ERROR("عنوان = \"x\"", 1, "unexpected character 'ع'");
	ERROR("title = \"ایران\" foo", 17, "not 'foo'");
	ERROR("title = \"שלום\" ו", 16, "unexpected character 'ו'");
	ERROR("title = \"مدرسة\" and (تاریخ", 22, "unexpected character");
}

static void test_ignores(void)
{
	struct filter_ignores list = {0};
	char *error = NULL;
	filter_ignores_add(&list, "https://example.com/*",
	                   filter_parse("title =~ \"غزه\"", &error, NULL));
	filter_ignores_add(&list, "*",
	                   filter_parse("author = \"x\"", &error, NULL));
	CHECK(filter_ignored(&list, "https://example.com/feed.xml", &item),
	      "a rule for the feed");
	CHECK(!filter_ignored(&list, "https://other.org/feed.xml", &item),
	      "a rule for another feed");
	struct filter_item by_x = {.author = "X"};
	CHECK(filter_ignored(&list, "exec:~/bin/feed", &by_x),
	      "* is every feed");
	filter_ignores_free(&list);
	CHECK(list.n == 0 && !list.rules, "freed and emptied");
}

/* Whether the expression looks at the content, as filter_uses_content()
 * says. */
static bool uses_content(const char *text)
{
	char *error = NULL;
	struct filter *f = filter_parse(text, &error, NULL);
	CHECK(f != NULL, "%s: %s", text, error ? error : "");
	bool uses = f && filter_uses_content(f);
	filter_free(f);
	free(error);
	return uses;
}

static void test_uses_content(void)
{
	CHECK(uses_content("content # \"غزه\""), "content");
	CHECK(uses_content("unread = \"yes\" and (age < 7 or content =~ "
	                   "\"x\")"),
	      "content deep in the tree");
	CHECK(!uses_content("unread = \"yes\" and (title =~ \"content\" or "
	                    "tags # \"news\")"),
	      "no content: a word content in a value is no attribute");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_text();
	test_kinds();
	test_combinations();
	test_no_date();
	test_errors();
	test_ignores();
	test_uses_content();
	return check_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}
