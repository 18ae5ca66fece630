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
	case 0x066C: /* ARABIC THOUSANDS SEPARATOR */
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
	if (uc < 0xAD) /* the first default-ignorable is SOFT HYPHEN */
		return false;
	if (uc >= 0x0600 && uc <= 0x06FF) /* only the letter mark, U+061C */
		return uc == 0x0640 || uc == 0x061C;
	return uc_is_property_default_ignorable_code_point(uc);
}

/* Space for a key: every control character and every Unicode space, a
 * wider class than ascii_is_space() (text/ascii.h). */
static bool is_space(ucs4_t uc)
{
	if (uc < 0x80)
		return uc <= ' ' || uc == 0x7F;
	if (uc > 0xA0 && uc < 0x1680) /* none in between, Arabic included */
		return false;
	return uc_is_property_white_space(uc) || uc_is_cntrl(uc);
}

/* Decode one character of valid or invalid UTF-8 at s (n > 0 bytes),
 * two-byte ones (Arabic, Hebrew) inline; returns its length, or -1 for an
 * invalid sequence. */
static int decode(ucs4_t *uc, const uint8_t *s, size_t n)
{
	if (s[0] < 0x80) {
		*uc = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] < 0xE0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*uc = ((ucs4_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	return u8_mbtoucr(uc, s, n);
}

/* Characters that case folding and NFKC leave alone (or, for ASCII
 * letters, only lower), and that no neighbour composes with: ASCII, most
 * of the Arabic and Hebrew blocks, no-break space, bidi controls, ZWNJ,
 * ZWJ, and the quotes and dashes of news text. Not among them: the
 * Arabic marks that compose with a letter (madda, hamza above and below),
 * the high hamza letters (compatibility forms) and the Quranic marks
 * (canonical reordering). A text of these alone needs neither step. */
static bool is_quick(ucs4_t uc)
{
	if (uc < 0x80 || uc == 0xA0 || uc == 0xAB || uc == 0xBB)
		return true;
	if (uc >= 0x0590 && uc <= 0x05FF)
		return true;
	if (uc >= 0x0600 && uc <= 0x06FF)
		return !(uc >= 0x0653 && uc <= 0x0655) &&
		       !(uc >= 0x0675 && uc <= 0x0678) &&
		       !(uc >= 0x06D6 && uc <= 0x06ED);
	return (uc >= 0x200C && uc <= 0x200F) || uc == 0x2013 || uc == 0x2014 ||
	       (uc >= 0x2018 && uc <= 0x2019) ||
	       (uc >= 0x201C && uc <= 0x201D) ||
	       (uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 && uc <= 0x2069);
}

/* Whether the text is valid UTF-8 of quick characters only. */
static bool all_quick(const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		if (s[i] < 0x80) {
			if (s[i] == 0)
				return false;
			i++;
			continue;
		}
		ucs4_t uc;
		int n = decode(&uc, s + i, len - i);
		if (n < 0 || !is_quick(uc))
			return false;
		i += (size_t)n;
	}
	return true;
}

/* The key being written: what a character becomes in it. */
struct key_out {
	char *p;
	size_t len;
	bool pending_space;
};

static void put(struct key_out *k, ucs4_t uc)
{
	if (is_optional_mark(uc) || is_invisible(uc))
		return;
	if (is_space(uc)) {
		k->pending_space = k->len > 0;
		return;
	}
	if (k->pending_space) {
		k->p[k->len++] = ' ';
		k->pending_space = false;
	}
	uc = unify_letter(uc);
	if (uc < 0x80) {
		k->p[k->len++] = (char)uc;
	} else if (uc < 0x800) {
		k->p[k->len++] = (char)(0xC0 | (uc >> 6));
		k->p[k->len++] = (char)(0x80 | (uc & 0x3F));
	} else {
		k->len += (size_t)u8_uctomb((uint8_t *)k->p + k->len, uc, 6);
	}
}

static char *make_key(const char *text, size_t len, bool shortcut)
{
	const uint8_t *s = (const uint8_t *)text;
	struct key_out k = {0};
	if (shortcut && all_quick(s, len)) {
		/* Folding is lowering ASCII letters, and NFKC nothing; no
		 * character grows. */
		k.p = xmalloc(len + 1);
		for (size_t i = 0; i < len;) {
			ucs4_t uc = s[i];
			if (uc < 0x80) {
				if (uc >= 'A' && uc <= 'Z')
					uc += 'a' - 'A';
				i++;
			} else {
				i += (size_t)decode(&uc, s + i, len - i);
			}
			put(&k, uc);
		}
		k.p[k.len] = '\0';
		return k.p;
	}
	size_t vlen;
	uint8_t *valid = valid_utf8(text, len, &vlen);
	size_t flen;
	/* Case folding with NFKC output does both steps in one pass. */
	uint8_t *folded =
	        u8_casefold(valid, vlen, NULL, UNINORM_NFKC, NULL, &flen);
	free(valid);
	if (!folded) /* only ENOMEM: the input is valid by now */
		die("%s", strerror(errno));
	k.p = xmalloc(flen + 1);
	for (size_t i = 0; i < flen;) {
		ucs4_t uc;
		i += (size_t)u8_mbtouc(&uc, folded + i, flen - i);
		put(&k, uc);
	}
	k.p[k.len] = '\0';
	free(folded);
	return k.p;
}

char *text_key(const char *text, size_t len)
{
	return make_key(text, len, true);
}

char *text_key_reference(const char *text, size_t len)
{
	return make_key(text, len, false);
}
