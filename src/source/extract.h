/* A web page's article: the bytes of a news page into a struct article,
 * with libxml2's HTML parser (never the network, never a script).
 *
 * The page is decoded as extract_charset.h settles its encoding.  Title,
 * site, date and author come from the page's metadata (JSON-LD, Open
 * Graph, <time>, microdata) and its headline.  The body is the JSON-LD
 * articleBody when the page has one that its visible text bears out, else
 * the text of the element that scores best as an article (text length,
 * commas, link density, class and id names) with its siblings that belong
 * to it, cleaned of what is not the article (share bars, captions, "read
 * also" boxes, forms, lists of links).  A short paragraph naming the
 * source ("منبع: ...") becomes the credit line.  The related-news box
 * gives the related headlines and their links; the most-read list and the
 * menus do not. */
#ifndef AKHBAR_SOURCE_EXTRACT_H
#define AKHBAR_SOURCE_EXTRACT_H

#include <stddef.h>

#include "model/article.h"

struct extract_options {
	const char *url;     /* the page's address, for relative links, or
	                        NULL; a <base href> in the page wins */
	const char *charset; /* the HTTP Content-Type charset, or NULL */
};

/* Why a page gave no article. */
enum extract_failure {
	EXTRACT_FOUND,      /* it did */
	EXTRACT_INDEX,      /* a page of headlines and links */
	EXTRACT_LOGIN,      /* a login or subscription wall */
	EXTRACT_TOO_LITTLE, /* too little text to be an article */
};

struct extraction {
	struct article *article; /* NULL when the page holds none */
	/* links[i]: where article->related[i] leads, absolute when the
	 * page's address is known (the article model keeps headlines
	 * only) */
	char **links;
	enum extract_failure why;
	const char *charset; /* the encoding the page was read in */
};

/* Why a page holds no article, in the user's words ("no article: ..."). */
const char *extract_failure_text(enum extract_failure why);

/* The article of a page of len bytes.  All text in the article is valid
 * UTF-8 without control characters.  Free with extraction_free(). */
struct extraction *extract_page(const char *page, size_t len,
                                const struct extract_options *opt);

/* Free an extraction and its article; NULL is allowed. */
void extraction_free(struct extraction *x);

#endif
