/* An article: the one shape every source (article file, feed item, web
 * page) fills and every view shows. */
#ifndef AKHBAR_MODEL_ARTICLE_H
#define AKHBAR_MODEL_ARTICLE_H

#include <stddef.h>

/* A media file attached to a feed item. */
struct enclosure {
	char *url;
	char *type;       /* MIME type; may be NULL */
	long long length; /* bytes; 0 unknown */
};

/* All strings are UTF-8 as read from the source (not yet sanitized: the
 * layout makes them safe to draw), owned by the article. Any may be NULL
 * except title, which is at least "". */
struct article {
	char *site;  /* publisher's name */
	char *title; /* headline */
	char *date;  /* as given by the source */
	char *link;  /* URL of the original */
	char *credit; /* the credit line, e.g. "منبع : خبرگزاری مهر" */
	char *origin; /* where it was read from: a path or URL */
	char *author;
	char *guid;     /* the feed's id for the item (guid, atom:id) */
	long long time; /* date as seconds since the epoch, UTC; 0 unknown */
	char *language; /* e.g. "fa", from the feed or the HTML; may be NULL */
	char **body;    /* paragraphs */
	char *body_dir; /* NULL, or nbody bytes (no NUL): body[i]'s base
	                   direction, ARTICLE_DIR_AUTO (from its first strong
	                   character), _LTR (e.g. a line of <pre>) or _RTL
	                   (e.g. <p dir="rtl">); NULL means all auto */
	size_t nbody;
	size_t body_cap; /* slots in body and body_dir; 0 when body was
	                    filled directly (article_add_paragraph() then
	                    makes them) */
	/* The body as a feed gave it, still to be made paragraphs: feed
	 * items are parsed, stored and read back this way, and made
	 * paragraphs only to be shown (html_make_body() in source/html.h),
	 * so that storing a feed costs no HTML conversion and the cache keeps
	 * everything the feed said.  NULL when body is all there is. */
	char *body_source;
	char body_format; /* ARTICLE_SOURCE_HTML or ARTICLE_SOURCE_TEXT */
	char *body_base;  /* URL its relative links are read against; may
	                     be NULL */
	char *summary;    /* the body's start as text, paragraphs joined by
	                     '\n', at most ARTICLE_SUMMARY_BYTES; NULL: made
	                     from body when wanted (article_summary()) */
	char **related;   /* related headlines, as the source lists them */
	size_t nrelated;
	char *feed; /* the name of the feed it comes from (a cache's item) */
	char **related_feed; /* NULL, or nrelated names (NULL entries
	                        for none): the feed related headline k
	                        comes from when it is not the article's;
	                        made once related is complete */
	char **categories;
	size_t ncategories;
	struct enclosure *enclosures;
	size_t nenclosures;
};

/* Values of article.body_dir. */
#define ARTICLE_DIR_AUTO 'a'
#define ARTICLE_DIR_LTR  'l'
#define ARTICLE_DIR_RTL  'r'
/* The same letters in upper case: the paragraph goes on from the one
 * before it without a blank row between (a list's next item, a table's
 * next row). */
#define ARTICLE_DIR_FOLLOWS(d) ((char)((d) & ~0x20))

/* The direction of a body_dir letter, without ARTICLE_DIR_FOLLOWS. */
char article_dir_base(char d);

/* Whether a body_dir letter says the paragraph follows the one before
 * it without a blank row. */
int article_dir_follows(char d);

/* Values of article.body_format. */
#define ARTICLE_SOURCE_HTML 'h'
#define ARTICLE_SOURCE_TEXT                                                    \
	't' /* plain text, paragraphs apart by a blank                         \
	       line */

/* How much of a body's start is its summary: a feed's description is
 * about this long, and the first sentences of an article say what it is
 * about. */
#define ARTICLE_SUMMARY_BYTES 600

/* A new empty article (title ""); free with article_free(). */
struct article *article_new(void);

/* Append a copy of a paragraph to the body (direction auto). */
void article_add_paragraph(struct article *a, const char *text, size_t len);

/* Append a copy of a paragraph with its base direction, one of
 * ARTICLE_DIR_AUTO, _LTR, _RTL (anything else counts as auto). */
void article_add_paragraph_dir(struct article *a, const char *text, size_t len,
                               char dir);

/* A link the body lists by number: "[N] URL" paragraphs at its end, as
 * html.h writes them (and an article file keeps them). */
struct article_link {
	size_t number;
	const char *url; /* in a->body: valid while the body is */
};

/* The links a's body lists at its end, in order; *n their count.  The
 * caller frees the array (not the urls). */
struct article_link *article_numbered_links(const struct article *a, size_t *n);

/* Append a copy of a related headline. */
void article_add_related(struct article *a, const char *text, size_t len);

/* Append a copy of a category name. */
void article_add_category(struct article *a, const char *text, size_t len);

/* Append an enclosure (copies of url and type; type may be NULL). */
void article_add_enclosure(struct article *a, const char *url, const char *type,
                           long long length);

/* The length of text's start of at most max bytes, cut where a word ends
 * (at a space or newline), else at least between characters. */
size_t article_text_cut(const char *text, size_t len, size_t max);

/* a's summary: a copy of a->summary, else its first paragraphs joined by
 * '\n' and cut by article_text_cut() at ARTICLE_SUMMARY_BYTES; NULL when
 * it has neither. */
char *article_summary(const struct article *a);

/* A copy of a and everything it owns, to be freed apart from a with
 * article_free(). */
struct article *article_copy(const struct article *a);

/* Free an article and everything it owns; NULL is allowed. */
void article_free(struct article *a);

#endif
