/* The subscriptions file, in newsboat's format so a newsboat user can copy
 * theirs: one URL per line, then optional tags separated by spaces; a tag
 * with spaces is quoted ("world news", with \" and \\ inside quotes); the
 * tag "~Title" renames the feed and "!" hides it; a word starting with #
 * begins a comment; blank lines are ignored.  Plain paths (/... or ~/...)
 * name local feed files.  newsboat's "exec:" and "filter:" lines run a
 * command (see source/update.h); a line without its command, or a
 * filter without its URL, is a bad line.  A "query:NAME:EXPRESSION"
 * line (quoted whole, as newsboat writes it) is a feed of the cache's
 * stories matching the expression (model/filter.h); a bad expression is a
 * bad line. */
#ifndef AKHBAR_SOURCE_URLS_H
#define AKHBAR_SOURCE_URLS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strset.h"

enum urls_kind {
	URLS_FEED,   /* http, https, file or a path: akhbar fetches it */
	URLS_QUERY,  /* newsboat's "query:" meta feeds: kept, not fetched */
	URLS_EXEC,   /* "exec:COMMAND": the command's output is the feed */
	URLS_FILTER, /* "filter:COMMAND:URL": URL's body through the
	                command is the feed */
};

struct urls_entry {
	char *url; /* "~/" already expanded to $HOME */
	enum urls_kind kind;
	char **tags; /* the plain tags, in file order */
	size_t n_tags;
	char *title;   /* from "~Title": shown instead of the feed's; or NULL */
	bool hidden;   /* from "!": left out of the feed list */
	unsigned line; /* in its file; 0 when not read from one */
};

/* A list of subscriptions, and what was wrong in the file it came from.
 * Everything in it belongs to it. */
struct urls {
	struct urls_entry *entries;
	size_t n, cap;
	/* Every entry's URL, and the first entry of each: urls_find() costs
	 * the same in a file of any length. */
	struct strset seen;
	size_t *first_entry;
	/* "FILE:LINE: message" as safe text, one per bad line: at most 20,
	 * then one "... and N more errors" counting the n_hidden others. */
	char **errors;
	size_t n_errors, n_hidden;
};

/* $XDG_CONFIG_HOME/akhbar/urls, else ~/.config/akhbar/urls; a new string,
 * or NULL when there is no home folder. */
char *urls_default_path(void);

/* Parse the NUL-terminated text of a urls file; name is used in errors.
 * Bad lines are skipped and described in the result's errors (a URL
 * listed twice is kept once).  Never NULL. */
struct urls *urls_parse(const char *text, const char *name);

/* Add "NAME:LINE: msg" to u's errors; msg may quote outside text (it is
 * made safe here). */
void urls_add_error(struct urls *u, const char *name, unsigned line,
                    const char *msg);

/* Read and parse the file at path.  A missing file is an empty list (a
 * new user); a file that can't be read gives NULL and *error (new string). */
struct urls *urls_load(const char *path, char **error);

void urls_free(struct urls *u);

/* The command of a "filter:COMMAND:URL" subscription (a new string), and
 * in *source its URL (a new string; "" when the line has none): the
 * command ends at the first colon. */
char *urls_filter_split(const char *url, char **source);

/* The name and the filter expression (model/filter.h) of a
 * "query:NAME:EXPRESSION" subscription, each a new string; false when the
 * line has no name (the expression may hold colons). */
bool urls_query_split(const char *url, char **name, char **expr);

/* The entry for url, or NULL. */
const struct urls_entry *urls_find(const struct urls *u, const char *url);

/* Append a copy of url with n_tags plain tags and title (or NULL) to u.
 * Leading ~ are dropped from tags, and a tag "!" is ignored: they would
 * read back from the file as a title or the hidden mark. */
void urls_add(struct urls *u, const char *url, char *const *tags, size_t n_tags,
              const char *title);

/* One line of the file (without the newline) for e; a new string.  Each
 * word is made safe text first (no line break, no control character), then
 * quoted only where needed; "~Title" and "!" always are. */
char *urls_format(const struct urls_entry *e);

/* Add the n entries to the file at path, creating it and its folders if
 * needed.  Whatever the file held (comments, blank lines, odd spacing) is
 * kept byte for byte; the new lines go at the end.  The new file is
 * written beside the old one and synced, and only then renamed over it,
 * so a crash or a full disk leaves the old or the new file, never half.
 * Returns false with *error (a new string) on failure, the old file then
 * untouched. */
bool urls_append(const char *path, const struct urls_entry *e, size_t n,
                 char **error);

#endif
