/* PLACEHOLDER: replaced by the real module in its own branch. */
#include "config.h"
#include "layout/layout.h"
#include "util/die.h"
struct lay_options lay_options_default(void) { struct lay_options o = {80, true, true, LAY_DIR_AUTO}; return o; }
