/* The urls file: a table of lines and what they parse to, errors with
 * FILE:LINE, formatting that reads back the same, and appending that keeps
 * everything the user wrote. */
#include "config.h"

#include "check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source/urls.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

#define MAX_TAGS 4

struct want {
	const char *url;
	enum urls_kind kind;
	const char *tags[MAX_TAGS];
	const char *title;
	bool hidden;
	unsigned line;
};

static bool same_entry(const struct urls_entry *e, const struct want *w,
                       bool check_line)
{
	size_t n = 0;
	while (n < MAX_TAGS && w->tags[n])
		n++;
	if (strcmp(e->url, w->url) != 0 || e->kind != w->kind ||
	    e->n_tags != n || e->hidden != w->hidden ||
	    (check_line && e->line != w->line))
		return false;
	if ((e->title == NULL) != (w->title == NULL) ||
	    (e->title && strcmp(e->title, w->title)))
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(e->tags[i], w->tags[i]) != 0)
			return false;
	return true;
}

static void show(const struct urls_entry *e)
{
	fprintf(stderr,
	        "  got: url '%s' kind %d line %u hidden %d title '%s' tags",
	        e->url, e->kind, e->line, e->hidden,
	        e->title ? e->title : "(none)");
	for (size_t i = 0; i < e->n_tags; i++)
		fprintf(stderr, " [%s]", e->tags[i]);
	fputc('\n', stderr);
}

static const char table_text[] =
        "\xEF\xBB\xBF"
        "# my feeds, copied from newsboat\n"                             /* 1 */
        "http://example.org/feed.xml\n"                                  /* 2 */
        "https://example.org/a.rss persian news\n"                       /* 3 */
        "\n"                                                             /* 4 */
        "   # an indented comment\n"                                     /* 5 */
        "https://b.example.org/rss \"world news\" \"~My Title\" \"!\"\n" /* 6 */
        "\thttps://c.example.org/rss\ttab   spaced  \n"                  /* 7 */
        "https://d.example.org/x#frag tag # a comment after the tags\n"  /* 8 */
        "\"https://e.example.org/quoted url\" t\n"                       /* 9 */
        "https://f.example.org/ \"say \\\"hi\\\" \\\\ there\"\n"   /* 10 */
        "\"tag-only\"\n"                                           /* 11 */
        "https://g.example.org/ \"unterminated\n"                  /* 12 */
        "\"query:Unread Articles:unread = \\\"yes\\\"\" queries\n" /* 13 */
        "exec:~/bin/make-feed.sh\n"                                /* 14 */
        "filter:~/bin/clean.sh:https://h.example.org/rss\n"        /* 15 */
        "~/feeds/local.xml\n"                                      /* 16 */
        "/srv/feeds/خبر.xml فارسی\r\n"                             /* 17 */
        "relative/feed.xml\n"                                      /* 18 */
        "http://example.org/feed.xml again\n"                      /* 19 */
        "https://i.example.org/ \"~\" \"\" glued\"part two\"\n"    /* 20 */
        "https://j.example.org/ \"~First\" \"~Second\"\n"          /* 21 */
        "https://k.example.org/ !notmark"; /* 22, no newline at the end */

static const struct want table[] = {
        {.url = "http://example.org/feed.xml", .line = 2},
        {.url = "https://example.org/a.rss",
         .tags = {"persian", "news"},
         .line = 3},
        {.url = "https://b.example.org/rss",
         .tags = {"world news"},
         .title = "My Title",
         .hidden = true,
         .line = 6},
        {.url = "https://c.example.org/rss",
         .tags = {"tab", "spaced"},
         .line = 7},
        {.url = "https://d.example.org/x#frag", .tags = {"tag"}, .line = 8},
        {.url = "https://e.example.org/quoted url", .tags = {"t"}, .line = 9},
        {.url = "https://f.example.org/",
         .tags = {"say \"hi\" \\ there"},
         .line = 10},
        {.url = "query:Unread Articles:unread = \"yes\"",
         .kind = URLS_QUERY,
         .tags = {"queries"},
         .line = 13},
        {.url = "exec:~/bin/make-feed.sh", .kind = URLS_EXEC, .line = 14},
        {.url = "filter:~/bin/clean.sh:https://h.example.org/rss",
         .kind = URLS_FILTER,
         .line = 15},
        {.url = "/home/reader/feeds/local.xml", .line = 16},
        {.url = "/srv/feeds/خبر.xml", .tags = {"فارسی"}, .line = 17},
        {.url = "https://i.example.org/",
         .tags = {"gluedpart two"},
         .line = 20},
        {.url = "https://j.example.org/", .title = "Second", .line = 21},
        {.url = "https://k.example.org/", .tags = {"!notmark"}, .line = 22},
};

static const char *const table_errors[] = {
        "my-urls:11: not a URL: tag-only",
        "my-urls:12: unterminated quote",
        "my-urls:18: not a URL: relative/feed.xml",
        "my-urls:19: http://example.org/feed.xml is already listed on line 2",
};

static void test_table(void)
{
	struct urls *u = urls_parse(table_text, "my-urls");
	size_t n = sizeof(table) / sizeof(table[0]);
	CHECK(u->n == n, "%zu entries, expected %zu", u->n, n);
	for (size_t i = 0; i < n && i < u->n; i++)
		if (!same_entry(&u->entries[i], &table[i], true)) {
			CHECK(false, "entry %zu (line %u) differs", i,
			      table[i].line);
			show(&u->entries[i]);
		}
	size_t ne = sizeof(table_errors) / sizeof(table_errors[0]);
	CHECK(u->n_errors == ne, "%zu errors, expected %zu", u->n_errors, ne);
	for (size_t i = 0; i < ne && i < u->n_errors; i++)
		CHECK(strcmp(u->errors[i], table_errors[i]) == 0,
		      "error '%s', expected '%s'", u->errors[i],
		      table_errors[i]);
	CHECK(urls_find(u, "https://c.example.org/rss") == &u->entries[3],
	      "urls_find");
	CHECK(urls_find(u, "https://nowhere.example.org/") == NULL,
	      "urls_find of a stranger");

	/* Every entry formats to a line that parses back to it. */
	for (size_t i = 0; i < u->n; i++) {
		char *line = urls_format(&u->entries[i]);
		struct urls *back = urls_parse(line, "formatted");
		CHECK(back->n == 1 && back->n_errors == 0 &&
		              same_entry(&back->entries[0], &table[i], false),
		      "'%s' does not read back as line %u", line,
		      table[i].line);
		urls_free(back);
		free(line);
	}
	urls_free(u);
}

/* exec: and filter: lines: what runs, and the lines that can't. */
static void test_commands(void)
{
	static const char text[] =
	        "\"exec:curl -s https://a.example.org | tr a b\" t\n" /* 1 */
	        "exec:\n"                                             /* 2 */
	        "\"exec:   \"\n"                                      /* 3 */
	        "filter:sed 's/x/y/'\n"                               /* 4 */
	        "filter::https://b.example.org/rss\n"                 /* 5 */
	        "filter:cat:not a url\n"                              /* 6 */
	        "filter:cat:query:x\n"                                /* 7 */
	        "\"filter:tr ا ی:/srv/خبر.xml\" فارسی\n";             /* 8 */
	struct urls *u = urls_parse(text, "urls");
	CHECK(u->n == 2, "%zu entries, expected 2", u->n);
	if (u->n == 2) {
		CHECK(u->entries[0].kind == URLS_EXEC &&
		              u->entries[0].line == 1,
		      "exec line");
		CHECK(u->entries[1].kind == URLS_FILTER &&
		              u->entries[1].line == 8,
		      "filter line");
	}
	static const char *const errors[] = {
	        "urls:2: exec: needs a command: exec:COMMAND",
	        "urls:3: exec: needs a command: exec:COMMAND",
	        "urls:4: filter: needs a command and a URL: filter:COMMAND:URL",
	        "urls:5: filter: needs a command and a URL: filter:COMMAND:URL",
	        "urls:6: filter: needs a command and a URL: filter:COMMAND:URL",
	        "urls:7: filter: needs a command and a URL: filter:COMMAND:URL",
	};
	size_t ne = sizeof errors / sizeof *errors;
	CHECK(u->n_errors == ne, "%zu errors, expected %zu", u->n_errors, ne);
	for (size_t i = 0; i < ne && i < u->n_errors; i++)
		CHECK(!strcmp(u->errors[i], errors[i]),
		      "error '%s', expected '%s'", u->errors[i], errors[i]);
	urls_free(u);

	char *source;
	char *cmd = urls_filter_split("filter:tr ا ی:/srv/خبر.xml", &source);
	CHECK(!strcmp(cmd, "tr ا ی") && !strcmp(source, "/srv/خبر.xml"),
	      "split into '%s' and '%s'", cmd, source);
	free(cmd);
	free(source);
	cmd = urls_filter_split("filter:c:http://x.org/a:b", &source);
	CHECK(!strcmp(cmd, "c") && !strcmp(source, "http://x.org/a:b"),
	      "the first colon ends the command: '%s' and '%s'", cmd, source);
	free(cmd);
	free(source);
	cmd = urls_filter_split("filter:lonely", &source);
	CHECK(!strcmp(cmd, "lonely") && !strcmp(source, ""),
	      "no URL: '%s' and '%s'", cmd, source);
	free(cmd);
	free(source);
}

static void test_format(void)
{
	char *tags[] = {"world news", "plain", "~sneaky",
	                "!",          "#hash", "back\\slash"};
	struct urls *u = urls_parse("", "x");
	urls_add(u, "https://a.example.org/rss", tags, 6, "Title \"quoted\"");
	u->entries[0].hidden = true;
	char *line = urls_format(&u->entries[0]);
	const char *want = "https://a.example.org/rss \"world news\" plain "
	                   "sneaky \"#hash\" "
	                   "\"back\\\\slash\" \"~Title \\\"quoted\\\"\" \"!\"";
	CHECK(strcmp(line, want) == 0, "format:\n  got  %s\n  want %s", line,
	      want);
	free(line);

	urls_add(u, "https://b.example.org/rss", NULL, 0, "two\nlines");
	line = urls_format(&u->entries[1]);
	CHECK(strcmp(line, "https://b.example.org/rss \"~two lines\"") == 0,
	      "newline in title: %s", line);
	free(line);
	urls_free(u);
}

/* Text from outside (an OPML file) is made safe before it is quoted: a
 * line break can't start a tag, a title or another subscription, and no
 * control character reaches the file. */
static void test_format_hostile(void)
{
	static const struct {
		const char *url, *tag, *title;
		const char *want;
	} cases[] = {
	        {"https://a.example/\n~Injected", NULL, NULL,
	         "\"https://a.example/ ~Injected\""},
	        {"https://a.example/\r\nexec:rm", NULL, NULL,
	         "\"https://a.example/  exec:rm\""},
	        {"https://a.example/", "a\n!", NULL,
	         "https://a.example/ \"a !\""},
	        {"https://a.example/", NULL, "t\n\"!",
	         "https://a.example/ "
	         "\"~t \\\"!\""},
	        {"https://a.example/\x1b]52;c;aGk=\x07", "\xc2\x9bx", NULL,
	         "https://a.example/]52;c;aGk= x"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct urls *u = urls_parse("", "x");
		char *tags[] = {(char *)cases[i].tag};
		urls_add(u, cases[i].url, tags, cases[i].tag ? 1 : 0,
		         cases[i].title);
		char *line = urls_format(&u->entries[0]);
		CHECK_STR(line, cases[i].want, "hostile format");
		struct urls *back = urls_parse(line, "formatted");
		CHECK(back->n == 1 && back->n_errors == 0 &&
		              !back->entries[0].hidden &&
		              back->entries[0].n_tags ==
		                      (cases[i].tag ? 1 : 0) &&
		              (back->entries[0].title != NULL) ==
		                      (cases[i].title != NULL),
		      "'%s' reads back as %zu entries", line, back->n);
		urls_free(back);
		urls_free(u);
		free(line);
	}
}

/* Messages quote bad lines as safe text, and 30 bad lines give 20
 * messages and a count of the rest. */
static void test_errors_hostile(void)
{
	char text[30 * 16 + 1] = "";
	for (int i = 0; i < 30; i++)
		strcat(text, "\x1b]52;c;aGk=\x07\n");
	struct urls *u = urls_parse(text, "x");
	CHECK(u->n == 0 && u->n_errors == 21, "%zu entries, %zu errors", u->n,
	      u->n_errors);
	CHECK_STR(u->n_errors ? u->errors[0] : NULL,
	          "x:1: not a URL: ]52;c;aGk=", "a bad line quoted");
	CHECK_STR(u->n_errors == 21 ? u->errors[20] : NULL,
	          "... and 10 more errors", "the rest counted");
	urls_free(u);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = xmalloc(65536);
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static void test_paths(void)
{
	setenv("XDG_CONFIG_HOME", "/xdg/config", 1);
	char *p = urls_default_path();
	CHECK(strcmp(p, "/xdg/config/akhbar/urls") == 0, "XDG path %s", p);
	free(p);
	setenv("XDG_CONFIG_HOME", "relative/config", 1);
	p = urls_default_path();
	CHECK(strcmp(p, "/home/reader/.config/akhbar/urls") == 0,
	      "relative XDG path %s", p);
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = urls_default_path();
	CHECK(strcmp(p, "/home/reader/.config/akhbar/urls") == 0,
	      "default path %s", p);
	free(p);
}

static void test_files(void)
{
	char *tmp = xstrdup("/tmp/akhbar-urls-XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		exit(1);
	}
	char *error = NULL;

	/* A missing file is an empty list; a folder or binary is an error. */
	char *missing = xasprintf("%s/none/urls", tmp);
	struct urls *u = urls_load(missing, &error);
	CHECK(u && u->n == 0 && u->n_errors == 0,
	      "missing file should be an empty list");
	urls_free(u);
	u = urls_load(tmp, &error);
	CHECK(!u && error && strstr(error, tmp), "a folder: %s",
	      error ? error : "(no error)");
	free(error);
	error = NULL;
	char *binary = xasprintf("%s/binary", tmp);
	FILE *f = fopen(binary, "wb");
	fwrite("http://a/\0x\n", 1, 12, f);
	fclose(f);
	u = urls_load(binary, &error);
	CHECK(!u && error && strstr(error, "NUL"), "NUL bytes: %s",
	      error ? error : "(no error)");
	free(error);
	error = NULL;

	/* Appending creates the folders and the file. */
	struct urls *add = urls_parse("", "x");
	char *tags[] = {"news"};
	urls_add(add, "https://new.example.org/rss", tags, 1, NULL);
	urls_add(add, "https://two.example.org/rss", NULL, 0, NULL);
	CHECK(urls_append(missing, add->entries, 1, &error),
	      "append to a new file: %s", or_none(error));
	char *text = slurp(missing);
	CHECK(text && strcmp(text, "https://new.example.org/rss news\n") == 0,
	      "new file: '%s'", text);
	free(text);

	/* An existing file keeps its bytes (comments, spacing, no final
	 * newline), its mode, and stays behind its symbolic link. */
	char *real = xasprintf("%s/real-urls", tmp);
	char *link = xasprintf("%s/urls", tmp);
	const char *old = "# keep me\n\n  http://old.example.org/rss   \"odd  "
	                  "spacing\"\n# last";
	spit(real, old);
	chmod(real, 0600);
	CHECK(symlink("real-urls", link) == 0, "symlink: %s", strerror(errno));
	CHECK(urls_append(link, add->entries, 2, &error), "append: %s",
	      or_none(error));
	text = slurp(real);
	char *want = xasprintf("%s\nhttps://new.example.org/rss "
	                       "news\nhttps://two.example.org/rss\n",
	                       old);
	CHECK(text && strcmp(text, want) == 0,
	      "appended file:\n%s\nwanted:\n%s", text, want);
	struct stat st;
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode),
	      "the link was replaced");
	CHECK(stat(real, &st) == 0 && (st.st_mode & 0777) == 0600, "mode %o",
	      st.st_mode & 0777);
	free(text);
	free(want);

	u = urls_load(link, &error);
	CHECK(u && u->n == 3 && u->n_errors == 0, "reload: %zu entries",
	      u ? u->n : 0);
	urls_free(u);

	/* Nothing is left behind in the folder but the files we made. */
	char *cmd = xasprintf("test $(ls -A %s | wc -l) -eq 4", tmp);
	CHECK(system(cmd) == 0, "temporary files left in %s", tmp);
	free(cmd);

	urls_free(add);
	unlink(link);
	unlink(real);
	unlink(binary);
	unlink(missing);
	char *none = xasprintf("%s/none", tmp);
	rmdir(none);
	rmdir(tmp);
	free(none);
	free(link);
	free(real);
	free(binary);
	free(missing);
	free(tmp);
}

/* Thousands of lines: each URL found at its own entry, a URL added twice
 * at its first, a line listing a URL again refused. */
static void test_many(void)
{
	struct strbuf text = {0};
	char line[64];
	for (int i = 0; i < 5000; i++) {
		snprintf(line, sizeof line,
		         "https://feed%d.example.org/rss news\n", i);
		strbuf_adds(&text, line);
	}
	strbuf_adds(&text, "https://feed7.example.org/rss again\n");
	struct urls *u = urls_parse(text.s, "many");
	CHECK(u->n == 5000, "5000 entries, not %zu", u->n);
	CHECK(u->n_errors == 1, "the line listing feed7 again refused");
	for (int i = 0; i < 5000; i += 499) {
		char url[64];
		snprintf(url, sizeof url, "https://feed%d.example.org/rss", i);
		CHECK(urls_find(u, url) == &u->entries[i], "%s at entry %d",
		      url, i);
	}
	urls_add(u, "https://feed9.example.org/rss", NULL, 0, NULL);
	CHECK(urls_find(u, "https://feed9.example.org/rss") == &u->entries[9],
	      "a URL added twice is found at its first entry");
	urls_add(u, "https://new.example.org/rss", NULL, 0, NULL);
	CHECK(urls_find(u, "https://new.example.org/rss") ==
	              &u->entries[u->n - 1],
	      "a URL added is found");
	urls_free(u);
	free(text.s);
}

int main(void)
{
	setenv("HOME", "/home/reader", 1);
	test_table();
	test_commands();
	test_format();
	test_format_hostile();
	test_errors_hostile();
	test_paths();
	test_files();
	test_many();
	return check_result("test_urls");
}
