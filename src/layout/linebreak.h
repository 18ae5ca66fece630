/* Line break opportunities (UAX #14) of logical, unmirrored text. */
#ifndef AKHBAR_LAYOUT_LINEBREAK_H
#define AKHBAR_LAYOUT_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

/* What brk[i] says about the position before s[i]. */
enum { LB_NONE, LB_ALLOW, LB_MUST };

/* Break opportunities of s[0..n) into brk[0..n): libunistring's
 * u32_possible_linebreaks, corrected where it departs from UAX #14 in
 * ways news text meets (LB29: no break in `www.example.ir` nor after the
 * Arabic comma in `مسکو،ترامپ`; LB18 after leading spaces; LB20 around
 * U+FFFC; LB25 number tailoring).  brk[0] is LB_NONE. */
void lay_linebreaks(const uint32_t *s, size_t n, char *brk);

/* libunistring's own opportunities in the same form, to compare with. */
void lay_linebreaks_unistring(const uint32_t *s, size_t n, char *brk);

#endif
