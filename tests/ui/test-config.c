/* The reader's config parser, table-driven: good lines and what they
 * change, bad lines and their "FILE:LINE: message", unbind, colours, the
 * built-in defaults, and key names both ways. */
#include "config.h"

#include "check.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/conf.h"
#include "ui/keys.h"

/* One config text applied over the defaults, then key lookups checked. */
static const struct {
	const char *text;
	int key;
	enum ui_action want;
} bindings[] = {
        {"", 'j', UI_ACTION_LINE_DOWN},
        {"", '\t', UI_ACTION_NEXT_RELATED},
        {"", UI_KEY_FN(KEY_BTAB), UI_ACTION_PREV_RELATED},
        {"", '\r', UI_ACTION_OPEN},
        {"", UI_KEY_FN(KEY_BACKSPACE), UI_ACTION_BACK},
        {"", 'Q', UI_ACTION_QUIT},
        {"", 'x', UI_ACTION_NONE},
        {"bind x line-down", 'x', UI_ACTION_LINE_DOWN},
        {"bind j line-up", 'j', UI_ACTION_LINE_UP},
        {"unbind j", 'j', UI_ACTION_NONE},
        {"unbind j\nbind j top", 'j', UI_ACTION_TOP},
        {"unbind <Tab>", '\t', UI_ACTION_NONE},
        {"  bind\t<C-d>   page-down  ", 4, UI_ACTION_PAGE_DOWN},
        {"bind <F5> redraw", UI_KEY_FN(KEY_F(5)), UI_ACTION_REDRAW},
        {"bind <pgdn> bottom", UI_KEY_FN(KEY_NPAGE), UI_ACTION_BOTTOM},
        {"bind ت line-down", 0x62a, UI_ACTION_LINE_DOWN},
        {"bind <lt> help", '<', UI_ACTION_HELP},
        {"bind < help", '<', UI_ACTION_HELP},
        {"bind <C-j> open\nunbind <Enter>", '\r', UI_ACTION_NONE},
        {"# a comment\n\n   # another\nbind z quit\r\n", 'z', UI_ACTION_QUIT},
        /* a comment after a command, as the README writes them */
        {"bind z quit   # bind KEY ACTION", 'z', UI_ACTION_QUIT},
        {"bind z quit\t#no blank after #", 'z', UI_ACTION_QUIT},
        {"bind <Hash> help # the key #", '#', UI_ACTION_HELP},
        /* a bad line changes nothing */
        {"bind j no-such-action", 'j', UI_ACTION_LINE_DOWN},
        {"bind j", 'j', UI_ACTION_LINE_DOWN},
        {"unbind j extra", 'j', UI_ACTION_LINE_DOWN},
        /* the unread flow's own keys */
        {"", 'm', UI_ACTION_TOGGLE_READ},
        {"", 'J', UI_ACTION_NEXT_UNREAD},
        {"", 'K', UI_ACTION_PREV_UNREAD},
        {"", 14, UI_ACTION_NEXT_UNREAD_FEED},
        {"", 16, UI_ACTION_PREV_UNREAD_FEED},
        {"", 'C', UI_ACTION_MARK_ALL_READ},
        {"", 'u', UI_ACTION_UNDO},
        {"", 'n', UI_ACTION_SEARCH_NEXT},
        {"", 'N', UI_ACTION_SEARCH_PREV},
        /* newsboat's keys; the file's own lines win wherever they are */
        {"set keys newsboat", 'n', UI_ACTION_NEXT_UNREAD},
        {"set keys newsboat", 'N', UI_ACTION_TOGGLE_READ},
        {"set keys newsboat", 'p', UI_ACTION_PREV_UNREAD},
        {"set keys newsboat", 'J', UI_ACTION_NEXT_STORY},
        {"set keys newsboat", 'A', UI_ACTION_MARK_FEED_READ},
        {"set keys newsboat", 'r', UI_ACTION_RELOAD},
        {"set keys newsboat", 'o', UI_ACTION_OPEN_LINK},
        {"  set  keys newsboat # n next unread", 'n', UI_ACTION_NEXT_UNREAD},
        {"bind n help\nset keys newsboat", 'n', UI_ACTION_HELP},
        {"set keys newsboat\nbind n help", 'n', UI_ACTION_HELP},
        {"unbind N\nset keys newsboat", 'N', UI_ACTION_NONE},
        {"set keys akhbar", 'n', UI_ACTION_SEARCH_NEXT},
        {"set keys newsboat now", 'n', UI_ACTION_SEARCH_NEXT},
};

/* Bad lines: the messages they give, in order. */
/* A string literal and its length, NUL bytes inside it included. */
#define TEXT(s) s, sizeof s - 1

static const struct {
	const char *text;
	size_t len;
	size_t bad;
	const char *errors[3];
} bad_lines[] = {
        {TEXT("bind j no-such-action"),
         1,
         {"test:1: unknown action 'no-such-action'"}},
        {TEXT("bind <Nope> quit"), 1, {"test:1: unknown key '<Nope>'"}},
        {TEXT("bind jj quit"), 1, {"test:1: unknown key 'jj'"}},
        {TEXT("bind <C-1> quit"), 1, {"test:1: unknown key '<C-1>'"}},
        {TEXT("bind <F13> quit"), 1, {"test:1: unknown key '<F13>'"}},
        /* Messages quote the file as safe text: no control reaches the
         * terminal, invalid UTF-8 is U+FFFD. */
        {TEXT("bind \x01 quit"), 1, {"test:1: unknown key ''"}},
        {TEXT("bind \xff quit"), 1, {"test:1: unknown key '\xEF\xBF\xBD'"}},
        {TEXT("\x1b]52;c;aGFjaw==\x07"),
         1,
         {"test:1: unknown command ']52;c;aGFjaw=='"}},
        {TEXT("bind \xc2\x9b"
              "2J quit"),
         1,
         {"test:1: unknown key '2J'"}},
        {TEXT("\xe2\x80\xae"
              "abc"),
         1,
         {"test:1: unknown command '\xe2\x80\xae"
          "abc'\xe2\x80\xac"}},
        {TEXT("ignore-article \"*\" \"titel =~ \\\"x\\\"\""),
         1,
         {"test:1: in the expression, column 1: unknown attribute, not "
          "'titel'"}},
        {TEXT("ignore-article * \"title =~ \\\"ایران\\\" and\"\n"
              "ignore-article *\n"
              "ignore-article * \"title = \\\"x"),
         3,
         {"test:1: in the expression, column 21: expected an attribute "
          "such as title, content or age, at the end",
          "test:2: usage: ignore-article FEEDS \"EXPRESSION\" (FEEDS a "
          "URL, or * for every feed)",
          "test:3: a quote is never closed"}},
        {TEXT("ignore-mode\nignore-mode hide\nignore-mode display extra"),
         3,
         {"test:1: usage: ignore-mode download|display",
          "test:2: usage: ignore-mode download|display",
          "test:3: usage: ignore-mode download|display"}},
        {TEXT("bind j"), 1, {"test:1: usage: bind KEY ACTION"}},
        {TEXT("bind j quit now"), 1, {"test:1: usage: bind KEY ACTION"}},
        {TEXT("unbind"), 1, {"test:1: usage: unbind KEY"}},
        {TEXT("unbind <Tabb>"), 1, {"test:1: unknown key '<Tabb>'"}},
        {TEXT("color title red"), 1, {"test:1: usage: color ROLE FG BG"}},
        {TEXT("color titel red blue"),
         1,
         {"test:1: unknown colour role 'titel'"}},
        {TEXT("color title reed blue"), 1, {"test:1: unknown colour 'reed'"}},
        {TEXT("color title red 256"), 1, {"test:1: unknown colour '256'"}},
        {TEXT("color title red -1"), 1, {"test:1: unknown colour '-1'"}},
        {TEXT("frobnicate"), 1, {"test:1: unknown command 'frobnicate'"}},
        {TEXT("set interface-direction up"),
         1,
         {"test:1: usage: set interface-direction auto|ltr|rtl"}},
        {TEXT("set direction rtl"), 1, {"test:1: unknown setting 'direction'"}},
        {TEXT("set"), 1, {"test:1: usage: set NAME VALUE"}},
        {TEXT("set keys emacs"),
         1,
         {"test:1: usage: set keys akhbar|newsboat"}},
        {TEXT("set keys newsboat now"),
         1,
         {"test:1: usage: set keys akhbar|newsboat"}},
        {TEXT("set reload-interval -1"),
         1,
         {"test:1: usage: set reload-interval MINUTES"}},
        {TEXT("set reload-interval 5m"),
         1,
         {"test:1: usage: set reload-interval MINUTES"}},
        {TEXT("set reload-interval 10081"),
         1,
         {"test:1: usage: set reload-interval MINUTES"}},
        {TEXT("set reload-at-start maybe"),
         1,
         {"test:1: usage: set reload-at-start yes|no"}},
        {TEXT("set interface-direction"),
         1,
         {"test:1: usage: set interface-direction auto|ltr|rtl"}},
        {TEXT("bind a quit\nnope\nbind b quit\ncolor x y z\n"),
         2,
         {"test:2: unknown command 'nope'", "test:4: unknown colour role 'x'"}},
        {TEXT("bind a quit\n\0bind b quit\n"),
         1,
         {"test:2: a NUL byte in the line"}},
};

static const struct {
	const char *text;
	enum ui_role role;
	short fg, bg;
} colors[] = {
        {"", UI_ROLE_TITLE, -1, -1},
        {"", UI_ROLE_SITE, 6, -1},
        {"color title red blue", UI_ROLE_TITLE, 1, 4},
        {"color focus default bright-yellow", UI_ROLE_FOCUS, -1, 11},
        {"color body 244 0", UI_ROLE_BODY, 244, 0},
        {"color help-key white default", UI_ROLE_HELP_KEY, 7, -1},
        /* a bad colour leaves the role as it was */
        {"color site red nosuch", UI_ROLE_SITE, 6, -1},
};

static struct ui_config *with_defaults(void)
{
	struct ui_config *cfg = ui_config_new();
	size_t bad = ui_config_parse(cfg, ui_config_defaults,
	                             strlen(ui_config_defaults), "defaults");
	CHECK(bad == 0 && cfg->nerrors == 0,
	      "the defaults have %zu bad lines%s%s", bad,
	      cfg->nerrors ? ": " : "", cfg->nerrors ? cfg->errors[0] : "");
	return cfg;
}

static void test_bindings(void)
{
	for (size_t i = 0; i < sizeof bindings / sizeof *bindings; i++) {
		struct ui_config *cfg = with_defaults();
		ui_config_parse(cfg, bindings[i].text, strlen(bindings[i].text),
		                "test");
		enum ui_action got = ui_config_action(cfg, bindings[i].key);
		CHECK(got == bindings[i].want,
		      "\"%s\": key %#x does %d, not %d", bindings[i].text,
		      (unsigned)bindings[i].key, (int)got,
		      (int)bindings[i].want);
		ui_config_free(cfg);
	}
}

static void test_bad_lines(void)
{
	for (size_t i = 0; i < sizeof bad_lines / sizeof *bad_lines; i++) {
		struct ui_config *cfg = ui_config_new();
		const char *text = bad_lines[i].text;
		size_t bad =
		        ui_config_parse(cfg, text, bad_lines[i].len, "test");
		CHECK(bad == bad_lines[i].bad, "\"%s\": %zu bad lines, not %zu",
		      text, bad, bad_lines[i].bad);
		CHECK(cfg->nerrors == bad_lines[i].bad, "\"%s\": %zu messages",
		      text, cfg->nerrors);
		for (size_t e = 0; e < cfg->nerrors && e < bad_lines[i].bad;
		     e++)
			CHECK(!strcmp(cfg->errors[e], bad_lines[i].errors[e]),
			      "\"%s\": message \"%s\", not \"%s\"", text,
			      cfg->errors[e], bad_lines[i].errors[e]);
		ui_config_free(cfg);
	}
	/* the good lines around bad ones still apply */
	struct ui_config *cfg = ui_config_new();
	const char *text = "bind a quit\nnope\nbind b quit\n";
	ui_config_parse(cfg, text, strlen(text), "test");
	CHECK(ui_config_action(cfg, 'a') == UI_ACTION_QUIT &&
	              ui_config_action(cfg, 'b') == UI_ACTION_QUIT,
	      "good lines around a bad one were lost");
	ui_config_free(cfg);
}

/* ignore-article rules: quoted as newsboat quotes them, with comments,
 * read into rules that match. */
static void test_ignore(void)
{
	const char *text =
	        "# a killfile\n"
	        "ignore-article \"*\" \"title =~ \\\"تبلیغ\\\"\" # ads\n"
	        "  ignore-article https://a.example.org/rss "
	        "\"author = \\\"x\\\" or tags # \\\"a \\\\\\\\ b\\\"\"\n"
	        "ignore-mode download\n"
	        "ignore-mode \"display\"\n";
	struct ui_config *cfg = ui_config_new();
	size_t bad = ui_config_parse(cfg, text, strlen(text), "test");
	CHECK(bad == 0, "%zu bad lines: %s", bad,
	      cfg->nerrors ? cfg->errors[0] : "");
	CHECK(cfg->ignore.n == 2, "%zu rules", cfg->ignore.n);
	if (cfg->ignore.n == 2) {
		CHECK(!strcmp(cfg->ignore.rules[0].feeds, "*"), "feeds '%s'",
		      cfg->ignore.rules[0].feeds);
		CHECK(!strcmp(cfg->ignore.rules[1].feeds,
		              "https://a.example.org/rss"),
		      "feeds '%s'", cfg->ignore.rules[1].feeds);
		const char *tags[] = {"a \\ b"};
		struct filter_item ad = {.title = "یک تبلیغ"};
		struct filter_item tagged = {.tags = tags, .ntags = 1};
		CHECK(filter_ignored(&cfg->ignore, "https://z.org/", &ad),
		      "the first rule");
		CHECK(!filter_ignored(&cfg->ignore, "https://z.org/", &tagged),
		      "the second rule is for one feed");
		CHECK(filter_ignored(&cfg->ignore, "https://a.example.org/rss",
		                     &tagged),
		      "the second rule, with a backslash in a quote");
	}
	ui_config_free(cfg);
}

static void test_colors(void)
{
	for (size_t i = 0; i < sizeof colors / sizeof *colors; i++) {
		struct ui_config *cfg = with_defaults();
		ui_config_parse(cfg, colors[i].text, strlen(colors[i].text),
		                "test");
		struct ui_color c = cfg->colors[colors[i].role];
		CHECK(c.fg == colors[i].fg && c.bg == colors[i].bg,
		      "\"%s\": role %s is %d/%d, not %d/%d", colors[i].text,
		      ui_role_name(colors[i].role), c.fg, c.bg, colors[i].fg,
		      colors[i].bg);
		ui_config_free(cfg);
	}
}

/* The interface's direction: auto unless a line sets it; the last line
 * wins, and a bad one changes nothing. */
static void test_direction(void)
{
	static const struct {
		const char *text;
		enum ui_config_direction want;
	} cases[] = {
	        {"", UI_CONFIG_DIR_AUTO},
	        {"set interface-direction rtl", UI_CONFIG_DIR_RTL},
	        {"set interface-direction ltr", UI_CONFIG_DIR_LTR},
	        {"set interface-direction rtl\nset interface-direction auto",
	         UI_CONFIG_DIR_AUTO},
	        {"set interface-direction rtl\nset interface-direction no",
	         UI_CONFIG_DIR_RTL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct ui_config *cfg = with_defaults();
		ui_config_parse(cfg, cases[i].text, strlen(cases[i].text),
		                "test");
		CHECK(cfg->direction == cases[i].want,
		      "\"%s\": direction %d, not %d", cases[i].text,
		      (int)cfg->direction, (int)cases[i].want);
		ui_config_free(cfg);
	}
}

/* The automatic reload: off unless set, minutes or seconds; a bad line
 * changes nothing. */
static void test_reload(void)
{
	static const struct {
		const char *text;
		int interval;
		bool at_start;
	} cases[] = {
	        {"", 0, false},
	        {"set reload-interval 15", 900, false},
	        {"set reload-interval 30s", 30, false},
	        {"set reload-interval 0", 0, false},
	        {"set reload-interval 15\nset reload-interval x", 900, false},
	        {"set reload-at-start yes", 0, true},
	        {"set reload-at-start yes\nset reload-at-start no", 0, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct ui_config *cfg = with_defaults();
		ui_config_parse(cfg, cases[i].text, strlen(cases[i].text),
		                "test");
		CHECK(cfg->reload_interval == cases[i].interval &&
		              cfg->reload_at_start == cases[i].at_start,
		      "\"%s\": every %d s, at start %d", cases[i].text,
		      cfg->reload_interval, cfg->reload_at_start);
		ui_config_free(cfg);
	}
}

/* The save folder: as written, or with ~ as $HOME; a bad line keeps the
 * one before. */
static void test_save_folder(void)
{
	setenv("HOME", "/home/reader", 1);
	static const struct {
		const char *text, *folder;
	} cases[] = {
	        {"", NULL},
	        {"set save-folder /srv/news", "/srv/news"},
	        {"set save-folder ~/saved", "/home/reader/saved"},
	        {"set save-folder ~", "/home/reader"},
	        {"set save-folder \"~/my news\"", "/home/reader/my news"},
	        {"set save-folder ~other/x", "~other/x"},
	        {"set save-folder /a\nset save-folder", "/a"},
	        {"set save-folder /a\nset save-folder /b c", "/a"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct ui_config *cfg = with_defaults();
		ui_config_parse(cfg, cases[i].text, strlen(cases[i].text),
		                "test");
		const char *got = cfg->save_folder;
		CHECK(cases[i].folder ? got && !strcmp(got, cases[i].folder)
		                      : !got,
		      "\"%s\": folder \"%s\"", cases[i].text,
		      got ? got : "(none)");
		ui_config_free(cfg);
	}
	struct ui_config *cfg = with_defaults();
	const char *bad = "set save-folder";
	CHECK(ui_config_parse(cfg, bad, strlen(bad), "test") == 1 &&
	              !strcmp(cfg->errors[0],
	                      "test:1: usage: set save-folder PATH"),
	      "a save-folder without a path: %s",
	      cfg->nerrors ? cfg->errors[0] : "no error");
	ui_config_free(cfg);
}

/* Every key the defaults bind has a name that parses back to it, and
 * every action has a name that parses back to it. */
static void test_names(void)
{
	struct ui_config *cfg = with_defaults();
	for (size_t i = 0; i < cfg->nbindings; i++) {
		char name[32];
		ui_key_name(cfg->bindings[i].key, name, sizeof name);
		CHECK(ui_key_parse(name) == cfg->bindings[i].key,
		      "key name \"%s\" does not parse back to %#x", name,
		      (unsigned)cfg->bindings[i].key);
	}
	for (int a = 0; a < UI_ACTION_COUNT; a++)
		CHECK(ui_action_from_name(ui_action_name((enum ui_action)a)) ==
		              a,
		      "action %s does not parse back",
		      ui_action_name((enum ui_action)a));
	for (int r = 0; r < UI_ROLE_COUNT; r++)
		CHECK(ui_role_from_name(ui_role_name((enum ui_role)r)) == r,
		      "role %s does not parse back",
		      ui_role_name((enum ui_role)r));
	char name[32];
	ui_key_name(0x62a, name, sizeof name);
	CHECK(!strcmp(name, "ت"), "U+062A is named \"%s\"", name);
	ui_key_name(8, name, sizeof name);
	CHECK(!strcmp(name, "<C-h>"), "8 is named \"%s\"", name);
	ui_config_free(cfg);
}

/* A file: missing is fine, present is read with its name in messages. */
static void test_file(void)
{
	struct ui_config *cfg = ui_config_new();
	CHECK(ui_config_load_file(cfg, "/nonexistent/akhbar/config") &&
	              cfg->nerrors == 0,
	      "a missing file is an error");
	char path[] = "/tmp/akhbar-test-config-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0, "mkstemp failed");
	if (fd >= 0) {
		FILE *f = fdopen(fd, "w");
		fputs("bind x quit\nbind y nothing\n", f);
		fclose(f);
		CHECK(ui_config_load_file(cfg, path), "the file was not read");
		CHECK(ui_config_action(cfg, 'x') == UI_ACTION_QUIT,
		      "the file's good line was not applied");
		char *want = NULL;
		if (asprintf(&want, "%s:2: unknown action 'nothing'", path) > 0)
			CHECK(cfg->nerrors == 1 &&
			              !strcmp(cfg->errors[0], want),
			      "message \"%s\"",
			      cfg->nerrors ? cfg->errors[0] : "");
		free(want);
		unlink(path);
	}
	ui_config_free(cfg);

	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	char *p = ui_config_user_path();
	CHECK(p && !strcmp(p, "/x/conf/akhbar/config"), "XDG path %s", p);
	free(p);
	/* a relative XDG_CONFIG_HOME is ignored, as the spec says */
	setenv("XDG_CONFIG_HOME", "rel", 1);
	setenv("HOME", "/home/r", 1);
	p = ui_config_user_path();
	CHECK(p && !strcmp(p, "/home/r/.config/akhbar/config"), "HOME path %s",
	      p);
	free(p);
}

/* The README's example config, as the README writes it, parses whole. */
static void test_readme(void)
{
	const char *top = getenv("top_srcdir");
	char *path = NULL;
	CHECK(asprintf(&path, "%s/README.md", top ? top : ".") > 0, "asprintf");
	FILE *f = fopen(path, "r");
	CHECK(f != NULL, "can't read %s", path);
	free(path);
	if (!f)
		return;
	/* the block after the "### Configuration" heading */
	char line[512], example[4096] = "";
	bool heading = false, in_block = false, done = false;
	while (!done && fgets(line, sizeof line, f)) {
		if (!strcmp(line, "### Configuration\n"))
			heading = true;
		else if (heading && !strncmp(line, "```", 3))
			done = in_block, in_block = !in_block;
		else if (in_block)
			strncat(example, line,
			        sizeof example - strlen(example) - 1);
	}
	fclose(f);
	CHECK(strstr(example, "bind <C-d> page-down") != NULL,
	      "the README's example was not found: \"%s\"", example);
	struct ui_config *cfg = ui_config_new();
	size_t bad = ui_config_parse(cfg, example, strlen(example), "README");
	CHECK(bad == 0, "%zu bad lines, the first: %s", bad,
	      cfg->nerrors ? cfg->errors[0] : "");
	CHECK(ui_config_action(cfg, 4) == UI_ACTION_PAGE_DOWN &&
	              ui_config_action(cfg, 0x62a) == UI_ACTION_LINE_DOWN,
	      "the README's bindings were not applied");
	ui_config_free(cfg);
}

/* Megabytes of junk give a few short messages, not megabytes of them. */
static void test_junk(void)
{
	size_t n = 10 * 1024 * 1024;
	char *junk = malloc(n);
	for (size_t i = 0; i < n; i++)
		junk[i] = i % 64 == 63 ? '\n' : "\x1b]52;c;"[i % 8];
	struct ui_config *cfg = ui_config_new();
	size_t bad = ui_config_parse(cfg, junk, n, "junk");
	size_t bytes = 0;
	for (size_t e = 0; e < cfg->nerrors; e++)
		bytes += strlen(cfg->errors[e]);
	CHECK(bad == n / 64, "%zu bad lines", bad);
	CHECK(cfg->nerrors == 21 && bytes < 21 * 300, "%zu messages, %zu bytes",
	      cfg->nerrors, bytes);
	char want[64];
	snprintf(want, sizeof want, "... and %zu more errors", n / 64 - 20);
	CHECK_STR(cfg->nerrors ? cfg->errors[cfg->nerrors - 1] : NULL, want,
	          "the last message");
	ui_config_free(cfg);
	free(junk);
}

int main(void)
{
	test_bindings();
	test_bad_lines();
	test_ignore();
	test_colors();
	test_direction();
	test_reload();
	test_save_folder();
	test_names();
	test_file();
	test_readme();
	test_junk();
	return check_result("test-config");
}
