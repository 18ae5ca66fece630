/* The document: the article view's rows, block by block, in the order
 * headline, site, date, body, credit, "Related stories", related
 * headlines; each field its own paragraph. */
#include "config.h"

#include <stdbool.h>

#include "check.h"
#include "layout/document.h"
#include "source/article_file.h"
#include "util/xalloc.h"

static struct article *parse(const char *text)
{
	char *error = NULL;
	struct article *a = article_parse(text, strlen(text), "mem", &error);
	if (!a) {
		fprintf(stderr, "%s\n", error);
		exit(99);
	}
	return a;
}

static size_t count_blocks(const struct document *doc, enum doc_role role)
{
	size_t n = 0;
	for (size_t b = 0; b < doc->nblocks; b++)
		n += doc->lines[doc->block_first_line[b]].role == role;
	return n;
}

/* What every document must satisfy, whatever the article. */
static void check_shape(const struct document *doc, const struct article *a,
                        int width)
{
	CHECK(doc->nlines > 0 && doc->lines[0].role == DOC_HEADLINE, "%s",
	      "the headline first");
	for (size_t b = 0; b < doc->nblocks; b++) {
		size_t first = doc->block_first_line[b];
		size_t end = b + 1 < doc->nblocks ? doc->block_first_line[b + 1]
		                                  : doc->nlines;
		CHECK(first < end && end - first == doc->blocks[b]->nrows,
		      "block %zu has %zu lines for %zu rows", b, end - first,
		      doc->blocks[b]->nrows);
		for (size_t l = first; l < end; l++) {
			const struct doc_line *line = &doc->lines[l];
			CHECK(line->block == b &&
			              line->row ==
			                      &doc->blocks[b]->rows[l - first],
			      "line %zu belongs to block %zu", l, b);
			CHECK(line->row->columns <= width,
			      "line %zu: %d columns", l, line->row->columns);
			CHECK((line->role == DOC_RELATED) ==
			              (line->related >= 0),
			      "line %zu: related %ld", l, line->related);
			CHECK(line->role != DOC_BLANK || line->row->ncells == 0,
			      "line %zu: blank", l);
		}
	}
	CHECK(count_blocks(doc, DOC_BODY) == a->nbody + a->nenclosures,
	      "%zu body blocks", count_blocks(doc, DOC_BODY));
	CHECK(count_blocks(doc, DOC_RELATED) == a->nrelated,
	      "%zu related blocks", count_blocks(doc, DOC_RELATED));
	CHECK(count_blocks(doc, DOC_HEADING) ==
	              (size_t)(a->nrelated > 0) + (a->nenclosures > 0),
	      "%s", "one heading if related, one if attachments");
	CHECK(count_blocks(doc, DOC_CREDIT) == (a->credit != NULL), "%s",
	      "the credit");
	for (size_t i = 0; i < a->nrelated; i++) {
		size_t l = document_related_line(doc, i);
		CHECK(l < doc->nlines && doc->lines[l].role == DOC_RELATED &&
		              doc->lines[l].related == (long)i &&
		              (l == 0 || doc->lines[l - 1].related != (long)i),
		      "related %zu starts at line %zu", i, l);
	}
	CHECK(document_related_line(doc, a->nrelated) == (size_t)-1, "%s",
	      "no related past the end");
	/* No two blank rows in a row, none at the end. */
	for (size_t l = 1; l < doc->nlines; l++)
		CHECK(!(doc->lines[l].role == DOC_BLANK &&
		        doc->lines[l - 1].role == DOC_BLANK),
		      "two blank lines at %zu", l);
	CHECK(doc->lines[doc->nlines - 1].role != DOC_BLANK, "%s",
	      "a blank last line");
}

static void test_seed(void)
{
	char *path = srcdir_path(SEED);
	char *error = NULL;
	struct article *a = article_file_read(path, &error);
	if (!a) {
		fprintf(stderr, "%s\n", error);
		exit(99);
	}
	static const int widths[] = {80, 40, 20, 1};
	for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
		struct lay_options opt = lay_options_default();
		opt.width = widths[w];
		struct document *doc = document_new(a, &opt);
		check_shape(doc, a, widths[w]);
		/* The order of the roles, block by block. */
		static const enum doc_role order[] = {DOC_HEADLINE, DOC_META,
		                                      DOC_BLANK, DOC_BODY};
		for (size_t b = 0; b < 4 && b < doc->nblocks; b++)
			CHECK(doc->lines[doc->block_first_line[b]].role ==
			              order[b],
			      "width %d: block %zu has role %d", widths[w], b,
			      (int)doc->lines[doc->block_first_line[b]].role);
		/* A Persian article: its rows end at the right edge. */
		CHECK(doc->blocks[0]->rtl && doc->lines[0].row->align_right,
		      "width %d: RTL headline", widths[w]);
		/* The heading is a UI string (English here): left to right. */
		size_t heading = document_related_line(doc, 0) - 1;
		CHECK(doc->lines[heading].role == DOC_HEADING &&
		              !doc->lines[heading].row->align_right,
		      "width %d: the heading is an LTR row of its own",
		      widths[w]);
		document_free(doc);
	}
	article_free(a);
	free(path);
}

/* A stray U+202E in the site reorders neither the headline nor the date;
 * a date without letters follows the article's direction. */
static void test_fields(void)
{
	struct article *a = parse(
	        "Title: Headline\nDate: 2025-03-14\n\n\u202Eabc def\nBody.\n");
	struct lay_options opt = lay_options_default();
	struct document *doc = document_new(a, &opt);
	check_shape(doc, a, opt.width);
	CHECK(doc->nblocks == 5, "%zu blocks, want 5", doc->nblocks);
	if (doc->nblocks == 5) {
		char *headline = lay_row_text(doc->lines[0].row, 80);
		char *date = lay_row_text(
		        doc->lines[doc->block_first_line[2]].row, 80);
		CHECK_STR(headline, "Headline", "the headline row");
		CHECK_STR(date, "2025-03-14",
		          "the date row after an overridden site");
		CHECK(doc->lines[doc->block_first_line[1]].role == DOC_META &&
		              doc->lines[doc->block_first_line[2]].role ==
		                      DOC_META,
		      "%s", "site and date");
		free(headline);
		free(date);
	}
	document_free(doc);
	article_free(a);

	a = parse("Title: خبر\nDate: 1402/12/14\n\nسایت\nمتن.\n");
	doc = document_new(a, &opt);
	CHECK(doc->nblocks >= 3 &&
	              doc->lines[doc->block_first_line[2]].row->align_right,
	      "%s", "a date in digits lines up with an RTL article");
	document_free(doc);
	article_free(a);

	/* A feed's date with a zone reads left to right in an RTL article. */
	a = parse("Title: خبر\nDate: 2024-03-07 17:35 +0330\n\nسایت\nمتن.\n");
	doc = document_new(a, &opt);
	if (doc->nblocks >= 3) {
		const struct lay_row *row =
		        doc->lines[doc->block_first_line[2]].row;
		char *date = lay_row_text(row, 30);
		CHECK_STR(date, "        2024-03-07 17:35 +0330",
		          "a zoned date in an RTL article");
		free(date);
	}
	document_free(doc);
	article_free(a);

	a = parse("Title: خبر\nDate: 2024-03-08 09:00 UTC\n\nسایت\nمتن.\n");
	doc = document_new(a, &opt);
	if (doc->nblocks >= 3) {
		char *date = lay_row_text(
		        doc->lines[doc->block_first_line[2]].row, 30);
		CHECK_STR(date, "          2024-03-08 09:00 UTC",
		          "a date with a Latin zone name in an RTL article");
		free(date);
	}
	document_free(doc);
	article_free(a);

	/* No site, date, credit or related: headline, blank, body only. */
	a = parse("Title: T\n\nS\nB\n");
	free(a->site);
	a->site = NULL;
	doc = document_new(a, &opt);
	check_shape(doc, a, opt.width);
	CHECK(doc->nblocks == 3, "%zu blocks, want 3", doc->nblocks);
	document_free(doc);
	article_free(a);
	document_free(NULL);

	/* A direction the source gave wins over the text's own. */
	a = article_new();
	free(a->title);
	a->title = strdup("خبر");
	article_add_paragraph_dir(a, "x = 1;", 6, ARTICLE_DIR_LTR);
	article_add_paragraph_dir(a, "abc", 3, ARTICLE_DIR_RTL);
	article_add_paragraph(a, "abc", 3);
	doc = document_new(a, &opt);
	check_shape(doc, a, opt.width);
	static const bool right[] = {false, true, false};
	for (size_t i = 0, b = 0; b < doc->nblocks; b++) {
		const struct doc_line *line =
		        &doc->lines[doc->block_first_line[b]];
		if (line->role != DOC_BODY)
			continue;
		CHECK(line->row->align_right == right[i],
		      "body %zu: align_right %d", i, line->row->align_right);
		i++;
	}
	document_free(doc);
	article_free(a);
}

/* The text of block b. */
static const char *block(const struct document *doc, size_t b)
{
	return b < doc->nblocks ? doc->block_text[b] : "(none)";
}

/* The header gives the author and the link after the site and date; a
 * paragraph that follows the one before (a list's item) has no blank row
 * before it; attachments are listed at the end with type and size. */
static void test_header_and_attachments(void)
{
	struct article *a = article_new();
	free(a->title);
	a->title = xstrdup("Headline");
	a->site = xstrdup("The Feed");
	a->author = xstrdup("مریم احمدی");
	a->link = xstrdup("https://news.example/1");
	article_add_paragraph(a, "intro", 5);
	article_add_paragraph_dir(a, "• one", strlen("• one"), 'a');
	article_add_paragraph_dir(a, "• two", strlen("• two"),
	                          ARTICLE_DIR_FOLLOWS(ARTICLE_DIR_RTL));
	article_add_enclosure(a, "https://cdn.example/e.mp3", "audio/mpeg",
	                      12345678);
	article_add_enclosure(a, "https://cdn.example/i.jpg", NULL, 999);
	struct lay_options opt = {.width = 60};
	struct document *doc = document_new(a, &opt);
	check_shape(doc, a, 60);
	CHECK_STR(block(doc, 1), "The Feed", "site");
	CHECK_STR(block(doc, 2), "By: \u2068مریم احمدی\u2069", "author");
	CHECK_STR(block(doc, 3), "Link: \u2066https://news.example/1\u2069",
	          "link");
	CHECK(doc->lines[doc->block_first_line[2]].role == DOC_META &&
	              doc->lines[doc->block_first_line[3]].role == DOC_META,
	      "%s", "author and link are meta");
	/* blank, intro, blank, one, two (no blank before it) */
	CHECK_STR(block(doc, 5), "intro", "intro");
	CHECK_STR(block(doc, 7), "• one", "first item");
	CHECK_STR(block(doc, 8), "• two", "second item, right after");
	CHECK_STR(block(doc, 10), "Attachments", "attachments heading");
	CHECK_STR(block(doc, 11),
	          "audio/mpeg, 12.3 MB \u2014 https://cdn.example/e.mp3",
	          "an attachment with type and size");
	CHECK_STR(block(doc, 12),
	          "unknown type, 999 B \u2014 https://cdn.example/i.jpg",
	          "one without a type");
	CHECK(doc->nblocks == 13, "%zu blocks", doc->nblocks);
	document_free(doc);
	article_free(a);
}

int main(void)
{
	test_seed();
	test_fields();
	test_header_and_attachments();
	return check_result("test-document");
}
