/* How good related stories and near-duplicate grouping are, measured on
 * the labelled stories of data/stories.txt (events grouped by hand, in
 * Persian, English, Arabic and Hebrew).
 *
 * Related stories: a result is a hit when it belongs to the story's
 * event. Near-duplicates count once (the cache folds them, so does the
 * measure): the relevant groups of a story are the labelled near-duplicate
 * groups of the other stories of its event, its own group left out.
 *   P@5           hits among the first 5, over 5, averaged over the
 *                 stories with at least 5 relevant groups in their own
 *                 language (so 1.0 is reachable by matching words).
 *   P@5 (capped)  hits among the first 5 over min(5, relevant groups in
 *                 the story's language), at most 1, averaged over the
 *                 stories with at least 2 such groups.
 * Both must be at least 0.8.
 *
 * Grouping (the groups the cache decided as it stored the stories, the
 * same as grouping the whole list at once): precision and recall over
 * pairs of stories, the truth being
 * the labelled "=" pairs joined; the seed's two pairs must be grouped and
 * no "~" pair (different events, close headlines) may be. */
#include "config.h"

#include "check.h"
#include "stories.h"

#define K 5

/* Relevant groups of story i: other groups of its event; lang_only
 * counts those with a member in i's language. */
static size_t relevant_groups(const struct stories *st, size_t i,
                              bool lang_only)
{
	size_t n = 0;
	for (size_t g = 0; g < st->n; g++) {
		if (st->s[g].group != g || g == st->s[i].group ||
		    strcmp(st->s[g].event, st->s[i].event))
			continue;
		bool in_lang = false;
		for (size_t j = 0; j < st->n; j++)
			in_lang = in_lang ||
			          (st->s[j].group == g &&
			           !strcmp(st->s[j].lang, st->s[i].lang));
		n += !lang_only || in_lang;
	}
	return n;
}

static void measure_related(struct cache *c, const struct stories *st)
{
	double strict = 0, capped = 0;
	size_t nstrict = 0, ncapped = 0;
	for (size_t i = 0; i < st->n; i++) {
		const struct story *s = &st->s[i];
		struct cache_story_list *r = cache_related(c, s->item, K);
		CHECK(r != NULL, "related of %s: %s", s->id, cache_error(c));
		if (!r)
			continue;
		CHECK(r->n <= K, "%s: %zu results", s->id, r->n);
		size_t hits = 0;
		for (size_t k = 0; k < r->n; k++) {
			size_t j = story_of_item(st, r->items[k].id);
			CHECK(j != i, "%s is related to itself", s->id);
			/* A variant of the story itself is no hit: the
			 * grouping missed it, and the slot is lost. */
			hits += !strcmp(st->s[j].event, s->event) &&
			        st->s[j].group != s->group;
			for (size_t d = 0; d < r->items[k].ndups; d++)
				CHECK(r->items[k].dups[d] != s->item,
				      "%s folded into a result", s->id);
		}
		size_t in_lang = relevant_groups(st, i, true);
		if (in_lang >= K) {
			strict += (double)hits / K;
			nstrict++;
		}
		if (in_lang >= 2) {
			double p = (double)hits /
			           (double)(in_lang < K ? in_lang : K);
			capped += p > 1 ? 1 : p;
			ncapped++;
		}
		if (getenv("RELATED_VERBOSE")) {
			printf("%-4s %zu/%zu  %s\n", s->id, hits, r->n,
			       s->title);
			for (size_t k = 0; k < r->n; k++) {
				size_t j = story_of_item(st, r->items[k].id);
				printf("     %c %-4s %6.2f %s\n",
				       strcmp(st->s[j].event, s->event) ? '-'
				                                        : '+',
				       st->s[j].id, r->items[k].score,
				       st->s[j].title);
			}
		}
		cache_story_list_free(r);
	}
	strict /= nstrict ? (double)nstrict : 1;
	capped /= ncapped ? (double)ncapped : 1;
	printf("related stories: P@5 = %.3f over %zu stories; "
	       "P@5 (capped) = %.3f over %zu stories\n",
	       strict, nstrict, capped, ncapped);
	CHECK(nstrict >= 40, "only %zu stories have 5 relevant groups",
	      nstrict);
	CHECK(strict >= 0.8, "P@5 = %.3f", strict);
	CHECK(capped >= 0.8, "capped P@5 = %.3f", capped);
}

static bool grouped(const size_t *group, const long long *item_of_row,
                    size_t rows, long long a, long long b)
{
	size_t ra = rows, rb = rows;
	for (size_t r = 0; r < rows; r++) {
		if (item_of_row[r] == a)
			ra = r;
		if (item_of_row[r] == b)
			rb = r;
	}
	return ra < rows && rb < rows && group[ra] == group[rb];
}

static void measure_grouping(struct cache *c, const struct stories *st)
{
	struct cache_headlines *h = cache_headlines(c, 0);
	CHECK(h && h->n == st->n, "all headlines");
	if (!h)
		return;
	/* The groups the cache decided as it stored the items: group[r] is
	 * the row of the first headline of row r's group. */
	size_t *group = xreallocarray(NULL, h->n, sizeof *group);
	size_t *in_memory = cache_headline_groups(h);
	long long *item_of_row = xreallocarray(NULL, h->n, sizeof *item_of_row);
	for (size_t r = 0; r < h->n; r++) {
		item_of_row[r] = h->items[r].id;
		group[r] = r;
		for (size_t k = 0; k < r && group[r] == r; k++)
			if (h->items[k].story == h->items[r].story)
				group[r] = k;
		CHECK(h->items[r].head == (group[r] == r),
		      "a group's first headline is its row");
		for (size_t k = 0; k < r; k++)
			CHECK((group[k] == group[r]) ==
			              (in_memory[k] == in_memory[r]),
			      "stored groups are the in-memory ones: %s / %s",
			      h->items[k].title, h->items[r].title);
	}
	free(in_memory);

	size_t predicted = 0, truth = 0, both = 0;
	for (size_t i = 0; i < st->n; i++) {
		for (size_t j = i + 1; j < st->n; j++) {
			bool want = st->s[i].group == st->s[j].group;
			bool got = grouped(group, item_of_row, h->n,
			                   st->s[i].item, st->s[j].item);
			truth += want;
			predicted += got;
			both += want && got;
			if (want != got)
				printf("grouping: %s %s %s / %s\n",
				       got ? "wrongly grouped" : "missed",
				       st->s[i].id, st->s[i].title,
				       st->s[j].title);
		}
	}
	double precision = predicted ? (double)both / (double)predicted : 1;
	double recall = truth ? (double)both / (double)truth : 1;
	printf("near-duplicates: precision %.3f (%zu of %zu grouped pairs), "
	       "recall %.3f (%zu of %zu labelled pairs); %zu distinct pairs "
	       "checked\n",
	       precision, both, predicted, recall, both, truth, st->ndistinct);
	CHECK(precision >= 0.9, "grouping precision %.3f", precision);
	CHECK(recall >= 0.8, "grouping recall %.3f", recall);

	/* The seed's pairs, and every labelled distractor. */
	static const char *const seed[][2] = {{"p1", "p2"}, {"d1", "d2"}};
	for (size_t i = 0; i < 2; i++)
		CHECK(grouped(group, item_of_row, h->n,
		              st->s[story_index(st, seed[i][0])].item,
		              st->s[story_index(st, seed[i][1])].item),
		      "seed pair %s %s", seed[i][0], seed[i][1]);
	for (size_t i = 0; i < st->ndistinct; i++) {
		const struct story *a = &st->s[st->distinct[i].a],
		                   *b = &st->s[st->distinct[i].b];
		CHECK(!grouped(group, item_of_row, h->n, a->item, b->item),
		      "different events grouped: %s / %s", a->title, b->title);
	}

	/* One item's variants agree with the list's groups. */
	for (size_t i = 0; i < st->n; i++) {
		struct cache_story_list *d = cache_duplicates(c, st->s[i].item);
		CHECK(d != NULL, "duplicates of %s", st->s[i].id);
		for (size_t k = 0; d && k < d->n; k++)
			CHECK(grouped(group, item_of_row, h->n, st->s[i].item,
			              d->items[k].id) ||
			              st->s[story_of_item(st, d->items[k].id)]
			                              .group == st->s[i].group,
			      "%s: variant %lld", st->s[i].id, d->items[k].id);
		cache_story_list_free(d);
	}
	struct cache_story_list *d =
	        cache_duplicates(c, st->s[story_index(st, "p1")].item);
	CHECK(d && d->n == 1 &&
	              d->items[0].id == st->s[story_index(st, "p2")].item,
	      "the variant of the seed's «پوتین» headline");
	cache_story_list_free(d);
	d = cache_duplicates(c, st->s[story_index(st, "d2")].item);
	CHECK(d && d->n == 1 &&
	              d->items[0].id == st->s[story_index(st, "d1")].item,
	      "the variant of the seed's «تجاوز» headline, not February's");
	cache_story_list_free(d);

	free(item_of_row);
	free(group);
	cache_headlines_free(h);
}

int main(void)
{
	struct stories st = {0};
	stories_read(&st);
	CHECK(st.n >= 100, "%zu stories", st.n);
	struct cache *c = stories_store(&st);
	measure_related(c, &st);
	measure_grouping(c, &st);
	cache_close(c);
	stories_free(&st);
	return check_result("test-quality");
}
