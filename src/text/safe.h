/* Text made safe for a terminal or one line of a line-oriented output:
 * whatever a feed, a server or a file says can't move the cursor, set the
 * clipboard, start a new line or turn the rest of the line around. */
#ifndef AKHBAR_TEXT_SAFE_H
#define AKHBAR_TEXT_SAFE_H

#include <stddef.h>

#include "util/strbuf.h"

/* A byte cap that keeps one message to a line or two of a terminal. */
#define TEXT_SAFE_MESSAGE_MAX 300
/* A cap for a name quoted inside a message (an element, an encoding). */
#define TEXT_SAFE_NAME_MAX 80

/* Append the len bytes of s to b as one safe line, decoded as the layout
 * decodes (text_decode: invalid UTF-8 is U+FFFD, TAB, CR and LF are
 * spaces, other C0 controls, DEL and C1 are dropped), with the bidi
 * embeddings and isolates balanced: a PDF or PDI that closes nothing is
 * dropped and whatever is left open is closed at the end.  When max is
 * not 0 at most max bytes are appended (at least the ellipsis): a longer
 * text is cut at a character and ends in "…". */
void text_safe_add(struct strbuf *b, const char *s, size_t len, size_t max);

/* text_safe_add of a NUL-terminated string (NULL is empty) into a new
 * string. */
char *text_safe(const char *s, size_t max);

/* A warning "WHERE: WHAT" (or "WHAT" when where is NULL) of outside text:
 * where (a file, a URL) and what (the message) each made safe and capped
 * at TEXT_SAFE_MESSAGE_MAX bytes. */
void text_safe_warn(const char *where, const char *what);

/* Messages about a file (its lines that could not be read) are kept at
 * most this many; past that one last message counts the others, so a
 * file of junk can't bury the terminal. */
#define TEXT_SAFE_MESSAGES_MAX 20

/* Append msg, made safe and capped, to the list *lines of *n messages, or
 * past TEXT_SAFE_MESSAGES_MAX count it in *hidden and in the last
 * message ("... and N more errors"). */
void text_safe_message_add(char ***lines, size_t *n, size_t *hidden,
                           const char *msg);

#endif
