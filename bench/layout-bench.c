/* Layout throughput: the seed article's body repeated to 10 MB and laid
 * out paragraph by paragraph at width 80 (MB/s), and the time to lay out
 * a 50 KB article (median of several runs), both in CPU time.
 * usage: layout-bench [SEED-FILE] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout/layout.h"
#include "util/xalloc.h"

/* CPU time of this process: the rate on one core, whatever else the
 * machine is running. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The body paragraphs of an article file: from its second line up to the
 * credit line (منبع / Source ...). */
static char *read_body(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *body = NULL;
	size_t cap = 0, n = 0, lineno = 0;
	ssize_t got;

	if (!f) {
		perror(path);
		exit(1);
	}
	while ((got = getline(&line, &cap, f)) > 0) {
		if (++lineno == 1)
			continue;
		if (!strncmp(line, "منبع", strlen("منبع")) ||
		    !strncmp(line, "Source", 6))
			break;
		body = xreallocarray(body, n + (size_t)got + 1, 1);
		memcpy(body + n, line, (size_t)got);
		n += (size_t)got;
	}
	free(line);
	fclose(f);
	if (n == 0) {
		fprintf(stderr, "%s: no body\n", path);
		exit(1);
	}
	*len = n;
	return body;
}

/* Lay out every line of buf[0..len) at width 80; returns rows made. */
static size_t lay_out_all(const char *buf, size_t len)
{
	struct lay_options opt = lay_options_default();
	size_t rows = 0;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - buf) : len;
		struct lay_paragraph *par =
		        lay_paragraph_new(buf + i, e - i, &opt);
		rows += par->nrows;
		lay_paragraph_free(par);
		i = e + 1;
	}
	return rows;
}

/* buf repeated up to about size bytes, in whole paragraphs. */
static char *repeat(const char *buf, size_t len, size_t size, size_t *out)
{
	size_t times = (size + len - 1) / len;
	char *big = xmalloc(times * len);

	for (size_t k = 0; k < times; k++)
		memcpy(big + k * len, buf, len);
	*out = times * len;
	return big;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1]
	                            : ABS_TOP_SRCDIR
	                           "/seeds/000_8cb5c2daadf7745d.txt";
	size_t len, big_len, art_len;
	char *body = read_body(path, &len);

	char *big = repeat(body, len, 10u << 20, &big_len);
	double t0 = now();
	size_t rows = lay_out_all(big, big_len);
	double t = now() - t0;
	printf("10 MB of seed body at width 80: %zu bytes, %zu rows in %.3f s "
	       "CPU: "
	       "%.1f MB/s\n",
	       big_len, rows, t, (double)big_len / t / 1e6);

	char *art = repeat(body, len, 50u << 10, &art_len);
	double runs[15];
	for (int k = 0; k < 15; k++) {
		t0 = now();
		lay_out_all(art, art_len);
		runs[k] = now() - t0;
	}
	qsort(runs, 15, sizeof runs[0], by_value);
	printf("50 KB article (%zu bytes) at width 80: median %.2f ms CPU of "
	       "15 runs\n",
	       art_len, runs[7] * 1e3);
	free(art);
	free(big);
	free(body);
	return 0;
}
