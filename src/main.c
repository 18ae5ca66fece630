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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dump.h"
#include "extract_cmd.h"
#include "layout/layout.h"
#include "layout/print.h"
#include "model/library.h"
#include "source/load.h"
#include "source/opml.h"
#include "source/pages.h"
#include "source/relate.h"
#include "source/update.h"
#include "source/urls.h"
#include "store/cache.h"
#include "text/safe.h"
#include "ui/conf.h"
#include "ui/ui.h"
#include "util/die.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum {
	OPT_DUMP = 256,
	OPT_WIDTH,
	OPT_SHAPING,
	OPT_BIDI,
	OPT_IMPORT,
	OPT_LOCAL_FEEDS,
	OPT_EXPORT,
	OPT_URLS,
	OPT_CACHE,
	OPT_REFRESH,
	OPT_TIMEOUT,
	OPT_MAX_TIME,
	OPT_MAX_SIZE,
	OPT_CACHE_WAIT,
	OPT_EXPIRE_DAYS,
	OPT_PURGE,
	OPT_SEARCH,
	OPT_EXTRACT,
	OPT_BASE_URL,
	OPT_FULL_ARTICLES,
	OPT_HELP,
	OPT_VERSION,
};

static const struct option long_options[] = {
        {"dump", no_argument, NULL, OPT_DUMP},
        {"width", required_argument, NULL, OPT_WIDTH},
        {"shaping", required_argument, NULL, OPT_SHAPING},
        {"bidi", required_argument, NULL, OPT_BIDI},
        {"import", required_argument, NULL, OPT_IMPORT},
        {"local-feeds", no_argument, NULL, OPT_LOCAL_FEEDS},
        {"export", no_argument, NULL, OPT_EXPORT},
        {"urls", required_argument, NULL, OPT_URLS},
        {"cache", required_argument, NULL, OPT_CACHE},
        {"refresh", no_argument, NULL, OPT_REFRESH},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"max-time", required_argument, NULL, OPT_MAX_TIME},
        {"max-size", required_argument, NULL, OPT_MAX_SIZE},
        {"cache-wait", required_argument, NULL, OPT_CACHE_WAIT},
        {"expire-days", required_argument, NULL, OPT_EXPIRE_DAYS},
        {"purge", no_argument, NULL, OPT_PURGE},
        {"search", no_argument, NULL, OPT_SEARCH},
        {"extract", no_argument, NULL, OPT_EXTRACT},
        {"base-url", required_argument, NULL, OPT_BASE_URL},
        {"full-articles", optional_argument, NULL, OPT_FULL_ARTICLES},
        {"help", no_argument, NULL, OPT_HELP},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
};

static void usage(FILE *out)
{
	lay_printf(out, _("Usage: %s [OPTION]... [FILE|FOLDER]...\n"), PACKAGE);
	lay_print(
	        out,
	        _("Read news in the terminal, with Persian, Arabic and Hebrew "
	          "shown correctly.\n"
	          "A FILE is an article file or a feed (RSS or Atom), or an "
	          "http, https or\n"
	          "file URL of a feed.  With no FILE, open the subscriptions "
	          "(the feed list),\n"
	          "or the bundled sample article when there are none.\n"
	          "\n"
	          "  --dump              print the articles as the article "
	          "view "
	          "shows them\n"
	          "                      and exit; with no FILE, every cached "
	          "feed item\n"
	          "  --refresh           update every subscription into the "
	          "cache, print a\n"
	          "                      line per feed, and exit (0 when all "
	          "were fetched)\n"
	          "  --search WORDS...   print the cached headlines matching "
	          "WORDS (Persian\n"
	          "                      and Arabic spellings alike) as DATE "
	          "TAB "
	          "HEADLINE\n"
	          "                      TAB LINK, newest first, and exit (0 "
	          "when some\n"
	          "                      matched, 1 when none)\n"
	          "  --extract FILE|URL  print the article of a web page as an "
	          "article file\n"
	          "                      and exit (0 when one was found, 1 "
	          "when none)\n"
	          "  --base-url=URL      the page's address for --extract, for "
	          "its links\n"
	          "  --full-articles[=short|all|none]  which stories' web "
	          "pages are fetched\n"
	          "                      for their full article: those whose "
	          "feed gives only\n"
	          "                      a short summary (the reader's "
	          "default), all, or\n"
	          "                      none; with --refresh, those of the "
	          "new "
	          "items\n"
	          "  --width=N           columns for --dump (default: the "
	          "terminal's, or 80)\n"
	          "  --shaping=on|off    Arabic letter shaping (default: on)\n"
	          "  --bidi=app|terminal who reorders right-to-left text: "
	          "akhbar "
	          "(default),\n"
	          "                      or a terminal that does bidi itself "
	          "(logical order,\n"
	          "                      unshaped)\n"
	          "  --import=FILE       add the http and https feeds of an "
	          "OPML "
	          "file to the\n"
	          "                      subscriptions\n"
	          "  --local-feeds       with --import, add its file: URLs and "
	          "paths too\n"
	          "  --export            print the subscriptions as OPML 2.0\n"
	          "  --urls=FILE         the subscriptions file (default:\n"
	          "                      $XDG_CONFIG_HOME/akhbar/urls)\n"
	          "  --cache=FILE        the feed cache (default:\n"
	          "                      $XDG_DATA_HOME/akhbar/cache.db)\n"
	          "  --timeout=SECONDS   give up on a feed or a page when no "
	          "data came for\n"
	          "                      this long (default: 30)\n"
	          "  --max-time=SECONDS  give up on one that is still "
	          "coming after this\n"
	          "                      long (default: 600; 0: no limit)\n"
	          "  --max-size=MB       give up on a feed larger than this "
	          "(default: 20)\n"
	          "  --cache-wait=SECONDS  while another akhbar writes the "
	          "cache, wait this\n"
	          "                      long for it before giving up "
	          "(default: 90)\n"
	          "  --expire-days=N     remove the cached items older than N "
	          "days that are\n"
	          "                      not starred, after --refresh and "
	          "as the reader starts\n"
	          "                      and after its updates (default: "
	          "keep them all)\n"
	          "  --purge             remove the feeds no longer "
	          "subscribed from the cache,\n"
	          "                      with their items (and, with "
	          "--expire-days, the old\n"
	          "                      items), make the file smaller, and "
	          "exit\n"
	          "  --help              display this help and exit\n"
	          "  --version           output version information and "
	          "exit\n"));
}

static void version(void)
{
	printf("%s %s\n", PACKAGE, VERSION);
	lay_printf(stdout, "%s\n",
	           _("License: GPL-3.0-or-later "
	             "<https://gnu.org/licenses/gpl.html>.\n"
	             "This is free software: you are free to change and "
	             "redistribute it.\n"
	             "There is NO WARRANTY, to the extent permitted by law."));
}

static void bad_usage(const char *fmt, ...)
        __attribute__((format(printf, 1, 2), noreturn));

static void bad_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *message = xvasprintf(fmt, ap);
	va_end(ap);
	char *hint = xasprintf(_("\nTry '%s --help' for more information.\n"),
	                       PACKAGE);
	lay_printf(stderr, "%s: %s%s", PACKAGE, message, hint);
	free(hint);
	free(message);
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
		bad_usage(_("invalid width '%s' (a number from 1 to 10000)"),
		          arg);
	return (int)w;
}

static int terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* akhbar --import: feeds of an OPML file into the urls file; local: its
 * file: URLs and paths too. */
static int import_opml(const char *urls_path, const char *opml_path, bool local)
{
	size_t added, skipped;
	char *error = NULL;
	if (!opml_import(opml_path, urls_path, local, &added, &skipped,
	                 &error)) {
		text_safe_warn(NULL, error);
		free(error);
		return EXIT_FAILURE;
	}
	lay_printf(stdout,
	           _("Imported %zu feeds into %s (%zu already there).\n"),
	           added, urls_path, skipped);
	return EXIT_SUCCESS;
}

/* akhbar --export: the urls file as OPML on stdout; bad lines and what
 * OPML can't hold are warned about. */
static int export_opml(const char *urls_path)
{
	char *error = NULL;
	struct urls *u = urls_load(urls_path, &error);
	if (!u) {
		text_safe_warn(NULL, error);
		free(error);
		return EXIT_FAILURE;
	}
	for (size_t i = 0; i < u->n_errors; i++)
		text_safe_warn(NULL, u->errors[i]);
	for (size_t i = 0; i < u->n; i++) {
		char *lost = opml_lost(&u->entries[i], urls_path);
		if (lost)
			text_safe_warn(NULL, lost);
		free(lost);
	}
	bool ok = opml_export(stdout, u, NULL, NULL);
	urls_free(u);
	if (!ok)
		warn(_("cannot write the OPML: %s"), strerror(errno));
	return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

static long parse_timeout(const char *arg)
{
	char *end;
	double s = strtod(arg, &end);
	if (*arg == '\0' || *end != '\0' || !(s >= 0.1 && s <= 86400))
		bad_usage(
		        _("invalid timeout '%s' (seconds, from 0.1 to 86400)"),
		        arg);
	return (long)(s * 1000);
}

/* --max-time: as a timeout, or 0 for no limit (-1, as fetch takes it). */
static long parse_max_time(const char *arg)
{
	char *end;
	double s = strtod(arg, &end);
	if (*arg != '\0' && *end == '\0' && s == 0)
		return -1;
	if (*arg == '\0' || *end != '\0' || !(s >= 0.1 && s <= 86400))
		bad_usage(_("invalid time '%s' (seconds, 0 or from 0.1 to "
		            "86400)"),
		          arg);
	return (long)(s * 1000);
}

static int parse_expire_days(const char *arg)
{
	char *end;
	long days = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || days < 1 || days > 100000)
		bad_usage(_("invalid number of days '%s' (from 1 to 100000)"),
		          arg);
	return (int)days;
}

static size_t parse_max_size(const char *arg)
{
	char *end;
	long mb = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || mb < 1 || mb > 4096)
		bad_usage(_("invalid size '%s' (megabytes, from 1 to 4096)"),
		          arg);
	return (size_t)mb * 1024 * 1024;
}

static enum pages_choice parse_full_articles(const char *arg)
{
	if (!arg || !strcmp(arg, "short"))
		return PAGES_SHORT;
	if (!strcmp(arg, "all"))
		return PAGES_ALL;
	if (!strcmp(arg, "none"))
		return PAGES_NONE;
	bad_usage(_("--full-articles takes 'short', 'all' or 'none', not "
	            "'%s'"),
	          arg);
}

/* The default urls file; without a home folder the user must name one. */
static char *default_urls_path(void)
{
	char *path = urls_default_path();
	if (!path)
		die(_("no home folder for the subscriptions; name a file with "
		      "--urls"));
	return path;
}

/* The subscriptions of the urls file, with its bad lines warned about;
 * NULL (warned) when it can't be read. */
static struct urls *load_subscriptions(const char *path)
{
	char *error = NULL;
	struct urls *u = urls_load(path, &error);
	if (!u) {
		text_safe_warn(NULL, error);
		free(error);
		return NULL;
	}
	for (size_t i = 0; i < u->n_errors; i++)
		text_safe_warn(NULL, u->errors[i]);
	return u;
}

/* The urls akhbar updates: feeds, and newsboat's exec: and filter: lines
 * (query: lines are kept in the file but not fetched). */
static const char **feed_urls(const struct urls *u, size_t *n)
{
	const char **urls = xreallocarray(NULL, u->n + 1, sizeof *urls);
	*n = 0;
	for (size_t i = 0; i < u->n; i++)
		if (u->entries[i].kind != URLS_QUERY)
			urls[(*n)++] = u->entries[i].url;
	return urls;
}

/* --cache-wait, in milliseconds. */
static int cache_wait_ms = 90 * 1000;

/* Said once a write has waited a second for another akhbar. */
static void tell_wait(void *ctx)
{
	warn(_("waiting for another akhbar writing the cache %s..."),
	     (const char *)ctx);
}

/* The cache at path, read-only for the commands that only read it: they
 * never wait for a reader or a refresh. */
static struct cache *open_cache(const char *path, enum cache_access access)
{
	char *error = NULL;
	struct cache *c = cache_open(path, access, &error);
	if (!c) {
		warn("%s", error);
		free(error);
		return NULL;
	}
	cache_set_wait(c, cache_wait_ms, tell_wait, (void *)path);
	return c;
}

/* Write the marks another akhbar held back, before the cache is closed;
 * false (said) when they could not be. */
static bool flush_cache(struct cache *c)
{
	if (cache_flush(c, true))
		return true;
	text_safe_warn(NULL, cache_error(c));
	return false;
}

/* Remove the items older than days (not starred; 0: none) and give the
 * space back, saying how many went; false (said) on a failure. */
static bool expire_cache(struct cache *c, int days)
{
	long long n = 0;
	if (days)
		n = cache_expire(
		        c, (long long)time(NULL) - (long long)days * 86400, 0,
		        true);
	if (n > 0)
		lay_printf(stdout,
		           ngettext("expired: %lld item older than %d days\n",
		                    "expired: %lld items older than %d days\n",
		                    n),
		           n, days);
	if (n < 0 || cache_shrink(c, 0, true) < 0) {
		text_safe_warn(NULL, cache_error(c));
		return false;
	}
	return true;
}

/* One line per feed; the URL and the error (which may quote the server or
 * the feed) as safe text. */
static void print_report(void *ctx, const struct update_report *r)
{
	size_t *errors = ctx;
	char *url = text_safe(r->url, 0);
	switch (r->status) {
	case UPDATE_OK:
		if (r->ignored) {
			lay_printf(stdout,
			           ngettext("ok     %s  %lld new, %zu item, "
			                    "%zu ignored\n",
			                    "ok     %s  %lld new, %zu items, "
			                    "%zu ignored\n",
			                    r->items),
			           url, r->fresh, r->items, r->ignored);
			break;
		}
		lay_printf(stdout,
		           ngettext("ok     %s  %lld new, %zu item\n",
		                    "ok     %s  %lld new, %zu items\n",
		                    r->items),
		           url, r->fresh, r->items);
		break;
	case UPDATE_NOT_MODIFIED:
		lay_printf(stdout, _("ok     %s  not modified\n"), url);
		break;
	case UPDATE_ERROR: {
		char *error = text_safe(r->error, TEXT_SAFE_MESSAGE_MAX);
		lay_printf(stdout, _("error  %s  %s\n"), url, error);
		free(error);
		(*errors)++;
		break;
	}
	}
	free(url);
	fflush(stdout);
}

static void warn_page(void *ctx, const struct pages_report *r)
{
	if (!r->stored) {
		text_safe_warn(r->url, r->error);
		(*(size_t *)ctx)++;
	}
}

/* The web pages of the items new since `since` that full_articles (or
 * their feed's tag) picks, a few at once; their failures said on stderr. */
static void refresh_pages(struct cache *c, const struct urls *u,
                          long long since, const struct fetch_options *fetch,
                          enum pages_choice full_articles)
{
	size_t failed = 0;
	struct pages_options opt = {
	        .fetch = *fetch, .on_done = warn_page, .ctx = &failed};
	opt.fetch.max_parallel = 0; /* the pages' own bound */
	struct pages *p = pages_new(c, &opt);
	long n = pages_add_new(p, u, since, full_articles);
	if (n < 0)
		text_safe_warn(NULL, cache_error(c));
	pages_run(p);
	pages_free(p);
	if (n > 0)
		lay_printf(stdout,
		           _("full articles: %ld fetched, %zu failed\n"),
		           n - (long)failed, failed);
}

/* The user's config file, for its ignore-article rules; its bad lines
 * warned about, as the reader does. */
static struct ui_config *load_ignore_rules(void)
{
	struct ui_config *cfg = ui_config_new();
	char *path = ui_config_user_path();
	if (path)
		ui_config_load_file(cfg, path);
	free(path);
	for (size_t i = 0; i < cfg->nerrors; i++)
		text_safe_warn(NULL, cfg->errors[i]);
	return cfg;
}

/* akhbar --refresh: every subscription of u (read from urls_path) into
 * the cache, a line each; with full_articles (not PAGES_NONE), the new
 * items' web pages after. */
static int refresh(const struct urls *u, const char *urls_path,
                   const char *cache_path, const struct fetch_options *fetch,
                   enum pages_choice full_articles, int expire_days)
{
	long long since = (long long)time(NULL);
	struct cache *c = open_cache(cache_path, CACHE_READ_WRITE);
	if (!c)
		return EXIT_FAILURE;
	size_t n;
	const char **urls = feed_urls(u, &n);
	struct ui_config *cfg = load_ignore_rules();
	int status = EXIT_SUCCESS;
	if (!cache_sync_feeds(c, urls, n)) {
		text_safe_warn(NULL, cache_error(c));
		status = EXIT_FAILURE;
	} else if (n == 0) {
		warn(_("no subscriptions in %s"), urls_path);
	} else {
		size_t errors = 0;
		struct update_options opt = {
		        .fetch = *fetch,
		        .stream = true,
		        /* The transfers under way are served between slices,
		         * so their timeouts count the network, not the parse
		         * of a big feed that waited. */
		        .slice_ms = 100,
		        .ignore = &cfg->ignore,
		        .urls = u,
		        .expire_days = expire_days,
		        .on_done = print_report,
		        .ctx = &errors,
		};
		struct updater *up = updater_new(c, &opt);
		size_t nfeeds;
		struct cache_feed *feeds = cache_feeds(c, &nfeeds);
		for (size_t i = 0; i < n; i++) {
			const struct cache_feed *f = NULL;
			for (size_t k = 0; feeds && k < nfeeds && !f; k++)
				if (!strcmp(feeds[k].url, urls[i]))
					f = &feeds[k];
			updater_add(up, urls[i], f ? f->etag : NULL,
			            f ? f->last_modified : NULL);
		}
		cache_feeds_free(feeds, nfeeds);
		updater_run(up);
		updater_free(up);
		if (errors)
			status = EXIT_FAILURE;
		if (full_articles != PAGES_NONE)
			refresh_pages(c, u, since, fetch, full_articles);
	}
	if (expire_days && status == EXIT_SUCCESS &&
	    !expire_cache(c, expire_days))
		status = EXIT_FAILURE;
	if (!flush_cache(c))
		status = EXIT_FAILURE;
	free(urls);
	ui_config_free(cfg);
	cache_close(c);
	return status;
}

/* akhbar --purge: the feeds no longer in u leave the cache with their
 * items; with expire_days, the old items too; then the file is made as
 * small as it can be. */
static int purge(const struct urls *u, const char *cache_path, int expire_days)
{
	struct cache *c = open_cache(cache_path, CACHE_READ_WRITE);
	if (!c)
		return EXIT_FAILURE;
	size_t n;
	const char **urls = feed_urls(u, &n);
	int status = EXIT_SUCCESS;
	if (!cache_sync_feeds(c, urls, n) || !cache_purge_unsubscribed(c)) {
		text_safe_warn(NULL, cache_error(c));
		status = EXIT_FAILURE;
	} else if (!expire_cache(c, expire_days)) {
		status = EXIT_FAILURE;
	}
	if (!flush_cache(c))
		status = EXIT_FAILURE;
	free(urls);
	cache_close(c);
	return status;
}

/* Whether a cache is at path, saying so when not: the commands that only
 * read it make none. */
static bool cache_made(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0)
		return true;
	warn(_("no feeds cached yet in %s; run 'akhbar --refresh' first"),
	     path);
	return false;
}

/* --search's lines not yet written, and the error that stopped them. */
struct found {
	struct strbuf lines;
	size_t n;
	int write_error;
};

/* Lines are written in batches of about this many bytes, the first at
 * once. */
#define FOUND_BATCH 16384

/* Write the lines held, laid out as the command line prints; false, with
 * the error noted, when they cannot be written. */
static bool write_found(struct found *f)
{
	if (f->lines.len)
		lay_print(stdout, f->lines.s);
	strbuf_reset(&f->lines);
	if (fflush(stdout) == 0 && !ferror(stdout))
		return true;
	f->write_error = errno;
	return false;
}

/* A line found: held, and written with those before it when it is the
 * first or the batch is full. */
static bool print_found(const char *line, void *found)
{
	struct found *f = found;
	strbuf_adds(&f->lines, line);
	return ++f->n > 1 && f->lines.len < FOUND_BATCH ? true : write_found(f);
}

/* akhbar --search: the cached headlines matching the words, one a line.
 * 0 when something matched, 1 when nothing did, 2 on an error. A reader
 * that stops reading (head -n 1) ends the search without a word. */
static int search(const char *cache_path, char **words, size_t nwords)
{
	if (!cache_made(cache_path))
		return EXIT_FAILURE;
	struct strbuf q = {0};
	for (size_t i = 0; i < nwords; i++) {
		if (i)
			strbuf_addc(&q, ' ');
		strbuf_adds(&q, words[i]);
	}
	char *query = strbuf_take(&q);
	struct cache *c = open_cache(cache_path, CACHE_READ_ONLY);
	int status = 2;
	if (c) {
		struct found f = {0};
		int n = cache_search_print(c, query, print_found, &f);
		if (!f.write_error)
			write_found(&f);
		strbuf_free(&f.lines);
		if (n < 0)
			text_safe_warn(NULL, cache_error(c));
		else if (f.write_error && f.write_error != EPIPE)
			warn(_("cannot write the results: %s"),
			     strerror(f.write_error));
		else
			status = n > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
		cache_close(c);
	}
	free(query);
	return status;
}

/* Where the cache is when --cache does not say, without creating its
 * folders: a reader with neither subscriptions nor a cache opens the
 * sample and leaves no trace. */
static bool default_cache_exists(void)
{
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *path;
	if (data && *data == '/')
		path = xasprintf("%s/akhbar/cache.db", data);
	else if (home && *home)
		path = xasprintf("%s/.local/share/akhbar/cache.db", home);
	else
		return false;
	struct stat st;
	bool exists = stat(path, &st) == 0;
	free(path);
	return exists;
}

/* The reader or --dump over the subscriptions and the cache. */
static int run_feeds(struct urls *u, const char *cache_path, bool dump,
                     const struct lay_options *layout,
                     const struct fetch_options *fetch,
                     enum pages_choice full_articles, int expire_days)
{
	if (dump) {
		/* Read-only: the cache as the last reader or refresh left
		 * it, while they may be running. */
		struct cache *c =
		        cache_made(cache_path)
		                ? open_cache(cache_path, CACHE_READ_ONLY)
		                : NULL;
		int status = c ? dump_cache(stdout, c, layout) : EXIT_FAILURE;
		cache_close(c);
		return status;
	}
	struct cache *c = open_cache(cache_path, CACHE_READ_WRITE);
	if (!c)
		return EXIT_FAILURE;
	size_t n;
	const char **urls = feed_urls(u, &n);
	/* Without a urls file the cache's feeds stay as they are. */
	if (n > 0 && !cache_sync_feeds(c, urls, n)) {
		text_safe_warn(NULL, cache_error(c));
		free(urls);
		cache_close(c);
		return EXIT_FAILURE;
	}
	free(urls);
	int status =
	        ui_run_feeds(c, u, fetch, full_articles, layout, expire_days);
	if (!flush_cache(c) && status == EXIT_SUCCESS)
		status = EXIT_FAILURE;
	cache_close(c);
	return status;
}

/* The command line, read. */
struct options {
	struct lay_options layout;
	struct fetch_options fetch;
	bool dump, export, refresh, search, local_feeds, extract, purge;
	int expire_days; /* 0: items never expire */
	const char *import;
	const char *base_url; /* --extract's page address */
	enum pages_choice full_articles;
	bool full_articles_given;     /* --refresh fetches pages only then */
	char *urls_path, *cache_path; /* NULL: the default */
	int width;                    /* 0: the terminal's */
	char **args;                  /* FILEs, or --search's words */
	size_t nargs;
};

static void options_free(struct options *o)
{
	free(o->urls_path);
	free(o->cache_path);
}

/* Set one option from getopt_long()'s answer c. */
static void set_option(struct options *o, int c, const char *arg)
{
	switch (c) {
	case OPT_DUMP:
		o->dump = true;
		break;
	case OPT_WIDTH:
		o->width = parse_width(arg);
		break;
	case OPT_SHAPING:
		o->layout.shaping = parse_on_off(arg, "--shaping");
		break;
	case OPT_BIDI:
		if (!strcmp(arg, "app"))
			o->layout.visual = true;
		else if (!strcmp(arg, "terminal"))
			o->layout.visual = false;
		else
			bad_usage(_("--bidi takes 'app' or 'terminal', not "
			            "'%s'"),
			          arg);
		break;
	case OPT_IMPORT:
		o->import = arg;
		break;
	case OPT_LOCAL_FEEDS:
		o->local_feeds = true;
		break;
	case OPT_EXPORT:
		o->export = true;
		break;
	case OPT_URLS:
		free(o->urls_path);
		o->urls_path = xstrdup(arg);
		break;
	case OPT_CACHE:
		free(o->cache_path);
		o->cache_path = xstrdup(arg);
		break;
	case OPT_REFRESH:
		o->refresh = true;
		break;
	case OPT_TIMEOUT:
		o->fetch.stall_ms = parse_timeout(arg);
		break;
	case OPT_MAX_TIME:
		o->fetch.max_time_ms = parse_max_time(arg);
		break;
	case OPT_MAX_SIZE:
		o->fetch.max_size = parse_max_size(arg);
		break;
	case OPT_CACHE_WAIT:
		cache_wait_ms = (int)parse_timeout(arg);
		break;
	case OPT_EXPIRE_DAYS:
		o->expire_days = parse_expire_days(arg);
		break;
	case OPT_PURGE:
		o->purge = true;
		break;
	case OPT_SEARCH:
		o->search = true;
		break;
	case OPT_EXTRACT:
		o->extract = true;
		break;
	case OPT_BASE_URL:
		o->base_url = arg;
		break;
	case OPT_FULL_ARTICLES:
		o->full_articles = parse_full_articles(arg);
		o->full_articles_given = true;
		break;
	case OPT_HELP:
		usage(stdout);
		exit(EXIT_SUCCESS);
	case OPT_VERSION:
		version();
		exit(EXIT_SUCCESS);
	default:
		lay_printf(stderr, _("Try '%s --help' for more information.\n"),
		           PACKAGE);
		exit(2);
	}
}

/* Read the command line into o, refusing options that don't go
 * together. */
static void parse_options(int argc, char **argv, struct options *o)
{
	*o = (struct options){.layout = lay_options_default(),
	                      .full_articles = PAGES_SHORT};
	int c;
	while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
		set_option(o, c, optarg);
		lay_print_setup(o->layout.visual, o->layout.shaping);
	}
	o->args = argv + optind;
	o->nargs = (size_t)(argc - optind);
	if (o->local_feeds && !o->import)
		bad_usage(_("--local-feeds goes with --import"));
	if (o->import && o->export)
		bad_usage(_("--import and --export can't be used together"));
	if (o->search && o->nargs == 0)
		bad_usage(_("--search needs the words to find"));
	if (o->search && (o->dump || o->refresh))
		bad_usage(_("--search can't be used with --dump or "
		            "--refresh"));
	if (o->refresh && o->nargs > 0)
		bad_usage(_("--refresh takes no FILE"));
	if (o->purge && (o->nargs > 0 || o->refresh || o->dump || o->search))
		bad_usage(_("--purge takes no FILE, and goes with neither "
		            "--refresh, --dump nor --search"));
	/* A terminal that does its own bidi also shapes. */
	if (!o->layout.visual)
		o->layout.shaping = false;
	o->layout.width = o->width ? o->width : terminal_width();
}

/* --import or --export. */
static int run_opml(struct options *o)
{
	if (!o->urls_path)
		o->urls_path = default_urls_path();
	return o->import ? import_opml(o->urls_path, o->import, o->local_feeds)
	                 : export_opml(o->urls_path);
}

/* --search. */
static int run_search(struct options *o)
{
	if (!o->cache_path && !default_cache_exists()) {
		warn(_("no feeds cached yet; run 'akhbar --refresh' first"));
		return EXIT_FAILURE;
	}
	if (!o->cache_path)
		o->cache_path = cache_default_path();
	return o->cache_path ? search(o->cache_path, o->args, o->nargs) : 2;
}

/* --refresh, or the reader or --dump over the subscriptions and the
 * cache; -1 when there are neither (the sample is opened instead). */
static int run_subscriptions(struct options *o)
{
	bool have_cache = o->cache_path || default_cache_exists();
	if (!o->urls_path)
		o->urls_path = default_urls_path();
	struct urls *u = load_subscriptions(o->urls_path);
	int status = -1;
	if (!u)
		return EXIT_FAILURE;
	if (o->refresh || o->purge || u->n > 0 || have_cache) {
		if (!o->cache_path)
			o->cache_path = cache_default_path();
		if (!o->cache_path) {
			warn(_("no home folder for the cache; name one with "
			       "--cache"));
			status = EXIT_FAILURE;
		} else if (o->purge) {
			status = purge(u, o->cache_path, o->expire_days);
		} else if (o->refresh) {
			status = refresh(
			        u, o->urls_path, o->cache_path, &o->fetch,
			        o->full_articles_given ? o->full_articles
			                               : PAGES_NONE,
			        o->expire_days);
		} else {
			status = run_feeds(u, o->cache_path, o->dump,
			                   &o->layout, &o->fetch,
			                   o->full_articles, o->expire_days);
		}
	}
	urls_free(u);
	return status;
}

/* The reader or --dump over article and feed files (the bundled sample
 * when none is named). */
static int run_files(struct options *o)
{
	struct library *lib = library_new();
	size_t failures;
	if (o->nargs > 0) {
		failures = source_load(lib, o->args, o->nargs, &o->fetch);
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
	struct source_relater *relater = source_relate(lib);
	int status = o->dump ? dump_library(stdout, lib, &o->layout)
	                     : ui_run(lib, relater, &o->layout);
	source_relater_free(relater);
	library_free(lib);
	return status == 0 && failures ? EXIT_FAILURE : status;
}

/* Which mode the command line asks for, run. */
static int run(struct options *o)
{
	if (o->extract)
		return extract_main(o->args, o->nargs, o->base_url, &o->fetch);
	if (o->import || o->export)
		return run_opml(o);
	if (o->search)
		return run_search(o);
	if (o->refresh || o->purge || o->nargs == 0) {
		int status = run_subscriptions(o);
		if (status >= 0)
			return status;
	}
	return run_files(o);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	/* the tests' catalogues, before they are installed */
	const char *localedir = getenv("AKHBAR_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	struct options o;
	parse_options(argc, argv, &o);
	int status = run(&o);
	options_free(&o);
	return status;
}
