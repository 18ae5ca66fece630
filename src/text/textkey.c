#include "config.h"

#include "text/textkey.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "util/die.h"
#include "util/xalloc.h"

/* Strict decoding: libunistring's case and normalization functions reject
 * ill-formed input, so every invalid byte becomes U+FFFD first. */
static uint8_t *valid_utf8(const char *text, size_t len, size_t *outlen)
{
	uint8_t *out = xreallocarray(NULL, len + 1, 3);
	size_t o = 0;
	const uint8_t *s = (const uint8_t *)text;
	size_t i = 0;
	while (i < len) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, s + i, len - i);
		if (n < 0) {
			uc = 0xFFFD;
			n = 1;
		}
		/* A NUL would end the C string the key is returned as. */
		if (uc == 0)
			uc = ' ';
		o += (size_t)u8_uctomb(out + o, uc, 6);
		i += (size_t)n;
	}
	*outlen = o;
	return out;
}

/* Spellings of one letter that Persian and Arabic news text use
 * interchangeably, mapped to one of them: Arabic yeh and alef maksura to
 * Persian yeh; Arabic kaf to keheh; teh marbuta and heh with yeh above to
 * heh (خانۀ/خانه, ة written as ه); alef with hamza or madda and alef wasla
 * to bare alef (أ إ آ ٱ are often typed as ا); hamza seats to their bare
 * letters (رئیس/رییس, مسؤول/مسوول). Persian, Arabic-Indic and Latin digits
 * become one (Latin), and the Arabic decimal and thousands separators
 * their Latin forms. Every result is at most as long in UTF-8 as its
 * source, so the key never outgrows the folded text. */
static ucs4_t unify_letter(ucs4_t uc)
{
	if (uc >= 0x0660 && uc <= 0x0669) /* ARABIC-INDIC DIGIT ZERO.. */
		return '0' + (uc - 0x0660);
	if (uc >= 0x06F0 && uc <= 0x06F9) /* EXTENDED ARABIC-INDIC (Persian) */
		return '0' + (uc - 0x06F0);
	switch (uc) {
	case 0x064A:           /* ARABIC LETTER YEH */
	case 0x0649:           /* ARABIC LETTER ALEF MAKSURA */
	case 0x0626:           /* ARABIC LETTER YEH WITH HAMZA ABOVE */
		return 0x06CC; /* ARABIC LETTER FARSI YEH */
	case 0x0643:           /* ARABIC LETTER KAF */
		return 0x06A9; /* ARABIC LETTER KEHEH */
	case 0x0629:           /* ARABIC LETTER TEH MARBUTA */
	case 0x06C0:           /* ARABIC LETTER HEH WITH YEH ABOVE */
		return 0x0647; /* ARABIC LETTER HEH */
	case 0x0622:           /* ARABIC LETTER ALEF WITH MADDA ABOVE */
	case 0x0623:           /* ARABIC LETTER ALEF WITH HAMZA ABOVE */
	case 0x0625:           /* ARABIC LETTER ALEF WITH HAMZA BELOW */
	case 0x0671:           /* ARABIC LETTER ALEF WASLA */
		return 0x0627; /* ARABIC LETTER ALEF */
	case 0x0624:           /* ARABIC LETTER WAW WITH HAMZA ABOVE */
		return 0x0648; /* ARABIC LETTER WAW */
	case 0x066B:           /* ARABIC DECIMAL SEPARATOR */
		return '.';
	case 0x066C:           /* ARABIC THOUSANDS SEPARATOR */
		return ',';
	default:
		return uc;
	}
}

/* Marks a writer may or may not put on the same word: Arabic harakat and
 * superscript alef, Hebrew points and cantillation. */
static bool is_optional_mark(ucs4_t uc)
{
	return (uc >= 0x064B && uc <= 0x065F) || uc == 0x0670 ||
	       (uc >= 0x0591 && uc <= 0x05BD) || uc == 0x05BF || uc == 0x05C1 ||
	       uc == 0x05C2 || uc == 0x05C4 || uc == 0x05C5 || uc == 0x05C7;
}

/* Invisible characters: tatweel (a stretch, not a letter), ZWNJ/ZWJ and
 * the other default-ignorable code points such as bidi controls. */
static bool is_invisible(ucs4_t uc)
{
	return uc == 0x0640 || uc_is_property_default_ignorable_code_point(uc);
}

static bool is_space(ucs4_t uc)
{
	return uc_is_property_white_space(uc) || uc_is_cntrl(uc);
}

char *text_key(const char *text, size_t len)
{
	size_t vlen;
	uint8_t *valid = valid_utf8(text, len, &vlen);
	size_t flen;
	/* Case folding with NFKC output does both steps in one pass. */
	uint8_t *folded =
	        u8_casefold(valid, vlen, NULL, UNINORM_NFKC, NULL, &flen);
	free(valid);
	if (!folded) /* only ENOMEM: the input is valid by now */
		die("%s", strerror(errno));

	char *key = xmalloc(flen + 1);
	size_t o = 0;
	bool pending_space = false;
	size_t i = 0;
	while (i < flen) {
		ucs4_t uc;
		i += (size_t)u8_mbtouc(&uc, folded + i, flen - i);
		if (is_optional_mark(uc) || is_invisible(uc))
			continue;
		if (is_space(uc)) {
			pending_space = o > 0;
			continue;
		}
		if (pending_space) {
			key[o++] = ' ';
			pending_space = false;
		}
		o += (size_t)u8_uctomb((uint8_t *)key + o, unify_letter(uc), 6);
	}
	key[o] = '\0';
	free(folded);
	return key;
}
