/* PLACEHOLDER: replaced by the real module in its own branch. */
#include "config.h"
#include "ui/ui.h"
#include "util/die.h"
int ui_run(struct library *lib, const struct lay_options *layout) { (void)lib; (void)layout; die("placeholder"); }
