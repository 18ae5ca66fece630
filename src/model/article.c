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
	free_list(a->body, a->nbody);
	free_list(a->related, a->nrelated);
	free(a);
}
