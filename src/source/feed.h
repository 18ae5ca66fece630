/* RSS 0.91/0.92/2.0, RSS 1.0 (RDF), RSS 1.1 and Atom 1.0/0.3 feeds (and
 * Atom entry documents) into articles.
 *
 * The parser streams (libxml2's SAX2 push parser): it holds one item at a
 * time, so a feed of any size needs little memory, and bytes can be pushed
 * as they arrive from the network.  Namespaces are matched by URI, not by
 * prefix.  The bytes are decoded with iconv before libxml2 sees them, in
 * the encoding an override names, else a byte order mark, else the HTTP
 * charset, else the XML declaration, else UTF-8 when the first 4 KB are,
 * else the one of windows-1256, ISO-8859-6, windows-1255, ISO-8859-8 and
 * windows-1252 they read best in; labels are read as the Encoding Standard reads them
 * (iso-8859-1 is windows-1252) and a bare code page ("866") is one.  What
 * can't be decoded becomes U+FFFD: libxml2 gets, and the items hold, only
 * valid UTF-8.  A '&' that starts no reference is text, and so is an
 * unknown entity ("&foo;"), as browsers read them.  Malformed XML is
 * recovered where libxml2 can; what it can't (no root element, an entity
 * expansion over libxml2's limits) fails with a message.  External
 * entities and DTDs are never loaded, nothing touches the network.
 *
 * Each item becomes a struct article:
 *   title       title, else dc:title or media:title (plain text; Atom
 *               type="html"/"xhtml" made text, base64 types decoded)
 *   link        RSS link, else a permalink guid; Atom link rel="alternate"
 *               or without rel; resolved against xml:base, else
 *               Content-Location, else the feed URL (spaces and
 *               non-ASCII letters escaped)
 *   date, time  the last of pubDate, published, issued, created,
 *               dcterms:issued, else of updated, modified, dc:date,
 *               dcterms:modified; time in seconds UTC and date as
 *               "2024-03-07 17:35 +0330" in the zone the feed wrote (see
 *               text/date.h); a date that can't be parsed is kept as
 *               written with time 0
 *   author      author or dc:creator ("mail@host (Name)", "Name (mail)"
 *               and "Name <mail>" give Name), Atom author/name, else
 *               itunes:author; several are joined with ", "
 *   guid        guid, Atom id, else RDF's rdf:about
 *   body        content:encoded, Atom content, xhtml:body or fullitem,
 *               else description, Atom summary, dc:description,
 *               itunes:summary or media:description (also in a
 *               media:group), kept as the feed wrote it (body_source):
 *               HTML, or plain text for Atom type="text" and an RSS
 *               description without tags; html_make_body() makes its
 *               paragraphs when the item is shown.  summary is the start
 *               of its text (html_summary()).  Its base is the xml:base
 *               (or Content-Location) in scope, else in RSS the item's
 *               link
 *   categories  category, dc:subject, media:category, itunes:category
 *               text, Atom category label or term
 *   enclosures  enclosure url/type/length, Atom link rel="enclosure"
 *               type/length, media:content url/type (else medium)/
 *               fileSize (also in a media:group); a url given twice is
 *               listed once
 *   language    the body's xml:lang, else the item's or dc:language, else
 *               the feed's, else Content-Language; none for xml:lang=""
 *   site        the feed's title, as far as the document has given it
 *   origin      the request's URL
 */
#ifndef AKHBAR_SOURCE_FEED_H
#define AKHBAR_SOURCE_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "model/article.h"
#include "model/library.h"

/* What a feed says about itself.  The strings belong to the struct (free
 * them with feed_meta_free()); any may be NULL. */
struct feed_meta {
	char *title;
	char *link;     /* the site's address */
	char *language; /* RSS language or dc:language, else xml:lang */
	char *format;   /* "RSS 2.0", "RSS 0.91", "RSS 1.0", "Atom 1.0", ... */
	size_t nitems;  /* items handed to the callback */
};

/* Receives each item, in document order, on the thread that calls
 * feed_parser_push() and feed_parser_finish().  The callback owns item: it
 * keeps it or frees it with article_free().  meta is the parser's: it
 * holds what the document said before this item, may change after the
 * call, and must not be freed; copy what you keep. */
typedef void (*feed_item_fn)(void *ctx, const struct feed_meta *meta,
                             struct article *item);

/* What a parse needs besides the bytes.  The strings are only read during
 * the parse. */
struct feed_request {
	const char *url;      /* the feed's address or path: the base of
	                         relative links and each item's origin; may be
	                         NULL */
	const char *encoding; /* overrides every other hint of the encoding;
	                         NULL: as the headers or the document say */
	/* The HTTP answer's headers, or NULL.  The Content-Type's charset
	 * comes after a byte order mark, before the XML declaration;
	 * Content-Location (resolved against url) is the base of relative
	 * links; Content-Language is the language of what says none. */
	const char *content_type;
	const char *content_location;
	const char *content_language;
	feed_item_fn item; /* required */
	void *ctx;         /* passed to item */
};

/* A parse in progress, fed by feed_parser_push(). */
struct feed_parser;

/* Start a parse; req is copied (its strings too).  Finish it with
 * feed_parser_finish(), which frees it. */
struct feed_parser *feed_parser_new(const struct feed_request *req);

/* Parse the next len bytes, handing the items they complete to the
 * callback.  Returns 0, or -1 once the parse has failed: push nothing
 * more, feed_parser_finish() tells why. */
int feed_parser_push(struct feed_parser *p, const char *data, size_t len);

/* End the document (an item it cut short still goes to the callback) and
 * free p; no callback runs after it returns.  When meta is not NULL,
 * the feed's description is moved into it (also after a failure; free it
 * with feed_meta_free()).  Returns 0, or -1 with *error set to a one-line
 * message the caller frees when the bytes were not a feed or could not be
 * read to their end.  The items that ended before a failure are handed
 * out and stay with the callback's owner. */
int feed_parser_finish(struct feed_parser *p, struct feed_meta *meta,
                       char **error);

/* Parse a whole feed in memory (pushed in small pieces, so libxml2 holds
 * no second copy).  Same results as feed_parser_finish(). */
int feed_parse_memory(const char *buf, size_t len,
                      const struct feed_request *req, struct feed_meta *meta,
                      char **error);

/* Parse a feed read from fd to its end (fd is not closed).  Same results
 * as feed_parser_finish(); a read error fails with its message. */
int feed_parse_fd(int fd, const struct feed_request *req,
                  struct feed_meta *meta, char **error);

/* Free the strings of meta and empty it; NULL is allowed. */
void feed_meta_free(struct feed_meta *meta);

/* Whether the first bytes of a file look like a feed: after an optional
 * UTF-8 byte order mark and white space, an XML document whose root
 * element is rss, RDF, feed, entry or Channel (RSS 1.1), any prefix.  A few
 * kilobytes are enough. */
bool feed_sniff(const char *buf, size_t len);

#endif
