#include "config.h"

#include "util/xdg.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/xalloc.h"

const char *xdg_home(void)
{
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return home;
	const struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
}

char *xdg_path(enum xdg_kind kind, const char *name)
{
	static const char *const variable[] = {[XDG_CONFIG] = "XDG_CONFIG_HOME",
	                                       [XDG_DATA] = "XDG_DATA_HOME",
	                                       [XDG_STATE] = "XDG_STATE_HOME"};
	static const char *const fallback[] = {[XDG_CONFIG] = ".config",
	                                       [XDG_DATA] = ".local/share",
	                                       [XDG_STATE] = ".local/state"};
	const char *base = getenv(variable[kind]);
	if (base && base[0] == '/')
		return xasprintf("%s/%s/%s", base, PACKAGE, name);
	const char *home = xdg_home();
	if (!home)
		return NULL;
	return xasprintf("%s/%s/%s/%s", home, fallback[kind], PACKAGE, name);
}
