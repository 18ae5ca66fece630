/* The bidi steps of the layout (UAX #9 through fribidi), shared with the
 * conformance tests so that what they check is what the layout runs. */
#ifndef AKHBAR_LAYOUT_BIDI_H
#define AKHBAR_LAYOUT_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fribidi.h>

/* Resolve the embedding levels of the whole paragraph cp[0..n) (rules P2
 * to I2 and L1 parts 1-3).  *base is the wanted direction
 * (FRIBIDI_PAR_LTR, _RTL, or _ON for P2/P3) and gets the resolved one.
 * types, btypes and levels have room for n entries and get the bidi
 * types, bracket types and levels. */
void lay_bidi_levels(const uint32_t *cp, size_t n, FriBidiParType *base,
                     FriBidiCharType *types, FriBidiBracketType *btypes,
                     FriBidiLevel *levels);

/* Reorder the row cp[s..e) of a paragraph (rules L1 part 4, L2, and with
 * nsm L3, which keeps marks after their base): rowlev[0..e-s) gets a copy
 * of the paragraph levels as the row changes them, map[0..e-s) the
 * logical indices (s-based, paragraph indices) in visual order. */
void lay_bidi_reorder_row(const FriBidiCharType *types,
                          const FriBidiLevel *levels, size_t s, size_t e,
                          FriBidiParType base, bool nsm, FriBidiLevel *rowlev,
                          FriBidiStrIndex *map);

#endif
