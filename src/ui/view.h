/* The reader's state and its views.  A view draws the whole screen from
 * the state, and turns actions into changes of the state; an action never
 * draws, it says what changed, and the main loop (ui.c) alone repaints. */
#ifndef AKHBAR_UI_VIEW_H
#define AKHBAR_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/document.h"
#include "layout/layout.h"
#include "model/library.h"
#include "ui/actions.h"
#include "ui/conf.h"
#include "ui/roles.h"

/* What an action changed: a bit set. */
enum ui_reaction {
	UI_REACT_NONE = 0,
	UI_REACT_DRAW = 1 << 0, /* the view shows something else */
	UI_REACT_FULL = 1 << 1, /* repaint the whole terminal, not the change */
	UI_REACT_QUIT = 1 << 2,
};

struct ui;

struct ui_view_ops {
	/* Draw every row of the screen (ui->rows x ui->cols). */
	void (*draw)(struct ui *ui);
	/* Apply an action; returns enum ui_reaction bits. */
	unsigned (*action)(struct ui *ui, enum ui_action a);
};

/* Where the reader was in an article, kept across resizes: the block at
 * the top of the screen and the byte its top row starts at. */
struct ui_place_mark {
	size_t story;
	size_t block, offset;
	long focus; /* related headline with the focus, or -1 */
};

struct ui {
	struct library *lib;
	const struct ui_config *cfg;
	struct lay_options lay; /* shaping and bidi mode; width set per use */
	int rows, cols;         /* the terminal's size */
	const struct ui_view_ops *view;
	const struct ui_view_ops *under_help; /* the view help returns to */
	char *message; /* shown in the status line until the next key */

	/* the headline list */
	size_t cursor, list_top;

	/* the article view */
	struct ui_place_mark at;    /* the story shown and the place in it */
	struct document *doc;       /* at.story laid out at doc_width */
	int doc_width;
	size_t top;                 /* first document line on screen */
	struct ui_place_mark *history;
	size_t nhistory;

	/* the help screen */
	size_t help_top;
};

extern const struct ui_view_ops ui_list_view;
extern const struct ui_view_ops ui_article_view;
extern const struct ui_view_ops ui_help_view;

/* Rows between the title bar and the status line. */
int ui_body_rows(const struct ui *ui);

/* Draw a bar (title or status) at row y: left text at the start, right
 * text against the right edge; either may be NULL. */
void ui_draw_bar(const struct ui *ui, int y, enum ui_role role,
                 const char *left, const char *right);

/* Show story i in the article view, at its top, and mark it read. */
void ui_article_open(struct ui *ui, size_t story);

/* Free what the article view holds (document and history). */
void ui_article_close(struct ui *ui);

#endif
