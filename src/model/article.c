#include "config.h"

#include "model/article.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct article *article_new(void)
{
	struct article *a = xcalloc(1, sizeof *a);
	a->title = xstrdup("");
	return a;
}

static void append(char ***list, size_t *n, const char *text, size_t len)
{
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = xstrndup(text, len);
}

/* Room for one more paragraph: the slots double when full, so that a
 * body of n paragraphs is copied about twice, not n times. */
static void grow_body(struct article *a)
{
	/* A body filled directly has no body_cap (nor, maybe, body_dir:
	 * those paragraphs are auto). */
	bool known = a->body_cap >= a->nbody && a->body_dir;
	if (known && a->nbody < a->body_cap)
		return;
	size_t cap = a->nbody < 8 ? 16 : 2 * a->nbody;
	bool had_dirs = a->body_dir != NULL;
	a->body = xreallocarray(a->body, cap, sizeof *a->body);
	a->body_dir = xreallocarray(a->body_dir, cap, 1);
	if (!had_dirs)
		memset(a->body_dir, ARTICLE_DIR_AUTO, a->nbody);
	a->body_cap = cap;
}

void article_add_paragraph(struct article *a, const char *text, size_t len)
{
	article_add_paragraph_dir(a, text, len, ARTICLE_DIR_AUTO);
}

char article_dir_base(char d)
{
	d = (char)(d | 0x20);
	return d == ARTICLE_DIR_LTR || d == ARTICLE_DIR_RTL ? d
	                                                    : ARTICLE_DIR_AUTO;
}

int article_dir_follows(char d)
{
	return d == ARTICLE_DIR_FOLLOWS(ARTICLE_DIR_AUTO) ||
	       d == ARTICLE_DIR_FOLLOWS(ARTICLE_DIR_LTR) ||
	       d == ARTICLE_DIR_FOLLOWS(ARTICLE_DIR_RTL);
}

void article_add_paragraph_dir(struct article *a, const char *text, size_t len,
                               char dir)
{
	bool follows = article_dir_follows(dir);
	dir = article_dir_base(dir);
	if (follows)
		dir = ARTICLE_DIR_FOLLOWS(dir);
	grow_body(a);
	a->body_dir[a->nbody] = dir;
	a->body[a->nbody++] = xstrndup(text, len);
}

/* The number of a "[N] URL" paragraph (N from 1, a URL with a scheme and
 * no space), or 0; *url where its URL starts. */
static size_t link_paragraph(const char *p, const char **url)
{
	if (p[0] != '[' || p[1] < '1' || p[1] > '9')
		return 0;
	char *end;
	unsigned long long n = strtoull(p + 1, &end, 10);
	if (end[0] != ']' || end[1] != ' ' || n > SIZE_MAX / 2)
		return 0;
	const char *u = end + 2;
	size_t scheme = strspn(u, "abcdefghijklmnopqrstuvwxyz"
	                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
	if (scheme == 0 || u[scheme] != ':' || strpbrk(u, " \t\n"))
		return 0;
	*url = u;
	return (size_t)n;
}

struct article_link *article_numbered_links(const struct article *a, size_t *n)
{
	/* The list is the last run of such paragraphs, numbered 1, 2, ... */
	size_t first = a->nbody;
	const char *url;
	while (first > 0 && link_paragraph(a->body[first - 1], &url))
		first--;
	struct article_link *links = NULL;
	*n = 0;
	for (size_t i = first; i < a->nbody; i++) {
		size_t number = link_paragraph(a->body[i], &url);
		if (number == 1)
			*n = 0; /* a list starts again */
		if (number != *n + 1) {
			*n = 0; /* not a list html.h made */
			continue;
		}
		links = xreallocarray(links, *n + 1, sizeof *links);
		links[(*n)++] = (struct article_link){number, url};
	}
	if (*n == 0) {
		free(links);
		return NULL;
	}
	return links;
}

void article_add_related(struct article *a, const char *text, size_t len)
{
	append(&a->related, &a->nrelated, text, len);
}

void article_add_category(struct article *a, const char *text, size_t len)
{
	append(&a->categories, &a->ncategories, text, len);
}

void article_add_enclosure(struct article *a, const char *url, const char *type,
                           long long length)
{
	a->enclosures = xreallocarray(a->enclosures, a->nenclosures + 1,
	                              sizeof *a->enclosures);
	struct enclosure *e = &a->enclosures[a->nenclosures++];
	e->url = xstrdup(url);
	e->type = type ? xstrdup(type) : NULL;
	e->length = length;
}

size_t article_text_cut(const char *text, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t end = max;
	while (end > max / 2 && text[end] != ' ' && text[end] != '\n')
		end--;
	if (text[end] != ' ' && text[end] != '\n') {
		end = max;
		while (end > 0 && ((unsigned char)text[end] & 0xC0) == 0x80)
			end--;
	}
	return end;
}

char *article_summary(const struct article *a)
{
	if (a->summary)
		return xstrdup(a->summary);
	if (a->nbody == 0)
		return NULL;
	/* Only as many paragraphs as the summary can hold are joined. */
	size_t len = 0, n = 0;
	while (n < a->nbody && len <= ARTICLE_SUMMARY_BYTES)
		len += strlen(a->body[n++]) + 1;
	char *s = xmalloc(len);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(a->body[i]);
		memcpy(s + at, a->body[i], l);
		at += l;
		s[at++] = '\n';
	}
	at--; /* no newline after the last */
	s[article_text_cut(s, at, ARTICLE_SUMMARY_BYTES)] = '\0';
	return s;
}

static char *copy_string(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static char **copy_list(char *const *list, size_t n)
{
	char **copy = n ? xreallocarray(NULL, n, sizeof *copy) : NULL;
	for (size_t i = 0; i < n; i++)
		copy[i] = xstrdup(list[i]);
	return copy;
}

struct article *article_copy(const struct article *a)
{
	struct article *c = xmalloc(sizeof *c);
	*c = *a; /* the numbers; every pointer is replaced below */
	c->site = copy_string(a->site);
	c->title = xstrdup(a->title);
	c->date = copy_string(a->date);
	c->link = copy_string(a->link);
	c->credit = copy_string(a->credit);
	c->origin = copy_string(a->origin);
	c->author = copy_string(a->author);
	c->guid = copy_string(a->guid);
	c->language = copy_string(a->language);
	c->body = copy_list(a->body, a->nbody);
	c->body_dir = NULL;
	if (a->body_dir && a->nbody) {
		c->body_dir = xmalloc(a->nbody);
		memcpy(c->body_dir, a->body_dir, a->nbody);
	}
	c->body_source = copy_string(a->body_source);
	c->body_base = copy_string(a->body_base);
	c->summary = copy_string(a->summary);
	c->related = copy_list(a->related, a->nrelated);
	c->feed = copy_string(a->feed);
	c->related_feed = NULL;
	if (a->related_feed && a->nrelated) {
		c->related_feed = xcalloc(a->nrelated, sizeof *c->related_feed);
		for (size_t i = 0; i < a->nrelated; i++)
			c->related_feed[i] = copy_string(a->related_feed[i]);
	}
	c->categories = copy_list(a->categories, a->ncategories);
	c->enclosures = NULL;
	c->nenclosures = 0;
	for (size_t i = 0; i < a->nenclosures; i++)
		article_add_enclosure(c, a->enclosures[i].url,
		                      a->enclosures[i].type,
		                      a->enclosures[i].length);
	return c;
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void article_free(struct article *a)
{
	if (!a)
		return;
	free(a->site);
	free(a->title);
	free(a->date);
	free(a->link);
	free(a->credit);
	free(a->origin);
	free(a->author);
	free(a->guid);
	free(a->language);
	free_list(a->body, a->nbody);
	free(a->body_dir);
	free(a->body_source);
	free(a->body_base);
	free(a->summary);
	if (a->related_feed)
		free_list(a->related_feed, a->nrelated);
	free_list(a->related, a->nrelated);
	free(a->feed);
	free_list(a->categories, a->ncategories);
	for (size_t i = 0; i < a->nenclosures; i++) {
		free(a->enclosures[i].url);
		free(a->enclosures[i].type);
	}
	free(a->enclosures);
	free(a);
}
