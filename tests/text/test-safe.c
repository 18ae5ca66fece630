/* text_safe: what may reach a terminal line from outside text. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "check.h"
#include "text/safe.h"

#define LRE      "\xE2\x80\xAA"
#define RLE      "\xE2\x80\xAB"
#define PDF      "\xE2\x80\xAC"
#define RLO      "\xE2\x80\xAE"
#define RLI      "\xE2\x81\xA7"
#define FSI      "\xE2\x81\xA8"
#define PDI      "\xE2\x81\xA9"
#define ELLIPSIS "\xE2\x80\xA6"
#define FFFD     "\xEF\xBF\xBD"

static const struct {
	const char *in;
	size_t max;
	const char *want;
} cases[] = {
        {"plain text", 0, "plain text"},
        {"", 0, ""},
        {"سلام دنیا", 0, "سلام دنیا"},
        /* Controls that move the cursor or talk to the terminal. */
        {"a\x1b]52;c;aGk=\x07z", 0, "a]52;c;aGk=z"},
        {"a\x1b[2Jb", 0, "a[2Jb"},
        {"a\xC2\x9B"
         "31mb",
         0, "a31mb"},
        {"a\xC2\x85\xC2\x80\xC2\x9F"
         "b\x7F",
         0, "ab"},
        {"a\x01\x08\x0E\x1F"
         "b",
         0, "ab"},
        /* One line: breaks and tabs are spaces. */
        {"a\tb\r\nc\nd", 0, "a b  c d"},
        {"a\xE2\x80\xA8"
         "b\xE2\x80\xA9"
         "c",
         0, "a b c"},
        /* Invalid UTF-8: one U+FFFD per maximal invalid part. */
        {"<\xFF\xFFrss>", 0, "<" FFFD FFFD "rss>"},
        {"a\xE2\x80", 0, "a" FFFD},
        {"\xC0\xAF", 0, FFFD FFFD},
        {"\xED\xA0\x80", 0, FFFD FFFD FFFD},
        /* Bidi: what is opened is closed, what closes nothing goes. */
        {RLO "evil", 0, RLO "evil" PDF},
        {RLI "x" RLE "y", 0, RLI "x" RLE "y" PDF PDI},
        {"x" PDF "y" PDI "z", 0, "xyz"},
        {RLE "a" PDF PDF "b", 0, RLE "a" PDF "b"},
        {RLI "a" LRE "b" PDI "c", 0, RLI "a" LRE "b" PDF PDI "c"},
        {FSI RLE "a" PDF "b", 0, FSI RLE "a" PDF "b" PDI},
        {RLI "a" PDF "b" PDI, 0,
         RLI "a"
             "b" PDI},
        /* The cap counts bytes, keeps characters whole, ends in "…". */
        {"abcdef", 6, "abcdef"},
        {"abcdefg", 6, "abc" ELLIPSIS},
        {"سلام دنیا", 8, "سل" ELLIPSIS},
        {"سلام دنیا", 9, "سلا" ELLIPSIS},
        {RLO "abcdefgh", 12, RLO "abc" PDF ELLIPSIS},
        {RLO "abcdef", 12, RLO "abcdef" PDF},
        {RLO "abcdef", 9, RLO PDF ELLIPSIS},
        {"a\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1b"
         "b",
         2, "ab"},
        {"abcdef", 2, ELLIPSIS},
};

/* An unclosed embedding deeper than any real text is cut short, so the
 * closers at the end stay few. */
static void deep_nesting(void)
{
	char in[3 * 1000 + 1] = "";
	for (int i = 0; i < 1000; i++)
		strcat(in, RLE);
	char *out = text_safe(in, 0);
	size_t opened = 0, closed = 0;
	for (const char *p = out; (p = strstr(p, RLE)); p += 3)
		opened++;
	for (const char *p = out; (p = strstr(p, PDF)); p += 3)
		closed++;
	CHECK(opened == closed && opened > 0 && opened < 100,
	      "%zu opened, %zu closed", opened, closed);
	free(out);
}

/* A long text is decoded a piece at a time: a character across the seam
 * of two pieces, and a cap reached after ten megabytes of junk. */
static void long_text(void)
{
	size_t n = 10 * 1024 * 1024;
	char *junk = malloc(n + 1);
	static const char cycle[] = "\x1b\xFF\x9B"
	                            "a";
	for (size_t i = 0; i < n; i++)
		junk[i] = cycle[i % 4];
	junk[n] = '\0';
	char *out = text_safe(junk, TEXT_SAFE_MESSAGE_MAX);
	CHECK(strlen(out) <= TEXT_SAFE_MESSAGE_MAX, "%zu bytes", strlen(out));
	CHECK(strstr(out, FFFD) != NULL && !strchr(out, '\x1b'), "%.40s", out);
	free(out);
	/* One ASCII byte first puts every seam inside a letter. */
	junk[0] = 'a';
	for (size_t i = 1; i + 1 < n; i += 2) {
		junk[i] = '\xD8';
		junk[i + 1] = '\xB3';
	}
	junk[n - 1] = '\0';
	out = text_safe(junk, 0);
	CHECK(strlen(out) == n - 1 && !strstr(out, FFFD), "%zu bytes",
	      strlen(out));
	free(out);
	free(junk);
}

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = text_safe(cases[i].in, cases[i].max);
		char what[64];
		snprintf(what, sizeof what, "case %zu", i);
		CHECK_STR(got, cases[i].want, what);
		CHECK(!cases[i].max || strlen(got) <= cases[i].max ||
		              strlen(got) == 3,
		      "case %zu: %zu bytes over %zu", i, strlen(got),
		      cases[i].max);
		char *again = text_safe(got, cases[i].max);
		CHECK_STR(again, got, "twice is once");
		free(again);
		free(got);
	}
	struct strbuf b = {0};
	strbuf_adds(&b, "kept: ");
	text_safe_add(&b, "a\nb\x1b", 3, 0);
	CHECK_STR(b.s, "kept: a b", "appended after what was there");
	text_safe_add(&b, "", 0, 0);
	CHECK_STR(b.s, "kept: a b", "nothing appended");
	strbuf_free(&b);
	char *empty = text_safe(NULL, 0);
	CHECK_STR(empty, "", "NULL");
	free(empty);
	deep_nesting();
	long_text();
	return check_result("test-safe");
}
