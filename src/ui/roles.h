/* Colour roles: every kind of thing the reader draws, listed once with
 * the name `color ROLE FG BG` uses in a config file. */
#ifndef AKHBAR_UI_ROLES_H
#define AKHBAR_UI_ROLES_H

#define UI_ROLES(ROLE)                                                         \
	ROLE(NORMAL, "normal")                                                 \
	ROLE(TITLE, "title")     /* the title bar */                           \
	ROLE(STATUS, "status")   /* the status line */                         \
	ROLE(MESSAGE, "message") /* an error or warning in the status line */  \
	ROLE(INFO, "info")       /* a message that something was done */       \
	ROLE(CURSOR, "cursor")   /* the selected row of the list */            \
	ROLE(UNREAD, "unread")   /* an unread headline and its mark */         \
	ROLE(READ, "read")       /* a headline already opened */               \
	ROLE(STAR, "star")       /* the mark of a starred story */             \
	ROLE(ERROR, "error")     /* the mark of a feed whose update failed */  \
	ROLE(SITE, "site")                                                     \
	ROLE(DATE, "date")                                                     \
	ROLE(HEADLINE, "headline") /* the article's own headline */            \
	ROLE(META, "meta")         /* the article's site and date */           \
	ROLE(BODY, "body")                                                     \
	ROLE(CREDIT, "credit")                                                 \
	ROLE(HEADING, "heading")       /* "Related stories" */                 \
	ROLE(RELATED, "related")       /* a related headline */                \
	ROLE(FOCUS, "focus")           /* the focused related headline */      \
	ROLE(MATCH, "match")           /* what a search found, in place */     \
	ROLE(CURRENT, "current-match") /* the match n and N moved to */        \
	ROLE(HELP_KEY, "help-key")     /* key names on the help screen */

enum ui_role {
#define UI_ROLE_ENUM(id, name) UI_ROLE_##id,
	UI_ROLES(UI_ROLE_ENUM)
#undef UI_ROLE_ENUM
	        UI_ROLE_COUNT
};

/* The role's name in a config file. */
const char *ui_role_name(enum ui_role r);

/* The role a config file names, or -1. */
int ui_role_from_name(const char *name);

#endif
