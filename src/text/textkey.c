/* PLACEHOLDER: replaced by the real module in its own branch. */
#include "config.h"
#include "text/textkey.h"
#include "util/die.h"

