/* The reader's main loop: events in, actions applied to the state, and
 * one repaint of what changed. */
#include "config.h"

#include "ui/ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/conf.h"
#include "ui/draw.h"
#include "ui/screen.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Smaller than this, the reader shows only "terminal too small". */
#define MIN_COLS 20
#define MIN_ROWS 6

/* Lines the mouse wheel scrolls by. */
#define WHEEL_LINES 3

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
                 const char *left, const char *right)
{
	ui_draw_fill(y, role);
	int width = ui->cols - 2;
	if (width <= 0)
		return;
	/* The left text (where the reader is) has the first claim on the
	 * room; the right one (key hints) gets what is left, cut if need be. */
	int used = 0;
	if (left && *left) {
		used = text_columns(ui, left, width);
		ui_draw_text(y, 1, used, left, role, &ui->lay, UI_PLACE_AUTO);
	}
	int room = width - used - (used ? 2 : 0);
	if (right && *right && room > 0)
		ui_draw_text(y, 1 + width - room, room, right, role, &ui->lay,
		             UI_PLACE_END);
}

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
		char *need = xasprintf(_("%dx%d needed"), MIN_COLS, MIN_ROWS);
		ui_draw_text(1, 0, ui->cols, need, UI_ROLE_NORMAL, &ui->lay,
		             UI_PLACE_AUTO);
		free(need);
	} else {
		ui->view->draw(ui);
		if (ui->message)
			ui_draw_bar(ui, ui->rows - 1, UI_ROLE_MESSAGE, ui->message,
			            NULL);
	}
	if (reaction & UI_REACT_FULL)
		ui_draw_invalidate();
	ui_draw_finish();
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
	/* Nothing else can be seen on a screen this small; only leaving works. */
	if (too_small(ui) && a != UI_ACTION_CLOSE)
		return UI_REACT_NONE;
	if (a == UI_ACTION_HELP && ui->view != &ui_help_view) {
		ui->under_help = ui->view;
		ui->view = &ui_help_view;
		ui->help_top = 0;
		return UI_REACT_DRAW;
	}
	return ui->view->action(ui, a);
}

/* Read the defaults and the user's file; report bad lines on stderr
 * now, and the first of them in the status line once the screen is up. */
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
	if (cfg->nerrors == 1)
		*message = xstrdup(cfg->errors[0]);
	else if (cfg->nerrors > 1)
		*message = xasprintf(_("%s (and %zu more errors)"), cfg->errors[0],
		                     cfg->nerrors - 1);
	return cfg;
}

int ui_run(struct library *lib, const struct lay_options *layout)
{
	struct ui ui = {
		.lib = lib,
		.lay = *layout,
		.view = &ui_list_view,
		.at = {.focus = -1},
	};
	struct ui_config *cfg = load_config(&ui.message);
	ui.cfg = cfg;
	if (!ui_screen_open(cfg, layout->visual)) {
		free(ui.message);
		ui_config_free(cfg);
		return EXIT_FAILURE;
	}
	ui.rows = LINES;
	ui.cols = COLS;

	int status = EXIT_SUCCESS;
	unsigned reaction = UI_REACT_DRAW | UI_REACT_FULL;
	while (!(reaction & UI_REACT_QUIT)) {
		if (reaction)
			paint(&ui, reaction);
		reaction = UI_REACT_NONE;
		int key = 0;
		enum ui_event event = ui_screen_event(&key);
		ui.rows = LINES;
		ui.cols = COLS;
		switch (event) {
		case UI_EVENT_NONE:
			break;
		case UI_EVENT_QUIT:
			status = 128 + ui_screen_quit_signal();
			reaction = UI_REACT_QUIT;
			break;
		case UI_EVENT_RESIZE:
			reaction = UI_REACT_DRAW;
			break;
		case UI_EVENT_RESUMED:
			reaction = UI_REACT_DRAW | UI_REACT_FULL;
			break;
		case UI_EVENT_WHEEL_UP:
		case UI_EVENT_WHEEL_DOWN:
			for (int i = 0; i < WHEEL_LINES; i++)
				reaction |= dispatch(&ui, event == UI_EVENT_WHEEL_UP
				                                  ? UI_ACTION_LINE_UP
				                                  : UI_ACTION_LINE_DOWN);
			break;
		case UI_EVENT_KEY:
			if (ui.message) {
				free(ui.message);
				ui.message = NULL;
				reaction = UI_REACT_DRAW;
			}
			enum ui_action a = ui_config_action(cfg, key);
			if (a != UI_ACTION_NONE)
				reaction |= dispatch(&ui, a);
			break;
		}
	}

	ui_screen_close();
	ui_article_close(&ui);
	free(ui.message);
	ui_config_free(cfg);
	return status;
}
