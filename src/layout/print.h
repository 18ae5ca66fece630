/* The command line's own output (--help, --version, the --refresh lines,
 * --search, errors) as the reader would show it.  Written to a terminal,
 * text with right-to-left letters goes out laid out: each line a
 * paragraph in visual order, shaped, an RTL one against the right edge,
 * with the terminal's own bidi off meanwhile (CSI 8 l ... CSI 8 h).  To
 * a pipe or a file, and to a terminal that reorders by itself, text
 * goes out as it is, in logical order. */
#ifndef AKHBAR_LAYOUT_PRINT_H
#define AKHBAR_LAYOUT_PRINT_H

#include <stdbool.h>
#include <stdio.h>

/* Terminals that reorder right-to-left rows themselves and ignore
 * CSI 8 l, known by the variables they set. */
enum lay_terminal {
	LAY_TERM_OTHER,
	LAY_TERM_MLTERM,  /* its own bidi (use_ctl) is set by OSC 5379 */
	LAY_TERM_KONSOLE, /* only its profile turns its bidi off */
};

/* The terminal akhbar runs in, as far as its reordering goes. */
enum lay_terminal lay_reordering_terminal(void);

/* Who reorders on a terminal: akhbar (visual, the default: shaping as
 * given) or the terminal itself (logical order).  mlterm and Konsole,
 * which reorder by themselves and ignore CSI 8 l, always get logical
 * order. */
void lay_print_setup(bool visual, bool shaping);

/* Write text (whole lines, or the end of one) to out. */
void lay_print(FILE *out, const char *text);

/* lay_print() of a printf format. */
void lay_printf(FILE *out, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

#endif
