/* PLACEHOLDER: replaced by the real module in its own branch. */
#include "config.h"
#include "layout/document.h"
#include "util/die.h"

