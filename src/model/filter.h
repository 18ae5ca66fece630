/* The filter expression language, as newsboat writes it (its killfile
 * and query feeds), read into a tree and evaluated against an item:
 *
 *     title =~ "ایران" and (age < 7 or tags # "news")
 *
 * A comparison is ATTRIBUTE OPERATOR VALUE; comparisons combine with
 * "and" (binding tighter), "or" and parentheses.  A value is a "quoted
 * text" (\" and \\ inside), a whole number, or a range N:M for between.
 *
 * Attributes, by kind:
 *   text    title content author link guid feedtitle feedurl (rssurl)
 *           feedlink
 *   number  age (whole days since the item's date; 0 without a date)
 *   yes/no  unread starred
 *   letters flags
 *   list    tags (the feed's tags in the urls file)
 *
 * Operators:
 *   =  !=      text: the same text under akhbar's spelling rules
 *              (text_key(): case, Arabic/Persian letter variants,
 *              diacritics, ZWNJ and digits alike); numbers, yes/no,
 *              letters (the same set): equal
 *   =~ !~      text, list: a value of plain words (letters, digits,
 *              spaces and punctuation that is no regular expression
 *              syntax) matches as akhbar's search does (text/find.h:
 *              words from their start, spelling variants alike); any
 *              other value is a POSIX extended regular expression,
 *              case-insensitive, matched against the raw text
 *   #  !#      text: holds the value, under the spelling rules (a
 *              part of a word too: "c++" in "Learn C++"); list: holds
 *              the element (under the spelling rules); letters: has
 *              every letter of the value
 *   < > <= >=  numbers
 *   between    numbers: N:M, both ends included
 *
 * A filter is read once and may then be evaluated any number of times,
 * from any number of threads at once. */
#ifndef AKHBAR_MODEL_FILTER_H
#define AKHBAR_MODEL_FILTER_H

#include <stdbool.h>
#include <stddef.h>

/* What a filter is evaluated against.  Any string may be NULL (taken
 * as ""); the strings are only read during filter_match(). */
struct filter_item {
	const char *title, *content, *author, *link, *guid;
	const char *feed_title, *feed_url, *feed_link;
	const char *flags;       /* the item's flag letters */
	const char *const *tags; /* the feed's tags */
	size_t ntags;
	long long time; /* the item's date, seconds since the epoch; 0 none */
	long long now;  /* the time age counts to */
	bool unread, starred;
};

struct filter;

/* The expression in the NUL-terminated text, or NULL with *error set to
 * a new one-line message naming the column (in characters, from 1) and
 * what was expected there, and *column (when not NULL) to that column. */
struct filter *filter_parse(const char *text, char **error, size_t *column);

/* Whether item matches f. */
bool filter_match(const struct filter *f, const struct filter_item *item);

/* Whether f looks at an item's content, its longest text: an item's
 * content may be left NULL for a filter that does not. */
bool filter_uses_content(const struct filter *f);

/* Free a filter; NULL is allowed. */
void filter_free(struct filter *f);

/* newsboat's ignore-article: items of the feeds whose URL matches a
 * pattern (fnmatch(3): "*" is every feed) and the expression are
 * dropped. */
struct filter_ignore {
	char *feeds;
	struct filter *expr;
};

struct filter_ignores {
	struct filter_ignore *rules;
	size_t n;
};

/* Add a rule; a copy of feeds is kept, expr becomes the list's. */
void filter_ignores_add(struct filter_ignores *list, const char *feeds,
                        struct filter *expr);

/* Whether a rule for the feed at feed_url matches item. */
bool filter_ignored(const struct filter_ignores *list, const char *feed_url,
                    const struct filter_item *item);

/* Free the rules and empty the list. */
void filter_ignores_free(struct filter_ignores *list);

#endif
