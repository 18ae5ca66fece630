/* PLACEHOLDER: replaced by the real module in its own branch. */
#include "config.h"
#include "dump.h"
#include "util/die.h"
int dump_library(FILE *out, const struct library *lib, const struct lay_options *opt) { (void)out; (void)lib; (void)opt; die("placeholder"); }
