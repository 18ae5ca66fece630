/* Damaged pages through the extractor: every news page of
 * tests/extract/pages and the pages of tests/extract/data, each mutated
 * a few hundred ways (bytes flipped, inserted, dropped, repeated, cut;
 * tags, entities, charset declarations, JSON-LD, escape sequences and
 * broken UTF-8 slipped in).  Besides not crashing (the sanitizer build
 * runs this too), every string of every article is valid UTF-8 without a
 * control character, each related headline has its link, and nothing is
 * written to stderr.  The mutations come from a fixed seed, so a failure
 * repeats; MUTATE_ROUNDS=N runs N mutations of each page instead of 60. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#include "check.h"
#include "fuzz/mutate.h"
#include "source/extract.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Pieces of news pages worth slipping in, beside the mutator's own. */
static const char *const pieces[] = {
        "<",
        ">",
        "&",
        "&amp;",
        "&#x202E;",
        "&#0;",
        "&#x1b;",
        "&#xD800;",
        "<p>",
        "</p>",
        "<div class=\"related-news\">",
        "</div>",
        "<h3>اخبار مرتبط</h3>",
        "<a href=\"x\">",
        "<a href=\"javascript:1\">",
        "</a>",
        "<ul><li>",
        "<table><tr><td>",
        "<br>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<meta charset=\"windows-1256\">",
        "<meta charset=\"utf-16\">",
        "<base href=\"::\">",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"articleBody\":\"\\ud800\x01\\u0000",
        "\"}</script>",
        "\x1b[2J",
        "\x1b]52;c;aGk=\x07",
        "\xc2\x9b",
        "\xe2\x80\xae",
        "\xef\xbb\xbf",
        "\xff\xfe",
        "\xff",
        "\xc3",
        "\xe2\x80",
        "\0",
        "\r",
        "\n",
        "\t",
        "منبع : ",
        "Source: ",
        "\xd9\x84\xd8\xa7",
};

static size_t bad_strings;

/* A string of the article: valid UTF-8, no C0 or C1 control, no DEL. */
static void check_string(const char *what, const char *s)
{
	if (!s)
		return;
	bool bad = u8_check((const uint8_t *)s, strlen(s)) != NULL;
	for (const unsigned char *p = (const unsigned char *)s; *p && !bad; p++)
		bad = *p < 0x20 || *p == 0x7F ||
		      (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F);
	if (bad && bad_strings++ < 5)
		printf("bad %s: \"%s\"\n", what, s);
}

static void check_article(const struct extraction *x)
{
	const struct article *a = x->article;
	if (!a)
		return;
	CHECK(a->title != NULL, "no title");
	check_string("title", a->title);
	check_string("site", a->site);
	check_string("date", a->date);
	check_string("author", a->author);
	check_string("link", a->link);
	check_string("credit", a->credit);
	for (size_t i = 0; i < a->nbody; i++)
		check_string("paragraph", a->body[i]);
	for (size_t i = 0; i < a->nrelated; i++) {
		check_string("related", a->related[i]);
		check_string("related link", x->links[i]);
	}
}

/* The .html files of a folder of the source tree. */
static size_t list_pages(const char *rel, char ***paths, size_t n)
{
	char *dir = srcdir_path(rel);
	DIR *d = opendir(dir);
	CHECK(d != NULL, "cannot open %s", dir);
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 5, ".html"))
			continue;
		*paths = xreallocarray(*paths, n + 1, sizeof **paths);
		(*paths)[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	if (d)
		closedir(d);
	free(dir);
	return n;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	char **paths = NULL;
	size_t npaths = list_pages("tests/extract/pages", &paths, 0);
	npaths = list_pages("tests/extract/data", &paths, npaths);
	qsort(paths, npaths, sizeof *paths, by_name);
	CHECK(npaths >= 20, "only %zu pages", npaths);
	const char *r = getenv("MUTATE_ROUNDS");
	int rounds = r && atoi(r) > 0 ? atoi(r) : 60;
	size_t runs = 0, articles = 0;
	struct strbuf m = {0};
	fflush(stderr);
	FILE *err = tmpfile();
	int saved_stderr = dup(2);
	CHECK(err && saved_stderr >= 0 && dup2(fileno(err), 2) == 2,
	      "cannot catch stderr");
	for (size_t k = 0; k < npaths; k++) {
		size_t len;
		char *in = read_whole(paths[k], &len);
		CHECK(in != NULL, "cannot read %s", paths[k]);
		for (int i = 0; in && i < rounds; i++) {
			mutate(in, len, &m, pieces,
			       sizeof pieces / sizeof *pieces);
			runs++;
			struct extract_options opt = {
			        .url = i % 2 ? "https://x.example/a/b" : NULL,
			        .charset = i % 7 == 0 ? "windows-1255" : NULL,
			};
			struct extraction *x = extract_page(m.s, m.len, &opt);
			articles += x->article != NULL;
			check_article(x);
			extraction_free(x);
		}
		free(in);
		free(paths[k]);
	}
	free(paths);
	strbuf_free(&m);
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	char said[256] = "";
	if (err) {
		rewind(err);
		said[fread(said, 1, sizeof said - 1, err)] = '\0';
		fclose(err);
	}
	CHECK(said[0] == '\0', "written to stderr: %s", said);
	printf("%zu mutated pages: %zu articles\n", runs, articles);
	CHECK(bad_strings == 0, "%zu strings invalid or with a control",
	      bad_strings);
	/* Many mutations still hold an article (the pages of tests/extract/data
	 * hold none): otherwise the run would test
	 * only the way out. */
	CHECK(articles > runs / 3, "too few articles: %zu of %zu", articles,
	      runs);
	return check_result("test-extract-mutate");
}
