/* Knowing when a file changes without looking at it over and over: a
 * descriptor that becomes readable when the file, or a file beside it
 * whose name starts with the file's (SQLite's -wal and -journal), is
 * written, made or moved there.  On Linux, inotify on the folder (a
 * file SQLite makes again later is seen too); elsewhere there is no
 * watch and the caller looks at the file on a timer. */
#ifndef AKHBAR_UTIL_FILEWATCH_H
#define AKHBAR_UTIL_FILEWATCH_H

#include <stdbool.h>

struct filewatch;

/* A watch on path, or NULL when the system has none to give. */
struct filewatch *filewatch_new(const char *path);

/* The descriptor to poll for reading; -1 for NULL. */
int filewatch_fd(const struct filewatch *w);

/* Read what the descriptor holds without waiting: true when the file or
 * one beside it was touched since the last call.  False for NULL. */
bool filewatch_changed(struct filewatch *w);

/* Stop watching; NULL is allowed. */
void filewatch_free(struct filewatch *w);

#endif
