/* Mutations for the fuzz tests (see mutate.h). */
#include "config.h"

#include "fuzz/mutate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15u;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static size_t below(size_t n)
{
	return n ? (size_t)(next() % n) : 0;
}

size_t mutate_below(size_t n)
{
	return below(n);
}

/* Pieces worth slipping in: what breaks parsers and terminals. */
static const char *const pieces[] = {
        "<",
        ">",
        "&",
        "&amp;",
        "&#x202E;",
        "&#0;",
        "&#xD800;",
        "]]>",
        "<![CDATA[",
        "</item>",
        "<item>",
        "<p dir=\"rtl\">",
        "<pre>",
        "</pre>",
        "<a href=\"x\">",
        "<bdo dir=\"ltr\">",
        "<script>",
        "<!--",
        "\x1b[2J",
        "\x1b]52;c;aGk=\x07",
        "\xc2\x9b",
        "\xe2\x80\xae",
        "\xe2\x81\xa7",
        "\xef\xbb\xbf",
        "\xff",
        "\xc3",
        "\xe2\x80",
        "\xf0\x9f\x98",
        "\0",
        "\r",
        "\n",
        "\n\n",
        "\t",
        "منبع : ",
        "به گزارش ",
        "آتش‌بس",
        "\xd9\x84\xd8\xa7",
        "\xcc\x81",
        "\xd9\x8b\xd9\x8b\xd9\x8b",
};

void mutate(const char *in, size_t len, struct strbuf *out,
            const char *const *extra, size_t nextra)
{
	size_t nbuilt_in = sizeof pieces / sizeof *pieces;
	out->len = 0;
	strbuf_add(out, in, len);
	int edits = 1 + (int)below(8);
	for (int e = 0; e < edits; e++) {
		size_t at = below(out->len + 1);
		switch (below(6)) {
		case 0: /* flip a byte */
			if (out->len)
				out->s[below(out->len)] ^=
				        (char)(1u << below(8));
			break;
		case 1: { /* slip a piece in */
			size_t k = below(nbuilt_in + nextra);
			const char *p = k < nbuilt_in ? pieces[k]
			                              : extra[k - nbuilt_in];
			size_t n = *p ? strlen(p) : 1;
			struct strbuf t = {0};
			strbuf_add(&t, out->s, at);
			strbuf_add(&t, p, n);
			strbuf_add(&t, out->s + at, out->len - at);
			free(out->s);
			*out = t;
			break;
		}
		case 2: { /* drop a range */
			size_t n = below(out->len - at + 1);
			n = n > 4096 ? 4096 : n;
			memmove(out->s + at, out->s + at + n,
			        out->len - at - n);
			out->len -= n;
			break;
		}
		case 3: { /* repeat a range */
			size_t n = below(out->len - at + 1);
			n = n > 512 ? 512 : n;
			struct strbuf t = {0};
			strbuf_add(&t, out->s, at + n);
			strbuf_add(&t, out->s + at, out->len - at);
			free(out->s);
			*out = t;
			break;
		}
		case 4: /* cut the end */
			out->len = at;
			break;
		default: /* a random byte */
			if (out->len)
				out->s[below(out->len)] = (char)next();
			break;
		}
	}
}
