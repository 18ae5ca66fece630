/* Writing an article in the article file format (article_file.h), so
 * that article_parse() reads the same article back. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistd.h>
#include <unistr.h>

#include "source/article_file.h"
#include "source/html.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define WORD_JOINER "\u2060"
#define LRM         "\u200E"
#define RLM         "\u200F"

/* A file name made from a title is cut to this many characters. */
#define NAME_CHARS 60

/* Append text as one line: a line end inside it would start another
 * line of the file, so each becomes a space. */
static void add_line_text(struct strbuf *b, const char *text)
{
	size_t start = b->len;
	strbuf_adds(b, text);
	for (size_t i = start; i < b->len; i++)
		if (b->s[i] == '\n' || b->s[i] == '\r')
			b->s[i] = ' ';
}

static void add_header(struct strbuf *b, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	strbuf_adds(b, name);
	strbuf_adds(b, ": ");
	add_line_text(b, value);
	strbuf_addc(b, '\n');
}

/* The direction of text's first strong character: 'l', 'r' or 0. */
static char first_strong(const char *text)
{
	const uint8_t *p = (const uint8_t *)text;
	ucs4_t uc;
	while ((p = u8_next(&uc, p))) {
		int c = uc_bidi_category(uc);
		if (c == UC_BIDI_L)
			return ARTICLE_DIR_LTR;
		if (c == UC_BIDI_R || c == UC_BIDI_AL)
			return ARTICLE_DIR_RTL;
	}
	return 0;
}

/* Whether a line of the body would read as something else: a credit
 * line (which would end the body) or nothing at all. */
static bool reads_as_credit(const char *text)
{
	struct article *probe;
	char *error = NULL;
	/* A header line and a site line, then the text: what the reader
	 * makes of it is the answer, without a second copy of its rules. */
	char *doc = xasprintf("Title: t\n\ns\n%s\n", text);
	probe = article_parse(doc, strlen(doc), "", &error);
	bool credit = probe && probe->credit;
	article_free(probe);
	free(error);
	free(doc);
	return credit;
}

/* A body paragraph as a line: its direction, when the source gave one
 * its text would not, kept by a mark before it; a word joiner (which the
 * layout does not show) before a paragraph that reads as a credit line. */
static void add_paragraph(struct strbuf *b, const struct article *a, size_t i)
{
	const char *text = a->body[i];
	char dir = a->body_dir ? article_dir_base(a->body_dir[i])
	                       : ARTICLE_DIR_AUTO;
	if (dir != ARTICLE_DIR_AUTO && first_strong(text) != dir)
		strbuf_adds(b, dir == ARTICLE_DIR_RTL ? RLM : LRM);
	else if (reads_as_credit(text))
		strbuf_adds(b, WORD_JOINER);
	add_line_text(b, text);
	strbuf_addc(b, '\n');
}

/* Whether text is empty once the file's trimming is done. */
static bool blank(const char *text)
{
	return text[strspn(text, " \t\v\f\r\n")] == '\0';
}

char *article_format(const struct article *a)
{
	struct article *made = NULL;
	if (a->body_source) {
		made = article_copy(a);
		html_make_body(made);
		a = made;
	}
	/* The site line is there in any case: without one, the first
	 * paragraph would be read as the site. */
	const char *site = a->site && !blank(a->site) ? a->site
	                   : !blank(a->title)         ? a->title
	                                              : "-";
	struct strbuf b = {0};
	add_header(&b, "Title", a->title);
	add_header(&b, "Date", a->date);
	add_header(&b, "Link", a->link);
	add_header(&b, "Author", a->author);
	add_header(&b, "Site", site);
	strbuf_addc(&b, '\n');
	add_line_text(&b, site);
	strbuf_addc(&b, '\n');
	for (size_t i = 0; i < a->nbody; i++)
		if (!blank(a->body[i]))
			add_paragraph(&b, a, i);
	/* The credit line ends the body; related headlines need one. */
	if (a->credit && !blank(a->credit)) {
		add_line_text(&b, a->credit);
		strbuf_addc(&b, '\n');
	} else if (a->nrelated) {
		strbuf_adds(&b, "Source: ");
		add_line_text(&b, site);
		strbuf_addc(&b, '\n');
	}
	for (size_t i = 0; i < a->nrelated; i++) {
		add_line_text(&b, a->related[i]);
		strbuf_addc(&b, '\n');
	}
	article_free(made);
	return strbuf_take(&b);
}

int article_file_write(const struct article *a, const char *path, char **error)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		*error = xasprintf("%s", strerror(errno));
		return -1;
	}
	char *text = article_format(a);
	size_t len = strlen(text), done = 0;
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	free(text);
	int saved = errno;
	if (close(fd) != 0 && done == len) {
		saved = errno;
		done = 0;
	}
	if (done < len) {
		*error = xasprintf("%s", strerror(saved));
		unlink(path);
		return -1;
	}
	return 0;
}

char *article_file_name(const struct article *a)
{
	struct strbuf b = {0};
	const uint8_t *p = (const uint8_t *)a->title;
	ucs4_t uc;
	size_t chars = 0;
	bool dash = false;
	while ((p = u8_next(&uc, p)) && chars < NAME_CHARS) {
		if (uc_is_general_category(uc, UC_CATEGORY_L) ||
		    uc_is_general_category(uc, UC_CATEGORY_N) ||
		    uc_is_general_category(uc, UC_CATEGORY_M) || uc == 0x200C) {
			if (dash && b.len) {
				strbuf_addc(&b, '-');
				chars++;
			}
			dash = false;
			strbuf_add_utf8(&b, uc);
			chars++;
		} else {
			dash = true; /* spaces, punctuation, '/', controls */
		}
	}
	if (!b.len)
		strbuf_adds(&b, _("article"));
	strbuf_adds(&b, ".txt");
	return strbuf_take(&b);
}
