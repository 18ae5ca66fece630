/* Running the command of an exec: or filter: subscription without
 * waiting on it: its output is a feed.  The caller's loop waits on the
 * command's pipes (command_fds(), no longer than command_wait_ms()) and
 * moves it on with command_perform(), as it does the fetcher.
 *
 * The command line is read as sh(1) reads it.  Words, bare or quoted
 * ('...' or "..." without $, ` or \ inside), are run directly, the first
 * looked up in $PATH; a line with any other shell syntax (| & ; < > ( ) $
 * ` \ * ? [ ] { } !, a word starting with ~ or #, an = in the first word)
 * is run with /bin/sh -c.  The command runs in a process group of its
 * own, which is killed when it runs past the timeout or writes more than
 * the size cap; its input (a filter's) comes on its standard input, its
 * standard error is kept for the error message. */
#ifndef AKHBAR_SOURCE_COMMAND_H
#define AKHBAR_SOURCE_COMMAND_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

/* Descriptors a command waits on at most: its input, output and error. */
#define COMMAND_MAX_FDS 3

struct command_options {
	long timeout_ms; /* from the start to the end of the output */
	size_t max_size; /* bytes of output */
};

struct command;

/* Start the command line with input[0, input_len) (input may be NULL) on
 * its standard input.  Never NULL: a command that cannot start is
 * finished at once, with the error. */
struct command *command_start(const char *line, const char *input,
                              size_t input_len,
                              const struct command_options *opt);

/* Fill fds (room for COMMAND_MAX_FDS) with the descriptors to wait on
 * and their events; returns their count. */
unsigned command_fds(const struct command *c, struct pollfd *fds);

/* Milliseconds until the command must be looked at again (its deadline,
 * or a moment while it is being reaped); -1 when finished. */
int command_wait_ms(const struct command *c);

/* Read and write what the pipes allow without waiting; kill the command
 * past its deadline or its cap.  Returns true once it is finished. */
bool command_perform(struct command *c);

/* The finished command's output, NUL-terminated (the NUL not counted in
 * *len), now the caller's; NULL when it failed (see command_error()). */
char *command_take_output(struct command *c, size_t *len);

/* Why the finished command failed, a line for the user ("exited with
 * status 2: no such feed"); NULL when it did not. */
const char *command_error(const struct command *c);

/* Kill the command if it runs, and free c; NULL is allowed. */
void command_free(struct command *c);

#endif
