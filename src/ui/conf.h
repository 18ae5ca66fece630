/* The reader's configuration: key bindings and colours, read from config
 * text.  The defaults are such a text compiled in (ui_config_defaults);
 * the user's file, $XDG_CONFIG_HOME/akhbar/config, is read by the same
 * parser after them.  Lines:
 *     bind KEY ACTION      unbind KEY      color ROLE FG BG
 *     set interface-direction auto|ltr|rtl
 *     set keys akhbar|newsboat
 *     set reload-interval MINUTES (or SECONDSs; 0: never)
 *     set reload-at-start yes|no
 *     set save-folder PATH   (~ is the home folder)
 *     ignore-article FEEDS "EXPRESSION"     ignore-mode download|display
 * `set keys newsboat` binds newsboat's keys before every other line of
 * its file, wherever it is written, so the file's own lines win.
 * A word starting with # starts a comment, to the end of the line (the
 * key # is <Hash>).  A bad line is reported as "FILE:LINE: message" and the
 * rest still loads; the messages quote the file, made safe for a terminal
 * (text_safe). */
#ifndef AKHBAR_UI_CONF_H
#define AKHBAR_UI_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "model/filter.h"
#include "store/cache.h"
#include "ui/actions.h"
#include "ui/roles.h"

/* A colour: -1 the terminal's default, 0..255 a palette index. */
struct ui_color {
	short fg, bg;
};

struct ui_binding {
	int key; /* see ui/keys.h */
	enum ui_action action;
};

/* The interface's direction: auto follows the interface language
 * (mirrored for Persian, Arabic, Hebrew, Urdu...). */
enum ui_config_direction {
	UI_CONFIG_DIR_AUTO,
	UI_CONFIG_DIR_LTR,
	UI_CONFIG_DIR_RTL,
};

struct ui_config {
	struct ui_binding *bindings; /* in the order bound */
	enum ui_config_direction direction;
	int reload_interval; /* seconds between automatic reloads; 0 never */
	bool reload_at_start;
	char *save_folder; /* where `w` saves to begin with, ~ expanded
	                      (owned); NULL: the current folder */
	size_t nbindings;
	struct ui_color colors[UI_ROLE_COUNT];
	/* newsboat's killfile: items matching a rule are not stored when
	 * feeds are updated (the ignore-mode display is read, and drops
	 * them as download does). */
	struct filter_ignores ignore;
	/* "FILE:LINE: message" as safe text, owned: at most 20, then one
	 * "... and N more errors" counting the nhidden others. */
	char **errors;
	size_t nerrors, nhidden;
};

/* The default configuration text. */
extern const char ui_config_defaults[];

/* The bindings of `set keys newsboat`: newsboat's keys where akhbar has
 * their actions. */
extern const char ui_config_newsboat_keys[];

/* An empty configuration: nothing bound, default colours. */
struct ui_config *ui_config_new(void);

/* Free a configuration; NULL is allowed. */
void ui_config_free(struct ui_config *cfg);

/* Apply every line of text (len bytes) to cfg; name is the file name used
 * in messages.  Returns the number of bad lines (their messages are
 * appended to cfg->errors). */
size_t ui_config_parse(struct ui_config *cfg, const char *text, size_t len,
                       const char *name);

/* Apply the file at path; a missing file is not an error.  Returns false
 * (with a message in cfg->errors) when the file exists but can't be read. */
bool ui_config_load_file(struct ui_config *cfg, const char *path);

/* The user's config file path: $XDG_CONFIG_HOME/akhbar/config, else
 * $HOME/.config/akhbar/config; NULL when neither is set.  Caller frees. */
char *ui_config_user_path(void);

/* The action bound to key, or UI_ACTION_NONE. */
enum ui_action ui_config_action(const struct ui_config *cfg, int key);

/* The first key bound to action a, named as hints write it
 * (ui_key_label(): "Enter", "q", "C-d"), into buf (size >= 16);
 * false, with buf empty, when no key does a. */
bool ui_config_key_hint(const struct ui_config *cfg, enum ui_action a,
                        char *buf, size_t size);

/* How the lists are shown, as the reader left them: remembered across
 * runs in a state file, $XDG_STATE_HOME/akhbar/state (else
 * ~/.local/state/akhbar/state), lines of NAME VALUE:
 *     show-read-stories yes|no     show-read-feeds yes|no
 *     sort newest|oldest|title|feed|unread
 * The reader writes it whenever the reader changes one (a new file
 * renamed over the old); a line it does not know is passed over. */
struct ui_state {
	bool hide_read_stories;
	bool hide_read_feeds;
	enum cache_list_order order;
};

/* The state file's path, its folder made; NULL without a home folder. */
char *ui_state_path(void);

/* Read the state at path into st (left as it is where the file says
 * nothing, or there is no file). */
void ui_state_load(struct ui_state *st, const char *path);

/* Write st to path at once; false with errno set when it can't be. */
bool ui_state_save(const struct ui_state *st, const char *path);

#endif
