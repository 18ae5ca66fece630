/* Related stories found by the story index among article files: a
 * headline-only story gets them when its page is first asked for, like
 * an article at start.  Its article stays first (the way back), the
 * stories the index finds closest follow, from other files too, and its
 * siblings (the other headlines its article lists) keep their order
 * after them; nothing is lost and no story is listed twice. */
#include "config.h"

#include <stdbool.h>

#include "check.h"
#include "model/library.h"
#include "source/article_file.h"
#include "source/relate.h"
#include "util/xalloc.h"

static struct library *load(const char *const *files, size_t n)
{
	struct library *lib = library_new();
	for (size_t i = 0; i < n; i++) {
		char *path = srcdir_path(files[i]);
		char *error = NULL;
		struct article *a = article_file_read(path, &error);
		if (!a) {
			fprintf(stderr, "%s\n", error);
			exit(99);
		}
		library_add_article(lib, a);
		free(path);
	}
	library_link(lib);
	return lib;
}

static size_t find_story(const struct library *lib, const char *title)
{
	for (size_t i = 0; i < lib->nstories; i++)
		if (!strcmp(lib->stories[i].title, title))
			return i;
	fprintf(stderr, "no story \"%s\"\n", title);
	exit(99);
}

/* Where story t is among s's related stories, or -1. */
static long position(const struct story *s, size_t t)
{
	for (size_t k = 0; k < s->page->nrelated; k++)
		if (s->targets[k] == t)
			return (long)k;
	return -1;
}

static size_t times(const struct story *s, size_t t)
{
	size_t n = 0;
	for (size_t k = 0; s && k < s->page->nrelated; k++)
		n += s->targets[k] == t;
	return n;
}

/* Every related headline of s opens the story of that headline (or of
 * one it is a variant of), and no story is there twice unless from, the
 * article s copied its siblings from (or NULL), lists it twice (the
 * seed lists some stories in two spellings). */
static void check_list(const struct library *lib, const struct story *s,
                       const struct story *from)
{
	for (size_t k = 0; k < s->page->nrelated; k++) {
		size_t t = s->targets[k];
		CHECK(t < lib->nstories && t != (size_t)(s - lib->stories),
		      "\"%s\": related %zu opens %zu", s->title, k, t);
		if (t >= lib->nstories)
			continue;
		CHECK(!strcmp(s->page->related[k], lib->stories[t].title) ||
		              lib->stories[t].nvariants,
		      "\"%s\": related \"%s\" opens \"%s\"", s->title,
		      s->page->related[k], lib->stories[t].title);
		size_t most = times(from, t) > 1 ? times(from, t) : 1;
		CHECK(times(s, t) <= most, "\"%s\" lists \"%s\" %zu times",
		      s->title, lib->stories[t].title, times(s, t));
	}
}

static bool has(const char *text, const char *word)
{
	return strstr(text, word) != NULL;
}

/* The seed alone: every story is listed by the article, so relating
 * only orders a headline-only page: the closest first. */
static void test_seed(void)
{
	const char *const files[] = {SEED};
	struct library *lib = load(files, 1);
	struct source_relater *r = source_relate(lib);
	CHECK(r != NULL, "%s", "no index over the seed's 29 stories");

	size_t z = find_story(lib, "زلنسکی: پوتین از رد پیشنهاد ترامپ میترسد");
	struct story *s = &lib->stories[z];
	size_t n = s->page->nrelated;
	size_t *before = xreallocarray(NULL, n, sizeof *before);
	memcpy(before, s->targets, n * sizeof *before);
	/* asked for nothing yet: the page as the library made it */
	size_t oil = find_story(lib, "آمریکا وزیر نفت ایران را تحریم کرد");
	long oil_before = position(s, oil);

	char *error = NULL;
	CHECK(source_relate_story(r, z, &error) && !error, "error \"%s\"",
	      error ? error : "");
	CHECK(s->page->nrelated == n, "%zu related, were %zu",
	      s->page->nrelated, n);
	CHECK(s->targets[0] == 0 &&
	              !strcmp(s->page->related[0], lib->stories[0].title),
	      "%s", "the article is no longer first");
	for (size_t k = 0; k < n; k++)
		CHECK(position(s, before[k]) >= 0, "story %zu was lost",
		      before[k]);
	check_list(lib, s, &lib->stories[0]);
	/* Zelensky, Putin and Trump: the three closest name Trump or Putin,
	 * and came up from further down the list. */
	for (size_t k = 1; k <= 3 && k < n; k++) {
		const char *t = s->page->related[k];
		CHECK(has(t, "ترامپ") || has(t, "پوتین"),
		      "related %zu \"%s\" names neither Trump nor Putin", k, t);
		CHECK(position(s, s->targets[k]) != -1 &&
		              before[k] != s->targets[k],
		      "related %zu \"%s\" did not move up", k, t);
	}
	/* a story sharing no word with it goes down */
	CHECK(position(s, oil) > oil_before, "\"%s\" at %ld, was at %ld",
	      lib->stories[oil].title, position(s, oil), oil_before);
	/* once only */
	size_t *after = xreallocarray(NULL, n, sizeof *after);
	memcpy(after, s->targets, n * sizeof *after);
	CHECK(source_relate_story(r, z, &error), "%s", "a second time failed");
	CHECK(s->page->nrelated == n &&
	              !memcmp(after, s->targets, n * sizeof *after),
	      "%s", "a second time changed the list");
	/* an article: nothing to do, its list is the seed's own */
	CHECK(source_relate_story(r, 0, &error) &&
	              lib->stories[0].page->nrelated == 30,
	      "the seed lists %zu", lib->stories[0].page->nrelated);
	free(before);
	free(after);
	source_relater_free(r);
	library_free(lib);
}

/* Four files: a sports digest lists an earthquake headline that no file
 * is about by that name; two other files report the earthquake. */
static void test_files(void)
{
	const char *const files[] = {
	        "tests/article/related/football.txt",
	        "tests/article/related/quake-kerman.txt",
	        "tests/article/related/quake-rescue.txt",
	        "tests/article/related/sports-digest.txt",
	};
	struct library *lib = load(files, 4);
	struct source_relater *r = source_relate(lib);
	CHECK(r != NULL, "%s", "no index");
	size_t kerman = 1, rescue = 2, digest = 3;
	size_t h = find_story(
	        lib,
	        "امدادرسانی به زلزله‌زدگان راور "
	        "کرمان "
	        "ادامه دارد");
	size_t league = find_story(
	        lib, "دیدار سپاهان و تراکتور در هفته بعد لیگ برتر فوتبال");
	struct story *s = &lib->stories[h];
	CHECK(s->headline_only && s->page->nrelated == 2 &&
	              s->targets[0] == digest && s->targets[1] == league,
	      "%s", "before it is asked for: the digest and its sibling");

	char *error = NULL;
	CHECK(source_relate_story(r, h, &error), "error \"%s\"",
	      error ? error : "");
	check_list(lib, s, &lib->stories[digest]);
	CHECK(s->page->nrelated == 4, "%zu related, want 4", s->page->nrelated);
	if (s->page->nrelated == 4) {
		CHECK(s->targets[0] == digest, "%s", "the digest first");
		CHECK((s->targets[1] == rescue && s->targets[2] == kerman) ||
		              (s->targets[1] == kerman &&
		               s->targets[2] == rescue),
		      "%s", "the two earthquake reports next");
		CHECK(s->targets[3] == league, "%s", "the sibling last");
	}
	/* The earthquake reports, related at start, have the headline too:
	 * it is a story like the others. */
	CHECK(position(&lib->stories[kerman], h) >= 0, "%s",
	      "the first report does not list the headline");
	CHECK(position(&lib->stories[kerman], rescue) >= 0, "%s",
	      "the first report does not list the second");
	check_list(lib, &lib->stories[kerman], NULL);
	CHECK(position(&lib->stories[0], h) < 0, "%s",
	      "the football report lists the earthquake");
	source_relater_free(r);
	library_free(lib);
}

/* One story: nothing to relate, and no index. */
static void test_alone(void)
{
	struct library *lib = library_new();
	char *error = NULL;
	const char text[] = "Site\nOnly a body.\n";
	library_add_article(lib,
	                    article_parse(text, strlen(text), "alone", &error));
	library_link(lib);
	struct source_relater *r = source_relate(lib);
	CHECK(r == NULL, "%s", "an index for one story");
	CHECK(source_relate_story(r, 0, &error) && !error, "%s",
	      "relating without an index failed");
	source_relater_free(r);
	library_free(lib);
}

int main(void)
{
	test_seed();
	test_files();
	test_alone();
	return check_result("test-relate");
}
