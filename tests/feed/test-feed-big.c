/* A feed of 10,000 items (about 40 MB, Persian HTML descriptions of about
 * 4 KB) is parsed with memory bounded: the parser streams, it never holds
 * the document. */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "model/article.h"
#include "source/feed.h"
#include "source/html.h"

#define ITEMS 10000
/* Peak resident memory allowed for the whole test, in KiB. */
#define PEAK_LIMIT_KIB (64 * 1024)

#ifdef __SANITIZE_ADDRESS__
/* AddressSanitizer keeps freed memory in quarantine (256 MB by default),
 * which would measure ASan, not the parser; a small quarantine still
 * catches use after free of recent blocks. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "quarantine_size_mb=4";
}
#endif

static const char paragraph[] =
        "به گزارش خبرگزاری نمونه، نشست امروز مجلس با حضور نمایندگان و "
        "وزیران برگزار شد و درباره بودجه سال ۱۴۰۳ و "
        "قیمت‌ها "
        "گفت‌وگو "
        "شد. ";

static void write_feed(FILE *f)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<rss version=\"2.0\"><channel><title>خبرگزاری بزرگ</title>"
	      "<link>https://big.example.ir/</link><language>fa</language>\n",
	      f);
	for (int i = 0; i < ITEMS; i++) {
		fprintf(f,
		        "<item><title>خبر شماره %d</title>"
		        "<link>https://big.example.ir/news/%d</link>"
		        "<guid>big-%d</guid>"
		        "<pubDate>Thu, 07 Mar 2024 17:35:00 +0330</pubDate>"
		        "<description><![CDATA[",
		        i, i, i);
		/* About 4 KB: 15 paragraphs of some 270 bytes, each with a
		 * link. */
		for (int p = 0; p < 15; p++)
			fprintf(f, "<p>%s<a href=\"/n/%d/%d\">پیوند</a></p>",
			        paragraph, i, p);
		fputs("]]></description></item>\n", f);
	}
	fputs("</channel></rss>\n", f);
}

struct count {
	size_t n;
	size_t bad;
};

static void count_item(void *ctx, const struct feed_meta *meta,
                       struct article *a)
{
	struct count *c = ctx;
	char title[64];
	snprintf(title, sizeof title, "خبر شماره %zu", c->n);
	/* 15 paragraphs and the 15 links listed, once made. */
	html_make_body(a);
	if (strcmp(a->title, title) != 0 || a->nbody != 30 ||
	    a->time != 1709820300LL || !meta->title ||
	    strcmp(meta->title, "خبرگزاری بزرگ") != 0)
		c->bad++;
	c->n++;
	article_free(a);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/akhbar-big-feed-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		printf("FAIL: mkstemp %s\n", path);
		return 1;
	}
	FILE *f = fdopen(fd, "w");
	write_feed(f);
	fflush(f);
	long size = ftell(f);
	lseek(fd, 0, SEEK_SET);

	struct count c = {0};
	struct feed_request req = {.url = "https://big.example.ir/rss",
	                           .item = count_item,
	                           .ctx = &c};
	struct feed_meta meta;
	char *error = NULL;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = feed_parse_fd(fd, &req, &meta, &error);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fclose(f);
	unlink(path);

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double secs = (double)(t1.tv_sec - t0.tv_sec) +
	              (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("feed of %.1f MB, %zu items: %.2f s, peak RSS %.1f MB\n",
	       (double)size / 1e6, c.n, secs, (double)ru.ru_maxrss / 1024);

	CHECK(size > 40 * 1000 * 1000, "feed is only %ld bytes", size);
	CHECK(rc == 0, "rc %d (%s)", rc, error ? error : "");
	CHECK(c.n == ITEMS && meta.nitems == ITEMS, "%zu items, want %d", c.n,
	      ITEMS);
	CHECK(c.bad == 0, "%zu items read wrong", c.bad);
	CHECK(ru.ru_maxrss < PEAK_LIMIT_KIB, "peak RSS %ld KiB, limit %d KiB",
	      ru.ru_maxrss, PEAK_LIMIT_KIB);
	free(error);
	feed_meta_free(&meta);
	return check_result("test-feed-big");
}
