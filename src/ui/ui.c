/* The reader's main loop: events in, actions applied to the state, and
 * one repaint of what changed. */
#include "config.h"

#include "ui/ui.h"

#include <curl/curl.h>
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "layout/lang.h"
#include "ui/conf.h"
#include "ui/draw.h"
#include "ui/screen.h"
#include "ui/view.h"
#include "util/clock.h"
#include "util/filewatch.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Smaller than this, the reader shows only "terminal too small". */
#define MIN_COLS 20
#define MIN_ROWS 6

/* Lines the mouse wheel scrolls by. */
#define WHEEL_LINES 3

/* While feeds update or pages come, how long input waits before the
 * loop looks at the signal flags again: the handlers only set flags, and
 * a wait interrupted by a signal returns at once anyway; this bounds the
 * wait should a signal arrive just before.  The same while the cache has
 * marks to write when another akhbar is done, or has just been written. */
#define INPUT_TIMEOUT_MS 250

/* After a write to the cache's file, it is looked at this long more:
 * the write that wakes the reader may come just before SQLite tells
 * readers the commit is whole. */
#define SETTLE_MS 1000

/* With nothing to watch the cache's file with, how often an idle reader
 * looks for another akhbar's changes. */
#define CACHE_POLL_MS 3000

/* How long each of the updates and the pages waits for the network while
 * both are under way. */
#define BOTH_TIMEOUT_MS 20

static bool too_small(const struct ui *ui)
{
	return ui->cols < MIN_COLS || ui->rows < MIN_ROWS;
}

static void paint(struct ui *ui, unsigned reaction)
{
	ui_draw_begin();
	if (too_small(ui)) {
		ui_draw_text(0, 0, ui->cols, _("terminal too small"),
		             UI_ROLE_NORMAL, &ui->lay, UI_PLACE_AUTO);
		char *need = ui_numbers(_("%dx%d needed"), MIN_COLS, MIN_ROWS);
		ui_draw_text(1, 0, ui->cols, need, UI_ROLE_NORMAL, &ui->lay,
		             UI_PLACE_AUTO);
		free(need);
	} else {
		struct ui_view *v = ui_view_top(ui);
		v->ops->draw(ui, v->self);
		if (ui->prompt)
			ui_prompt_draw(ui);
		else if (ui->message)
			ui_draw_bar(ui, ui->rows - 1,
			            ui->message_info ? UI_ROLE_INFO
			                             : UI_ROLE_MESSAGE,
			            ui->message, NULL);
	}
	if (reaction & UI_REACT_FULL)
		ui_draw_invalidate();
	ui_draw_finish();
}

/* r: the selected feed on the feed list, else the feed open (every feed
 * for a query, whose stories can come from any). */
static unsigned reload(struct ui *ui, bool all)
{
	if (!ui->cache) {
		ui_message(
		        ui, "%s",
		        _("no subscriptions: these stories come from files"));
		return UI_REACT_DRAW;
	}
	if (all)
		ui_feeds_update(ui, UI_FEEDS_ALL);
	else if (ui_view_shown(ui, &ui_feeds_view))
		ui_feeds_update(ui, UI_FEEDS_SELECTED);
	else
		ui_feeds_update(ui, ui->stories->feed_id);
	return UI_REACT_DRAW;
}

/* The link as a browser gets it: an http or https URL as libcurl's
 * parser writes it out, so it starts with "http://" or "https://" and no
 * browser can take it for an option; NULL for any other link. */
static char *web_link(const char *link)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *url = NULL, *web = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, link, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    (!strcasecmp(scheme, "http") || !strcasecmp(scheme, "https")) &&
	    curl_url_get(u, CURLUPART_URL, &url, 0) == CURLUE_OK)
		web = xstrdup(url);
	curl_free(url);
	curl_free(scheme);
	curl_url_cleanup(u);
	return web;
}

/* $BROWSER (its first command; "%s" in it is the address, else the
 * address comes last), else xdg-open.  Words split at blanks, no shell:
 * the address comes from a feed, so only a web link is opened (a file:
 * or javascript: link could do harm), and it goes as one argument. */
unsigned ui_open_link(struct ui *ui, const char *feed_link)
{
	char *link = web_link(feed_link);
	if (!link) {
		ui_message(ui, "%s", _("only http and https links are opened"));
		return UI_REACT_DRAW;
	}
	const char *browser = getenv("BROWSER");
	char *command = xstrdup(browser && *browser ? browser : "xdg-open");
	char *colon = strchr(command, ':');
	if (colon)
		*colon = '\0';
	char **argv = xreallocarray(NULL, strlen(command) + 3, sizeof *argv);
	size_t n = 0;
	bool placed = false;
	for (char *save, *w = strtok_r(command, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(w, "%s")) {
			argv[n++] = link;
			placed = true;
		} else {
			argv[n++] = w;
		}
	}
	if (!placed)
		argv[n++] = link;
	argv[n] = NULL;
	char *error = NULL;
	if (n > 1 || placed)
		ui_screen_run(argv, &error);
	ui_message_error(ui, error);
	free(argv);
	free(command);
	free(link);
	return UI_REACT_DRAW | UI_REACT_FULL;
}

/* o and y: the selected link, or link [N] after the number N. */
static unsigned with_link(struct ui *ui, enum ui_action a)
{
	struct ui_view *v = ui_view_top(ui);
	char *link = ui->count && v->ops->numbered_link
	                     ? v->ops->numbered_link(ui, v->self, ui->count)
	             : v->ops->link ? v->ops->link(ui, v->self)
	                            : NULL;
	unsigned reaction = UI_REACT_DRAW;
	if (!link || !*link) {
		if (!ui->message)
			ui_message(ui, "%s", _("no link"));
	} else if (a == UI_ACTION_OPEN_LINK) {
		reaction = ui_open_link(ui, link);
	} else {
		const char *why_not = ui_screen_copy(link);
		if (why_not)
			ui_message(ui, "%s", why_not);
		else
			ui_info(ui, "%s", _("link copied"));
	}
	free(link);
	return reaction;
}

static unsigned dispatch(struct ui *ui, enum ui_action a)
{
	switch (a) {
	case UI_ACTION_QUIT:
		return UI_REACT_QUIT;
	case UI_ACTION_REDRAW:
		return UI_REACT_DRAW | UI_REACT_FULL;
	default:
		break;
	}
	/* Nothing else can be seen on a screen this small; only leaving works.
	 */
	if (too_small(ui) && a != UI_ACTION_CLOSE)
		return UI_REACT_NONE;
	struct ui_view *v = ui_view_top(ui);
	bool help = v->ops == &ui_help_view;
	if (a == UI_ACTION_HELP && !help) {
		ui_help_open(ui);
		return UI_REACT_DRAW;
	}
	if (a == UI_ACTION_SEARCH || a == UI_ACTION_END_SEARCH) {
		if (!v->ops->search)
			return UI_REACT_NONE;
		if (a == UI_ACTION_END_SEARCH)
			return v->ops->search(ui, v->self, NULL);
		ui_prompt_open(ui);
		return UI_REACT_DRAW;
	}
	if (!help) {
		switch (a) {
		case UI_ACTION_RELOAD:
			return reload(ui, false);
		case UI_ACTION_RELOAD_ALL:
			return reload(ui, true);
		case UI_ACTION_OPEN_LINK:
		case UI_ACTION_COPY_LINK:
			return with_link(ui, a);
		case UI_ACTION_MARK_ALL_READ:
			return ui_unread_mark_read(ui, 0);
		case UI_ACTION_UNDO:
			return ui_unread_undo(ui);
		case UI_ACTION_SHOW_STARRED:
			return ui_list_show_all(ui, CACHE_LIST_STARRED);
		case UI_ACTION_SHOW_UNREAD:
			return ui_list_show_all(ui, CACHE_LIST_UNREAD);
		default:
			break;
		}
	}
	return v->ops->action(ui, v->self, a);
}

/* What the updates of total feeds came to, errors of them failed. */
static char *updates_done(size_t total, size_t errors)
{
	size_t updated = total - errors;
	if (!errors)
		return ui_numbers(ngettext("%zu feed updated",
		                           "%zu feeds updated", updated),
		                  updated);
	if (!updated)
		return ui_numbers(
		        ngettext("%zu feed failed", "%zu feeds failed", errors),
		        errors);
	return ui_numbers(ngettext("%zu feed updated, %zu failed",
	                           "%zu feeds updated, %zu failed", updated),
	                  updated, errors);
}

/* Move the updates on; what changed in the cache shows at once. */
static unsigned run_updates(struct ui *ui)
{
	size_t done_before, total;
	updater_progress(ui->updater, &done_before, &total);
	size_t left = updater_perform(ui->updater);
	size_t done;
	updater_progress(ui->updater, &done, &total);
	unsigned reaction = done != done_before ? UI_REACT_DRAW : UI_REACT_NONE;
	if (left == 0) {
		updater_free(ui->updater);
		ui->updater = NULL;
		char *done_text = updates_done(total, ui->update_errors);
		if (ui->update_errors)
			ui_message(ui, "%s", done_text);
		else
			ui_info(ui, "%s", done_text);
		free(done_text);
		reaction = UI_REACT_DRAW;
	}
	return reaction;
}

/* Write the marks held back while another akhbar wrote the cache, and
 * see whether anyone (a cron --refresh, this reader's own updates)
 * committed changes: the lists are read again. */
static unsigned watch_cache(struct ui *ui)
{
	if (!ui->cache)
		return UI_REACT_NONE;
	unsigned reaction = UI_REACT_NONE;
	if (!cache_flush(ui->cache, false)) {
		ui_message(ui, "%s", cache_error(ui->cache));
		reaction = UI_REACT_DRAW;
	}
	if (cache_changed(ui->cache))
		ui_views_changed(ui, 0);
	return reaction;
}

/* Read again what an update or a mark changed, where it shows now. */
static unsigned refresh_lists(struct ui *ui)
{
	return watch_cache(ui) | ui_views_reread(ui);
}

/* Read the defaults and the user's file; report bad lines on stderr
 * now, and the first of them in the status line once the screen is up
 * (the help lists them all). */
static struct ui_config *load_config(char **message)
{
	struct ui_config *cfg = ui_config_new();
	ui_config_parse(cfg, ui_config_defaults, strlen(ui_config_defaults),
	                _("(built-in defaults)"));
	char *path = ui_config_user_path();
	if (path)
		ui_config_load_file(cfg, path);
	free(path);
	for (size_t i = 0; i < cfg->nerrors; i++)
		fprintf(stderr, "%s: %s\n", PACKAGE, cfg->errors[i]);
	*message = NULL;
	/* the last message may stand for nhidden others */
	size_t count = cfg->nerrors + cfg->nhidden - (cfg->nhidden > 0);
	char help[32];
	if (cfg->nerrors == 1)
		*message = xstrdup(cfg->errors[0]);
	else if (cfg->nerrors > 1 &&
	         ui_config_key_hint(cfg, UI_ACTION_HELP, help, sizeof help))
		*message = ui_numbers(ngettext("%zu config errors (%s lists "
		                               "them): %s",
		                               "%zu config errors (%s lists "
		                               "them): %s",
		                               count),
		                      count, help, cfg->errors[0]);
	else if (cfg->nerrors > 1)
		*message = xasprintf(_("%s (and %zu more errors)"),
		                     cfg->errors[0], cfg->nerrors - 1);
	return cfg;
}

static void on_page(void *ctx, const struct pages_report *r)
{
	struct ui *ui = ctx;
	ui_article_page_done(ui, r);
}

/* Move the stories' pages on; one that finished shows at once. */
static unsigned run_pages(struct ui *ui)
{
	size_t before = pages_busy(ui->pages);
	return pages_perform(ui->pages) != before ? UI_REACT_DRAW
	                                          : UI_REACT_NONE;
}

/* Items expired, and free pages given back, in one turn of the loop
 * while idle: a key waits for one turn at most. */
#define EXPIRE_STEP 100
#define SHRINK_STEP 256

/* The reader's care of the cache: how it learns that another akhbar
 * changed it (a watch on its file, and until when to look at it often
 * after a write), and the expiry under way. */
struct upkeep {
	struct filewatch *file; /* NULL: look every CACHE_POLL_MS */
	long long settle_until; /* CLOCK_MONOTONIC ms */
	int expire_days;        /* 0: items never expire */
	long long expire_before;
	bool expiring, shrinking;
	long long expired; /* items removed by the expiry under way */
};

/* Take in what the watch saw since the last look. */
static void watch_take(struct upkeep *w)
{
	if (filewatch_changed(w->file))
		w->settle_until = monotonic_ms() + SETTLE_MS;
}

/* Start expiring the items older than the days set, from now on. */
static void expiry_start(struct ui *ui, struct upkeep *w)
{
	if (!ui->cache || !w->expire_days)
		return;
	w->expire_before = (long long)time(NULL) - w->expire_days * 86400LL;
	w->expiring = true;
	w->expired = 0;
}

/* One turn's share of the expiry under way: some items, then some free
 * pages; another akhbar writing the cache puts it off to the next
 * start or update.  The lists are read again when items went. */
static unsigned expiry_step(struct ui *ui, struct upkeep *w)
{
	if (w->expiring) {
		long long n = cache_expire(ui->cache, w->expire_before,
		                           EXPIRE_STEP, false);
		w->expired += n > 0 ? n : 0;
		w->expiring = n == EXPIRE_STEP;
		w->shrinking = n >= 0 && !w->expiring && w->expired > 0;
		if (n < 0) {
			ui_message(ui, "%s", cache_error(ui->cache));
			return UI_REACT_DRAW;
		}
		if (!w->expiring && w->expired > 0)
			ui_views_changed(ui, 0);
	} else if (w->shrinking) {
		w->shrinking = cache_shrink(ui->cache, SHRINK_STEP, false) > 0;
	}
	return UI_REACT_NONE;
}

/* How long an idle reader may sleep before it looks at the cache again
 * (-1: until a key, a signal or a write to the cache's file). */
static int cache_timeout(const struct ui *ui, const struct upkeep *w)
{
	if (!ui->cache)
		return -1;
	if (w->expiring || w->shrinking)
		return 0;
	if (cache_holding(ui->cache) || w->settle_until > monotonic_ms())
		return INPUT_TIMEOUT_MS;
	return w->file ? -1 : CACHE_POLL_MS;
}

/* How long an idle reader may sleep: until the cache needs a look or the
 * automatic reload is due, whichever comes first (-1: no bound). */
static int idle_timeout(const struct ui *ui, const struct upkeep *w)
{
	int cache = cache_timeout(ui, w), reload = ui_reload_wait_ms(ui);
	if (cache < 0)
		return reload;
	return reload >= 0 && reload < cache ? reload : cache;
}

/* Nothing under way: sleep until there is something to do.  The input
 * may hold keys curses has read already when the last event was one. */
static enum ui_event idle_event(struct ui *ui, struct upkeep *w, int *key,
                                bool input_waiting, unsigned *reaction)
{
	if (!input_waiting) {
		*reaction |= expiry_step(ui, w);
		struct pollfd fd = {.fd = filewatch_fd(w->file),
		                    .events = POLLIN};
		ui_screen_wait(&fd, w->file ? 1 : 0, idle_timeout(ui, w));
	}
	watch_take(w);
	return ui_screen_event(key, 0);
}

/* Wait for the next event: idle, until there is one; with updates or
 * pages under way, on the terminal and the network together (scrolling
 * and reading go on meanwhile).  With both, each waits in turn a
 * little. */
static enum ui_event next_event(struct ui *ui, struct upkeep *w, int *key,
                                bool input_waiting, unsigned *reaction)
{
	bool pages = pages_busy(ui->pages) > 0;
	if (!ui->updater && !pages)
		return idle_event(ui, w, key, input_waiting, reaction);
	watch_take(w);
	struct pollfd in = {.fd = ui_screen_input_fd(), .events = POLLIN};
	int wait = input_waiting          ? 0
	           : ui->updater && pages ? BOTH_TIMEOUT_MS
	                                  : INPUT_TIMEOUT_MS;
	if (ui->updater) {
		updater_poll(ui->updater, &in, 1, wait);
		*reaction |= run_updates(ui);
		wait = 0;
	}
	if (pages) {
		pages_poll(ui->pages, &in, 1, wait);
		*reaction |= run_pages(ui);
	}
	return ui_screen_event(key, 0);
}

/* A digit no key binding takes, where the view on top has numbered
 * links: the number typed grows, and the status line shows it with the
 * keys that take it. */
static bool count_digit(struct ui *ui, int key)
{
	struct ui_view *v = ui_view_top(ui);
	if (key < '0' || key > '9' || (key == '0' && !ui->count) ||
	    !v->ops->numbered_link || too_small(ui))
		return false;
	if (ui->count < 100000)
		ui->count = ui->count * 10 + (size_t)(key - '0');
	static const struct ui_hint hints[] = {
	        {UI_ACTION_OPEN_LINK, N_("%s open")},
	        {UI_ACTION_COPY_LINK, N_("%s copy")},
	        {UI_ACTION_END_SEARCH, N_("%s cancel")},
	};
	char *number = ui_numbers("%zu", ui->count);
	char *keys = ui_hints(ui, hints, sizeof hints / sizeof *hints);
	ui_info(ui, _("link [%s]  %s"), number, keys);
	free(keys);
	free(number);
	return true;
}

/* A key: the message goes, and the open prompt takes it, else the
 * action bound to it is applied.  A number typed before counts for o
 * and y only: Esc (end-search) or any other action drops it. */
static unsigned on_key(struct ui *ui, int key)
{
	unsigned reaction = UI_REACT_NONE;
	if (ui->message) {
		free(ui->message);
		ui->message = NULL;
		reaction = UI_REACT_DRAW;
	}
	if (ui->prompt)
		return reaction | ui_prompt_key(ui, key);
	enum ui_action a = ui_config_action(ui->cfg, key);
	if (a == UI_ACTION_NONE && count_digit(ui, key))
		return UI_REACT_DRAW;
	bool counted = ui->count > 0;
	if (counted && a != UI_ACTION_OPEN_LINK && a != UI_ACTION_COPY_LINK)
		ui->count = 0;
	if (a != UI_ACTION_NONE && !(counted && a == UI_ACTION_END_SEARCH))
		reaction |= dispatch(ui, a);
	ui->count = 0;
	return reaction;
}

/* What an event changes; *status is set when it ends the reader. */
static unsigned on_event(struct ui *ui, enum ui_event event, int key,
                         int *status)
{
	unsigned reaction = UI_REACT_NONE;
	switch (event) {
	case UI_EVENT_NONE:
		break;
	case UI_EVENT_QUIT:
		*status = 128 + ui_screen_quit_signal();
		return UI_REACT_QUIT;
	case UI_EVENT_RESIZE:
		return UI_REACT_DRAW;
	case UI_EVENT_RESUMED:
	case UI_EVENT_REPAINT:
		return UI_REACT_DRAW | UI_REACT_FULL;
	case UI_EVENT_WHEEL_UP:
	case UI_EVENT_WHEEL_DOWN:
		for (int i = 0; i < WHEEL_LINES; i++)
			reaction |= dispatch(ui, event == UI_EVENT_WHEEL_UP
			                                 ? UI_ACTION_LINE_UP
			                                 : UI_ACTION_LINE_DOWN);
		break;
	case UI_EVENT_KEY:
		return on_key(ui, key);
	}
	return reaction;
}

/* The interface's direction: the config's, else the interface
 * language's (mirrored for a language written right to left). */
static enum ui_direction interface_direction(const struct ui_config *cfg)
{
	switch (cfg->direction) {
	case UI_CONFIG_DIR_LTR:
		return UI_DIR_LTR;
	case UI_CONFIG_DIR_RTL:
		return UI_DIR_RTL;
	case UI_CONFIG_DIR_AUTO:
		break;
	}
	return lang_rtl() ? UI_DIR_RTL : UI_DIR_LTR;
}

void ui_state_changed(struct ui *ui)
{
	if (ui->state_path && !ui_state_save(&ui->state, ui->state_path))
		ui_message(ui, _("%s: can't be written: %s"), ui->state_path,
		           strerror(errno));
}

/* Run the reader with the view first on screen. */
static int run(struct ui *ui, const struct ui_view_ops *first)
{
	struct ui_config *cfg = load_config(&ui->message);
	ui->cfg = cfg;
	ui->state_path = ui_state_path();
	ui_state_load(&ui->state, ui->state_path);
	if (!ui_screen_open(cfg, ui->lay.visual)) {
		ui_config_free(cfg);
		return EXIT_FAILURE;
	}
	const char *advice = ui_screen_advice();
	if (advice && !ui->message)
		ui->message = xstrdup(advice);
	ui->rows = LINES;
	ui->cols = COLS;
	ui_draw_set_direction(interface_direction(cfg), lang_rtl());
	ui_draw_set_logical(!ui->lay.visual);
	ui_view_push(ui, first);
	ui_reload_start(ui);

	int status = EXIT_SUCCESS;
	unsigned reaction = UI_REACT_DRAW | UI_REACT_FULL;
	bool input_waiting = false;
	struct upkeep care = {
	        .file = ui->cache && cache_file(ui->cache)
	                        ? filewatch_new(cache_file(ui->cache))
	                        : NULL,
	        .expire_days = ui->expire_days};
	expiry_start(ui, &care);
	while (!(reaction & UI_REACT_QUIT)) {
		reaction |= ui_reload_if_due(ui) | refresh_lists(ui);
		if (reaction)
			paint(ui, reaction);
		/* What the view on screen leaves until it is painted (an
		 * article's related stories, the feed list's query counts) is
		 * read now, and shown without sleeping; a key waiting is
		 * answered first. */
		reaction = reaction ? ui_views_settle(ui) : UI_REACT_NONE;
		int key = 0;
		bool updating = ui->updater != NULL;
		enum ui_event event = next_event(
		        ui, &care, &key, input_waiting || reaction, &reaction);
		if (updating && !ui->updater)
			expiry_start(ui, &care);
		/* ncurses may hold more keys than the descriptor shows. */
		input_waiting = event != UI_EVENT_NONE;
		ui->rows = LINES;
		ui->cols = COLS;
		reaction |= on_event(ui, event, key, &status);
	}

	filewatch_free(care.file);
	ui_screen_close();
	ui_config_free(cfg);
	return status;
}

static void ui_done(struct ui *ui)
{
	updater_free(ui->updater);
	pages_free(ui->pages);
	ui_views_free(ui);
	ui_prompt_done(ui);
	if (ui->stories)
		ui->stories->ops->free(ui->stories);
	free(ui->stories_title);
	free(ui->message);
	free(ui->undo_ids);
	free(ui->state_path);
}

int ui_run(struct library *lib, struct source_relater *relater,
           const struct lay_options *layout)
{
	struct ui ui = {
	        .stories = ui_stories_library(lib, relater),
	        .lay = *layout,
	};
	int status = run(&ui, &ui_list_view);
	ui_done(&ui);
	return status;
}

int ui_run_feeds(struct cache *cache, const struct urls *urls,
                 const struct fetch_options *fetch,
                 enum pages_choice full_articles,
                 const struct lay_options *layout, int expire_days)
{
	struct ui ui = {
	        .lay = *layout,
	        .cache = cache,
	        .urls = urls,
	        .fetch = *fetch,
	        .full_articles = full_articles,
	        .expire_days = expire_days,
	};
	struct pages_options pages = {
	        .fetch = *fetch, .on_done = on_page, .ctx = &ui};
	pages.fetch.max_parallel = 0; /* the pages' own bound */
	ui.pages = pages_new(cache, &pages);
	int status = run(&ui, &ui_feeds_view);
	ui_done(&ui);
	return status;
}
