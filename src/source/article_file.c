#include "config.h"

#include "source/article_file.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xalloc.h"

/* A derived headline is cut to this many columns, ellipsis included: about
 * what a list row shows beside a date on an 80-100 column terminal. */
#define TITLE_COLUMNS 90

/* An attribution clause ("According to X, ") longer than this many bytes is
 * taken for part of the sentence rather than a clause to drop. */
#define ATTRIBUTION_MAX 200

#define ELLIPSIS    "\u2026"
#define REPLACEMENT "\uFFFD"

struct span {
	const char *s;
	size_t len;
};

/* ---- Lines ---------------------------------------------------------- */

/* Bytes of the UTF-8 character at s that trimming treats as space: ASCII
 * blanks (within a line, so not ascii_is_space(): no line ends),
 * NO-BREAK SPACE and a stray ZERO WIDTH NO-BREAK SPACE (a BOM left inside
 * a file by concatenation).  0 when it is not one. */
static size_t space_at(const char *s, size_t len)
{
	if (len >= 1 &&
	    (s[0] == ' ' || s[0] == '\t' || s[0] == '\v' || s[0] == '\f'))
		return 1;
	if (len >= 2 && !memcmp(s, "\xC2\xA0", 2))
		return 2;
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		return 3;
	return 0;
}

/* The same test at the end of s[0..len). */
static size_t space_before(const char *s, size_t len)
{
	if (len >= 1 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	                 s[len - 1] == '\v' || s[len - 1] == '\f'))
		return 1;
	if (len >= 2 && !memcmp(s + len - 2, "\xC2\xA0", 2))
		return 2;
	if (len >= 3 && !memcmp(s + len - 3, "\xEF\xBB\xBF", 3))
		return 3;
	return 0;
}

static struct span trim(struct span l)
{
	size_t n;
	while ((n = space_at(l.s, l.len)) > 0) {
		l.s += n;
		l.len -= n;
	}
	while ((n = space_before(l.s, l.len)) > 0)
		l.len -= n;
	return l;
}

/* Split into trimmed lines at LF, CRLF or a lone CR. */
static struct span *split_lines(const char *buf, size_t len, size_t *nlines)
{
	struct span *lines = NULL;
	size_t n = 0, cap = 0;
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		while (i < len && buf[i] != '\n' && buf[i] != '\r')
			i++;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			lines = xreallocarray(lines, cap, sizeof *lines);
		}
		lines[n++] = trim((struct span){buf + start, i - start});
		if (i < len && buf[i] == '\r' && i + 1 < len &&
		    buf[i + 1] == '\n')
			i++;
		i++; /* past the LF or CR */
	}
	*nlines = n;
	return lines;
}

/* A copy of a line as a C string.  A NUL byte would cut the string short
 * without a trace, so each becomes U+FFFD, which the reader sees. */
static char *copy_line(struct span l)
{
	size_t nuls = 0;
	for (size_t i = 0; i < l.len; i++)
		nuls += l.s[i] == '\0';
	if (nuls == 0)
		return xstrndup(l.s, l.len);
	char *out = xmalloc(l.len + 2 * nuls + 1);
	size_t o = 0;
	for (size_t i = 0; i < l.len; i++) {
		if (l.s[i] == '\0') {
			memcpy(out + o, REPLACEMENT, 3);
			o += 3;
		} else {
			out[o++] = l.s[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* A growing list of strings, given to the article at the end (appending
 * one by one would reallocate for every line of a large file). */
struct list {
	char **items;
	size_t n, cap;
};

static void list_add(struct list *list, struct span l)
{
	if (list->n == list->cap) {
		list->cap = list->cap ? 2 * list->cap : 16;
		list->items = xreallocarray(list->items, list->cap,
		                            sizeof *list->items);
	}
	list->items[list->n++] = copy_line(l);
}

/* ---- Header lines and the credit line -------------------------------- */

enum header_key {
	HEADER_NONE,
	HEADER_TITLE,
	HEADER_DATE,
	HEADER_LINK,
	HEADER_AUTHOR,
	HEADER_SITE
};

static const struct {
	const char *name;
	enum header_key key;
} header_names[] = {
        {"title", HEADER_TITLE},   {"date", HEADER_DATE}, {"link", HEADER_LINK},
        {"author", HEADER_AUTHOR}, {"site", HEADER_SITE},
};

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether l starts with word, ASCII letters compared without case (other
 * bytes exactly, whatever the locale's tolower() would do with them). */
static bool starts_with(struct span l, const char *word)
{
	size_t n = strlen(word);
	if (l.len < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower(l.s[i]) != ascii_lower(word[i]))
			return false;
	return true;
}

/* Past optional spaces and a colon (ASCII or FULLWIDTH COLON) after the
 * first skip bytes of l; the rest of the line is returned in *value.
 * False when no colon follows. */
static bool colon_after(struct span l, size_t skip, struct span *value)
{
	size_t i = skip, n;
	while ((n = space_at(l.s + i, l.len - i)) > 0)
		i += n;
	if (i < l.len && l.s[i] == ':')
		i += 1;
	else if (l.len - i >= 3 && !memcmp(l.s + i, "\uFF1A", 3))
		i += 3;
	else
		return false;
	*value = trim((struct span){l.s + i, l.len - i});
	return true;
}

static enum header_key header_line(struct span l, struct span *value)
{
	for (size_t i = 0; i < sizeof header_names / sizeof *header_names;
	     i++) {
		const char *name = header_names[i].name;
		if (starts_with(l, name) && colon_after(l, strlen(name), value))
			return header_names[i].key;
	}
	return HEADER_NONE;
}

static bool credit_line(struct span l)
{
	static const char *const words[] = {"منبع", "المصدر", "מקור", "Source"};
	struct span value;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (starts_with(l, words[i]) &&
		    colon_after(l, strlen(words[i]), &value))
			return true;
	return false;
}

/* ---- The derived headline -------------------------------------------- */

/* The code point at s (U+FFFD for an invalid byte) and its length. */
static size_t char_at(const char *s, size_t len, ucs4_t *uc)
{
	int n = u8_mbtoucr(uc, (const uint8_t *)s, len);
	if (n <= 0) {
		*uc = 0xFFFD;
		return 1;
	}
	return (size_t)n;
}

static bool is_blank_char(ucs4_t uc)
{
	return uc == ' ' || uc == '\t' || uc == 0xA0;
}

/* Opening words of an attribution clause ("According to Reuters, "):
 * news leads name their source before the news itself.  The clause ends
 * at the first comma (Arabic or ASCII). */
static const char *const attributions[] = {
        "به گزارش ",  "به نقل از ", "بنا بر گزارش ", "بنابر گزارش ",
        "طبق گزارش ", "وفقا ل",     "وفقاً ل",        "وفقًا ل",
        "نقلا عن ",   "نقلاً عن ",   "أفادت ",        "ذكرت ",
        "לדברי ",     "לפי ",       "according to ", "as reported by ",
};

static bool drop_attribution(struct span *s)
{
	for (size_t i = 0; i < sizeof attributions / sizeof *attributions;
	     i++) {
		if (!starts_with(*s, attributions[i]))
			continue;
		size_t limit =
		        s->len < ATTRIBUTION_MAX ? s->len : ATTRIBUTION_MAX;
		for (size_t j = 0; j < limit; j++) {
			size_t comma =
			        s->s[j] == ',' ? 1
			        : (limit - j >= 2 && !memcmp(s->s + j, "،", 2))
			                ? 2
			                : 0;
			if (!comma)
				continue;
			struct span rest = trim((struct span){
			        s->s + j + comma, s->len - j - comma});
			if (rest.len == 0)
				return false;
			*s = rest;
			return true;
		}
		return false;
	}
	return false;
}

static bool is_terminator(ucs4_t uc)
{
	return uc == '.' || uc == '!' || uc == '?' || uc == 0x061F /* ؟ */ ||
	       uc == 0x06D4 /* ۔ */ || uc == 0x3002 /* 。 */;
}

static bool is_closer(ucs4_t uc)
{
	return uc == 0xBB /* » */ || uc == '"' || uc == 0x201D ||
	       uc == 0x2019 || uc == ')' || uc == '\'';
}

/* The first sentence: up to a terminator that ends the text or is
 * followed (after closing quotes) by a space.  "3.5" does not end one. */
static struct span first_sentence(struct span s)
{
	size_t i = 0;
	while (i < s.len) {
		ucs4_t uc;
		i += char_at(s.s + i, s.len - i, &uc);
		if (!is_terminator(uc))
			continue;
		size_t end = i;
		ucs4_t next = 0;
		while (end < s.len) {
			size_t n = char_at(s.s + end, s.len - end, &next);
			if (!is_closer(next))
				break;
			end += n;
		}
		if (end == s.len || is_blank_char(next))
			return (struct span){s.s, end};
	}
	return s;
}

/* Drop a final full stop: headlines don't carry one.  Question and
 * exclamation marks stay, they change the meaning. */
static struct span drop_full_stop(struct span s)
{
	if (s.len >= 1 && s.s[s.len - 1] == '.')
		s.len -= 1;
	else if (s.len >= 2 && !memcmp(s.s + s.len - 2, "۔", 2))
		s.len -= 2;
	return trim(s);
}

static int char_width(ucs4_t uc)
{
	int w = uc_width(uc, "UTF-8");
	return w < 0 ? 0 : w; /* controls: the layout drops them */
}

/* Punctuation that must not be left dangling before the ellipsis. */
static bool is_trailing_punct(ucs4_t uc)
{
	return uc == ',' || uc == 0x060C /* ، */ || uc == ':' || uc == ';' ||
	       uc == 0x061B /* ؛ */ || uc == '-' || uc == 0x2013 ||
	       uc == 0x2014;
}

/* Cut to at most TITLE_COLUMNS columns at a word boundary, an ellipsis
 * marking the cut.  A single over-long word is cut between characters. */
static char *fit_title(struct span s)
{
	size_t i = 0, cut = 0, last_space = 0;
	int w = 0;
	bool fits = true;
	while (i < s.len) {
		ucs4_t uc;
		size_t n = char_at(s.s + i, s.len - i, &uc);
		int cw = char_width(uc);
		/* A space is a place to cut when what precedes it fits. */
		if (fits && is_blank_char(uc))
			last_space = i;
		if (w + cw > TITLE_COLUMNS - 1 && fits) {
			fits = false;
			cut = i;
		}
		w += cw;
		i += n;
		if (w > TITLE_COLUMNS)
			break;
	}
	if (w <= TITLE_COLUMNS)
		return xstrndup(s.s, s.len);

	/* A space too near the start would throw most of the room away. */
	struct span head = {s.s, last_space > cut / 2 ? last_space : cut};
	for (;;) {
		head = trim(head);
		/* Step back over one trailing punctuation character. */
		size_t back = 1;
		while (back < head.len && back < 4 &&
		       ((unsigned char)head.s[head.len - back] & 0xC0) == 0x80)
			back++;
		ucs4_t uc;
		if (head.len == 0 ||
		    char_at(head.s + head.len - back, back, &uc) != back ||
		    !is_trailing_punct(uc))
			break;
		head.len -= back;
	}
	return xasprintf("%.*s" ELLIPSIS, (int)head.len, head.s);
}

/* A headline for an article without one: the lead's first sentence,
 * without its attribution clause, fitted to a list row. */
static char *derive_title(const char *lead)
{
	struct span s = trim((struct span){lead, strlen(lead)});
	struct span whole = s;
	/* "به گزارش مهر، به نقل از رویترز، ..." has two clauses. */
	for (int k = 0; k < 2 && drop_attribution(&s); k++)
		;
	s = drop_full_stop(first_sentence(s));
	if (s.len == 0)
		s = whole;
	return fit_title(s);
}

/* ---- Parsing ---------------------------------------------------------- */

/* A file name fit for a one-line message: control bytes become '?' so a
 * name cannot move the cursor or end the line. */
static char *printable_name(const char *name)
{
	char *out = xstrdup(name);
	for (unsigned char *p = (unsigned char *)out; *p; p++)
		if (*p < 0x20 || *p == 0x7F ||
		    (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			*p = '?';
	return out;
}

static char *error_for(const char *name, const char *message)
{
	char *shown = printable_name(name);
	char *error = xasprintf("%s: %s", shown, message);
	free(shown);
	return error;
}

static void set_once(char **field, struct span value)
{
	if (!*field && value.len > 0)
		*field = copy_line(value);
}

struct article *article_parse(const char *buf, size_t len, const char *name,
                              char **error)
{
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
	}
	size_t nlines;
	struct span *lines = split_lines(buf, len, &nlines);
	struct article *a = article_new();
	char *title = NULL;
	size_t i = 0;
	while (i < nlines && lines[i].len == 0)
		i++;

	/* Header lines; a line that is not one ends them as a blank would. */
	struct span value;
	enum header_key key;
	while (i < nlines &&
	       (key = header_line(lines[i], &value)) != HEADER_NONE) {
		set_once(key == HEADER_TITLE    ? &title
		         : key == HEADER_DATE   ? &a->date
		         : key == HEADER_LINK   ? &a->link
		         : key == HEADER_AUTHOR ? &a->author
		                                : &a->site,
		         value);
		i++;
	}
	while (i < nlines && lines[i].len == 0)
		i++;

	/* The site-name line follows the header lines in any case (the
	 * format is the same with or without them); a "Site:" header, the
	 * user's own choice, wins over it. */
	if (i < nlines) {
		if (!a->site)
			a->site = copy_line(lines[i]);
		i++;
	}

	struct list body = {0}, related = {0};
	for (; i < nlines; i++) {
		if (lines[i].len == 0)
			continue;
		if (credit_line(lines[i])) {
			a->credit = copy_line(lines[i++]);
			break;
		}
		list_add(&body, lines[i]);
	}
	for (; i < nlines; i++)
		if (lines[i].len > 0)
			list_add(&related, lines[i]);
	free(lines);
	a->body = body.items;
	a->nbody = body.n;
	a->related = related.items;
	a->nrelated = related.n;

	if (!a->site && a->nbody == 0) {
		free(title);
		article_free(a);
		*error = error_for(
		        name, _("no article in it (no site name and no text)"));
		return NULL;
	}
	if (!title)
		title = a->nbody > 0 ? derive_title(a->body[0])
		                     : xstrdup(a->site);
	free(a->title);
	a->title = title;
	a->origin = xstrdup(name);
	return a;
}

struct article *article_file_read(const char *path, char **error)
{
	size_t len;
	char *message = NULL;
	char *buf = readfile(path, true, SIZE_MAX, &len, &message);
	if (!buf) {
		*error = error_for(path, message);
		free(message);
		return NULL;
	}
	struct article *a = article_parse(buf, len, path, error);
	free(buf);
	return a;
}
