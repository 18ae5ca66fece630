/* The labelled stories of tests/related/data/stories.txt, read and stored
 * in a new cache: shared by the quality test and the index test. */
#ifndef AKHBAR_TESTS_RELATED_STORIES_H
#define AKHBAR_TESTS_RELATED_STORIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/article.h"
#include "store/cache.h"
#include "util/xalloc.h"

struct story {
	char *id, *event, *lang, *title, *summary;
	long long time;
	long long item; /* its id in the cache */
	size_t group;   /* the labelled near-duplicate group: a story index */
};

struct pair {
	size_t a, b;
};

struct stories {
	struct story *s;
	size_t n;
	struct pair *dups, *distinct; /* "=" and "~" lines */
	size_t ndups, ndistinct;
	char *dir; /* the cache's temporary folder */
	char *path;
};

static inline char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

static inline size_t story_index(const struct stories *st, const char *id)
{
	for (size_t i = 0; i < st->n; i++)
		if (!strcmp(st->s[i].id, id))
			return i;
	fprintf(stderr, "stories.txt: unknown story %s\n", id);
	exit(99);
}

static inline long long parse_time(const char *s)
{
	struct tm tm = {0};
	if (sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min) != 5) {
		fprintf(stderr, "stories.txt: bad date %s\n", s);
		exit(99);
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm);
}

static inline void add_pair(struct pair **p, size_t *n, struct pair v)
{
	*p = xreallocarray(*p, *n + 1, sizeof **p);
	(*p)[(*n)++] = v;
}

static inline size_t find_group(struct stories *st, size_t i)
{
	while (st->s[i].group != i)
		i = st->s[i].group;
	return i;
}

/* Read the labelled stories (exits 99 when the file is unusable). */
static inline void stories_read(struct stories *st)
{
	const char *top = getenv("top_srcdir");
	char *path =
	        xasprintf("%s/tests/related/data/stories.txt", top ? top : ".");
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(99);
	}
	free(path);
	char line[4096];
	char *event = NULL;
	while (fgets(line, sizeof line, f)) {
		char *l = trim(line);
		if (!*l || *l == '#')
			continue;
		if (*l == '@') {
			free(event);
			event = xstrdup(trim(l + 1));
			continue;
		}
		if (*l == '=' || *l == '~') {
			char a[32], b[32];
			if (sscanf(l + 1, "%31s %31s", a, b) != 2)
				exit(99);
			struct pair p = {story_index(st, a),
			                 story_index(st, b)};
			if (*l == '=')
				add_pair(&st->dups, &st->ndups, p);
			else
				add_pair(&st->distinct, &st->ndistinct, p);
			continue;
		}
		char *field[5];
		for (int i = 0; i < 5; i++) {
			field[i] = strsep(&l, "|");
			if (!field[i] || !event) {
				fprintf(stderr, "stories.txt: bad line\n");
				exit(99);
			}
			field[i] = trim(field[i]);
		}
		st->s = xreallocarray(st->s, st->n + 1, sizeof *st->s);
		struct story *s = &st->s[st->n];
		s->id = xstrdup(field[0]);
		s->lang = xstrdup(field[1]);
		s->time = parse_time(field[2]);
		s->title = xstrdup(field[3]);
		s->summary = xstrdup(field[4]);
		s->event = xstrdup(event);
		s->group = st->n++;
	}
	free(event);
	fclose(f);
	/* Groups: the "=" pairs joined, each story pointing at the first. */
	for (size_t i = 0; i < st->ndups; i++) {
		size_t a = find_group(st, st->dups[i].a);
		size_t b = find_group(st, st->dups[i].b);
		if (a != b)
			st->s[a > b ? a : b].group = a < b ? a : b;
	}
	for (size_t i = 0; i < st->n; i++)
		st->s[i].group = find_group(st, i);
}

/* Store every story in a new cache, one feed per language, and learn
 * their item ids. */
static inline struct cache *stories_store(struct stories *st)
{
	const char *tmp = getenv("TMPDIR");
	st->dir = xasprintf("%s/akhbar-related-XXXXXX",
	                    tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(st->dir)) {
		perror(st->dir);
		exit(99);
	}
	st->path = xasprintf("%s/cache.db", st->dir);
	char *error = NULL;
	struct cache *c = cache_open(st->path, CACHE_READ_WRITE, &error);
	if (!c) {
		fprintf(stderr, "%s\n", error);
		exit(99);
	}
	static const char *const langs[] = {"fa", "ar", "en", "he"};
	for (size_t l = 0; l < 4; l++) {
		char *url = xasprintf("https://%s.example/rss", langs[l]);
		struct cache_update *u = cache_feed_update_begin(c, url);
		for (size_t i = 0; u && i < st->n; i++) {
			struct story *s = &st->s[i];
			if (strcmp(s->lang, langs[l]))
				continue;
			struct article *a = article_new();
			free(a->title);
			a->title = xstrdup(s->title);
			a->guid = xstrdup(s->id);
			a->link = xasprintf("https://%s.example/%s", langs[l],
			                    s->id);
			a->time = s->time;
			a->language = xstrdup(s->lang);
			article_add_paragraph(a, s->summary,
			                      strlen(s->summary));
			if (!cache_store_item(u, a))
				exit(99);
			article_free(a);
		}
		if (!u || !cache_feed_update_commit(u, NULL)) {
			fprintf(stderr, "%s\n", cache_error(c));
			exit(99);
		}
		free(url);
	}
	struct cache_headlines *h = cache_headlines(c, 0);
	for (size_t i = 0; h && i < h->n; i++) {
		struct article *a = cache_item_article(c, h->items[i].id);
		st->s[story_index(st, a->guid)].item = h->items[i].id;
		article_free(a);
	}
	cache_headlines_free(h);
	return c;
}

/* The story of an item id. */
static inline size_t story_of_item(const struct stories *st, long long item)
{
	for (size_t i = 0; i < st->n; i++)
		if (st->s[i].item == item)
			return i;
	fprintf(stderr, "no story has item %lld\n", item);
	exit(99);
}

static inline void stories_free(struct stories *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->s[i].id);
		free(st->s[i].event);
		free(st->s[i].lang);
		free(st->s[i].title);
		free(st->s[i].summary);
	}
	free(st->s);
	free(st->dups);
	free(st->distinct);
	if (st->dir) {
		static const char *const files[] = {"", "-wal", "-shm",
		                                    ".lock"};
		for (size_t i = 0; i < 4; i++) {
			char *f = xasprintf("%s%s", st->path, files[i]);
			unlink(f);
			free(f);
		}
		rmdir(st->dir);
	}
	free(st->path);
	free(st->dir);
}

#endif
