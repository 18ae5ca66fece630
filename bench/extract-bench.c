/* The article extractor over the extraction benchmark's pages: pages a
 * second on one core (CPU time, every page extracted RUNS times from
 * memory) and the peak memory one page takes beyond its own bytes (each
 * page extracted once more in a child process of its own).  With -o FILE
 * it writes what it extracted as JSON ({KEY: {"articleBody": ...}}) for
 * bench/extract-score.py to score against the marked bodies.
 * usage: extract-bench [-o FILE] [-r RUNS] [DIR]
 * DIR defaults to ../shared/extract-bench beside the source tree. */
#include "config.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "source/extract.h"
#include "source/extract_json.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

struct page {
	const char *key, *url;
	char *html;
	size_t len;
};

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	struct strbuf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return b.s;
}

/* A page of the set, gunzipped by gzip(1). */
static char *read_gz(const char *path, size_t *len)
{
	char *cmd = xasprintf("gzip -dc '%s'", path);
	FILE *f = popen(cmd, "r");
	free(cmd);
	if (!f) {
		perror(path);
		exit(1);
	}
	struct strbuf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(&b, chunk, n);
	if (pclose(f) != 0) {
		fprintf(stderr, "extract-bench: cannot read %s\n", path);
		exit(1);
	}
	*len = b.len;
	return b.s;
}

/* kB of a /proc/self/status line ("VmRSS:", "VmHWM:"). */
static long status_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, field, strlen(field)))
			kb = strtol(line + strlen(field), NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* The memory extracting one page takes beyond what the process held
 * before (its bytes included), in kB: measured in a child. */
static long page_memory(const struct page *p)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		long before = status_kb("VmRSS:");
		struct extract_options opt = {.url = p->url};
		extraction_free(extract_page(p->html, p->len, &opt));
		long peak = status_kb("VmHWM:") - before;
		if (write(fd[1], &peak, sizeof peak) != sizeof peak)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	long peak = -1;
	if (read(fd[0], &peak, sizeof peak) != sizeof peak)
		peak = -1;
	close(fd[0]);
	waitpid(pid, NULL, 0);
	return peak;
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p < 0x20)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static void write_body(FILE *out, const struct page *p, bool first)
{
	struct extract_options opt = {.url = p->url};
	struct extraction *x = extract_page(p->html, p->len, &opt);
	struct strbuf b = {0};
	strbuf_add(&b, "", 0);
	for (size_t i = 0; x->article && i < x->article->nbody; i++) {
		if (i)
			strbuf_addc(&b, '\n');
		strbuf_adds(&b, x->article->body[i]);
	}
	fprintf(out, "%s\n ", first ? "{" : ",");
	json_string(out, p->key);
	fputs(": {\"articleBody\": ", out);
	json_string(out, b.s);
	fputs("}", out);
	strbuf_free(&b);
	extraction_free(x);
}

static struct page *load_pages(const char *dir, struct json **truth, size_t *n)
{
	char *path = xasprintf("%s/ground-truth.json", dir);
	size_t len;
	char *text = read_file(path, &len);
	free(path);
	*truth = json_parse(text, len);
	free(text);
	if (!*truth || (*truth)->type != JSON_OBJECT) {
		fprintf(stderr, "extract-bench: %s: no ground truth\n", dir);
		exit(1);
	}
	*n = (*truth)->n;
	struct page *pages = xcalloc(*n + 1, sizeof *pages);
	for (size_t i = 0; i < *n; i++) {
		pages[i].key = (*truth)->keys[i];
		const struct json *url = json_get(&(*truth)->items[i], "url");
		pages[i].url = url && url->str ? url->str : NULL;
		char *gz = xasprintf("%s/html/%s.html.gz", dir, pages[i].key);
		pages[i].html = read_gz(gz, &pages[i].len);
		free(gz);
	}
	return pages;
}

int main(int argc, char **argv)
{
	const char *out_path = NULL;
	int runs = 3, opt;
	while ((opt = getopt(argc, argv, "o:r:")) != -1) {
		if (opt == 'o')
			out_path = optarg;
		else if (opt == 'r')
			runs = atoi(optarg) > 0 ? atoi(optarg) : 1;
		else
			return 2;
	}
	const char *dir = optind < argc ? argv[optind]
	                                : ABS_TOP_SRCDIR
	                          "/../shared/extract-bench";
	struct json *truth;
	size_t n;
	struct page *pages = load_pages(dir, &truth, &n);
	size_t bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += pages[i].len;

	/* Memory first: a child then starts from no freed heap to reuse. */
	malloc_trim(0);
	long worst = 0;
	size_t worst_page = 0;
	for (size_t i = 0; i < n; i++) {
		long kb = page_memory(&pages[i]);
		if (kb > worst) {
			worst = kb;
			worst_page = i;
		}
	}
	printf("peak memory beyond the page: %.1f MiB (page %s, %.0f kB)\n",
	       (double)worst / 1024, pages[worst_page].key,
	       (double)pages[worst_page].len / 1024);

	double start = cpu_now();
	for (int r = 0; r < runs; r++)
		for (size_t i = 0; i < n; i++) {
			struct extract_options o = {.url = pages[i].url};
			extraction_free(
			        extract_page(pages[i].html, pages[i].len, &o));
		}
	double secs = cpu_now() - start;
	printf("%zu pages (%.1f MB), %d runs: %.1f pages/s on one core "
	       "(%.2f ms a page)\n",
	       n, (double)bytes / 1e6, runs, (double)n * runs / secs,
	       secs * 1000 / ((double)n * runs));

	if (out_path) {
		FILE *out = fopen(out_path, "w");
		if (!out) {
			perror(out_path);
			return 1;
		}
		for (size_t i = 0; i < n; i++)
			write_body(out, &pages[i], i == 0);
		fputs("\n}\n", out);
		fclose(out);
	}
	for (size_t i = 0; i < n; i++)
		free(pages[i].html);
	free(pages);
	json_free(truth);
	return 0;
}
