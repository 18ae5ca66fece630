/* UAX #14 line breaking: libunistring decides, and a few corrections on
 * top fix the rules it gets wrong.  The corrections only look at the
 * positions where libunistring's answer can be wrong, so they cost little. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <unictype.h>
#include <unilbrk.h>

#include "layout/linebreak.h"
#include "text/ascii.h"

/* What brk says before a character libunistring answered raw for, after
 * one it answered before for: libunistring marks a mandatory break on the
 * breaking character itself. */
static inline char from_unistring(char before, char raw)
{
	if (before == UC_BREAK_MANDATORY)
		return LB_MUST;
	return raw == UC_BREAK_POSSIBLE ? LB_ALLOW : LB_NONE;
}

void lay_linebreaks_unistring(const uint32_t *s, size_t n, char *brk)
{
	if (n == 0)
		return;
	u32_possible_linebreaks(s, n, "UTF-8", brk);
	char before = brk[0];
	brk[0] = LB_NONE;
	for (size_t i = 1; i < n; i++) {
		char raw = brk[i];
		brk[i] = from_unistring(before, raw);
		before = raw;
	}
}

/* Line_Break classes the corrections need, by their small fixed sets. */
static bool is_hard(uint32_t c) /* BK, CR, LF, NL */
{
	return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 ||
	       c == 0x2029;
}

static bool is_is(uint32_t c)
{
	switch (c) {
	case 0x2C:
	case 0x2E:
	case 0x3A:
	case 0x3B:
	case 0x37E:
	case 0x589:
	case 0x60C:
	case 0x60D:
	case 0x7F8:
	case 0x2044:
	case 0xFE10:
	case 0xFE13:
	case 0xFE14:
		return true;
	default:
		return false;
	}
}

static bool is_sy(uint32_t c)
{
	return c == 0x2F;
}

static bool is_wj_or_gl(uint32_t c)
{
	switch (c) {
	case 0x2060:
	case 0xFEFF: /* WJ */
	case 0xA0:
	case 0x34F:
	case 0xF08:
	case 0xF0C:
	case 0xF12:
	case 0xFD9:
	case 0xFDA:
	case 0x180E:
	case 0x2007:
	case 0x2011:
	case 0x202F: /* GL */
		return true;
	default:
		return c >= 0x35C && c <= 0x362;
	}
}

/* Which BMP characters are combining marks (a bit each), and which are
 * characters the corrections look at (is_odd, a byte each), built once:
 * asking libunistring per character would cost more than the breaking
 * itself. */
static uint8_t bmp_marks[0x10000 / 8];
static bool bmp_odd[0x10000];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static bool in_table(const uint8_t *table, uint32_t c)
{
	return table[c / 8] & (1u << (c % 8));
}

static bool is_mark(uint32_t c)
{
	if (c >= 0x10000)
		return uc_is_general_category(c, UC_CATEGORY_M);
	return in_table(bmp_marks, c);
}

/* Combining marks, ZWJ and controls (class CM or ZWJ): rule LB9 lets
 * them take their base's class. */
static bool is_cm(uint32_t c)
{
	if (c < 0x20)
		return c != '\t' && !is_hard(c);
	if (c < 0x300)
		return c >= 0x7F && c <= 0x9F && c != 0x85;
	return c == 0x200D || is_mark(c);
}

static bool is_nu(uint32_t c)
{
	if (c < 0x80)
		return ascii_is_digit(c);
	return uc_is_general_category(c, UC_CATEGORY_Nd) &&
	       !(c >= 0xFF10 && c <= 0xFF19);
}

/* The corrections ask libunistring's own class table about a character
 * through how it breaks that character among known neighbours. */

/* Whether c breaks like a letter (AL or HL, after rule LB1): letters join
 * letters on both sides (LB28), take a break after `}` (LB31) and, unlike
 * `(`, after a following space (LB18). */
static bool breaks_as_letter(uint32_t c)
{
	uint32_t a[3] = {'a', c, 'a'};
	uint32_t b[4] = {'}', c, ' ', 'a'};
	char p[4];

	u32_possible_linebreaks(a, 3, "UTF-8", p);
	if (p[1] != UC_BREAK_PROHIBITED || p[2] != UC_BREAK_PROHIBITED)
		return false;
	u32_possible_linebreaks(b, 4, "UTF-8", p);
	return p[1] == UC_BREAK_POSSIBLE && p[3] == UC_BREAK_POSSIBLE;
}

/* Whether no break may come before c even after a space: the classes
 * of rules LB7, LB11, LB13 and LB19 (SP, WJ, CL, CP, EX, IS, SY, QU). */
static bool never_after_space(uint32_t c)
{
	uint32_t a[3] = {'a', ' ', c};
	char p[3];

	u32_possible_linebreaks(a, 3, "UTF-8", p);
	return p[2] == UC_BREAK_PROHIBITED;
}

/* Index of the character whose class s[i] has after LB9 (its base when
 * it is a combining mark). */
static size_t base_of(const uint32_t *s, size_t i)
{
	while (i > 0 && is_cm(s[i]) && !is_hard(s[i - 1]) && s[i - 1] != ' ' &&
	       s[i - 1] != 0x200B)
		i--;
	return i;
}

/* Characters the corrections look at: space, IS, U+FFFC, CM and the
 * mandatory breaks.  A pair of two other characters needs no second look. */
static bool odd_uncached(uint32_t c)
{
	return c == ' ' || c == 0xFFFC || is_is(c) || is_hard(c) || is_cm(c);
}

static inline bool is_odd(uint32_t c)
{
	return c < 0x10000 ? bmp_odd[c] : odd_uncached(c);
}

static void tables_make(void)
{
	for (uint32_t k = 0; k < 0x10000; k++)
		if (uc_is_general_category(k, UC_CATEGORY_M))
			bmp_marks[k / 8] |= (uint8_t)(1u << (k % 8));
	/* After the marks: is_cm() reads them. */
	for (uint32_t k = 0; k < 0x10000; k++)
		bmp_odd[k] = odd_uncached(k);
}

void lay_linebreaks(const uint32_t *s, size_t n, char *brk)
{
	if (n == 0)
		return;
	pthread_once(&tables_once, tables_make);
	u32_possible_linebreaks(s, n, "UTF-8", brk);

	char before = brk[0]; /* libunistring's answer for s[i - 1] */
	size_t spaces = 0;    /* where the run of spaces before i starts */
	bool prev_odd = is_odd(s[0]);
	brk[0] = LB_NONE;
	for (size_t i = 1; i < n; i++) {
		uint32_t c = s[i], p = s[i - 1];
		bool odd = is_odd(c), after_odd = prev_odd;
		char raw = brk[i];

		/* What libunistring says, then the corrections. */
		brk[i] = from_unistring(before, raw);
		before = raw;

		prev_odd = odd;
		/* Most pairs are two ordinary characters: nothing to fix. */
		if (!odd && !after_odd)
			continue;
		if (p != ' ')
			spaces = i;
		/* LB18: a break after spaces that open the text or follow a
		 * mandatory break; libunistring keeps them with what follows.
		 */
		if (p == ' ') {
			if (c != ' ' &&
			    (spaces == 0 || brk[spaces] == LB_MUST) &&
			    brk[i] == LB_NONE && !is_hard(c) && c != 0x200B &&
			    !never_after_space(c))
				brk[i] = LB_ALLOW;
			continue;
		}
		if (c == ' ' || is_hard(c) || is_cm(c))
			continue;
		/* Only what follows IS, U+FFFC or a mark needs a second look.
		 */
		if (c != 0xFFFC && p != 0xFFFC && !is_is(p) && !is_cm(p))
			continue;
		size_t k = base_of(s, i - 1);

		/* LB20: break before and after U+FFFC unless a rule above
		 * it (LB8a, LB11, LB12, LB12a) holds the pair together. */
		if (brk[i] == LB_NONE && c == 0xFFFC && s[i - 1] != 0x200D &&
		    !is_wj_or_gl(s[k]) && s[k] != 0x200B)
			brk[i] = LB_ALLOW;
		else if (brk[i] == LB_NONE && s[k] == 0xFFFC &&
		         !is_wj_or_gl(c) && c != 0x200B &&
		         !never_after_space(c))
			brk[i] = LB_ALLOW;

		if (!is_is(s[k]))
			continue;
		if (brk[i] == LB_ALLOW && breaks_as_letter(c)) {
			/* LB29: IS x (AL | HL). */
			brk[i] = LB_NONE;
		} else if (brk[i] == LB_NONE && is_nu(c)) {
			/* LB25 as tailored by UAX #14 (and its test file):
			 * IS x NU only inside a number, NU (SY | IS)* x NU. */
			size_t j = k;
			while (j > 0 &&
			       (is_is(s[j]) || is_sy(s[j]) || is_cm(s[j])))
				j--;
			if (is_is(s[j]) || is_sy(s[j]) || is_cm(s[j]) ||
			    !is_nu(s[j]))
				brk[i] = LB_ALLOW;
		}
	}
}
