/* The layout engine against exact rows, as lay_row_text() gives them
 * (right-aligned rows padded on the left), plus invariants every layout
 * must keep whatever the input: no row wider than its width, no control
 * character out, rows covering the input in order. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "layout/layout.h"
#include "layout/linebreak.h"
#include "util/xalloc.h"

static int failures;

static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("FAIL: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	failures++;
}

enum {
	NOSHAPE = 1,  /* shaping off, so expected rows can be written with
	                 the plain letters */
	TERMINAL = 2, /* logical order for terminals that do bidi */
	HEADLINE = 4, /* lay_headline_new instead of lay_paragraph_new */
};

struct rows_case {
	const char *name;
	const char *in;
	int width;
	int flags;
	const char *rows[8]; /* expected lay_row_text(), NULL-terminated */
};

static const struct rows_case cases[] = {
        /* ZWNJ is not drawn, but shaping sees it: yeh before it takes its
         * final form (U+FBFD), not medial, and khah starts a new join. */
        {"persian zwnj",
         "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
         20,
         0,
         {"             \uFEE2\uFEEB\uFE8D\uFEEE\uFEA7\uFBFD\uFEE3"}},
        {"latin acronym in persian",
         "سفر NATO به ایران",
         40,
         NOSHAPE,
         {"                       ناریا هب NATO رفس"}},
        /* Numbers read left to right.  After Arabic letters, rule W2 makes
         * European digits Arabic numbers, so `10-20` shows as two numbers in
         * right-to-left order and `%` stays on the left of `25`, as ICU and
         * browsers show them; the Persian date stays whole. */
        {"persian digits",
         "تاریخ ۱۴۰۲/۱۲/۱۴ و 10-20 و 25%",
         40,
         NOSHAPE,
         {"          %25 و 20-10 و ۱۴۰۲/۱۲/۱۴ خیرات"}},
        {"hebrew number range",
         "בין 10-20 אחוז",
         20,
         NOSHAPE,
         {"      זוחא 10-20 ןיב"}},
        /* The guillemets are mirrored in the RTL row: « ... » reads right. */
        {"guillemets in rtl",
         "نشست «G20» امروز",
         20,
         NOSHAPE,
         {"    زورما «G20» تسشن"}},
        /* A bracket pair split across rows: each half mirrored by the
         * paragraph's levels. */
        {"bracket split", "(אבג דהו) זח", 4, NOSHAPE, {"גבא)", "(והד", "  חז"}},
        {"bracket split ltr inside",
         "אבג (abc def) גדה",
         8,
         NOSHAPE,
         {"abc) גבא", "הדג (def"}},
        /* Harakat ride in their base's cell; shaping ignores them. */
        {"arabic harakat",
         "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F",
         10,
         0,
         {"      \uFEAA\uFEE4\u0651\u064E\uFEA4\u064E\uFEE3\u064F"}},
        /* Lam-alef is one cell: سلام takes three columns. */
        {"lam-alef",
         "\u0633\u0644\u0627\u0645",
         10,
         0,
         {"       \uFEE1\uFEFC\uFEB3"}},
        {"hebrew quote in word",
         "דובר צה\"ל אמר",
         20,
         NOSHAPE,
         {"       רמא ל\"הצ רבוד"}},
        {"english with rtl name",
         "Minister בנימין נתניהו said",
         40,
         0,
         {"Minister והינתנ ןימינב said"}},
        {"cjk and emoji", "漢字😀ab", 5, 0, {"漢字", "😀ab"}},
        /* No break after U+060C before a letter (UAX #14 LB29): the word
         * is cut at the width as one overlong word. */
        {"arabic comma", "مسکو،ترامپ", 8, NOSHAPE, {"ارت،وکسم", "      پم"}},
        {"www dot",
         "see www.example.ir now",
         16,
         0,
         {"see", "www.example.ir", "now"}},
        /* An overlong word breaks between grapheme clusters: e + acute. */
        {"graphemes",
         "e\u0301e\u0301e\u0301e\u0301e\u0301",
         2,
         0,
         {"e\u0301e\u0301", "e\u0301e\u0301", "e\u0301"}},
        {"graphemes rtl",
         "\u05D0\u05B8\u05D1\u05B8\u05D2\u05B8",
         2,
         NOSHAPE,
         {"\u05D1\u05B8\u05D0\u05B8", " \u05D2\u05B8"}},
        /* A wide character in a row of one column shows as U+FFFD. */
        {"wide at width 1", "漢a", 1, 0, {"\uFFFD", "a"}},
        {"spaces hang", "aa bb  cc", 5, 0, {"aa bb", "cc"}},
        {"rtl spaces hang", "אא בב  גג", 5, NOSHAPE, {"בב אא", "   גג"}},
        {"empty", "", 10, 0, {""}},
        {"invalid utf-8",
         "a\xff\xc0\xafz\xe2\x82",
         10,
         0,
         {"a\uFFFD\uFFFD\uFFFDz\uFFFD"}},
        {"controls dropped", "a\x1b[2Jb\x07\tc\xc2\x9b", 10, 0, {"a[2Jb c"}},
        {"bidi override dropped",
         "abc \u202Edef\u202C ghi",
         20,
         0,
         {"abc fed ghi"}},
        /* The path's Arabic word and the number after it (an Arabic
         * number by rule W2) form one right-to-left run. */
        {"url is ltr",
         "https://example.ir/\u062E\u0628\u0631/1",
         40,
         NOSHAPE,
         {"https://example.ir/1/\u0631\u0628\u062E"}},
        {"orphan mark", "\u0301a", 5, 0, {"\u25CC\u0301a"}},
        /* Terminal mode: logical order, no shaping, left edge. */
        {"terminal", "שלום abc סוף", 20, TERMINAL, {"שלום abc סוף"}},
        {"terminal wraps",
         "\u0633\u0644\u0627\u0645 \u062F\u0646\u06CC\u0627",
         5,
         TERMINAL,
         {"\u0633\u0644\u0627\u0645", "\u062F\u0646\u06CC\u0627"}},
        /* A terminal that shapes by itself needs the non-joiner (and
         * the joiner and direction marks), in the cell before it; the
         * embeddings and overrides still go, and so does all of it when
         * the app reorders. */
        {"terminal keeps ZWNJ",
         "\u0622\u062A\u0634\u200C\u0628\u0633",
         20,
         TERMINAL,
         {"\u0622\u062A\u0634\u200C\u0628\u0633"}},
        {"terminal keeps marks of direction",
         "a\u200Eb\u200Fc\u200Dd",
         20,
         TERMINAL,
         {"a\u200Eb\u200Fc\u200Dd"}},
        {"terminal drops overrides",
         "a\u202Eb\u202Cc\u2067d\u2069",
         20,
         TERMINAL,
         {"abcd"}},
        {"terminal drops a leading ZWNJ", "\u200Cab", 20, TERMINAL, {"ab"}},
        {"app drops ZWNJ",
         "\u0622\u062A\u0634\u200C\u0628\u0633",
         20,
         NOSHAPE,
         {"               \u0633\u0628\u0634\u062A\u0622"}},
        /* Headlines: one row; the ellipsis at the logical end. */
        {"headline fits", "short one", 9, HEADLINE, {"short one"}},
        {"headline ltr", "hello world foo", 8, HEADLINE, {"hello w\u2026"}},
        {"headline trims space",
         "hello world foo",
         7,
         HEADLINE,
         {"hello\u2026"}},
        {"headline rtl",
         "שלום עולם יפה",
         8,
         HEADLINE | NOSHAPE,
         {"\u2026וע םולש"}},
        {"headline rtl fits", "שלום", 8, HEADLINE, {"    םולש"}},
        {"headline newline", "a\nb", 8, HEADLINE, {"a b"}},
        {"headline width 1", "漢字", 1, HEADLINE, {"\u2026"}},
        /* The cut never splits lam-alef, whose filler stands for the lam. */
        {"headline lam-alef",
         "\u0644\u0627 \u0628",
         2,
         HEADLINE,
         {"\u2026\uFEFB"}},
        {"lam-alef overlong",
         "\u0644\u0627\u0644\u0627\u0644\u0627",
         1,
         0,
         {"\uFEFB", "\uFEFB", "\uFEFB"}},
        {"headline shaped cut",
         "\u0633\u0644\u0627\u0645 \u062F\u0646\u06CC\u0627",
         4,
         HEADLINE,
         {"\u2026\uFEE1\uFEFC\uFEB3"}},
};

static struct lay_options options_for(int width, int flags)
{
	struct lay_options opt = lay_options_default();

	opt.width = width;
	opt.shaping = !(flags & NOSHAPE);
	opt.visual = !(flags & TERMINAL);
	return opt;
}

/* Checks every row must pass, for any input. */
/* terminal: laid out for a terminal that shapes by itself, which gets
 * the non-joiner and joiner in the cell before them. */
static void check_row(const char *what, const struct lay_row *row, int width,
                      bool terminal)
{
	int sum = 0;

	for (size_t k = 0; k < row->ncells; k++) {
		const struct lay_cell *c = &row->cells[k];
		sum += c->width;
		if (c->nch < 1 || c->nch > LAY_CELL_CHARS ||
		    (c->width != 1 && c->width != 2))
			fail("%s: bad cell %zu", what, k);
		for (int j = 0; j < c->nch && j < LAY_CELL_CHARS; j++)
			if (c->ch[j] < 0x20 ||
			    (c->ch[j] >= 0x7F && c->ch[j] <= 0x9F) ||
			    (c->ch[j] >= 0x202A && c->ch[j] <= 0x202E) ||
			    (c->ch[j] >= 0x2066 && c->ch[j] <= 0x2069) ||
			    (!terminal &&
			     (c->ch[j] == 0x200C || c->ch[j] == 0x200D)) ||
			    (terminal && j == 0 && c->ch[j] >= 0x200C &&
			     c->ch[j] <= 0x200F) ||
			    c->ch[j] == 0xFEFF)
				fail("%s: cell %zu holds U+%04X", what, k,
				     (unsigned)c->ch[j]);
	}
	if (sum != row->columns)
		fail("%s: cells take %d columns, row says %d", what, sum,
		     row->columns);
	if (row->columns > width)
		fail("%s: row of %d columns at width %d", what, row->columns,
		     width);

	char *text = lay_row_text(row, width);
	size_t len = strlen(text);
	if (u8_check((const uint8_t *)text, len))
		fail("%s: row text is not UTF-8", what);
	else if (u8_strwidth((const uint8_t *)text, "UTF-8") > width)
		fail("%s: row text wider than %d: %s", what, width, text);
	for (const uint8_t *p = (const uint8_t *)text; *p;) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p, strlen((const char *)p));
		if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
			fail("%s: control U+%04X in row text", what,
			     (unsigned)c);
		p += l;
	}
	if (len > 0 && text[len - 1] == ' ')
		fail("%s: trailing space in row text", what);
	free(text);
}

static void check_paragraph(const char *what, const struct lay_paragraph *par,
                            size_t len, int width, bool terminal)
{
	size_t at = 0;

	if (par->nrows < 1)
		fail("%s: no rows", what);
	for (size_t r = 0; r < par->nrows; r++) {
		const struct lay_row *row = &par->rows[r];
		if (row->start != at || row->end < row->start ||
		    (r + 1 < par->nrows && row->end == row->start && len > 0))
			fail("%s: row %zu covers bytes %zu-%zu after %zu", what,
			     r, row->start, row->end, at);
		at = row->end;
		check_row(what, row, width, terminal);
	}
	if (at != len)
		fail("%s: rows end at byte %zu of %zu", what, at, len);
}

static void run_case(const struct rows_case *t)
{
	struct lay_options opt = options_for(t->width, t->flags);
	size_t len = strlen(t->in), want = 0;

	while (t->rows[want])
		want++;
	if (t->flags & HEADLINE) {
		struct lay_row *row = lay_headline_new(t->in, len, &opt);
		char *text = lay_row_text(row, t->width);
		check_row(t->name, row, t->width, t->flags & TERMINAL);
		if (strcmp(text, t->rows[0]))
			fail("%s: got [%s], want [%s]", t->name, text,
			     t->rows[0]);
		free(text);
		lay_row_free(row);
		return;
	}
	struct lay_paragraph *par = lay_paragraph_new(t->in, len, &opt);
	check_paragraph(t->name, par, len, t->width, t->flags & TERMINAL);
	if (par->nrows != want)
		fail("%s: %zu rows, want %zu", t->name, par->nrows, want);
	for (size_t r = 0; r < par->nrows && r < want; r++) {
		char *text = lay_row_text(&par->rows[r], t->width);
		if (strcmp(text, t->rows[r]))
			fail("%s: row %zu is [%s], want [%s]", t->name, r, text,
			     t->rows[r]);
		if (par->rows[r].align_right !=
		    (par->rtl && !(t->flags & TERMINAL)))
			fail("%s: row %zu alignment", t->name, r);
		free(text);
	}
	lay_paragraph_free(par);
}

/* The cells of the harakat and lam-alef cases, beyond their text. */
static void test_cells(void)
{
	struct lay_options opt = options_for(10, 0);
	const char *harakat =
	        "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F";
	struct lay_paragraph *par =
	        lay_paragraph_new(harakat, strlen(harakat), &opt);
	const struct lay_row *row = &par->rows[0];

	if (row->ncells != 4 || row->columns != 4)
		fail("harakat: %zu cells of %d columns, want 4 and 4",
		     row->ncells, row->columns);
	else if (row->cells[1].nch != 3 || row->cells[3].nch != 2 ||
	         row->cells[3].offset != 0 || row->cells[0].offset != 14)
		fail("harakat: marks or offsets not in their base's cell");
	lay_paragraph_free(par);

	const char *salam = "\u0633\u0644\u0627\u0645";
	par = lay_paragraph_new(salam, strlen(salam), &opt);
	if (par->rows[0].ncells != 3 || par->rows[0].columns != 3)
		fail("lam-alef: %zu cells, want 3", par->rows[0].ncells);
	lay_paragraph_free(par);

	/* More marks than a cell holds: the extra ones are dropped. */
	const char *many = "a\u0301\u0302\u0303\u0304\u0305\u0306\u0307";
	par = lay_paragraph_new(many, strlen(many), &opt);
	if (par->rows[0].ncells != 1 ||
	    par->rows[0].cells[0].nch != LAY_CELL_CHARS)
		fail("many marks: %zu cells", par->rows[0].ncells);
	lay_paragraph_free(par);
}

/* The two breaks libunistring allows and UAX #14 does not. */
static void test_breaker(void)
{
	static const struct {
		const char *in;
		const char *breaks; /* '|' before each allowed position */
	} t[] = {
	        {"مسکو،ترامپ", "مسکو،ترامپ"},
	        {"www.example.ir", "www.example.ir"},
	        {"e.g. x", "e.g. |x"},
	        {"1,000 a", "1,000 |a"},
	        {"abc def", "abc |def"},
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		size_t len = strlen(t[k].in), n = 0;
		uint32_t *cp = xreallocarray(NULL, len, sizeof *cp);
		char *brk = xmalloc(len + 1);
		for (const uint8_t *p = (const uint8_t *)t[k].in; *p;)
			p += u8_mbtouc(&cp[n++], p, strlen((const char *)p));
		lay_linebreaks(cp, n, brk);
		char got[256], *g = got;
		for (size_t i = 0; i < n; i++) {
			if (brk[i] != LB_NONE)
				*g++ = '|';
			int l = u8_uctomb((uint8_t *)g, cp[i], 6);
			if (l > 0)
				g += l;
		}
		*g = '\0';
		if (strcmp(got, t[k].breaks))
			fail("breaks of %s: %s, want %s", t[k].in, got,
			     t[k].breaks);
		free(cp);
		free(brk);
	}
}

static void test_levels(void)
{
	struct lay_options opt = lay_options_default();
	const char *s = "abc \u05D0\u05D1 12";
	/* The digits after Hebrew stay European numbers (W7) at level 2. */
	static const uint8_t want[] = {0, 0, 0, 0, 1, 1, 1, 2, 2};
	size_t n;
	uint8_t *lv = lay_paragraph_levels(s, strlen(s), &opt, &n);

	if (n != sizeof want || memcmp(lv, want, n))
		fail("levels of \"abc אב 12\"");
	free(lv);
	opt.direction = LAY_DIR_RTL;
	lv = lay_paragraph_levels("abc", 3, &opt, &n);
	if (n != 3 || lv[0] != 2)
		fail("levels of LTR text in an RTL paragraph");
	free(lv);
}

/* Every kind of text at widths 1..5 (and a few wider): invariants only. */
static void test_narrow(void)
{
	static const char *texts[] = {
	        "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 NATO "
	        "۱۴۰۲/۱۲/۱۴ 25%",
	        "\u0644\u0627 \u0625\u0644\u0647 "
	        "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F",
	        "צה\"ל (אבג) 10-20",
	        "漢字かな😀👨\u200D👩\u200D👧🇮🇷 ab",
	        "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308 "
	        "\u0301\u0301",
	        "  leading and trailing   ",
	        "a\x1b]52;c;SGVsbG8=\x07\x1b[2J\x9b\xc2\x9b\u202E\u2066x",
	        "\t\r\n",
	        "www.example.ir/\u0633\u0644\u0627\u0645",
	};
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
		for (int w = 1; w <= 12; w++) {
			for (int mode = 0; mode < 4; mode++) {
				struct lay_options opt = options_for(w, mode);
				char what[64];
				snprintf(what, sizeof what,
				         "text %zu width %d mode %d", k, w,
				         mode);
				struct lay_paragraph *par = lay_paragraph_new(
				        texts[k], strlen(texts[k]), &opt);
				check_paragraph(what, par, strlen(texts[k]), w,
				                mode & TERMINAL);
				lay_paragraph_free(par);
				struct lay_row *row = lay_headline_new(
				        texts[k], strlen(texts[k]), &opt);
				check_row(what, row, w, mode & TERMINAL);
				lay_row_free(row);
			}
		}
	}
}

/* Terminal escapes in content never come out. */
static void test_escapes(void)
{
	const char *s = "x\x1b]52;c;SGVsbG8=\x07y\x1b[2Jz\x9bq\xc2\x9bw\u202Ev";
	struct lay_options opt = options_for(80, 0);
	struct lay_paragraph *par = lay_paragraph_new(s, strlen(s), &opt);
	char *text = lay_row_text(&par->rows[0], 80);

	if (strcmp(text, "x]52;c;SGVsbG8=y[2Jz\uFFFDqwv"))
		fail("escapes: [%s]", text);
	if (strchr(text, 0x1b))
		fail("escapes: ESC in output");
	free(text);
	lay_paragraph_free(par);
}

/* A 5 MB paragraph lays out, in rows that cover it. */
static void test_huge(void)
{
	const char *unit =
	        "\u0628\u0647 \u06AF\u0632\u0627\u0631\u0634 "
	        "\u062E\u0628\u0631\u06AF\u0632\u0627\u0631\u06CC "
	        "\u0645\u0647\u0631\u060C NATO \u06F1\u06F4\u06F0\u06F2 ";
	size_t ul = strlen(unit), len = 5 * 1024 * 1024;
	char *big = xmalloc(len);
	for (size_t i = 0; i < len; i++)
		big[i] = unit[i % ul];
	struct lay_options opt = options_for(80, 0);
	struct lay_paragraph *par = lay_paragraph_new(big, len, &opt);
	size_t at = 0;
	for (size_t r = 0; r < par->nrows; r++) {
		if (par->rows[r].start != at || par->rows[r].columns > 80)
			fail("huge: row %zu", r);
		at = par->rows[r].end;
	}
	if (at != len || par->nrows < len / 200 || !par->rtl)
		fail("huge: %zu rows ending at %zu", par->nrows, at);
	lay_paragraph_free(par);
	free(big);
}

int main(void)
{
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		run_case(&cases[k]);
	test_cells();
	test_breaker();
	test_levels();
	test_narrow();
	test_escapes();
	test_huge();
	if (failures) {
		printf("%d failures\n", failures);
		return 1;
	}
	printf("test-layout: %zu row cases and the invariant checks passed\n",
	       sizeof cases / sizeof cases[0]);
	return 0;
}
