/* The article file format (the seed's): optional "Title:", "Date:",
 * "Link:", "Site:" header lines ended by a blank line; the site name; body
 * paragraphs one per line; a credit line starting with منبع, المصدر, מקור
 * or Source and a colon; then related headlines one per line. */
#ifndef AKHBAR_SOURCE_ARTICLE_FILE_H
#define AKHBAR_SOURCE_ARTICLE_FILE_H

#include <stddef.h>

#include "model/article.h"

/* Parse an article from memory.  name is used as its origin.  Returns NULL
 * when nothing usable is there, with *error set to a message the caller
 * frees. */
struct article *article_parse(const char *buf, size_t len, const char *name,
                              char **error);

/* Read and parse an article file (a regular file or a pipe, of any
 * size).  Returns NULL with *error set to a one-line message naming the
 * file when it can't be read or holds nothing usable. */
struct article *article_file_read(const char *path, char **error);

#endif
