/* The links view: the numbered links of the story shown ("[3]" in its
 * text) and its attachments, one a row.  Enter opens the selected one as
 * open-in-browser does; open-in-browser and copy-link act on it too. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Columns of a row before its address: "[12]" or the attachment's type. */
#define LABEL_WIDTH 24

struct link_row {
	char *label; /* "[3]", or an attachment's type and size */
	char *url;
};

/* The links view's state: its rows (owned) and the cursor over them. */
struct links_view {
	struct link_row *rows;
	size_t n;
	struct ui_rows cursor;
	char *title; /* the story's headline */
};

static size_t body_rows(const struct ui *ui)
{
	int h = ui_body_rows(ui);
	return h > 0 ? (size_t)h : 1;
}

static void add_row(struct links_view *lv, char *label, const char *url)
{
	lv->rows = xreallocarray(lv->rows, lv->n + 1, sizeof *lv->rows);
	lv->rows[lv->n++] = (struct link_row){label, xstrdup(url)};
}

static void forget_rows(struct links_view *lv)
{
	for (size_t i = 0; i < lv->n; i++) {
		free(lv->rows[i].label);
		free(lv->rows[i].url);
	}
	free(lv->rows);
	free(lv->title);
	*lv = (struct links_view){0};
}

/* An attachment's label: its type (or "attachment") and size. */
static char *attachment_label(const struct enclosure *e)
{
	const char *type = e->type ? e->type : _("attachment");
	if (e->length <= 0)
		return xstrdup(type);
	char *size = e->length >= 1000000
	                     ? ui_numbers("%.1f MB", (double)e->length / 1e6)
	             : e->length >= 1000
	                     ? ui_numbers("%.1f KB", (double)e->length / 1e3)
	                     : ui_numbers("%lld B", e->length);
	char *label = xasprintf("%s, %s", type, size);
	free(size);
	return label;
}

bool ui_links_open(struct ui *ui, const struct article *a)
{
	struct links_view *lv = ui_view_state(ui, &ui_links_view);
	forget_rows(lv);
	size_t n;
	struct article_link *links = article_numbered_links(a, &n);
	for (size_t i = 0; i < n; i++)
		add_row(lv, xasprintf("[%zu]", links[i].number), links[i].url);
	free(links);
	for (size_t i = 0; i < a->nenclosures; i++)
		if (a->enclosures[i].url)
			add_row(lv, attachment_label(&a->enclosures[i]),
			        a->enclosures[i].url);
	if (lv->n == 0) {
		ui_message(ui, "%s", _("this story has no links"));
		return false;
	}
	lv->title = xstrdup(a->title);
	ui_view_push(ui, &ui_links_view);
	return true;
}

static void links_draw(struct ui *ui, void *self)
{
	struct links_view *lv = self;
	size_t h = body_rows(ui);
	ui_rows_clamp(&lv->cursor, lv->n, h);
	char *count =
	        ui_numbers(ngettext("%zu link", "%zu links", lv->n), lv->n);
	ui_draw_bar(ui, 0, UI_ROLE_TITLE, lv->title, count);
	free(count);
	int label_width =
	        LABEL_WIDTH < ui->cols / 3 ? LABEL_WIDTH : ui->cols / 3;
	int url_x = 1 + label_width + 1;
	for (size_t y = 0; y < h && lv->cursor.top + y < lv->n; y++) {
		size_t i = lv->cursor.top + y;
		bool selected = i == lv->cursor.cursor;
		enum ui_role role = selected ? UI_ROLE_CURSOR : UI_ROLE_NORMAL;
		if (selected)
			ui_draw_fill(1 + (int)y, UI_ROLE_CURSOR);
		ui_draw_text(1 + (int)y, 1, label_width, lv->rows[i].label,
		             selected ? role : UI_ROLE_META, &ui->lay,
		             UI_PLACE_AUTO);
		/* An address reads left to right in any interface. */
		struct lay_options ltr = ui->lay;
		ltr.direction = LAY_DIR_LTR;
		ui_draw_text(1 + (int)y, url_x, ui->cols - url_x - 1,
		             lv->rows[i].url, role, &ltr, UI_PLACE_AUTO);
	}
	static const struct ui_hint hints[] = {
	        {UI_ACTION_OPEN, N_("%s open")},
	        {UI_ACTION_COPY_LINK, N_("%s copy")},
	        {UI_ACTION_CLOSE, N_("%s back")},
	};
	char *keys = ui_hints(ui, hints, sizeof hints / sizeof *hints);
	ui_draw_bar(ui, ui->rows - 1, UI_ROLE_STATUS, NULL, keys);
	free(keys);
}

static unsigned links_action(struct ui *ui, void *self, enum ui_action a)
{
	struct links_view *lv = self;
	switch (a) {
	case UI_ACTION_OPEN:
		return ui_open_link(ui, lv->rows[lv->cursor.cursor].url);
	case UI_ACTION_CLOSE:
	case UI_ACTION_BACK:
	case UI_ACTION_LINKS:
		forget_rows(lv);
		ui_view_pop(ui);
		return UI_REACT_DRAW;
	default:
		return ui_rows_move(&lv->cursor, lv->n, body_rows(ui), a);
	}
}

static char *links_link(struct ui *ui, void *self)
{
	(void)ui;
	struct links_view *lv = self;
	return lv->n ? xstrdup(lv->rows[lv->cursor.cursor].url) : NULL;
}

static void *links_create(struct ui *ui)
{
	(void)ui;
	return xcalloc(1, sizeof(struct links_view));
}

static void links_free(struct ui *ui, void *self)
{
	(void)ui;
	forget_rows(self);
	free(self);
}

const struct ui_view_ops ui_links_view = {
        .create = links_create,
        .free = links_free,
        .draw = links_draw,
        .action = links_action,
        .link = links_link,
};
