/* The help screen: every action with the keys bound to it now (so the
 * user's own bindings show) and its name for the config file. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/view.h"
#include "util/i18n.h"

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

static size_t body_rows(const struct ui *ui)
{
	return (size_t)ui_body_rows(ui);
}

static void help_draw(struct ui *ui)
{
	ui_rows_scroll_to(&ui->help_rows, UI_ACTION_COUNT, body_rows(ui),
	                  ui->help_rows.top);
	ui_draw_bar(ui, 0, UI_ROLE_TITLE, PACKAGE, _("Keys"));
	bool names = ui->cols >= NAMES_MIN_WIDTH;
	int keys_width = KEYS_WIDTH < ui->cols / 3 ? KEYS_WIDTH : ui->cols / 3;
	int help_x = 1 + keys_width + 1;
	int help_width = ui->cols - help_x - 1 - (names ? NAME_WIDTH + 1 : 0);
	int h = ui_body_rows(ui);
	for (int y = 0; y < h; y++) {
		size_t a = ui->help_rows.top + (size_t)y;
		if (a >= UI_ACTION_COUNT)
			break;
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
	ui_draw_bar(ui, ui->rows - 1, UI_ROLE_STATUS,
	            _("Bind keys in ~/.config/akhbar/config"), _("q back"));
}

static unsigned help_action(struct ui *ui, enum ui_action a)
{
	switch (a) {
	case UI_ACTION_CLOSE:
	case UI_ACTION_BACK:
	case UI_ACTION_HELP:
		ui->view = ui->under_help;
		return UI_REACT_DRAW;
	default:
		return ui_rows_scroll(&ui->help_rows, UI_ACTION_COUNT,
		                      body_rows(ui), a);
	}
}

const struct ui_view_ops ui_help_view = {
        .draw = help_draw,
        .action = help_action,
};
