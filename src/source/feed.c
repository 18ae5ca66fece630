#include "config.h"

#include "source/feed.h"
#include "source/fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <unistr.h>

#include "source/extract_charset.h"
#include "source/html.h"
#include "source/url.h"
#include "util/strbuf.h"
#include "text/ascii.h"
#include "text/date.h"
#include "text/safe.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define NS_ATOM         "http://www.w3.org/2005/Atom"
#define NS_ATOM03       "http://purl.org/atom/ns#"
#define NS_RSS10        "http://purl.org/rss/1.0/"
#define NS_RSS090       "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RSS_USERLAND "http://backend.userland.com/rss2"
#define NS_RDF          "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC           "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT      "http://purl.org/rss/1.0/modules/content/"
#define NS_DCTERMS      "http://purl.org/dc/terms/"
#define NS_RSS11        "http://purl.org/net/rss1.1#"
#define NS_XHTML        "http://www.w3.org/1999/xhtml"
#define NS_MEDIA        "http://search.yahoo.com/mrss/"
#define NS_ITUNES       "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_XML          "http://www.w3.org/XML/1998/namespace"

/* Bytes handed to libxml2 at a time. */
#define CHUNK 65536

/* Bytes read before the encoding is settled: the XML declaration is in
 * the first of them, and an undeclared document that is not UTF-8 shows
 * it there. */
#define SNIFF_BYTES 4096

/* The longest entity reference ("&name;") kept as one. */
#define REFERENCE_MAX 40

enum format { FORMAT_NONE, FORMAT_RSS, FORMAT_RDF, FORMAT_ATOM };

/* How a captured element's text is to be read. */
enum kind {
	KIND_TEXT,  /* plain text */
	KIND_HTML,  /* HTML source (escaped in the XML) */
	KIND_XHTML, /* XHTML elements inside the XML */
	KIND_RSS,   /* an RSS element: HTML when it holds tags, else text */
	KIND_SKIP,  /* content we can't show (base64, binary types) */
};

enum field {
	FIELD_TITLE,
	FIELD_LINK,
	FIELD_SUMMARY,
	FIELD_CONTENT,
	FIELD_DATE,    /* pubDate, published, issued, created */
	FIELD_UPDATED, /* updated, modified, dc:date: when there is no other */
	FIELD_AUTHOR,
	FIELD_AUTHOR_ALT, /* itunes:author: when there is no other */
	FIELD_AUTHOR_RSS, /* "mail@host (Name)" */
	FIELD_GUID,
	FIELD_CATEGORY,
	FIELD_LANGUAGE,
	FIELD_FEED_TITLE,
	FIELD_FEED_LINK,
	FIELD_FEED_LANGUAGE,
};

/* One open element: its xml:base (resolved) and xml:lang when it has
 * them, else NULL (inherited). */
struct frame {
	char *base;
	char *lang;
};

/* The text of the element being read. */
struct capture {
	int depth; /* 0: none */
	enum field field;
	enum kind kind;
	struct strbuf text;
	char *base;    /* the element's base URL; may be NULL */
	bool declared; /* base is an xml:base or Content-Location */
	char *lang;    /* the element's language; may be NULL */
	bool weak;     /* a field's stand-in (media:title, itunes:summary):
	                  the field's own element replaces it */
	bool base64;   /* Atom mode="base64" */
};

/* The item being read. */
struct item {
	struct article *a; /* NULL outside an item */
	char *title;
	enum kind title_kind;
	bool title_weak;
	char *link;
	char *guid;
	bool guid_permalink;
	char *about; /* RDF rdf:about */
	char *date, *updated;
	struct strbuf authors;
	char *summary, *content;
	enum kind summary_kind, content_kind;
	bool summary_weak;
	char *summary_base, *content_base;
	bool summary_declared, content_declared; /* their base is xml:base */
	char *summary_lang, *content_lang;       /* their xml:lang */
	char *author_alt;
	char *language;  /* dc:language */
	int media_depth; /* an open media:group; 0 none */
};

/* Where the escaper is in the decoded text. */
enum markup { MARKUP_TEXT, MARKUP_CDATA, MARKUP_COMMENT, MARKUP_PI };

/* The bytes on their way to libxml2: held until the encoding is settled,
 * decoded into valid UTF-8, and bare ampersands escaped. */
struct input {
	bool settled;
	struct strbuf head; /* bytes held until then */
	iconv_t cd;         /* the document's encoding to UTF-8 */
	bool utf8_input;    /* the document is UTF-8 */
	bool first;         /* nothing decoded yet (a BOM may come) */
	char partial[8];    /* a multibyte sequence cut by a push */
	size_t npartial;
	struct strbuf utf8; /* decoded, not escaped yet */
	struct strbuf out;  /* what libxml2 is given */
	enum markup markup;
};

struct feed_parser {
	xmlParserCtxtPtr ctxt;
	struct input in;
	char *encoding;     /* a label that overrides the document's */
	char *http_charset; /* the Content-Type's charset, or NULL */
	char *http_lang;    /* Content-Language, or NULL */
	char *base_url;     /* the base of relative links: Content-Location
	                       resolved against url, else url */
	bool http_base;     /* base_url is Content-Location's */
	xmlSAXHandler sax;
	char *url;
	bool url_is_absolute; /* url has a scheme (not a file path) */
	feed_item_fn item_fn;
	void *ctx;
	struct feed_meta meta;
	enum format format;
	int depth;            /* open elements */
	struct frame *frames; /* frames[d - 1]: the open element at depth d */
	size_t frames_cap;
	int channel_depth; /* the element whose children describe the feed */
	int item_depth;    /* the open item; 0 outside one */
	int author_depth;  /* an Atom author inside the item; 0 none */
	bool root_seen, root_done;
	struct item item;
	struct capture cap;
	char *error;     /* why the parse failed; NULL while it goes on */
	char *xml_error; /* the last error libxml2 reported */
	int xml_error_line;
	char *xml_lang; /* xml:lang of the root or the RSS channel */
};

/* ---- small string helpers ---- */

/* A copy with runs of white space made one space and the ends trimmed. */
static char *collapse(const char *s)
{
	struct strbuf b = {0};
	bool space = false;
	for (; *s; s++) {
		if (ascii_is_space(*s)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			strbuf_addc(&b, ' ');
		space = false;
		strbuf_addc(&b, *s);
	}
	return strbuf_take(&b);
}

/* collapse(), or NULL when nothing is left. */
static char *collapse_or_null(const char *s)
{
	char *c = collapse(s);
	if (!*c) {
		free(c);
		return NULL;
	}
	return c;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (!ascii_is_space(*s))
			return false;
	return true;
}

/* Whether text holds an HTML tag ("<p", "</", "<!--"). */
static bool has_markup(const char *s)
{
	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		char c = p[1];
		if (ascii_is_alpha(c) || c == '/' || c == '!')
			return true;
	}
	return false;
}

static bool has_scheme(const char *url)
{
	xmlURIPtr u = xmlParseURI(url);
	bool yes = u && u->scheme;
	xmlFreeURI(u);
	return yes;
}

/* url resolved against base (either may be relative or NULL). */
static char *resolve(const char *url, const char *base)
{
	return url ? url_resolve(url, base) : NULL;
}

/* The base of relative URLs: xml:base, else the feed's URL, else (for a
 * feed read from a file) the site's address it gives. */
static const char *effective_base(const struct feed_parser *p)
{
	for (int d = p->depth; d > 0; d--)
		if (p->frames[d - 1].base)
			return p->frames[d - 1].base;
	return p->url_is_absolute ? p->base_url : p->meta.link;
}

/* Whether the base at the open element was declared (xml:base,
 * Content-Location) rather than the feed's own URL. */
static bool base_declared(const struct feed_parser *p)
{
	for (int d = p->depth; d > 0; d--)
		if (p->frames[d - 1].base)
			return true;
	return p->http_base;
}

/* The xml:lang in scope at depth ("" when xml:lang="" said there is
 * none), else Content-Language, else NULL. */
static const char *declared_lang(const struct feed_parser *p, int depth)
{
	for (int d = depth; d > 0; d--)
		if (p->frames[d - 1].lang)
			return p->frames[d - 1].lang;
	return p->http_lang;
}

/* declared_lang(), NULL for "". */
static const char *effective_lang(const struct feed_parser *p, int depth)
{
	const char *lang = declared_lang(p, depth);
	return lang && *lang ? lang : NULL;
}

/* ---- attributes (SAX2: localname, prefix, URI, value, end) ---- */

struct attrs {
	xmlParserCtxtPtr ctxt;
	int n;
	const xmlChar **v;
};

/* The value of an attribute, or NULL; the caller frees it.  With entities
 * not substituted libxml2 leaves references in attribute values ("&#38;"
 * for "&amp;"): decode them as its tree builder does. */
static char *attr_get(const struct attrs *at, const char *ns, const char *name)
{
	for (int i = 0; i < at->n; i++) {
		const xmlChar **a = at->v + 5 * i;
		if (strcmp((const char *)a[0], name) != 0)
			continue;
		if (ns ? !a[2] || strcmp((const char *)a[2], ns) != 0
		       : a[2] != NULL)
			continue;
		size_t len = (size_t)(a[4] - a[3]);
		if (!memchr(a[3], '&', len) || len > INT_MAX)
			return xstrndup((const char *)a[3], len);
		xmlChar *d = xmlStringLenDecodeEntities(
		        at->ctxt, a[3], (int)len, XML_SUBSTITUTE_REF, 0, 0, 0);
		if (!d)
			return xstrdup("");
		char *s = xstrdup((const char *)d);
		xmlFree(d);
		return s;
	}
	return NULL;
}

/* ---- the item ---- */

static void item_clear(struct item *it)
{
	article_free(it->a);
	free(it->title);
	free(it->link);
	free(it->guid);
	free(it->about);
	free(it->date);
	free(it->updated);
	strbuf_free(&it->authors);
	free(it->summary);
	free(it->content);
	free(it->summary_base);
	free(it->content_base);
	free(it->summary_lang);
	free(it->content_lang);
	free(it->author_alt);
	free(it->language);
	*it = (struct item){0};
}

/* A title as plain text on one line. */
static char *title_text(const char *s, enum kind kind)
{
	char *line;
	if (kind == KIND_HTML || kind == KIND_XHTML ||
	    (kind == KIND_RSS && has_markup(s)))
		line = html_to_line(s, strlen(s));
	else if (kind == KIND_RSS) /* feeds that escape their titles twice */
		line = html_decode_entities(s, strlen(s));
	else
		line = xstrdup(s);
	char *c = collapse(line);
	free(line);
	return c;
}

/* Give the item its body as the feed wrote it, with the summary the index
 * needs: the HTML is made paragraphs only when the item is shown. */
static void set_body(struct article *a, char *text, enum kind kind, char *base)
{
	if (kind == KIND_SKIP) {
		free(text);
		free(base);
		return;
	}
	char format = ARTICLE_SOURCE_HTML;
	if (kind == KIND_TEXT || (kind == KIND_RSS && !has_markup(text))) {
		format = ARTICLE_SOURCE_TEXT;
		free(base);
		base = NULL;
	}
	if (kind == KIND_RSS && format == ARTICLE_SOURCE_TEXT) {
		/* Feeds that escape a plain description twice. */
		char *t = html_decode_entities(text, strlen(text));
		free(text);
		text = t;
	}
	a->summary = html_summary(text, strlen(text), format);
	a->body_source = text;
	a->body_format = format;
	a->body_base = base;
}

static bool is_http(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	       strncasecmp(s, "https://", 8) == 0;
}

/* Hand the item read so far to the callback. */
static void item_finish(struct feed_parser *p)
{
	struct item *it = &p->item;
	struct article *a = it->a;
	if (!a)
		return;
	if (it->title) {
		free(a->title);
		a->title = title_text(it->title, it->title_kind);
	}
	if (it->link)
		a->link = xstrdup(it->link);
	else if (it->guid && it->guid_permalink && is_http(it->guid))
		a->link = xstrdup(it->guid);
	a->guid = it->guid    ? xstrdup(it->guid)
	          : it->about ? xstrdup(it->about)
	                      : NULL;

	const char *date = it->date ? it->date : it->updated;
	if (date) {
		int offset;
		if (date_parse(date, &a->time, &offset)) {
			a->date = date_format(a->time, offset);
		} else {
			a->time = 0;
			a->date = collapse_or_null(date);
		}
	}
	if (it->authors.len)
		a->author = strbuf_take(&it->authors);
	else if (it->author_alt)
		a->author = xstrdup(it->author_alt);

	char **text = it->content && !blank(it->content)   ? &it->content
	              : it->summary && !blank(it->summary) ? &it->summary
	                                                   : NULL;
	bool content = text == &it->content;
	/* The language of the text shown, else the item's. */
	const char *lang = !text     ? NULL
	                   : content ? it->content_lang
	                             : it->summary_lang;
	if (!lang)
		lang = it->language ? it->language
		                    : effective_lang(p, p->item_depth);
	if (!lang)
		lang = p->meta.language;
	if (lang && *lang) /* "": the text said it has no language */
		a->language = xstrdup(lang);
	if (p->meta.title)
		a->site = xstrdup(p->meta.title);
	if (p->url)
		a->origin = xstrdup(p->url);

	if (text) {
		char **base = content ? &it->content_base : &it->summary_base;
		bool declared =
		        content ? it->content_declared : it->summary_declared;
		char *body_base;
		/* Relative links in an RSS item without xml:base are read as
		 * the item's page would read them; Atom says xml:base. */
		if (p->format != FORMAT_ATOM && !declared && a->link &&
		    has_scheme(a->link)) {
			body_base = xstrdup(a->link);
		} else {
			body_base = *base;
			*base = NULL;
		}
		set_body(a, *text,
		         content ? it->content_kind : it->summary_kind,
		         body_base);
		*text = NULL;
	}
	it->a = NULL;
	p->meta.nitems++;
	p->item_fn(p->ctx, &p->meta, a);
	item_clear(it);
	p->item_depth = 0;
	p->author_depth = 0;
}

/* "jdoe@example.com (John Doe)", "John Doe (jdoe@example.com)" and
 * "John Doe <jdoe@example.com>" are John Doe. */
static char *rss_author(const char *s)
{
	const char *open = strchr(s, '(');
	const char *close = strrchr(s, ')');
	char *name = NULL;
	if (open && close && close > open + 1 &&
	    memchr(s, '@', (size_t)(open - s)))
		name = xstrndup(open + 1, (size_t)(close - open - 1));
	else if (open && close && close > open &&
	         memchr(open, '@', (size_t)(close - open)))
		name = xstrndup(s, (size_t)(open - s));
	else if ((open = strchr(s, '<')) && open > s && strchr(open, '@'))
		name = xstrndup(s, (size_t)(open - s)); /* "Name <mail>" */
	if (name) {
		char *c = collapse(name);
		free(name);
		if (*c)
			return c;
		free(c);
	}
	return collapse(s);
}

static void add_author(struct item *it, char *name)
{
	if (*name) {
		if (it->authors.len)
			strbuf_adds(&it->authors, ", ");
		strbuf_adds(&it->authors, name);
	}
	free(name);
}

/* Keep the first value of a field. */
static void set_once(char **dst, char *value)
{
	if (!*dst)
		*dst = value;
	else
		free(value);
}

/* ---- captures ---- */

static void capture_begin(struct feed_parser *p, enum field field,
                          enum kind kind)
{
	p->cap.depth = p->depth;
	p->cap.field = field;
	p->cap.kind = kind;
	p->cap.weak = false;
	p->cap.base64 = false;
	strbuf_reset(&p->cap.text);
	free(p->cap.base);
	const char *base = effective_base(p);
	p->cap.base = base ? xstrdup(base) : NULL;
	p->cap.declared = base_declared(p);
	free(p->cap.lang);
	const char *lang = declared_lang(p, p->depth);
	p->cap.lang = lang ? xstrdup(lang) : NULL;
}

/* A capture of a field's stand-in. */
static void capture_begin_weak(struct feed_parser *p, enum field field,
                               enum kind kind)
{
	capture_begin(p, field, kind);
	p->cap.weak = true;
}

/* Whether a value of a field may be replaced by one read now. */
static bool replaces(const char *old, bool old_weak, bool weak)
{
	return !old || (old_weak && !weak);
}

/* Base64 text decoded, or NULL when it is not base64. */
static char *base64_decode(const char *s)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                             "abcdefghijklmnopqrstuvwxyz0123456789+/";
	struct strbuf b = {0};
	unsigned long bits = 0;
	int nbits = 0;
	for (; *s && *s != '='; s++) {
		if (ascii_is_space((unsigned char)*s))
			continue;
		const char *d = strchr(digits, *s);
		if (!d || !*s) {
			strbuf_free(&b);
			return NULL;
		}
		bits = (bits << 6) | (unsigned long)(d - digits);
		nbits += 6;
		if (nbits >= 8) {
			nbits -= 8;
			strbuf_addc(&b, (char)((bits >> nbits) & 0xFF));
		}
	}
	char *out = strbuf_take(&b);
	return out ? out : xstrdup("");
}

/* The captured text (base64 decoded), or NULL when there is none to use:
 * content of a kind not shown, or base64 that is not UTF-8 text. */
static char *captured_text(const struct capture *c)
{
	char *text = c->text.s ? xstrndup(c->text.s, c->text.len) : xstrdup("");
	if (c->base64) {
		char *decoded = base64_decode(text);
		free(text);
		/* What base64 gives is bytes: only valid UTF-8 is kept. */
		if (decoded &&
		    u8_check((const uint8_t *)decoded, strlen(decoded))) {
			free(decoded);
			decoded = NULL;
		}
		text = decoded;
	}
	if (c->kind == KIND_SKIP) {
		free(text);
		return NULL;
	}
	return text;
}

/* The body of the item from a captured summary or content; takes text
 * (NULL when it was not used). */
static char *capture_body(struct capture *c, struct item *it, char *text)
{
	if (blank(text))
		return text;
	if (c->field == FIELD_CONTENT && !it->content) {
		it->content = text;
		it->content_kind = c->kind;
		it->content_base = c->base;
		it->content_declared = c->declared;
		it->content_lang = c->lang;
	} else if (c->field == FIELD_SUMMARY &&
	           replaces(it->summary, it->summary_weak, c->weak)) {
		free(it->summary);
		free(it->summary_base);
		free(it->summary_lang);
		it->summary = text;
		it->summary_kind = c->kind;
		it->summary_weak = c->weak;
		it->summary_base = c->base;
		it->summary_declared = c->declared;
		it->summary_lang = c->lang;
	} else {
		return text;
	}
	c->base = c->lang = NULL;
	return NULL;
}

static void capture_end(struct feed_parser *p)
{
	struct capture *c = &p->cap;
	struct item *it = &p->item;
	c->depth = 0;
	char *text = captured_text(c);
	if (!text)
		return;
	switch (c->field) {
	case FIELD_TITLE:
		if (replaces(it->title, it->title_weak, c->weak)) {
			free(it->title);
			it->title = text;
			it->title_kind = c->kind;
			it->title_weak = c->weak;
			text = NULL;
		}
		break;
	case FIELD_LINK:
		if (!it->link && !blank(text)) {
			char *t = collapse(text);
			it->link = resolve(t, c->base);
			free(t);
		}
		break;
	case FIELD_SUMMARY:
	case FIELD_CONTENT:
		text = capture_body(c, it, text);
		break;
	case FIELD_DATE: /* the last one, as feedparser reads them */
		if (!blank(text)) {
			free(it->date);
			it->date = collapse(text);
		}
		break;
	case FIELD_UPDATED:
		if (!blank(text)) {
			free(it->updated);
			it->updated = collapse(text);
		}
		break;
	case FIELD_AUTHOR_ALT:
		if (!blank(text))
			set_once(&it->author_alt, collapse(text));
		break;
	case FIELD_AUTHOR:
		add_author(it, collapse(text));
		break;
	case FIELD_AUTHOR_RSS:
		add_author(it, rss_author(text));
		break;
	case FIELD_GUID:
		if (!it->guid && !blank(text))
			it->guid = collapse(text);
		break;
	case FIELD_CATEGORY: {
		char *t = collapse(text);
		if (*t)
			article_add_category(it->a, t, strlen(t));
		free(t);
		break;
	}
	case FIELD_LANGUAGE:
		if (!blank(text))
			set_once(&it->language, collapse(text));
		break;
	case FIELD_FEED_TITLE:
		if (!p->meta.title)
			p->meta.title = title_text(text, c->kind);
		break;
	case FIELD_FEED_LINK:
		if (!p->meta.link && !blank(text)) {
			char *t = collapse(text);
			p->meta.link = resolve(t, c->base);
			free(t);
		}
		break;
	case FIELD_FEED_LANGUAGE:
		if (!blank(text))
			set_once(&p->meta.language, collapse(text));
		break;
	}
	free(text);
}

/* Escape text for HTML source. */
static void add_escaped(struct strbuf *b, const char *s, size_t len,
                        bool quotes)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			strbuf_adds(b, "&amp;");
			break;
		case '<':
			strbuf_adds(b, "&lt;");
			break;
		case '>':
			strbuf_adds(b, "&gt;");
			break;
		case '"':
			if (quotes) {
				strbuf_adds(b, "&quot;");
				break;
			}
			/* fall through */
		default:
			strbuf_addc(b, s[i]);
			break;
		}
	}
}

static bool void_element(const char *name)
{
	static const char *const names[] = {
	        "area",  "base", "br",   "col",   "embed",  "hr",    "img",
	        "input", "link", "meta", "param", "source", "track", "wbr",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(name, names[i]) == 0)
			return true;
	return false;
}

/* An element inside captured HTML or XHTML, written back as HTML source
 * with the attributes the converter reads. */
static void capture_start_tag(struct feed_parser *p, const char *name,
                              const struct attrs *at)
{
	static const char *const keep[] = {
	        "href",  "src",    "alt",   "dir",   "lang",
	        "width", "height", "start", "value",
	};
	struct strbuf *b = &p->cap.text;
	strbuf_addc(b, '<');
	strbuf_adds(b, name);
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
		char *v = attr_get(at, NULL, keep[i]);
		if (!v && strcmp(keep[i], "lang") == 0)
			v = attr_get(at, NS_XML, "lang");
		if (!v)
			continue;
		strbuf_addc(b, ' ');
		strbuf_adds(b, keep[i]);
		strbuf_adds(b, "=\"");
		add_escaped(b, v, strlen(v), true);
		strbuf_addc(b, '"');
		free(v);
	}
	strbuf_addc(b, '>');
}

/* ---- what the elements mean ---- */

static bool is_core(const struct feed_parser *p, const char *uri)
{
	if (!uri)
		return true;
	if (p->format == FORMAT_ATOM)
		return strcmp(uri, NS_ATOM) == 0 || strcmp(uri, NS_ATOM03) == 0;
	return strcmp(uri, NS_RSS10) == 0 || strcmp(uri, NS_RSS090) == 0 ||
	       strcmp(uri, NS_RSS_USERLAND) == 0 || strcmp(uri, NS_RSS11) == 0;
}

static bool is_ns(const char *uri, const char *ns)
{
	return uri && strcmp(uri, ns) == 0;
}

/* Media RSS and iTunes are written in more than one way. */
static bool is_media(const char *uri)
{
	return uri && strncmp(uri, NS_MEDIA, strlen(NS_MEDIA) - 1) == 0 &&
	       (!uri[strlen(NS_MEDIA) - 1] || !strcmp(uri, NS_MEDIA));
}

static bool is_itunes(const char *uri)
{
	return uri && strcasecmp(uri, NS_ITUNES) == 0;
}

/* The reading of an Atom text construct or content from its type (and
 * Atom 0.3's mode). */
static enum kind atom_kind(const struct attrs *at)
{
	char *type = attr_get(at, NULL, "type");
	char *mode = attr_get(at, NULL, "mode");
	enum kind k;
	if (!type || !*type || strcasecmp(type, "text") == 0)
		k = KIND_TEXT;
	else if (strcasecmp(type, "html") == 0 ||
	         strcasecmp(type, "text/html") == 0)
		k = KIND_HTML;
	else if (strcasecmp(type, "xhtml") == 0 ||
	         strcasecmp(type, "application/xhtml+xml") == 0)
		k = KIND_XHTML;
	else if (strncasecmp(type, "text/", 5) == 0)
		k = KIND_TEXT;
	else
		k = KIND_SKIP;
	free(type);
	free(mode);
	return k;
}

/* Begin the capture of an Atom text construct or content; mode="base64"
 * is decoded when it ends. */
static void atom_capture(struct feed_parser *p, enum field field,
                         const struct attrs *at)
{
	capture_begin(p, field, atom_kind(at));
	char *mode = attr_get(at, NULL, "mode");
	char *type = attr_get(at, NULL, "type");
	p->cap.base64 = mode && strcasecmp(mode, "base64") == 0;
	/* Atom 1.0: a media type that is neither text nor XML is base64;
	 * when it decodes to UTF-8 text, that text is shown. */
	if (p->cap.kind == KIND_SKIP && type && strchr(type, '/') &&
	    !strstr(type, "xml")) {
		p->cap.base64 = true;
		p->cap.kind = KIND_TEXT;
	}
	free(type);
	free(mode);
}

static long long parse_length(const char *s)
{
	if (!s)
		return 0;
	char *end;
	errno = 0;
	long long n = strtoll(s, &end, 10);
	return errno || end == s || n < 0 ? 0 : n;
}

/* An enclosure, unless the item lists its url already (a podcast gives
 * its file as an enclosure and again as media:content). */
static void add_enclosure_once(struct article *a, const char *url,
                               const char *type, long long length)
{
	for (size_t i = 0; i < a->nenclosures; i++)
		if (!strcmp(a->enclosures[i].url, url)) {
			if (!a->enclosures[i].type && type)
				a->enclosures[i].type = xstrdup(type);
			if (!a->enclosures[i].length)
				a->enclosures[i].length = length;
			return;
		}
	article_add_enclosure(a, url, type, length);
}

/* An enclosure given by an attribute holding its address (RSS
 * enclosure url, media:content url), resolved as links are; the type is
 * the type attribute's, else the Media RSS medium ("image", "video"). */
static void attr_enclosure(struct feed_parser *p, const struct attrs *at,
                           const char *url_attr, const char *length_attr)
{
	char *url = attr_get(at, NULL, url_attr);
	if (url && !blank(url)) {
		char *t = collapse(url);
		char *abs = resolve(t, effective_base(p));
		char *type = attr_get(at, NULL, "type");
		if (!type || blank(type)) {
			free(type);
			type = attr_get(at, NULL, "medium");
		}
		char *length = attr_get(at, NULL, length_attr);
		add_enclosure_once(p->item.a, abs,
		                   type && !blank(type) ? type : NULL,
		                   parse_length(length));
		free(type);
		free(length);
		free(abs);
		free(t);
	}
	free(url);
}

static void atom_link(struct feed_parser *p, const struct attrs *at,
                      bool in_item)
{
	char *href = attr_get(at, NULL, "href");
	if (!href || blank(href)) {
		free(href);
		return;
	}
	char *rel = attr_get(at, NULL, "rel");
	char *t = collapse(href);
	char *url = resolve(t, effective_base(p));
	free(t);
	free(href);
	if (!rel || strcasecmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/alternate") ==
	            0) {
		if (in_item)
			set_once(&p->item.link, url);
		else
			set_once(&p->meta.link, url);
		url = NULL;
	} else if (in_item && strcasecmp(rel, "enclosure") == 0) {
		char *type = attr_get(at, NULL, "type");
		char *length = attr_get(at, NULL, "length");
		add_enclosure_once(p->item.a, url, type, parse_length(length));
		free(type);
		free(length);
	}
	free(url);
	free(rel);
}

static void item_begin(struct feed_parser *p, const struct attrs *at)
{
	item_clear(&p->item);
	p->item.a = article_new();
	p->item.about = attr_get(at, NS_RDF, "about");
	p->item_depth = p->depth;
	p->author_depth = 0;
}

static bool is_item_element(const struct feed_parser *p, const char *name,
                            const char *uri)
{
	if (!is_core(p, uri))
		return false;
	/* Some Atom feeds call their entries items. */
	return strcmp(name, "item") == 0 ||
	       (p->format == FORMAT_ATOM && strcmp(name, "entry") == 0);
}

/* A child of an RSS item. */
static void rss_item_child(struct feed_parser *p, const char *name,
                           const struct attrs *at)
{
	if (strcmp(name, "title") == 0) {
		capture_begin(p, FIELD_TITLE, KIND_RSS);
	} else if (strcmp(name, "link") == 0) {
		capture_begin(p, FIELD_LINK, KIND_TEXT);
	} else if (strcmp(name, "description") == 0) {
		capture_begin(p, FIELD_SUMMARY, KIND_RSS);
	} else if (strcmp(name, "fullitem") == 0) {
		capture_begin(p, FIELD_CONTENT, KIND_RSS);
	} else if (strcmp(name, "body") == 0) {
		capture_begin(p, FIELD_CONTENT, KIND_XHTML);
	} else if (strcmp(name, "pubDate") == 0) {
		capture_begin(p, FIELD_DATE, KIND_TEXT);
	} else if (strcmp(name, "author") == 0) {
		capture_begin(p, FIELD_AUTHOR_RSS, KIND_TEXT);
	} else if (strcmp(name, "guid") == 0) {
		char *perma = attr_get(at, NULL, "isPermaLink");
		p->item.guid_permalink =
		        !perma || strcasecmp(perma, "false") != 0;
		free(perma);
		capture_begin(p, FIELD_GUID, KIND_TEXT);
	} else if (strcmp(name, "category") == 0) {
		capture_begin(p, FIELD_CATEGORY, KIND_TEXT);
	} else if (strcmp(name, "enclosure") == 0) {
		attr_enclosure(p, at, "url", "length");
	}
}

/* A child of an Atom entry. */
static void atom_item_child(struct feed_parser *p, const char *name,
                            const struct attrs *at)
{
	if (strcmp(name, "title") == 0) {
		atom_capture(p, FIELD_TITLE, at);
	} else if (strcmp(name, "link") == 0) {
		atom_link(p, at, true);
	} else if (strcmp(name, "summary") == 0) {
		atom_capture(p, FIELD_SUMMARY, at);
	} else if (strcmp(name, "content") == 0) {
		/* Content elsewhere (src) is only a link. */
		char *src = attr_get(at, NULL, "src");
		atom_capture(p, FIELD_CONTENT, at);
		if (src)
			p->cap.kind = KIND_SKIP;
		free(src);
	} else if (strcmp(name, "published") == 0 ||
	           strcmp(name, "issued") == 0 ||
	           strcmp(name, "created") == 0) {
		capture_begin(p, FIELD_DATE, KIND_TEXT);
	} else if (strcmp(name, "updated") == 0 ||
	           strcmp(name, "modified") == 0) {
		capture_begin(p, FIELD_UPDATED, KIND_TEXT);
	} else if (strcmp(name, "id") == 0) {
		capture_begin(p, FIELD_GUID, KIND_TEXT);
	} else if (strcmp(name, "author") == 0) {
		p->author_depth = p->depth;
	} else if (strcmp(name, "category") == 0) {
		char *label = attr_get(at, NULL, "label");
		if (!label || blank(label)) {
			free(label);
			label = attr_get(at, NULL, "term");
		}
		if (label) {
			char *t = collapse(label);
			if (*t)
				article_add_category(p->item.a, t, strlen(t));
			free(t);
			free(label);
		}
	}
}

/* An iTunes category: its text attribute. */
static void itunes_category(struct feed_parser *p, const struct attrs *at)
{
	char *text = attr_get(at, NULL, "text");
	if (text && !blank(text)) {
		char *t = collapse(text);
		article_add_category(p->item.a, t, strlen(t));
		free(t);
	}
	free(text);
}

/* A child of an item in another namespace than the feed's own: Dublin
 * Core, content:encoded, xhtml:body, iTunes and Media RSS (whose
 * media:group is read as if its children were the item's). */
static void item_extension(struct feed_parser *p, const char *name,
                           const char *uri, const struct attrs *at)
{
	if (is_ns(uri, NS_DC)) {
		if (strcmp(name, "creator") == 0 || strcmp(name, "author") == 0)
			capture_begin(p, FIELD_AUTHOR_RSS, KIND_TEXT);
		else if (strcmp(name, "date") == 0)
			capture_begin(p, FIELD_UPDATED, KIND_TEXT);
		else if (strcmp(name, "subject") == 0)
			capture_begin(p, FIELD_CATEGORY, KIND_TEXT);
		else if (strcmp(name, "language") == 0)
			capture_begin(p, FIELD_LANGUAGE, KIND_TEXT);
		else if (strcmp(name, "title") == 0)
			capture_begin_weak(p, FIELD_TITLE, KIND_RSS);
		else if (strcmp(name, "description") == 0)
			capture_begin_weak(p, FIELD_SUMMARY, KIND_RSS);
	} else if (is_ns(uri, NS_DCTERMS)) {
		if (strcmp(name, "issued") == 0 || strcmp(name, "created") == 0)
			capture_begin(p, FIELD_DATE, KIND_TEXT);
		else if (strcmp(name, "modified") == 0)
			capture_begin(p, FIELD_UPDATED, KIND_TEXT);
	} else if (is_ns(uri, NS_CONTENT) && strcmp(name, "encoded") == 0) {
		capture_begin(p, FIELD_CONTENT, KIND_RSS);
	} else if (is_ns(uri, NS_XHTML) && strcmp(name, "body") == 0) {
		capture_begin(p, FIELD_CONTENT, KIND_XHTML);
	} else if (is_itunes(uri)) {
		if (strcmp(name, "summary") == 0)
			capture_begin_weak(p, FIELD_SUMMARY, KIND_RSS);
		else if (strcmp(name, "author") == 0)
			capture_begin(p, FIELD_AUTHOR_ALT, KIND_TEXT);
		else if (strcmp(name, "category") == 0)
			itunes_category(p, at);
	} else if (is_media(uri)) {
		if (strcmp(name, "group") == 0)
			p->item.media_depth = p->depth;
		else if (strcmp(name, "title") == 0)
			capture_begin_weak(p, FIELD_TITLE, atom_kind(at));
		else if (strcmp(name, "description") == 0)
			capture_begin_weak(p, FIELD_SUMMARY, atom_kind(at));
		else if (strcmp(name, "category") == 0)
			capture_begin(p, FIELD_CATEGORY, KIND_TEXT);
		else if (strcmp(name, "content") == 0)
			attr_enclosure(p, at, "url", "fileSize");
	}
}

static void item_child(struct feed_parser *p, const char *name, const char *uri,
                       const struct attrs *at)
{
	if (p->author_depth) {
		if (p->depth == p->author_depth + 1 && is_core(p, uri) &&
		    strcmp(name, "name") == 0)
			capture_begin(p, FIELD_AUTHOR, KIND_TEXT);
		return;
	}
	if (p->item.media_depth && p->depth == p->item.media_depth + 1) {
		if (is_media(uri))
			item_extension(p, name, uri, at);
		return;
	}
	if (p->depth == p->item_depth + 2 && is_itunes(uri) &&
	    strcmp(name, "category") == 0) {
		itunes_category(p, at); /* a subcategory */
		return;
	}
	if (p->depth != p->item_depth + 1)
		return;
	if (is_core(p, uri)) {
		if (p->format == FORMAT_ATOM)
			atom_item_child(p, name, at);
		else
			rss_item_child(p, name, at);
	} else {
		item_extension(p, name, uri, at);
	}
}

/* A child of the RSS channel or the Atom feed. */
static void feed_child(struct feed_parser *p, const char *name, const char *uri,
                       const struct attrs *at)
{
	if (is_core(p, uri)) {
		if (strcmp(name, "title") == 0)
			if (p->format == FORMAT_ATOM)
				atom_capture(p, FIELD_FEED_TITLE, at);
			else
				capture_begin(p, FIELD_FEED_TITLE, KIND_RSS);
		else if (strcmp(name, "link") == 0 && p->format == FORMAT_ATOM)
			atom_link(p, at, false);
		else if (strcmp(name, "link") == 0)
			capture_begin(p, FIELD_FEED_LINK, KIND_TEXT);
		else if (strcmp(name, "language") == 0)
			capture_begin(p, FIELD_FEED_LANGUAGE, KIND_TEXT);
	} else if (is_ns(uri, NS_DC) && strcmp(name, "language") == 0) {
		capture_begin(p, FIELD_FEED_LANGUAGE, KIND_TEXT);
	} else if (is_ns(uri, NS_DC) && strcmp(name, "title") == 0) {
		capture_begin(p, FIELD_FEED_TITLE, KIND_RSS);
	}
}

static void fail(struct feed_parser *p, char *message)
{
	if (!p->error)
		p->error = message;
	else
		free(message);
	xmlStopParser(p->ctxt);
}

static void root(struct feed_parser *p, const char *name, const char *uri,
                 const struct attrs *at)
{
	p->root_seen = true;
	if (effective_lang(p, 1))
		p->xml_lang = xstrdup(effective_lang(p, 1));
	if (strcmp(name, "rss") == 0) {
		p->format = FORMAT_RSS;
		char *version = attr_get(at, NULL, "version");
		p->meta.format =
		        version ? xasprintf("RSS %s", version) : xstrdup("RSS");
		free(version);
	} else if (strcmp(name, "RDF") == 0 && is_ns(uri, NS_RDF)) {
		p->format = FORMAT_RDF;
		p->meta.format = xstrdup("RSS 1.0");
	} else if (strcmp(name, "feed") == 0 &&
	           (!uri || is_ns(uri, NS_ATOM) || is_ns(uri, NS_ATOM03))) {
		p->format = FORMAT_ATOM;
		p->meta.format = xstrdup(is_ns(uri, NS_ATOM03) ? "Atom 0.3"
		                                               : "Atom 1.0");
		p->channel_depth = 1;
	} else if (strcmp(name, "entry") == 0 &&
	           (is_ns(uri, NS_ATOM) || is_ns(uri, NS_ATOM03))) {
		/* An Atom entry document: the root is the one item. */
		p->format = FORMAT_ATOM;
		p->meta.format = xstrdup("Atom 1.0");
		item_begin(p, at);
	} else if (strcmp(name, "Channel") == 0 && is_ns(uri, NS_RSS11)) {
		p->format = FORMAT_RDF;
		p->meta.format = xstrdup("RSS 1.1");
		p->channel_depth = 1;
	} else {
		char *shown = text_safe(name, TEXT_SAFE_NAME_MAX);
		fail(p, xasprintf(_("not an RSS or Atom feed (the document is "
		                    "<%s>)"),
		                  shown));
		free(shown);
	}
}

/* ---- SAX callbacks (ctx is the parser context; the state hangs from
 * its _private, which libxml2 also gives the contexts it makes for
 * entities) ---- */

static struct feed_parser *state(void *ctx)
{
	struct feed_parser *p = ((xmlParserCtxtPtr)ctx)->_private;
	/* libxml2 2.9 drops every entity reference (&lt; too) once it knows
	 * a document is malformed: one stray "&" in a title would garble the
	 * escaped HTML of every item after it.  The parser has recovered
	 * when it calls us, so let it read references again.  (After an
	 * entity loop it has stopped and calls nothing.) */
	if (ctx == p->ctxt)
		p->ctxt->wellFormed = 1;
	return p;
}

static void push_frame(struct feed_parser *p, const struct attrs *at)
{
	if ((size_t)p->depth > p->frames_cap) {
		p->frames_cap = p->frames_cap ? p->frames_cap * 2 : 32;
		p->frames = xreallocarray(p->frames, p->frames_cap,
		                          sizeof *p->frames);
	}
	struct frame *f = &p->frames[p->depth - 1];
	*f = (struct frame){0};
	char *base = attr_get(at, NS_XML, "base");
	if (base) {
		/* effective_base() reads the frames below this one. */
		p->depth--;
		f->base = resolve(base, effective_base(p));
		p->depth++;
		free(base);
	}
	char *lang = attr_get(at, NS_XML, "lang");
	if (lang) {
		f->lang = collapse(lang);
		for (char *u = f->lang; (u = strchr(u, '_'));)
			*u = '-';
		free(lang);
	}
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *URI, int nb_namespaces,
                     const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
	(void)prefix;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	struct feed_parser *p = state(ctx);
	if (p->error)
		return;
	const char *name = (const char *)localname;
	const char *uri = (const char *)URI;
	struct attrs at = {ctx, nb_attributes, attributes};
	p->depth++;
	push_frame(p, &at);

	if (p->depth == 1) {
		root(p, name, uri, &at);
		return;
	}
	/* A new item inside the open one: its end tag went missing, and
	 * libxml2's recovery nested the rest of the feed inside it. */
	if (p->item_depth && is_item_element(p, name, uri) &&
	    (!p->cap.depth || p->cap.kind != KIND_XHTML)) {
		if (p->cap.depth)
			capture_end(p);
		item_finish(p);
	}
	if (p->cap.depth) {
		if (p->cap.kind != KIND_TEXT)
			capture_start_tag(p, name, &at);
		return;
	}
	if (p->item_depth) {
		item_child(p, name, uri, &at);
	} else if (is_item_element(p, name, uri)) {
		item_begin(p, &at);
	} else if (p->format != FORMAT_ATOM && is_core(p, uri) &&
	           strcmp(name, "channel") == 0) {
		p->channel_depth = p->depth;
		if (!p->xml_lang && effective_lang(p, p->depth))
			p->xml_lang = xstrdup(effective_lang(p, p->depth));
	} else if (p->channel_depth && p->depth == p->channel_depth + 1) {
		feed_child(p, name, uri, &at);
	}
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *URI)
{
	(void)prefix;
	(void)URI;
	struct feed_parser *p = state(ctx);
	if (p->error || p->depth == 0)
		return;
	if (p->cap.depth == p->depth) {
		capture_end(p);
	} else if (p->cap.depth) {
		if (p->cap.kind != KIND_TEXT &&
		    !void_element((const char *)localname)) {
			strbuf_adds(&p->cap.text, "</");
			strbuf_adds(&p->cap.text, (const char *)localname);
			strbuf_addc(&p->cap.text, '>');
		}
	} else if (p->author_depth == p->depth) {
		p->author_depth = 0;
	} else if (p->item.media_depth == p->depth) {
		p->item.media_depth = 0;
	} else if (p->item_depth == p->depth) {
		item_finish(p);
	} else if (p->channel_depth == p->depth) {
		p->channel_depth = 0;
	}
	if (p->depth == 1)
		p->root_done = true;
	struct frame *f = &p->frames[p->depth - 1];
	free(f->base);
	free(f->lang);
	p->depth--;
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
	struct feed_parser *p = state(ctx);
	if (p->error || !p->cap.depth || len <= 0)
		return;
	if (p->cap.kind == KIND_XHTML)
		add_escaped(&p->cap.text, (const char *)s, (size_t)len, false);
	else
		strbuf_add(&p->cap.text, (const char *)s, (size_t)len);
}

/* Entities: those the document declares, else HTML's (feeds use &nbsp;
 * and &eacute; without declaring them), else the reference itself as
 * text, as a browser shows it; declared on first use so that libxml2
 * expands them as internal entities, within its usual limits. */
static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlEntityPtr e = xmlSAX2GetEntity(ctx, name);
	if (e || ctxt->inSubset || !ctxt->myDoc)
		return e;
	if (!ctxt->myDoc->intSubset &&
	    !xmlCreateIntSubset(ctxt->myDoc, BAD_CAST "feed", NULL, NULL))
		return NULL;
	struct strbuf value = {0};
	const htmlEntityDesc *h = htmlEntityLookup(name);
	if (h) {
		strbuf_add_utf8(&value, h->value);
	} else {
		strbuf_adds(&value, "&#38;");
		strbuf_adds(&value, (const char *)name);
		strbuf_addc(&value, ';');
	}
	e = xmlAddDocEntity(ctxt->myDoc, name, XML_INTERNAL_GENERAL_ENTITY,
	                    NULL, NULL, (const xmlChar *)value.s);
	strbuf_free(&value);
	return e;
}

/* References libxml2 leaves to us: after an invalid UTF-8 byte it reads
 * on as if in Latin-1 and passes character references above U+00FF as
 * "#x200C" or "#8204".  A named entity's text has come through on_text()
 * already (or it is unknown and dropped). */
static void on_reference(void *ctx, const xmlChar *name)
{
	struct feed_parser *p = state(ctx);
	if (p->error || !p->cap.depth || name[0] != '#')
		return;
	bool hex = name[1] == 'x' || name[1] == 'X';
	const char *digits = (const char *)name + (hex ? 2 : 1);
	char *end;
	unsigned long cp = strtoul(digits, &end, hex ? 16 : 10);
	if (end != digits && !*end)
		strbuf_add_utf8(&p->cap.text, cp);
}

/* libxml2's errors come here instead of stderr (which the screen owns). */
static void on_error(void *ctx, xmlErrorPtr e)
{
	struct feed_parser *p = ctx;
	if (!e || e->domain == XML_FROM_HTML || e->level < XML_ERR_ERROR)
		return;
	free(p->xml_error);
	size_t len = e->message ? strlen(e->message) : 0;
	while (len && ascii_is_space(e->message[len - 1]))
		len--;
	/* libxml2 quotes names and values of the document in its messages. */
	struct strbuf shown = {0};
	if (e->message)
		text_safe_add(&shown, e->message, len, TEXT_SAFE_MESSAGE_MAX);
	else
		strbuf_adds(&shown, _("unknown XML error"));
	p->xml_error = strbuf_take(&shown);
	p->xml_error_line = e->line;
}

/* ---- the input: its encoding, decoding, bare ampersands ---- */

/* The encoding label of the XML declaration at the start of buf (ASCII
 * bytes), or NULL.  The caller frees it. */
static char *declared_encoding(const char *buf, size_t len)
{
	if (len < 6 || memcmp(buf, "<?xml", 5) != 0 || !ascii_is_space(buf[5]))
		return NULL;
	const char *end = memmem(buf, len, "?>", 2);
	const char *at =
	        memmem(buf, end ? (size_t)(end - buf) : len, "encoding", 8);
	if (!at)
		return NULL;
	at += 8;
	while (at < buf + len && ascii_is_space(*at))
		at++;
	if (at >= buf + len || *at++ != '=')
		return NULL;
	while (at < buf + len && ascii_is_space(*at))
		at++;
	if (at >= buf + len || (*at != '"' && *at != '\''))
		return NULL;
	const char *close = memchr(at + 1, *at, (size_t)(buf + len - at - 1));
	return close ? xstrndup(at + 1, (size_t)(close - at - 1)) : NULL;
}

/* The iconv name of a label (the Encoding Standard's labels, so that
 * iso-8859-1 is windows-1252; others as iconv knows them, a bare code
 * page number such as 437 too), or NULL. */
static const char *encoding_name(const char *label)
{
	return label ? extract_charset_label(label, strlen(label)) : NULL;
}

static bool is_utf16(const char *name)
{
	return strncasecmp(name, "UTF-16", 6) == 0 ||
	       strncasecmp(name, "UCS-2", 5) == 0;
}

/* The document's encoding: an override, else the byte order mark, else
 * the HTTP charset, else the XML declaration, else UTF-8 when the first
 * bytes are, else the encoding they read best in (windows-1256,
 * ISO-8859-6, windows-1255, ISO-8859-8, windows-1252).  (RFC 7303 and the
 * Encoding Standard put the byte order mark first: a wrong charset on a server
 * is common, a wrong mark is not.)  *bom gets the length of a byte order mark
 * to skip. */
static const char *settle_encoding(const struct feed_parser *p, const char *b,
                                   size_t len, bool all, size_t *bom)
{
	*bom = 0;
	const char *name = encoding_name(p->encoding);
	if (name)
		return name;
	if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
		return *bom = 3, "UTF-8";
	if (len >= 2 && memcmp(b, "\xFE\xFF", 2) == 0)
		return *bom = 2, "UTF-16BE";
	if (len >= 2 && memcmp(b, "\xFF\xFE", 2) == 0)
		return *bom = 2, "UTF-16LE";
	name = encoding_name(p->http_charset);
	if (name)
		return name;
	if (len >= 4 && memcmp(b, "<\0?\0", 4) == 0)
		return "UTF-16LE";
	if (len >= 4 && memcmp(b, "\0<\0?", 4) == 0)
		return "UTF-16BE";
	char *label = declared_encoding(b, len);
	name = encoding_name(label);
	free(label);
	/* A declaration read in ASCII bytes is not UTF-16. */
	if (name && !is_utf16(name))
		return name;
	/* UTF-8 when it is, else the encoding the bytes read best in.  The
	 * bytes held may end inside a character: not an error. */
	size_t n = len, no_bom;
	while (!all && n > 0 && len - n < 3 && ((unsigned char)b[n - 1] & 0x80))
		n--;
	return extract_charset(b, n, NULL, &no_bom);
}

/* The bytes of an invalid UTF-8 sequence at s that make one U+FFFD: the
 * lead byte and the continuation bytes that could still have followed it
 * (the Encoding Standard's maximal subpart). */
static size_t utf8_subpart(const char *s, size_t len)
{
	unsigned char lead = (unsigned char)s[0];
	size_t need = lead >= 0xF0 && lead <= 0xF4   ? 3
	              : lead >= 0xE0 && lead <= 0xEF ? 2
	              : lead >= 0xC2 && lead <= 0xDF ? 1
	                                             : 0;
	unsigned char lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
	unsigned char hi = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
	size_t n = 1;
	while (n <= need && n < len) {
		unsigned char c = (unsigned char)s[n];
		if (c < lo || c > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
		n++;
	}
	return n;
}

/* Decode len bytes into p->in.utf8: what the encoding can't decode is
 * U+FFFD; a sequence cut at the end waits for the next bytes unless
 * final. */
static void decode(struct feed_parser *p, const char *data, size_t len,
                   bool final)
{
	struct input *in = &p->in;
	char joined[sizeof in->partial + 8];
	/* A cut sequence is completed a byte at a time. */
	while (in->npartial && len) {
		joined[in->npartial] = *data;
		memcpy(joined, in->partial, in->npartial);
		size_t n = in->npartial + 1;
		in->npartial = 0;
		data++;
		len--;
		decode(p, joined, n, final && !len);
		if (!in->npartial)
			break;
	}
	char out[4096];
	char *src = (char *)data;
	while (len) {
		char *dst = out;
		size_t room = sizeof out;
		size_t rc = iconv(in->cd, &src, &len, &dst, &room);
		int err = rc == (size_t)-1 ? errno : 0;
		strbuf_add(&in->utf8, out, (size_t)(dst - out));
		if (err == EILSEQ) {
			size_t n = in->utf8_input ? utf8_subpart(src, len) : 1;
			strbuf_adds(&in->utf8, "\xEF\xBF\xBD");
			src += n;
			len -= n;
		} else if (err == EINVAL) {
			if (final || len >= sizeof in->partial) {
				strbuf_adds(&in->utf8, "\xEF\xBF\xBD");
				src++;
				len--;
			} else {
				memcpy(in->partial, src, len);
				in->npartial = len;
				len = 0;
			}
		}
	}
	if (final && in->npartial) {
		strbuf_adds(&in->utf8, "\xEF\xBF\xBD");
		in->npartial = 0;
	}
}

static bool is_hex_digit(char c)
{
	return ascii_is_digit((unsigned char)c) ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static bool is_name_char(char c)
{
	return ascii_is_alpha((unsigned char)c) ||
	       ascii_is_digit((unsigned char)c) || (c && strchr("._:-", c));
}

/* The length of the entity or character reference at s ("&amp;",
 * "&#1605;", "&#x5d0;"), 0 when s holds none, -1 when the bytes end
 * before it can be told. */
static int reference_length(const char *s, size_t len)
{
	size_t i = 1;
	if (i < len && s[i] == '#') {
		i++;
		bool hex = i < len && (s[i] == 'x' || s[i] == 'X');
		i += hex;
		size_t digits = i;
		while (i < len && i < REFERENCE_MAX &&
		       (hex ? is_hex_digit(s[i])
		            : ascii_is_digit((unsigned char)s[i])))
			i++;
		if (i == len && i < REFERENCE_MAX)
			return -1;
		return i > digits && s[i] == ';' ? (int)i + 1 : 0;
	}
	if (i < len && !ascii_is_alpha((unsigned char)s[i]) && s[i] != '_' &&
	    s[i] != ':')
		return 0;
	while (i < len && i < REFERENCE_MAX && is_name_char(s[i]))
		i++;
	if (i == len && i < REFERENCE_MAX)
		return -1;
	return i > 1 && s[i] == ';' ? (int)i + 1 : 0;
}

static const struct {
	const char *open, *close;
	enum markup markup;
} sections[] = {
        {"<![CDATA[", "]]>", MARKUP_CDATA},
        {"<!--", "-->", MARKUP_COMMENT},
        {"<?", "?>", MARKUP_PI},
};

/* Copy the section being read (CDATA, a comment, a processing
 * instruction) up to its end and the end; the bytes used, which are all
 * but a possible start of its end marker unless final. */
static size_t copy_section(struct input *in, const char *s, size_t len,
                           bool final)
{
	const char *close = sections[in->markup - 1].close;
	size_t n = strlen(close);
	const char *end = memmem(s, len, close, n);
	size_t upto = end        ? (size_t)(end - s) + n
	              : final    ? len
	              : len >= n ? len - (n - 1)
	                         : 0;
	strbuf_add(&in->out, s, upto);
	if (end)
		in->markup = MARKUP_TEXT;
	return upto;
}

/* Copy the reference at s ("&#X41;" as "&#x41;", which XML wants), or
 * "&amp;" for a '&' that starts none; the bytes used, 0 when the bytes
 * end before that can be told. */
static size_t copy_ampersand(struct input *in, const char *s, size_t len,
                             bool final)
{
	int n = reference_length(s, len);
	if (n < 0 && !final)
		return 0;
	if (n <= 0) {
		strbuf_adds(&in->out, "&amp;");
		return 1;
	}
	bool big_x = s[1] == '#' && s[2] == 'X';
	strbuf_adds(&in->out, big_x ? "&#x" : "");
	strbuf_add(&in->out, s + (big_x ? 3 : 0), (size_t)n - (big_x ? 3 : 0));
	return (size_t)n;
}

/* Copy the '<' at s, or the start of the section it opens; the bytes
 * used, 0 when the bytes end before that can be told. */
static size_t copy_open(struct input *in, const char *s, size_t len, bool final)
{
	bool undecided = false;
	for (size_t k = 0; k < sizeof sections / sizeof *sections; k++) {
		size_t n = strlen(sections[k].open);
		size_t have = len < n ? len : n;
		if (memcmp(s, sections[k].open, have) != 0)
			continue;
		if (have < n) {
			undecided = true;
			continue;
		}
		strbuf_add(&in->out, s, n);
		in->markup = sections[k].markup;
		return n;
	}
	if (undecided && !final)
		return 0;
	strbuf_addc(&in->out, '<');
	return 1;
}

/* Copy decoded text to p->in.out with each '&' that starts no reference
 * written "&amp;", as browsers read it, and NUL (which XML can't hold)
 * as U+FFFD; CDATA sections, comments and processing instructions are
 * copied as they are.  Text that can't be told yet stays in p->in.utf8
 * unless final. */
static void escape(struct feed_parser *p, bool final)
{
	struct input *in = &p->in;
	const char *s = in->utf8.s;
	size_t len = in->utf8.len, i = 0, used = 1;
	while (i < len && used) {
		if (in->markup != MARKUP_TEXT) {
			used = copy_section(in, s + i, len - i, final);
			i += used;
			if (in->markup != MARKUP_TEXT)
				break;
			continue;
		}
		size_t run = strcspn(s + i, "&<");
		if (run > len - i)
			run = len - i;
		strbuf_add(&in->out, s + i, run);
		i += run;
		if (i == len)
			break;
		if (s[i] == '&') {
			used = copy_ampersand(in, s + i, len - i, final);
		} else if (s[i] == '<') {
			used = copy_open(in, s + i, len - i, final);
		} else {
			strbuf_adds(&in->out, "\xEF\xBF\xBD");
			used = 1;
		}
		i += used;
	}
	if (!s)
		return; /* nothing was decoded yet */
	memmove(in->utf8.s, s + i, len - i);
	in->utf8.len = len - i;
	in->utf8.s[in->utf8.len] = '\0';
}

static void input_free(struct input *in)
{
	if (in->settled && in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	strbuf_free(&in->head);
	strbuf_free(&in->utf8);
	strbuf_free(&in->out);
}

/* Settle the encoding from the bytes held, and open the decoder. */
static void settle(struct feed_parser *p, bool all, size_t *bom)
{
	struct input *in = &p->in;
	in->settled = true;
	in->first = true;
	const char *name = settle_encoding(p, in->head.s ? in->head.s : "",
	                                   in->head.len, all, bom);
	in->utf8_input = strcasecmp(name, "UTF-8") == 0;
	in->cd = iconv_open("UTF-8", name);
	if (in->cd == (iconv_t)-1)
		in->cd = iconv_open("UTF-8", "UTF-8");
}

/* ---- the parser ---- */

struct feed_parser *feed_parser_new(const struct feed_request *req)
{
	xmlInitParser();
	struct feed_parser *p = xcalloc(1, sizeof *p);
	p->url = req->url ? xstrdup(req->url) : NULL;
	p->item_fn = req->item;
	p->ctx = req->ctx;
	p->encoding = req->encoding ? xstrdup(req->encoding) : NULL;
	p->http_charset = fetch_type_charset(req->content_type);
	if (req->content_language && !blank(req->content_language))
		p->http_lang = collapse(req->content_language);
	p->base_url = req->content_location && !blank(req->content_location)
	                      ? url_resolve(req->content_location, p->url)
	                      : NULL;
	if (p->base_url && !is_http(p->base_url)) {
		free(p->base_url); /* javascript: is no base */
		p->base_url = NULL;
	}
	p->http_base = p->base_url != NULL;
	if (!p->base_url && p->url)
		p->base_url = xstrdup(p->url);
	p->url_is_absolute = p->base_url && has_scheme(p->base_url);
	if (p->encoding && !encoding_name(p->encoding)) {
		char *shown = text_safe(p->encoding, TEXT_SAFE_NAME_MAX);
		p->error = xasprintf(_("unknown encoding %s"), shown);
		free(shown);
		return p;
	}

	/* The SAX2 defaults keep the DTD's entity declarations (so libxml2
	 * can apply its expansion limits); the element and text callbacks are
	 * ours, so no tree is built. */
	xmlSAXVersion(&p->sax, 2);
	p->sax.startElementNs = on_start;
	p->sax.endElementNs = on_end;
	p->sax.characters = on_text;
	p->sax.cdataBlock = on_text;
	p->sax.ignorableWhitespace = on_text;
	p->sax.getEntity = on_get_entity;
	p->sax.reference = on_reference;
	p->sax.comment = NULL;
	p->sax.processingInstruction = NULL;
	p->sax.serror = NULL;

	p->ctxt = xmlCreatePushParserCtxt(&p->sax, NULL, NULL, 0, req->url);
	if (!p->ctxt) {
		p->error = xstrdup(_("out of memory"));
		return p;
	}
	p->ctxt->_private = p;
	/* Recover what can be; no network, no external entities or DTDs
	 * (no NOENT, DTDLOAD, DTDVALID), libxml2's limits kept (no HUGE). */
	int options = XML_PARSE_RECOVER | XML_PARSE_NONET;
	/* libxml2 is given UTF-8 (see decode()), whatever the document
	 * declares. */
	xmlSwitchEncoding(p->ctxt, XML_CHAR_ENCODING_UTF8);
	options |= XML_PARSE_IGNORE_ENC;
	xmlCtxtUseOptions(p->ctxt, options);
	return p;
}

/* libxml2's unstructured messages ("xmlParseChunk: encoder error"): they
 * would go to stderr, which is the reader's screen, and the structured
 * error that comes with them says more. */
static void quiet(void *ctx, const char *format, ...)
{
	(void)ctx;
	(void)format;
}

/* Run libxml2 with its errors sent to p. */
static void parse_chunk(struct feed_parser *p, const char *data, int len,
                        int terminate)
{
	xmlStructuredErrorFunc saved = xmlStructuredError;
	void *saved_ctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc saved_generic = xmlGenericError;
	void *saved_generic_ctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(p, on_error);
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlParseChunk(p->ctxt, data, len, terminate);
	xmlSetGenericErrorFunc(saved_generic_ctx, saved_generic);
	xmlSetStructuredErrorFunc(saved_ctx, saved);
}

/* libxml2 gave up before the document's root element ended.  (In
 * recovery mode only a halt disables SAX; the end of the input does
 * not.) */
static bool halted(const struct feed_parser *p)
{
	return p->ctxt->disableSAX && !p->root_done;
}

static char *xml_message(const struct feed_parser *p)
{
	if (!p->xml_error)
		return xstrdup(_("not a feed: no XML element found"));
	if (!p->root_seen)
		return xasprintf(_("not a feed: line %d: %s"),
		                 p->xml_error_line, p->xml_error);
	return xasprintf(_("line %d: %s"), p->xml_error_line, p->xml_error);
}

/* Hand libxml2 what is escaped. */
static void parse_out(struct feed_parser *p)
{
	struct input *in = &p->in;
	for (size_t at = 0; !p->error && at < in->out.len;) {
		size_t n = in->out.len - at > CHUNK ? CHUNK : in->out.len - at;
		parse_chunk(p, in->out.s + at, (int)n, 0);
		at += n;
		if (!p->error && halted(p))
			p->error = xml_message(p);
	}
	in->out.len = 0;
}

/* Decode, escape and parse len bytes (final: the last of them). */
static void take(struct feed_parser *p, const char *data, size_t len,
                 bool final)
{
	struct input *in = &p->in;
	do {
		size_t n = len > CHUNK ? CHUNK : len;
		decode(p, data, n, final && n == len);
		data += n;
		len -= n;
		if (in->first && (in->utf8.len >= 3 || final)) {
			in->first = false;
			if (in->utf8.len >= 3 &&
			    memcmp(in->utf8.s, "\xEF\xBB\xBF", 3) == 0) {
				in->utf8.len -= 3;
				memmove(in->utf8.s, in->utf8.s + 3,
				        in->utf8.len + 1);
			}
		}
		escape(p, final && !len);
		parse_out(p);
	} while (len && !p->error);
}

/* Settle the encoding from the bytes held and parse them. */
static void take_head(struct feed_parser *p, bool final)
{
	size_t bom;
	settle(p, final, &bom);
	struct strbuf head = p->in.head;
	p->in.head = (struct strbuf){0};
	take(p, head.s ? head.s + bom : "", head.len - bom, final);
	strbuf_free(&head);
}

int feed_parser_push(struct feed_parser *p, const char *data, size_t len)
{
	if (p->error)
		return -1;
	if (p->in.settled) {
		take(p, data, len, false);
	} else {
		strbuf_add(&p->in.head, data, len);
		if (p->in.head.len >= SNIFF_BYTES)
			take_head(p, false);
	}
	return p->error ? -1 : 0;
}

void feed_meta_free(struct feed_meta *meta)
{
	if (!meta)
		return;
	free(meta->title);
	free(meta->link);
	free(meta->language);
	free(meta->format);
	*meta = (struct feed_meta){0};
}

int feed_parser_finish(struct feed_parser *p, struct feed_meta *meta,
                       char **error)
{
	if (!p->error) {
		if (p->in.settled)
			take(p, "", 0, true);
		else
			take_head(p, true);
	}
	if (!p->error) {
		parse_chunk(p, NULL, 0, 1);
		if (!p->error && (halted(p) || !p->root_seen))
			p->error = xml_message(p);
		/* A feed cut short or never closed: keep the item it was in. */
		if (!p->error && p->item.a) {
			if (p->cap.depth)
				capture_end(p);
			item_finish(p);
		}
	}
	for (int d = p->depth; d > 0; d--) {
		free(p->frames[d - 1].base);
		free(p->frames[d - 1].lang);
	}
	free(p->frames);
	item_clear(&p->item);
	strbuf_free(&p->cap.text);
	free(p->cap.base);
	free(p->cap.lang);
	if (p->ctxt) {
		if (p->ctxt->myDoc)
			xmlFreeDoc(p->ctxt->myDoc);
		xmlFreeParserCtxt(p->ctxt);
	}
	if (!p->meta.language) {
		p->meta.language = p->xml_lang;
		p->xml_lang = NULL;
	}
	if (meta)
		*meta = p->meta;
	else
		feed_meta_free(&p->meta);
	int rc = 0;
	if (p->error) {
		rc = -1;
		if (error)
			*error = p->error;
		else
			free(p->error);
	}
	free(p->xml_error);
	free(p->xml_lang);
	free(p->url);
	input_free(&p->in);
	free(p->encoding);
	free(p->http_charset);
	free(p->http_lang);
	free(p->base_url);
	free(p);
	return rc;
}

int feed_parse_memory(const char *buf, size_t len,
                      const struct feed_request *req, struct feed_meta *meta,
                      char **error)
{
	struct feed_parser *p = feed_parser_new(req);
	feed_parser_push(p, buf, len);
	return feed_parser_finish(p, meta, error);
}

int feed_parse_fd(int fd, const struct feed_request *req,
                  struct feed_meta *meta, char **error)
{
	struct feed_parser *p = feed_parser_new(req);
	char *buf = xmalloc(CHUNK);
	char *read_error = NULL;
	for (;;) {
		ssize_t n = read(fd, buf, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			read_error = xstrdup(strerror(errno));
			break;
		}
		if (n == 0 || feed_parser_push(p, buf, (size_t)n) < 0)
			break;
	}
	free(buf);
	char *parse_error = NULL;
	int rc = feed_parser_finish(p, meta, &parse_error);
	if (read_error) {
		free(parse_error);
		parse_error = read_error;
		rc = -1;
	}
	if (error)
		*error = parse_error;
	else
		free(parse_error);
	return rc;
}

/* ---- sniffing and files ---- */

static const char *skip_past(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	for (; p + n <= end; p++)
		if (memcmp(p, s, n) == 0)
			return p + n;
	return NULL;
}

bool feed_sniff(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	for (;;) {
		while (p < end && ascii_is_space(*p))
			p++;
		if (p >= end || *p != '<')
			return false;
		if (end - p >= 2 && p[1] == '?') {
			p = skip_past(p, end, "?>");
		} else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			p = skip_past(p, end, "-->");
		} else if (end - p >= 2 && p[1] == '!') {
			/* <!DOCTYPE ... [ internal subset ] > */
			int brackets = 0;
			for (p += 2; p < end; p++) {
				if (*p == '[')
					brackets++;
				else if (*p == ']')
					brackets--;
				else if (*p == '>' && brackets <= 0)
					break;
			}
			p = p < end ? p + 1 : NULL;
		} else {
			break;
		}
		if (!p)
			return false;
	}
	const char *name = ++p;
	while (p < end && !ascii_is_space(*p) && *p != '>' && *p != '/')
		p++;
	if (p >= end)
		return false;
	const char *colon = memchr(name, ':', (size_t)(p - name));
	if (colon)
		name = colon + 1;
	size_t n = (size_t)(p - name);
	return (n == 3 && memcmp(name, "rss", 3) == 0) ||
	       (n == 3 && memcmp(name, "RDF", 3) == 0) ||
	       (n == 4 && memcmp(name, "feed", 4) == 0) ||
	       (n == 5 && memcmp(name, "entry", 5) == 0) ||
	       (n == 7 && memcmp(name, "Channel", 7) == 0);
}
