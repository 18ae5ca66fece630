/* OPML, the file feed readers trade subscriptions in: import into the
 * urls file (akhbar --import) and export from it (akhbar --export). */
#ifndef AKHBAR_SOURCE_OPML_H
#define AKHBAR_SOURCE_OPML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "source/urls.h"

/* Read the OPML 1.0 or 2.0 file at path.  Every outline with an xmlUrl
 * is a feed; the outlines around it (folders) and its OPML 2.0 category
 * attribute become its tags.  Only http and https URLs are taken, and
 * file: URLs and paths when local is true; any other outline (newsboat's
 * exec: and filter: run commands) is left out and described in out's
 * errors ("FILE:LINE: outline ..."). Feeds already in known (may be NULL)
 * or earlier in the file are skipped and counted in *skipped.  New feeds
 * are appended to out.  The file never reaches the network or other files
 * (no external entities, no DTD loading; entities are not expanded).
 * Returns false with *error (a new string, "FILE:LINE: message") when the
 * file can't be read or isn't OPML; out is then unchanged. */
bool opml_read(const char *path, bool local, const struct urls *known,
               struct urls *out, size_t *skipped, char **error);

/* akhbar --import: read the OPML file (local as for opml_read) and append
 * its new feeds to the urls file (see urls_append; comments and everything
 * else there are kept); the outlines left out are warned about.  *added
 * and *skipped count feeds.  Returns false with *error. */
bool opml_import(const char *opml_path, const char *urls_path, bool local,
                 size_t *added, size_t *skipped, char **error);

/* A feed's title for the export (from the cache), or NULL when unknown.
 * The string need only live until the next call. */
typedef const char *opml_title_fn(void *ctx, const char *url);

/* Write list as OPML 2.0 to out: feeds with their first tag as a folder
 * and further tags in the category attribute; a feed's text is its
 * "~Title", else title_of's answer (title_of may be NULL), else its URL.
 * newsboat's query:, exec: and filter: lines have no form in OPML and are
 * left out, and the hidden mark "!" is lost (opml_lost says so).  Returns
 * false when writing failed. */
bool opml_export(FILE *out, const struct urls *list, opml_title_fn *title_of,
                 void *ctx);

/* What opml_export loses of e (read from file), as a new string of safe
 * text "FILE:LINE: message"; NULL when it loses nothing. */
char *opml_lost(const struct urls_entry *e, const char *file);

#endif
