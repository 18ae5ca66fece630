/* Reading a whole file into memory, once, with a cap on its size: what is
 * sniffed and what is parsed are then the same bytes, also from a pipe. */
#ifndef AKHBAR_UTIL_READFILE_H
#define AKHBAR_UTIL_READFILE_H

#include <stdbool.h>
#include <stddef.h>

/* The cap on a file's size when the user set none: as for a feed
 * fetched (--max-size). */
#define READFILE_MAX_DEFAULT ((size_t)20 * 1024 * 1024)

/* Open path for reading without waiting on it and without making it the
 * controlling terminal, and refuse anything but a regular file (or, with
 * pipes, a pipe or socket such as /dev/stdin or <(command)): a terminal
 * or a device would block or never end.  Returns the descriptor, or -1
 * with *error set to a message without the path (a new string). */
int readfile_open(const char *path, bool pipes, char **error);

/* The rest of fd, NUL-terminated (the NUL not counted in *len); a pipe is
 * waited for until its writer closes it.  NULL with *error set (a new
 * string) when reading fails or more than max bytes come. */
char *readfile_fd(int fd, size_t max, size_t *len, char **error);

/* readfile_open() and readfile_fd(): the whole file at path. */
char *readfile(const char *path, bool pipes, size_t max, size_t *len,
               char **error);

/* "20 MB", "512 KB" or "1000 bytes": a size cap as the user set it (a
 * new string). */
char *readfile_size_text(size_t n);

#endif
