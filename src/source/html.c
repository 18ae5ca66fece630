#include "config.h"

#include "source/html.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

#include "source/url.h"
#include "text/ascii.h"
#include "util/strbuf.h"
#include "util/strset.h"
#include "util/xalloc.h"

/* One level of a nested list or a quote. */
#define INDENT "    "

/* Bidi controls used for inline direction (UAX #9). */
#define LRI "\xE2\x81\xA6" /* U+2066 */
#define RLI "\xE2\x81\xA7" /* U+2067 */
#define FSI "\xE2\x81\xA8" /* U+2068 */
#define PDI "\xE2\x81\xA9" /* U+2069 */
#define LRO "\xE2\x80\xAD" /* U+202D */
#define RLO "\xE2\x80\xAE" /* U+202E */
#define PDF "\xE2\x80\xAC" /* U+202C */

/* What an open element does at its end. */
enum frame_kind {
	F_PLAIN,      /* nothing */
	F_CELL,       /* td, th: a space after it */
	F_ANCHOR,     /* a: its link's number */
	F_BLOCK,      /* end the paragraph, restore the direction */
	F_LIST,       /* ul, ol: as a block; numbers its items */
	F_LIST_ITEM,  /* li in a list: end the paragraph, drop the marker */
	F_LONE_ITEM,  /* li outside a list: as F_LIST_ITEM, then as a block */
	F_PRE,        /* pre: as a block, leaving preformatted text */
	F_QUOTE,      /* blockquote: as a block, one level less indented */
	F_TABLE,      /* the outermost table: its rows are laid out */
	F_ROW,        /* tr, caption of that table: a row ends */
	F_TABLE_CELL, /* td, th of that table: a cell ends */
	F_DIR_START,  /* an element with a direction that starts a paragraph */
	F_DIR_INSIDE, /* ... inside a paragraph: isolated */
};

struct frame {
	enum frame_kind kind;
	char saved_dir;    /* F_BLOCK and the like, F_DIR_START */
	bool ordered;      /* F_LIST */
	long number;       /* F_LIST: the next item's number */
	const char *close; /* F_DIR_START (or NULL), F_DIR_INSIDE: the mark
	                      that ends the element's text */
	char *href;        /* F_ANCHOR: the link as written, or NULL */
};

/* The outermost table being read: its rows of cells, laid out in
 * columns when it ends. */
struct table {
	struct row_cells {
		char **cells;
		size_t n;
	} * rows;
	size_t nrows;
	bool row_open; /* cells go to rows[nrows - 1] */
};

struct conv {
	struct article *a;   /* receives the paragraphs; NULL in line mode */
	const char *base;    /* for relative URLs; may be NULL */
	struct strbuf par;   /* the paragraph being built */
	bool space;          /* a collapsed space is pending */
	char par_dir;        /* direction of the paragraph being built */
	char dir;            /* direction of paragraphs started now */
	char marker[24];     /* list marker waiting for the item's first text */
	int pre;             /* depth of <pre> elements */
	struct strset links; /* numbered links: items[0] is [1] */
	int lists;           /* open ul and ol */
	int quotes;          /* open blockquotes */
	bool follows;        /* the next paragraph goes on without a blank */
	int tables;          /* open tables */
	struct table *table; /* the outermost's rows, while one is open */
	struct frame *frames; /* the open elements, innermost last */
	size_t nframes, frames_cap;
	int drop; /* depth inside a dropped element (script, style, ...) */
	/* A summary wants only the start: the parse stops (ctxt) once the
	 * paragraphs hold more than limit bytes (0: no limit). */
	size_t limit;
	size_t emitted; /* bytes of the paragraphs ended, a newline each */
	htmlParserCtxtPtr ctxt;
};

enum kind {
	K_INLINE,
	K_BLOCK,
	K_DROP,
	K_BREAK, /* br */
	K_RULE,  /* hr */
	K_CELL,  /* td, th: inline, spaced from their neighbours */
};

struct element_info {
	const char *name;
	enum kind kind;
};

/* Sorted by name for bsearch; anything not listed is inline.  <embed>
 * and <object> are: the parser reads the text after an <embed> or an
 * unclosed <object> as theirs, and an object's own content is what a
 * reader without its plugin is meant to see. */
static const struct element_info elements[] = {
        {"address", K_BLOCK},  {"applet", K_DROP},      {"article", K_BLOCK},
        {"aside", K_BLOCK},    {"audio", K_DROP},       {"blockquote", K_BLOCK},
        {"body", K_BLOCK},     {"br", K_BREAK},         {"button", K_DROP},
        {"canvas", K_DROP},    {"caption", K_BLOCK},    {"center", K_BLOCK},
        {"dd", K_BLOCK},       {"details", K_BLOCK},    {"dialog", K_BLOCK},
        {"div", K_BLOCK},      {"dl", K_BLOCK},         {"dt", K_BLOCK},
        {"fieldset", K_BLOCK}, {"figcaption", K_BLOCK}, {"figure", K_BLOCK},
        {"footer", K_BLOCK},   {"form", K_BLOCK},       {"frame", K_DROP},
        {"frameset", K_DROP},  {"h1", K_BLOCK},         {"h2", K_BLOCK},
        {"h3", K_BLOCK},       {"h4", K_BLOCK},         {"h5", K_BLOCK},
        {"h6", K_BLOCK},       {"head", K_DROP},        {"header", K_BLOCK},
        {"hr", K_RULE},        {"html", K_BLOCK},       {"iframe", K_DROP},
        {"input", K_DROP},     {"legend", K_BLOCK},     {"li", K_BLOCK},
        {"main", K_BLOCK},     {"map", K_DROP},         {"math", K_DROP},
        {"nav", K_BLOCK},      {"noembed", K_DROP},     {"noframes", K_DROP},
        {"noscript", K_DROP},  {"ol", K_BLOCK},         {"option", K_DROP},
        {"p", K_BLOCK},        {"param", K_DROP},       {"pre", K_BLOCK},
        {"script", K_DROP},    {"section", K_BLOCK},    {"select", K_DROP},
        {"style", K_DROP},     {"summary", K_BLOCK},    {"svg", K_DROP},
        {"table", K_BLOCK},    {"tbody", K_BLOCK},      {"td", K_CELL},
        {"template", K_DROP},  {"textarea", K_DROP},    {"tfoot", K_BLOCK},
        {"th", K_CELL},        {"thead", K_BLOCK},      {"title", K_DROP},
        {"tr", K_BLOCK},       {"ul", K_BLOCK},         {"video", K_DROP},
};

static int element_cmp(const void *key, const void *elem)
{
	const struct element_info *e = elem;
	return strcasecmp(key, e->name);
}

static enum kind element_kind(const char *name)
{
	const struct element_info *e =
	        bsearch(name, elements, sizeof elements / sizeof *elements,
	                sizeof *elements, element_cmp);
	return e ? e->kind : K_INLINE;
}

/* An attribute's value as the parser hands them (name, value, ...,
 * NULL), or NULL. */
static const char *attr(const xmlChar **atts, const char *name)
{
	for (size_t i = 0; atts && atts[i]; i += 2)
		if (strcmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

/* HTML's white space (ascii_is_space() but the vertical tab), by byte: a
 * table, as add_text() asks for every byte of every item. */
static const bool space_byte[256] = {
        [' '] = true,  ['\t'] = true, ['\n'] = true,
        ['\r'] = true, ['\f'] = true,
};

static bool html_space(char c)
{
	return space_byte[(unsigned char)c];
}

/* Put the pending list marker and space before new text. */
static void begin_text(struct conv *c)
{
	if (c->par.len == 0) {
		c->space = false;
		c->par_dir = c->dir;
		/* Nested lists and quotes are indented, at the logical start
		 * (the right of a right-to-left paragraph). */
		int depth = c->quotes + (c->lists > 1 ? c->lists - 1 : 0);
		for (int i = 0; c->a && !c->table && i < depth; i++)
			strbuf_adds(&c->par, INDENT);
		if (c->marker[0]) {
			strbuf_adds(&c->par, c->marker);
			c->marker[0] = '\0';
		}
	} else if (c->space) {
		strbuf_addc(&c->par, ' ');
		c->space = false;
	}
}

/* Append text, collapsing whitespace as a browser does, or as written
 * inside <pre>. */
static void add_text(struct conv *c, const char *s, size_t len)
{
	if (c->pre && c->a) {
		if (len == 0)
			return;
		if (c->par.len == 0)
			c->par_dir = ARTICLE_DIR_LTR;
		strbuf_add(&c->par, s, len);
		return;
	}
	size_t i = 0;
	while (i < len) {
		if (html_space(s[i])) {
			c->space = true;
			i++;
			continue;
		}
		/* Words apart by one plain space are already collapsed: the
		 * run is copied at once. */
		size_t j = i + 1;
		for (; j < len; j++) {
			if (!html_space(s[j]))
				continue;
			if (s[j] != ' ' || j + 1 == len || html_space(s[j + 1]))
				break;
			j++; /* the space and the byte after it */
		}
		begin_text(c);
		strbuf_add(&c->par, s + i, j - i);
		i = j;
	}
}

/* A mark such as a link number: glued to the text before it. */
static void add_mark(struct conv *c, const char *s)
{
	bool space = c->space;
	if (c->par.len == 0)
		begin_text(c);
	else
		c->space = false;
	strbuf_adds(&c->par, s);
	c->space = space;
}

/* Add a paragraph: after the one before without a blank row when it
 * goes on from it (a list's items, a table's rows, a <pre>'s lines). */
static void emit(struct conv *c, const char *text, size_t len, char dir)
{
	article_add_paragraph_dir(c->a, text, len,
	                          c->follows ? ARTICLE_DIR_FOLLOWS(dir) : dir);
	c->follows = c->lists > 0;
}

/* Emit a paragraph of <pre>: one paragraph per line, blank lines at either
 * end dropped, LTR. */
static void flush_pre(struct conv *c)
{
	char *s = c->par.s;
	size_t len = c->par.len;
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	size_t i = 0;
	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i++;
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != '\n')
			j++;
		size_t end = j;
		if (end > i && s[end - 1] == '\r')
			end--;
		emit(c, s + i, end - i, ARTICLE_DIR_LTR);
		c->follows = true;
		i = j + 1;
	}
	c->follows = c->lists > 0;
}

/* End the paragraph being built. */
static void flush(struct conv *c)
{
	if (!c->a || c->table) {
		/* Line mode, a table's cell: a paragraph break is a space. */
		c->space = c->par.len > 0;
		return;
	}
	if (c->par.len) {
		c->emitted += c->par.len + 1;
		if (c->pre)
			flush_pre(c);
		else
			emit(c, c->par.s, c->par.len, c->par_dir);
	}
	strbuf_reset(&c->par);
	c->space = false;
}

/* Direction set by a lang value: right-to-left scripts and languages. */
static char lang_dir(const char *lang)
{
	static const char *const rtl[] = {
	        "ar",      "arc",     "ckb", "dv", "fa",  "he", "iw", "ji",
	        "ku-arab", "pa-arab", "ps",  "sd", "syr", "ug", "ur", "yi",
	};
	size_t n = strcspn(lang, "-_");
	if (n == 0)
		return ARTICLE_DIR_AUTO;
	const char *script = lang[n] ? lang + n + 1 : "";
	if (strncasecmp(script, "arab", 4) == 0 ||
	    strncasecmp(script, "hebr", 4) == 0 ||
	    strncasecmp(script, "syrc", 4) == 0 ||
	    strncasecmp(script, "thaa", 4) == 0)
		return ARTICLE_DIR_RTL;
	for (size_t i = 0; i < sizeof rtl / sizeof *rtl; i++)
		if (strlen(rtl[i]) == n && strncasecmp(lang, rtl[i], n) == 0)
			return ARTICLE_DIR_RTL;
	return ARTICLE_DIR_LTR;
}

/* The direction an element asks for: 'l', 'r', 'a' for dir="auto", or 0
 * when it says nothing.  lang counts only when use_lang. */
static char element_dir(const xmlChar **atts, bool use_lang)
{
	char d = 0;
	const char *v = attr(atts, "dir");
	if (v) {
		if (strcasecmp(v, "rtl") == 0)
			d = ARTICLE_DIR_RTL;
		else if (strcasecmp(v, "ltr") == 0)
			d = ARTICLE_DIR_LTR;
		else if (strcasecmp(v, "auto") == 0)
			d = ARTICLE_DIR_AUTO;
	}
	if (!d && use_lang && (v = attr(atts, "lang")))
		d = lang_dir(v);
	return d;
}

/* href resolved against the base; NULL for links that lead nowhere a
 * reader can follow (empty, "#top", "javascript:"). */
static char *link_target(const struct conv *c, const char *href)
{
	while (html_space(*href))
		href++;
	if (!*href || *href == '#' || strncasecmp(href, "javascript:", 11) == 0)
		return NULL;
	size_t len = strlen(href);
	while (len && html_space(href[len - 1]))
		len--;
	char *trimmed = xstrndup(href, len);
	/* Spaces and non-ASCII letters in an href are escaped as a browser
	 * escapes them. */
	char *url = url_resolve(trimmed, c->base);
	free(trimmed);
	return url;
}

static void image(struct conv *c, const xmlChar **atts)
{
	if (!c->a)
		return;
	const char *w = attr(atts, "width"), *h = attr(atts, "height");
	if ((w && atoi(w) <= 1 && ascii_is_digit(w[0])) ||
	    (h && atoi(h) <= 1 && ascii_is_digit(h[0])))
		return; /* a tracker */
	const char *alt = attr(atts, "alt");
	struct strbuf label = {0};
	if (alt) {
		/* The alt text collapsed to one line. */
		struct conv tmp = {.dir = ARTICLE_DIR_AUTO};
		add_text(&tmp, alt, strlen(alt));
		if (tmp.par.len) {
			strbuf_adds(&label, "[image: ");
			strbuf_add(&label, tmp.par.s, tmp.par.len);
			strbuf_adds(&label, "]");
		}
		strbuf_free(&tmp.par);
	}
	if (!label.len)
		strbuf_adds(&label, "[image]");
	/* Its address is listed with the links, numbered after the label. */
	const char *src = attr(atts, "src");
	char *url = src ? link_target(c, src) : NULL;
	if (url && strncasecmp(url, "data:", 5) != 0) {
		char mark[32];
		snprintf(mark, sizeof mark, "[%zu]",
		         strset_add(&c->links, url) + 1);
		strbuf_adds(&label, mark);
	}
	free(url);
	/* An image is a word of its own. */
	if (c->par.len)
		c->space = true;
	begin_text(c);
	strbuf_add(&c->par, label.s, label.len);
	c->space = true;
	strbuf_free(&label);
}

/* After a link's text: its number. */
static void anchor_end(struct conv *c, const char *href)
{
	if (!c->a || !href)
		return;
	char *url = link_target(c, href);
	if (!url)
		return;
	char mark[32];
	snprintf(mark, sizeof mark, "[%zu]", strset_add(&c->links, url) + 1);
	add_mark(c, mark);
	free(url);
}

/* List numbers are kept within what a reader can use, so that counting
 * up from any start never overflows. */
#define LIST_NUMBER_MAX 999999999L

/* A start or value attribute: a decimal number (HTML allows a sign),
 * clamped to +-LIST_NUMBER_MAX; fallback when it holds none. */
static long list_number(const char *text, long fallback)
{
	char *end;
	errno = 0;
	long long n = strtoll(text, &end, 10);
	if (end == text)
		return fallback;
	if (n > LIST_NUMBER_MAX || (errno == ERANGE && n > 0))
		return LIST_NUMBER_MAX;
	if (n < -LIST_NUMBER_MAX || (errno == ERANGE && n < 0))
		return -LIST_NUMBER_MAX;
	return (long)n;
}

/* A list item starts: a paragraph of its own, after its marker. */
static void list_item_start(struct conv *c, long number)
{
	flush(c);
	if (number > 0)
		snprintf(c->marker, sizeof c->marker, "%ld. ", number);
	else
		snprintf(c->marker, sizeof c->marker, "%s", "\xE2\x80\xA2 ");
}

static void list_item_end(struct conv *c)
{
	flush(c);
	c->marker[0] = '\0';
}

/* An inline element that carries a direction (d may be 0 for <bdi> and
 * <bdo> without dir). */
static void inline_dir_start(struct conv *c, struct frame *f, bool bdo, char d)
{
	if (c->par.len == 0 && !c->pre) {
		/* It starts the paragraph: the paragraph takes its direction.
		 */
		f->kind = F_DIR_START;
		f->saved_dir = c->dir;
		if (d)
			c->dir = d;
		f->close = NULL;
		if (bdo && d != ARTICLE_DIR_AUTO && d) {
			begin_text(c);
			strbuf_adds(&c->par, d == ARTICLE_DIR_RTL ? RLO : LRO);
			f->close = PDF;
		}
		return;
	}
	const char *open;
	f->kind = F_DIR_INSIDE;
	f->close = PDI;
	if (bdo && d == ARTICLE_DIR_RTL) {
		open = RLO;
		f->close = PDF;
	} else if (bdo && d == ARTICLE_DIR_LTR) {
		open = LRO;
		f->close = PDF;
	} else {
		open = d == ARTICLE_DIR_RTL   ? RLI
		       : d == ARTICLE_DIR_LTR ? LRI
		                              : FSI;
	}
	begin_text(c);
	strbuf_adds(&c->par, open);
}

/* A new row of the table: the cells read from now on go to it. */
static void table_row_start(struct table *t)
{
	t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
	t->rows[t->nrows++] = (struct row_cells){0};
	t->row_open = true;
}

/* The text read so far is a cell of the open row (of a new one for text
 * outside any row). */
static void table_cell_end(struct conv *c)
{
	struct table *t = c->table;
	if (!t->row_open)
		table_row_start(t);
	struct row_cells *r = &t->rows[t->nrows - 1];
	r->cells = xreallocarray(r->cells, r->n + 1, sizeof *r->cells);
	char *cell = xstrndup(c->par.len ? c->par.s : "", c->par.len);
	for (char *p = cell; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' '; /* a <pre> in a cell */
	r->cells[r->n++] = cell;
	strbuf_reset(&c->par);
	c->space = false;
	c->marker[0] = '\0';
}

/* Columns a cell takes on a terminal. */
static size_t cell_width(const char *s)
{
	return (size_t)u8_strwidth((const uint8_t *)s, "UTF-8");
}

/* The direction of the first strong character of the table's cells, or
 * auto when it has none. */
static char table_direction(const struct table *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t j = 0; j < t->rows[i].n; j++) {
			const uint8_t *p = (const uint8_t *)t->rows[i].cells[j];
			ucs4_t uc;
			while ((p = u8_next(&uc, p))) {
				int b = uc_bidi_category(uc);
				if (b == UC_BIDI_L)
					return ARTICLE_DIR_LTR;
				if (b == UC_BIDI_R || b == UC_BIDI_AL)
					return ARTICLE_DIR_RTL;
			}
		}
	return ARTICLE_DIR_AUTO;
}

/* A row as one paragraph: each cell isolated (so that the row's
 * direction alone orders the cells: the first at the right of a
 * right-to-left table) and padded to its column's width.  A row of one
 * cell (a caption, a cell across the table) stands as it is. */
static void table_row_text(struct strbuf *b, const struct row_cells *r,
                           const size_t *width)
{
	strbuf_reset(b);
	if (r->n == 1) {
		strbuf_adds(b, r->cells[0]);
		return;
	}
	for (size_t j = 0; j < r->n; j++) {
		strbuf_adds(b, FSI);
		strbuf_adds(b, r->cells[j]);
		strbuf_adds(b, PDI);
		if (j + 1 == r->n)
			break;
		for (size_t w = cell_width(r->cells[j]); w < width[j] + 2; w++)
			strbuf_addc(b, ' ');
	}
}

/* The table ends: its rows in aligned columns, one paragraph each, with
 * no blank row between, in the table's direction. */
static void table_end(struct conv *c, char dir)
{
	struct table *t = c->table;
	if (c->par.len)
		table_cell_end(c);
	c->table = NULL;
	size_t ncols = 0;
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].n > ncols)
			ncols = t->rows[i].n;
	size_t *width = xcalloc(ncols ? ncols : 1, sizeof *width);
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t j = 0; t->rows[i].n > 1 && j < t->rows[i].n; j++) {
			size_t w = cell_width(t->rows[i].cells[j]);
			if (w > width[j])
				width[j] = w;
		}
	if (dir == ARTICLE_DIR_AUTO)
		dir = table_direction(t);
	struct strbuf b = {0};
	for (size_t i = 0; i < t->nrows; i++) {
		struct row_cells *r = &t->rows[i];
		bool empty = true;
		for (size_t j = 0; j < r->n; j++)
			empty = empty && !*r->cells[j];
		if (!empty) {
			table_row_text(&b, r, width);
			c->emitted += b.len + 1;
			emit(c, b.s, b.len, dir);
			c->follows = true;
		}
		for (size_t j = 0; j < r->n; j++)
			free(r->cells[j]);
		free(r->cells);
	}
	c->follows = c->lists > 0;
	strbuf_free(&b);
	free(width);
	free(t->rows);
	free(t);
}

static struct frame *push_frame(struct conv *c, enum frame_kind kind)
{
	if (c->nframes == c->frames_cap) {
		c->frames_cap = c->frames_cap ? c->frames_cap * 2 : 16;
		c->frames = xreallocarray(c->frames, c->frames_cap,
		                          sizeof *c->frames);
	}
	struct frame *f = &c->frames[c->nframes++];
	*f = (struct frame){.kind = kind};
	return f;
}

/* A block starts: end the paragraph, take the block's direction. */
static void block_start(struct conv *c, struct frame *f, const xmlChar **atts)
{
	flush(c);
	f->saved_dir = c->dir;
	char d = element_dir(atts, true);
	if (d)
		c->dir = d;
}

/* A table, or a part of the table being laid out (its rows, its caption,
 * its row groups); false for any other element. */
static bool table_part(struct conv *c, const char *name, const xmlChar **atts)
{
	if (strcasecmp(name, "table") == 0) {
		struct frame *f = push_frame(c, F_TABLE);
		block_start(c, f, atts);
		/* A table in a table is text of its cell. */
		if (++c->tables == 1 && c->a)
			c->table = xcalloc(1, sizeof *c->table);
		return true;
	}
	if (!c->table || c->tables != 1)
		return false;
	if (strcasecmp(name, "tr") == 0 || strcasecmp(name, "caption") == 0) {
		if (c->par.len)
			table_cell_end(c);
		table_row_start(c->table);
		push_frame(c, F_ROW);
		return true;
	}
	if (strcasecmp(name, "thead") == 0 || strcasecmp(name, "tbody") == 0 ||
	    strcasecmp(name, "tfoot") == 0) {
		push_frame(c, F_PLAIN);
		return true;
	}
	return false;
}

/* The parser reports each element's start and end, the implied and the
 * auto-closed ones too, so every start has its end. */
static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	struct conv *c = ctx;
	const char *name = (const char *)xname;
	if (c->drop) {
		c->drop++;
		return;
	}
	switch (element_kind(name)) {
	case K_DROP:
		c->drop = 1;
		return;
	case K_BREAK:
		if (c->pre && c->a)
			add_text(c, "\n", 1);
		else
			flush(c);
		push_frame(c, F_PLAIN);
		return;
	case K_RULE:
		flush(c);
		push_frame(c, F_PLAIN);
		return;
	case K_CELL:
		if (c->table && c->tables == 1) {
			if (c->par.len)
				table_cell_end(c); /* text between cells */
			push_frame(c, F_TABLE_CELL);
			return;
		}
		c->space = c->par.len > 0;
		push_frame(c, F_CELL);
		return;
	case K_INLINE: {
		if (strcasecmp(name, "img") == 0) {
			image(c, atts);
			push_frame(c, F_PLAIN);
			return;
		}
		if (strcasecmp(name, "a") == 0) {
			const char *href = attr(atts, "href");
			push_frame(c, F_ANCHOR)->href =
			        href ? xstrdup(href) : NULL;
			return;
		}
		char d = element_dir(atts, false);
		bool bdo = strcasecmp(name, "bdo") == 0;
		struct frame *f = push_frame(c, F_PLAIN);
		if (d || bdo || strcasecmp(name, "bdi") == 0)
			inline_dir_start(c, f, bdo, d);
		return;
	}
	case K_BLOCK:
		break;
	}
	if (table_part(c, name, atts))
		return;
	bool li = strcasecmp(name, "li") == 0;
	struct frame *parent = c->nframes ? &c->frames[c->nframes - 1] : NULL;
	if (li && parent && parent->kind == F_LIST) {
		/* The list's own item: numbered by it. */
		const char *value =
		        parent->ordered ? attr(atts, "value") : NULL;
		if (value)
			parent->number = list_number(value, parent->number);
		long number = parent->number;
		if (parent->number < LIST_NUMBER_MAX)
			parent->number++;
		/* A marker numbered 0 or less shows as a bullet. */
		list_item_start(c, parent->ordered && number > 0 ? number : 0);
		push_frame(c, F_LIST_ITEM);
		return;
	}
	struct frame *f = push_frame(c, F_BLOCK);
	block_start(c, f, atts);
	if (strcasecmp(name, "ul") == 0 || strcasecmp(name, "ol") == 0) {
		f->kind = F_LIST;
		c->lists++;
		f->ordered = strcasecmp(name, "ol") == 0;
		const char *start = attr(atts, "start");
		f->number = start ? list_number(start, 1) : 1;
	} else if (li) {
		f->kind = F_LONE_ITEM;
		list_item_start(c, 0);
	} else if (strcasecmp(name, "pre") == 0) {
		f->kind = F_PRE;
		c->pre++;
	} else if (strcasecmp(name, "blockquote") == 0) {
		f->kind = F_QUOTE;
		c->quotes++;
	}
}

static void on_end(void *ctx, const xmlChar *name)
{
	(void)name;
	struct conv *c = ctx;
	if (c->drop) {
		c->drop--;
		return;
	}
	if (!c->nframes)
		return;
	struct frame f = c->frames[--c->nframes];
	switch (f.kind) {
	case F_PLAIN:
		return;
	case F_CELL:
		c->space = c->par.len > 0;
		return;
	case F_ANCHOR:
		anchor_end(c, f.href);
		free(f.href);
		return;
	case F_DIR_START:
		if (f.close && c->par.len)
			strbuf_adds(&c->par, f.close);
		c->dir = f.saved_dir;
		return;
	case F_DIR_INSIDE: {
		bool space = c->space;
		c->space = false;
		strbuf_adds(&c->par, f.close);
		c->space = space;
		return;
	}
	case F_LIST_ITEM:
		list_item_end(c);
		return;
	case F_LONE_ITEM:
		list_item_end(c);
		break;
	case F_PRE:
		flush(c);
		c->pre--;
		break;
	case F_QUOTE:
		c->quotes--;
		break;
	case F_LIST:
		flush(c);
		c->lists--;
		c->follows = c->lists > 0;
		break;
	case F_TABLE_CELL:
		table_cell_end(c);
		return;
	case F_ROW:
		if (c->par.len)
			table_cell_end(c);
		c->table->row_open = false;
		return;
	case F_TABLE:
		if (--c->tables == 0 && c->table)
			table_end(c, c->dir);
		break;
	case F_BLOCK:
		break;
	}
	flush(c);
	c->dir = f.saved_dir;
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
	struct conv *c = ctx;
	if (!c->drop && len > 0)
		add_text(c, (const char *)s, (size_t)len);
	if (c->limit && c->emitted + c->par.len > c->limit)
		xmlStopParser(c->ctxt);
}

/* Parse with events, not a tree: an item's HTML is converted as it is
 * read, without building and freeing a document. */
static void convert(struct conv *c, const char *html, size_t len)
{
	if (len == 0)
		return;
	htmlSAXHandler sax = {
	        .startElement = on_start,
	        .endElement = on_end,
	        .characters = on_text,
	        .cdataBlock = on_text,
	};
	htmlParserCtxtPtr ctxt = htmlCreatePushParserCtxt(
	        &sax, c, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
	if (!ctxt)
		return;
	c->ctxt = ctxt;
	/* The text is UTF-8 whatever a <meta> in it says. */
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	                                 HTML_PARSE_NOERROR |
	                                 HTML_PARSE_NOWARNING |
	                                 HTML_PARSE_IGNORE_ENC);
	/* An item's HTML is small; a larger one is read in pieces. */
	while (len > 0) {
		int size = len > INT_MAX / 2 ? INT_MAX / 2 : (int)len;
		htmlParseChunk(ctxt, html, size, 0);
		html += size;
		len -= (size_t)size;
	}
	htmlParseChunk(ctxt, NULL, 0, 1);
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	htmlFreeParserCtxt(ctxt);
	/* Elements the parser left open (it closes them all at the end, but
	 * a stopped parse may not). */
	while (c->nframes)
		free(c->frames[--c->nframes].href);
	if (c->table)
		table_end(c, c->dir);
	c->tables = c->lists = c->quotes = 0;
	free(c->frames);
	c->frames = NULL;
	c->frames_cap = 0;
	c->drop = 0;
	flush(c);
}

void html_to_article(struct article *a, const char *html, size_t len,
                     const char *base)
{
	struct conv c = {.a = a, .base = base, .dir = ARTICLE_DIR_AUTO};
	convert(&c, html, len);
	for (size_t i = 0; i < c.links.n; i++) {
		char *p = xasprintf("[%zu] %s", i + 1, c.links.items[i]);
		/* The list's lines follow each other. */
		article_add_paragraph_dir(
		        a, p, strlen(p),
		        i ? ARTICLE_DIR_FOLLOWS(ARTICLE_DIR_LTR)
		          : ARTICLE_DIR_LTR);
		free(p);
	}
	strset_free(&c.links);
	strbuf_free(&c.par);
}

char *html_summary(const char *source, size_t len, char format)
{
	struct article *a = article_new();
	if (format == ARTICLE_SOURCE_HTML) {
		struct conv c = {.a = a,
		                 .dir = ARTICLE_DIR_AUTO,
		                 .limit = ARTICLE_SUMMARY_BYTES};
		convert(&c, source, len);
		strset_free(&c.links);
		strbuf_free(&c.par);
	} else {
		html_text_to_article(a, source, len);
	}
	char *s = article_summary(a);
	article_free(a);
	return s ? s : xstrdup("");
}

void html_make_body(struct article *a)
{
	if (!a->body_source)
		return;
	size_t len = strlen(a->body_source);
	if (a->body_format == ARTICLE_SOURCE_HTML)
		html_to_article(a, a->body_source, len, a->body_base);
	else
		html_text_to_article(a, a->body_source, len);
	free(a->body_source);
	free(a->body_base);
	a->body_source = a->body_base = NULL;
}

char *html_to_line(const char *html, size_t len)
{
	struct conv c = {.dir = ARTICLE_DIR_AUTO};
	convert(&c, html, len);
	return strbuf_take(&c.par);
}

static bool blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!ascii_is_space(s[i]))
			return false;
	return true;
}

void html_text_to_article(struct article *a, const char *text, size_t len)
{
	/* White space collapses as it would in HTML; only a blank line
	 * ends a paragraph. */
	struct strbuf par = {0};
	bool space = false;
	size_t i = 0;
	while (i <= len) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		if (blank_line(text + i, j - i)) {
			if (par.len)
				article_add_paragraph(a, par.s, par.len);
			strbuf_reset(&par);
			space = false;
		}
		for (size_t k = i; k < j; k++) {
			if (ascii_is_space(text[k])) {
				space = par.len > 0;
				continue;
			}
			if (space)
				strbuf_addc(&par, ' ');
			space = false;
			strbuf_addc(&par, text[k]);
		}
		space = par.len > 0;
		i = j + 1;
	}
	if (par.len)
		article_add_paragraph(a, par.s, par.len);
	strbuf_free(&par);
}

char *html_decode_entities(const char *text, size_t len)
{
	struct strbuf b = {0};
	size_t i = 0;
	while (i < len) {
		if (text[i] != '&') {
			size_t j = i;
			while (j < len && text[j] != '&')
				j++;
			strbuf_add(&b, text + i, j - i);
			i = j;
			continue;
		}
		/* &name; or &#digits; or &#xhex; of at most 32 bytes. */
		size_t j = i + 1;
		while (j < len && j - i < 34 && text[j] != ';' &&
		       text[j] != '&' && !html_space(text[j]))
			j++;
		if (j >= len || text[j] != ';' || j == i + 1) {
			strbuf_addc(&b, '&');
			i++;
			continue;
		}
		char ref[40];
		memcpy(ref, text + i + 1, j - i - 1);
		ref[j - i - 1] = '\0';
		unsigned long cp = 0;
		bool ok = false;
		if (ref[0] == '#') {
			bool hex = ref[1] == 'x' || ref[1] == 'X';
			const char *digits = ref + (hex ? 2 : 1);
			if (*digits &&
			    ((hex && strspn(digits, "0123456789abcdefABCDEF") ==
			                     strlen(digits)) ||
			     (!hex && strspn(digits, "0123456789") ==
			                      strlen(digits)))) {
				cp = strlen(digits) > 8
				             ? 0x110000
				             : strtoul(digits, NULL,
				                       hex ? 16 : 10);
				ok = true;
			}
		} else {
			const htmlEntityDesc *e =
			        htmlEntityLookup((const xmlChar *)ref);
			if (e) {
				cp = e->value;
				ok = true;
			}
		}
		if (!ok) {
			strbuf_addc(&b, '&');
			i++;
			continue;
		}
		strbuf_add_utf8(&b, cp);
		i = j + 1;
	}
	return strbuf_take(&b);
}
