/* PLACEHOLDER: replaced by the real module in its own branch. */
#include "config.h"
#include "source/article_file.h"
#include "util/die.h"

