#include "config.h"

#include "model/article.h"

#include <stdlib.h>

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

void article_add_paragraph(struct article *a, const char *text, size_t len)
{
	append(&a->body, &a->nbody, text, len);
}

void article_add_related(struct article *a, const char *text, size_t len)
{
	append(&a->related, &a->nrelated, text, len);
}

void article_add_category(struct article *a, const char *text, size_t len)
{
	append(&a->categories, &a->ncategories, text, len);
}

void article_add_enclosure(struct article *a, const char *url,
                           const char *type, long long length)
{
	a->enclosures = xreallocarray(a->enclosures, a->nenclosures + 1,
	                              sizeof *a->enclosures);
	struct enclosure *e = &a->enclosures[a->nenclosures++];
	e->url = xstrdup(url);
	e->type = type ? xstrdup(type) : NULL;
	e->length = length;
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
	free_list(a->related, a->nrelated);
	free_list(a->categories, a->ncategories);
	for (size_t i = 0; i < a->nenclosures; i++) {
		free(a->enclosures[i].url);
		free(a->enclosures[i].type);
	}
	free(a->enclosures);
	free(a);
}
