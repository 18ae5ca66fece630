/* Articles as text, for the feed tests to compare parses and bodies. */
#ifndef AKHBAR_TESTS_FEED_DESCRIBE_H
#define AKHBAR_TESTS_FEED_DESCRIBE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/article.h"
#include "source/html.h"
#include "util/strbuf.h"

/* Everything an article holds, one field a line, for comparing parses. */
static inline char *describe_article(const struct article *a)
{
	struct strbuf b = {0};
	const char *fields[] = {a->title, a->link,     a->date, a->author,
	                        a->guid,  a->language, a->site, a->origin};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		strbuf_adds(&b, fields[i] ? fields[i] : "(null)");
		strbuf_addc(&b, '\n');
	}
	char num[32];
	snprintf(num, sizeof num, "%lld\n", a->time);
	strbuf_adds(&b, num);
	for (size_t i = 0; i < a->nbody; i++) {
		strbuf_addc(&b, a->body_dir ? a->body_dir[i] : '?');
		strbuf_addc(&b, '|');
		strbuf_adds(&b, a->body[i]);
		strbuf_addc(&b, '\n');
	}
	if (a->body_source) {
		strbuf_adds(&b, a->body_format == ARTICLE_SOURCE_HTML
		                        ? "html "
		                        : "text ");
		strbuf_adds(&b, a->body_base ? a->body_base : "(null)");
		strbuf_addc(&b, '\n');
		strbuf_adds(&b, a->body_source);
		strbuf_adds(&b, "\nsummary ");
		strbuf_adds(&b, a->summary ? a->summary : "(null)");
		strbuf_addc(&b, '\n');
	}
	for (size_t i = 0; i < a->ncategories; i++) {
		strbuf_adds(&b, "category ");
		strbuf_adds(&b, a->categories[i]);
		strbuf_addc(&b, '\n');
	}
	for (size_t i = 0; i < a->nenclosures; i++) {
		snprintf(num, sizeof num, " %lld\n", a->enclosures[i].length);
		strbuf_adds(&b, "enclosure ");
		strbuf_adds(&b, a->enclosures[i].url);
		strbuf_addc(&b, ' ');
		strbuf_adds(&b, a->enclosures[i].type ? a->enclosures[i].type
		                                      : "(null)");
		strbuf_adds(&b, num);
	}
	return strbuf_take(&b);
}

static inline char *describe_body(const struct article *a)
{
	struct strbuf b = {0};
	for (size_t i = 0; i < a->nbody; i++) {
		if (i)
			strbuf_addc(&b, '\n');
		strbuf_addc(&b, a->body_dir ? a->body_dir[i] : '?');
		strbuf_addc(&b, '|');
		strbuf_adds(&b, a->body[i]);
	}
	return strbuf_take(&b);
}

/* Make the paragraphs of a feed item, which keeps its body as the feed
 * wrote it, as the article view does; false (saying why) unless its
 * summary is the start of the text they make: all of it, or the first
 * ARTICLE_SUMMARY_BYTES cut between words, without the list of links that
 * ends the body. */
static inline bool make_body_checked(struct article *a, const char *what)
{
	char *lazy = a->summary;
	a->summary = NULL;
	bool had_source = a->body_source != NULL;
	html_make_body(a);
	char *made = article_summary(a);
	a->summary = lazy;
	bool ok = had_source ? lazy && strncmp(made ? made : "", lazy,
	                                       strlen(lazy)) == 0
	                     : !lazy;
	if (!ok)
		printf("%s: summary \"%s\" is not the start of \"%s\"\n", what,
		       lazy ? lazy : "(null)", made ? made : "(null)");
	free(made);
	return ok;
}

#endif
