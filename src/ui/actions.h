/* Every user action, listed once: the enum, the name a config file binds
 * and the help text all come from this table, so the key table, the
 * config parser and the help screen can never disagree. */
#ifndef AKHBAR_UI_ACTIONS_H
#define AKHBAR_UI_ACTIONS_H

#include "util/i18n.h"

#define UI_ACTIONS(ACTION)                                                     \
	ACTION(LINE_DOWN, "line-down", N_("Down one line"))                    \
	ACTION(LINE_UP, "line-up", N_("Up one line"))                          \
	ACTION(PAGE_DOWN, "page-down", N_("Down one page"))                    \
	ACTION(PAGE_UP, "page-up", N_("Up one page"))                          \
	ACTION(TOP, "top", N_("Go to the top"))                                \
	ACTION(BOTTOM, "bottom", N_("Go to the bottom"))                       \
	ACTION(NEXT_RELATED, "next-related",                                   \
	       N_("Focus the next related story"))                             \
	ACTION(PREV_RELATED, "previous-related",                               \
	       N_("Focus the previous related story"))                         \
	ACTION(OPEN, "open", N_("Open the selected or focused story"))         \
	ACTION(BACK, "back", N_("Go back to where you were before"))           \
	ACTION(NEXT_STORY, "next-story",                                       \
	       N_("Open the next story in the list"))                          \
	ACTION(PREV_STORY, "previous-story",                                   \
	       N_("Open the previous story in the list"))                      \
	ACTION(SEARCH, "search", N_("Search the headlines or the text"))       \
	ACTION(SEARCH_NEXT, "search-next",                                     \
	       N_("Next match, else the next story"))                          \
	ACTION(SEARCH_PREV, "search-previous",                                 \
	       N_("Previous match, else previous story"))                      \
	ACTION(END_SEARCH, "end-search", N_("End the search and its marks"))   \
	ACTION(CLOSE, "close", N_("Leave the view; quit from the list"))       \
	ACTION(QUIT, "quit", N_("Quit akhbar"))                                \
	ACTION(RELOAD, "reload", N_("Update the selected or open feed"))       \
	ACTION(RELOAD_ALL, "reload-all", N_("Update every feed"))              \
	ACTION(MARK_FEED_READ, "mark-feed-read",                               \
	       N_("Mark every item of the feed read"))                         \
	ACTION(MARK_ALL_READ, "mark-all-read",                                 \
	       N_("Mark every item of every feed read"))                       \
	ACTION(UNDO, "undo", N_("Undo marking feeds read"))                    \
	ACTION(TOGGLE_READ, "toggle-read",                                     \
	       N_("Mark the story read or unread"))                            \
	ACTION(NEXT_UNREAD, "next-unread",                                     \
	       N_("Next unread story, across feeds"))                          \
	ACTION(PREV_UNREAD, "previous-unread",                                 \
	       N_("Previous unread story, across feeds"))                      \
	ACTION(NEXT_UNREAD_FEED, "next-unread-feed",                           \
	       N_("Next feed with unread stories"))                            \
	ACTION(PREV_UNREAD_FEED, "previous-unread-feed",                       \
	       N_("Previous feed with unread stories"))                        \
	ACTION(STAR, "toggle-star", N_("Star or unstar the story"))            \
	ACTION(TOGGLE_SHOW_READ, "toggle-show-read",                           \
	       N_("Show or hide read stories (read feeds in the feed list)"))  \
	ACTION(SORT, "sort", N_("Sort the headlines the next way"))            \
	ACTION(SHOW_STARRED, "show-starred", N_("List every starred story"))   \
	ACTION(SHOW_UNREAD, "show-unread",                                     \
	       N_("List every unread story, of every feed"))                   \
	ACTION(FETCH_ARTICLE, "fetch-article",                                 \
	       N_("Fetch the story's full article again"))                     \
	ACTION(OPEN_LINK, "open-in-browser", N_("Open the link in $BROWSER"))  \
	ACTION(COPY_LINK, "copy-link", N_("Copy the link (OSC 52)"))           \
	ACTION(LINKS, "show-links",                                            \
	       N_("List the story's links and attachments"))                   \
	ACTION(SAVE_ARTICLE, "save-article",                                   \
	       N_("Save the story to an article file"))                        \
	ACTION(HELP, "help", N_("Show the keys"))                              \
	ACTION(REDRAW, "redraw", N_("Redraw the screen"))                      \
	ACTION(SELECT_TAG, "select-tag",                                       \
	       N_("Show only the feeds of a tag of the urls file"))            \
	ACTION(CLEAR_TAG, "clear-tag", N_("Show the feeds of every tag again"))

enum ui_action {
	UI_ACTION_NONE = -1,
#define UI_ACTION_ENUM(id, name, help) UI_ACTION_##id,
	UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	        UI_ACTION_COUNT
};

/* What an action changed: a bit set. */
enum ui_reaction {
	UI_REACT_NONE = 0,
	UI_REACT_DRAW = 1 << 0, /* the view shows something else */
	UI_REACT_FULL = 1 << 1, /* repaint the whole terminal, not the change */
	UI_REACT_QUIT = 1 << 2,
};

/* The action's name in a config file, e.g. "line-down". */
const char *ui_action_name(enum ui_action a);

/* The action's help text, translated. */
const char *ui_action_help(enum ui_action a);

/* The action a config file names, or UI_ACTION_NONE. */
enum ui_action ui_action_from_name(const char *name);

#endif
