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
	const char *base = getenv(kind == XDG_CONFIG ? "XDG_CONFIG_HOME"
	                                             : "XDG_DATA_HOME");
	if (base && base[0] == '/')
		return xasprintf("%s/%s/%s", base, PACKAGE, name);
	const char *home = xdg_home();
	if (!home)
		return NULL;
	return xasprintf("%s/%s/%s/%s", home,
	                 kind == XDG_CONFIG ? ".config" : ".local/share",
	                 PACKAGE, name);
}
