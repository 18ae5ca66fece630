/* Searching: the prompt on the status line, and what the list and the
 * article view share about a search.
 *
 * The prompt keeps what was typed as UTF-8, one whole code point per key,
 * so Backspace takes back the last character typed (the logical last,
 * whichever side of an RTL query it shows on).  The text is laid out as a
 * paragraph of its own, so a Persian query shows in visual order, right
 * to left within its field, as it grows. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define KEY_ESC    27
#define KEY_CTRL_H 8
#define KEY_CTRL_U 21

bool ui_find_start(struct ui *ui, struct ui_find *f, const char *text)
{
	ui_find_end(f);
	if (!text)
		return false;
	f->query = text_query_new(text, strlen(text));
	if (!f->query) {
		ui_message(ui, _("no match for «%s»"), text);
		return false;
	}
	f->text = xstrdup(text);
	return true;
}

void ui_find_end(struct ui_find *f)
{
	free(f->text);
	f->text = NULL;
	text_query_free(f->query);
	f->query = NULL;
}

void ui_find_none(struct ui *ui, struct ui_find *f)
{
	ui_message(ui, _("no match for «%s»"), f->text);
	ui_find_end(f);
}

void ui_find_report(struct ui *ui, size_t match, size_t total)
{
	char *text = ui_numbers(_("match %zu/%zu"), match, total);
	ui_info(ui, "%s", text);
	free(text);
}

void ui_find_report_many(struct ui *ui, size_t over)
{
	char *text = ui_numbers(ngettext("one of over %zu match",
	                                 "one of over %zu matches", over),
	                        over);
	ui_info(ui, "%s", text);
	free(text);
}

void ui_prompt_open(struct ui *ui)
{
	free(ui->prompt);
	ui->prompt = xstrdup("");
	ui->prompt_label = NULL;
	ui->prompt_answer = NULL;
}

void ui_prompt_ask(struct ui *ui, const char *label, const char *text,
                   unsigned (*answer)(struct ui *ui, const char *text))
{
	free(ui->prompt);
	ui->prompt = xstrdup(text);
	ui->prompt_label = label;
	ui->prompt_answer = answer;
}

static void prompt_close(struct ui *ui)
{
	free(ui->prompt);
	ui->prompt = NULL;
}

/* Enter or Esc at a prompt that asks something else than a search. */
static unsigned prompt_answered(struct ui *ui, bool enter)
{
	char *text = ui->prompt;
	unsigned (*answer)(struct ui *, const char *) = ui->prompt_answer;
	ui->prompt = NULL;
	ui->prompt_label = NULL;
	ui->prompt_answer = NULL;
	unsigned reaction = answer(ui, enter ? text : NULL);
	free(text);
	return reaction | UI_REACT_DRAW;
}

void ui_prompt_done(struct ui *ui)
{
	prompt_close(ui);
	free(ui->last_search);
	ui->last_search = NULL;
}

/* Enter: search for the text typed, or again for the last search when
 * nothing was typed (as less does); with neither, only close. */
static unsigned prompt_enter(struct ui *ui)
{
	char *text = ui->prompt;
	ui->prompt = NULL;
	if (!*text) {
		free(text);
		if (!ui->last_search)
			return UI_REACT_DRAW;
		text = xstrdup(ui->last_search);
	}
	free(ui->last_search);
	ui->last_search = text;
	struct ui_view *v = ui_view_top(ui);
	return v->ops->search(ui, v->self, text) | UI_REACT_DRAW;
}

/* A character the prompt takes: anything but a control. */
static bool typable(int key)
{
	if (UI_KEY_IS_FN(key) || key < 0x20 || key == 0x7f)
		return false;
	if (key >= 0x80 && key < 0xa0)
		return false;
	return key < 0x110000 && !(key >= 0xd800 && key < 0xe000);
}

unsigned ui_prompt_key(struct ui *ui, int key)
{
	size_t len = strlen(ui->prompt);
	if (ui->prompt_answer && (key == KEY_ESC || key == '\r'))
		return prompt_answered(ui, key == '\r');
	switch (key) {
	case KEY_ESC: {
		prompt_close(ui);
		struct ui_view *v = ui_view_top(ui);
		return v->ops->search(ui, v->self, NULL) | UI_REACT_DRAW;
	}
	case '\r':
		return prompt_enter(ui);
	case UI_KEY_FN(KEY_BACKSPACE):
	case KEY_CTRL_H: {
		/* the last code point typed, never part of one */
		const uint8_t *s = (const uint8_t *)ui->prompt;
		ucs4_t uc;
		const uint8_t *last = u8_prev(&uc, s + len, s);
		if (last)
			ui->prompt[last - s] = '\0';
		return UI_REACT_DRAW;
	}
	case KEY_CTRL_U:
		ui->prompt[0] = '\0';
		return UI_REACT_DRAW;
	default:
		break;
	}
	if (!typable(key))
		return UI_REACT_NONE;
	uint8_t u8[6];
	int n = u8_uctomb(u8, (ucs4_t)key, sizeof u8);
	if (n <= 0)
		return UI_REACT_NONE;
	ui->prompt = xreallocarray(ui->prompt, len + (size_t)n + 1, 1);
	memcpy(ui->prompt + len, u8, (size_t)n);
	ui->prompt[len + (size_t)n] = '\0';
	return UI_REACT_DRAW;
}

/* text from byte `from` on, after an ellipsis, fitted to opt->width;
 * *fits tells whether it is shown whole. */
static struct lay_row *tail_row(const char *text, size_t from,
                                const struct lay_options *opt, bool *fits)
{
	char *shown = from ? xasprintf("…%s", text + from) : xstrdup(text);
	size_t len = strlen(shown);
	struct lay_row *row = lay_headline_new(shown, len, opt);
	*fits = row->end >= len;
	free(shown);
	return row;
}

/* The prompt's text as one row of at most width columns.  What is being
 * typed must stay in sight: a query too long keeps its logical end, and
 * an ellipsis stands for its logical start (at the right of an RTL
 * query).  The longest such tail is found by bisection over the code
 * points, as a shorter tail always fits when a longer one does. */
static struct lay_row *prompt_row(const char *text, int width,
                                  const struct lay_options *lay)
{
	struct lay_options opt = *lay;
	opt.width = width;
	opt.direction = LAY_DIR_AUTO;
	bool fits;
	struct lay_row *row = tail_row(text, 0, &opt, &fits);
	size_t len = strlen(text), n = 0;
	size_t *starts = xreallocarray(NULL, len + 1, sizeof *starts);
	for (size_t i = 0; i < len;) {
		starts[n++] = i;
		int k = u8_mblen((const uint8_t *)text + i, len - i);
		i += k > 0 ? (size_t)k : 1;
	}
	if (fits || n < 2) {
		free(starts);
		return row;
	}
	lay_row_free(row);
	/* Tails from starts[1] to starts[n - 1]; the last code point alone
	 * is the answer when nothing longer fits. */
	size_t lo = 1, hi = n - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		row = tail_row(text, starts[mid], &opt, &fits);
		lay_row_free(row);
		if (fits)
			hi = mid;
		else
			lo = mid + 1;
	}
	row = tail_row(text, starts[lo], &opt, &fits);
	free(starts);
	return row;
}

void ui_prompt_draw(const struct ui *ui)
{
	int y = ui->rows - 1;
	ui_draw_fill(y, UI_ROLE_STATUS);
	const char *label = ui->prompt_label ? ui->prompt_label : "/";
	int label_width = u8_strwidth((const uint8_t *)label, "UTF-8");
	if (label_width > ui->cols / 2)
		label_width = ui->cols / 2;
	int x = 1 + ui_draw_text(y, 1, label_width, label, UI_ROLE_STATUS,
	                         &ui->lay, UI_PLACE_AUTO);
	if (ui->prompt_label)
		x++; /* a space after a word */
	int width = ui->cols - x - 1;
	if (width <= 0 || !*ui->prompt) {
		ui_draw_cursor(y, x);
		return;
	}
	struct lay_row *row = prompt_row(ui->prompt, width, &ui->lay);
	/* right after the "/", in the row's own visual order; the cursor
	 * where the next character shows: after the row when it runs in
	 * the interface's direction, else on its cell beside the "/" */
	ui_draw_row(y, x, row->columns, row, UI_ROLE_STATUS);
	ui_draw_cursor(y, ui_draw_row_along(row) ? x + row->columns : x);
	lay_row_free(row);
}
