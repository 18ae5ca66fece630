/* akhbar: a terminal news reader that shows Persian, Arabic and Hebrew
 * correctly.  Parses the command line and hands over to --dump or the ui. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "dump.h"
#include "layout/layout.h"
#include "model/library.h"
#include "source/load.h"
#include "source/opml.h"
#include "source/urls.h"
#include "ui/ui.h"
#include "util/die.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum {
	OPT_DUMP = 256,
	OPT_WIDTH,
	OPT_SHAPING,
	OPT_BIDI,
	OPT_IMPORT,
	OPT_EXPORT,
	OPT_URLS,
	OPT_HELP,
	OPT_VERSION,
};

static const struct option long_options[] = {
	{"dump", no_argument, NULL, OPT_DUMP},
	{"width", required_argument, NULL, OPT_WIDTH},
	{"shaping", required_argument, NULL, OPT_SHAPING},
	{"bidi", required_argument, NULL, OPT_BIDI},
	{"import", required_argument, NULL, OPT_IMPORT},
	{"export", no_argument, NULL, OPT_EXPORT},
	{"urls", required_argument, NULL, OPT_URLS},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... [FILE|FOLDER]...\n"), PACKAGE);
	fputs(_("Read news in the terminal, with Persian, Arabic and Hebrew shown correctly.\n"
	        "With no FILE, open the bundled sample article.\n"
	        "\n"
	        "  --dump              print the articles as the article view shows them\n"
	        "                      and exit\n"
	        "  --width=N           columns for --dump (default: the terminal's, or 80)\n"
	        "  --shaping=on|off    Arabic letter shaping (default: on)\n"
	        "  --bidi=app|terminal who reorders right-to-left text: akhbar (default),\n"
	        "                      or a terminal that does bidi itself (logical order,\n"
	        "                      unshaped)\n"
	        "  --import=FILE       add the feeds of an OPML file to the subscriptions\n"
	        "  --export            print the subscriptions as OPML 2.0\n"
	        "  --urls=FILE         the subscriptions file (default:\n"
	        "                      $XDG_CONFIG_HOME/akhbar/urls)\n"
	        "  --help              display this help and exit\n"
	        "  --version           output version information and exit\n"),
	      out);
}

static void version(void)
{
	printf("%s %s\n", PACKAGE, VERSION);
	puts(_("License: GPL-3.0-or-later <https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law."));
}

static void bad_usage(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

static void bad_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", PACKAGE);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("\nTry '%s --help' for more information.\n"), PACKAGE);
	exit(2);
}

static bool parse_on_off(const char *arg, const char *option)
{
	if (!strcmp(arg, "on"))
		return true;
	if (!strcmp(arg, "off"))
		return false;
	bad_usage(_("%s takes 'on' or 'off'"), option);
}

static int parse_width(const char *arg)
{
	char *end;
	long w = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || w < 1 || w > 10000)
		bad_usage(_("invalid width '%s' (a number from 1 to 10000)"), arg);
	return (int)w;
}

static int terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* akhbar --import: feeds of an OPML file into the urls file. */
static int import_opml(const char *urls_path, const char *opml_path)
{
	size_t added, skipped;
	char *error = NULL;
	if (!opml_import(opml_path, urls_path, &added, &skipped, &error)) {
		warn("%s", error);
		free(error);
		return EXIT_FAILURE;
	}
	printf(_("Imported %zu feeds into %s (%zu already there).\n"), added, urls_path, skipped);
	return EXIT_SUCCESS;
}

/* akhbar --export: the urls file as OPML on stdout; bad lines are warned
 * about and left out. */
static int export_opml(const char *urls_path)
{
	char *error = NULL;
	struct urls *u = urls_load(urls_path, &error);
	if (!u) {
		warn("%s", error);
		free(error);
		return EXIT_FAILURE;
	}
	for (size_t i = 0; i < u->n_errors; i++)
		warn("%s", u->errors[i]);
	bool ok = opml_export(stdout, u, NULL, NULL);
	urls_free(u);
	if (!ok)
		warn(_("cannot write the OPML: %s"), strerror(errno));
	return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif

	struct lay_options layout = lay_options_default();
	bool dump = false, export = false;
	const char *import = NULL;
	char *urls_path = NULL;
	int width = 0;
	int c;
	while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_DUMP:
			dump = true;
			break;
		case OPT_WIDTH:
			width = parse_width(optarg);
			break;
		case OPT_SHAPING:
			layout.shaping = parse_on_off(optarg, "--shaping");
			break;
		case OPT_BIDI:
			if (!strcmp(optarg, "app"))
				layout.visual = true;
			else if (!strcmp(optarg, "terminal"))
				layout.visual = false;
			else
				bad_usage(_("--bidi takes 'app' or 'terminal', not '%s'"), optarg);
			break;
		case OPT_IMPORT:
			import = optarg;
			break;
		case OPT_EXPORT:
			export = true;
			break;
		case OPT_URLS:
			free(urls_path);
			urls_path = xstrdup(optarg);
			break;
		case OPT_HELP:
			usage(stdout);
			return EXIT_SUCCESS;
		case OPT_VERSION:
			version();
			return EXIT_SUCCESS;
		default:
			fprintf(stderr, _("Try '%s --help' for more information.\n"), PACKAGE);
			return 2;
		}
	}
	if (import || export) {
		if (import && export)
			bad_usage(_("--import and --export can't be used together"));
		if (!urls_path)
			urls_path = urls_default_path();
		int status = import ? import_opml(urls_path, import) : export_opml(urls_path);
		free(urls_path);
		return status;
	}
	free(urls_path);

	/* A terminal that does its own bidi also shapes. */
	if (!layout.visual)
		layout.shaping = false;

	struct library *lib = library_new();
	size_t failures;
	if (optind < argc) {
		failures = source_load_paths(lib, argv + optind, (size_t)(argc - optind));
	} else {
		char *seeds = source_default_seeds();
		failures = source_load_paths(lib, &seeds, 1);
		free(seeds);
	}
	if (lib->narticles == 0) {
		library_free(lib);
		if (failures == 0)
			warn(_("no articles to show"));
		return EXIT_FAILURE;
	}
	library_link(lib);

	int status;
	if (dump) {
		layout.width = width ? width : terminal_width();
		status = dump_library(stdout, lib, &layout);
	} else {
		status = ui_run(lib, &layout);
	}
	library_free(lib);
	return status == 0 && failures ? EXIT_FAILURE : status;
}
