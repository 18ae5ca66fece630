/* The article file format (the seed's): optional "Title:", "Date:",
 * "Link:", "Author:", "Site:" header lines ended by a blank line; the site name; body
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

/* a in the article file format, which article_parse() reads back as the
 * same article: its headline, date, link, author, site, paragraphs
 * (made from its body source when it has one), credit and related
 * headlines.  A line end inside a field becomes a space; a paragraph
 * whose direction its text would not give starts with a mark (U+200E,
 * U+200F), one that would read as a credit line with a word joiner
 * (U+2060), which the reader does not show; related headlines without a
 * credit line get one, "Source: SITE".  The caller frees it. */
char *article_format(const struct article *a);

/* Write article_format(a) to a new file at path (an existing file is
 * never replaced).  Returns 0, or -1 with *error set to the system's
 * message, which the caller frees. */
int article_file_write(const struct article *a, const char *path,
                       char **error);

/* A file name for a in the current folder: its headline's words (any
 * script) joined by '-', at most 60 characters, with ".txt".  The
 * caller frees it. */
char *article_file_name(const struct article *a);

#endif
