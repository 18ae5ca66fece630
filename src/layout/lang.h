/* The interface's language: the one gettext took its messages from (the
 * catalogue's "Language:" header; English when none was found), whether
 * it is written right to left, and the digits it writes numbers in. */
#ifndef AKHBAR_LAYOUT_LANG_H
#define AKHBAR_LAYOUT_LANG_H

#include <stdbool.h>

#include "model/article.h"

/* Whether the interface's language is written right to left (Persian,
 * Arabic, Hebrew, Urdu and the other languages of those scripts). */
bool lang_rtl(void);

/* text with its ASCII digits written in the interface language's own
 * (Persian ۰-۹, Arabic ٠-٩; as they are for Hebrew and English).  For
 * text the interface makes (counts, positions, its dates), never for
 * text from a feed.  Caller frees. */
char *lang_digits(const char *text);

/* Write a's date as the interface shows every date, from a->time:
 * "YYYY-MM-DD HH:MM ZONE" in local time, in the language's digits.  A date
 * known only as text (a->time 0) stays as it was written. */
void lang_article_date(struct article *a);

#endif
