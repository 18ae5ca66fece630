/* text_key(): spellings a reader takes as the same headline get the same
 * key; different words do not. */
#include "config.h"

#include <stdbool.h>

#include "check.h"
#include "text/textkey.h"

static char *key(const char *s)
{
	return text_key(s, strlen(s));
}

static const struct {
	const char *a, *b;
	bool same;
	const char *why;
} pairs[] = {
        {"كشته", "کشته", true, "Arabic kaf vs Persian keheh"},
        {"ايران", "ایران", true, "Arabic yeh vs Farsi yeh"},
        {"مصطفى", "مصطفی", true, "alef maksura vs Farsi yeh"},
        {"زلنسكي: پوتين", "زلنسکی: پوتین", true, "yeh and kaf in a headline"},
        {"مُحَمَّدٌ", "محمد", true, "harakat dropped"},
        {"الرَّحْمٰن", "الرحمن", true,
         "shadda, sukun and superscript alef dropped"},
        {"می\u200cخواهد", "میخواهد", true, "ZWNJ dropped"},
        {"لا\u200dهور", "لاهور", true, "ZWJ dropped"},
        {"ایـــران", "ایران", true, "tatweel dropped"},
        {"\u202bایران\u202c", "ایران", true, "bidi controls dropped"},
        {"\uFED9\uFEE0\uFEE4\uFEEA", "کلمه", true,
         "presentation forms (NFKC) then kaf unified"},
        {"۲۰", "۲۰", true, "same digits"},
        {"  Hello \t  WORLD\n", "hello world", true, "case and spaces"},
        {"Stra\u00dfe", "STRASSE", true, "full case folding"},
        {"\uFB01nal", "final", true, "NFKC ligature"},
        {"caf\u00e9", "cafe\u0301", true, "composed vs decomposed"},
        {"שָׁלוֹם", "שלום", true, "Hebrew points dropped"},
        {"ایران", "ایرات", false, "a different letter"},
        {"کشته", "کشتی", false, "a different last letter"},
        {"آمریکا", "امریکا", true, "alef madda typed as bare alef"},
        {"آتشبس", "آتش\u200cبس", true, "ceasefire with and without ZWNJ"},
        {"آتش بس", "آتشبس", false,
         "a spaced compound is two words (search bridges it)"},
        {"إسرائيل", "اسرائیل", true, "Arabic hamza alef and yeh vs Persian"},
        {"رئیس جمهور", "رییس جمهور", true, "hamza seat vs two yehs"},
        {"مسؤول", "مسوول", true, "waw with hamza"},
        {"الجمهورية الإسلامية", "الجمهوريه الاسلاميه", true,
         "teh marbuta and hamza below"},
        {"غَزَّة", "غزه", true, "harakat and teh marbuta"},
        {"خانۀ ملت", "خانه ملت", true, "heh with yeh above"},
        {"ٱلله", "الله", true, "alef wasla"},
        {"۱۴۰۳", "1403", true, "Persian digits are Latin digits"},
        {"١٤٠٣", "۱۴۰۳", true, "Arabic-Indic digits are Persian digits"},
        {"٣٫٥ درصد", "3.5 درصد", true, "Arabic decimal separator"},
        {"کشته‌شدگان ۲۰ نفر", "كشته شدگان 20 نفر", false,
         "ZWNJ joins, a space separates"},
        {"יְרוּשָׁלַיִם", "ירושלים", true, "Hebrew niqqud dropped"},
        {"בְּרֵאשִׁ֖ית", "בראשית", true, "Hebrew cantillation dropped"},
        {"עזה", "עזח", false, "a different Hebrew letter"},
        {"عراق", "اراک", false, "ain is not alef"},
        {"سوریه", "سوره", false, "a letter more"},
        {"صلح سرد", "صلحسرد", false, "a space separates words"},
        {"news", "new s", false, "a space inside a word"},
};

static const struct {
	const char *in;
	size_t len; /* 0: strlen */
	const char *want;
	const char *why;
} exact[] = {
        {"", 0, "", "empty"},
        {" \t \u00a0 ", 0, "", "only spaces"},
        {"  A  b  ", 0, "a b", "collapsed and trimmed"},
        {"a\xff"
         "b",
         0, "a\uFFFDb", "invalid byte"},
        {"\xd9", 0, "\uFFFD", "truncated sequence"},
        {"a\0b", 3, "a b", "NUL inside"},
        {"يك", 0, "یک", "unified letters are the Persian ones"},
        {"۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩", 0, "0123456789 0123456789",
         "both digit sets"},
        {"آتش‌بس  در\u00a0غزّة", 0, "اتشبس در غزه",
         "a headline's key"},
        {"ـــ", 0, "", "only tatweel"},
        {"a\x1b[2Jb", 0, "a [2jb", "control characters count as space"},
};

int main(void)
{
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		char *ka = key(pairs[i].a), *kb = key(pairs[i].b);
		CHECK(!strcmp(ka, kb) == pairs[i].same,
		      "%s: \"%s\" -> \"%s\", \"%s\" -> \"%s\"", pairs[i].why,
		      pairs[i].a, ka, pairs[i].b, kb);
		free(ka);
		free(kb);
	}
	for (size_t i = 0; i < sizeof exact / sizeof *exact; i++) {
		size_t len = exact[i].len ? exact[i].len : strlen(exact[i].in);
		char *k = text_key(exact[i].in, len);
		CHECK_STR(k, exact[i].want, exact[i].why);
		free(k);
	}
	return check_result("test-textkey");
}
