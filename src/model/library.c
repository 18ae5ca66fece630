/* PLACEHOLDER: replaced by the real module in its own branch. */
#include "config.h"
#include <stdlib.h>
#include "model/library.h"
#include "util/xalloc.h"
#include "util/die.h"
struct library *library_new(void) { return xcalloc(1, sizeof(struct library)); }
void library_add_article(struct library *lib, struct article *a) { (void)lib; (void)a; die("placeholder"); }
void library_link(struct library *lib) { (void)lib; }
void library_free(struct library *lib) { free(lib); }
