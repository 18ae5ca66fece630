/* What the command line prints from untrusted input, fuzzed with the real
 * binary ($AKHBAR): mutated feeds go through --refresh and --search,
 * mutated OPML files through --import and --export; the inputs include
 * feeds written to talk to the terminal (tests/fuzz/data).  Nothing
 * printed, on stdout or stderr, may hold a byte a terminal acts on: it is
 * valid UTF-8 with no C0 control but the line feed (and the tab between
 * --search's fields), no DEL, no ESC, no C1.  Every line --import writes
 * must be an http or https feed.  MUTATE_ROUNDS=N runs N mutations of each
 * input instead of 40. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "fuzz/mutate.h"
#include "source/urls.h"
#include "text/terminal-safe.h"
#include "util/xalloc.h"

#define FEEDS_PER_RUN 70

/* What feeds and OPML files may say to a terminal or a urls file. */
static const char *const hostile[] = {
        "&#27;]52;c;aGk=&#7;",
        "&amp;#27;]52;c;aGk=&amp;#7;",
        "&amp;#x9b;2J",
        "&#x9b;31m",
        "&#x85;",
        "&#x202E;",
        "&#x2067;",
        "&#10;~Injected",
        "&#10;exec:rm -rf ~",
        "exec:",
        "filter:",
        "query:",
        "file:///etc/passwd",
        "\" xmlUrl=\"exec:sh\" x=\"",
        "<outline text=\"x&#10;!\" xmlUrl=\"http://a.example/&#13;y\"/>",
        "<title>&amp;#27;[2J news</title>",
};

static const char *akhbar;
static char tmp[] = "/tmp/akhbar-mutate-cli-XXXXXX";
static size_t runs, checked_bytes;

/* Run akhbar with args (shell words), its output in tmp/out and tmp/err;
 * its exit status, or -1 when it did not exit. */
static int run(const char *args)
{
	char *cmd = xasprintf("\"%s\" %s >\"%s/out\" 2>\"%s/err\"", akhbar,
	                      args, tmp, tmp);
	int rc = system(cmd);
	free(cmd);
	runs++;
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static char *tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmp, name);
}

/* tmp/name holds nothing a terminal acts on. */
static void check_file(const char *name, bool tabs, const char *what)
{
	char *path = tmp_path(name);
	size_t len = 0, at = 0;
	char *text = read_whole(path, &len);
	const char *bad = text ? terminal_unsafe(text, len, tabs, &at) : NULL;
	CHECK(text && !bad, "%s: %s at byte %zu of %s: \"%.60s\"", what,
	      bad ? bad : "unreadable", at, name,
	      text ? text + (at > 20 ? at - 20 : 0) : "");
	CHECK(!text || !strstr(text, "Sanitizer"), "%s: %s", what, text);
	checked_bytes += len;
	free(text);
	free(path);
}

static void check_run(int rc, const char *what)
{
	CHECK(rc >= 0 && rc <= 2, "%s: exit status %d", what, rc);
	check_file("out", strstr(what, "search") != NULL, what);
	check_file("err", false, what);
}

static void write_text(const char *path, const char *s, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(s, 1, len, f) == len;
	CHECK(f && fclose(f) == 0 && ok, "cannot write %s", path);
}

/* How many lines of tmp/out start with prefix. */
static size_t count_lines(const char *prefix)
{
	char *path = tmp_path("out");
	size_t len = 0, n = 0;
	char *text = read_whole(path, &len);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p += !!p)
		n += strncmp(p, prefix, strlen(prefix)) == 0;
	free(text);
	free(path);
	return n;
}

struct totals {
	size_t feeds_ok, searches_found, imported;
};

/* The feeds listed in tmp/urls into a fresh cache with --refresh, then
 * --search for words the fixtures hold. */
static void refresh_and_search(struct totals *t)
{
	char *args = xasprintf("--urls '%s/urls' --cache '%s/cache.db' "
	                       "--refresh",
	                       tmp, tmp);
	check_run(run(args), "--refresh");
	free(args);
	t->feeds_ok += count_lines("ok ");
	static const char *const words[] = {"تهران", "Iran", "story",
	                                    "قیمت",  "news", "aGk"};
	for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
		args = xasprintf("--cache '%s/cache.db' --search %s", tmp,
		                 words[w]);
		int rc = run(args);
		check_run(rc, "--search");
		t->searches_found += rc == 0;
		free(args);
	}
	args = xasprintf("rm -f '%s'/cache.db* '%s'/feed-*.xml '%s/urls'", tmp,
	                 tmp, tmp);
	CHECK(system(args) == 0, "cannot clean %s", tmp);
	free(args);
}

static void fuzz_feeds(int rounds, struct strbuf *m, struct totals *t)
{
	static const char *const inputs[] = {
	        "tests/feed/data/rss2-fa.xml",
	        "tests/feed/data/atom-ar.xml",
	        "tests/feed/data/rdf-he.xml",
	        "tests/feed/data/rss091-en.xml",
	        "tests/search/data/news-fa.xml",
	        "tests/search/data/news-en.xml",
	        "tests/fuzz/data/hostile-feed.xml",
	        "tests/fuzz/data/hostile-root.xml",
	};
	struct strbuf urls = {0};
	size_t listed = 0, total = 0;
	size_t n_inputs = sizeof inputs / sizeof *inputs;
	for (size_t k = 0; k < n_inputs; k++) {
		char *path = srcdir_path(inputs[k]);
		size_t len;
		char *in = read_whole(path, &len);
		CHECK(in != NULL, "cannot read %s", path);
		for (int i = 0; in && i < rounds; i++) {
			mutate(in, len, m, hostile,
			       sizeof hostile / sizeof *hostile);
			char *feed = xasprintf("%s/feed-%zu.xml", tmp, total++);
			write_text(feed, m->s, m->len);
			strbuf_adds(&urls, feed);
			strbuf_addc(&urls, '\n');
			free(feed);
			bool last = k + 1 == n_inputs && i + 1 == rounds;
			if (++listed < FEEDS_PER_RUN && !last)
				continue;
			char *list = tmp_path("urls");
			write_text(list, urls.s, urls.len);
			free(list);
			refresh_and_search(t);
			strbuf_reset(&urls);
			listed = 0;
		}
		free(in);
		free(path);
	}
	strbuf_free(&urls);
}

/* Every line --import wrote to tmp/urls (if any) is an http or https
 * feed. */
static void check_imported(struct totals *t)
{
	char *path = tmp_path("urls");
	if (access(path, F_OK) != 0) { /* nothing imported */
		free(path);
		return;
	}
	char *error = NULL;
	check_file("urls", false, "the urls file");
	struct urls *u = urls_load(path, &error);
	CHECK(u && u->n_errors == 0, "imported urls: %s",
	      u && u->n_errors ? u->errors[0]
	      : error          ? error
	                       : "");
	for (size_t i = 0; u && i < u->n; i++) {
		const char *url = u->entries[i].url;
		CHECK(u->entries[i].kind == URLS_FEED &&
		              (!strncasecmp(url, "http://", 7) ||
		               !strncasecmp(url, "https://", 8)),
		      "imported: %s", url);
	}
	t->imported += u ? u->n : 0;
	urls_free(u);
	free(error);
	unlink(path);
	free(path);
}

/* A gentler mutation that keeps the file well-formed more often: a few
 * hostile pieces slipped in right after the start of attribute values. */
static void slip_into_values(const char *in, size_t len, struct strbuf *out)
{
	size_t values = 0;
	for (const char *p = in; (p = strstr(p, "=\"")); p++)
		values++;
	strbuf_reset(out);
	strbuf_add(out, in, len);
	for (int e = 1 + (int)mutate_below(3); e > 0 && values; e--) {
		const char *at = out->s;
		for (size_t k = mutate_below(values); k-- > 0;)
			at = strstr(at, "=\"") + 2;
		at = strstr(at, "=\"") + 2;
		const char *piece =
		        hostile[mutate_below(sizeof hostile / sizeof *hostile)];
		struct strbuf t = {0};
		strbuf_add(&t, out->s, (size_t)(at - out->s));
		strbuf_adds(&t, piece);
		strbuf_adds(&t, at);
		strbuf_free(out);
		*out = t;
	}
}

static void fuzz_opml(int rounds, struct strbuf *m, struct totals *t)
{
	static const char *const inputs[] = {
	        "tests/fetch/data/nested.opml",
	        "tests/fetch/data/hostile.opml",
	        "tests/fetch/data/opml1.opml",
	};
	char *opml = tmp_path("in.opml");
	char *import = xasprintf("--urls '%s/urls' --import '%s'", tmp, opml);
	char *export = xasprintf("--urls '%s/urls' --export", tmp);
	for (size_t k = 0; k < sizeof inputs / sizeof *inputs; k++) {
		char *path = srcdir_path(inputs[k]);
		size_t len;
		char *in = read_whole(path, &len);
		CHECK(in != NULL, "cannot read %s", path);
		for (int i = 0; in && i < rounds; i++) {
			if (i % 2)
				slip_into_values(in, len, m);
			else
				mutate(in, len, m, hostile,
				       sizeof hostile / sizeof *hostile);
			write_text(opml, m->s, m->len);
			check_run(run(import), "--import");
			check_run(run(export), "--export");
			check_imported(t);
		}
		free(in);
		free(path);
	}
	unlink(opml);
	free(opml);
	free(import);
	free(export);
}

int main(void)
{
	akhbar = getenv("AKHBAR");
	if (!akhbar || !mkdtemp(tmp)) {
		fputs("test-mutate-cli: no $AKHBAR or no temporary folder\n",
		      stderr);
		return 77;
	}
	const char *r = getenv("MUTATE_ROUNDS");
	int rounds = r && atoi(r) > 0 ? atoi(r) : 40;
	struct strbuf m = {0};
	struct totals t = {0};
	fuzz_feeds(rounds, &m, &t);
	fuzz_opml(rounds, &m, &t);
	strbuf_free(&m);
	char *rm = xasprintf("rm -rf '%s'", tmp);
	CHECK(system(rm) == 0, "cannot remove %s", tmp);
	free(rm);
	printf("%zu runs: %zu feeds fetched, %zu searches found something, "
	       "%zu feeds imported; %zu bytes of output checked\n",
	       runs, t.feeds_ok, t.searches_found, t.imported, checked_bytes);
	/* Most mutations still parse: otherwise only error paths ran. */
	CHECK(t.feeds_ok > 0 && t.searches_found > 0 && t.imported > 0,
	      "too little parsed");
	return check_result("test-mutate-cli");
}
