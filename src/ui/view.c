/* What the views share: their states and the stack of those shown, the
 * message line, the bars, the marks of the story source. */
#include "config.h"

#include "ui/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/lang.h"
#include "ui/draw.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The view ops, made (with its state) on first use. */
static struct ui_view *view_of(struct ui *ui, const struct ui_view_ops *ops)
{
	for (size_t i = 0; i < ui->nviews; i++)
		if (ui->views[i]->ops == ops)
			return ui->views[i];
	struct ui_view *v = xmalloc(sizeof *v);
	v->ops = ops;
	v->self = ops->create ? ops->create(ui) : NULL;
	ui->views = xreallocarray(ui->views, ui->nviews + 1, sizeof *ui->views);
	ui->views[ui->nviews++] = v;
	return v;
}

void *ui_view_state(struct ui *ui, const struct ui_view_ops *ops)
{
	return view_of(ui, ops)->self;
}

void ui_view_push(struct ui *ui, const struct ui_view_ops *ops)
{
	ui->stack = xreallocarray(ui->stack, ui->depth + 1, sizeof *ui->stack);
	ui->stack[ui->depth++] = view_of(ui, ops);
}

void ui_view_pop(struct ui *ui)
{
	if (ui->depth > 1)
		ui->depth--;
}

struct ui_view *ui_view_top(const struct ui *ui)
{
	return ui->stack[ui->depth - 1];
}

bool ui_view_shown(const struct ui *ui, const struct ui_view_ops *ops)
{
	return ui->depth && ui_view_top(ui)->ops == ops;
}

void ui_views_changed(struct ui *ui, long long feed_id)
{
	for (size_t i = 0; i < ui->nviews; i++)
		if (ui->views[i]->ops->changed)
			ui->views[i]->ops->changed(ui, ui->views[i]->self,
			                           feed_id);
}

unsigned ui_views_reread(struct ui *ui)
{
	unsigned reaction = UI_REACT_NONE;
	for (size_t i = 0; i < ui->nviews; i++) {
		const struct ui_view *v = ui->views[i];
		if (v->ops->reread)
			reaction |= v->ops->reread(ui, v->self,
			                           v == ui_view_top(ui));
	}
	return reaction;
}

unsigned ui_views_settle(struct ui *ui)
{
	const struct ui_view *v = ui->depth ? ui_view_top(ui) : NULL;
	return v && v->ops->settle ? v->ops->settle(ui, v->self)
	                           : UI_REACT_NONE;
}

void ui_views_free(struct ui *ui)
{
	for (size_t i = ui->nviews; i-- > 0;) {
		struct ui_view *v = ui->views[i];
		if (v->ops->free)
			v->ops->free(ui, v->self);
		free(v);
	}
	free(ui->views);
	ui->views = NULL;
	ui->nviews = 0;
	free(ui->stack);
	ui->stack = NULL;
	ui->depth = 0;
}

int ui_body_rows(const struct ui *ui)
{
	return ui->rows - 2;
}

/* Columns text takes as one row of at most width columns. */
static int text_columns(const struct ui *ui, const char *text, int width)
{
	struct lay_options opt = ui->lay;
	opt.width = width;
	struct lay_row *row = lay_headline_new(text, strlen(text), &opt);
	int columns = row->columns;
	lay_row_free(row);
	return columns;
}

void ui_draw_bar(const struct ui *ui, int y, enum ui_role role,
                 const char *start, const char *end)
{
	ui_draw_fill(y, role);
	int width = ui->cols - 2;
	if (width <= 0)
		return;
	/* The start text (where the reader is) has the first claim on the
	 * room; the end one (key hints) gets what is left, cut if need be. */
	int used = 0;
	if (start && *start) {
		used = text_columns(ui, start, width);
		ui_draw_text(y, 1, used, start, role, &ui->lay, UI_PLACE_AUTO);
	}
	int room = width - used - (used ? 2 : 0);
	if (end && *end && room > 0)
		ui_draw_text(y, 1 + width - room, room, end, role, &ui->lay,
		             UI_PLACE_END);
}

char *ui_numbers(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *ascii = xvasprintf(fmt, ap);
	va_end(ap);
	char *text = lang_digits(ascii);
	free(ascii);
	return text;
}

static void set_message(struct ui *ui, bool info, const char *fmt, va_list ap)
        __attribute__((format(printf, 3, 0)));

static void set_message(struct ui *ui, bool info, const char *fmt, va_list ap)
{
	char *text = xvasprintf(fmt, ap);
	free(ui->message);
	ui->message = text;
	ui->message_info = info;
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, false, fmt, ap);
	va_end(ap);
}

void ui_info(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, true, fmt, ap);
	va_end(ap);
}

bool ui_message_error(struct ui *ui, char *error)
{
	if (!error)
		return true;
	free(ui->message);
	ui->message = error;
	ui->message_info = false;
	return false;
}

bool ui_stories_toggle_star(struct ui *ui, size_t i, bool *starred)
{
	struct ui_stories *s = ui->stories;
	*starred = !s->ops->is_starred(s, i);
	char *error = NULL;
	if (s->ops->set_starred(s, i, *starred, &error))
		return true;
	ui_message_error(ui, error);
	return false;
}

char *ui_hints(const struct ui *ui, const struct ui_hint *hints, size_t n)
{
	struct strbuf b = {0};
	for (size_t i = 0; i < n; i++) {
		char key[32];
		if (!ui_config_key_hint(ui->cfg, hints[i].action, key,
		                        sizeof key))
			continue;
		const char *label = _(hints[i].label);
		const char *at = strstr(label, "%s");
		if (b.len)
			strbuf_adds(&b, "  ");
		if (!at) { /* a translation without the key */
			strbuf_adds(&b, label);
			continue;
		}
		strbuf_add(&b, label, (size_t)(at - label));
		strbuf_adds(&b, key);
		strbuf_adds(&b, at + 2);
	}
	return strbuf_take(&b);
}
