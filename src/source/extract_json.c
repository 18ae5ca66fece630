#include "config.h"

#include "source/extract_json.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

/* Deeper nesting is not JSON-LD; a limit keeps the recursion bounded. */
#define MAX_DEPTH 64

struct reader {
	const char *s;
	size_t len, i;
};

static void skip_space(struct reader *r)
{
	while (r->i < r->len) {
		char c = r->s[r->i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f') {
			r->i++;
		} else if (r->len - r->i >= 2 && c == '/' &&
		           r->s[r->i + 1] == '*') {
			/* A comment, as CDATA wrappers write them. */
			const char *end = NULL;
			for (size_t k = r->i + 2; k + 1 < r->len && !end; k++)
				if (r->s[k] == '*' && r->s[k + 1] == '/')
					end = r->s + k + 2;
			r->i = end ? (size_t)(end - r->s) : r->len;
		} else {
			return;
		}
	}
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at r's position, or -1. */
static long hex4(struct reader *r)
{
	if (r->len - r->i < 4)
		return -1;
	long v = 0;
	for (int k = 0; k < 4; k++) {
		int d = hex_digit(r->s[r->i + k]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	r->i += 4;
	return v;
}

/* A \u escape after the "\u": a surrogate pair makes one character; a
 * lone surrogate is U+FFFD. */
static unsigned long unicode_escape(struct reader *r)
{
	long hi = hex4(r);
	if (hi < 0)
		return 0xFFFD;
	if (hi < 0xD800 || hi > 0xDFFF)
		return (unsigned long)hi;
	if (hi > 0xDBFF || r->len - r->i < 6 || r->s[r->i] != '\\' ||
	    r->s[r->i + 1] != 'u')
		return 0xFFFD;
	size_t at = r->i;
	r->i += 2;
	long lo = hex4(r);
	if (lo < 0xDC00 || lo > 0xDFFF) {
		r->i = at;
		return 0xFFFD;
	}
	return 0x10000 + (((unsigned long)hi - 0xD800) << 10) +
	       ((unsigned long)lo - 0xDC00);
}

static char *read_string(struct reader *r)
{
	struct strbuf b = {0};
	strbuf_add(&b, "", 0);
	r->i++; /* the quote */
	while (r->i < r->len && r->s[r->i] != '"') {
		char c = r->s[r->i++];
		if (c != '\\') {
			strbuf_addc(&b, c);
			continue;
		}
		if (r->i >= r->len)
			break;
		c = r->s[r->i++];
		switch (c) {
		case 'n':
			strbuf_addc(&b, '\n');
			break;
		case 't':
			strbuf_addc(&b, '\t');
			break;
		case 'r':
			strbuf_addc(&b, '\r');
			break;
		case 'b':
		case 'f':
			strbuf_addc(&b, ' ');
			break;
		case 'u':
			strbuf_add_utf8(&b, unicode_escape(r));
			break;
		default: /* \" \\ \/ and any other escaped byte */
			strbuf_addc(&b, c);
			break;
		}
	}
	r->i++; /* the closing quote, if any */
	return b.s;
}

static bool read_value(struct reader *r, struct json *v, int depth);

/* An array or an object's members, after its opening bracket. */
static bool read_items(struct reader *r, struct json *v, int depth)
{
	bool object = v->type == JSON_OBJECT;
	char close = object ? '}' : ']';
	size_t cap = 0;
	r->i++;
	for (;;) {
		skip_space(r);
		if (r->i >= r->len)
			return false;
		if (r->s[r->i] == close) {
			r->i++;
			return true;
		}
		if (v->n == cap) {
			cap = cap ? 2 * cap : 4;
			v->items =
			        xreallocarray(v->items, cap, sizeof *v->items);
			if (object)
				v->keys = xreallocarray(v->keys, cap,
				                        sizeof *v->keys);
		}
		struct json *item = &v->items[v->n];
		*item = (struct json){0};
		char *key = NULL;
		if (object) {
			if (r->s[r->i] != '"')
				return false;
			key = read_string(r);
			skip_space(r);
			if (r->i >= r->len || r->s[r->i] != ':') {
				free(key);
				return false;
			}
			r->i++;
			v->keys[v->n] = key;
		}
		v->n++;
		if (!read_value(r, item, depth + 1))
			return false;
		skip_space(r);
		if (r->i < r->len && r->s[r->i] == ',')
			r->i++;
	}
}

/* A number or a literal: the bytes up to a delimiter. */
static bool read_word(struct reader *r, struct json *v)
{
	size_t start = r->i;
	while (r->i < r->len && !strchr(" \t\r\n\f,]}:", r->s[r->i]))
		r->i++;
	if (r->i == start)
		return false;
	v->str = xstrndup(r->s + start, r->i - start);
	if (!strcmp(v->str, "null"))
		v->type = JSON_NULL;
	else if (!strcmp(v->str, "true") || !strcmp(v->str, "false"))
		v->type = JSON_BOOL;
	else if (strchr("-0123456789", v->str[0]))
		v->type = JSON_NUMBER;
	else
		return false;
	return true;
}

static bool read_value(struct reader *r, struct json *v, int depth)
{
	skip_space(r);
	if (r->i >= r->len || depth > MAX_DEPTH)
		return false;
	switch (r->s[r->i]) {
	case '{':
		v->type = JSON_OBJECT;
		return read_items(r, v, depth);
	case '[':
		v->type = JSON_ARRAY;
		return read_items(r, v, depth);
	case '"':
		v->type = JSON_STRING;
		v->str = read_string(r);
		return true;
	default:
		return read_word(r, v);
	}
}

static void free_value(struct json *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free_value(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
}

struct json *json_parse(const char *text, size_t len)
{
	struct reader r = {text, len, 0};
	skip_space(&r);
	static const char *const wrappers[] = {"<!--", "<![CDATA["};
	for (size_t k = 0; k < 2; k++) {
		size_t n = strlen(wrappers[k]);
		if (r.len - r.i >= n && !memcmp(r.s + r.i, wrappers[k], n)) {
			r.i += n;
			skip_space(&r);
		}
	}
	struct json *v = xcalloc(1, sizeof *v);
	if (!read_value(&r, v, 0)) {
		json_free(v);
		return NULL;
	}
	return v;
}

const struct json *json_get(const struct json *v, const char *key)
{
	if (!v || v->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->keys[i], key))
			return &v->items[i];
	return NULL;
}

void json_free(struct json *v)
{
	if (!v)
		return;
	free_value(v);
	free(v);
}
