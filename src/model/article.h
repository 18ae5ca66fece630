/* An article: the one shape every source (article file, feed item, web
 * page) fills and every view shows. */
#ifndef AKHBAR_MODEL_ARTICLE_H
#define AKHBAR_MODEL_ARTICLE_H

#include <stddef.h>

/* All strings are UTF-8 as read from the source (not yet sanitized: the
 * layout makes them safe to draw), owned by the article. Any may be NULL
 * except title, which is at least "". */
struct article {
	char *site;     /* publisher's name */
	char *title;    /* headline */
	char *date;     /* as given by the source */
	char *link;     /* URL of the original */
	char *credit;   /* the credit line, e.g. "منبع : خبرگزاری مهر" */
	char *origin;   /* where it was read from: a path or URL */
	char **body;    /* paragraphs */
	size_t nbody;
	char **related; /* related headlines, as the source lists them */
	size_t nrelated;
};

/* A new empty article (title ""); free with article_free(). */
struct article *article_new(void);

/* Append a copy of a paragraph to the body. */
void article_add_paragraph(struct article *a, const char *text, size_t len);

/* Append a copy of a related headline. */
void article_add_related(struct article *a, const char *text, size_t len);

/* Free an article and everything it owns; NULL is allowed. */
void article_free(struct article *a);

#endif
