/* Strict UTF-8 decoding: a feed's bytes never reach the terminal raw. */
#include "config.h"

#include "text/decode.h"

/* Bytes a sequence led by b needs in all, 0 when b can't start one. */
static int lead_length(unsigned b)
{
	if (b < 0x80)
		return 1;
	if (b < 0xC2)
		return 0;
	if (b < 0xE0)
		return 2;
	if (b < 0xF0)
		return 3;
	if (b < 0xF5)
		return 4;
	return 0;
}

/* The allowed range of the second byte after lead b (Unicode table 3-7),
 * which is where overlongs, surrogates and values past U+10FFFF show. */
static int second_ok(unsigned b, unsigned c)
{
	switch (b) {
	case 0xE0:
		return c >= 0xA0 && c <= 0xBF;
	case 0xED:
		return c >= 0x80 && c <= 0x9F;
	case 0xF0:
		return c >= 0x90 && c <= 0xBF;
	case 0xF4:
		return c >= 0x80 && c <= 0x8F;
	default:
		return c >= 0x80 && c <= 0xBF;
	}
}

/* What a decoded code point shows as: itself, a space, or nothing (-1). */
static int64_t sanitize(uint32_t c)
{
	if (c < 0x20) {
		if (c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
		    c == '\r')
			return ' ';
		return -1;
	}
	if (c >= 0x7F && c <= 0x9F)
		return -1;
	if (c == 0x2028 || c == 0x2029)
		return ' ';
	return c;
}

size_t text_decode(const char *s, size_t len, uint32_t *cp, uint32_t *off)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned b = u[i];
		uint32_t c;
		size_t start = i;

		if (b >= 0x20 && b < 0x7F) {
			cp[n] = b;
			off[n++] = (uint32_t)i++;
			continue;
		}
		/* Two-byte letters (Arabic, Hebrew, ...) past the C1 range. */
		if (b >= 0xC3 && b < 0xE0 && i + 1 < len &&
		    (u[i + 1] & 0xC0) == 0x80) {
			cp[n] = ((b & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu);
			off[n++] = (uint32_t)i;
			i += 2;
			continue;
		}
		int need = lead_length(b);
		if (need == 0) {
			c = 0xFFFD;
			i++;
		} else if (need == 1) {
			c = b;
			i++;
		} else {
			c = b & (0x7F >> need);
			i++;
			int k;
			for (k = 1; k < need; k++, i++) {
				if (i >= len)
					break;
				unsigned t = u[i];
				if (k == 1 ? !second_ok(b, t)
				           : (t & 0xC0) != 0x80)
					break;
				c = (c << 6) | (t & 0x3F);
			}
			if (k < need)
				c = 0xFFFD;
		}
		int64_t v = sanitize(c);
		if (v >= 0) {
			cp[n] = (uint32_t)v;
			off[n++] = (uint32_t)start;
		}
	}
	return n;
}
