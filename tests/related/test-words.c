/* text_words(): the words a story is indexed and compared by, and the
 * stopword lists compiled in. */
#include "config.h"

#include "check.h"
#include "text/stopwords.h"
#include "text/textkey.h"
#include "text/words.h"

static const struct {
	const char *text;
	int flags;
	const char *want; /* the words joined by '|' */
	const char *why;
} cases[] = {
        {"«پوتین» با شروطی با طرح آتش‌بس در اوکراین "
         "موافقت "
         "کرد",
         TEXT_WORDS_SALIENT, "پوتین|شروطی|طرح|اتشبس|اوکراین|موافقت",
         "a seed headline: quotes, ZWNJ and common words"},
        {"تجاوز جدید هوایی رژیم صهیونیستی علیه دمشق+ تصاویر",
         TEXT_WORDS_SALIENT, "تجاوز|جدید|هوایی|رژیم|صهیونیستی|دمشق|تصاویر",
         "a '+' glued to a word is not part of it"},
        {"حماس: به توافق آتشبس موجود پایبند هستیم", 0,
         "حماس|به|توافق|اتشبس|موجود|پایبند|هستیم", "every word"},
        {"قالت وزارة الصحة في غزة إن ٣ أشخاص قتلوا", TEXT_WORDS_SALIENT,
         "وزاره|الصحه|غزه|اشخاص|قتلوا",
         "Arabic: common words, a digit alone and teh marbuta"},
        {"שָׁלוֹם עַל יִשְׂרָאֵל", TEXT_WORDS_SALIENT, "שלום|ישראל",
         "Hebrew with niqqud"},
        {"۲۵ کشته در حمله به کابل", TEXT_WORDS_SALIENT, "25|کشته|حمله|کابل",
         "Persian digits are a word"},
        {"The U.N. says Iran's talks with the U.S. will go on",
         TEXT_WORDS_SALIENT, "iran|talks|go",
         "English: common words and single letters left out"},
        {"Oil, oil and OIL again", TEXT_WORDS_SALIENT | TEXT_WORDS_UNIQUE,
         "oil", "each word once"},
        {"G20 summit: 3.5% growth", 0, "g20|summit|3|5|growth",
         "punctuation separates, letters and digits stay together"},
        {"", 0, "", "empty"},
        {" «» ... !", 0, "", "only punctuation"},
        {"ab\xff"
         "cd",
         0, "ab|cd", "an invalid byte separates"},
};

/* text_key() takes a shortcut for text that case folding and NFKC would
 * not change; it must give what the long way gives. Every line of the
 * labelled stories and of the seed, and made-up strings mixing the
 * characters at the shortcut's edges. */
static void check_shortcut(void)
{
	const char *const files[] = {"tests/related/data/stories.txt", SEED};
	size_t lines = 0;
	for (size_t f = 0; f < 2; f++) {
		char *path = srcdir_path(files[f]);
		FILE *in = fopen(path, "r");
		CHECK(in != NULL, "%s", path);
		char line[4096];
		while (in && fgets(line, sizeof line, in)) {
			char *a = text_key(line, strlen(line));
			char *b = text_key_reference(line, strlen(line));
			CHECK_STR(a, b, "shortcut on a line");
			free(a);
			free(b);
			lines++;
		}
		if (in)
			fclose(in);
		free(path);
	}
	CHECK(lines > 180, "%zu lines", lines);
	static const char *const parts[] = {
	        "A",      "z",      " ",       "\t",     "\x7f",   "\u00a0",
	        "«",      "ا",      "\u0653",  "\u0654", "\u0655", "ي",
	        "ك",      "ة",      "ۀ",       "ە",      "أ",      "\u0670",
	        "\u064e", "\u06e1", "\u0675",  "ـ",      "\u200c", "\u200d",
	        "\u202b", "۱",      "٣",       "٫",      "ש",      "\u05b8",
	        "\u05c1", "\u00c9", "e\u0301", "\ufb01", "\ufee0", "\u2026",
	        "\u2019", "\xff",   "\xd9",    "\u0130", "\u00df"};
	size_t nparts = sizeof parts / sizeof *parts;
	unsigned long long seed = 1;
	for (int i = 0; i < 20000; i++) {
		char text[256] = "";
		int n = 1 + (int)(i % 9);
		for (int k = 0; k < n; k++) {
			seed = seed * 6364136223846793005ull + 1;
			strcat(text, parts[(seed >> 33) % nparts]);
		}
		char *a = text_key(text, strlen(text));
		char *b = text_key_reference(text, strlen(text));
		CHECK(!strcmp(a, b),
		      "shortcut on made-up text: \"%s\" -> \"%s\", "
		      "\"%s\"",
		      text, a, b);
		free(a);
		free(b);
	}
}

static char *joined(const struct text_words *w)
{
	size_t len = 1;
	for (size_t i = 0; i < w->n; i++)
		len += strlen(w->word[i]) + 1;
	char *s = calloc(len, 1);
	for (size_t i = 0; i < w->n; i++) {
		if (i)
			strcat(s, "|");
		strcat(s, w->word[i]);
	}
	return s;
}

static bool is_stop(const char *text)
{
	char *k = text_key(text, strlen(text));
	bool stop = text_is_stopword(k);
	free(k);
	return stop;
}

int main(void)
{
	struct text_words w = {0};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		text_words(&w, cases[i].text, strlen(cases[i].text),
		           cases[i].flags);
		char *got = joined(&w);
		CHECK_STR(got, cases[i].want, cases[i].why);
		free(got);
	}
	text_words_free(&w);
	check_shortcut();

	/* Every line of every list is a stopword, in any spelling. */
	CHECK(stopwords_count > 400, "%zu stopwords", stopwords_count);
	for (size_t i = 0; i < stopwords_count; i++)
		CHECK(is_stop(stopwords_text[i]), "list word \"%s\"",
		      stopwords_text[i]);
	CHECK(is_stop("مي‌شود"), "Arabic yeh and ZWNJ");
	CHECK(is_stop("ميشود"), "without ZWNJ");
	CHECK(is_stop("الذى"), "alef maksura");
	CHECK(is_stop("THE"), "upper case");
	CHECK(!is_stop("ایران"), "a name");
	CHECK(!is_stop("ceasefire"), "a content word");
	CHECK(!is_stop(""), "empty");

	/* The ranges are where the words are in the key. */
	const char *key = "«اتشبس» در غزه، g20";
	struct text_range *r;
	size_t n = text_word_ranges(key, strlen(key), &r);
	CHECK(n == 4, "%zu ranges", n);
	const char *want[] = {"اتشبس", "در", "غزه", "g20"};
	for (size_t i = 0; i < n && i < 4; i++) {
		char *got = strndup(key + r[i].start, r[i].end - r[i].start);
		CHECK_STR(got, want[i], "range");
		free(got);
	}
	free(r);
	return check_result("test-words");
}
