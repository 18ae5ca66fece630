/* HTML of feed items into article paragraphs, with libxml2's HTML parser
 * (forgiving, never touches the network).
 *
 * Blocks (p, div, headings, blockquote, ...) and <br> end a paragraph;
 * whitespace collapses as in a browser; a list item starts with "• " (or
 * "3. " in an ordered list), and the items of a list follow each other
 * without a blank row (ARTICLE_DIR_FOLLOWS); nested lists and quotes are
 * indented by four spaces a level; each line of a <pre> is a paragraph of
 * its own, kept as written, marked LTR and following the line before; a
 * table's rows are paragraphs that follow each other, their cells
 * isolated (FSI..PDI) and padded to their column's width, in the table's
 * direction (its dir or lang, else its first letter's); a table in a cell
 * is that cell's text; a link's text is followed by its number
 * ("text[3]") and "[3] URL" paragraphs list the links at the end; an image
 * shows as "[image: alt]" or "[image]" (1x1 trackers are dropped),
 * followed by the number of its address in that list; script, style,
 * noscript, iframes, forms' controls and media are dropped.
 *
 * Direction: dir="rtl"/"ltr" on a block, or lang with a right-to-left
 * (ar, fa, he, ur, ...) or other language, sets the direction of the
 * paragraphs inside it (article.body_dir); dir="auto" returns to auto.  An
 * element with dir (and <bdi>, <bdo>) that starts a paragraph gives it its
 * direction; inside a paragraph its text is isolated with U+2066..U+2069
 * (<bdo>: overridden with U+202D/U+202E), which the layout resolves and
 * then drops. */
#ifndef AKHBAR_SOURCE_HTML_H
#define AKHBAR_SOURCE_HTML_H

#include <stddef.h>

#include "model/article.h"

/* Append the paragraphs of an HTML fragment (UTF-8) to a's body.  Relative
 * links and images resolve against base (may be NULL). */
void html_to_article(struct article *a, const char *html, size_t len,
                     const char *base);

/* Append plain text to a's body: paragraphs end at blank lines; the lines
 * of a paragraph are joined with a space. */
void html_text_to_article(struct article *a, const char *text, size_t len);

/* The start of a body given as HTML or plain text (format is
 * ARTICLE_SOURCE_HTML or _TEXT) as article.summary has it: its first
 * paragraphs joined by '\n', cut at ARTICLE_SUMMARY_BYTES.  Only as much
 * HTML is parsed as that takes.  The caller frees it. */
char *html_summary(const char *source, size_t len, char format);

/* Make a's paragraphs from its body source (article.body_source), if it
 * has one, and drop the source. */
void html_make_body(struct article *a);

/* An HTML fragment as one line of text: tags dropped, blocks joined with a
 * space, whitespace collapsed, no link numbers (for titles given as HTML).
 * The caller frees it. */
char *html_to_line(const char *html, size_t len);

/* Decode HTML character references ("&amp;", "&eacute;", "&#1605;",
 * "&#x5d0;") in text that is not otherwise HTML, such as a title escaped
 * twice.  A reference without its ';' or unknown stays as written.  The
 * caller frees the result. */
char *html_decode_entities(const char *text, size_t len);

#endif
