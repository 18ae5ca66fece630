/* lay_row_mark_ranges(): the byte ranges text_query_find() gives, mapped
 * to the cells that show them, in visual order: inside RTL rows, around
 * Latin runs, across a ZWNJ that has no cell, over an ellipsis, and on
 * the right row of a wrapped paragraph. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "layout/layout.h"
#include "check.h"
#include "text/find.h"
#include "util/xalloc.h"

/* The marked cells of row as text, left to right, with '|' between runs
 * of marked cells that are not side by side. */
static char *marked_text(const struct lay_row *row, const bool *marked)
{
	char *out = xcalloc(row->ncells * 8 + 1, 1);
	size_t len = 0;
	bool in_run = false;
	for (size_t i = 0; i < row->ncells; i++) {
		if (!marked[i]) {
			in_run = false;
			continue;
		}
		if (!in_run && len)
			out[len++] = '|';
		in_run = true;
		for (size_t k = 0; k < row->cells[i].nch; k++) {
			int n = u8_uctomb((uint8_t *)out + len,
			                  row->cells[i].ch[k], 6);
			len += n > 0 ? (size_t)n : 0;
		}
	}
	out[len] = '\0';
	return out;
}

static struct lay_options plain(int width)
{
	struct lay_options opt = lay_options_default();
	opt.width = width;
	opt.shaping = false; /* cells hold the plain letters */
	return opt;
}

/* Find query in text laid out as a headline of width columns; the marked
 * cells must read want (visual order) and number count. */
static void check_headline(const char *name, const char *text,
                           const char *query, int width, const char *want,
                           size_t count)
{
	struct lay_options opt = plain(width);
	struct lay_row *row = lay_headline_new(text, strlen(text), &opt);
	struct text_query *q = text_query_new(query, strlen(query));
	struct text_range *spans = NULL;
	size_t nspans = 0;
	CHECK(q != NULL, "%s: query has words", name);
	if (q)
		text_query_find(q, text, strlen(text), &spans, &nspans);
	bool *marked = xcalloc(row->ncells + 1, sizeof *marked);
	size_t n = lay_row_mark_ranges(row, spans, nspans, marked);
	char *got = marked_text(row, marked);
	CHECK(n == count, "%s: %zu cells marked, want %zu", name, n, count);
	CHECK(!strcmp(got, want), "%s: marked «%s», want «%s»", name, got,
	      want);
	free(got);
	free(marked);
	free(spans);
	text_query_free(q);
	lay_row_free(row);
}

/* A match on the second row of a wrapped paragraph marks cells there
 * and none on the first. */
static void check_wrapped(void)
{
	const char *text = "روسیه و آمریکا درباره ایران گفتگو کردند";
	struct lay_options opt = plain(16);
	struct lay_paragraph *par = lay_paragraph_new(text, strlen(text), &opt);
	struct text_query *q = text_query_new("ايران", strlen("ايران"));
	struct text_range *spans = NULL;
	size_t nspans = 0;
	text_query_find(q, text, strlen(text), &spans, &nspans);
	CHECK(nspans == 1, "wrapped: %zu matches", nspans);
	CHECK(par->nrows >= 2, "wrapped: %zu rows", par->nrows);
	size_t total = 0;
	for (size_t r = 0; r < par->nrows; r++) {
		const struct lay_row *row = &par->rows[r];
		bool *marked = xcalloc(row->ncells + 1, sizeof *marked);
		size_t n = lay_row_mark_ranges(row, spans, nspans, marked);
		bool holds = nspans && row->start <= spans[0].start &&
		             spans[0].start < row->end;
		char *got = marked_text(row, marked);
		if (holds)
			CHECK(!strcmp(got, "ناریا"),
			      "wrapped: row %zu marked «%s»", r, got);
		else
			CHECK(n == 0, "wrapped: row %zu has %zu marked", r, n);
		total += n;
		free(got);
		free(marked);
	}
	CHECK(total == 5, "wrapped: %zu cells marked in all", total);
	free(spans);
	text_query_free(q);
	lay_paragraph_free(par);
}

/* Ranges by hand: bisection finds each, edges exclusive at the end. */
static void check_ranges(void)
{
	const char *text = "abc def ghi";
	struct lay_options opt = plain(40);
	struct lay_row *row = lay_headline_new(text, strlen(text), &opt);
	struct text_range r[] = {{0, 1}, {4, 7}, {10, 11}};
	bool marked[16];
	size_t n = lay_row_mark_ranges(row, r, 3, marked);
	char *got = marked_text(row, marked);
	CHECK(n == 5, "ranges: %zu marked", n);
	CHECK(!strcmp(got, "a|def|i"), "ranges: «%s»", got);
	free(got);
	n = lay_row_mark_ranges(row, NULL, 0, marked);
	CHECK(n == 0, "no ranges: %zu marked", n);
	lay_row_free(row);
}

int main(void)
{
	/* Arabic yeh in the query finds Persian yeh; the five cells of ایران
	 * in visual order, nothing of the words around it. */
	check_headline("rtl", "آمریکا وزیر نفت ایران را تحریم کرد", "ايران", 60,
	               "ناریا", 5);
	/* A word that starts a longer one marks only what matched. */
	check_headline("prefix",
	               "گزارش درباره روابط ایرانی‌ها",
	               "ایران", 60, "ناریا", 5);
	/* Latin inside an RTL row, any case. */
	check_headline("latin in rtl", "سفر NATO به ایران", "nato", 40, "NATO",
	               4);
	/* A compound typed joined finds it written with ZWNJ (no cell of its
	 * own) and with a space, which is part of the match. */
	check_headline("zwnj", "آتش‌بس در غزه", "آتشبس", 40,
	               "سبشتآ", 5);
	check_headline("space", "آتش بس در غزه", "آتشبس", 40, "سب شتآ", 6);
	/* Two matches in one LTR row. */
	check_headline("two", "Iran and Iraq: Iran talks", "iran", 40,
	               "Iran|Iran", 8);
	/* A match cut by the ellipsis marks the ellipsis, which stands for
	 * the rest of it; a match wholly cut off marks nothing. */
	check_headline("cut", "one two three four", "three", 11, "th…", 3);
	check_headline("cut off", "one two three four", "four", 11, "", 0);
	check_wrapped();
	check_ranges();
	return check_failures ? 1 : 0;
}
