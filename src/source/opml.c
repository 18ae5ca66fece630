/* OPML import with libxml2's tree parser (subscription lists are small)
 * locked down against entity tricks, and an export written by hand with
 * careful escaping. */
#include "config.h"

#include "source/opml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unistr.h>

#include "text/safe.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* An attribute's text, case-insensitive by name (exporters differ:
 * xmlUrl, xmlurl).  Only literal text counts: an entity reference is
 * dropped, never expanded, so no entity can pull in a file or blow up. */
static char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (strcasecmp((const char *)a->name, name) != 0)
			continue;
		size_t len = 0;
		for (const xmlNode *c = a->children; c; c = c->next)
			if (c->type == XML_TEXT_NODE && c->content)
				len += strlen((const char *)c->content);
		char *s = xmalloc(len + 1), *p = s;
		for (const xmlNode *c = a->children; c; c = c->next)
			if (c->type == XML_TEXT_NODE && c->content)
				p = stpcpy(p, (const char *)c->content);
		*p = '\0';
		/* Hand-edited files pad values with spaces and newlines. */
		char *start = s + strspn(s, " \t\r\n");
		size_t n_len = strlen(start);
		while (n_len && strchr(" \t\r\n", start[n_len - 1]))
			n_len--;
		char *t = xstrndup(start, n_len);
		free(s);
		return t;
	}
	return NULL;
}

static bool is_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcasecmp((const char *)n->name, name) == 0;
}

/* A folder's or feed's name: text, else title (OPML 1.0 files use both). */
static char *outline_name(const xmlNode *n)
{
	char *s = attr(n, "text");
	if (s && *s)
		return s;
	free(s);
	s = attr(n, "title");
	if (s && *s)
		return s;
	free(s);
	return NULL;
}

struct tags {
	char **v;
	size_t n;
};

static void tags_push(struct tags *t, char *tag)
{
	t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
	t->v[t->n++] = tag;
}

static void tags_pop_to(struct tags *t, size_t n)
{
	while (t->n > n)
		free(t->v[--t->n]);
}

/* OPML 2.0 category: "/a/b,/c" -> tags "a/b" and "c". */
static void add_categories(struct tags *t, const char *cat)
{
	while (*cat) {
		size_t len = strcspn(cat, ",");
		const char *s = cat;
		size_t n = len;
		while (n && (*s == ' ' || *s == '/'))
			s++, n--;
		while (n && s[n - 1] == ' ')
			n--;
		if (n)
			tags_push(t, xstrndup(s, n));
		cat += len;
		if (*cat == ',')
			cat++;
	}
}

struct walk {
	const char *path;
	bool local; /* file: URLs and paths are taken too */
	const struct urls *known;
	struct urls *out;
	size_t skipped;
};

static bool has_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Why url is not imported, or NULL when it is: an OPML file is someone
 * else's text, and a line of the urls file can run a command (newsboat's
 * exec: and filter:) or read any file. */
static const char *refusal(const char *url, bool local)
{
	bool web = has_prefix(url, "http://") || has_prefix(url, "https://");
	bool file = has_prefix(url, "file://") || url[0] == '/' ||
	            strncmp(url, "~/", 2) == 0;
	if (!web && !file)
		return _("not an http or https URL; left out");
	if (file && !local)
		return _("a local file; left out (--local-feeds imports it)");
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7F)
			return _("not a URL (it holds spaces or control "
			         "characters); left out");
	return NULL;
}

/* Take the feed of outline n (url: its xmlUrl) unless it is known or
 * refused; a refused one is described in w->out's errors. */
static void take_feed(struct walk *w, const xmlNode *n, const char *url,
                      const struct tags *tags)
{
	const char *why = refusal(url, w->local);
	if (why) {
		char *name = outline_name(n);
		char *msg = xasprintf(_("outline \"%s\" (%s): %s"),
		                      name ? name : "", url, why);
		urls_add_error(w->out, w->path, (unsigned)xmlGetLineNo(n), msg);
		free(msg);
		free(name);
	} else if ((w->known && urls_find(w->known, url)) ||
	           urls_find(w->out, url)) {
		w->skipped++;
	} else {
		urls_add(w->out, url, tags->v, tags->n, NULL);
	}
}

static void walk_outlines(struct walk *w, const xmlNode *parent,
                          struct tags *tags)
{
	for (const xmlNode *n = parent->children; n; n = n->next) {
		if (!is_element(n, "outline"))
			continue;
		size_t depth = tags->n;
		char *url = attr(n, "xmlUrl");
		if (url && *url) {
			char *cat = attr(n, "category");
			if (cat)
				add_categories(tags, cat);
			free(cat);
			take_feed(w, n, url, tags);
			tags_pop_to(tags, depth);
			walk_outlines(w, n, tags);
		} else {
			char *name = outline_name(n);
			if (name)
				tags_push(tags, name);
			walk_outlines(w, n, tags);
			tags_pop_to(tags, depth);
		}
		free(url);
	}
}

static char *parse_error(const char *path, xmlParserCtxtPtr ctxt)
{
	const xmlError *e = xmlCtxtGetLastError(ctxt);
	if (!e || !e->message)
		return xasprintf(_("%s: not an XML file"), path);
	size_t len = strlen(e->message);
	while (len && e->message[len - 1] == '\n')
		len--;
	/* libxml2 quotes names and values of the document in its messages. */
	struct strbuf shown = {0};
	text_safe_add(&shown, e->message, len, TEXT_SAFE_MESSAGE_MAX);
	char *msg = xasprintf("%s:%d: %s", path, e->line, shown.s);
	strbuf_free(&shown);
	return msg;
}

bool opml_read(const char *path, bool local, const struct urls *known,
               struct urls *out, size_t *skipped, char **error)
{
	/* Opened here so that a missing file is our message, not libxml2's. */
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*error = xasprintf("%s: %s", path, strerror(errno));
		return false;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		close(fd);
		*error = xstrdup(_("out of memory"));
		return false;
	}
	/* No NOENT (entities stay references), no DTDLOAD, no network. */
	xmlDocPtr doc = xmlCtxtReadFd(ctxt, fd, path, NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                      XML_PARSE_NOWARNING);
	close(fd);
	if (!doc) {
		*error = parse_error(path, ctxt);
		xmlFreeParserCtxt(ctxt);
		return false;
	}
	xmlFreeParserCtxt(ctxt);
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *body = NULL;
	if (!root || !is_element(root, "opml")) {
		char *name = text_safe(root ? (const char *)root->name : "",
		                       TEXT_SAFE_NAME_MAX);
		*error = xasprintf(_("%s: not an OPML file (its root element "
		                     "is <%s>, not <opml>)"),
		                   path, name);
		free(name);
		xmlFreeDoc(doc);
		return false;
	}
	for (const xmlNode *n = root->children; n && !body; n = n->next)
		if (is_element(n, "body"))
			body = n;
	if (!body) {
		*error = xasprintf(_("%s: not an OPML file (no <body>)"), path);
		xmlFreeDoc(doc);
		return false;
	}
	struct walk w = {
	        .path = path, .local = local, .known = known, .out = out};
	struct tags tags = {0};
	walk_outlines(&w, body, &tags);
	free(tags.v);
	xmlFreeDoc(doc);
	*skipped = w.skipped;
	return true;
}

bool opml_import(const char *opml_path, const char *urls_path, bool local,
                 size_t *added, size_t *skipped, char **error)
{
	struct urls *known = urls_load(urls_path, error);
	if (!known)
		return false;
	struct urls *fresh = urls_parse("", opml_path);
	bool ok = opml_read(opml_path, local, known, fresh, skipped, error);
	for (size_t i = 0; ok && i < fresh->n_errors; i++)
		text_safe_warn(NULL, fresh->errors[i]);
	ok = ok && urls_append(urls_path, fresh->entries, fresh->n, error);
	*added = ok ? fresh->n : 0;
	urls_free(fresh);
	urls_free(known);
	return ok;
}

/* Attribute text as XML 1.0 allows it: markup escaped, line breaks and
 * tabs as character references (so they survive attribute normalisation),
 * other control characters (DEL and C1 too: the export may go to a
 * terminal) and invalid UTF-8 as U+FFFD. */
static void put_escaped(FILE *out, const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtoucr(&c, p, (size_t)(end - p));
		if (n < 0) {
			c = 0; /* written below as U+FFFD */
			n = 1;
		}
		switch (c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\t':
			fputs("&#9;", out);
			break;
		case '\n':
			fputs("&#10;", out);
			break;
		case '\r':
			fputs("&#13;", out);
			break;
		default:
			if (c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
			    c == 0xFFFE || c == 0xFFFF ||
			    (c >= 0xD800 && c < 0xE000))
				fputs("\xEF\xBF\xBD", out);
			else
				fwrite(p, 1, (size_t)n, out);
		}
		p += n;
	}
}

static void put_attr(FILE *out, const char *name, const char *value)
{
	fprintf(out, " %s=\"", name);
	put_escaped(out, value);
	putc('"', out);
}

static void put_feed(FILE *out, const struct urls_entry *e,
                     opml_title_fn *title_of, void *ctx, const char *indent)
{
	const char *title = e->title;
	if (!title && title_of)
		title = title_of(ctx, e->url);
	if (!title || !*title)
		title = e->url;
	fprintf(out, "%s<outline type=\"rss\"", indent);
	put_attr(out, "text", title);
	put_attr(out, "title", title);
	put_attr(out, "xmlUrl", e->url);
	if (e->n_tags > 1) {
		fputs(" category=\"", out);
		for (size_t i = 1; i < e->n_tags; i++) {
			fputs(i > 1 ? ",/" : "/", out);
			put_escaped(out, e->tags[i]);
		}
		putc('"', out);
	}
	fputs("/>\n", out);
}

bool opml_export(FILE *out, const struct urls *list, opml_title_fn *title_of,
                 void *ctx)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<opml version=\"2.0\">\n"
	      "  <head>\n"
	      "    <title>akhbar subscriptions</title>\n"
	      "  </head>\n"
	      "  <body>\n",
	      out);
	for (size_t i = 0; i < list->n; i++) {
		const struct urls_entry *e = &list->entries[i];
		if (e->kind == URLS_FEED && e->n_tags == 0)
			put_feed(out, e, title_of, ctx, "    ");
	}
	/* One folder per first tag, in the order the tags first appear. */
	for (size_t i = 0; i < list->n; i++) {
		const struct urls_entry *e = &list->entries[i];
		if (e->kind != URLS_FEED || e->n_tags == 0)
			continue;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++) {
			const struct urls_entry *b = &list->entries[k];
			seen = b->kind == URLS_FEED && b->n_tags &&
			       strcmp(b->tags[0], e->tags[0]) == 0;
		}
		if (seen)
			continue;
		fputs("    <outline", out);
		put_attr(out, "text", e->tags[0]);
		put_attr(out, "title", e->tags[0]);
		fputs(">\n", out);
		for (size_t k = i; k < list->n; k++) {
			const struct urls_entry *b = &list->entries[k];
			if (b->kind == URLS_FEED && b->n_tags &&
			    strcmp(b->tags[0], e->tags[0]) == 0)
				put_feed(out, b, title_of, ctx, "      ");
		}
		fputs("    </outline>\n", out);
	}
	fputs("  </body>\n</opml>\n", out);
	return fflush(out) == 0 && !ferror(out);
}

char *opml_lost(const struct urls_entry *e, const char *file)
{
	static const char *const kinds[] = {
	        [URLS_QUERY] = "query:",
	        [URLS_EXEC] = "exec:",
	        [URLS_FILTER] = "filter:",
	};
	char *msg;
	if (e->kind != URLS_FEED)
		msg = xasprintf(_("%s:%u: newsboat's %s lines have no form in "
		                  "OPML; left out of the export"),
		                file, e->line, kinds[e->kind]);
	else if (e->hidden)
		msg = xasprintf(_("%s:%u: exported without its hidden mark "
		                  "\"!\" (OPML has none)"),
		                file, e->line);
	else
		return NULL;
	char *safe = text_safe(msg, TEXT_SAFE_MESSAGE_MAX);
	free(msg);
	return safe;
}
