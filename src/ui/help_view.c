/* The help screen: every action with the keys bound to it now (so the
 * user's own bindings show) and its name for the config file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define KEYS_WIDTH      22
#define NAME_WIDTH      18
#define NAMES_MIN_WIDTH 70

/* The keys bound to action a, as the config file writes them. */
static void keys_of(const struct ui_config *cfg, enum ui_action a, char *buf,
                    size_t size)
{
	buf[0] = '\0';
	size_t len = 0;
	for (size_t i = 0; i < cfg->nbindings; i++) {
		if (cfg->bindings[i].action != a)
			continue;
		char name[32];
		ui_key_name(cfg->bindings[i].key, name, sizeof name);
		int n = snprintf(buf + len, size - len, "%s%s", len ? " " : "",
		                 name);
		if (n < 0 || (size_t)n >= size - len) {
			buf[len] = '\0';
			return;
		}
		len += (size_t)n;
	}
}

/* The help screen's state: where it is scrolled to. */
struct help_view {
	struct ui_rows rows;
};

static size_t body_rows(const struct ui *ui)
{
	return (size_t)ui_body_rows(ui);
}

/* The rows the help has: a row an action, then the config's errors
 * under a heading. */
static size_t help_rows(const struct ui *ui)
{
	size_t errors = ui->cfg->nerrors;
	return UI_ACTION_COUNT + (errors ? 1 + errors : 0);
}

/* Row i past the actions: the errors' heading, then an error a row. */
static void draw_error_row(const struct ui *ui, int y, size_t i)
{
	if (i == 0)
		ui_draw_text(y, 1, ui->cols - 2, _("Errors in the config:"),
		             UI_ROLE_HEADING, &ui->lay, UI_PLACE_AUTO);
	else
		ui_draw_text(y, 1, ui->cols - 2, ui->cfg->errors[i - 1],
		             UI_ROLE_ERROR, &ui->lay, UI_PLACE_AUTO);
}

static void help_draw(struct ui *ui, void *self)
{
	struct help_view *hv = self;
	/* a taller terminal than when it was scrolled: no blank rows */
	ui_rows_scroll_to(&hv->rows, help_rows(ui), body_rows(ui),
	                  hv->rows.top);
	ui_draw_bar(ui, 0, UI_ROLE_TITLE, PACKAGE, _("Keys"));
	bool names = ui->cols >= NAMES_MIN_WIDTH;
	int keys_width = KEYS_WIDTH < ui->cols / 3 ? KEYS_WIDTH : ui->cols / 3;
	int help_x = 1 + keys_width + 1;
	int help_width = ui->cols - help_x - 1 - (names ? NAME_WIDTH + 1 : 0);
	int h = ui_body_rows(ui);
	for (int y = 0; y < h; y++) {
		size_t a = hv->rows.top + (size_t)y;
		if (a >= help_rows(ui))
			break;
		if (a >= UI_ACTION_COUNT) {
			draw_error_row(ui, 1 + y, a - UI_ACTION_COUNT);
			continue;
		}
		char keys[256];
		keys_of(ui->cfg, (enum ui_action)a, keys, sizeof keys);
		ui_draw_text(1 + y, 1, keys_width, keys, UI_ROLE_HELP_KEY,
		             &ui->lay, UI_PLACE_AUTO);
		ui_draw_text(1 + y, help_x, help_width,
		             ui_action_help((enum ui_action)a), UI_ROLE_NORMAL,
		             &ui->lay, UI_PLACE_AUTO);
		if (names)
			ui_draw_text(1 + y, ui->cols - 1 - NAME_WIDTH,
			             NAME_WIDTH,
			             ui_action_name((enum ui_action)a),
			             UI_ROLE_META, &ui->lay, UI_PLACE_AUTO);
	}
	static const struct ui_hint hints[] = {
	        {UI_ACTION_CLOSE, N_("%s back")},
	};
	char *keys = ui_hints(ui, hints, sizeof hints / sizeof *hints);
	ui_draw_bar(ui, ui->rows - 1, UI_ROLE_STATUS,
	            _("Bind keys in ~/.config/akhbar/config"), keys);
	free(keys);
}

static unsigned help_action(struct ui *ui, void *self, enum ui_action a)
{
	struct help_view *hv = self;
	switch (a) {
	case UI_ACTION_CLOSE:
	case UI_ACTION_BACK:
	case UI_ACTION_HELP:
		ui_view_pop(ui);
		return UI_REACT_DRAW;
	default:
		return ui_rows_scroll(&hv->rows, help_rows(ui), body_rows(ui),
		                      a);
	}
}

static void *help_create(struct ui *ui)
{
	(void)ui;
	return xcalloc(1, sizeof(struct help_view));
}

static void help_free(struct ui *ui, void *self)
{
	(void)ui;
	free(self);
}

void ui_help_open(struct ui *ui)
{
	struct help_view *hv = ui_view_state(ui, &ui_help_view);
	hv->rows.top = 0;
	ui_view_push(ui, &ui_help_view);
}

const struct ui_view_ops ui_help_view = {
        .create = help_create,
        .free = help_free,
        .draw = help_draw,
        .action = help_action,
};
