/* gettext shorthands: _() translates, N_() marks for later translation. */
#ifndef AKHBAR_UTIL_I18N_H
#define AKHBAR_UTIL_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)
#if !ENABLE_NLS
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif

#endif
