/* The library: the seed plus an article whose headline is one of the
 * seed's related headlines spelled with Arabic yeh and kaf and a ZWNJ.
 * That headline must lead to the article; the others become
 * headline-only stories with pages of their own; no link dead-ends. */
#include "config.h"

#include <stdbool.h>

#include "check.h"
#include "model/library.h"
#include "source/article_file.h"
#include "text/textkey.h"
#include "util/xalloc.h"

/* Each other headline of a headline-only story, on its page. */
#define ALSO "Also listed as: %s"
#define NOTE                                                                   \
	"Only the headline of this story is known. It was listed with the "    \
	"article below."

static const char second[] =
        "Title: زلنسكي: پوتين از رد پيشنهاد ترامپ مي\u200cترسد\n"
        "Date: 2025-03-14\n"
        "\n"
        "خبرگزاری نمونه\n"
        "زلنسکی گفت که پوتین از رد پیشنهاد "
        "می‌ترسد.\n"
        "منبع: نمونه\n"
        "کی یف: هرگز به یک صلح سرد رضایت نخواهیم داد\n"
        "خبری که فقط اینجا آمده است\n"
        "زلنسکی: پوتین از رد پیشنهاد ترامپ میترسد\n";

static const char third[] = "Title: A story that lists itself\n"
                            "\n"
                            "Site Three\n"
                            "Body.\n"
                            "Source: me\n"
                            "A STORY that  lists itself\n"
                            "خبری که فقط اینجا آمده است\n"
                            "خبری كه فقط اينجا آمده است\n";

static struct article *parse(const char *text, const char *name)
{
	char *error = NULL;
	struct article *a = article_parse(text, strlen(text), name, &error);
	if (!a) {
		fprintf(stderr, "%s\n", error);
		exit(99);
	}
	return a;
}

static bool same_key(const char *a, const char *b)
{
	char *ka = text_key(a, strlen(a)), *kb = text_key(b, strlen(b));
	bool same = !strcmp(ka, kb);
	free(ka);
	free(kb);
	return same;
}

static size_t find_story(const struct library *lib, const char *title)
{
	for (size_t i = 0; i < lib->nstories; i++)
		if (same_key(lib->stories[i].title, title))
			return i;
	return STORY_NONE;
}

/* Whether the page names text as another headline of its story. */
static bool lists_variant(const struct article *p, const char *text)
{
	char *line = xasprintf(ALSO, text);
	bool found = false;
	for (size_t i = 0; i < p->nbody && !found; i++)
		found = !strcmp(p->body[i], line);
	free(line);
	return found;
}

/* Every link of every page opens a story whose headline is the link's
 * text, or one that names the link's text as another way its headline
 * was written; and every story can be reached from the first article. */
static void check_links(const struct library *lib)
{
	bool *seen = calloc(lib->nstories, 1);
	size_t *queue = malloc(lib->nstories * sizeof *queue);
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < lib->narticles; i++) {
		seen[i] = true;
		queue[tail++] = i;
	}
	while (head < tail) {
		const struct story *s = &lib->stories[queue[head++]];
		CHECK(s->page && s->title == s->page->title, "%s",
		      "a story shows its own page");
		for (size_t k = 0; k < s->page->nrelated; k++) {
			size_t t = s->targets[k];
			CHECK(t < lib->nstories,
			      "a link of \"%s\" opens nothing", s->title);
			if (t >= lib->nstories)
				continue;
			CHECK(same_key(lib->stories[t].title,
			               s->page->related[k]) ||
			              lists_variant(lib->stories[t].page,
			                            s->page->related[k]),
			      "link \"%s\" opens \"%s\"", s->page->related[k],
			      lib->stories[t].title);
			CHECK(t != (size_t)(s - lib->stories),
			      "\"%s\" links to itself", s->title);
			if (!seen[t]) {
				seen[t] = true;
				queue[tail++] = t;
			}
		}
		/* A headline-only page always leads on: back to its article. */
		if (s->headline_only)
			CHECK(s->page->nrelated >= 1, "\"%s\" is a dead end",
			      s->title);
	}
	for (size_t i = 0; i < lib->nstories; i++)
		CHECK(seen[i], "story %zu \"%s\" cannot be reached", i,
		      lib->stories[i].title);
	free(seen);
	free(queue);
}

static void check_headline_only(const struct library *lib, size_t id)
{
	const struct story *s = &lib->stories[id];
	CHECK(s->headline_only && s->source < lib->narticles,
	      "story %zu is headline-only", id);
	if (!s->headline_only || s->source >= lib->narticles)
		return;
	const struct story *src = &lib->stories[s->source];
	const struct article *p = s->page;
	CHECK_STR(p->site, src->page->site,
	          "a headline-only page shows its article's site");
	CHECK_STR(p->date, src->page->date,
	          "a headline-only page shows its article's date");
	CHECK(p->nbody >= 1, "%zu body paragraphs", p->nbody);
	if (p->nbody >= 1)
		CHECK_STR(p->body[0], NOTE, "the note");
	/* Then the other headlines of the story, if any. */
	for (size_t i = 1; i < p->nbody; i++)
		CHECK(!strncmp(p->body[i], ALSO, strlen(ALSO) - 2),
		      "\"%s\" paragraph %zu: %s", s->title, i, p->body[i]);
	CHECK(p->nrelated >= 1 && !strcmp(p->related[0], src->title) &&
	              s->targets[0] == s->source,
	      "\"%s\" leads first to its article", s->title);
	/* Then the siblings: the article's other related headlines. */
	size_t siblings = 0;
	for (size_t k = 0; k < src->page->nrelated; k++)
		siblings += src->targets[k] != id;
	CHECK(p->nrelated == 1 + siblings, "\"%s\": %zu related, want %zu",
	      s->title, p->nrelated, 1 + siblings);
	for (size_t k = 1; k < p->nrelated; k++)
		CHECK(!same_key(p->related[k], s->title), "\"%s\" lists itself",
		      s->title);
}

int main(void)
{
	char *path = srcdir_path(SEED);
	char *error = NULL;
	struct article *seed = article_file_read(path, &error);
	if (!seed) {
		fprintf(stderr, "%s\n", error);
		return 99;
	}
	size_t seed_related = seed->nrelated;

	struct library *lib = library_new();
	library_add_article(lib, seed);
	library_add_article(lib, parse(second, "second"));
	library_add_article(lib, parse(third, "third"));
	library_link(lib);

	CHECK(lib->narticles == 3, "%zu articles", lib->narticles);
	/* The seed's 30 related headlines, one of them the second article
	 * and two of them near-duplicates of others (one story each); one
	 * headline of the second article, listed by the third too. */
	CHECK(seed_related == 30, "%zu related in the seed", seed_related);
	CHECK(lib->nstories == 3 + 27 + 1, "%zu stories, want 31",
	      lib->nstories);

	/* The seed's third related headline opens the second article. */
	const struct story *s0 = &lib->stories[0];
	CHECK_STR(s0->page->related[2],
	          "زلنسکی: پوتین از رد پیشنهاد ترامپ میترسد", "seed related 2");
	CHECK(s0->targets[2] == 1,
	      "the Zelensky headline opens story %zu, want 1", s0->targets[2]);
	CHECK(!lib->stories[0].headline_only &&
	              lib->stories[0].source == STORY_NONE,
	      "%s", "an article is no headline-only story");

	/* The second article lists itself last: that link is dropped. */
	const struct story *s1 = &lib->stories[1];
	CHECK(s1->page->nrelated == 2, "second article: %zu related, want 2",
	      s1->page->nrelated);
	/* Its first related headline is the seed's first: one story, whose
	 * source is the seed (the first article listing it). */
	CHECK(s1->targets[0] == s0->targets[0], "%s",
	      "a headline listed twice is one story");
	CHECK(lib->stories[s0->targets[0]].source == 0, "%s",
	      "its source is the first listing");

	/* The third lists itself (other case and spaces) and one headline of
	 * the second twice (yeh and kaf variants): one story. */
	const struct story *s2 = &lib->stories[2];
	CHECK(s2->page->nrelated == 2, "third article: %zu related, want 2",
	      s2->page->nrelated);
	if (s2->page->nrelated == 2) {
		CHECK(s2->targets[0] == s2->targets[1] &&
		              s2->targets[0] == s1->targets[1],
		      "%s", "variants of one headline are one story");
		CHECK(lib->stories[s2->targets[0]].source == 1, "%s",
		      "the variant headline's source is the second article");
		/* the same key, not another way of writing it: no +N */
		CHECK(lib->stories[s2->targets[0]].nvariants == 0,
		      "a spelling variant counts as %zu other headlines",
		      lib->stories[s2->targets[0]].nvariants);
	}

	for (size_t i = lib->narticles; i < lib->nstories; i++)
		check_headline_only(lib, i);
	/* Headline-only stories come in order of appearance. */
	CHECK(lib->nstories > 3 &&
	              lib->stories[3].title == lib->stories[3].page->title &&
	              !strcmp(lib->stories[3].title,
	                      "کی یف: هرگز به یک صلح سرد رضایت نخواهیم داد"),
	      "%s",
	      "the first headline-only story is the seed's first related");
	size_t last = find_story(lib, "دیدهبان حقوق بشر: اسرائیل از زمان آتشبس "
	                              "روزانه ۳ فلسطینی را کشته است");
	CHECK(last == 29,
	      "the seed's last related headline is story %zu, want 29", last);
	if (last < lib->nstories) {
		/* Its page: the seed first, then the seed's 29 others. */
		const struct article *p = lib->stories[last].page;
		CHECK(p->nrelated == 30, "%zu related on a headline-only page",
		      p->nrelated);
		CHECK(p->nrelated == 30 && lib->stories[last].targets[3] == 1,
		      "%s", "a sibling that is an article opens the article");
	}
	/* The seed's near-duplicate pairs are one story each, named after
	 * the first listed, whose page names the other. Two headlines sharing
	 * many words but saying different things stay two stories. */
	static const char *const pairs[][2] = {
	        {"«پوتین» با شروطی با طرح آتشبس در اوکراین موافقت کرد",
	         "«پوتین» با طرح آتشبس در اوکراین موافقت کرد"},
	        {"تجاوز جدید هوایی رژیم صهیونیستی علیه دمشق+ تصاویر",
	         "تجاوز جدید هوایی رژیم صهیونیستی علیه دمشق"},
	};
	for (size_t i = 0; i < 2; i++) {
		size_t first = find_story(lib, pairs[i][0]);
		CHECK(first != STORY_NONE, "no story \"%s\"", pairs[i][0]);
		CHECK(find_story(lib, pairs[i][1]) == STORY_NONE,
		      "\"%s\" is a story of its own", pairs[i][1]);
		if (first != STORY_NONE) {
			CHECK(lists_variant(lib->stories[first].page,
			                    pairs[i][1]),
			      "the page of \"%s\" does not name \"%s\"",
			      pairs[i][0], pairs[i][1]);
			CHECK(lib->stories[first].nvariants == 1,
			      "\"%s\" stands for %zu others, want 1",
			      pairs[i][0], lib->stories[first].nvariants);
		}
		size_t k1 = STORY_NONE;
		for (size_t k = 0; k < s0->page->nrelated; k++)
			if (!strcmp(s0->page->related[k], pairs[i][1]))
				k1 = k;
		CHECK(k1 != STORY_NONE && s0->targets[k1] == first,
		      "\"%s\" does not open \"%s\"", pairs[i][1], pairs[i][0]);
	}
	CHECK(find_story(lib, "هشدار حماس درباره شیوع مجدد قحطی در غزه") !=
	              find_story(lib, "هشدار حماس درباره شیوع مجدد قحطی در "
	                              "صورت عدم بازگشایی گذرگاههای غزه"),
	      "%s", "two different Hamas warnings are one story");
	check_links(lib);
	library_free(lib);

	/* No articles, and articles without related headlines. */
	lib = library_new();
	library_link(lib);
	CHECK(lib->nstories == 0, "%s", "an empty library");
	library_free(lib);
	lib = library_new();
	library_add_article(lib, parse("S\nOnly a body.\n", "alone"));
	library_link(lib);
	CHECK(lib->nstories == 1 && lib->stories[0].page->nrelated == 0, "%s",
	      "one lone article");
	library_free(lib);
	library_free(NULL);

	free(path);
	return check_result("test-library");
}
