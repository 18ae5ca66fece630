/* Names and help texts of the actions and colour roles, from their
 * tables in actions.h and roles.h. */
#include "config.h"

#include <string.h>

#include "ui/actions.h"
#include "ui/roles.h"

static const struct {
	const char *name;
	const char *help;
} actions[UI_ACTION_COUNT] = {
#define UI_ACTION_ENTRY(id, name, help) [UI_ACTION_##id] = {name, help},
        UI_ACTIONS(UI_ACTION_ENTRY)
#undef UI_ACTION_ENTRY
};

static const char *const roles[UI_ROLE_COUNT] = {
#define UI_ROLE_ENTRY(id, name) [UI_ROLE_##id] = name,
        UI_ROLES(UI_ROLE_ENTRY)
#undef UI_ROLE_ENTRY
};

const char *ui_action_name(enum ui_action a)
{
	return actions[a].name;
}

const char *ui_action_help(enum ui_action a)
{
	return _(actions[a].help);
}

enum ui_action ui_action_from_name(const char *name)
{
	for (int a = 0; a < UI_ACTION_COUNT; a++)
		if (!strcmp(actions[a].name, name))
			return (enum ui_action)a;
	return UI_ACTION_NONE;
}

const char *ui_role_name(enum ui_role r)
{
	return roles[r];
}

int ui_role_from_name(const char *name)
{
	for (int r = 0; r < UI_ROLE_COUNT; r++)
		if (!strcmp(roles[r], name))
			return r;
	return -1;
}
