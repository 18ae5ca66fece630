/* The reader's shared state and its views.
 *
 * Each view (feed list, headline list, article, help) keeps its own state
 * in a struct of its own, private to its file: made by its create() the
 * first time the view is used and freed by its free() when the reader
 * ends.  Every hook gets it as `self`.  `struct ui` holds only what the
 * views share; a view changes another view's state only by calling a
 * function of that view (declared below).
 *
 * The views shown are a stack: the top one is on screen, and leaving it
 * shows the one under it.  A view draws the whole screen from its state,
 * and turns actions into changes of the state; an action never draws, it
 * says what changed, and the main loop (ui.c) alone repaints. */
#ifndef AKHBAR_UI_VIEW_H
#define AKHBAR_UI_VIEW_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "layout/layout.h"
#include "source/fetch.h"
#include "source/pages.h"
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

/* A view's table of operations, filled by field name; any hook but
 * draw and action may be NULL. */
struct ui_view_ops {
	/* Make the view's state: the view's own, passed to every hook as
	 * self and freed by free(). */
	void *(*create)(struct ui *ui);
	void (*free)(struct ui *ui, void *self);
	/* Draw every row of the screen (ui->rows x ui->cols). */
	void (*draw)(struct ui *ui, void *self);
	/* Apply an action; returns enum ui_reaction bits. */
	unsigned (*action)(struct ui *ui, void *self, enum ui_action a);
	/* Search what the view shows for text (as typed at the prompt) and
	 * go to the first match at or after where the reader is; text NULL
	 * ends the view's search.  NULL: the view has nothing to search. */
	unsigned (*search)(struct ui *ui, void *self, const char *text);
	/* The address of what is selected (for `o` and `y`): a new string,
	 * or NULL; may set ui->message when it can't be had. */
	char *(*link)(struct ui *ui, void *self);
	/* The address of link [n] of what the view shows, for a number
	 * typed before `o` or `y`: a new string, or NULL (then ui->message
	 * says why).  NULL: the view takes no number (a digit does what
	 * it is bound to). */
	char *(*numbered_link)(struct ui *ui, void *self, size_t n);
	/* The cache changed underneath: the items of feed feed_id (-1: of
	 * no feed shown), or of any feed when feed_id is 0.  The view only
	 * notes it; reread() reads again. */
	void (*changed)(struct ui *ui, void *self, long long feed_id);
	/* Read again what changed() noted, if the view wants it now
	 * (on_top: it is on screen); returns enum ui_reaction bits. */
	unsigned (*reread)(struct ui *ui, void *self, bool on_top);
	/* Finish what the view left for after it was painted (it draws
	 * first what the reader asked for, and what takes longer a moment
	 * later, a slice at a time: keys are answered between slices);
	 * called on the view on screen after each paint.  Returns enum
	 * ui_reaction bits: UI_REACT_DRAW when there is more to show. */
	unsigned (*settle)(struct ui *ui, void *self);
};

/* A view made, with its state. */
struct ui_view {
	const struct ui_view_ops *ops;
	void *self;
};

/* A search made in a view. */
struct ui_find {
	char *text;               /* as typed; NULL: no search is active */
	struct text_query *query; /* text compiled */
};

struct ui {
	const struct ui_config *cfg;
	struct lay_options lay; /* shaping and bidi mode; width set per use */
	int rows, cols;         /* the terminal's size */

	/* The story source of the headline list and the article view (the
	 * reader's: freed when the list is left or the reader ends); NULL
	 * on the feed list before a feed is opened. */
	struct ui_stories *stories;
	char *stories_title;   /* the title bar's, or NULL: PACKAGE */
	struct ui_state state; /* how lists are shown, as remembered */
	char *state_path;      /* where it is remembered; NULL: nowhere */

	/* the status line */
	char *message;     /* shown until the next key */
	bool message_info; /* it says something was done: not an error */
	char *prompt;      /* the text typed at the open prompt, or NULL */
	/* What the open prompt asks (NULL: a search, "/"), and what takes
	 * its answer (NULL: the view's search): the text, or NULL when the
	 * prompt was left with Esc. */
	const char *prompt_label;
	unsigned (*prompt_answer)(struct ui *ui, const char *text);
	char *last_search; /* what an empty Enter at the prompt repeats */
	size_t count;      /* the number typed before a key, or 0 */

	/* subscriptions: all NULL when reading files */
	struct cache *cache;
	const struct urls *urls;
	struct fetch_options fetch;
	struct updater *updater; /* while feeds are updating */
	size_t update_errors;
	struct pages *pages; /* stories' web pages being fetched */
	/* the items the last marking of feeds read changed, for undo
	 * (owned; none: nothing to undo); reading files, the stories' numbers
	 */
	long long *undo_ids;
	size_t nundo;
	long long reload_due_ms; /* the next automatic reload (monotonic) */
	enum pages_choice full_articles; /* whose pages are fetched where the
	                                    feed's tag does not say */
	int expire_days; /* updates skip older items; 0: items never expire */

	/* every view made so far, and the stack of those shown */
	struct ui_view **views;
	size_t nviews;
	struct ui_view **stack; /* the last is on screen */
	size_t depth;
};

extern const struct ui_view_ops ui_feeds_view;
extern const struct ui_view_ops ui_list_view;
extern const struct ui_view_ops ui_article_view;
extern const struct ui_view_ops ui_help_view;
extern const struct ui_view_ops ui_links_view;

/* The state of the view ops, made (by ops->create) on first use. */
void *ui_view_state(struct ui *ui, const struct ui_view_ops *ops);

/* Show the view ops over the one on screen. */
void ui_view_push(struct ui *ui, const struct ui_view_ops *ops);

/* Leave the view on screen for the one under it (its state stays). */
void ui_view_pop(struct ui *ui);

/* The view on screen. */
struct ui_view *ui_view_top(const struct ui *ui);

/* Whether the view ops is the one on screen. */
bool ui_view_shown(const struct ui *ui, const struct ui_view_ops *ops);

/* Tell every view made that feed feed_id's items changed (see the
 * changed hook). */
void ui_views_changed(struct ui *ui, long long feed_id);

/* Let every view made read again what changed; returns reaction bits. */
unsigned ui_views_reread(struct ui *ui);

/* Let the view on screen finish what it left for after the paint (see
 * the settle hook); returns reaction bits. */
unsigned ui_views_settle(struct ui *ui);

/* Free every view's state. */
void ui_views_free(struct ui *ui);

/* Rows between the title bar and the status line. */
int ui_body_rows(const struct ui *ui);

/* Draw a bar (title or status) at row y: `start` text at the row's start,
 * `end` text against its end; either may be NULL. */
void ui_draw_bar(const struct ui *ui, int y, enum ui_role role,
                 const char *start, const char *end);

/* Text the interface makes of numbers (printf format: counts, positions,
 * never text from a feed), in the interface language's digits.  Caller
 * frees. */
char *ui_numbers(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A hint of the status line: an action and its label, N_("%s open"),
 * where %s is the key. */
struct ui_hint {
	enum ui_action action;
	const char *label;
};

/* The hints with the keys the config binds (the first key bound to each
 * action), two spaces apart; a hint whose action no key does is left
 * out.  Caller frees. */
char *ui_hints(const struct ui *ui, const struct ui_hint *hints, size_t n);

/* Replace ui->message with a new one (printf format). */
void ui_message(struct ui *ui, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Replace ui->message with one that says something was done, drawn
 * apart from errors (printf format). */
void ui_info(struct ui *ui, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Take error (a new string or NULL) as the message; false if there was
 * one. */
bool ui_message_error(struct ui *ui, char *error);

/* Star story i of ui->stories, or take its star off; *starred tells
 * which.  false, with the message set, when the mark can't be kept. */
bool ui_stories_toggle_star(struct ui *ui, size_t i, bool *starred);

/* The feed list (feeds_view.c). */

/* Have the feed list read its rows again before it is next drawn (an
 * unread count changed). */
void ui_feeds_mark_stale(struct ui *ui);

/* Start updating the feed feed_id of the feed list, every feed for
 * UI_FEEDS_ALL or a query's (negative) id, or the one under its cursor
 * for UI_FEEDS_SELECTED; the main loop moves the transfers on. */
void ui_feeds_update(struct ui *ui, long long feed_id);
#define UI_FEEDS_ALL      0
#define UI_FEEDS_SELECTED LLONG_MIN /* no query's id */

/* The feed after (step 1) or before (step -1) feed feed_id in the feed
 * list that has unread items, around the ends (*wrapped then set), feed_id
 * itself last; 0 when no feed has any. */
long long ui_feeds_next_unread(struct ui *ui, long long feed_id, int step,
                               bool *wrapped);

/* Show s, feed feed_id's stories (the reader's from now on), in the
 * headline list in place of the feed open, that feed under the feed
 * list's cursor. */
void ui_feeds_show(struct ui *ui, long long feed_id, struct ui_stories *s);

/* The headline list (list_view.c). */

/* Show the headlines of s (the reader's from now on) under title, from
 * the first. */
void ui_list_open(struct ui *ui, struct ui_stories *s, const char *title);

/* The stories of the cache's list of feed_id (0: every feed), rows
 * shown as the reader's state says (read ones hidden, its order): the
 * one place a cache's list is made.  NULL with *error (a new string). */
struct ui_stories *ui_stories_for(struct ui *ui, long long feed_id,
                                  enum cache_list_rows rows, char **error);

/* Show the list of every starred story (CACHE_LIST_STARRED), or of every
 * unread one (CACHE_LIST_UNREAD), from the feed list or in place of the
 * headlines shown. */
unsigned ui_list_show_all(struct ui *ui, enum cache_list_rows rows);

/* Remember the reader's state (ui->state) in its file now. */
void ui_state_changed(struct ui *ui);

/* Put the list's cursor on story i (the list follows the reader). */
void ui_list_follow(struct ui *ui, size_t i);

/* As ui_list_open(), the list staying where it is among the views shown
 * (under the article, say). */
void ui_list_replace(struct ui *ui, struct ui_stories *s, const char *title);

/* The article view (article_view.c). */

/* Show story i in the article view, at its top, and mark it read.
 * Returns false (with ui->message set) when it can't be read. */
bool ui_article_open(struct ui *ui, size_t story);

/* A story's web page arrived or failed (r, from ui->pages): the story
 * shown reads as its article from now on, in the same place, or the
 * status line says why not; a related headline's page waited for opens. */
void ui_article_page_done(struct ui *ui, const struct pages_report *r);

/* Unread stories and automatic reloads (unread.c). */

/* Go from story `from` of the list (STORY_NONE: from neither end) to the
 * next unread one (step 1) or the previous (step -1): in the list, else
 * in the next feed with unread stories, which the list then shows (or
 * around the list's ends with no feeds).  *story gets where; false, with
 * the message said, when no story is unread.  Wrapping round is said. */
bool ui_unread_next(struct ui *ui, size_t from, int step, size_t *story);

/* Show the next (step 1) or previous (step -1) feed with unread stories
 * in the list; *story gets its first unread one (its last, going back). */
bool ui_unread_next_feed(struct ui *ui, int step, size_t *story);

/* Say that a move went round the end of the feed list. */
void ui_unread_wrapped(struct ui *ui, int step);

/* Mark story i read when unread, else unread, and say which. */
unsigned ui_unread_toggle(struct ui *ui, size_t i);

/* Mark every item of feed feed_id read (of every feed for 0), saying how
 * many and which key undoes it. */
unsigned ui_unread_mark_read(struct ui *ui, long long feed_id);

/* Mark every story of the list shown read (A in the headlines): its
 * feed's items (of every feed for the list of every feed), the starred
 * list's own, a query's matches, or every article file's story, saying
 * how many and which key undoes it. */
unsigned ui_unread_mark_list_read(struct ui *ui);

/* Mark every unread story of s read (s stays the caller's), saying how
 * many and which key undoes it. */
unsigned ui_unread_mark_stories_read(struct ui *ui, struct ui_stories *s);

/* Make unread again exactly the items (stories, reading files) the last
 * marking read changed. */
unsigned ui_unread_undo(struct ui *ui);

/* Reload every feed now if the config asks for it at start, and start
 * counting to the first automatic reload. */
void ui_reload_start(struct ui *ui);

/* Milliseconds until the next automatic reload (0: due), or -1 when there
 * is none: how long the main loop may sleep at most. */
int ui_reload_wait_ms(const struct ui *ui);

/* Reload every feed in the background when the automatic reload is due
 * (one already under way counts as it). */
unsigned ui_reload_if_due(struct ui *ui);

/* The links view (links_view.c). */

/* Show the numbered links and the attachments of a, from the first;
 * false (with a message) when it has none. */
bool ui_links_open(struct ui *ui, const struct article *a);

/* Open link in $BROWSER (ui.c), as open-in-browser does: only a web
 * link, never through a shell.  Returns enum ui_reaction bits. */
unsigned ui_open_link(struct ui *ui, const char *link);

/* The help screen (help_view.c). */

/* Show the help screen, from its top, over the view on screen. */
void ui_help_open(struct ui *ui);

/* Searching (find.c). */

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

/* Say that the reader is on one of more matches than were counted:
 * "one of over 1000 matches". */
void ui_find_report_many(struct ui *ui, size_t over);

/* Open the search prompt on the status line. */
void ui_prompt_open(struct ui *ui);

/* Open a prompt on the status line that asks label (translated, shown
 * before the text), with text typed already (may be ""); Enter hands the
 * text to answer, Esc hands it NULL. */
void ui_prompt_ask(struct ui *ui, const char *label, const char *text,
                   unsigned (*answer)(struct ui *ui, const char *text));

/* A key typed while the prompt is open; returns enum ui_reaction bits. */
unsigned ui_prompt_key(struct ui *ui, int key);

/* Draw the open prompt over the status line. */
void ui_prompt_draw(const struct ui *ui);

/* Close the prompt and forget the last search. */
void ui_prompt_done(struct ui *ui);

#endif
