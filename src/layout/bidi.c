/* Paragraph levels and per-row reordering through fribidi. */
#include "config.h"

#include <string.h>

#include "layout/bidi.h"
#include "util/die.h"
#include "util/i18n.h"

void lay_bidi_levels(const uint32_t *cp, size_t n, FriBidiParType *base,
                     FriBidiCharType *types, FriBidiBracketType *btypes,
                     FriBidiLevel *levels)
{
	if (n > (size_t)INT32_MAX)
		die(_("paragraph of %zu characters is too long"), n);
	if (n == 0) {
		if (*base == FRIBIDI_PAR_ON)
			*base = FRIBIDI_PAR_LTR;
		return;
	}
	fribidi_get_bidi_types(cp, (FriBidiStrIndex)n, types);
	fribidi_get_bracket_types(cp, (FriBidiStrIndex)n, types, btypes);
	if (!fribidi_get_par_embedding_levels_ex(
	            types, btypes, (FriBidiStrIndex)n, base, levels))
		die(_("out of memory resolving bidi levels"));
	/* fribidi answers ON with a weak direction when nothing is strong;
	 * P3 then means LTR. */
	*base = FRIBIDI_IS_RTL(*base) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
}

void lay_bidi_reorder_row(const FriBidiCharType *types,
                          const FriBidiLevel *levels, size_t s, size_t e,
                          FriBidiParType base, bool nsm, FriBidiLevel *rowlev,
                          FriBidiStrIndex *map)
{
	size_t len = e - s;

	if (len == 0)
		return;
	/* A fresh copy: reordering a row changes the levels it is given. */
	memcpy(rowlev, levels + s, len * sizeof *rowlev);
	for (size_t k = 0; k < len; k++)
		map[k] = (FriBidiStrIndex)(s + k);
	if (!fribidi_reorder_line(nsm ? FRIBIDI_FLAG_REORDER_NSM : 0, types + s,
	                          (FriBidiStrIndex)len, 0, base, rowlev, NULL,
	                          map))
		die(_("out of memory reordering a row"));
}
