/* What the story sources share: the day a story's date shows as, and a
 * search going through the headlines themselves. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/stories.h"
#include "util/xalloc.h"

char *ui_stories_day(long long time)
{
	time_t t = (time_t)time;
	struct tm tm;
	char day[32];
	if (t == 0 || !localtime_r(&t, &tm) ||
	    !strftime(day, sizeof day, "%Y-%m-%d", &tm))
		return NULL;
	return xstrdup(day);
}

bool ui_stories_read_all(struct ui_stories *s, char **error)
{
	return !s->reading || s->ops->read_more(s, 0, error);
}

/* A slice of ui_stories_read_to(): a few rows' worth, so a story near the
 * end of what is read costs no more than the rows up to it. */
#define READ_TO_MS 10

bool ui_stories_read_to(struct ui_stories *s, size_t i, char **error)
{
	while (s->reading && s->ops->count(s) <= i)
		if (!s->ops->read_more(s, READ_TO_MS, error))
			return false;
	return true;
}

static bool title_matches(struct ui_stories *s, const struct text_query *q,
                          size_t i)
{
	const char *title = s->ops->title(s, i);
	return text_query_find(q, title, strlen(title), NULL, NULL);
}

bool ui_stories_walk(struct ui_stories *s, const struct text_query *q,
                     size_t from, enum ui_find_move move, size_t limit,
                     size_t *found)
{
	size_t n = s->ops->count(s);
	for (size_t k = 0; k < n && k < limit; k++) {
		size_t i = move == UI_FIND_PREV   ? (from + 2 * n - 1 - k) % n
		           : move == UI_FIND_NEXT ? (from + 1 + k) % n
		                                  : (from + k) % n;
		if (title_matches(s, q, i)) {
			*found = i;
			return true;
		}
	}
	return false;
}

void ui_stories_find_every(struct ui_stories *s, const struct text_query *q,
                           size_t from, enum ui_find_move move,
                           struct ui_found *found)
{
	*found = (struct ui_found){0};
	size_t n = s->ops->count(s);
	if (!ui_stories_walk(s, q, from, move, n, &found->story))
		return;
	for (size_t i = 0; i < n; i++) {
		bool m = title_matches(s, q, i);
		found->total += m;
		found->rank += m && i <= found->story;
	}
}
