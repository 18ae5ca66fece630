/* Where akhbar keeps its files, after the XDG Base Directory spec. */
#ifndef AKHBAR_UTIL_XDG_H
#define AKHBAR_UTIL_XDG_H

enum xdg_kind {
	XDG_CONFIG, /* $XDG_CONFIG_HOME, else ~/.config */
	XDG_DATA,   /* $XDG_DATA_HOME, else ~/.local/share */
	XDG_STATE,  /* $XDG_STATE_HOME, else ~/.local/state */
};

/* The home folder: $HOME when absolute, else the password database's;
 * NULL when neither is known. */
const char *xdg_home(void);

/* The path of name in akhbar's folder of that kind, e.g.
 * "$XDG_CONFIG_HOME/akhbar/urls".  A relative XDG value is ignored, as the
 * spec says; the home folder is $HOME, else the password database's.
 * Returns a new string, or NULL when no home folder is known. */
char *xdg_path(enum xdg_kind kind, const char *name);

#endif
