/* An article laid out as the article view shows it (and --dump prints it):
 * headline, site and date, body, credit, then "Related stories".  Built
 * on the layout engine; knows nothing of curses. */
#ifndef AKHBAR_LAYOUT_DOCUMENT_H
#define AKHBAR_LAYOUT_DOCUMENT_H

#include <stddef.h>

#include "layout/layout.h"
#include "model/article.h"

enum doc_role {
	DOC_BLANK, /* an empty row between blocks */
	DOC_HEADLINE,
	DOC_META, /* site and date */
	DOC_BODY,
	DOC_CREDIT,
	DOC_HEADING, /* "Related stories" */
	DOC_RELATED, /* one related headline */
};

struct doc_line {
	const struct lay_row *row; /* owned by the document */
	enum doc_role role;
	size_t block; /* the paragraph (block) this row belongs to */
	long related; /* DOC_RELATED: index in article->related;
	                 otherwise -1 */
};

struct document {
	struct doc_line *lines;
	size_t nlines;
	size_t nblocks;
	struct lay_paragraph **blocks; /* nblocks paragraphs, in order */
	char **block_text;             /* the text each was laid out from
	                                  (its rows' offsets are in it) */
	size_t *block_first_line;      /* first line of each block */
};

/* Lay out an article at opt->width columns; free with document_free(). */
struct document *document_new(const struct article *a,
                              const struct lay_options *opt);

/* Free a document; NULL is allowed. */
void document_free(struct document *doc);

/* The first line of related headline i, or (size_t)-1 when there is none. */
size_t document_related_line(const struct document *doc, size_t i);

#endif
