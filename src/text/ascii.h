/* ASCII character classes for parsers of formats that are ASCII at heart
 * (dates, XML and HTML syntax, URL schemes).  Unlike <ctype.h> they never
 * depend on the locale, and they take a byte of UTF-8 (a negative char
 * included) or a code point alike: anything outside ASCII is in no
 * class. */
#ifndef AKHBAR_TEXT_ASCII_H
#define AKHBAR_TEXT_ASCII_H

#include <stdbool.h>
#include <stdint.h>

/* Space, tab, line feed, vertical tab, form feed or carriage return: C's
 * isspace() in the "C" locale.  HTML's white space leaves out the vertical
 * tab; Unicode white space is wider (see text/textkey.c). */
static inline bool ascii_is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* '0' to '9'. */
static inline bool ascii_is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* 'a' to 'z' and 'A' to 'Z'. */
static inline bool ascii_is_alpha(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

#endif
