#include "config.h"

#include "source/extract.h"

#include <stdbool.h>
#include <unictype.h>
#include <unistr.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/uri.h>

#include "source/extract_charset.h"
#include "source/extract_json.h"
#include "source/html.h"
#include "text/decode.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Readability's numbers, which the benchmark bears out: a paragraph
 * shorter than this says nothing of its container; an article shorter
 * than CHAR_THRESHOLD is retried with looser rules. */
#define MIN_PARAGRAPH  25
#define CHAR_THRESHOLD 500
/* Less body text than this is no article. */
#define MIN_ARTICLE 200
/* How far up a paragraph's score reaches. */
#define SCORE_LEVELS 5
/* A page of headlines has one for every few lines of text. */
#define INDEX_CHARS_PER_HEADLINE 400
/* A credit line is a short paragraph. */
#define CREDIT_MAX 160

/* ---- Elements ------------------------------------------------------------ */

enum tag_flags {
	T_BLOCK = 1 << 0,   /* ends an inline run */
	T_DROP = 1 << 1,    /* never text of an article */
	T_PARA = 1 << 2,    /* scored as a paragraph */
	T_HEADING = 1 << 3, /* h1..h6 */
	T_CLEAN = 1 << 4,   /* kept only when it looks like article text */
	T_LIST = 1 << 5,    /* ul, ol, dl */
};

static const struct tag {
	const char *name;
	unsigned flags;
	int base; /* a candidate's first score */
} tags[] = {
        {"address", T_BLOCK, -3},
        {"applet", T_DROP, 0},
        {"article", T_BLOCK | T_CLEAN, 0},
        {"aside", T_BLOCK | T_CLEAN, 0},
        {"audio", T_DROP, 0},
        {"blockquote", T_BLOCK | T_PARA, 3},
        {"body", T_BLOCK, 0},
        {"button", T_DROP, 0},
        {"canvas", T_DROP, 0},
        {"center", T_BLOCK, 0},
        {"dd", T_BLOCK, -3},
        {"details", T_BLOCK, 0},
        {"dialog", T_DROP, 0},
        {"div", T_BLOCK | T_CLEAN, 5},
        {"dl", T_BLOCK | T_LIST | T_CLEAN, -3},
        {"dt", T_BLOCK, -3},
        {"embed", T_DROP, 0},
        {"fieldset", T_BLOCK | T_CLEAN, 0},
        {"figcaption", T_DROP, 0},
        {"figure", T_DROP, 0},
        {"footer", T_BLOCK | T_CLEAN, 0},
        {"form", T_BLOCK | T_CLEAN, -3},
        {"h1", T_BLOCK | T_HEADING, -5},
        {"h2", T_BLOCK | T_HEADING | T_PARA, -5},
        {"h3", T_BLOCK | T_HEADING | T_PARA, -5},
        {"h4", T_BLOCK | T_HEADING | T_PARA, -5},
        {"h5", T_BLOCK | T_HEADING | T_PARA, -5},
        {"h6", T_BLOCK | T_HEADING | T_PARA, -5},
        {"head", T_DROP, 0},
        {"header", T_BLOCK | T_CLEAN, 0},
        {"hr", T_BLOCK, 0},
        {"html", T_BLOCK, 0},
        {"iframe", T_DROP, 0},
        {"img", T_DROP, 0},
        {"input", T_DROP, 0},
        {"li", T_BLOCK, -3},
        {"link", T_DROP, 0},
        {"main", T_BLOCK, 0},
        {"map", T_DROP, 0},
        {"math", T_DROP, 0},
        {"meta", T_DROP, 0},
        {"nav", T_DROP, 0},
        {"noscript", T_DROP, 0},
        {"object", T_DROP, 0},
        {"ol", T_BLOCK | T_LIST | T_CLEAN, -3},
        {"option", T_DROP, 0},
        {"p", T_BLOCK | T_PARA, 0},
        {"picture", T_DROP, 0},
        {"pre", T_BLOCK | T_PARA, 3},
        {"script", T_DROP, 0},
        {"section", T_BLOCK | T_CLEAN, 0},
        {"select", T_DROP, 0},
        {"source", T_DROP, 0},
        {"style", T_DROP, 0},
        {"svg", T_DROP, 0},
        {"table", T_BLOCK | T_CLEAN, 0},
        {"tbody", T_BLOCK, 0},
        {"td", T_BLOCK | T_PARA, 3},
        {"template", T_DROP, 0},
        {"textarea", T_DROP, 0},
        {"tfoot", T_BLOCK, 0},
        {"th", T_BLOCK, -5},
        {"thead", T_BLOCK, 0},
        {"title", T_DROP, 0},
        {"tr", T_BLOCK, 0},
        {"ul", T_BLOCK | T_LIST | T_CLEAN, -3},
        {"video", T_DROP, 0},
};

static int tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

static const struct tag inline_tag = {"", 0, 0};

static const struct tag *tag_of(const xmlNode *n)
{
	const struct tag *t = bsearch(n->name, tags, sizeof tags / sizeof *tags,
	                              sizeof *tags, tag_cmp);
	return t ? t : &inline_tag;
}

static bool is_tag(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value without a copy, or NULL. */
static const char *attr_of(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0)
			return a->children && a->children->content
			               ? (const char *)a->children->content
			               : "";
	return NULL;
}

/* What the scoring knows of an element (its node's _private). */
struct info {
	const struct tag *tag;
	size_t text;        /* characters inside, white space collapsed */
	size_t link_text;   /* of which inside links */
	size_t commas;      /* commas inside, Latin and Arabic */
	size_t inline_text; /* text not inside a block inside it */
	size_t inline_commas;
	size_t paras, items; /* p and li elements inside */
	double score;
	int weight;   /* from its class and id */
	size_t index; /* in the document order */
	bool candidate, removed;
};

static struct info *info_of(const xmlNode *n)
{
	return n->_private;
}

/* ---- Class and id hints -------------------------------------------------- */

/* Parts of class and id names, lower case: matched anywhere in a name,
 * or (with a leading '=') as a whole word of it ("ad" in "ad-slot" but
 * not in "header").  Persian and Arabic sites often spell theirs in Latin
 * letters (matn: text, khabar: news, mortabet: related). */
static const char *const positive_hints[] = {
        "article", "content",   "entry", "post",     "body",   "story",
        "text",    "main",      "matn",  "khabar",   "blog",   "hentry",
        "page",    "news-text", "=lead", "=details", "akhbar",
};

static const char *const negative_hints[] = {
        "comment",    "footer",    "=foot",      "sidebar",     "menu",
        "=nav",       "navbar",    "navigation", "share",       "sharing",
        "social",     "related",   "=tag",       "=tags",       "tagcloud",
        "promo",      "=ad",       "=ads",       "advert",      "banner",
        "breadcrumb", "most-read", "mostread",   "most_read",   "popular",
        "trending",   "widget",    "sponsor",    "outbrain",    "taboola",
        "newsletter", "subscribe", "masthead",   "shoutbox",    "skyscraper",
        "combx",      "contact",   "gdpr",       "cookie",      "hidden",
        "=hid",       "=print",    "rating",     "=poll",       "=meta",
        "toolbar",    "recommend", "=tools",     "caption",     "=media",
        "mortabet",   "porbazdid", "=more",      "morenews",    "more-news",
        "read-also",  "readalso",  "also-read",  "=author",     "byline",
        "=date",      "=time",     "dateline",   "=wp-caption", "pagination",
        "=pager",     "=login",    "=signup",    "=modal",      "=popup",
};

/* Parts of names that mark a block as not the article even when nothing
 * else is known of it (Readability's "unlikely candidates"), unless a
 * name also says it may be. */
static const char *const unlikely_hints[] = {
        "comment",    "disqus",     "footer",    "=header",   "menu",
        "sidebar",    "social",     "share",     "related",   "breadcrumb",
        "banner",     "sponsor",    "=ad",       "=ads",      "advert",
        "popular",    "most-read",  "mostread",  "shoutbox",  "skyscraper",
        "combx",      "community",  "remark",    "replies",   "=rss",
        "pagination", "=pager",     "popup",     "agegate",   "gdpr",
        "cookie",     "newsletter", "subscribe", "=nav",      "navbar",
        "=tags",      "=tag",       "mortabet",  "porbazdid", "outbrain",
        "taboola",    "trending",   "read-also", "also-read", "=modal",
};

/* Of those, the names of what is never the article, whatever the
 * rules: comments are the longest text of many a page. */
static const char *const never_hints[] = {
        "comment", "disqus", "footer", "replies", "respond", "gdpr", "cookie",
};

static const char *const maybe_hints[] = {
        "and",  "article", "body", "column", "content",
        "main", "shadow",  "matn", "story",  "text",
};

/* Whether a lower-case name holds hint: anywhere, or as a whole word
 * ('=' hints; words are apart by anything not a letter or digit). */
static bool name_has(const char *name, const char *hint)
{
	bool word = hint[0] == '=';
	if (word)
		hint++;
	size_t n = strlen(hint);
	for (const char *p = strstr(name, hint); p; p = strstr(p + 1, hint)) {
		if (!word)
			return true;
		bool start = p == name || !((p[-1] >= 'a' && p[-1] <= 'z') ||
		                            (p[-1] >= '0' && p[-1] <= '9'));
		char e = p[n];
		bool end = !((e >= 'a' && e <= 'z') || (e >= '0' && e <= '9'));
		if (start && end)
			return true;
	}
	return false;
}

static bool name_has_any(const char *name, const char *const *hints, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (name_has(name, hints[i]))
			return true;
	return false;
}

#define HAS_ANY(name, list) name_has_any(name, list, sizeof list / sizeof *list)

/* An element's class and id, lower case, apart by a space, into buf. */
static void names_of(const xmlNode *n, char *buf, size_t size)
{
	const char *cls = attr_of(n, "class"), *id = attr_of(n, "id");
	snprintf(buf, size, "%s %s", cls ? cls : "", id ? id : "");
	for (char *p = buf; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
}

/* Readability's class weight: 25 for a name that says article, -25 for
 * one that says not. */
static int class_weight(const char *names)
{
	int w = 0;
	if (HAS_ANY(names, negative_hints))
		w -= 25;
	if (HAS_ANY(names, positive_hints))
		w += 25;
	return w;
}

/* ---- Text ---------------------------------------------------------------- */

static bool space_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Characters of a text with white space collapsed, and its commas (the
 * Latin, Arabic and fullwidth ones). */
static size_t text_measure(const char *s, size_t *commas)
{
	size_t chars = 0;
	bool space = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (space_byte(*p)) {
			if (!space)
				chars++;
			space = true;
			continue;
		}
		space = false;
		if ((*p & 0xC0) == 0x80)
			continue;
		chars++;
		if (*p == ',' || (p[0] == 0xD8 && p[1] == 0x8C) ||
		    (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C))
			(*commas)++;
	}
	return chars;
}

/* Append n's text to b, white space collapsed (script and style left
 * out); a block apart from its neighbours by a space.  A loop, not a
 * recursion: a damaged page can nest very deep. */
static void gather_text(const xmlNode *root, struct strbuf *b)
{
	const xmlNode *n = root->children;
	while (n) {
		bool descend = false;
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			for (const char *p = (const char *)n->content; p && *p;
			     p++) {
				if (!space_byte((unsigned char)*p))
					strbuf_addc(b, *p);
				else if (b->len && b->s[b->len - 1] != ' ')
					strbuf_addc(b, ' ');
			}
		} else if (n->type == XML_ELEMENT_NODE &&
		           !is_tag(n, "script") && !is_tag(n, "style")) {
			if (tag_of(n)->flags & T_BLOCK && b->len &&
			    b->s[b->len - 1] != ' ')
				strbuf_addc(b, ' ');
			descend = n->children != NULL;
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
}

/* Valid UTF-8 without controls, white space collapsed and trimmed, from
 * any text: what every string of the article is made of. */
static char *clean_line(const char *s, size_t len)
{
	uint32_t *cp = xreallocarray(NULL, len + 1, sizeof *cp);
	uint32_t *off = xreallocarray(NULL, len + 1, sizeof *off);
	size_t n = text_decode(s, len, cp, off);
	struct strbuf b = {0};
	strbuf_add(&b, "", 0);
	for (size_t i = 0; i < n; i++) {
		bool sp = cp[i] == ' ' || cp[i] == 0xA0;
		if (sp && (b.len == 0 || b.s[b.len - 1] == ' '))
			continue;
		if (sp)
			strbuf_addc(&b, ' ');
		else if (cp[i] == 0xFEFF)
			continue;
		else
			strbuf_add_utf8(&b, cp[i]);
	}
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	free(cp);
	free(off);
	return b.s;
}

/* n's text as one clean line; NULL when it has none. */
static char *node_line(const xmlNode *n)
{
	struct strbuf b = {0};
	gather_text(n, &b);
	char *line = b.len ? clean_line(b.s, b.len) : NULL;
	strbuf_free(&b);
	if (line && !*line) {
		free(line);
		line = NULL;
	}
	return line;
}

/* A clean copy of an attribute's value, or NULL when it is empty. */
static char *attr_line(const xmlNode *n, const char *name)
{
	const char *v = attr_of(n, name);
	char *line = v ? clean_line(v, strlen(v)) : NULL;
	if (line && !*line) {
		free(line);
		line = NULL;
	}
	return line;
}

/* Whether s starts with word, ASCII letters compared without case. */
static bool starts_with(const char *s, const char *word)
{
	return strncasecmp(s, word, strlen(word)) == 0;
}

/* ---- Metadata ------------------------------------------------------------ */

/* What the page says of itself, each NULL when it says nothing. */
struct meta {
	char *title;    /* <title> */
	char *og_title; /* og:title, twitter:title */
	char *ld_title; /* JSON-LD headline */
	char *h1;       /* the first <h1> */
	char *site;     /* og:site_name, JSON-LD publisher */
	char *date;     /* JSON-LD, article:published_time, ... */
	char *author;
	char *link;       /* canonical, og:url */
	char *base;       /* <base href> */
	char *lang, *dir; /* of <html> */
	char *og_type;
	char *ld_body;   /* JSON-LD articleBody */
	bool ld_article; /* JSON-LD says it is an article */
	bool password;   /* a password field: a login wall, maybe */
};

static void meta_free(struct meta *m)
{
	free(m->title);
	free(m->og_title);
	free(m->ld_title);
	free(m->h1);
	free(m->site);
	free(m->date);
	free(m->author);
	free(m->link);
	free(m->base);
	free(m->lang);
	free(m->dir);
	free(m->og_type);
	free(m->ld_body);
}

/* Keep the first value a field is given; free the others. */
static void set_once(char **field, char *value)
{
	if (!*field)
		*field = value;
	else
		free(value);
}

static const char *const article_types[] = {
        "NewsArticle",          "Article",
        "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle",   "BackgroundNewsArticle",
        "BlogPosting",          "Report",
        "ReviewNewsArticle",    "LiveBlogPosting",
        "TechArticle",          "ScholarlyArticle",
};

static bool is_article_type(const struct json *type)
{
	if (!type)
		return false;
	if (type->type == JSON_ARRAY) {
		for (size_t i = 0; i < type->n; i++)
			if (is_article_type(&type->items[i]))
				return true;
		return false;
	}
	if (type->type != JSON_STRING)
		return false;
	const char *t = type->str;
	const char *slash = strrchr(t, '/'); /* "https://schema.org/..." */
	if (slash)
		t = slash + 1;
	for (size_t i = 0; i < sizeof article_types / sizeof *article_types;
	     i++)
		if (!strcmp(t, article_types[i]))
			return true;
	return false;
}

static char *json_line(const struct json *v)
{
	if (!v || v->type != JSON_STRING || !v->str[0])
		return NULL;
	char *line = clean_line(v->str, strlen(v->str));
	if (!*line) {
		free(line);
		return NULL;
	}
	return line;
}

/* JSON-LD author: a name, a person, or a list of either. */
static void json_author(const struct json *v, struct strbuf *b)
{
	if (!v)
		return;
	if (v->type == JSON_ARRAY) {
		for (size_t i = 0; i < v->n && i < 8; i++)
			json_author(&v->items[i], b);
		return;
	}
	char *name =
	        json_line(v->type == JSON_OBJECT ? json_get(v, "name") : v);
	if (name) {
		if (b->len)
			strbuf_adds(b, ", ");
		strbuf_adds(b, name);
		free(name);
	}
}

static void json_article(struct meta *m, const struct json *v)
{
	m->ld_article = true;
	set_once(&m->ld_title, json_line(json_get(v, "headline")));
	set_once(&m->date, json_line(json_get(v, "datePublished")));
	struct strbuf authors = {0};
	json_author(json_get(v, "author"), &authors);
	set_once(&m->author, authors.s);
	const struct json *pub = json_get(v, "publisher");
	set_once(&m->site, json_line(json_get(pub, "name")));
	const struct json *body = json_get(v, "articleBody");
	if (body && body->type == JSON_STRING && !m->ld_body)
		m->ld_body = xstrdup(body->str);
}

/* Every article described in a JSON-LD value: at its top, in a list, in
 * an @graph. */
static void json_walk(struct meta *m, const struct json *v, int depth)
{
	if (!v || depth > 4)
		return;
	if (v->type == JSON_ARRAY) {
		for (size_t i = 0; i < v->n; i++)
			json_walk(m, &v->items[i], depth + 1);
		return;
	}
	if (v->type != JSON_OBJECT)
		return;
	if (is_article_type(json_get(v, "@type")))
		json_article(m, v);
	json_walk(m, json_get(v, "@graph"), depth + 1);
	const struct json *main = json_get(v, "mainEntity");
	if (main && main->type == JSON_OBJECT)
		json_walk(m, main, depth + 1);
}

static void json_ld(struct meta *m, const xmlNode *script)
{
	struct strbuf b = {0};
	for (const xmlNode *c = script->children; c; c = c->next)
		if (c->content)
			strbuf_adds(&b, (const char *)c->content);
	struct json *v = b.len ? json_parse(b.s, b.len) : NULL;
	json_walk(m, v, 0);
	json_free(v);
	strbuf_free(&b);
}

static void meta_tag(struct meta *m, const xmlNode *n)
{
	const char *key = attr_of(n, "property");
	if (!key)
		key = attr_of(n, "name");
	if (!key)
		key = attr_of(n, "itemprop");
	if (!key)
		return;
	char **field = NULL;
	if (!strcasecmp(key, "og:title") || !strcasecmp(key, "twitter:title"))
		field = &m->og_title;
	else if (!strcasecmp(key, "og:site_name"))
		field = &m->site;
	else if (!strcasecmp(key, "article:published_time") ||
	         !strcasecmp(key, "datePublished") ||
	         !strcasecmp(key, "pubdate") ||
	         !strcasecmp(key, "publish-date") ||
	         !strcasecmp(key, "dc.date.issued") || !strcasecmp(key, "date"))
		field = &m->date;
	else if (!strcasecmp(key, "author") ||
	         !strcasecmp(key, "article:author"))
		field = &m->author;
	else if (!strcasecmp(key, "og:url"))
		field = &m->link;
	else if (!strcasecmp(key, "og:type"))
		field = &m->og_type;
	if (!field)
		return;
	char *v = attr_line(n, "content");
	/* article:author is often the author's page. */
	if (v && field == &m->author && strstr(v, "://")) {
		free(v);
		return;
	}
	set_once(field, v);
}

/* An element's microdata (itemprop) for the date and the author. */
static void microdata(struct meta *m, const xmlNode *n, const char *prop)
{
	if (!strcasecmp(prop, "datePublished")) {
		char *v = attr_line(n, "content");
		if (!v)
			v = attr_line(n, "datetime");
		set_once(&m->date, v ? v : node_line(n));
	} else if (!strcasecmp(prop, "author") && !m->author) {
		char *v = attr_line(n, "content");
		set_once(&m->author, v ? v : node_line(n));
	} else if (!strcasecmp(prop, "headline") && !m->ld_title) {
		set_once(&m->ld_title, node_line(n));
	}
}

static void meta_element(struct meta *m, const xmlNode *n)
{
	const char *name = (const char *)n->name;
	const char *v;
	if (!strcmp(name, "meta"))
		meta_tag(m, n);
	else if (!strcmp(name, "title") && !m->title)
		m->title = node_line(n);
	else if (!strcmp(name, "h1") && !m->h1)
		m->h1 = node_line(n);
	else if (!strcmp(name, "base"))
		set_once(&m->base, attr_line(n, "href"));
	else if (!strcmp(name, "link") && (v = attr_of(n, "rel")) &&
	         !strcasecmp(v, "canonical"))
		set_once(&m->link, attr_line(n, "href"));
	else if (!strcmp(name, "time") && (v = attr_of(n, "datetime")) &&
	         !m->date)
		m->date = attr_line(n, "datetime");
	else if (!strcmp(name, "input") && (v = attr_of(n, "type")) &&
	         !strcasecmp(v, "password"))
		m->password = true;
	else if (!strcmp(name, "script") && (v = attr_of(n, "type")) &&
	         !strcasecmp(v, "application/ld+json"))
		json_ld(m, n);
	else if (!strcmp(name, "html")) {
		set_once(&m->lang, attr_line(n, "lang"));
		set_once(&m->dir, attr_line(n, "dir"));
	}
	if (strcmp(name, "meta") && (v = attr_of(n, "itemprop")))
		microdata(m, n, v);
}

/* The next element in document order after n, its subtree skipped when
 * skip_children; NULL after the last under root. */
static xmlNode *next_element(const xmlNode *root, xmlNode *n,
                             bool skip_children)
{
	if (!skip_children)
		for (xmlNode *c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				return c;
	for (; n && n != root; n = n->parent)
		for (xmlNode *s = n->next; s; s = s->next)
			if (s->type == XML_ELEMENT_NODE)
				return s;
	return NULL;
}

static void read_meta(struct meta *m, xmlNode *root)
{
	for (xmlNode *n = root; n; n = next_element(root, n, false))
		meta_element(m, n);
}

/* ---- The document -------------------------------------------------------- */

/* Looser rules for a retry (Readability's flags). */
enum rules {
	R_STRIP_UNLIKELY = 1 << 0, /* drop blocks with unlikely names */
	R_WEIGH_CLASSES = 1 << 1,  /* score class and id names */
	R_CLEAN = 1 << 2,          /* drop blocks that do not read as text */
	R_ALL = 7,
};

struct page {
	htmlDocPtr doc;
	xmlNode *body;
	struct info *infos; /* one per element, in document order */
	size_t ninfos;
	xmlNode **order; /* the elements in document order */
	size_t n;
	unsigned rules;
};

static htmlDocPtr parse(const char *utf8, size_t len, const char *url)
{
	if (len > INT32_MAX)
		len = INT32_MAX;
	return htmlReadMemory(utf8, (int)len, url, "UTF-8",
	                      HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                              HTML_PARSE_NOWARNING |
	                              HTML_PARSE_RECOVER | HTML_PARSE_COMPACT |
	                              HTML_PARSE_IGNORE_ENC);
}

static xmlNode *find_body(htmlDocPtr doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *n = root; n; n = next_element(root, n, false))
		if (is_tag(n, "body"))
			return n;
	return root;
}

/* List the elements in document order, each with its info (kept from a
 * previous listing, new ones zeroed with their tag and weight). */
static void index_elements(struct page *p)
{
	xmlNode *root = xmlDocGetRootElement(p->doc);
	size_t count = 0;
	for (xmlNode *n = root; n; n = next_element(root, n, false))
		count++;
	if (!p->infos) {
		p->infos = xcalloc(count + 1, sizeof *p->infos);
		p->ninfos = count;
	}
	p->order = xreallocarray(p->order, count + 1, sizeof *p->order);
	p->n = 0;
	size_t fresh = 0;
	char names[256];
	for (xmlNode *n = root; n; n = next_element(root, n, false)) {
		if (n->_private)
			info_of(n)->index = p->n;
		p->order[p->n++] = n;
		if (n->_private || fresh >= p->ninfos)
			continue;
		struct info *in = &p->infos[fresh++];
		in->index = p->n - 1;
		n->_private = in;
		in->tag = tag_of(n);
		names_of(n, names, sizeof names);
		in->weight = class_weight(names);
	}
}

/* Text, link text and commas of every element, children before their
 * parents (reverse document order: no recursion). */
static void measure(struct page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct info *in = info_of(p->order[i]);
		in->text = in->link_text = in->commas = 0;
		in->inline_text = in->inline_commas = 0;
		in->paras = in->items = 0;
	}
	for (size_t i = p->n; i-- > 0;) {
		xmlNode *n = p->order[i];
		struct info *in = info_of(n);
		for (xmlNode *c = n->children; c; c = c->next) {
			if (c->type == XML_TEXT_NODE ||
			    c->type == XML_CDATA_SECTION_NODE) {
				size_t commas = 0;
				size_t chars =
				        c->content ? text_measure(
				                             (const char *)
				                                     c->content,
				                             &commas)
				                   : 0;
				in->text += chars;
				in->inline_text += chars;
				in->commas += commas;
				in->inline_commas += commas;
				continue;
			}
			if (c->type != XML_ELEMENT_NODE || !c->_private)
				continue;
			const struct info *ci = info_of(c);
			in->text += ci->text;
			in->link_text += ci->link_text;
			in->commas += ci->commas;
			in->paras += ci->paras + is_tag(c, "p");
			in->items += ci->items + is_tag(c, "li");
			if (!(ci->tag->flags & T_BLOCK)) {
				in->inline_text += ci->inline_text;
				in->inline_commas += ci->inline_commas;
			}
		}
		if (is_tag(n, "a"))
			in->link_text = in->text;
	}
}

static double link_density(const struct info *in)
{
	return in->text ? (double)in->link_text / (double)in->text : 0;
}

static void remove_node(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* ---- Pruning ------------------------------------------------------------- */

/* Whether a style attribute hides its element. */
static bool style_hides(const char *style)
{
	char compact[128];
	size_t k = 0;
	for (const char *p = style; *p && k + 1 < sizeof compact; p++)
		if (!space_byte((unsigned char)*p))
			compact[k++] =
			        (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	compact[k] = '\0';
	return strstr(compact, "display:none") ||
	       strstr(compact, "visibility:hidden");
}

static bool hidden(const xmlNode *n)
{
	const char *v = attr_of(n, "style");
	if (v && style_hides(v))
		return true;
	if (attr_of(n, "hidden"))
		return true;
	v = attr_of(n, "aria-hidden");
	return v && !strcasecmp(v, "true");
}

/* Roles of what is not the article. */
static bool role_unlikely(const xmlNode *n)
{
	static const char *const roles[] = {
	        "menu",       "menubar", "complementary",
	        "navigation", "alert",   "alertdialog",
	        "dialog",     "banner",  "contentinfo",
	};
	const char *role = attr_of(n, "role");
	for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
		if (!strcasecmp(role, roles[i]))
			return true;
	return false;
}

static bool has_ancestor(const xmlNode *n, const char *name)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (is_tag(n, name))
			return true;
	return false;
}

static size_t text_length(const xmlNode *n)
{
	struct strbuf b = {0};
	gather_text(n, &b);
	size_t commas = 0, len = b.len ? text_measure(b.s, &commas) : 0;
	strbuf_free(&b);
	return len;
}

/* A byline: the author's name, which the page shows apart. */
static bool byline(const xmlNode *n, const char *names)
{
	const char *rel = attr_of(n, "rel"), *prop = attr_of(n, "itemprop");
	bool says = (rel && !strcasecmp(rel, "author")) ||
	            (prop && strstr(prop, "author")) ||
	            name_has(names, "byline") || name_has(names, "=author") ||
	            name_has(names, "dateline") ||
	            name_has(names, "writtenby") || name_has(names, "=date") ||
	            name_has(names, "=time");
	return says && text_length(n) < 100;
}

/* Whether an element is dropped before scoring. */
static bool prunable(const xmlNode *n, unsigned rules)
{
	const struct tag *t = tag_of(n);
	if (t->flags & T_DROP)
		return true;
	if (is_tag(n, "body") || is_tag(n, "html"))
		return false;
	if (hidden(n) || role_unlikely(n))
		return true;
	char names[256];
	names_of(n, names, sizeof names);
	if (byline(n, names))
		return true;
	if (is_tag(n, "article") || is_tag(n, "main") || is_tag(n, "a") ||
	    HAS_ANY(names, maybe_hints))
		return false;
	if (HAS_ANY(names, never_hints))
		return true;
	return (rules & R_STRIP_UNLIKELY) && HAS_ANY(names, unlikely_hints) &&
	       !has_ancestor(n, "table") && !has_ancestor(n, "code");
}

/* Drop what is never the article: scripts, media, hidden blocks, and
 * (under R_STRIP_UNLIKELY) blocks whose names say they are not it. */
static void prune(struct page *p)
{
	xmlNode *root = xmlDocGetRootElement(p->doc);
	xmlNode *n = root;
	while (n) {
		if (n != root && prunable(n, p->rules)) {
			xmlNode *next = next_element(root, n, true);
			remove_node(n);
			n = next;
		} else {
			n = next_element(root, n, false);
		}
	}
}

/* ---- Scoring ------------------------------------------------------------- */

static bool has_block_child(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->_private &&
		    (info_of(c)->tag->flags & T_BLOCK))
			return true;
	return false;
}

static void make_candidate(struct page *p, xmlNode *n)
{
	struct info *in = info_of(n);
	if (in->candidate)
		return;
	in->candidate = true;
	in->score = in->tag->base;
	if (p->rules & R_WEIGH_CLASSES)
		in->score += in->weight;
}

/* A paragraph's text counts for the elements around it: its container
 * fully, the one above half, then less and less (Readability's
 * dividers). */
static void credit_ancestors(struct page *p, xmlNode *from, size_t text,
                             size_t commas)
{
	double score = 1.0 + (double)commas +
	               (text / 100 < 3 ? (double)(text / 100) : 3.0);
	int level = 0;
	for (xmlNode *a = from; a && a->type == XML_ELEMENT_NODE &&
	                        a->_private && level < SCORE_LEVELS;
	     a = a->parent, level++) {
		make_candidate(p, a);
		double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
		info_of(a)->score += score / divider;
	}
}

/* Score every paragraph into its ancestors.  A div without blocks in it
 * is a paragraph; text loose among a container's blocks is one of the
 * container's own. */
static void score_paragraphs(struct page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		xmlNode *n = p->order[i];
		struct info *in = info_of(n);
		in->candidate = false;
		in->score = 0;
	}
	for (size_t i = 0; i < p->n; i++) {
		xmlNode *n = p->order[i];
		struct info *in = info_of(n);
		if (n == p->body || !n->parent ||
		    n->parent->type != XML_ELEMENT_NODE)
			continue;
		unsigned f = in->tag->flags;
		bool para = false;
		if ((f & T_BLOCK) && !(f & (T_LIST | T_HEADING))) {
			/* A cell or a quote that holds blocks is a
			 * container, as a div is. */
			if (!has_block_child(n))
				para = true;
			else if (in->inline_text >= MIN_PARAGRAPH)
				credit_ancestors(p, n, in->inline_text,
				                 in->inline_commas);
		}
		para = para || (f & T_HEADING && f & T_PARA);
		if (para && in->text >= MIN_PARAGRAPH)
			credit_ancestors(p, n->parent, in->text, in->commas);
	}
	for (size_t i = 0; i < p->n; i++) {
		struct info *in = info_of(p->order[i]);
		if (in->candidate)
			in->score *= 1 - link_density(in);
	}
}

static bool is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (; n; n = n->parent)
		if (n == a)
			return true;
	return false;
}

/* When several nearly as good candidates share an ancestor with the best,
 * the article is that ancestor (its parts are apart in the page). */
static xmlNode *common_ancestor(struct page *p, xmlNode *top)
{
	double best = info_of(top)->score;
	xmlNode *alt[8];
	size_t nalt = 0;
	for (size_t i = 0; i < p->n && nalt < 8; i++) {
		xmlNode *n = p->order[i];
		const struct info *in = info_of(n);
		if (n != top && in->candidate && in->score >= 0.75 * best &&
		    !is_ancestor(n, top))
			alt[nalt++] = n;
	}
	if (nalt < 3)
		return top;
	for (xmlNode *a = top->parent; a && a != p->body && a->_private;
	     a = a->parent) {
		size_t inside = 0;
		for (size_t k = 0; k < nalt; k++)
			inside += is_ancestor(a, alt[k]);
		if (inside >= 3)
			return a;
	}
	return top;
}

/* Climb from the best candidate while its ancestors score about as
 * well, and past parents that hold nothing else. */
static xmlNode *climb(struct page *p, xmlNode *top)
{
	double last = info_of(top)->score, threshold = last / 3;
	for (xmlNode *a = top->parent; a && a != p->body && a->_private;
	     a = a->parent) {
		const struct info *in = info_of(a);
		if (!in->candidate)
			continue;
		if (in->score < threshold)
			break;
		if (in->score > last) {
			top = a;
			break;
		}
		last = in->score;
	}
	while (top->parent && top->parent != p->body && top->parent->_private) {
		size_t children = 0;
		for (xmlNode *c = top->parent->children; c; c = c->next)
			children += c->type == XML_ELEMENT_NODE;
		if (children != 1)
			break;
		top = top->parent;
	}
	return top;
}

static xmlNode *top_candidate(struct page *p)
{
	xmlNode *top = NULL;
	for (size_t i = 0; i < p->n; i++) {
		xmlNode *n = p->order[i];
		const struct info *in = info_of(n);
		if (in->candidate && n != p->body &&
		    (!top || in->score > info_of(top)->score))
			top = n;
	}
	if (!top)
		return NULL;
	return climb(p, common_ancestor(p, top));
}

/* ---- The article's nodes ------------------------------------------------- */

struct nodes {
	xmlNode **v;
	size_t n, cap;
};

static void nodes_add(struct nodes *list, xmlNode *n)
{
	if (list->n == list->cap) {
		list->cap = list->cap ? 2 * list->cap : 8;
		list->v = xreallocarray(list->v, list->cap, sizeof *list->v);
	}
	list->v[list->n++] = n;
}

/* A sentence's end closes the text ("." or the Arabic full stop). */
static bool ends_sentence(const xmlNode *n)
{
	struct strbuf b = {0};
	gather_text(n, &b);
	while (b.len && b.s[b.len - 1] == ' ')
		b.len--;
	bool end = b.len && (b.s[b.len - 1] == '.' ||
	                     (b.len >= 2 && !memcmp(b.s + b.len - 2, "۔", 2)));
	strbuf_free(&b);
	return end;
}

static bool same_class(const xmlNode *a, const xmlNode *b)
{
	const char *ca = attr_of(a, "class"), *cb = attr_of(b, "class");
	return ca && cb && *ca && !strcmp(ca, cb);
}

/* Whether a sibling of the best candidate is part of the article. */
static bool belongs(const xmlNode *s, const xmlNode *top, double threshold)
{
	const struct info *in = info_of(s);
	double bonus = same_class(s, top) ? info_of(top)->score * 0.2 : 0;
	if (in->candidate && in->score + bonus >= threshold)
		return true;
	bool para = is_tag(s, "p") ||
	            ((in->tag->flags & T_BLOCK) && !has_block_child(s) &&
	             !(in->tag->flags & (T_LIST | T_HEADING)));
	if (!para)
		return false;
	double ld = link_density(in);
	if (in->text > 80)
		return ld < 0.25;
	return in->text > 0 && ld == 0 && ends_sentence(s);
}

/* The best candidate and the siblings that belong with it, in page
 * order. */
static void article_nodes(xmlNode *top, struct nodes *out)
{
	xmlNode *parent = top->parent;
	if (!parent || parent->type != XML_ELEMENT_NODE || !parent->_private) {
		nodes_add(out, top);
		return;
	}
	double threshold = info_of(top)->score * 0.2;
	if (threshold < 10)
		threshold = 10;
	for (xmlNode *s = parent->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || !s->_private)
			continue;
		if (s == top || belongs(s, top, threshold))
			nodes_add(out, s);
	}
}

/* ---- Cleaning the article ------------------------------------------------ */

/* How boxes of links to other stories start, inside an article's text or
 * above a related-news box. */
static const char *const read_also[] = {
        "بیشتر بخوانید", "همچنین بخوانید",  "بخوانید:",         "مطلب مرتبط",
        "مطالب مرتبط",   "خبر مرتبط",       "اخبار مرتبط",      "خبرهای مرتبط",
        "اقرأ أيضا",     "اقرأ أيضاً",       "إقرأ أيضا",        "إقرأ أيضاً",
        "اقرأ ايضا",     "اقرأ ايضاً",       "اقرأ المزيد",      "إقرأ المزيد",
        "اقرأ كذلك",     "شاهد أيضا",       "شاهد أيضاً",        "طالع أيضا",
        "أخبار ذات صلة", "اخبار ذات صلة",   "مواضيع ذات صلة",   "أخبار متعلقة",
        "קראו גם",       "קרא גם",          "כתבות נוספות",     "כתבות קשורות",
        "עוד בנושא",     "read more",       "read also",        "also read",
        "see also",      "related:",        "more on this",     "read next",
        "recommended:",  "related stories", "related articles",
};

static bool says_read_also(const xmlNode *n)
{
	struct strbuf b = {0};
	gather_text(n, &b);
	const char *s = b.s ? b.s : "";
	while (*s == ' ')
		s++;
	bool yes = false;
	for (size_t i = 0; !yes && i < sizeof read_also / sizeof *read_also;
	     i++)
		yes = starts_with(s, read_also[i]);
	strbuf_free(&b);
	return yes;
}

/* Readability's conditional cleaning: a block with few commas that holds
 * more list items than paragraphs, or mostly links, is not text. */
static bool looks_like_text(const struct page *p, const xmlNode *n)
{
	const struct info *in = info_of(n);
	int weight = p->rules & R_WEIGH_CLASSES ? in->weight : 0;
	if (weight < 0 && weight + in->score < 0)
		return false;
	if (in->commas >= 10)
		return true;
	bool list = (in->tag->flags & T_LIST) != 0;
	double ld = link_density(in);
	if (!list && in->items > in->paras + 2)
		return false;
	if (!list && in->text < MIN_PARAGRAPH && ld > 0)
		return false;
	if (!list && weight < 25 && ld > 0.2)
		return false;
	if (weight >= 25 && ld > 0.5)
		return false;
	return true;
}

/* Whether an element inside the article is not part of its text. */
static bool not_text(const struct page *p, const xmlNode *n)
{
	const struct info *in = info_of(n);
	unsigned f = in->tag->flags;
	if (is_tag(n, "h1"))
		return true;
	if ((f & T_HEADING) &&
	    ((p->rules & R_WEIGH_CLASSES && in->weight < 0) ||
	     link_density(in) > 0.33))
		return true;
	if (in->link_text > 0 && in->text < 300 && (f & T_BLOCK) &&
	    says_read_also(n))
		return true;
	if (is_tag(n, "p") && in->text < 150 && link_density(in) > 0.8)
		return true;
	return (p->rules & R_CLEAN) && (f & T_CLEAN) && !looks_like_text(p, n);
}

/* Remove what is marked under root, each marked subtree at once. */
static void sweep(xmlNode *root)
{
	xmlNode *n = root;
	while (n) {
		if (n != root && n->_private && info_of(n)->removed) {
			xmlNode *next = next_element(root, n, true);
			remove_node(n);
			n = next;
		} else {
			n = next_element(root, n, false);
		}
	}
}

/* Clean each of the article's nodes: innermost elements are judged
 * first, on what they hold. */
static void clean_article(struct page *p, const struct nodes *roots)
{
	for (size_t r = 0; r < roots->n; r++) {
		xmlNode *root = roots->v[r];
		size_t first = info_of(root)->index, end = first + 1;
		while (end < p->n && is_ancestor(root, p->order[end]))
			end++;
		for (size_t i = end; i-- > first + 1;) {
			xmlNode *n = p->order[i];
			info_of(n)->removed = not_text(p, n);
		}
		sweep(root);
	}
}

/* ---- Paragraphs ---------------------------------------------------------- */

/* The direction the article's text inherits: the nearest dir, else the
 * nearest lang, as an attribute for the wrapper of its HTML. */
static void inherited_direction(const xmlNode *n, struct strbuf *out)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		const char *name = "dir", *v = attr_of(n, "dir");
		if (!v || !*v) {
			name = "lang";
			v = attr_of(n, "lang");
		}
		if (!v || !*v)
			continue;
		strbuf_adds(out, name);
		strbuf_adds(out, "=\"");
		for (; *v; v++)
			if ((*v >= 'a' && *v <= 'z') ||
			    (*v >= 'A' && *v <= 'Z') ||
			    (*v >= '0' && *v <= '9') || *v == '-')
				strbuf_addc(out, *v);
		strbuf_addc(out, '"');
		return;
	}
}

/* Links and images of the article are not its text: the body is read
 * as text, without link numbers. */
static void unlink_links(xmlNode *root)
{
	for (xmlNode *n = root; n; n = next_element(root, n, false))
		if (is_tag(n, "a"))
			xmlUnsetProp(n, (const xmlChar *)"href");
}

/* The article's nodes as paragraphs, the way feed HTML is made
 * paragraphs (html.c): direction, lists and quotes kept. */
static void nodes_to_body(struct page *p, const struct nodes *roots,
                          struct article *a)
{
	struct strbuf html = {0};
	strbuf_adds(&html, "<div ");
	if (roots->n)
		inherited_direction(roots->v[0]->parent, &html);
	strbuf_adds(&html, ">");
	xmlBufferPtr buf = xmlBufferCreate();
	for (size_t i = 0; i < roots->n; i++) {
		unlink_links(roots->v[i]);
		htmlNodeDump(buf, p->doc, roots->v[i]);
	}
	strbuf_add(&html, (const char *)xmlBufferContent(buf),
	           (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	strbuf_adds(&html, "</div>");
	html_to_article(a, html.s, html.len, NULL);
	strbuf_free(&html);
}

static size_t body_chars(const struct article *a)
{
	size_t chars = 0;
	for (size_t i = 0; i < a->nbody; i++) {
		size_t commas = 0;
		chars += text_measure(a->body[i], &commas);
	}
	return chars;
}

/* ---- The related-news box ------------------------------------------------ */

/* Names and headings of a box of related stories, and of the lists of
 * most read stories and of tags it must not be taken for. */
static const char *const related_names[] = {
        "related", "mortabet", "more-on", "moreon",
        "more_on", "see-also", "seealso", "morteb",
};

static const char *const not_related_names[] = {
        "tag",   "topic",   "keyword", "most",  "popular",
        "trend", "product", "=sites",  "video", "porbazdid",
};

static const char *const related_headings[] = {
        "اخبار مرتبط",    "أخبار مرتبطة",    "خبرهای مرتبط",  "مطالب مرتبط",
        "خبرهای مربوط",   "اخبار ذات صلة",   "أخبار ذات صلة", "مواضيع ذات صلة",
        "مقالات ذات صلة", "أخبار متعلقة",    "כתבות נוספות",  "כתבות קשורות",
        "עוד בנושא",      "related",         "more on this",  "see also",
        "more about",     "read more about",
};

static const char *const most_read_headings[] = {
        "پربازدید", "پربیننده", "پرخواننده", "الأكثر",  "الاكثر",
        "הנקראים",  "הנצפים",   "most",      "popular", "trending",
};

/* A heading of a related box is short and says so. */
#define HEADING_MAX 60
/* A related box is mostly links, and not the page's whole text. */
#define RELATED_MAX_TEXT 4000

struct related {
	char **titles, **links;
	size_t n;
	struct nodes boxes; /* to leave out of the article */
	const char *base;
};

static bool matches_any(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, list[i]))
			return true;
	return false;
}

#define MATCHES_ANY(s, list) matches_any(s, list, sizeof list / sizeof *list)

static bool related_heading(const xmlNode *n)
{
	const struct info *in = info_of(n);
	if (in->text == 0 || in->text > HEADING_MAX || is_tag(n, "a") ||
	    has_block_child(n))
		return false;
	struct strbuf b = {0};
	gather_text(n, &b);
	for (size_t i = 0; i < b.len; i++)
		if (b.s[i] >= 'A' && b.s[i] <= 'Z')
			b.s[i] = (char)(b.s[i] + 32);
	bool yes = b.len && MATCHES_ANY(b.s, related_headings) &&
	           !MATCHES_ANY(b.s, most_read_headings);
	strbuf_free(&b);
	return yes;
}

static bool related_box_named(const xmlNode *n)
{
	if (is_tag(n, "body") || is_tag(n, "html") || is_tag(n, "a"))
		return false;
	char names[256];
	names_of(n, names, sizeof names);
	return HAS_ANY(names, related_names) &&
	       !HAS_ANY(names, not_related_names);
}

/* Whether a box may be a list of related stories. */
static bool box_fits(const xmlNode *n)
{
	const struct info *in = info_of(n);
	return in->link_text > 0 && in->text <= RELATED_MAX_TEXT &&
	       link_density(in) >= 0.3;
}

static void add_related(struct related *r, char *title, char *link)
{
	for (size_t i = 0; i < r->n; i++) {
		if (!strcmp(r->links[i], link) ||
		    !strcmp(r->titles[i], title)) {
			/* The same story twice (a picture's link and the
			 * headline's): the longer title. */
			if (strlen(title) > strlen(r->titles[i])) {
				free(r->titles[i]);
				r->titles[i] = title;
				title = NULL;
			}
			free(title);
			free(link);
			return;
		}
	}
	r->titles = xreallocarray(r->titles, r->n + 1, sizeof *r->titles);
	r->links = xreallocarray(r->links, r->n + 1, sizeof *r->links);
	r->titles[r->n] = title;
	r->links[r->n++] = link;
}

/* href against the page's base; NULL for a link that leads nowhere. */
static char *resolve(const char *href, const char *base)
{
	while (space_byte((unsigned char)*href))
		href++;
	if (!*href || *href == '#' || starts_with(href, "javascript:") ||
	    starts_with(href, "mailto:"))
		return NULL;
	xmlChar *u =
	        base ? xmlBuildURI((const xmlChar *)href, (const xmlChar *)base)
	             : NULL;
	char *link = clean_line(u ? (const char *)u : href,
	                        strlen(u ? (const char *)u : href));
	xmlFree(u);
	return link;
}

/* A link of a related box: a headline of a few words. */
static void related_link(struct related *r, const xmlNode *a)
{
	const char *href = attr_of(a, "href");
	if (!href)
		return;
	char *title = node_line(a);
	if (!title)
		title = attr_line(a, "title");
	size_t commas = 0;
	if (!title || text_measure(title, &commas) < 12 ||
	    !strchr(title, ' ')) {
		free(title);
		return;
	}
	char *link = resolve(href, r->base);
	if (!link) {
		free(title);
		return;
	}
	add_related(r, title, link);
}

static void box_links(struct related *r, xmlNode *box)
{
	for (xmlNode *n = box; n; n = next_element(box, n, false))
		if (is_tag(n, "a"))
			related_link(r, n);
}

/* The box a related heading names: its ancestor that holds links besides
 * the heading's own, when that fits a box; else the heading and what
 * follows it up to the next heading. */
static void heading_box(struct related *r, xmlNode *heading)
{
	size_t own = info_of(heading)->link_text;
	for (xmlNode *a = heading->parent;
	     a && a->_private && !is_tag(a, "body"); a = a->parent) {
		if (info_of(a)->link_text <= own)
			continue;
		if (!box_fits(a))
			break;
		box_links(r, a);
		nodes_add(&r->boxes, a);
		return;
	}
	nodes_add(&r->boxes, heading);
	for (xmlNode *s = heading->next; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || !s->_private)
			continue;
		if ((info_of(s)->tag->flags & T_HEADING) || !box_fits(s))
			break;
		box_links(r, s);
		nodes_add(&r->boxes, s);
	}
}

/* The related boxes of a page in page order: their links as related
 * stories, the boxes listed to be left out of the article. */
static void find_related(struct page *p, struct related *r)
{
	xmlNode *root = xmlDocGetRootElement(p->doc);
	xmlNode *n = root;
	while (n) {
		size_t before = r->boxes.n;
		if (related_box_named(n) && box_fits(n)) {
			box_links(r, n);
			nodes_add(&r->boxes, n);
		} else if (n->_private && related_heading(n)) {
			heading_box(r, n);
		}
		if (r->boxes.n == before) {
			n = next_element(root, n, false);
			continue;
		}
		/* On after the last box found. */
		n = next_element(root, r->boxes.v[r->boxes.n - 1], true);
	}
}

static void related_free(struct related *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->titles[i]);
		free(r->links[i]);
	}
	free(r->titles);
	free(r->links);
	free(r->boxes.v);
}

/* ---- Reading a page ------------------------------------------------------ */

/* A parsed page with its elements measured. */
static bool load_page(struct page *p, const char *utf8, size_t len,
                      const char *url)
{
	*p = (struct page){0};
	p->doc = parse(utf8, len, url);
	if (!p->doc || !xmlDocGetRootElement(p->doc))
		return false;
	p->body = find_body(p->doc);
	index_elements(p);
	measure(p);
	return true;
}

/* Take the related boxes out of the page, their links into r. */
static void drop_related(struct page *p, struct related *r)
{
	find_related(p, r);
	for (size_t i = 0; i < r->boxes.n; i++)
		/* A damaged page may have no body but the box. */
		if (!is_ancestor(r->boxes.v[i], p->body))
			remove_node(r->boxes.v[i]);
	r->boxes.n = 0;
}

static void close_page(struct page *p)
{
	if (p->doc)
		xmlFreeDoc(p->doc);
	free(p->infos);
	free(p->order);
}

/* What an attempt at the body found besides its paragraphs. */
struct found {
	size_t chars;        /* of text */
	double link_density; /* of the block it came from */
	size_t headlines;    /* headings in it that are links */
};

/* Headings that are links, as a page of headlines lists its stories. */
static size_t linked_headings(const struct nodes *roots)
{
	size_t n = 0;
	for (size_t r = 0; r < roots->n; r++) {
		xmlNode *root = roots->v[r];
		for (xmlNode *e = root; e; e = next_element(root, e, false)) {
			const struct info *in = info_of(e);
			n += (in->tag->flags & T_HEADING) && in->text > 0 &&
			     link_density(in) > 0.8;
		}
	}
	return n;
}

/* The body under a set of rules (Readability's grabArticle). */
static struct article *grab_article(struct page *p, unsigned rules,
                                    struct found *f)
{
	p->rules = rules;
	prune(p);
	/* A damaged page can have its body inside what was dropped. */
	p->body = find_body(p->doc);
	index_elements(p);
	measure(p);
	score_paragraphs(p);
	struct article *a = article_new();
	xmlNode *top = top_candidate(p);
	if (!top)
		top = p->body;
	struct nodes roots = {0};
	if (top == p->body)
		nodes_add(&roots, top);
	else
		article_nodes(top, &roots);
	f->link_density = link_density(info_of(top));
	f->headlines = linked_headings(&roots);
	clean_article(p, &roots);
	nodes_to_body(p, &roots, a);
	free(roots.v);
	f->chars = body_chars(a);
	return a;
}

/* The body from the page's elements: each attempt with looser rules
 * until one finds enough text, else the attempt that found most. */
static struct article *dom_body(struct page *first, const char *utf8,
                                size_t len, const char *url, struct found *f)
{
	static const unsigned attempts[] = {
	        R_ALL,
	        R_WEIGH_CLASSES | R_CLEAN,
	        R_CLEAN,
	        0,
	};
	struct article *best = NULL;
	for (size_t k = 0; k < sizeof attempts / sizeof *attempts; k++) {
		struct page again;
		struct related ignored = {0};
		struct page *p = first;
		if (k > 0) {
			p = &again;
			if (!load_page(p, utf8, len, url)) {
				close_page(p);
				break;
			}
			drop_related(p, &ignored);
		}
		struct found got;
		struct article *a = grab_article(p, attempts[k], &got);
		if (k > 0) {
			close_page(p);
			related_free(&ignored);
		}
		if (!best || got.chars > f->chars) {
			article_free(best);
			best = a;
			*f = got;
		} else {
			article_free(a);
		}
		if (f->chars >= CHAR_THRESHOLD)
			break;
	}
	return best;
}

/* ---- The JSON-LD body ---------------------------------------------------- */

static bool looks_like_html(const char *s)
{
	for (const char *lt = strchr(s, '<'); lt; lt = strchr(lt + 1, '<')) {
		const char *t = lt[1] == '/' ? lt + 2 : lt + 1;
		if ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z'))
			return true;
	}
	return false;
}

/* The JSON-LD articleBody as paragraphs: HTML when it is written so,
 * else text with a paragraph a line. */
static struct article *ld_paragraphs(const char *body, char dir)
{
	struct article *a = article_new();
	size_t len = strlen(body);
	if (looks_like_html(body)) {
		html_to_article(a, body, len, NULL);
		return a;
	}
	char *text = strchr(body, '&') ? html_decode_entities(body, len)
	                               : xstrdup(body);
	for (char *line = text; *line;) {
		size_t n = strcspn(line, "\n\r");
		char *clean = clean_line(line, n);
		if (*clean)
			article_add_paragraph_dir(a, clean, strlen(clean), dir);
		free(clean);
		line += n;
		line += strspn(line, "\n\r");
	}
	free(text);
	return a;
}

/* A JSON-LD body is believed when it is long enough and its start is
 * text the page shows (not a teaser of another story, not a summary). */
static bool ld_plausible(const struct article *ld, const char *page_text)
{
	if (ld->nbody == 0 || body_chars(ld) < MIN_ARTICLE || !page_text)
		return false;
	const char *first = ld->body[0];
	size_t n = strlen(first) < 60 ? strlen(first) : 60;
	while (n > 0 && first[n] && first[n] != ' ')
		n--;
	if (n < 12)
		return false;
	char *start = xstrndup(first, n);
	bool shown = strstr(page_text, start) != NULL;
	free(start);
	return shown;
}

/* The page's visible text as one clean line, to check JSON-LD against. */
static char *page_text(const struct page *p)
{
	struct strbuf b = {0};
	gather_text(p->body, &b);
	char *line = clean_line(b.s ? b.s : "", b.len);
	strbuf_free(&b);
	return line;
}

/* ---- Title, site, credit ------------------------------------------------- */

/* The separators of a site's name in a title ("Headline | Site"). */
static const char *const title_separators[] = {
        " | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", " / ",
};

/* Where the last separator in title starts, or NULL; *sep_len gets its
 * length. */
static const char *last_separator(const char *title, size_t *sep_len)
{
	const char *best = NULL;
	for (size_t i = 0;
	     i < sizeof title_separators / sizeof *title_separators; i++) {
		const char *sep = title_separators[i];
		for (const char *p = strstr(title, sep); p;
		     p = strstr(p + 1, sep))
			if (!best || p > best) {
				best = p;
				*sep_len = strlen(sep);
			}
	}
	return best;
}

static size_t words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		bool sp = *s == ' ';
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

/* The headline without the site's name after it; *site gets the name
 * when it is plausibly one (a few words) and is still NULL. */
static char *strip_site(const char *title, char **site)
{
	size_t sep_len = 0;
	const char *sep = last_separator(title, &sep_len);
	if (!sep)
		return xstrdup(title);
	const char *tail = sep + sep_len;
	char *head = xstrndup(title, (size_t)(sep - title));
	bool named = *site && !strcasecmp(tail, *site);
	if (!named && (words(tail) > 4 || words(head) < 2)) {
		free(head);
		return xstrdup(title);
	}
	if (!*site)
		*site = xstrdup(tail);
	return head;
}

static char *host_of(const char *url)
{
	if (!url)
		return NULL;
	xmlURIPtr u = xmlParseURI(url);
	char *host = NULL;
	if (u && u->server && *u->server) {
		const char *h = u->server;
		if (starts_with(h, "www."))
			h += 4;
		host = clean_line(h, strlen(h));
	}
	xmlFreeURI(u);
	return host;
}

/* Title and site from what the page says, best first. */
static void title_and_site(struct meta *m, const char *url, struct article *a)
{
	char *site = m->site ? xstrdup(m->site) : NULL;
	char *title = NULL;
	if (m->ld_title)
		title = strip_site(m->ld_title, &site);
	else if (m->og_title)
		title = strip_site(m->og_title, &site);
	else if (m->h1)
		title = xstrdup(m->h1);
	if (m->title) {
		char *t = strip_site(m->title, &site);
		if (!title)
			title = t;
		else
			free(t);
	}
	if (!site)
		site = host_of(m->link ? m->link : url);
	free(a->title);
	a->title = title ? title : xstrdup("");
	a->site = site;
}

/* A credit line: "منبع: ..." and its like, short. */
static bool credit_line(const char *s)
{
	static const char *const words[] = {"منبع", "المصدر", "מקור", "Source"};
	if (strlen(s) > CREDIT_MAX)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		if (!starts_with(s, words[i]))
			continue;
		const char *p = s + strlen(words[i]);
		while (*p == ' ')
			p++;
		if (*p == ':' || starts_with(p, "\uFF1A"))
			return true;
	}
	return false;
}

/* ---- The article --------------------------------------------------------- */

static bool same_text(const char *a, const char *b)
{
	return a && b && !strcasecmp(a, b);
}

/* Whether a line has a letter: a date or a number alone is not text. */
static bool has_letter(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t len = strlen(s);
	while (len > 0) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, p, len);
		if (uc_is_alpha(uc))
			return true;
		p += n;
		len -= (size_t)n;
	}
	return false;
}

/* The label of an advertisement's place, alone on its line. */
static bool ad_label(const char *s)
{
	static const char *const labels[] = {
	        "advertisement", "advertisment", "تبلیغات",
	        "إعلان",         "اعلان",        "פרסומת",
	};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (!strcasecmp(s, labels[i]))
			return true;
	return false;
}

/* The body's paragraphs made clean lines, without the headline repeated,
 * dates and advertisement labels, and with the credit line taken out into
 * a->credit. */
static void finish_body(struct article *a, struct article *from)
{
	for (size_t i = 0; i < from->nbody; i++) {
		char *line = clean_line(from->body[i], strlen(from->body[i]));
		if (!has_letter(line) || ad_label(line) ||
		    (i < 3 && same_text(line, a->title))) {
			free(line);
			continue;
		}
		if (credit_line(line)) {
			if (!a->credit)
				a->credit = line;
			else
				free(line);
			continue;
		}
		char dir =
		        from->body_dir ? from->body_dir[i] : ARTICLE_DIR_AUTO;
		article_add_paragraph_dir(a, line, strlen(line), dir);
		free(line);
	}
}

static char page_direction(const struct meta *m)
{
	if (m->dir && !strcasecmp(m->dir, "rtl"))
		return ARTICLE_DIR_RTL;
	static const char *const rtl[] = {"fa", "ar", "he", "ur", "ps", "ckb"};
	for (size_t i = 0; m->lang && i < sizeof rtl / sizeof *rtl; i++)
		if (starts_with(m->lang, rtl[i]) &&
		    strlen(m->lang) >= strlen(rtl[i]) &&
		    !((m->lang[strlen(rtl[i])] | 32) >= 'a' &&
		      (m->lang[strlen(rtl[i])] | 32) <= 'z'))
			return ARTICLE_DIR_RTL;
	return ARTICLE_DIR_AUTO;
}

/* The body: the elements' when they hold at least half the JSON-LD
 * body's text (their paragraphs keep lists, quotes and directions), else
 * the JSON-LD one when the page bears it out. */
static struct article *choose_body(struct article *dom, const struct found *f,
                                   const struct meta *m, const char *text)
{
	if (!m->ld_body)
		return dom;
	struct article *ld = ld_paragraphs(m->ld_body, page_direction(m));
	if (ld_plausible(ld, text) && f->chars * 2 < body_chars(ld)) {
		article_free(dom);
		return ld;
	}
	article_free(ld);
	return dom;
}

/* Whether the text found is a list of stories: many headlines that are
 * links, one for every few lines of text, on a page that does not say it
 * is an article. */
static bool index_page(const struct meta *m, const struct found *f)
{
	bool article = m->ld_article ||
	               (m->og_type && !strcasecmp(m->og_type, "article"));
	return !article && f->headlines >= 5 &&
	       f->headlines * INDEX_CHARS_PER_HEADLINE > f->chars;
}

/* Why a page holds no article. */
static enum extract_failure why_not(const struct meta *m, const struct found *f)
{
	if (m->password)
		return EXTRACT_LOGIN;
	if (f->link_density > 0.4 || index_page(m, f))
		return EXTRACT_INDEX;
	return EXTRACT_TOO_LITTLE;
}

static void fill_meta(struct article *a, struct meta *m, const char *url)
{
	title_and_site(m, url, a);
	a->date = m->date;
	a->author = m->author;
	a->language = m->lang;
	m->date = m->author = m->lang = NULL;
	char *link = m->link ? m->link : (char *)url;
	a->link = link ? resolve(link, url) : NULL;
	a->origin = url ? xstrdup(url) : NULL;
}

static void take_related(struct extraction *x, struct related *r)
{
	for (size_t i = 0; i < r->n; i++)
		article_add_related(x->article, r->titles[i],
		                    strlen(r->titles[i]));
	x->links = r->links;
	r->links = NULL;
	for (size_t i = 0; i < r->n; i++)
		free(r->titles[i]);
	free(r->titles);
	r->titles = NULL;
	r->n = 0;
}

/* The base relative links are read against: <base href> (itself against
 * the page's address), else the page's address. */
static char *page_base(const struct meta *m, const char *url)
{
	if (m->base) {
		char *b = resolve(m->base, url);
		if (b)
			return b;
	}
	return url ? xstrdup(url) : NULL;
}

/* Read the parsed page into x. */
static void extract_from(struct extraction *x, struct page *p, const char *utf8,
                         size_t len, const struct extract_options *opt)
{
	struct meta m = {0};
	read_meta(&m, xmlDocGetRootElement(p->doc));
	char *base = page_base(&m, opt->url);
	struct related r = {.base = base};
	drop_related(p, &r);
	char *text = m.ld_body ? page_text(p) : NULL;
	struct found f = {0};
	struct article *dom = dom_body(p, utf8, len, opt->url, &f);
	struct article *body = choose_body(dom, &f, &m, text);
	bool from_dom = body == dom;
	struct article *a = article_new();
	fill_meta(a, &m, opt->url);
	finish_body(a, body);
	article_free(body);
	if (body_chars(a) < MIN_ARTICLE || (from_dom && index_page(&m, &f))) {
		x->why = why_not(&m, &f);
		article_free(a);
	} else {
		x->article = a;
		take_related(x, &r);
	}
	related_free(&r);
	meta_free(&m);
	free(text);
	free(base);
}

const char *extract_failure_text(enum extract_failure why)
{
	switch (why) {
	case EXTRACT_INDEX:
		return _("no article: a page of headlines and links");
	case EXTRACT_LOGIN:
		return _("no article: a login or subscription wall");
	case EXTRACT_TOO_LITTLE:
	case EXTRACT_FOUND:
		break;
	}
	return _("no article: too little text");
}

struct extraction *extract_page(const char *page, size_t len,
                                const struct extract_options *opt)
{
	static const struct extract_options none = {0};
	if (!opt)
		opt = &none;
	struct extraction *x = xcalloc(1, sizeof *x);
	size_t bom = 0;
	x->charset = extract_charset(page, len, opt->charset, &bom);
	size_t ulen;
	char *utf8 = extract_to_utf8(page + bom, len - bom, x->charset, &ulen);
	struct page p;
	x->why = EXTRACT_TOO_LITTLE;
	if (load_page(&p, utf8, ulen, opt->url))
		extract_from(x, &p, utf8, ulen, opt);
	close_page(&p);
	free(utf8);
	if (x->article)
		x->why = EXTRACT_FOUND;
	return x;
}

void extraction_free(struct extraction *x)
{
	if (!x)
		return;
	for (size_t i = 0; x->article && i < x->article->nrelated; i++)
		free(x->links[i]);
	free(x->links);
	article_free(x->article);
	free(x);
}
