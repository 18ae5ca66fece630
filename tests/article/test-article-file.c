/* The article file parser: the seed, header lines, the derived headline,
 * and bad input (CR line ends, BOM, NUL, invalid UTF-8, no credit, empty
 * and blank files, unreadable paths, a 50 MB file). */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>
#include <uniwidth.h>

#include "check.h"
#include "source/article_file.h"

/* ---- The seed -------------------------------------------------------- */

static void test_seed(void)
{
	char *path = srcdir_path(SEED);
	char *error = NULL;
	struct article *a = article_file_read(path, &error);
	CHECK(a != NULL, "reading the seed: %s", error ? error : "");
	if (!a) {
		free(error);
		free(path);
		return;
	}
	CHECK_STR(a->site, "میرنیوز", "seed site");
	CHECK(a->nbody == 10, "seed body: %zu paragraphs, want 10", a->nbody);
	CHECK(a->nbody > 0 &&
	              !strncmp(a->body[0],
	                       "به گزارش خبرگزاری مهر به نقل از رویترز، ",
	                       strlen("به گزارش خبرگزاری مهر به نقل از "
	                              "رویترز، ")),
	      "%s", "the lead paragraph is the second line");
	CHECK(a->nbody == 10 && !strncmp(a->body[9], "بلینکن بدون اشاره",
	                                 strlen("بلینکن بدون اشاره")),
	      "%s", "the last paragraph is the line before the credit");
	CHECK_STR(a->credit, "منبع : خبرگزاری مهر", "seed credit");
	CHECK(a->nrelated == 30, "seed related: %zu headlines, want 30",
	      a->nrelated);
	if (a->nrelated == 30) {
		CHECK_STR(a->related[0],
		          "کی یف: هرگز به یک صلح سرد رضایت نخواهیم داد",
		          "first related");
		CHECK_STR(a->related[2],
		          "زلنسکی: پوتین از رد پیشنهاد ترامپ میترسد",
		          "third related");
		/* The file has no final newline. */
		CHECK_STR(a->related[29],
		          "دیدهبان حقوق بشر: اسرائیل از زمان آتشبس روزانه ۳ "
		          "فلسطینی را کشته است",
		          "last related");
	}
	/* The lead's first sentence without "به گزارش ... به نقل از رویترز، ",
	 * cut at a word boundary within 90 columns. */
	CHECK_STR(a->title,
	          "دیپلماتهای ارشد روسیه و ایالات متحده روز پنجشنبه برای اولین "
	          "بار "
	          "پس از جنگ اوکراین در…",
	          "seed headline");
	CHECK(u8_strwidth((const uint8_t *)a->title, "UTF-8") <= 90, "%s",
	      "headline width");
	CHECK(a->date == NULL && a->link == NULL, "%s",
	      "no header lines in the seed");
	CHECK_STR(a->origin, path, "origin");
	article_free(a);
	free(path);
}

/* ---- In-memory cases -------------------------------------------------- */

struct want {
	const char *site, *title, *date, *link, *credit;
	size_t nbody, nrelated;
	const char *body0, *body_last, *related0, *related_last;
};

static const struct {
	const char *name;
	const char *in;
	size_t len; /* 0: strlen(in) */
	struct want w;
} cases[] = {
        {"header lines",
         "Title: My headline\nDATE: 2025-03-14\nlink : "
         "https://example.com/a\n\n"
         "Example News\nFirst paragraph.\nSecond.\nSource: AP\nRelated "
         "one\nRelated two\n",
         0,
         {.site = "Example News",
          .title = "My headline",
          .date = "2025-03-14",
          .link = "https://example.com/a",
          .credit = "Source: AP",
          .nbody = 2,
          .nrelated = 2,
          .body0 = "First paragraph.",
          .body_last = "Second.",
          .related0 = "Related one",
          .related_last = "Related two"}},
        {"Site: header wins over the site line",
         "Site: Header Site\n\nLine Site\nBody.\n",
         0,
         {.site = "Header Site",
          .title = "Body",
          .nbody = 1,
          .body0 = "Body.",
          .body_last = "Body."}},
        {"header ended by a line that is not one",
         "title:T\nSite name\nBody\n",
         0,
         {.site = "Site name",
          .title = "T",
          .nbody = 1,
          .body0 = "Body",
          .body_last = "Body"}},
        {"first of a repeated header wins, empty value ignored",
         "Title:\nTitle: one\nTitle: two\n\nS\nB\n",
         0,
         {.site = "S",
          .title = "one",
          .nbody = 1,
          .body0 = "B",
          .body_last = "B"}},
        {"a header word without a colon is the site",
         "Title of the site\nBody\n",
         0,
         {.site = "Title of the site",
          .title = "Body",
          .nbody = 1,
          .body0 = "Body",
          .body_last = "Body"}},
        {"CRLF",
         "Site\r\nPara one.\r\n\r\nمنبع: X\r\nRel\r\n",
         0,
         {.site = "Site",
          .title = "Para one",
          .credit = "منبع: X",
          .nbody = 1,
          .nrelated = 1,
          .body0 = "Para one.",
          .body_last = "Para one.",
          .related0 = "Rel",
          .related_last = "Rel"}},
        {"lone CR",
         "Site\rPara\r\rSource : Y\rRel A\rRel B",
         0,
         {.site = "Site",
          .title = "Para",
          .credit = "Source : Y",
          .nbody = 1,
          .nrelated = 2,
          .body0 = "Para",
          .body_last = "Para",
          .related0 = "Rel A",
          .related_last = "Rel B"}},
        {"CR CR LF is a blank line",
         "Site\r\r\nA\r\nB",
         0,
         {.site = "Site",
          .title = "A",
          .nbody = 2,
          .body0 = "A",
          .body_last = "B"}},
        {"BOM",
         "\xEF\xBB\xBFSite\nBody\n",
         0,
         {.site = "Site",
          .title = "Body",
          .nbody = 1,
          .body0 = "Body",
          .body_last = "Body"}},
        {"BOM before header lines",
         "\xEF\xBB\xBFTitle: T\n\nSite\nBody\n",
         0,
         {.site = "Site",
          .title = "T",
          .nbody = 1,
          .body0 = "Body",
          .body_last = "Body"}},
        {"no credit: all lines body, no related",
         "Site\nA\nB\nC\n",
         0,
         {.site = "Site",
          .title = "A",
          .nbody = 3,
          .body0 = "A",
          .body_last = "C"}},
        {"only a site line",
         "\n\n  Site  \n\n",
         0,
         {.site = "Site", .title = "Site"}},
        {"blank lines and spaces around paragraphs",
         "S\n\n  A  \n\t\n\u00a0\nB\t\n\n",
         0,
         {.site = "S",
          .title = "A",
          .nbody = 2,
          .body0 = "A",
          .body_last = "B"}},
        {"credit with nothing after it",
         "S\nB\nمنبع: مهر",
         0,
         {.site = "S",
          .title = "B",
          .credit = "منبع: مهر",
          .nbody = 1,
          .body0 = "B",
          .body_last = "B"}},
        {"Arabic credit",
         "S\nB\nالمصدر: الجزيرة\nR\n",
         0,
         {.site = "S",
          .title = "B",
          .credit = "المصدر: الجزيرة",
          .nbody = 1,
          .nrelated = 1,
          .body0 = "B",
          .body_last = "B",
          .related0 = "R",
          .related_last = "R"}},
        {"Hebrew credit",
         "S\nB\nמקור: הארץ\nR\n",
         0,
         {.site = "S",
          .title = "B",
          .credit = "מקור: הארץ",
          .nbody = 1,
          .nrelated = 1,
          .body0 = "B",
          .body_last = "B",
          .related0 = "R",
          .related_last = "R"}},
        {"fullwidth colon, any case",
         "S\nB\nSOURCE\u00a0\uFF1Ax\nR\n",
         0,
         {.site = "S",
          .title = "B",
          .credit = "SOURCE\u00a0\uFF1Ax",
          .nbody = 1,
          .nrelated = 1,
          .body0 = "B",
          .body_last = "B",
          .related0 = "R",
          .related_last = "R"}},
        {"a word after the credit word is not a credit",
         "S\nB\nSources: many\nمنبع خبر: ما\n",
         0,
         {.site = "S",
          .title = "B",
          .nbody = 3,
          .body0 = "B",
          .body_last = "منبع خبر: ما"}},
        {"NUL inside a line is shown, not cut",
         "Site\nab\0cd\n\0\n",
         13,
         {.site = "Site",
          .title = "ab\uFFFDcd",
          .nbody = 2,
          .body0 = "ab\uFFFDcd",
          .body_last = "\uFFFD"}},
        {"NUL-only file",
         "\0\0\0",
         3,
         {.site = "\uFFFD\uFFFD\uFFFD", .title = "\uFFFD\uFFFD\uFFFD"}},
        {"invalid UTF-8 kept as bytes",
         "Site\xFF\nab\xD9\n\xE2\x80\nمنبع\xFF: x\nSource: c\nR\xC0\xAF\n",
         0,
         {.site = "Site\xFF",
          .title = "ab\xD9",
          .credit = "Source: c",
          .nbody = 3,
          .nrelated = 1,
          .body0 = "ab\xD9",
          .body_last = "منبع\xFF: x",
          .related0 = "R\xC0\xAF",
          .related_last = "R\xC0\xAF"}},
        {"a truncated sequence before the credit",
         "S\n\xD9\nمنبع: x\nR\n",
         0,
         {.site = "S",
          .title = "\xD9",
          .credit = "منبع: x",
          .nbody = 1,
          .nrelated = 1,
          .body0 = "\xD9",
          .body_last = "\xD9",
          .related0 = "R",
          .related_last = "R"}},
};

/* Derived headlines: the lead paragraph in, the headline out. */
static const struct {
	const char *lead, *title, *why;
} titles[] = {
        {"According to Reuters, the talks ended early. More text.",
         "the talks ended early", "English attribution"},
        {"according to U.S. officials, prices rose. Then fell.", "prices rose",
         "attribution with dots"},
        {"به نقل از ایسنا، قیمت نفت افزایش یافت. ادامه خبر",
         "قیمت نفت افزایش یافت", "Persian به نقل از"},
        {"به گزارش ایرنا، به نقل از رویترز، باران آمد.", "باران آمد",
         "two clauses"},
        {"به گزارش ما امروز باران آمد.", "به گزارش ما امروز باران آمد",
         "no comma: nothing to drop"},
        {"به گزارش مهر،", "به گزارش مهر،", "only the clause: kept"},
        {"وفقا لوكالة الأنباء، انتهت المحادثات. وأضاف", "انتهت المحادثات",
         "Arabic attribution"},
        {"آیا توافق می‌شود؟ بله.",
         "آیا توافق می‌شود؟", "question mark kept"},
        {"GDP grew 3.5 percent. Next.", "GDP grew 3.5 percent",
         "decimal point"},
        {"He said: «We will win.» Then left.", "He said: «We will win.»",
         "closing quote"},
        {"اتفاقی افتاد۔ بعد", "اتفاقی افتاد", "Urdu full stop"},
        {"No terminator at all", "No terminator at all", "one sentence"},
};

static void check_article(const char *what, const struct article *a,
                          const struct want *w)
{
	CHECK_STR(a->site, w->site, what);
	CHECK_STR(a->title, w->title, what);
	CHECK_STR(a->date, w->date, what);
	CHECK_STR(a->link, w->link, what);
	CHECK_STR(a->credit, w->credit, what);
	CHECK(a->nbody == w->nbody, "%s: %zu paragraphs, want %zu", what,
	      a->nbody, w->nbody);
	CHECK(a->nrelated == w->nrelated, "%s: %zu related, want %zu", what,
	      a->nrelated, w->nrelated);
	if (a->nbody == w->nbody && w->nbody > 0) {
		CHECK_STR(a->body[0], w->body0, what);
		CHECK_STR(a->body[a->nbody - 1], w->body_last, what);
	}
	if (a->nrelated == w->nrelated && w->nrelated > 0) {
		CHECK_STR(a->related[0], w->related0, what);
		CHECK_STR(a->related[a->nrelated - 1], w->related_last, what);
	}
}

static void test_cases(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
		char *error = NULL;
		struct article *a =
		        article_parse(cases[i].in, len, "mem", &error);
		CHECK(a != NULL, "%s: %s", cases[i].name, error ? error : "");
		if (a)
			check_article(cases[i].name, a, &cases[i].w);
		CHECK_STR(a ? a->origin : "mem", "mem", cases[i].name);
		article_free(a);
		free(error);
	}
	for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
		char *in = malloc(strlen(titles[i].lead) + 3);
		sprintf(in, "S\n%s", titles[i].lead);
		char *error = NULL;
		struct article *a =
		        article_parse(in, strlen(in), "mem", &error);
		CHECK(a != NULL, "%s", titles[i].why);
		if (a)
			CHECK_STR(a->title, titles[i].title, titles[i].why);
		article_free(a);
		free(error);
		free(in);
	}
}

/* A long lead is cut at a word boundary, never inside a word, and the
 * ellipsis is glued to the last word kept. */
static void test_long_titles(void)
{
	static const char *const leads[] = {
	        "S\nword word word word word word word word word word word "
	        "word word word "
	        "word word word word word word word word word word word word "
	        "word word word.",
	        "S\nکلمه، کلمه، کلمه، کلمه، کلمه، کلمه، کلمه، کلمه، کلمه، "
	        "کلمه، کلمه، کلمه، "
	        "کلمه، کلمه، کلمه، کلمه، کلمه، کلمه.",
	        "S\n中文中文中文中文中文中文中文中文中文中文中文中文中文中文中"
	        "文中文中文中文中文中文"
	        "中文中文中文中文中文中文",
	};
	/* 90 columns at most, the ellipsis included (U+2026 is one column). */
	static const char *const wants[] = {
	        "word word word word word word word word word word word word "
	        "word word "
	        "word word word word…",
	        "کلمه، کلمه، کلمه، کلمه، کلمه، کلمه، کلمه، کلمه، کلمه، کلمه، "
	        "کلمه، کلمه، "
	        "کلمه، کلمه، کلمه…",
	        "中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中"
	        "文中文中文中文中文"
	        "中文中文…",
	};
	for (size_t i = 0; i < sizeof leads / sizeof *leads; i++) {
		char *error = NULL;
		struct article *a = article_parse(leads[i], strlen(leads[i]),
		                                  "mem", &error);
		CHECK(a != NULL, "long title %zu", i);
		if (!a)
			continue;
		CHECK_STR(a->title, wants[i], "long title");
		CHECK(u8_strwidth((const uint8_t *)a->title, "UTF-8") <= 90,
		      "long title %zu width", i);
		article_free(a);
	}
	/* One word longer than the row: cut between characters. */
	char in[300] = "S\n";
	memset(in + 2, 'x', 200);
	in[202] = '\0';
	char *error = NULL;
	struct article *a = article_parse(in, strlen(in), "mem", &error);
	CHECK(a && strlen(a->title) == 89 + strlen("…") &&
	              !strcmp(a->title + 89, "…"),
	      "one long word: \"%s\"", a ? a->title : "");
	article_free(a);
}

/* ---- Nothing usable and unreadable paths ------------------------------ */

static void test_unusable(void)
{
	static const struct {
		const char *in;
		size_t len;
	} bad[] = {
	        {"", 0},
	        {"\n\n\n", 3},
	        {" \t\r\n\r\n\u00a0\n", 9},
	        {"\xEF\xBB\xBF", 3},
	        {"Title: only a header\n\n", 22},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *error = NULL;
		struct article *a = article_parse(bad[i].in, bad[i].len,
		                                  "dir/name.txt", &error);
		CHECK(a == NULL, "unusable input %zu was parsed", i);
		CHECK(error && !strncmp(error, "dir/name.txt: ", 14) &&
		              !strchr(error, '\n'),
		      "unusable input %zu: error \"%s\"", i,
		      error ? error : "(null)");
		article_free(a);
		free(error);
	}
}

static char *write_file(const char *dir, const char *name, const char *data,
                        size_t len)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(99);
	}
	return path;
}

static void expect_read_error(const char *path, int err)
{
	char *error = NULL;
	struct article *a = article_file_read(path, &error);
	char want[4096];
	snprintf(want, sizeof want, "%s: %s", path, strerror(err));
	CHECK(a == NULL, "%s was read", path);
	CHECK_STR(error, want, "read error");
	article_free(a);
	free(error);
}

static void test_files(const char *dir)
{
	char *missing = write_file(dir, "gone", "", 0);
	unlink(missing);
	expect_read_error(missing, ENOENT);
	expect_read_error(dir, EISDIR);

	char *plain = write_file(dir, "plain", "S\nB\n", 4);
	char under[4096];
	snprintf(under, sizeof under, "%s/x", plain);
	expect_read_error(under, ENOTDIR);

	/* Permissions do not stop root, so only a user can see EACCES. */
	char *locked = write_file(dir, "locked", "S\nB\n", 4);
	chmod(locked, 0);
	if (geteuid() != 0)
		expect_read_error(locked, EACCES);
	else
		fprintf(stderr, "note: running as root, EACCES not testable\n");

	char *empty = write_file(dir, "empty.txt", "", 0);
	char *error = NULL;
	struct article *a = article_file_read(empty, &error);
	char prefix[4096];
	snprintf(prefix, sizeof prefix, "%s: ", empty);
	CHECK(a == NULL && error && !strncmp(error, prefix, strlen(prefix)) &&
	              !strchr(error, '\n'),
	      "empty file: \"%s\"", error ? error : "(null)");
	free(error);

	/* A name that would drive the terminal is not printed raw. */
	char *odd = write_file(dir, "odd\x1b[2J\r", "", 0);
	error = NULL;
	a = article_file_read(odd, &error);
	CHECK(a == NULL && error && !strchr(error, '\x1b') &&
	              !strchr(error, '\r') && strstr(error, "odd?[2J?"),
	      "odd name: \"%s\"", error ? error : "(null)");
	free(error);

	a = article_file_read(plain, &error);
	CHECK(a && !strcmp(a->site, "S") && a->nbody == 1, "%s",
	      "a plain file");
	article_free(a);

	unlink(plain);
	unlink(locked);
	unlink(empty);
	unlink(odd);
	free(missing);
	free(plain);
	free(locked);
	free(empty);
	free(odd);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 50 MB: many short lines, then one single 50 MB line. */
static void test_large(const char *dir)
{
	const size_t size = 50u << 20;
	const char *para = "این یک پاراگراف آزمایشی است برای سنجش خواندن "
	                   "پرونده‌های بزرگ.\n";
	size_t plen = strlen(para);
	size_t nparas = size / plen;
	char *buf = malloc(
	        size + 65536); /* room for the site, credit and related lines */
	size_t n = 0;
	n += (size_t)sprintf(buf + n, "Site\n");
	for (size_t i = 0; i < nparas; i++, n += plen)
		memcpy(buf + n, para, plen);
	n += (size_t)sprintf(buf + n, "Source: x\n");
	for (int i = 0; i < 1000; i++)
		n += (size_t)sprintf(buf + n, "related %d\n", i);
	char *path = write_file(dir, "large.txt", buf, n);

	double t0 = seconds();
	char *error = NULL;
	struct article *a = article_file_read(path, &error);
	double t1 = seconds();
	CHECK(a != NULL, "large file: %s", error ? error : "");
	if (a) {
		CHECK(a->nbody == nparas,
		      "large file: %zu paragraphs, want %zu", a->nbody, nparas);
		CHECK(a->nrelated == 1000 &&
		              !strcmp(a->related[999], "related 999"),
		      "large file: %zu related", a->nrelated);
		CHECK(a->nbody == nparas &&
		              strlen(a->body[nparas - 1]) == plen - 1,
		      "%s", "large file: last paragraph intact");
	}
	fprintf(stderr, "50 MB in %zu lines: %.3f s\n", nparas + 1002, t1 - t0);
	article_free(a);
	unlink(path);
	free(path);

	/* One line: no line-length limit. */
	memset(buf, 'a', size);
	memcpy(buf, "S\n", 2);
	path = write_file(dir, "one-line.txt", buf, size);
	t0 = seconds();
	a = article_file_read(path, &error);
	t1 = seconds();
	CHECK(a && a->nbody == 1 && strlen(a->body[0]) == size - 2, "%s",
	      "a 50 MB line is one paragraph");
	fprintf(stderr, "50 MB in one line: %.3f s\n", t1 - t0);
	article_free(a);
	unlink(path);
	free(path);
	free(buf);
}

int main(void)
{
	char dir[] = "/tmp/akhbar-article-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	test_seed();
	test_cases();
	test_long_titles();
	test_unusable();
	test_files(dir);
	test_large(dir);
	rmdir(dir);
	return check_result("test-article-file");
}
