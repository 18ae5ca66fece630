/* The curses reader. */
#ifndef AKHBAR_UI_UI_H
#define AKHBAR_UI_UI_H

#include "layout/layout.h"
#include "model/library.h"

/* Run the interactive reader over lib until the user quits.  layout holds
 * shaping and bidi mode (width is taken from the terminal).  Returns the
 * exit status. */
int ui_run(struct library *lib, const struct lay_options *layout);

#endif
