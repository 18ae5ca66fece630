/* The story source of a feed in the cache: its headline rows (title,
 * time, marks; no bodies), and the one article open, read from the cache
 * when it is opened.  Marks are written to the cache at once. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "ui/stories.h"
#include "util/xalloc.h"

struct cache_stories {
	struct ui_stories base;
	struct cache *cache;
	struct cache_headlines *h;
	struct article *page; /* the story opened last */
	long long page_id;
	char date[32];
};

static struct cache_stories *of(struct ui_stories *s)
{
	return (struct cache_stories *)s;
}

static size_t cs_count(struct ui_stories *s)
{
	return of(s)->h->n;
}

static const char *cs_title(struct ui_stories *s, size_t i)
{
	return of(s)->h->items[i].title;
}

static const char *cs_site(struct ui_stories *s, size_t i)
{
	(void)s;
	(void)i;
	return NULL;
}

/* The day in the reader's time zone; the article shows the feed's own. */
static const char *cs_date(struct ui_stories *s, size_t i)
{
	struct cache_stories *cs = of(s);
	time_t t = (time_t)cs->h->items[i].time;
	struct tm tm;
	if (t == 0 || !localtime_r(&t, &tm) ||
	    !strftime(cs->date, sizeof cs->date, "%Y-%m-%d", &tm))
		cs->date[0] = '\0';
	return cs->date;
}

static bool cs_is_read(struct ui_stories *s, size_t i)
{
	return of(s)->h->items[i].read;
}

static bool cs_is_starred(struct ui_stories *s, size_t i)
{
	return of(s)->h->items[i].starred;
}

static const struct article *cs_page(struct ui_stories *s, size_t i,
                                     char **error)
{
	struct cache_stories *cs = of(s);
	long long id = cs->h->items[i].id;
	if (cs->page && cs->page_id == id)
		return cs->page;
	article_free(cs->page);
	cs->page = cache_item_article(cs->cache, id);
	cs->page_id = id;
	if (!cs->page)
		*error = xstrdup(cache_error(cs->cache));
	return cs->page;
}

static size_t cs_target(struct ui_stories *s, size_t i, size_t k)
{
	(void)s;
	(void)i;
	(void)k;
	return STORY_NONE;
}

static bool cs_set_read(struct ui_stories *s, size_t i, bool read,
                        char **error)
{
	struct cache_stories *cs = of(s);
	if (!cache_item_set_read(cs->cache, cs->h->items[i].id, read)) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	cs->h->items[i].read = read;
	return true;
}

static bool cs_set_starred(struct ui_stories *s, size_t i, bool starred,
                           char **error)
{
	struct cache_stories *cs = of(s);
	if (!cache_item_set_starred(cs->cache, cs->h->items[i].id, starred)) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	cs->h->items[i].starred = starred;
	return true;
}

static bool cs_mark_all_read(struct ui_stories *s, char **error)
{
	struct cache_stories *cs = of(s);
	if (!cache_feed_mark_read(cs->cache, s->feed_id)) {
		*error = xstrdup(cache_error(cs->cache));
		return false;
	}
	for (size_t i = 0; i < cs->h->n; i++)
		cs->h->items[i].read = true;
	return true;
}

static size_t cs_reload(struct ui_stories *s, size_t keep)
{
	struct cache_stories *cs = of(s);
	struct cache_headlines *h = cache_headlines(cs->cache, s->feed_id);
	if (!h)
		return keep; /* the old list stays: better than none */
	long long id = keep < cs->h->n ? cs->h->items[keep].id : 0;
	cache_headlines_free(cs->h);
	cs->h = h;
	for (size_t i = 0; i < h->n; i++)
		if (h->items[i].id == id)
			return i;
	return keep < h->n ? keep : (h->n ? h->n - 1 : 0);
}

static void cs_free(struct ui_stories *s)
{
	struct cache_stories *cs = of(s);
	cache_headlines_free(cs->h);
	article_free(cs->page);
	free(cs);
}

static const struct ui_stories_ops cache_ops = {
	.count = cs_count,
	.title = cs_title,
	.site = cs_site,
	.date = cs_date,
	.is_read = cs_is_read,
	.is_starred = cs_is_starred,
	.page = cs_page,
	.target = cs_target,
	.set_read = cs_set_read,
	.set_starred = cs_set_starred,
	.mark_all_read = cs_mark_all_read,
	.reload = cs_reload,
	.free = cs_free,
};

struct ui_stories *ui_stories_cache(struct cache *cache, long long feed_id,
                                    char **error)
{
	struct cache_headlines *h = cache_headlines(cache, feed_id);
	if (!h) {
		*error = xstrdup(cache_error(cache));
		return NULL;
	}
	struct cache_stories *cs = xcalloc(1, sizeof *cs);
	cs->base.ops = &cache_ops;
	cs->base.feed_id = feed_id;
	cs->cache = cache;
	cs->h = h;
	return &cs->base;
}
