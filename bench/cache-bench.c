/* How fast the cache takes in a big feed and brings up the first screen.
 *   cache-bench [-s] [-n ITEMS] [-d FOLDER]
 * One feed of ITEMS (default 100,000) items with about 4 KB of Persian
 * HTML-like text each, made on the fly so the measure is the cache's
 * memory, not the generator's.  With -s the items are short (a headline
 * from a vocabulary of thousands of words, one in 20 a variant of the
 * one before, and a paragraph of about 200 bytes), as a cache of a
 * million items is, and the headline list's moves are measured through
 * the reader's story source: opening it, G, a page down, a search jump. Each
 * phase runs in its own process so its peak memory is its own; reading phases
 * report the median of several runs. With -d the cache stays in
 * FOLDER/cache.db. */
#include "config.h"

#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/article.h"
#include "store/cache.h"
#include "ui/stories.h"
#include "util/xalloc.h"

#define FEED_URL "https://bench.example/rss"

static long items = 100000;
static bool short_items;
static const char *cache_path;

static const char *const words[] = {
        "خبرگزاری",
        "گزارش",
        "دولت",
        "مجلس",
        "اقتصاد",
        "تورم",
        "بازار",
        "ارز",
        "نفت",
        "صادرات",
        "تهران",
        "استان",
        "وزیر",
        "رئیس",
        "جمهوری",
        "اسلامی",
        "ایران",
        "امروز",
        "هفته‌ی",
        "گذشته",
        "آینده",
        "درصد",
        "میلیارد",
        "تومان",
        "نشست",
        "خبری",
        "سخنگوی",
        "اعلام",
        "کرد",
        "گفت",
        "است",
        "بود",
        "می‌شود",
        "شده",
        "برای",
        "این",
        "که",
        "در",
        "از",
        "با",
        "به",
        "را",
        "۱۴۰۳",
        "۲۵",
        "GDP",
        "OPEC",
        "۳.۵",
        "«مهم»",
};
#define NWORDS (sizeof words / sizeof *words)

/* A small deterministic generator: the same run gives the same feed. */
static unsigned long long next(unsigned long long *state)
{
	*state = *state * 6364136223846793005ull + 1442695040888963407ull;
	return *state >> 33;
}

static void add_words(char **p, size_t *len, size_t *cap, unsigned long long *s,
                      size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *w = words[next(s) % NWORDS];
		size_t wl = strlen(w);
		if (!*p || *len + wl + 2 > *cap) {
			*cap = (*cap + wl + 2) * 2;
			*p = xreallocarray(*p, *cap, 1);
		}
		if (*len)
			(*p)[(*len)++] = ' ';
		memcpy(*p + *len, w, wl);
		*len += wl;
		(*p)[*len] = '\0';
	}
}

/* A word of a vocabulary of thousands: common ones often, as in news. */
static void add_vocabulary_word(char **p, size_t *len, size_t *cap,
                                unsigned long long *s)
{
	unsigned long long r = next(s) % 1000;
	unsigned long long k = r * r / 20; /* 0..49950, small ones often */
	char w[64];
	snprintf(w, sizeof w, "%s%llu", words[k % NWORDS], k / NWORDS);
	size_t wl = strlen(w);
	if (!*p || *len + wl + 2 > *cap) {
		*cap = (*cap + wl + 2) * 2;
		*p = xreallocarray(*p, *cap, 1);
	}
	if (*len)
		(*p)[(*len)++] = ' ';
	memcpy(*p + *len, w, wl + 1);
	*len += wl;
}

/* Short item i: a headline of 6 to 9 words (item i + 1's with a word
 * added when i is a multiple of 20), a date a minute apart, a
 * paragraph. */
static struct article *make_short_item(long i)
{
	long base = i % 20 == 0 ? i + 1 : i;
	unsigned long long s = (unsigned long long)base * 2654435761u + 7;
	struct article *a = article_new();
	char *buf = NULL;
	size_t len = 0, cap = 0;
	long n = 6 + (long)(next(&s) % 4);
	for (long k = 0; k < n; k++)
		add_vocabulary_word(&buf, &len, &cap, &s);
	if (base != i)
		add_vocabulary_word(&buf, &len, &cap, &s);
	free(a->title);
	a->title = xstrdup(buf);
	a->link = xasprintf("https://bench.example/news/%ld/", i);
	a->guid = xasprintf("https://bench.example/news/%ld", i);
	a->time = 1700000000LL + (items - i) * 60;
	len = 0;
	add_words(&buf, &len, &cap, &s, 30);
	article_add_paragraph(a, buf, len);
	free(buf);
	return a;
}

/* Item i: title, link, guid, date, two categories and an enclosure now
 * and then, and about 4 KB of body in 6 paragraphs, some with markup as
 * feed HTML leaves it. */
static struct article *make_item(long i)
{
	if (short_items)
		return make_short_item(i);
	unsigned long long s = (unsigned long long)i * 2654435761u + 1;
	struct article *a = article_new();
	char *buf = NULL;
	size_t len = 0, cap = 0;
	add_words(&buf, &len, &cap, &s, 8 + next(&s) % 6);
	free(a->title);
	a->title = xasprintf("%s (%ld)", buf, i);
	a->link = xasprintf("https://bench.example/news/%ld/", i);
	a->guid = xasprintf("https://bench.example/news/%ld", i);
	/* Newest first, as feeds list them. */
	a->time = 1700000000LL + (items - i) * 60;
	time_t t = (time_t)a->time;
	struct tm tm;
	gmtime_r(&t, &tm);
	char date[64];
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	a->date = xstrdup(date);
	a->author = xstrdup("خبرنگار اقتصادی");
	a->site = xstrdup("خبرگزاری نمونه");
	article_add_category(a, "اقتصاد", strlen("اقتصاد"));
	article_add_category(a, "سیاسی", strlen("سیاسی"));
	if (i % 10 == 0)
		article_add_enclosure(a, "https://bench.example/a.jpg",
		                      "image/jpeg", 40000 + i);
	for (int p = 0; p < 6; p++) {
		len = 0;
		if (p == 2) {
			const char *link =
			        "<a href=\"https://bench.example/x\">";
			len = strlen(link);
			if (len + 1 > cap) {
				cap = len + 1;
				buf = xreallocarray(buf, cap, 1);
			}
			memcpy(buf, link, len + 1);
		}
		add_words(&buf, &len, &cap, &s, 90);
		article_add_paragraph(a, buf, len);
	}
	free(buf);
	return a;
}

/* Store every item in one update of the feed, and close. */
static double ingest(void)
{
	double start = bench_now();
	struct cache *c = bench_open("cache-bench", cache_path);
	struct cache_update *u = cache_feed_update_begin(c, FEED_URL);
	bench_check("cache-bench", u != NULL, c);
	for (long i = 0; i < items; i++) {
		struct article *a = make_item(i);
		bench_check("cache-bench", cache_store_item(u, a), c);
		article_free(a);
	}
	struct cache_feed_meta meta = {.title = "خبرگزاری نمونه",
	                               .etag = "\"bench\""};
	bench_check("cache-bench", cache_feed_update_commit(u, &meta), c);
	cache_close(c);
	return bench_now() - start;
}

/* From opening the cache to having the feed list with its counts, and
 * with `headlines` the feed's every headline too: what the screens after
 * the start show. */
static double screen(bool not_modified, bool headlines)
{
	double start = bench_now();
	struct cache *c = bench_open("cache-bench", cache_path);
	if (not_modified)
		bench_check("cache-bench", cache_feed_not_modified(c, FEED_URL),
		            c);
	size_t n;
	struct cache_feed *feeds = cache_feeds(c, &n);
	bench_check("cache-bench", feeds && n == 1 && feeds[0].total == items,
	            c);
	struct cache_headlines *h = NULL;
	if (headlines) {
		h = cache_headlines(c, feeds[0].id);
		bench_check("cache-bench", h && (long)h->n == items, c);
	}
	double seconds = bench_now() - start;
	cache_headlines_free(h);
	cache_feeds_free(feeds, n);
	cache_close(c);
	return seconds;
}

static double feed_list(void)
{
	return screen(false, false);
}

static double feed_list_304(void)
{
	return screen(true, false);
}

static double feed_headlines(void)
{
	return screen(false, true);
}

static double feed_headlines_304(void)
{
	return screen(true, true);
}

/* Every headline of every feed, then one whole article. */
static double all_headlines(void)
{
	double start = bench_now();
	struct cache *c = bench_open("cache-bench", cache_path);
	struct cache_headlines *h = cache_headlines(c, 0);
	bench_check("cache-bench", h && (long)h->n == items, c);
	struct article *a = cache_item_article(c, h->items[h->n / 2].id);
	bench_check("cache-bench", a != NULL, c);
	double seconds = bench_now() - start;
	article_free(a);
	cache_headlines_free(h);
	cache_close(c);
	return seconds;
}

/* The rows of a screen of the headline list from row top: what drawing
 * it reads of the story source. */
#define SCREEN_ROWS 22

static void screen_rows(struct ui_stories *s, size_t top)
{
	size_t n = s->ops->count(s);
	for (size_t i = top; i < top + SCREEN_ROWS && i < n; i++) {
		bench_check("cache-bench", s->ops->title(s, i) != NULL, NULL);
		free(s->ops->date(s, i));
		s->ops->is_read(s, i);
		s->ops->is_starred(s, i);
		s->ops->variants(s, i);
	}
}

/* The feed's headline list, opened (its first screen read). */
static struct ui_stories *open_list(struct cache *c)
{
	size_t n;
	struct cache_feed *feeds = cache_feeds(c, &n);
	bench_check("cache-bench", feeds && n == 1, c);
	char *error = NULL;
	struct cache_list l =
	        cache_list_of(feeds[0].id, CACHE_LIST_ALL, CACHE_ORDER_NEWEST);
	struct ui_stories *s = ui_stories_cache(c, &l, &error);
	bench_check("cache-bench", s != NULL, c);
	cache_feeds_free(feeds, n);
	screen_rows(s, 0);
	return s;
}

enum list_move { MOVE_NONE, MOVE_BOTTOM, MOVE_PAGE, MOVE_SEARCH };

/* A word of one headline three quarters down the list: a search that
 * moves far. */
static char *far_word(struct ui_stories *s)
{
	size_t n = s->ops->count(s);
	const char *title = s->ops->title(s, n * 3 / 4);
	const char *space = strrchr(title, ' ');
	return xstrdup(space ? space + 1 : title);
}

/* The first match of a search at or after row 0: where / goes. */
static size_t search_jump(struct ui_stories *s, const char *text)
{
	struct text_query *q = text_query_new(text, strlen(text));
	struct ui_found found = {0};
	char *error = NULL;
	bench_check(
	        "cache-bench",
	        q && s->ops->find(s, text, q, 0, UI_FIND_AT, &found, &error) &&
	                found.total > 0,
	        NULL);
	text_query_free(q);
	return found.story;
}

/* From opening the cache to the list's first screen (move none), or,
 * the list open, a move and the screen it shows. */
static double list_move(enum list_move move)
{
	double start = bench_now();
	struct cache *c = bench_open("cache-bench", cache_path);
	struct ui_stories *s = open_list(c);
	char *word = move == MOVE_SEARCH ? far_word(s) : NULL;
	if (move != MOVE_NONE)
		start = bench_now();
	size_t n = s->ops->count(s);
	if (move == MOVE_BOTTOM)
		screen_rows(s, n > SCREEN_ROWS ? n - SCREEN_ROWS : 0);
	else if (move == MOVE_PAGE)
		screen_rows(s, SCREEN_ROWS);
	else if (move == MOVE_SEARCH)
		screen_rows(s, search_jump(s, word));
	double seconds = bench_now() - start;
	free(word);
	s->ops->free(s);
	cache_close(c);
	return seconds;
}

static double list_open(void)
{
	return list_move(MOVE_NONE);
}

static double list_bottom(void)
{
	return list_move(MOVE_BOTTOM);
}

static double list_page(void)
{
	return list_move(MOVE_PAGE);
}

static double list_search(void)
{
	return list_move(MOVE_SEARCH);
}

/* The items alone: the generator's share of the ingest time. */
static double generate(void)
{
	double start = bench_now();
	size_t body = 0;
	for (long i = 0; i < items; i++) {
		struct article *a = make_item(i);
		for (size_t p = 0; p < a->nbody; p++)
			body += strlen(a->body[p]);
		article_free(a);
	}
	printf("(average body %zu bytes)\n", body / (size_t)items);
	return bench_now() - start;
}

/* Reading phases run several times, each in a new process, and report
 * the median: a busy machine makes single runs of a few ms noisy. */
static const struct {
	const char *name;
	double (*run)(void);
	int runs;
} phases[] = {
        {"making the items, no cache", generate, 1},
        {"cold ingest, making included", ingest, 1},
        {"open to feed list", feed_list, 7},
        {"open + 304 to feed list", feed_list_304, 7},
        {"open to feed list + 100k headlines", feed_headlines, 7},
        {"open + 304 to list + headlines", feed_headlines_304, 7},
        {"open + all headlines + one article", all_headlines, 7},
        {"open to headline list's first screen", list_open, 5},
        {"headline list: G", list_bottom, 5},
        {"headline list: page down", list_page, 5},
        {"headline list: / to a far match", list_search, 5},
        {"ingest of the same feed again", ingest, 1},
};

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Run a phase in its own process: its time, the processor time of the
 * whole process (a busy machine makes the time longer, not this), and its
 * peak memory alone. */
static bool run_phase(size_t i, double *seconds, double *cpu, double *rss_mib)
{
	int fds[2];
	if (pipe(fds) != 0)
		return false;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		double t = phases[i].run();
		fflush(stdout);
		_exit(write(fds[1], &t, sizeof t) == sizeof t ? 0 : 1);
	}
	close(fds[1]);
	bool ok = pid > 0 && read(fds[0], seconds, sizeof *seconds) ==
	                             (ssize_t)sizeof *seconds;
	close(fds[0]);
	int status;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return false;
	*rss_mib = (double)ru.ru_maxrss / 1024.0;
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	       ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) /
	               1e6;
	return ok;
}

int main(int argc, char **argv)
{
	char *tmp;
	if (argc > 1 && !strcmp(argv[1], "-s")) {
		short_items = true;
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	const char *dir =
	        bench_options("cache-bench", argc, argv, &items, &tmp);
	char *db = xasprintf("%s/cache.db", dir);
	cache_path = db;
	static const char *const stale[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof stale / sizeof *stale; i++) {
		char *f = xasprintf("%s%s", db, stale[i]);
		unlink(f);
		free(f);
	}

	printf("%ld %sitems, cache %s\n", items, short_items ? "short " : "",
	       db);
	printf("%-40s %10s %10s %14s\n", "phase", "seconds", "cpu s",
	       "peak RSS MiB");
	for (size_t i = 0; i < sizeof phases / sizeof *phases; i++) {
		double seconds[8], cpu[8], peak = 0;
		int runs = items > 200000 ? 1 : phases[i].runs;
		for (int r = 0; r < runs; r++) {
			double rss;
			if (!run_phase(i, &seconds[r], &cpu[r], &rss)) {
				fprintf(stderr, "cache-bench: %s failed\n",
				        phases[i].name);
				return 1;
			}
			peak = rss > peak ? rss : peak;
		}
		qsort(seconds, (size_t)runs, sizeof *seconds, by_value);
		qsort(cpu, (size_t)runs, sizeof *cpu, by_value);
		printf("%-40s %10.3f %10.3f %14.1f\n", phases[i].name,
		       seconds[runs / 2], cpu[runs / 2], peak);
	}
	struct stat st;
	if (stat(db, &st) == 0)
		printf("cache size: %.1f MiB\n",
		       (double)st.st_size / (1024.0 * 1024.0));
	if (tmp) {
		char *cmd = xasprintf("rm -rf '%s'", tmp);
		if (system(cmd) != 0)
			fprintf(stderr, "cache-bench: cannot remove %s\n", tmp);
		free(cmd);
		free(tmp);
	}
	free(db);
	return 0;
}
