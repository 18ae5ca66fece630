/* The article view: the document scrolled in the window, the focus moving
 * among related headlines, and a history of where the reader has been. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout/document.h"
#include "layout/lang.h"
#include "source/article_file.h"
#include "text/safe.h"
#include "ui/draw.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Older places are forgotten past this many. */
#define HISTORY_MAX 256

/* Where the reader was in an article, kept across resizes: the block at
 * the top of the screen and the byte its top row starts at. */
struct place_mark {
	size_t story;
	size_t block, offset;
	long focus; /* related headline with the focus, or -1 */
};

/* The article view's state. */
struct article_view {
	struct place_mark at; /* the story shown and the place in it */
	struct article *page; /* at.story's, the view's own */
	struct document *doc; /* page laid out at doc_width */
	int doc_width;
	struct ui_rows rows; /* rows.top: the first document line on screen */
	struct place_mark *history;
	size_t nhistory;
	struct ui_find find;          /* the story's search */
	size_t match;                 /* its match moved to last: the number */
	size_t match_block;           /* ... the block it is in */
	struct text_range match_span; /* ... and its bytes there */
	/* The page of a related headline being fetched to be opened (owned;
	 * NULL: none), and where the reader asked for it: it opens only if
	 * the reader is still there. */
	char *waiting_url;
	size_t waiting_story;
	long waiting_focus;
	bool summary_only; /* the story is its feed's summary, and its full
	                      article can be fetched */
	bool related_due;  /* the source's more_related() is yet to add to
	                      page */
};

static size_t count(const struct ui *ui)
{
	return ui->stories->ops->count(ui->stories);
}

static size_t page_rows(const struct ui *ui)
{
	int h = ui_body_rows(ui);
	return h > 0 ? (size_t)h : 1;
}

static size_t max_top(const struct ui *ui, const struct article_view *av)
{
	return ui_rows_max_top(av->doc->nlines, page_rows(ui));
}

/* The line where the remembered place starts: in its block, the last row
 * starting at or before its byte. */
static size_t line_of_place(const struct article_view *av)
{
	const struct document *doc = av->doc;
	if (av->at.block >= doc->nblocks)
		return 0;
	size_t first = doc->block_first_line[av->at.block], line = first;
	for (size_t i = first;
	     i < doc->nlines && doc->lines[i].block == av->at.block; i++)
		if (doc->lines[i].row->start <= av->at.offset)
			line = i;
	return line;
}

/* Remember the top of the screen; done after every move the reader makes,
 * never after a resize, so resizing there and back returns exactly. */
static void mark_place(struct article_view *av)
{
	if (av->rows.top < av->doc->nlines) {
		av->at.block = av->doc->lines[av->rows.top].block;
		av->at.offset = av->doc->lines[av->rows.top].row->start;
	} else {
		av->at.block = 0;
		av->at.offset = 0;
	}
}

/* Lay the story out again when the width changed (or on first use). */
static void sync_layout(struct ui *ui, struct article_view *av)
{
	if (av->doc && av->doc_width == ui->cols)
		return;
	document_free(av->doc);
	struct lay_options opt = ui->lay;
	opt.width = ui->cols;
	av->doc = document_new(av->page, &opt);
	av->doc_width = ui->cols;
	av->rows.top = line_of_place(av);
	if (av->rows.top > max_top(ui, av))
		av->rows.top = max_top(ui, av);
}

/* Mark story i read: the list's unread counts change. */
static void mark_read(struct ui *ui, size_t i)
{
	struct ui_stories *s = ui->stories;
	char *error = NULL;
	if (!s->ops->is_read(s, i) && !s->ops->set_read(s, i, true, &error))
		ui_message_error(ui, error);
	else if (ui->cache)
		ui_feeds_mark_stale(ui);
}

/* The cache's item of the story shown, or 0. */
static long long shown_item(const struct ui *ui, const struct article_view *av)
{
	struct ui_stories *s = ui->stories;
	return s && av->page && s->ops->item ? s->ops->item(s, av->at.story)
	                                     : 0;
}

/* Fetch the web page of the story shown when the user's choice says so:
 * never fetched nor failed, and its feed's tag or the default chooses it
 * (force: the user asked for it).  False when it is not fetched. */
static bool fetch_page(struct ui *ui, struct article_view *av, bool force)
{
	long long item = shown_item(ui, av);
	struct cache_page *p =
	        item && ui->pages ? cache_item_page(ui->cache, item) : NULL;
	if (!p)
		return false;
	enum pages_choice choice =
	        force ? PAGES_ALL
	              : pages_feed_choice(ui->urls, av->page->origin,
	                                  ui->full_articles);
	bool want = (force || (!p->fetched && !p->error)) && p->link &&
	            pages_wanted(choice, av->page);
	av->summary_only =
	        !p->fetched && p->link && pages_wanted(PAGES_SHORT, av->page);
	if (want)
		pages_add(ui->pages, item, p->feed_id, p->link);
	cache_page_free(p);
	return want;
}

/* The feed the article comes from is named as the feed list names it:
 * the urls file's title for it wins over the feed's own. */
static void name_feed(const struct ui *ui, struct article *page)
{
	const struct urls_entry *e = ui->urls && page->origin
	                                     ? urls_find(ui->urls, page->origin)
	                                     : NULL;
	if (e && e->title) {
		free(page->feed);
		page->feed = xstrdup(e->title);
	}
}

/* Show a place; false (with ui->message) when its story can't be read:
 * then the story shown stays, as it was. */
static bool show(struct ui *ui, struct article_view *av,
                 const struct place_mark *place)
{
	struct ui_stories *s = ui->stories;
	char *error = NULL;
	struct article *page = s->ops->page(s, place->story, &error);
	/* a page may come with a message: it reads, lacking something */
	ui_message_error(ui, error);
	if (!page)
		return false;
	if (av->at.story != place->story)
		ui_find_end(&av->find); /* it was the other story's */
	document_free(av->doc);
	av->doc = NULL;
	article_free(av->page);
	av->page = page;
	name_feed(ui, page);
	lang_article_date(page);
	av->at = *place;
	av->summary_only = false;
	/* A story opened at its top shows its text first and the related
	 * stories its source leaves for later a moment after (settle());
	 * a place further down may be among them. */
	bool at_top = !place->block && !place->offset && place->focus < 0;
	av->related_due = s->ops->more_related && at_top;
	if (s->ops->more_related && !at_top)
		s->ops->more_related(s, place->story, page);
	ui_list_follow(ui, place->story);
	mark_read(ui, place->story);
	sync_layout(ui, av);
	fetch_page(ui, av, false);
	return true;
}

/* Open story i at its top. */
static bool open_story(struct ui *ui, struct article_view *av, size_t i)
{
	struct place_mark start = {i, 0, 0, -1};
	return show(ui, av, &start);
}

/* Forget the story and the history: the view is left. */
static void close_story(struct article_view *av)
{
	document_free(av->doc);
	av->doc = NULL;
	free(av->history);
	av->history = NULL;
	av->nhistory = 0;
	article_free(av->page);
	av->page = NULL;
	ui_find_end(&av->find);
	free(av->waiting_url);
	av->waiting_url = NULL;
}

static unsigned leave(struct ui *ui, struct article_view *av)
{
	close_story(av);
	ui_view_pop(ui);
	return UI_REACT_DRAW;
}

bool ui_article_open(struct ui *ui, size_t story)
{
	struct article_view *av = ui_view_state(ui, &ui_article_view);
	if (!open_story(ui, av, story))
		return false;
	ui_view_push(ui, &ui_article_view);
	return true;
}

static void push_history(struct article_view *av)
{
	if (av->nhistory == HISTORY_MAX) {
		for (size_t i = 1; i < av->nhistory; i++)
			av->history[i - 1] = av->history[i];
		av->nhistory--;
	}
	av->history = xreallocarray(av->history, av->nhistory + 1,
	                            sizeof *av->history);
	av->history[av->nhistory++] = av->at;
}

static enum ui_role line_role(const struct article_view *av,
                              const struct doc_line *line)
{
	switch (line->role) {
	case DOC_HEADLINE:
		return UI_ROLE_HEADLINE;
	case DOC_META:
		return UI_ROLE_META;
	case DOC_BODY:
		return UI_ROLE_BODY;
	case DOC_CREDIT:
		return UI_ROLE_CREDIT;
	case DOC_HEADING:
		return UI_ROLE_HEADING;
	case DOC_RELATED:
		return line->related == av->at.focus ? UI_ROLE_FOCUS
		                                     : UI_ROLE_RELATED;
	case DOC_BLANK:
		break;
	}
	return UI_ROLE_NORMAL;
}

/* Whether a search looks in block b: the story's own text, not the
 * blank rows and the "Related stories" heading between. */
static bool searched(const struct document *doc, size_t b)
{
	enum doc_role role = doc->lines[doc->block_first_line[b]].role;
	return role != DOC_BLANK && role != DOC_HEADING;
}

/* The matches of the story's search in block b; *n their count.  The
 * caller frees the array. */
static struct text_range *block_matches(const struct article_view *av, size_t b,
                                        size_t *n)
{
	struct text_range *spans = NULL;
	*n = 0;
	const char *text = av->doc->block_text[b];
	if (av->find.query && searched(av->doc, b))
		text_query_find(av->find.query, text, strlen(text), &spans, n);
	return spans;
}

/* What is being fetched for the story shown, in words; NULL: nothing. */
static const char *fetching_what(const struct ui *ui,
                                 const struct article_view *av)
{
	long long item = shown_item(ui, av);
	if (item && pages_pending(ui->pages, item, NULL))
		return _("fetching the full article...");
	if (av->waiting_url && pages_pending(ui->pages, 0, av->waiting_url))
		return _("fetching the related story...");
	return NULL;
}

/* The status line's note on the story shown: what is being fetched for
 * it, else that it is a summary whose article the key of fetch-article
 * brings; NULL: none.  Caller frees. */
static char *story_note(const struct ui *ui, const struct article_view *av)
{
	const char *fetching = fetching_what(ui, av);
	if (fetching)
		return xstrdup(fetching);
	if (!av->summary_only)
		return NULL;
	char key[32];
	if (!ui_config_key_hint(ui->cfg, UI_ACTION_FETCH_ARTICLE, key,
	                        sizeof key))
		return xstrdup(_("summary"));
	return xasprintf(_("summary: %s full article"), key);
}

/* How long the article is, and whether its end is in view: what a
 * line's scroll leaves unchanged, so scrolling rewrites no status bar
 * (only coming to the end or leaving it does). */
static char *extent(size_t nlines, bool end_shown)
{
	return end_shown ? ui_numbers(ngettext("%zu line, end",
	                                       "%zu lines, end", nlines),
	                              nlines)
	                 : ui_numbers(ngettext("%zu line", "%zu lines", nlines),
	                              nlines);
}

/* The title bar names the feed of the story shown (else the list's
 * title, else akhbar) and its headline, kept apart by an isolate. */
static char *title_bar(const struct ui *ui, const struct article_view *av)
{
	const char *feed = av->page->feed && *av->page->feed ? av->page->feed
	                   : ui->stories_title               ? ui->stories_title
	                                                     : PACKAGE;
	return xasprintf("%s \u2014 \u2068%s\u2069", feed, av->page->title);
}

static void article_draw(struct ui *ui, void *self)
{
	struct article_view *av = self;
	sync_layout(ui, av);
	/* A story from elsewhere (a related item of another feed) has no
	 * place in the list. */
	char *position =
	        av->at.story < count(ui)
	                ? ui_numbers("%zu/%zu", av->at.story + 1, count(ui))
	                : NULL;
	char *bar = title_bar(ui, av);
	ui_draw_bar(ui, 0, UI_ROLE_TITLE, bar, position);
	free(bar);
	free(position);

	const struct document *doc = av->doc;
	size_t h = page_rows(ui);
	/* the matches of the block being drawn, found once for its rows;
	 * the one n and N moved to is drawn apart */
	struct text_range *spans = NULL;
	struct ui_marks marks = {0};
	size_t spans_block = (size_t)-1;
	for (size_t y = 0; y < h && av->rows.top + y < doc->nlines; y++) {
		const struct doc_line *line = &doc->lines[av->rows.top + y];
		if (line->block != spans_block) {
			free(spans);
			spans = block_matches(av, line->block, &marks.nfound);
			marks.found = spans;
			bool current =
			        marks.nfound && line->block == av->match_block;
			marks.current = current ? &av->match_span : NULL;
			marks.ncurrent = current;
			spans_block = line->block;
		}
		ui_draw_row_marked(1 + (int)y, 0, ui->cols, line->row,
		                   line_role(av, line), &marks);
	}
	free(spans);

	char *lines = extent(doc->nlines, av->rows.top + h >= doc->nlines);
	char *note = story_note(ui, av);
	if (note) {
		char *both = xasprintf("%s  %s", lines, note);
		free(lines);
		free(note);
		lines = both;
	}
	static const struct ui_hint related[] = {
	        {UI_ACTION_NEXT_RELATED, N_("%s related")},
	        {UI_ACTION_OPEN, N_("%s open")},
	        {UI_ACTION_BACK, N_("%s back")},
	        {UI_ACTION_HELP, N_("%s help")},
	};
	static const struct ui_hint alone[] = {
	        {UI_ACTION_BACK, N_("%s back")},
	        {UI_ACTION_CLOSE, N_("%s list")},
	        {UI_ACTION_HELP, N_("%s help")},
	};
	char *keys =
	        av->page->nrelated
	                ? ui_hints(ui, related,
	                           sizeof related / sizeof *related)
	                : ui_hints(ui, alone, sizeof alone / sizeof *alone);
	ui_draw_bar(ui, ui->rows - 1, UI_ROLE_STATUS, lines, keys);
	free(keys);
	free(lines);
}

static unsigned scroll_to(struct ui *ui, struct article_view *av, size_t top)
{
	unsigned reaction = ui_rows_scroll_to(&av->rows, av->doc->nlines,
	                                      page_rows(ui), top);
	if (reaction)
		mark_place(av);
	return reaction;
}

/* Scroll so that every row of related headline i is on screen. */
static void reveal_related(struct ui *ui, struct article_view *av, size_t i)
{
	const struct document *doc = av->doc;
	size_t first = document_related_line(doc, i), last = first;
	while (last + 1 < doc->nlines &&
	       doc->lines[last + 1].related == (long)i)
		last++;
	size_t h = page_rows(ui);
	size_t top = av->rows.top;
	if (last >= top + h)
		top = last - h + 1;
	if (first < top)
		top = first;
	scroll_to(ui, av, top);
}

/* Related headline i exists and is in the document. */
static bool related_shown(const struct article_view *av, size_t i)
{
	return document_related_line(av->doc, i) != (size_t)-1;
}

static unsigned move_focus(struct ui *ui, struct article_view *av, bool forward)
{
	size_t n = av->page->nrelated;
	if (n == 0)
		return UI_REACT_NONE;
	size_t h = page_rows(ui);
	long focus = av->at.focus;
	size_t i;
	if (focus < 0) {
		/* start from what is on screen */
		i = forward ? 0 : n - 1;
		for (size_t k = 0; k < n; k++) {
			size_t j = forward ? k : n - 1 - k;
			size_t line = document_related_line(av->doc, j);
			if (line == (size_t)-1)
				continue;
			if (forward ? line >= av->rows.top
			            : line < av->rows.top + h) {
				i = j;
				break;
			}
		}
	} else {
		i = forward ? ((size_t)focus + 1) % n
		            : ((size_t)focus + n - 1) % n;
	}
	for (size_t tries = 0; tries < n && !related_shown(av, i); tries++)
		i = forward ? (i + 1) % n : (i + n - 1) % n;
	if (!related_shown(av, i))
		return UI_REACT_NONE;
	av->at.focus = (long)i;
	reveal_related(ui, av, i);
	mark_place(av);
	return UI_REACT_DRAW;
}

/* Fetch the page of the focused related headline, no story yet, to open
 * it when it arrives. */
static unsigned fetch_related(struct ui *ui, struct article_view *av)
{
	struct ui_stories *s = ui->stories;
	long long item = shown_item(ui, av);
	char *link = item && ui->pages && s->ops->related_link
	                     ? s->ops->related_link(s, av->at.story,
	                                            (size_t)av->at.focus)
	                     : NULL;
	struct cache_page *p = link ? cache_item_page(ui->cache, item) : NULL;
	if (!p) {
		free(link);
		return UI_REACT_NONE;
	}
	pages_add(ui->pages, 0, p->feed_id, link);
	cache_page_free(p);
	free(av->waiting_url);
	av->waiting_url = link;
	av->waiting_story = av->at.story;
	av->waiting_focus = av->at.focus;
	return UI_REACT_DRAW;
}

static unsigned open_focused(struct ui *ui, struct article_view *av)
{
	if (av->at.focus < 0 || (size_t)av->at.focus >= av->page->nrelated)
		return UI_REACT_NONE;
	size_t target = ui->stories->ops->target(ui->stories, av->at.story,
	                                         (size_t)av->at.focus);
	if (target == STORY_NONE)
		return fetch_related(ui, av);
	push_history(av);
	if (!open_story(ui, av, target))
		av->nhistory--;
	return UI_REACT_DRAW;
}

static unsigned open_sibling(struct ui *ui, struct article_view *av, bool next)
{
	size_t i = av->at.story;
	char *error = NULL;
	/* the next story of a list still read may be in the rest */
	if (next && i < count(ui) &&
	    !ui_stories_read_to(ui->stories, i + 1, &error)) {
		ui_message_error(ui, error);
		return UI_REACT_DRAW;
	}
	if (i >= count(ui) || (next ? i + 1 >= count(ui) : i == 0))
		return UI_REACT_NONE;
	push_history(av);
	if (!open_story(ui, av, next ? i + 1 : i - 1))
		av->nhistory--;
	return UI_REACT_DRAW;
}

static unsigned go_back(struct ui *ui, struct article_view *av)
{
	if (av->nhistory == 0)
		return leave(ui, av);
	struct place_mark place = av->history[--av->nhistory];
	if (!show(ui, av, &place))
		return UI_REACT_DRAW;
	av->rows.top = line_of_place(av);
	if (av->rows.top > max_top(ui, av))
		av->rows.top = max_top(ui, av);
	return UI_REACT_DRAW;
}

/* Where a match of the story's search is. */
struct match_place {
	size_t line; /* the line showing its start */
	size_t block;
	struct text_range span; /* its bytes in the block's text */
};

/* Every match of the story's search, in the order of the text; returns
 * their count.  The caller frees *places. */
static size_t match_places(const struct article_view *av,
                           struct match_place **places)
{
	const struct document *doc = av->doc;
	size_t n = 0, cap = 0;
	*places = NULL;
	for (size_t b = 0; b < doc->nblocks; b++) {
		size_t nspans;
		struct text_range *spans = block_matches(av, b, &nspans);
		size_t line = doc->block_first_line[b];
		for (size_t k = 0; k < nspans; k++) {
			/* the last row of the block starting at or before it */
			while (line + 1 < doc->nlines &&
			       doc->lines[line + 1].block == b &&
			       doc->lines[line + 1].row->start <=
			               spans[k].start)
				line++;
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				*places = xreallocarray(*places, cap,
				                        sizeof **places);
			}
			(*places)[n++] =
			        (struct match_place){line, b, spans[k]};
		}
		free(spans);
	}
	return n;
}

enum find_move {
	FIND_FROM_TOP, /* the first match at or below the top of the screen */
	FIND_NEXT,
	FIND_PREV,
};

/* Go to a match of the story's search, around the ends: a match off
 * the screen is scrolled to the top row. */
static unsigned find_move(struct ui *ui, struct article_view *av,
                          enum find_move move)
{
	struct match_place *places;
	size_t n = match_places(av, &places);
	if (n == 0) {
		ui_find_none(ui, &av->find);
		return UI_REACT_DRAW;
	}
	size_t k = 0;
	if (move == FIND_FROM_TOP) {
		while (k < n && places[k].line < av->rows.top)
			k++;
		if (k == n)
			k = 0;
	} else if (av->match >= n) {
		k = move == FIND_NEXT ? 0 : n - 1;
	} else {
		k = move == FIND_NEXT ? (av->match + 1) % n
		                      : (av->match + n - 1) % n;
	}
	av->match = k;
	av->match_block = places[k].block;
	av->match_span = places[k].span;
	size_t line = places[k].line;
	free(places);
	if (line < av->rows.top || line >= av->rows.top + page_rows(ui))
		scroll_to(ui, av, line);
	ui_find_report(ui, k + 1, n);
	return UI_REACT_DRAW;
}

static unsigned article_search(struct ui *ui, void *self, const char *text)
{
	struct article_view *av = self;
	sync_layout(ui, av);
	if (!ui_find_start(ui, &av->find, text))
		return UI_REACT_DRAW;
	return find_move(ui, av, FIND_FROM_TOP);
}

static unsigned toggle_star(struct ui *ui, struct article_view *av)
{
	bool starred;
	if (ui_stories_toggle_star(ui, av->at.story, &starred))
		ui_info(ui, starred ? _("starred") : _("star removed"));
	return UI_REACT_DRAW;
}

/* The answer to the save prompt: the story shown written to that path
 * ("~/" is the home folder). */
static unsigned save_answer(struct ui *ui, const char *path)
{
	struct article_view *av = ui_view_state(ui, &ui_article_view);
	if (!path || !*path || !av->page)
		return UI_REACT_DRAW;
	const char *home = getenv("HOME");
	char *full = !strncmp(path, "~/", 2) && home
	                     ? xasprintf("%s%s", home, path + 1)
	                     : xstrdup(path);
	char *error = NULL;
	if (article_file_write(av->page, full, &error) == 0)
		ui_info(ui, _("saved to %s"), full);
	else
		ui_message(ui, _("not saved to %s: %s"), full, error);
	free(error);
	free(full);
	return UI_REACT_DRAW;
}

/* Ask where to save the story shown: a name made of its headline, in
 * the config's save folder (else the current one), to begin with. */
static unsigned ask_save(struct ui *ui, struct article_view *av)
{
	char *name = article_file_name(av->page);
	const char *folder = ui->cfg->save_folder;
	size_t len = folder ? strlen(folder) : 0;
	char *path = !folder ? xstrdup(name)
	             : len && folder[len - 1] == '/'
	                     ? xasprintf("%s%s", folder, name)
	                     : xasprintf("%s/%s", folder, name);
	ui_prompt_ask(ui, _("Save to:"), path, save_answer);
	free(path);
	free(name);
	return UI_REACT_DRAW;
}

/* A move of the window over the document: the place is remembered. */
static unsigned scroll_by(struct ui *ui, struct article_view *av,
                          enum ui_action a)
{
	unsigned reaction =
	        ui_rows_scroll(&av->rows, av->doc->nlines, page_rows(ui), a);
	if (reaction)
		mark_place(av);
	return reaction;
}

/* Open the next (step 1) or previous (step -1) unread story, in
 * another feed when this one has no more: the history was this feed's. */
static unsigned open_unread(struct ui *ui, struct article_view *av, int step)
{
	struct ui_stories *shown = ui->stories;
	size_t story;
	if (!ui_unread_next(ui, av->at.story, step, &story))
		return UI_REACT_DRAW;
	if (ui->stories == shown) {
		push_history(av);
		if (!open_story(ui, av, story))
			av->nhistory--;
		return UI_REACT_DRAW;
	}
	free(av->history);
	av->history = NULL;
	av->nhistory = 0;
	ui_find_end(&av->find);
	if (!open_story(ui, av, story))
		return leave(ui, av); /* what it shows was the other feed's */
	return UI_REACT_DRAW;
}

/* The unread flow's actions; UI_REACT_NONE for any other. */
static unsigned unread_action(struct ui *ui, struct article_view *av,
                              enum ui_action a)
{
	switch (a) {
	case UI_ACTION_NEXT_UNREAD:
		return open_unread(ui, av, 1);
	case UI_ACTION_PREV_UNREAD:
		return open_unread(ui, av, -1);
	case UI_ACTION_TOGGLE_READ:
		return ui_unread_toggle(ui, av->at.story);
	case UI_ACTION_NEXT_UNREAD_FEED:
	case UI_ACTION_PREV_UNREAD_FEED: {
		/* the next feed's headlines, as from the list */
		leave(ui, av);
		struct ui_view *v = ui_view_top(ui);
		return UI_REACT_DRAW | v->ops->action(ui, v->self, a);
	}
	default:
		return UI_REACT_NONE;
	}
}

static unsigned article_action(struct ui *ui, void *self, enum ui_action a)
{
	struct article_view *av = self;
	sync_layout(ui, av);
	switch (a) {
	case UI_ACTION_NEXT_RELATED:
		return move_focus(ui, av, true);
	case UI_ACTION_PREV_RELATED:
		return move_focus(ui, av, false);
	case UI_ACTION_OPEN:
		return open_focused(ui, av);
	case UI_ACTION_BACK:
		return go_back(ui, av);
	case UI_ACTION_SEARCH_NEXT:
		if (av->find.query)
			return find_move(ui, av, FIND_NEXT);
		return open_sibling(ui, av, true);
	case UI_ACTION_SEARCH_PREV:
		if (av->find.query)
			return find_move(ui, av, FIND_PREV);
		return open_sibling(ui, av, false);
	case UI_ACTION_NEXT_STORY:
		return open_sibling(ui, av, true);
	case UI_ACTION_PREV_STORY:
		return open_sibling(ui, av, false);
	case UI_ACTION_STAR:
		return toggle_star(ui, av);
	case UI_ACTION_NEXT_UNREAD:
	case UI_ACTION_PREV_UNREAD:
	case UI_ACTION_TOGGLE_READ:
	case UI_ACTION_NEXT_UNREAD_FEED:
	case UI_ACTION_PREV_UNREAD_FEED:
		return unread_action(ui, av, a);
	case UI_ACTION_FETCH_ARTICLE:
		if (!fetch_page(ui, av, true))
			ui_message(ui, "%s", _("this story has no web page"));
		return UI_REACT_DRAW;
	case UI_ACTION_LINKS:
		ui_links_open(ui, av->page);
		return UI_REACT_DRAW;
	case UI_ACTION_SAVE_ARTICLE:
		return ask_save(ui, av);
	case UI_ACTION_CLOSE:
		return leave(ui, av);
	default:
		return scroll_by(ui, av, a);
	}
}

/* Say why a page was not had: its error is a server's or a page's words,
 * made safe. */
static void say_failure(struct ui *ui, const char *what, const char *error)
{
	char *safe = text_safe(error, TEXT_SAFE_MESSAGE_MAX);
	ui_message(ui, "%s: %s", what, safe);
	free(safe);
}

/* The related headline's page waited for: opened if the reader is still
 * where they asked for it. */
static void related_arrived(struct ui *ui, struct article_view *av,
                            const struct pages_report *r)
{
	free(av->waiting_url);
	av->waiting_url = NULL;
	if (!r->stored) {
		say_failure(ui, _("related story not fetched"), r->error);
		return;
	}
	struct ui_stories *s = ui->stories;
	if (av->at.story != av->waiting_story ||
	    av->at.focus != av->waiting_focus || !s->ops->story_of_item)
		return;
	size_t story = s->ops->story_of_item(s, r->item);
	if (story == STORY_NONE)
		return;
	push_history(av);
	if (!open_story(ui, av, story))
		av->nhistory--;
}

void ui_article_page_done(struct ui *ui, const struct pages_report *r)
{
	struct article_view *av = ui_view_state(ui, &ui_article_view);
	if (!av->page)
		return;
	if (av->waiting_url && !strcmp(r->url, av->waiting_url)) {
		related_arrived(ui, av, r);
		return;
	}
	if (!r->item || r->item != shown_item(ui, av))
		return;
	if (!r->stored) {
		say_failure(ui, _("full article not fetched"), r->error);
		return;
	}
	/* The article in place of the summary, where the reader is; the
	 * related headlines are others now. */
	struct place_mark here = av->at;
	here.focus = -1;
	show(ui, av, &here);
}

static char *article_link(struct ui *ui, void *self)
{
	(void)ui;
	struct article_view *av = self;
	return av->page->link ? xstrdup(av->page->link) : NULL;
}

static char *article_numbered_link(struct ui *ui, void *self, size_t n)
{
	struct article_view *av = self;
	size_t nlinks;
	struct article_link *links = article_numbered_links(av->page, &nlinks);
	char *url = NULL;
	for (size_t i = 0; i < nlinks && !url; i++)
		if (links[i].number == n)
			url = xstrdup(links[i].url);
	free(links);
	if (!url) {
		char *number = ui_numbers("%zu", n);
		ui_message(ui, _("this story has no link [%s]"), number);
		free(number);
	}
	return url;
}

static void *article_create(struct ui *ui)
{
	(void)ui;
	struct article_view *av = xcalloc(1, sizeof *av);
	av->at.focus = -1;
	return av;
}

static void article_free_state(struct ui *ui, void *self)
{
	(void)ui;
	close_story(self);
	free(self);
}

/* The related stories left for after the first paint: the story is laid
 * out again with them, where the reader is. */
static unsigned article_settle(struct ui *ui, void *self)
{
	struct article_view *av = self;
	if (!av->related_due)
		return UI_REACT_NONE;
	av->related_due = false;
	struct ui_stories *s = ui->stories;
	if (!av->page || !s->ops->more_related(s, av->at.story, av->page))
		return UI_REACT_NONE;
	document_free(av->doc);
	av->doc = NULL;
	sync_layout(ui, av);
	return UI_REACT_DRAW;
}

const struct ui_view_ops ui_article_view = {
        .create = article_create,
        .free = article_free_state,
        .draw = article_draw,
        .action = article_action,
        .search = article_search,
        .link = article_link,
        .numbered_link = article_numbered_link,
        .settle = article_settle,
};
