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
#include "source/fetch.h"
#include "source/update.h"
#include "source/urls.h"
#include "store/cache.h"
#include "text/find.h"
#include "ui/actions.h"
#include "ui/conf.h"
#include "ui/roles.h"
#include "ui/rows.h"
#include "ui/stories.h"

struct ui;

struct ui_view_ops {
	/* Draw every row of the screen (ui->rows x ui->cols). */
	void (*draw)(struct ui *ui);
	/* Apply an action; returns enum ui_reaction bits. */
	unsigned (*action)(struct ui *ui, enum ui_action a);
	/* Search what the view shows for text (as typed at the prompt) and
	 * go to the first match at or after where the reader is; text NULL
	 * ends the view's search.  NULL: the view has nothing to search. */
	unsigned (*search)(struct ui *ui, const char *text);
	/* The address of what is selected (for `o` and `y`): a new string,
	 * or NULL; may set ui->message when it can't be had. */
	char *(*link)(struct ui *ui);
};

/* Where the reader was in an article, kept across resizes: the block at
 * the top of the screen and the byte its top row starts at. */
struct ui_place_mark {
	size_t story;
	size_t block, offset;
	long focus; /* related headline with the focus, or -1 */
};

/* A search made in a view. */
struct ui_find {
	char *text;               /* as typed; NULL: no search is active */
	struct text_query *query; /* text compiled */
};

struct ui {
	struct ui_stories *stories; /* the headline list's; NULL on the feed
	                               list before a feed is opened */
	char *stories_title;        /* the title bar's, or NULL: PACKAGE */
	const struct ui_config *cfg;
	struct lay_options lay; /* shaping and bidi mode; width set per use */
	int rows, cols;         /* the terminal's size */
	const struct ui_view_ops *view;
	const struct ui_view_ops *under_help; /* the view help returns to */
	char *message; /* shown in the status line until the next key */

	/* the headline list */
	struct ui_rows list_rows;

	/* the article view */
	struct ui_place_mark at; /* the story shown and the place in it */
	struct article *page;    /* at.story's, the view's own (from
	                            ui->stories, freed by the view) */
	struct document *doc;    /* at.story laid out at doc_width */
	int doc_width;
	size_t top; /* first document line on screen */
	struct ui_place_mark *history;
	size_t nhistory;

	/* searching */
	char *prompt;      /* the text typed at the open prompt, or NULL */
	char *last_search; /* what an empty Enter at the prompt repeats */
	struct ui_find list_find; /* the headline list's search */
	struct ui_find doc_find;  /* the open story's search */
	size_t doc_match;         /* its match moved to last: the number */
	size_t doc_match_block;   /* ... the block it is in */
	struct text_range doc_match_span; /* ... and its bytes there */

	/* the help screen */
	struct ui_rows help_rows;

	/* subscriptions: all NULL when reading files */
	struct cache *cache;
	const struct urls *urls;
	struct fetch_options fetch;
	struct cache_feed *feeds; /* the feed list's rows */
	size_t nfeeds;
	struct ui_rows feed_rows;
	size_t feeds_held;       /* rows of feeds, shown (nfeeds) or not */
	struct updater *updater; /* while feeds are updating */
	size_t update_errors;
	bool feeds_stale;   /* a feed was updated: read the list again */
	bool stories_stale; /* ... and it was the one open */
};

extern const struct ui_view_ops ui_list_view;
extern const struct ui_view_ops ui_article_view;
extern const struct ui_view_ops ui_help_view;
extern const struct ui_view_ops ui_feeds_view;

/* Rows between the title bar and the status line. */
int ui_body_rows(const struct ui *ui);

/* Draw a bar (title or status) at row y: left text at the start, right
 * text against the right edge; either may be NULL. */
void ui_draw_bar(const struct ui *ui, int y, enum ui_role role,
                 const char *left, const char *right);

/* Show story i in the article view, at its top, and mark it read.
 * Returns false (with ui->message set) when it can't be read. */
bool ui_article_open(struct ui *ui, size_t story);

/* Free what the article view holds (document and history). */
void ui_article_close(struct ui *ui);

/* Replace ui->message with a new one (printf format). */
void ui_message(struct ui *ui, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Take error (a new string or NULL) as the message; false if there was
 * one. */
bool ui_message_error(struct ui *ui, char *error);

/* Read the feed list from the cache again, keeping the cursor on the same
 * feed. */
void ui_feeds_reload(struct ui *ui);

/* Start updating feed i of the feed list, or every feed when i is
 * (size_t)-1; the main loop moves the transfers on. */
void ui_feeds_update(struct ui *ui, size_t i);

/* The name the feed list shows for a feed: its title in the urls file,
 * else the feed's own, else its address. */
const char *ui_feed_name(const struct ui *ui, const struct cache_feed *f);

/* Start a search of f for text (NULL: only end f's search).  Returns
 * false, with a message when text has no words to find, when no search
 * is active after. */
bool ui_find_start(struct ui *ui, struct ui_find *f, const char *text);

/* End f's search. */
void ui_find_end(struct ui_find *f);

/* Say that f found nothing, and end it: n and N go back to moving
 * between stories. */
void ui_find_none(struct ui *ui, struct ui_find *f);

/* Say which match the reader is on: "match 2/5". */
void ui_find_report(struct ui *ui, size_t match, size_t total);

/* Open the search prompt on the status line. */
void ui_prompt_open(struct ui *ui);

/* A key typed while the prompt is open; returns enum ui_reaction bits. */
unsigned ui_prompt_key(struct ui *ui, int key);

/* Draw the open prompt over the status line. */
void ui_prompt_draw(const struct ui *ui);

/* Close the prompt and forget the last search. */
void ui_prompt_done(struct ui *ui);

/* Leave the headline list for the feed list. */
void ui_feeds_back(struct ui *ui);

#endif
