/* How fast the story index is with a big cache.
 *   related-bench [-n ITEMS] [-d FOLDER] [-s] [-k]
 * Makes ITEMS (default 100,000) Persian items of about 4 KB in one feed
 * and measures: ingest with the index and without it, related stories and
 * near-duplicates of items, searches over every headline, and grouping every
 * headline into near-duplicates.
 *   -s  short items: one paragraph (the summary the index sees is the
 *       same), ingested once with the index, no grouping of every
 *       headline: a cache of 1,000,000 items in a minute or two.
 *   -k  use the cache in FOLDER again when it has ITEMS items (with -d,
 *       the cache is left there).
 *
 * The text is not uniform noise, which would make every word common and
 * the index trivial: stories belong to events (a few topic words each,
 * as news does), and every other word comes from a vocabulary of real
 * news words and made-up names in a Zipf distribution (a few words very
 * common, most rare), with the common words of the language among them. */
#include "config.h"

#include "bench.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/article.h"
#include "store/cache.h"
#include "text/words.h"
#include "util/xalloc.h"

#define FEED_URL   "https://bench.example/rss"
#define VOCABULARY 40000
#define EVENTS     12000

static long items = 100000;
static bool short_items, keep;

static const char *const news_words[] = {
        "ایران",
        "آمریکا",
        "روسیه",
        "اوکراین",
        "اسرائیل",
        "غزه",
        "سوریه",
        "لبنان",
        "عراق",
        "چین",
        "اروپا",
        "ترکیه",
        "تهران",
        "مسکو",
        "واشنگتن",
        "دمشق",
        "بیروت",
        "کی‌یف",
        "دولت",
        "مجلس",
        "وزیر",
        "رئیس",
        "جمهور",
        "سخنگوی",
        "ارتش",
        "نیروهای",
        "حمله",
        "هوایی",
        "پهپاد",
        "موشک",
        "آتش‌بس",
        "مذاکرات",
        "توافق",
        "صلح",
        "جنگ",
        "تحریم",
        "نفت",
        "گاز",
        "دلار",
        "قیمت",
        "بازار",
        "ارز",
        "تورم",
        "اقتصاد",
        "بانک",
        "مرکزی",
        "بورس",
        "سهام",
        "انتخابات",
        "نامزد",
        "رأی",
        "دادگاه",
        "حکم",
        "زندان",
        "زلزله",
        "سیل",
        "آلودگی",
        "هوا",
        "مدارس",
        "تعطیل",
        "هسته‌ای",
        "آژانس",
        "بازرسی",
        "غنی‌سازی",
        "برجام",
        "نامه",
        "هشدار",
        "واکنش",
        "محکومیت",
        "حمایت",
        "مخالفت",
        "اعتراض",
        "کشته",
        "زخمی",
        "اسیر",
        "آزادی",
        "گروگان",
        "پناهجو",
        "صادرات",
        "واردات",
        "خودرو",
        "مسکن",
        "اجاره",
        "حقوق",
        "دانشگاه",
        "دانشجو",
        "کنکور",
        "سلامت",
        "بیمارستان",
        "واکسن",
        "فوتبال",
        "استقلال",
        "پرسپولیس",
        "لیگ",
        "جام",
        "قهرمانی",
};
#define NNEWS (sizeof news_words / sizeof *news_words)

/* Common words, as news text has them in every sentence. */
static const char *const common_words[] = {
        "در",  "به",    "از",       "که",    "این", "را",
        "با",  "است",   "برای",     "کرد",   "شد",  "می‌شود",
        "گفت", "اعلام", "خبرگزاری", "گزارش", "و",   "آن",
        "یک",  "هم",
};
#define NCOMMON (sizeof common_words / sizeof *common_words)

static const char *const syllables[] = {
        "کا", "را", "می", "نو", "سا", "تی", "لو", "پر", "ما", "زی",
        "دو", "فر", "شا", "گل", "بی", "جا", "نا", "رو", "سی", "خو",
        "ها", "ول", "تر", "اس", "کی", "مر", "بو", "دا", "ری", "نی",
        "گا", "چی", "وا", "پو", "لا", "فی", "شو", "زا", "هو", "دی",
};
#define NSYL (sizeof syllables / sizeof *syllables)

static char *vocabulary[VOCABULARY];
static double zipf_cdf[VOCABULARY];
static int event_words[EVENTS][6];

static unsigned long long next(unsigned long long *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return *s >> 33;
}

static double uniform(unsigned long long *s)
{
	return (double)next(s) / (double)(1ull << 31);
}

/* A word of the vocabulary by Zipf rank: the news words first (the most
 * common), then made-up names of two or three syllables. */
static void make_vocabulary(void)
{
	unsigned long long s = 42;
	double sum = 0;
	for (int i = 0; i < VOCABULARY; i++) {
		if ((size_t)i < NNEWS) {
			vocabulary[i] = xstrdup(news_words[i]);
		} else {
			const char *a = syllables[next(&s) % NSYL],
			           *b = syllables[next(&s) % NSYL],
			           *c = syllables[next(&s) % NSYL];
			vocabulary[i] = i % 3 ? xasprintf("%s%s%s", a, b, c)
			                      : xasprintf("%s%sی", a, b);
		}
		sum += 1.0 / (i + 1.0);
		zipf_cdf[i] = sum;
	}
	for (int i = 0; i < VOCABULARY; i++)
		zipf_cdf[i] /= sum;
	for (int e = 0; e < EVENTS; e++)
		for (int k = 0; k < 6; k++)
			event_words[e][k] = (int)(next(&s) % VOCABULARY);
}

static const char *zipf_word(unsigned long long *s)
{
	double u = uniform(s);
	int lo = 0, hi = VOCABULARY - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return vocabulary[lo];
}

static void add(char **p, size_t *len, size_t *cap, const char *w)
{
	size_t wl = strlen(w);
	if (*len + wl + 2 > *cap) {
		*cap = (*cap + wl + 2) * 2;
		*p = xreallocarray(*p, *cap, 1);
	}
	if (*len)
		(*p)[(*len)++] = ' ';
	memcpy(*p + *len, w, wl);
	*len += wl;
	(*p)[*len] = '\0';
}

/* n words: an event's topic words now and then, common words and the
 * Zipf vocabulary otherwise. */
static void words(char **p, size_t *len, size_t *cap, unsigned long long *s,
                  int event, size_t n, int topic_percent)
{
	for (size_t i = 0; i < n; i++) {
		unsigned r = (unsigned)(next(s) % 100);
		if ((int)r < topic_percent)
			add(p, len, cap,
			    vocabulary[event_words[event][next(s) % 6]]);
		else if (r < 60)
			add(p, len, cap, common_words[next(s) % NCOMMON]);
		else
			add(p, len, cap, zipf_word(s));
	}
}

static struct article *make_item(long i)
{
	unsigned long long s = (unsigned long long)i * 2654435761u + 7;
	int event = (int)(next(&s) % EVENTS);
	struct article *a = article_new();
	char *buf = NULL;
	size_t len = 0, cap = 0;
	words(&buf, &len, &cap, &s, event, 7 + next(&s) % 6, 45);
	free(a->title);
	a->title = xstrdup(buf);
	a->guid = xasprintf("https://bench.example/news/%ld", i);
	a->link = xstrdup(a->guid);
	a->time = 1700000000LL + (items - i) * 60;
	a->site = xstrdup("خبرگزاری نمونه");
	for (int p = 0; p < (short_items ? 1 : 6); p++) {
		len = 0;
		words(&buf, &len, &cap, &s, event, 90, p == 0 ? 15 : 3);
		article_add_paragraph(a, buf, len);
	}
	free(buf);
	return a;
}

static void remove_cache(const char *path)
{
	static const char *const files[] = {"", "-wal", "-shm", ".lock"};
	for (size_t i = 0; i < 4; i++) {
		char *f = xasprintf("%s%s", path, files[i]);
		unlink(f);
		free(f);
	}
}

/* Making the items alone: taken off the ingest times, so they are the
 * cache's. */
static double generate(void)
{
	double start = bench_now();
	for (long i = 0; i < items; i++)
		article_free(make_item(i));
	return bench_now() - start;
}

/* Ingest every item into a new cache. Without the index, the index
 * table is swapped for a view that drops what is written to it, so the
 * ingest does all it does but the index writes (the words are still
 * made: words_time() measures that part alone). */
static double ingest(const char *path, bool index)
{
	remove_cache(path);
	struct cache *c = bench_open("related-bench", path);
	cache_close(c);
	if (!index) {
		sqlite3 *db;
		if (sqlite3_open(path, &db) != SQLITE_OK ||
		    sqlite3_exec(db,
		                 "DROP TRIGGER story_words_drop;"
		                 "DROP TABLE story_words;"
		                 "CREATE VIEW story_words AS SELECT 0 AS rowid,"
		                 " '' AS headline, '' AS summary;"
		                 "CREATE TRIGGER story_words_none INSTEAD OF"
		                 " INSERT ON story_words BEGIN SELECT 0; END;",
		                 NULL, NULL, NULL) != SQLITE_OK) {
			fprintf(stderr, "related-bench: %s\n",
			        sqlite3_errmsg(db));
			exit(1);
		}
		sqlite3_close(db);
	}
	double start = bench_now();
	c = bench_open("related-bench", path);
	/* Updates of UPDATE_ITEMS at most, as a feed would bring them: the
	 * write-ahead log of one update of a million items would be
	 * gigabytes. */
	enum { UPDATE_ITEMS = 100000 };
	for (long from = 0; from < items; from += UPDATE_ITEMS) {
		struct cache_update *u = cache_feed_update_begin(c, FEED_URL);
		bench_check("related-bench", u != NULL, c);
		for (long i = from; i < items && i < from + UPDATE_ITEMS; i++) {
			struct article *a = make_item(i);
			bench_check("related-bench", cache_store_item(u, a), c);
			article_free(a);
		}
		bench_check("related-bench", cache_feed_update_commit(u, NULL),
		            c);
	}
	cache_close(c);
	return bench_now() - start;
}

/* Making the words of every item as the index takes them: the headline's
 * and those of the body's first 200 bytes. */
static double words_time(void)
{
	struct text_words w = {0};
	double t = 0;
	for (long i = 0; i < items; i++) {
		struct article *a = make_item(i);
		double start = bench_now();
		text_words(&w, a->title, strlen(a->title), 0);
		size_t len = strlen(a->body[0]);
		len = len < 200 ? len : 200;
		while (len && ((unsigned char)a->body[0][len] & 0xC0) == 0x80)
			len--;
		text_words(&w, a->body[0], len,
		           TEXT_WORDS_SALIENT | TEXT_WORDS_UNIQUE);
		t += bench_now() - start;
		article_free(a);
	}
	text_words_free(&w);
	return t;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, double *ms, size_t n)
{
	qsort(ms, n, sizeof *ms, by_value);
	printf("%-40s median %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", what,
	       ms[n / 2], ms[n * 95 / 100], ms[n - 1]);
}

/* The options: bench_options()'s -n and -d, and -s and -k. */
static const char *options(int argc, char **argv, char **tmp)
{
	const char *dir = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "n:d:sk")) != -1) {
		if (opt == 'n')
			items = strtol(optarg, NULL, 10);
		else if (opt == 'd')
			dir = optarg;
		else if (opt == 's')
			short_items = true;
		else if (opt == 'k')
			keep = true;
		else
			exit(2);
	}
	if (items <= 0 || (keep && !dir))
		exit(2);
	*tmp = NULL;
	if (!dir)
		return *tmp = bench_temp_dir("related-bench");
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		perror(dir);
		exit(1);
	}
	return dir;
}

/* The ids of the cache's items, read apart from the cache's connection
 * (a million headlines in a list would be hundreds of megabytes). */
static long long *item_ids(const char *path, size_t *n)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	*n = 0;
	long long *ids = xreallocarray(NULL, (size_t)items, sizeof *ids);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	            SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT id FROM items", -1, &st, NULL) ==
	            SQLITE_OK) {
		while (*n < (size_t)items && sqlite3_step(st) == SQLITE_ROW)
			ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ids;
}

/* Each ingest three times, the fastest kept: other processes on the
 * machine only ever add time. With -s, one ingest with the index. */
static void measure_ingest(const char *path)
{
	if (short_items) {
		double making = generate(), indexed = ingest(path, true);
		printf("ingest with the index    %10.2f s\n", indexed - making);
		return;
	}
	double making = 1e9, plain = 1e9, indexed = 1e9;
	for (int r = 0; r < 3; r++) {
		double m = generate(), p = ingest(path, false),
		       x = ingest(path, true);
		making = m < making ? m : making;
		plain = p < plain ? p : plain;
		indexed = x < indexed ? x : indexed;
	}
	double wt = words_time();
	plain -= making + wt;
	indexed -= making;
	printf("making the items (taken off) %6.2f s\n", making);
	printf("making the words alone       %6.2f s\n", wt);
	printf("ingest without the index %10.2f s\n", plain);
	printf("ingest with the index    %10.2f s  (+%.0f%%)\n", indexed,
	       (indexed / plain - 1) * 100);
}

enum { SAMPLES = 500 };

/* Seconds of this thread on a processor: on a loaded machine, the wall
 * clock counts the other processes too. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void measure_related(struct cache *c, const long long *ids, size_t n)
{
	double ms[SAMPLES], cpu[SAMPLES];
	unsigned long long s = 99;
	size_t results = 0;
	for (int i = 0; i < SAMPLES; i++) {
		long long id = ids[next(&s) % n];
		double t = bench_now(), p = cpu_now();
		struct cache_story_list *r = cache_related(c, id, 8);
		ms[i] = (bench_now() - t) * 1000;
		cpu[i] = (cpu_now() - p) * 1000;
		bench_check("related-bench", r != NULL, c);
		results += r->n;
		cache_story_list_free(r);
	}
	report("related stories (top 8) of an item", ms, SAMPLES);
	report("  the same, processor time", cpu, SAMPLES);
	printf("  (%.1f stories found on average)\n",
	       (double)results / SAMPLES);
}

static void measure_duplicates(struct cache *c, const long long *ids, size_t n)
{
	double ms[SAMPLES], cpu[SAMPLES];
	unsigned long long s = 98;
	for (int i = 0; i < SAMPLES; i++) {
		long long id = ids[next(&s) % n];
		double t = bench_now(), p = cpu_now();
		struct cache_story_list *r = cache_duplicates(c, id);
		ms[i] = (bench_now() - t) * 1000;
		cpu[i] = (cpu_now() - p) * 1000;
		bench_check("related-bench", r != NULL, c);
		cache_story_list_free(r);
	}
	report("near-duplicates of an item", ms, SAMPLES);
	report("  the same, processor time", cpu, SAMPLES);
}

/* Searches: the most common content word, a rare name, two words, an
 * Arabic spelling, a compound written apart. */
static void measure_searches(struct cache *c)
{
	const char *queries[] = {"ایران",      vocabulary[5000],
	                         "آتش بس",     "ايران تحريم",
	                         "حمله هوایی", vocabulary[200]};
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		double qms[7], lms[7];
		size_t found = 0;
		for (int r = 0; r < 7; r++) {
			double t = bench_now();
			long long *ids =
			        cache_search_ids(c, queries[q], &found);
			qms[r] = (bench_now() - t) * 1000;
			bench_check("related-bench", ids != NULL, c);
			free(ids);
			t = bench_now();
			struct cache_story_list *res =
			        cache_search(c, queries[q], 0);
			lms[r] = (bench_now() - t) * 1000;
			bench_check("related-bench",
			            res != NULL && res->n == found, c);
			cache_story_list_free(res);
		}
		char *what =
		        xasprintf("search \"%s\": %zu ids", queries[q], found);
		report(what, qms, 7);
		free(what);
		report("  the same as stories, newest first", lms, 7);
	}
}

static void measure_groups(struct cache *c)
{
	struct cache_headlines *h = cache_headlines(c, 0);
	bench_check("related-bench", h && (long)h->n == items, c);
	double gms[3];
	for (int r = 0; r < 3; r++) {
		double t = bench_now();
		size_t *g = cache_headline_groups(h);
		gms[r] = (bench_now() - t) * 1000;
		free(g);
	}
	char *what = xasprintf("near-duplicate groups of %zu headlines", h->n);
	report(what, gms, 3);
	free(what);
	cache_headlines_free(h);
}

int main(int argc, char **argv)
{
	char *tmp;
	const char *dir = options(argc, argv, &tmp);
	char *path = xasprintf("%s/cache.db", dir);
	make_vocabulary();

	printf("%ld items%s, cache %s\n", items,
	       short_items ? " of one paragraph" : "", path);
	size_t n;
	long long *ids = keep ? item_ids(path, &n) : NULL;
	if (!ids || (long)n != items) {
		free(ids);
		measure_ingest(path);
		ids = item_ids(path, &n);
	}
	if ((long)n != items) {
		fprintf(stderr, "related-bench: %zu items in %s\n", n, path);
		exit(1);
	}
	struct stat st;
	if (stat(path, &st) == 0)
		printf("cache size: %.1f MiB\n",
		       (double)st.st_size / (1024.0 * 1024.0));

	struct cache *c = bench_open("related-bench", path);
	measure_related(c, ids, n);
	measure_duplicates(c, ids, n);
	measure_searches(c);
	if (!short_items)
		measure_groups(c);

	cache_close(c);
	free(ids);
	for (int i = 0; i < VOCABULARY; i++)
		free(vocabulary[i]);
	if (tmp) {
		remove_cache(path);
		rmdir(tmp);
		free(tmp);
	}
	free(path);
	return 0;
}
