#include "config.h"

#include "source/extract_charset.h"

#include <iconv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uniconv.h>

#include <libxml/encoding.h>
#include <unistr.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

/* How far a <meta> declaring the encoding may be (the HTML standard's
 * prescan), and how much of an undeclared page its guess reads. */
#define PRESCAN_BYTES 1024
#define SNIFF_BYTES   65536

/* ---- Labels -------------------------------------------------------------- */

/* The Encoding Standard's labels for the encodings news pages in Persian,
 * Arabic and Hebrew use, and the few others common enough to list.  Any
 * other label is handed to iconv as it is. */
static const struct {
	const char *label, *name;
} labels[] = {
        {"utf-8", "UTF-8"},
        {"utf8", "UTF-8"},
        {"unicode-1-1-utf-8", "UTF-8"},
        {"unicode11utf8", "UTF-8"},
        {"unicode20utf8", "UTF-8"},
        {"x-unicode20utf8", "UTF-8"},
        {"windows-1252", "WINDOWS-1252"},
        {"x-cp1252", "WINDOWS-1252"},
        {"cp1252", "WINDOWS-1252"},
        {"iso-8859-1", "WINDOWS-1252"},
        {"iso8859-1", "WINDOWS-1252"},
        {"iso88591", "WINDOWS-1252"},
        {"iso_8859-1", "WINDOWS-1252"},
        {"iso_8859-1:1987", "WINDOWS-1252"},
        {"iso-ir-100", "WINDOWS-1252"},
        {"latin1", "WINDOWS-1252"},
        {"l1", "WINDOWS-1252"},
        {"cp819", "WINDOWS-1252"},
        {"ibm819", "WINDOWS-1252"},
        {"csisolatin1", "WINDOWS-1252"},
        {"us-ascii", "WINDOWS-1252"},
        {"ascii", "WINDOWS-1252"},
        {"ansi_x3.4-1968", "WINDOWS-1252"},
        {"windows-1256", "WINDOWS-1256"},
        {"cp1256", "WINDOWS-1256"},
        {"x-cp1256", "WINDOWS-1256"},
        {"iso-8859-6", "ISO-8859-6"},
        {"iso8859-6", "ISO-8859-6"},
        {"iso88596", "ISO-8859-6"},
        {"iso_8859-6", "ISO-8859-6"},
        {"iso_8859-6:1987", "ISO-8859-6"},
        {"iso-8859-6-e", "ISO-8859-6"},
        {"iso-8859-6-i", "ISO-8859-6"},
        {"iso-ir-127", "ISO-8859-6"},
        {"arabic", "ISO-8859-6"},
        {"asmo-708", "ISO-8859-6"},
        {"ecma-114", "ISO-8859-6"},
        {"csiso88596e", "ISO-8859-6"},
        {"csiso88596i", "ISO-8859-6"},
        {"csisolatinarabic", "ISO-8859-6"},
        {"windows-1255", "WINDOWS-1255"},
        {"cp1255", "WINDOWS-1255"},
        {"x-cp1255", "WINDOWS-1255"},
        {"iso-8859-8", "ISO-8859-8"},
        {"iso8859-8", "ISO-8859-8"},
        {"iso88598", "ISO-8859-8"},
        {"iso_8859-8", "ISO-8859-8"},
        {"iso_8859-8:1988", "ISO-8859-8"},
        {"iso-8859-8-e", "ISO-8859-8"},
        {"iso-ir-138", "ISO-8859-8"},
        {"hebrew", "ISO-8859-8"},
        {"visual", "ISO-8859-8"},
        {"csiso88598e", "ISO-8859-8"},
        {"csisolatinhebrew", "ISO-8859-8"},
        {"iso-8859-8-i", "ISO-8859-8"},
        {"csiso88598i", "ISO-8859-8"},
        {"logical", "ISO-8859-8"},
        {"iso-8859-9", "WINDOWS-1254"},
        {"latin5", "WINDOWS-1254"},
        {"tis-620", "WINDOWS-874"},
        {"gb2312", "GBK"},
        {"x-gbk", "GBK"},
        {"ks_c_5601-1987", "CP949"},
        {"euc-kr", "CP949"},
        {"x-user-defined", "WINDOWS-1252"},
        {"utf-16", "UTF-16LE"},
        {"utf-16le", "UTF-16LE"},
        {"unicode", "UTF-16LE"},
        {"ucs-2", "UTF-16LE"},
        {"utf-16be", "UTF-16BE"},
};

static bool label_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	       c == ':';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Whether libxml2 (through iconv) reads name: a label the table does not
 * list is used only then. */
static bool iconv_knows(const char *name)
{
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(name);
	if (!h)
		return false;
	xmlCharEncCloseFunc(h);
	return true;
}

/* The labels outside the table that pages used, kept for the process:
 * each once, up to a few dozen (more would be a page making them up). */
static const char *intern(const char *name)
{
	static char names[64][41];
	static size_t n;
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	const char *found = NULL;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < n && !found; i++)
		if (!strcasecmp(names[i], name))
			found = names[i];
	if (!found && n < sizeof names / sizeof *names) {
		strcpy(names[n], name);
		found = names[n++];
	}
	pthread_mutex_unlock(&lock);
	return found;
}

const char *extract_charset_label(const char *label, size_t len)
{
	while (len && is_space(*label)) {
		label++;
		len--;
	}
	while (len && is_space(label[len - 1]))
		len--;
	if (len == 0 || len > 40)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (!label_byte(label[i]))
			return NULL;
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strlen(labels[i].label) == len &&
		    strncasecmp(labels[i].label, label, len) == 0)
			return labels[i].name;
	/* Other encodings keep their label, interned for the process so the
	 * name outlives every page read in it. */
	char name[41];
	memcpy(name, label, len);
	name[len] = '\0';
	return iconv_knows(name) ? intern(name) : NULL;
}

/* ---- The prescan of <meta> ----------------------------------------------- */

struct scan {
	const char *s;
	size_t len, i;
};

/* Past the first occurrence of needle from the position; to the end when
 * there is none. */
static void skip_past(struct scan *sc, const char *needle)
{
	size_t n = strlen(needle);
	while (sc->i + n <= sc->len && memcmp(sc->s + sc->i, needle, n) != 0)
		sc->i++;
	sc->i = sc->i + n <= sc->len ? sc->i + n : sc->len;
}

/* One attribute of a tag (the standard's "get an attribute"): false at
 * the tag's end.  name and value point into the bytes. */
static bool next_attribute(struct scan *sc, struct strbuf *name,
                           struct strbuf *value)
{
	strbuf_reset(name);
	strbuf_reset(value);
	while (sc->i < sc->len &&
	       (is_space(sc->s[sc->i]) || sc->s[sc->i] == '/'))
		sc->i++;
	if (sc->i >= sc->len || sc->s[sc->i] == '>')
		return false;
	while (sc->i < sc->len) {
		char c = sc->s[sc->i];
		if ((c == '=' && name->len) || is_space(c) || c == '/' ||
		    c == '>')
			break;
		strbuf_addc(name, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
		sc->i++;
	}
	while (sc->i < sc->len && is_space(sc->s[sc->i]))
		sc->i++;
	if (sc->i >= sc->len || sc->s[sc->i] != '=')
		return true;
	sc->i++;
	while (sc->i < sc->len && is_space(sc->s[sc->i]))
		sc->i++;
	if (sc->i >= sc->len)
		return true;
	char quote = sc->s[sc->i];
	if (quote == '"' || quote == '\'') {
		sc->i++;
		while (sc->i < sc->len && sc->s[sc->i] != quote)
			strbuf_addc(value, sc->s[sc->i++]);
		sc->i++;
		return true;
	}
	while (sc->i < sc->len && !is_space(sc->s[sc->i]) &&
	       sc->s[sc->i] != '>')
		strbuf_addc(value, sc->s[sc->i++]);
	return true;
}

/* The charset named in a Content-Type value ("text/html; charset=..."). */
static const char *charset_in_content(const char *v, size_t len)
{
	for (size_t i = 0; i + 7 <= len; i++) {
		if (strncasecmp(v + i, "charset", 7) != 0)
			continue;
		size_t j = i + 7;
		while (j < len && is_space(v[j]))
			j++;
		if (j >= len || v[j] != '=')
			continue;
		j++;
		while (j < len && is_space(v[j]))
			j++;
		char quote =
		        j < len && (v[j] == '"' || v[j] == '\'') ? v[j] : 0;
		size_t start = j + (quote ? 1 : 0), end = start;
		while (end < len &&
		       (quote ? v[end] != quote
		              : !is_space(v[end]) && v[end] != ';'))
			end++;
		return extract_charset_label(v + start, end - start);
	}
	return NULL;
}

/* A <meta> tag's attributes, from just past "<meta": the encoding it
 * declares, or NULL. */
static const char *meta_charset(struct scan *sc)
{
	struct strbuf name = {0}, value = {0};
	bool pragma = false;
	const char *charset = NULL, *from_content = NULL;
	while (next_attribute(sc, &name, &value)) {
		const char *v = value.s ? value.s : "";
		if (!name.s)
			continue;
		if (!strcmp(name.s, "http-equiv"))
			pragma = pragma || !strcasecmp(v, "content-type");
		else if (!strcmp(name.s, "charset") && !charset)
			charset = extract_charset_label(v, value.len);
		else if (!strcmp(name.s, "content") && !from_content)
			from_content = charset_in_content(v, value.len);
	}
	strbuf_free(&name);
	strbuf_free(&value);
	if (!charset && pragma)
		charset = from_content;
	/* A page read as bytes cannot be UTF-16 if <meta> was read. */
	if (charset && !strncmp(charset, "UTF-16", 6))
		charset = "UTF-8";
	return charset;
}

static bool ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The HTML standard's prescan of the first bytes for a <meta> encoding. */
static const char *prescan(const char *page, size_t len)
{
	struct scan sc = {page, len < PRESCAN_BYTES ? len : PRESCAN_BYTES, 0};
	while (sc.i < sc.len) {
		const char *p = sc.s + sc.i;
		size_t left = sc.len - sc.i;
		if (left >= 4 && !memcmp(p, "<!--", 4)) {
			sc.i += 4;
			skip_past(&sc, "-->");
		} else if (left >= 6 && !strncasecmp(p, "<meta", 5) &&
		           (is_space(p[5]) || p[5] == '/')) {
			sc.i += 6;
			const char *charset = meta_charset(&sc);
			if (charset)
				return charset;
		} else if (left >= 2 && p[0] == '<' &&
		           (ascii_alpha(p[1]) ||
		            (left >= 3 && p[1] == '/' && ascii_alpha(p[2])))) {
			sc.i += 2;
			while (sc.i < sc.len && !is_space(sc.s[sc.i]) &&
			       sc.s[sc.i] != '>')
				sc.i++;
			struct strbuf name = {0}, value = {0};
			while (next_attribute(&sc, &name, &value))
				;
			strbuf_free(&name);
			strbuf_free(&value);
		} else if (left >= 2 && p[0] == '<' &&
		           (p[1] == '!' || p[1] == '/' || p[1] == '?')) {
			skip_past(&sc, ">");
		} else {
			sc.i++;
		}
	}
	return NULL;
}

/* ---- Guessing an undeclared encoding ------------------------------------- */

enum script { S_NONE, S_ARABIC, S_HEBREW, S_LATIN, S_NEUTRAL, S_BAD };

static enum script script_of(uint32_t cp)
{
	if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
	    (cp >= 0xFE70 && cp <= 0xFEFF))
		return S_ARABIC;
	if ((cp >= 0x0590 && cp <= 0x05FF) || (cp >= 0xFB1D && cp <= 0xFB4F))
		return S_HEBREW;
	if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
		return S_LATIN;
	if ((cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) ||
	    cp == 0xD7 || cp == 0xF7 || cp == 0x20AC || cp == 0x2122)
		return S_NEUTRAL;
	return S_BAD;
}

/* What each byte from 0x80 decodes to in an encoding, by script. */
static void byte_scripts(const char *name, enum script out[128])
{
	iconv_t cd = iconv_open("UTF-32LE", name);
	for (int b = 0; b < 128; b++) {
		out[b] = S_BAD;
		if (cd == (iconv_t)-1)
			continue;
		char in = (char)(0x80 + b);
		unsigned char u[8];
		char *ip = &in, *op = (char *)u;
		size_t il = 1, ol = sizeof u;
		iconv(cd, NULL, NULL, NULL, NULL);
		/* windows-1255 holds a letter back for the marks that may
		 * follow: the flush gives it. */
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 &&
		    iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1 && ol == 4) {
			uint32_t cp = u[0] | (uint32_t)u[1] << 8 |
			              (uint32_t)u[2] << 16 |
			              (uint32_t)u[3] << 24;
			out[b] = script_of(cp);
		}
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
}

/* How well a run of non-ASCII bytes reads in an encoding: a run of one
 * script's letters reads well (Latin ones beside ASCII letters, Arabic and
 * Hebrew ones apart from them); mixed scripts and undefined bytes do
 * not. */
static long run_score(const enum script t[128], const unsigned char *s,
                      size_t n, bool beside_ascii_letter)
{
	enum script seen = S_NONE;
	for (size_t i = 0; i < n; i++) {
		enum script sc = t[s[i] - 0x80];
		if (sc == S_BAD)
			return -2 * (long)n;
		if (sc == S_NEUTRAL)
			continue;
		if (seen != S_NONE && seen != sc)
			return -(long)n;
		seen = sc;
	}
	if (seen == S_NONE)
		return 0;
	if ((seen == S_LATIN) != beside_ascii_letter)
		return -(long)n;
	return (long)n;
}

static bool ascii_letter_at(const unsigned char *s, size_t len, size_t i)
{
	return i < len && ascii_alpha((char)s[i]);
}

static long encoding_score(const char *name, const unsigned char *s, size_t len)
{
	enum script t[128];
	byte_scripts(name, t);
	long score = 0;
	size_t i = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && s[j] >= 0x80)
			j++;
		bool beside = (i > 0 && ascii_letter_at(s, len, i - 1)) ||
		              ascii_letter_at(s, len, j);
		score += run_score(t, s + i, j - i, beside);
		i = j;
	}
	return score;
}

/* An undeclared page: UTF-8 when it is valid UTF-8, else the candidate
 * its bytes read best in (the first listed wins a tie: the Windows code
 * pages are supersets of the ISO ones). */
static const char *guess(const char *page, size_t len)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
	/* The sample may end inside a character: that is not an error. */
	size_t valid_len = n;
	if (n < len) {
		size_t k = n;
		while (k > 0 && n - k < 4 &&
		       ((unsigned char)page[k - 1] & 0xC0) == 0x80)
			k--;
		if (k > 0 && ((unsigned char)page[k - 1] & 0xC0) == 0xC0)
			valid_len = k - 1;
	}
	if (!u8_check((const uint8_t *)page, valid_len))
		return "UTF-8";
	static const char *const candidates[] = {
	        "WINDOWS-1256", "ISO-8859-6",   "WINDOWS-1255",
	        "ISO-8859-8",   "WINDOWS-1252",
	};
	const char *best = "WINDOWS-1252";
	long best_score = 0;
	for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
		long sc = encoding_score(candidates[i],
		                         (const unsigned char *)page, n);
		if (sc > best_score) {
			best_score = sc;
			best = candidates[i];
		}
	}
	return best;
}

const char *extract_charset(const char *page, size_t len,
                            const char *http_charset, size_t *bom)
{
	*bom = 0;
	if (len >= 3 && !memcmp(page, "\xEF\xBB\xBF", 3)) {
		*bom = 3;
		return "UTF-8";
	}
	if (len >= 2 && !memcmp(page, "\xFE\xFF", 2)) {
		*bom = 2;
		return "UTF-16BE";
	}
	if (len >= 2 && !memcmp(page, "\xFF\xFE", 2)) {
		*bom = 2;
		return "UTF-16LE";
	}
	const char *name = http_charset
	                           ? extract_charset_label(http_charset,
	                                                   strlen(http_charset))
	                           : NULL;
	if (!name)
		name = prescan(page, len);
	return name ? name : guess(page, len);
}

/* ---- Decoding ------------------------------------------------------------ */

/* Valid UTF-8 from UTF-8 that may not be: each invalid byte and each NUL
 * becomes U+FFFD. */
static char *fix_utf8(const char *s, size_t len, size_t *out_len)
{
	if (!memchr(s, '\0', len) && !u8_check((const uint8_t *)s, len)) {
		*out_len = len;
		return xstrndup(s, len);
	}
	struct strbuf b = {0};
	strbuf_add(&b, "", 0);
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		ucs4_t uc;
		int n = 0;
		while (j < len && s[j] != '\0' &&
		       (n = u8_mbtoucr(&uc, (const uint8_t *)s + j, len - j)) >
		               0)
			j += (size_t)n;
		strbuf_add(&b, s + i, j - i);
		if (j < len) {
			strbuf_adds(&b, "\xEF\xBF\xBD");
			j++;
			/* The rest of a cut or damaged sequence: one mark. */
			while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
				j++;
		}
		i = j;
	}
	*out_len = b.len;
	return b.s ? b.s : xstrdup("");
}

char *extract_to_utf8(const char *page, size_t len, const char *charset,
                      size_t *out_len)
{
	if (strcasecmp(charset, "UTF-8") != 0) {
		size_t n = 0;
		uint8_t *u = u8_conv_from_encoding(
		        charset, iconveh_replacement_character, page, len, NULL,
		        NULL, &n);
		if (u) {
			/* Still checked: an encoding can decode to NUL. */
			char *fixed = fix_utf8((const char *)u, n, out_len);
			free(u);
			return fixed;
		}
	}
	return fix_utf8(page, len, out_len);
}
