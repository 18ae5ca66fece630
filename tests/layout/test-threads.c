/* The layout keeps its working arrays per thread and builds its character
 * tables once per process: paragraphs and headlines laid out on several
 * threads at once, starting together so that they race for the first
 * use of the tables, must come out as they do on one thread. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "util/xalloc.h"

#define THREADS   4
#define MAX_LINES 512

static const char *const article_files[] = {
        "tests/data/articles/persian.txt",   "tests/data/articles/arabic.txt",
        "tests/data/articles/hebrew.txt",    "tests/data/articles/english.txt",
        "tests/data/articles/cjk-emoji.txt", "seeds/000_8cb5c2daadf7745d.txt",
};

static char *lines[MAX_LINES];
static size_t nlines;
static pthread_barrier_t start;

/* FNV-1a over n bytes. */
static uint64_t hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t hash_row(uint64_t h, const struct lay_row *row)
{
	for (size_t k = 0; k < row->ncells; k++) {
		const struct lay_cell *c = &row->cells[k];
		h = hash(h, c->ch, c->nch * sizeof *c->ch);
		h = hash(h, &c->width, sizeof c->width);
		h = hash(h, &c->offset, sizeof c->offset);
	}
	return hash(h, &row->columns, sizeof row->columns);
}

/* Every line at widths 10 to 99, as paragraphs and as headlines. */
static uint64_t lay_out_all(void)
{
	struct lay_options opt = lay_options_default();
	uint64_t h = 0xcbf29ce484222325ull;

	for (int w = 10; w < 100; w++) {
		opt.width = w;
		for (size_t i = 0; i < nlines; i++) {
			size_t len = strlen(lines[i]);
			struct lay_paragraph *par =
			        lay_paragraph_new(lines[i], len, &opt);
			for (size_t r = 0; r < par->nrows; r++)
				h = hash_row(h, &par->rows[r]);
			lay_paragraph_free(par);
			struct lay_row *row =
			        lay_headline_new(lines[i], len, &opt);
			h = hash_row(h, row);
			lay_row_free(row);
		}
	}
	return h;
}

static void *run(void *result)
{
	pthread_barrier_wait(&start);
	*(uint64_t *)result = lay_out_all();
	return NULL;
}

static void read_articles(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[8192];

	for (size_t k = 0; k < sizeof article_files / sizeof *article_files;
	     k++) {
		snprintf(path, sizeof path, "%s/%s",
		         top && *top ? top : ABS_TOP_SRCDIR, article_files[k]);
		FILE *f = fopen(path, "r");
		if (!f) {
			perror(path);
			exit(1);
		}
		while (nlines < MAX_LINES && fgets(line, sizeof line, f)) {
			line[strcspn(line, "\n")] = '\0';
			lines[nlines++] = xstrdup(line);
		}
		fclose(f);
	}
}

int main(void)
{
	pthread_t thread[THREADS];
	uint64_t got[THREADS];
	bool ok = true;

	read_articles();
	pthread_barrier_init(&start, NULL, THREADS);
	for (int t = 0; t < THREADS; t++)
		if (pthread_create(&thread[t], NULL, run, &got[t])) {
			printf("cannot start a thread\n");
			return 1;
		}
	for (int t = 0; t < THREADS; t++)
		pthread_join(thread[t], NULL);
	uint64_t want = lay_out_all();
	for (int t = 0; t < THREADS; t++) {
		if (got[t] != want) {
			printf("thread %d laid the articles out differently\n",
			       t);
			ok = false;
		}
	}
	printf("test-threads: %zu paragraphs at 90 widths on %d threads at "
	       "once, %s\n",
	       nlines, THREADS, ok ? "as on one thread" : "DIFFERENT");
	for (size_t i = 0; i < nlines; i++)
		free(lines[i]);
	pthread_barrier_destroy(&start);
	return ok ? 0 : 1;
}
