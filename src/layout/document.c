#include "config.h"

#include "layout/document.h"

#include <fribidi.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "util/i18n.h"
#include "util/xalloc.h"

struct builder {
	struct document *doc;
	size_t lines_cap, blocks_cap;
	struct lay_options opt;
	enum lay_direction neutral; /* for a block with no strong character */
};

/* The direction of the first strong character of text (rules P2, P3), or
 * LAY_DIR_AUTO when it has none. */
static enum lay_direction strong_direction(const char *text)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t len = strlen(text);
	size_t i = 0;
	while (i < len) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, s + i, len - i);
		if (n < 0)
			n = 1;
		else {
			FriBidiCharType t = fribidi_get_bidi_type(uc);
			if (t == FRIBIDI_TYPE_LTR)
				return LAY_DIR_LTR;
			if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL)
				return LAY_DIR_RTL;
		}
		i += (size_t)n;
	}
	return LAY_DIR_AUTO;
}

/* The article's own direction: its headline's, else its first paragraph
 * with a letter, else its site's. */
static enum lay_direction article_direction(const struct article *a)
{
	enum lay_direction d = strong_direction(a->title);
	for (size_t i = 0; d == LAY_DIR_AUTO && i < a->nbody; i++)
		d = strong_direction(a->body[i]);
	if (d == LAY_DIR_AUTO && a->site)
		d = strong_direction(a->site);
	return d;
}

/* Lay out text as one block of its own.  dir LTR or RTL is the block's
 * direction (a UI string's, or one the source gave); with LAY_DIR_AUTO it
 * comes from the text, and a block without letters, such as a date in
 * digits, takes the article's direction, so it lines up with the article
 * instead of the other edge. */
static void add_block(struct builder *b, const char *text, enum doc_role role,
                      long related, enum lay_direction dir)
{
	struct document *doc = b->doc;
	struct lay_options opt = b->opt;
	if (dir != LAY_DIR_AUTO)
		opt.direction = dir;
	else if (opt.direction == LAY_DIR_AUTO &&
	         strong_direction(text) == LAY_DIR_AUTO)
		opt.direction = b->neutral;
	struct lay_paragraph *par = lay_paragraph_new(text, strlen(text), &opt);

	if (doc->nblocks == b->blocks_cap) {
		b->blocks_cap = b->blocks_cap ? 2 * b->blocks_cap : 32;
		doc->blocks = xreallocarray(doc->blocks, b->blocks_cap,
		                            sizeof *doc->blocks);
		doc->block_first_line =
		        xreallocarray(doc->block_first_line, b->blocks_cap,
		                      sizeof *doc->block_first_line);
		doc->block_text = xreallocarray(doc->block_text, b->blocks_cap,
		                                sizeof *doc->block_text);
	}
	doc->blocks[doc->nblocks] = par;
	doc->block_text[doc->nblocks] = xstrdup(text);
	doc->block_first_line[doc->nblocks] = doc->nlines;

	for (size_t r = 0; r < par->nrows; r++) {
		if (doc->nlines == b->lines_cap) {
			b->lines_cap = b->lines_cap ? 2 * b->lines_cap : 128;
			doc->lines = xreallocarray(doc->lines, b->lines_cap,
			                           sizeof *doc->lines);
		}
		doc->lines[doc->nlines++] = (struct doc_line){
		        .row = &par->rows[r],
		        .role = role,
		        .block = doc->nblocks,
		        .related = related,
		};
	}
	doc->nblocks++;
}

/* A date in digits and Latin letters ("2024-03-07 17:35 +0330", "... UTC")
 * reads left to right in any article, but lines up with the article's
 * edge; a date written in an RTL script is laid out like any text. */
static void add_date(struct builder *b, const char *date)
{
	if (strong_direction(date) == LAY_DIR_RTL) {
		add_block(b, date, DOC_META, -1, LAY_DIR_AUTO);
		return;
	}
	add_block(b, date, DOC_META, -1, LAY_DIR_LTR);
	struct lay_paragraph *par = b->doc->blocks[b->doc->nblocks - 1];
	for (size_t r = 0; r < par->nrows; r++)
		par->rows[r].align_right =
		        b->opt.visual && b->neutral == LAY_DIR_RTL;
}

/* An empty row is a block too, so every line belongs to one. */
static void add_blank(struct builder *b)
{
	add_block(b, "", DOC_BLANK, -1, LAY_DIR_LTR);
}

/* A paragraph's direction as its source gave it (a feed's dir="rtl"). */
static enum lay_direction body_direction(const struct article *a, size_t i)
{
	if (!a->body_dir)
		return LAY_DIR_AUTO;
	switch (article_dir_base(a->body_dir[i])) {
	case ARTICLE_DIR_LTR:
		return LAY_DIR_LTR;
	case ARTICLE_DIR_RTL:
		return LAY_DIR_RTL;
	default:
		return LAY_DIR_AUTO;
	}
}

/* A UI string follows its own text, whatever the article's script. */
static enum lay_direction ui_direction(const char *text)
{
	enum lay_direction d = strong_direction(text);
	return d == LAY_DIR_AUTO ? LAY_DIR_LTR : d;
}

/* A header line: a label of the interface before text from the source,
 * which keeps its own direction inside an isolate (text_dir: LTR for an
 * address) so that neither reorders the other. */
static void add_labelled(struct builder *b, const char *label, const char *text,
                         enum lay_direction text_dir)
{
	const char *open = text_dir == LAY_DIR_LTR ? "\u2066" : "\u2068";
	char *line = xasprintf("%s%s%s\u2069", label, open, text);
	add_block(b, line, DOC_META, -1, ui_direction(label));
	free(line);
}

/* Feed names longer than this many bytes are cut (at a word's end) where
 * they stand beside a related headline. */
#define RELATED_FEED_BYTES 40

/* A related headline, with the feed it comes from when that is another
 * than the article's: "HEADLINE · FEED", each in an isolate so neither
 * reorders the other, laid out in the headline's own direction. */
static void add_related(struct builder *b, const struct article *a, size_t i)
{
	const char *headline = a->related[i];
	const char *feed = a->related_feed ? a->related_feed[i] : NULL;
	if (!feed || !*feed) {
		add_block(b, headline, DOC_RELATED, (long)i, LAY_DIR_AUTO);
		return;
	}
	enum lay_direction dir = strong_direction(headline);
	if (dir == LAY_DIR_AUTO)
		dir = b->neutral == LAY_DIR_AUTO ? LAY_DIR_LTR : b->neutral;
	size_t len = strlen(feed);
	size_t cut = article_text_cut(feed, len, RELATED_FEED_BYTES);
	char *line =
	        xasprintf("\u2068%s\u2069 \u00b7 \u2068%.*s%s\u2069", headline,
	                  (int)cut, feed, cut < len ? "\u2026" : "");
	add_block(b, line, DOC_RELATED, (long)i, dir);
	free(line);
}

/* A size in bytes as people read it: "830 KB", "12.4 MB". */
static void format_size(char *out, size_t size, long long bytes)
{
	static const char *const units[] = {"B", "KB", "MB", "GB", "TB"};
	double n = (double)bytes;
	size_t u = 0;
	while (n >= 1000 && u + 1 < sizeof units / sizeof *units) {
		n /= 1000;
		u++;
	}
	if (u == 0 || n >= 100)
		snprintf(out, size, "%.0f %s", n, units[u]);
	else
		snprintf(out, size, "%.1f %s", n, units[u]);
}

/* The media files of the item: a heading, then one line each with its
 * type and size before its address (the links view opens them). */
static void add_enclosures(struct builder *b, const struct article *a)
{
	if (a->nenclosures == 0)
		return;
	add_blank(b);
	const char *heading = _("Attachments");
	add_block(b, heading, DOC_HEADING, -1, ui_direction(heading));
	for (size_t i = 0; i < a->nenclosures; i++) {
		const struct enclosure *e = &a->enclosures[i];
		char size[32] = "";
		if (e->length > 0)
			format_size(size, sizeof size, e->length);
		char *line = xasprintf(
		        "%s%s%s%s%s", e->type ? e->type : _("unknown type"),
		        *size ? ", " : "", size, " \u2014 ", e->url);
		add_block(b, line, DOC_BODY, -1, LAY_DIR_LTR);
		free(line);
	}
}

struct document *document_new(const struct article *a,
                              const struct lay_options *opt)
{
	struct builder b = {
	        .doc = xcalloc(1, sizeof *b.doc),
	        .opt = *opt,
	        .neutral = article_direction(a),
	};

	add_block(&b, a->title, DOC_HEADLINE, -1, LAY_DIR_AUTO);
	/* Site and date are separate paragraphs, one row each: joined as
	 * "SITE · DATE" a bidi control in the site (U+202E) or a site in
	 * one script and a date in another would reorder the pair. */
	if (a->site && *a->site)
		add_block(&b, a->site, DOC_META, -1, LAY_DIR_AUTO);
	if (a->feed && *a->feed && (!a->site || strcmp(a->feed, a->site)))
		add_labelled(&b, _("Feed: "), a->feed, LAY_DIR_AUTO);
	if (a->date && *a->date)
		add_date(&b, a->date);
	if (a->author && *a->author)
		add_labelled(&b, _("By: "), a->author, LAY_DIR_AUTO);
	if (a->link && *a->link)
		add_labelled(&b, _("Link: "), a->link, LAY_DIR_LTR);
	for (size_t i = 0; i < a->nbody; i++) {
		if (i == 0 || !a->body_dir ||
		    !article_dir_follows(a->body_dir[i]))
			add_blank(&b);
		add_block(&b, a->body[i], DOC_BODY, -1, body_direction(a, i));
	}
	add_enclosures(&b, a);
	if (a->credit && *a->credit) {
		add_blank(&b);
		add_block(&b, a->credit, DOC_CREDIT, -1, LAY_DIR_AUTO);
	}
	if (a->nrelated > 0) {
		add_blank(&b);
		/* A UI string: right to left in a Persian UI, whatever the
		 * article's script. */
		const char *heading = _("Related stories");
		add_block(&b, heading, DOC_HEADING, -1, ui_direction(heading));
		/* Each headline alone in its block, without a bullet: a
		 * marker glued to the text would take part in its bidi.  The
		 * ui shows which one is selected. */
		for (size_t i = 0; i < a->nrelated; i++)
			add_related(&b, a, i);
	}
	return b.doc;
}

void document_free(struct document *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nblocks; i++) {
		lay_paragraph_free(doc->blocks[i]);
		free(doc->block_text[i]);
	}
	free(doc->blocks);
	free(doc->block_text);
	free(doc->block_first_line);
	free(doc->lines);
	free(doc);
}

size_t document_related_line(const struct document *doc, size_t i)
{
	for (size_t b = 0; b < doc->nblocks; b++) {
		const struct doc_line *line =
		        &doc->lines[doc->block_first_line[b]];
		if (line->role == DOC_RELATED && line->related == (long)i)
			return doc->block_first_line[b];
	}
	return (size_t)-1;
}
