/* The unread flow: the next unread story, in the list and then across
 * feeds; a story's read mark toggled; feeds marked read, and undone; and
 * the automatic reload every few minutes. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <time.h>

#include "ui/view.h"
#include "util/i18n.h"
#include "util/clock.h"
#include "util/xalloc.h"

/* The first unread story of s after story from (before it, step -1),
 * not going round the ends; from STORY_NONE: from the first (the last).
 * STORY_NONE when there is none. */
static size_t scan(struct ui_stories *s, size_t from, int step)
{
	size_t n = s->ops->count(s);
	if (step > 0) {
		for (size_t i = from == STORY_NONE ? 0 : from + 1; i < n; i++)
			if (!s->ops->is_read(s, i))
				return i;
	} else {
		for (size_t i = from < n ? from : n; i-- > 0;)
			if (!s->ops->is_read(s, i))
				return i;
	}
	return STORY_NONE;
}

void ui_unread_wrapped(struct ui *ui, int step)
{
	ui_info(ui, "%s",
	        step > 0 ? _("wrapped to the first feed")
	                 : _("wrapped to the last feed"));
}

static void say_none(struct ui *ui)
{
	ui_info(ui, "%s", _("no unread stories"));
}

/* The first unread story of the next feeds with unread stories, around
 * the feed list; the feed shown comes last, read from its other end. */
static bool other_feed(struct ui *ui, int step, size_t *story)
{
	long long shown = ui->stories->feed_id, id = shown, first = 0;
	bool wrapped = false;
	for (;;) {
		id = ui_feeds_next_unread(ui, id, step, &wrapped);
		if (id == 0 || id == first)
			break;
		if (!first)
			first = id;
		struct ui_stories *s = ui->stories;
		char *error = NULL;
		if (id != shown)
			s = ui_stories_for(ui, id, CACHE_LIST_ALL, &error);
		if (!s) {
			ui_message_error(ui, error);
			return false;
		}
		size_t i = scan(s, STORY_NONE, step);
		if (i == STORY_NONE) {
			if (s != ui->stories)
				s->ops->free(s);
			continue;
		}
		if (s != ui->stories)
			ui_feeds_show(ui, id, s);
		if (wrapped)
			ui_unread_wrapped(ui, step);
		*story = i;
		return true;
	}
	say_none(ui);
	return false;
}

/* Whether the stories are one feed's among others. */
static bool among_feeds(const struct ui *ui)
{
	return ui->cache && ui->stories->feed_id > 0;
}

bool ui_unread_next(struct ui *ui, size_t from, int step, size_t *story)
{
	struct ui_stories *s = ui->stories;
	if (from >= s->ops->count(s))
		from = STORY_NONE;
	size_t i = scan(s, from, step);
	/* none in the part of the list read yet: in the rest? */
	char *error = NULL;
	if (i == STORY_NONE && s->reading) {
		if (!ui_stories_read_all(s, &error)) {
			ui_message_error(ui, error);
			return false;
		}
		i = scan(s, from, step);
	}
	if (i != STORY_NONE) {
		*story = i;
		return true;
	}
	if (among_feeds(ui))
		return other_feed(ui, step, story);
	i = scan(s, STORY_NONE, step);
	if (i == STORY_NONE) {
		say_none(ui);
		return false;
	}
	ui_info(ui, "%s",
	        step > 0 ? _("wrapped to the top")
	                 : _("wrapped to the bottom"));
	*story = i;
	return true;
}

bool ui_unread_next_feed(struct ui *ui, int step, size_t *story)
{
	if (!among_feeds(ui)) {
		ui_message(
		        ui, "%s",
		        _("no subscriptions: these stories come from files"));
		return false;
	}
	return other_feed(ui, step, story);
}

unsigned ui_unread_toggle(struct ui *ui, size_t i)
{
	struct ui_stories *s = ui->stories;
	bool read = !s->ops->is_read(s, i);
	char *error = NULL;
	if (!s->ops->set_read(s, i, read, &error)) {
		ui_message_error(ui, error);
		return UI_REACT_DRAW;
	}
	if (ui->cache)
		ui_feeds_mark_stale(ui);
	ui_info(ui, "%s", read ? _("marked read") : _("marked unread"));
	return UI_REACT_DRAW;
}

/* Remember what a marking read changed (owned from now on), for undo. */
static void keep_undo(struct ui *ui, long long *ids, size_t n)
{
	free(ui->undo_ids);
	ui->undo_ids = ids;
	ui->nundo = n;
}

/* Say that n stories were marked read, and which key undoes it. */
static void say_marked(struct ui *ui, size_t n)
{
	char *count = ui_numbers("%zu", n);
	char key[32];
	if (n && ui_config_key_hint(ui->cfg, UI_ACTION_UNDO, key, sizeof key))
		ui_info(ui,
		        ngettext("%s story marked read; %s undoes",
		                 "%s stories marked read; %s undoes", n),
		        count, key);
	else
		ui_info(ui,
		        ngettext("%s story marked read",
		                 "%s stories marked read", n),
		        count);
	free(count);
}

unsigned ui_unread_mark_read(struct ui *ui, long long feed_id)
{
	if (!ui->cache) {
		ui_message(
		        ui, "%s",
		        _("no subscriptions: these stories come from files"));
		return UI_REACT_DRAW;
	}
	size_t n = 0;
	long long *ids = cache_feed_unread_ids(ui->cache, feed_id, &n);
	if (!ids) {
		ui_message(ui, "%s", cache_error(ui->cache));
		return UI_REACT_DRAW;
	}
	/* Held marks are written later: undo stands for them all the same. */
	bool written = cache_items_set_read(ui->cache, ids, n, true);
	keep_undo(ui, ids, n);
	if (written)
		say_marked(ui, n);
	else
		ui_message(ui, "%s", cache_error(ui->cache));
	ui_views_changed(ui, feed_id);
	return UI_REACT_DRAW;
}

/* The unread stories of s: their items, else (files) their numbers.
 * *n gets their count; the caller frees the array. */
static long long *list_unread(struct ui *ui, struct ui_stories *s, size_t *n)
{
	size_t count = s->ops->count(s);
	long long *ids = xreallocarray(NULL, count + 1, sizeof *ids);
	*n = 0;
	for (size_t i = 0; i < count; i++)
		if (!s->ops->is_read(s, i))
			ids[(*n)++] =
			        ui->cache ? s->ops->item(s, i) : (long long)i;
	return ids;
}

unsigned ui_unread_mark_stories_read(struct ui *ui, struct ui_stories *s)
{
	char *error = NULL;
	if (!ui_stories_read_all(s, &error)) {
		ui_message_error(ui, error);
		return UI_REACT_DRAW;
	}
	size_t n;
	long long *ids = list_unread(ui, s, &n);
	bool done = ui->cache ? cache_items_set_read(ui->cache, ids, n, true)
	                      : s->ops->mark_all_read(s, &error);
	if (!done && ui->cache)
		error = xstrdup(cache_error(ui->cache));
	keep_undo(ui, ids, n);
	if (ui_message_error(ui, error))
		say_marked(ui, n);
	if (ui->cache)
		ui_views_changed(ui, 0);
	return UI_REACT_DRAW;
}

unsigned ui_unread_mark_list_read(struct ui *ui)
{
	struct ui_stories *s = ui->stories;
	/* a feed's list, or every feed's: its feed's items at once; a few
	 * starred items, a query's matches or article files: every row is
	 * looked at */
	if (ui->cache && s->rows != CACHE_LIST_STARRED && s->feed_id >= 0)
		return ui_unread_mark_read(ui, s->feed_id);
	return ui_unread_mark_stories_read(ui, s);
}

/* Make the stories numbered ids unread again (reading files). */
static bool stories_unread(struct ui *ui, const long long *ids, size_t n)
{
	struct ui_stories *s = ui->stories;
	bool ok = true;
	for (size_t k = 0; k < n && ok; k++) {
		char *error = NULL;
		ok = s->ops->set_read(s, (size_t)ids[k], false, &error);
		ui_message_error(ui, error);
	}
	return ok;
}

unsigned ui_unread_undo(struct ui *ui)
{
	if (!ui->nundo) {
		ui_info(ui, "%s", _("nothing to undo"));
		return UI_REACT_DRAW;
	}
	size_t n = ui->nundo;
	bool done = ui->cache ? cache_items_set_read(ui->cache, ui->undo_ids, n,
	                                             false)
	                      : stories_unread(ui, ui->undo_ids, n);
	if (done) {
		char *count = ui_numbers("%zu", n);
		ui_info(ui,
		        ngettext("%s story marked unread again",
		                 "%s stories marked unread again", n),
		        count);
		free(count);
	} else if (ui->cache) {
		ui_message(ui, "%s", cache_error(ui->cache));
	}
	keep_undo(ui, NULL, 0);
	if (ui->cache)
		ui_views_changed(ui, 0);
	return UI_REACT_DRAW;
}

void ui_reload_start(struct ui *ui)
{
	if (!ui->cache)
		return;
	if (ui->cfg->reload_at_start)
		ui_feeds_update(ui, UI_FEEDS_ALL);
	if (ui->cfg->reload_interval)
		ui->reload_due_ms =
		        monotonic_ms() + 1000LL * ui->cfg->reload_interval;
}

int ui_reload_wait_ms(const struct ui *ui)
{
	if (!ui->cache || !ui->cfg->reload_interval)
		return -1;
	long long left = ui->reload_due_ms - monotonic_ms();
	return left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
}

unsigned ui_reload_if_due(struct ui *ui)
{
	if (ui_reload_wait_ms(ui) != 0)
		return UI_REACT_NONE;
	ui->reload_due_ms = monotonic_ms() + 1000LL * ui->cfg->reload_interval;
	if (ui->updater)
		return UI_REACT_NONE;
	ui_feeds_update(ui, UI_FEEDS_ALL);
	return UI_REACT_DRAW;
}
