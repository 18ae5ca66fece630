/* Safe text for terminals and line-oriented output, on the layout's
 * decoder, with the bidi controls balanced and an optional byte cap. */
#include "config.h"

#include "text/safe.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/decode.h"
#include "util/die.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define ELLIPSIS     "\xE2\x80\xA6"
#define PDF          0x202C
#define PDI          0x2069
#define CLOSER_BYTES 3 /* PDF and PDI are three bytes of UTF-8 each */
/* Embeddings deeper than this are dropped: the closers stay short. */
#define MAX_DEPTH 16
/* Bytes decoded at a time: a cap stops the work early. */
#define CHUNK 1024

/* The embeddings and isolates open so far, innermost last. */
struct balance {
	uint32_t open[MAX_DEPTH];
	size_t depth;
};

static bool is_embedding(uint32_t c)
{
	return c == 0x202A || c == 0x202B || c == 0x202D || c == 0x202E;
}

static bool is_isolate(uint32_t c)
{
	return c >= 0x2066 && c <= 0x2068;
}

static void close_one(struct strbuf *b, struct balance *bal)
{
	uint32_t c = bal->open[--bal->depth];
	strbuf_add_utf8(b, is_isolate(c) ? PDI : PDF);
}

/* A PDI closes the innermost open isolate and the embeddings inside it;
 * with no isolate open it closes nothing and is dropped. */
static void close_isolate(struct strbuf *b, struct balance *bal)
{
	size_t k = bal->depth;
	while (k > 0 && !is_isolate(bal->open[k - 1]))
		k--;
	if (k == 0)
		return;
	while (bal->depth >= k)
		close_one(b, bal);
}

/* Append c, keeping the bidi controls balanced. */
static void put(struct strbuf *b, struct balance *bal, uint32_t c)
{
	if (is_embedding(c) || is_isolate(c)) {
		if (bal->depth == MAX_DEPTH)
			return;
		bal->open[bal->depth++] = c;
	} else if (c == PDF) {
		/* A PDF never closes an isolate (UAX #9, X7). */
		if (bal->depth > 0 && is_embedding(bal->open[bal->depth - 1]))
			close_one(b, bal);
		return;
	} else if (c == PDI) {
		close_isolate(b, bal);
		return;
	}
	strbuf_add_utf8(b, c);
}

static void close_all(struct strbuf *b, struct balance *bal)
{
	while (bal->depth > 0)
		close_one(b, bal);
}

/* Where a chunk from at may end: never inside a UTF-8 sequence, so each
 * chunk decodes as the whole text would. */
static size_t chunk_end(const unsigned char *u, size_t at, size_t len)
{
	if (len - at <= CHUNK)
		return len;
	size_t end = at + CHUNK;
	for (int back = 0; back < 3; back++)
		if ((u[end - back] & 0xC0) != 0x80)
			return end - back;
	return end; /* a fourth continuation byte can't belong to a lead */
}

void text_safe_add(struct strbuf *b, const char *s, size_t len, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp[CHUNK], off[CHUNK];
	struct balance bal = {.depth = 0}, good = bal;
	size_t start = b->len, good_len = start;
	bool over = false;
	strbuf_add(b, "", 0); /* NUL-terminated even when nothing is added */
	for (size_t at = 0; at < len && !over;) {
		size_t end = chunk_end(u, at, len);
		size_t n = text_decode(s + at, end - at, cp, off);
		for (size_t i = 0; i < n && !over; i++) {
			put(b, &bal, cp[i]);
			size_t used = b->len - start + bal.depth * CLOSER_BYTES;
			over = max && used > max;
			if (max && used + sizeof ELLIPSIS - 1 <= max) {
				good = bal;
				good_len = b->len;
			}
		}
		at = end;
	}
	if (over) {
		b->len = good_len;
		b->s[b->len] = '\0';
		close_all(b, &good);
		strbuf_adds(b, ELLIPSIS);
	} else {
		close_all(b, &bal);
	}
}

char *text_safe(const char *s, size_t max)
{
	struct strbuf b = {0};
	text_safe_add(&b, s ? s : "", s ? strlen(s) : 0, max);
	return strbuf_take(&b);
}

void text_safe_warn(const char *where, const char *what)
{
	char *shown = text_safe(what, TEXT_SAFE_MESSAGE_MAX);
	if (where) {
		char *place = text_safe(where, TEXT_SAFE_MESSAGE_MAX);
		warn("%s: %s", place, shown);
		free(place);
	} else {
		warn("%s", shown);
	}
	free(shown);
}

void text_safe_message_add(char ***lines, size_t *n, size_t *hidden,
                           const char *msg)
{
	enum { MAX = TEXT_SAFE_MESSAGES_MAX };
	if (*n < MAX) {
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		(*lines)[(*n)++] = text_safe(msg, TEXT_SAFE_MESSAGE_MAX);
		return;
	}
	if ((*hidden)++ == 0) {
		*lines = xreallocarray(*lines, MAX + 1, sizeof **lines);
		*n = MAX + 1;
	} else {
		free((*lines)[MAX]);
	}
	(*lines)[MAX] = xasprintf(ngettext("... and %zu more error",
	                                   "... and %zu more errors", *hidden),
	                          *hidden);
}
