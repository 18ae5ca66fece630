/* text_query_find(): a query finds its words whatever their spelling,
 * from a word's start, across ZWNJ and spaces inside compounds, and the
 * places it reports are whole characters of the text. */
#include "config.h"

#include "check.h"
#include "text/find.h"

static const struct {
	const char *query, *text;
	bool match;
	const char *spans; /* the text of each span, joined by '|' */
	const char *why;
} cases[] = {
        {"ايران", "تحریم‌های جدید علیه ایران", true,
         "ایران", "Arabic yeh in the query"},
        {"ایران", "وزیر نفت ايران", true, "ايران", "Arabic yeh in the text"},
        {"ایران", "ایرانی‌ها و عراقی‌ها", true, "ایران",
         "a word's beginning"},
        {"ران", "ایران", false, "", "not inside a word"},
        {"آتشبس", "توافق آتش‌بس در غزه", true, "آتش‌بس",
         "ZWNJ in the text"},
        {"آتش‌بس", "توافق آتشبس در غزه", true, "آتشبس",
         "ZWNJ in the query"},
        {"آتشبس", "توافق آتش بس در غزه", true, "آتش بس", "a space in the text"},
        {"آتش بس", "حماس: به توافق آتشبس پایبندیم", true, "آتشبس",
         "a space in the query"},
        {"اتش بس", "آتش‌بس", true, "آتش‌بس",
         "bare alef for alef madda"},
        {"آتش بس", "آتش در جنگل؛ بس است", true, "آتش|بس", "two words anywhere"},
        {"کشته", "۳ نفر كشته شدند", true, "كشته", "Arabic kaf"},
        {"غزه", "قصف على غَزَّة", true, "غَزَّة",
         "harakat and teh marbuta, marks inside the span"},
        {"1403", "بودجه سال ۱۴۰۳", true, "۱۴۰۳", "Persian digits"},
        {"۲۰", "قمة ٢٠ دولة", true, "٢٠", "Arabic-Indic digits"},
        {"ایران", "ایـــران", true, "ایـــران", "tatweel inside"},
        {"putin ceasefire", "Putin agrees to a ceasefire, with conditions",
         true, "Putin|ceasefire", "every word, each highlighted"},
        {"putin ceasefire", "Putin agrees to talks", false, "Putin",
         "a word missing: no match, the other still shown"},
        {"IRAN", "iran's oil", true, "iran", "case"},
        {"ירושלים", "יְרוּשָׁלַיִם הַיּוֹם", true, "יְרוּשָׁלַיִם", "Hebrew niqqud"},
        {"ایران", "\xff ایران \xfe", true, "ایران", "invalid bytes around"},
        {"oil", "Oil prices: oil, OIL!", true, "Oil|oil|OIL", "every place"},
        {"ایران", "", false, "", "empty text"},
};

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct text_query *q =
		        text_query_new(cases[i].query, strlen(cases[i].query));
		CHECK(q != NULL, "%s", cases[i].why);
		if (!q)
			continue;
		const char *text = cases[i].text;
		struct text_range *spans;
		size_t n;
		bool match = text_query_find(q, text, strlen(text), &spans, &n);
		CHECK(match == cases[i].match, "%s", cases[i].why);
		CHECK(match == text_query_find(q, text, strlen(text), NULL,
		                               NULL),
		      "%s: without spans", cases[i].why);
		char got[512] = "";
		for (size_t k = 0; k < n; k++) {
			if (k)
				strcat(got, "|");
			strncat(got, text + spans[k].start,
			        spans[k].end - spans[k].start);
		}
		CHECK_STR(got, cases[i].spans, cases[i].why);
		free(spans);
		text_query_free(q);
	}
	CHECK(!text_query_new("", 0), "an empty query");
	CHECK(!text_query_new(" «» ؟ ", strlen(" «» ؟ ")), "no words");

	struct text_query *q = text_query_new("آتش‌بس  غزه",
	                                      strlen("آتش‌بس  غزه"));
	CHECK(q && text_query_nwords(q) == 2, "two words");
	if (q) {
		CHECK_STR(text_query_word(q, 0), "اتشبس", "first word");
		CHECK_STR(text_query_word(q, 1), "غزه", "second word");
	}
	text_query_free(q);
	return check_result("test-find");
}
