/* The interface's language, read once from the catalogue gettext uses. */
#include "config.h"

#include "layout/lang.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Languages written right to left, by ISO 639 code. */
static const char *const rtl_languages[] = {
        "ar",    "arc", "ckb", "dv",  "fa", "he", "ks", "ku",
        "pa_PK", "ps",  "sd",  "syr", "ug", "ur", "yi",
};

static char code[16];
static bool known;

/* The code of the language the catalogue in use is written in: its
 * header (gettext's translation of "") names it; no catalogue, English. */
static void read_language(void)
{
	if (known)
		return;
	known = true;
	strcpy(code, "en");
#if ENABLE_NLS
	const char *header = gettext("");
	const char *at = header ? strstr(header, "Language: ") : NULL;
	if (!at)
		return;
	at += strlen("Language: ");
	size_t n = strcspn(at, " \n");
	if (n == 0 || n >= sizeof code)
		return;
	memcpy(code, at, n);
	code[n] = '\0';
#endif
}

/* Whether the language code (fa, fa_IR, pa_PK) is lang or a region of
 * it; a listed code with a region ("pa_PK") matches only itself. */
static bool is_language(const char *lang)
{
	size_t n = strlen(lang);
	return !strncmp(code, lang, n) && (code[n] == '\0' || code[n] == '_');
}

bool lang_rtl(void)
{
	read_language();
	for (size_t i = 0; i < sizeof rtl_languages / sizeof *rtl_languages;
	     i++)
		if (is_language(rtl_languages[i]))
			return true;
	return false;
}

/* The language's zero as a code point; 0 when it writes ASCII digits. */
static unsigned zero_digit(void)
{
	read_language();
	if (is_language("fa") || is_language("ur") || is_language("ps"))
		return 0x06F0; /* EXTENDED ARABIC-INDIC DIGIT ZERO */
	if (is_language("ar") || is_language("ckb"))
		return 0x0660; /* ARABIC-INDIC DIGIT ZERO */
	return 0;
}

char *lang_digits(const char *text)
{
	unsigned zero = zero_digit();
	if (!zero)
		return xstrdup(text);
	struct strbuf out = {0};
	for (const char *p = text; *p; p++) {
		if (*p < '0' || *p > '9') {
			strbuf_addc(&out, *p);
			continue;
		}
		strbuf_add_utf8(&out, zero + (unsigned)(*p - '0'));
	}
	return strbuf_take(&out);
}

void lang_article_date(struct article *a)
{
	time_t when = (time_t)a->time;
	struct tm tm;
	char text[32];
	if (!a->time || !localtime_r(&when, &tm) ||
	    !strftime(text, sizeof text, "%Y-%m-%d %H:%M %Z", &tm))
		return;
	free(a->date);
	a->date = lang_digits(text);
}
