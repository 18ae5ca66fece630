/* Damaged input, many times over: the seed article and the feed fixtures,
 * each mutated a few hundred ways (bytes flipped, inserted, dropped,
 * repeated, cut; markup, entities, escape sequences, broken UTF-8 and
 * Persian letters slipped in), go through the article parser, the feed
 * parser and the making of each item's paragraphs, and are laid out at
 * several widths.  Besides not crashing (the sanitizer build runs this
 * too), every row fits its width, no row's text holds a control
 * character, and nothing is written to stderr, which is the reader's
 * screen.  The mutations come from a fixed seed, so a failure repeats;
 * MUTATE_ROUNDS=N runs N mutations of each input instead of 400. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "layout/document.h"
#include "source/article_file.h"
#include "source/feed.h"
#include "source/html.h"
#include "fuzz/mutate.h"
#include "util/strbuf.h"

static size_t bad_rows;

/* True when s (a row's text) holds a C0 or C1 control or DEL. */
static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return true;
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return true;
	}
	return false;
}

static void lay_out(const struct article *a)
{
	static const int widths[] = {1, 7, 33, 80};
	for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
		struct lay_options opt = lay_options_default();
		opt.width = widths[w];
		struct document *doc = document_new(a, &opt);
		for (size_t i = 0; i < doc->nlines; i++) {
			const struct lay_row *row = doc->lines[i].row;
			char *text = lay_row_text(row, opt.width);
			if (row->columns > opt.width || has_control(text)) {
				if (bad_rows++ < 3)
					printf("width %d row %zu: \"%s\"\n",
					       opt.width, i, text);
			}
			free(text);
		}
		document_free(doc);
	}
}

/* A feed's items, kept to be shown after the parse, as the reader does. */
struct items {
	struct article *a[4]; /* a few per feed keep the run short */
	size_t n, kept;
};

static void item(void *ctx, const struct feed_meta *meta, struct article *a)
{
	(void)meta;
	struct items *it = ctx;
	it->n++;
	if (it->kept < sizeof it->a / sizeof *it->a)
		it->a[it->kept++] = a;
	else
		article_free(a);
}

/* The summary on its own, then the paragraphs as the article view makes
 * them, outside the parse. */
static void show(struct items *it)
{
	for (size_t i = 0; i < it->kept; i++) {
		struct article *a = it->a[i];
		if (a->body_source)
			free(html_summary(a->body_source,
			                  strlen(a->body_source),
			                  a->body_format));
		html_make_body(a);
		lay_out(a);
		article_free(a);
	}
}

int main(void)
{
	static const char *const inputs[] = {
	        SEED,
	        "tests/data/articles/persian.txt",
	        "tests/data/articles/arabic.txt",
	        "tests/data/articles/hebrew.txt",
	        "tests/feed/data/rss2-fa.xml",
	        "tests/feed/data/atom-ar.xml",
	        "tests/feed/data/rdf-he.xml",
	        "tests/feed/data/rss091-en.xml",
	        "tests/feed/data/fa-windows-1256.xml",
	        "tests/feed/data/malformed.xml",
	        "tests/feed/data/html-page.xml",
	        "tests/search/data/news-fa.xml",
	};
	const char *r = getenv("MUTATE_ROUNDS");
	int rounds = r && atoi(r) > 0 ? atoi(r) : 400;
	size_t runs = 0, articles = 0, items = 0;
	struct strbuf m = {0};
	/* What the libraries might print goes to a file, to be read. */
	fflush(stderr);
	FILE *err = tmpfile();
	int saved_stderr = dup(2);
	CHECK(err && saved_stderr >= 0 && dup2(fileno(err), 2) == 2,
	      "cannot catch stderr");
	for (size_t k = 0; k < sizeof inputs / sizeof *inputs; k++) {
		char *path = srcdir_path(inputs[k]);
		size_t len;
		char *in = read_whole(path, &len);
		CHECK(in != NULL, "cannot read %s", path);
		for (int i = 0; in && i < rounds; i++) {
			mutate(in, len, &m, NULL, 0);
			runs++;
			char *error = NULL;
			struct article *a =
			        article_parse(m.s, m.len, "x", &error);
			if (a) {
				articles++;
				lay_out(a);
				article_free(a);
			}
			free(error);
			struct items got = {0};
			struct feed_request req = {.url = "https://x.example/f",
			                           .item = item,
			                           .ctx = &got};
			error = NULL;
			feed_parse_memory(m.s, m.len, &req, NULL, &error);
			free(error);
			show(&got);
			items += got.n;
		}
		free(in);
		free(path);
	}
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
	printf("%zu mutated inputs: %zu articles, %zu feed items\n", runs,
	       articles, items);
	CHECK(bad_rows == 0, "%zu rows too wide or with a control character",
	      bad_rows);
	/* The mutations still read as articles and feeds, most of the time:
	 * otherwise the run would test only the error paths. */
	CHECK(articles > runs / 2 && items > runs / 4,
	      "too few inputs parsed: %zu articles, %zu items", articles,
	      items);
	return check_result("test-mutate");
}
