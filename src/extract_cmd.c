#include "config.h"

#include "extract_cmd.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source/extract.h"
#include "source/url.h"
#include "text/safe.h"
#include "util/die.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* A page read from a file or fetched. */
struct page_bytes {
	char *body;
	size_t len;
	char *url; /* where it was fetched from in the end, or NULL */
	char *error;
};

static void on_fetched(void *ctx, struct fetch_result *r)
{
	struct page_bytes *pb = ctx;
	if (r->status != FETCH_OK) {
		pb->error = xstrdup(r->error ? r->error : _("no answer"));
		return;
	}
	pb->body = r->body;
	pb->len = r->body_len;
	r->body = NULL;
	pb->url = xstrdup(r->effective_url ? r->effective_url : r->url);
}

static bool fetch_page(const char *url, const struct fetch_options *fetch,
                       struct page_bytes *pb)
{
	struct fetch_options opt = *fetch;
	opt.on_done = on_fetched;
	opt.on_data = NULL;
	opt.ctx = pb;
	struct fetch_request req = {.url = url};
	fetch_all(&opt, &req, 1);
	return pb->body != NULL;
}

static bool read_page(const char *path, struct page_bytes *pb)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		pb->error = xstrdup(strerror(errno));
		return false;
	}
	struct strbuf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(&b, chunk, n);
	bool ok = !ferror(f);
	if (!ok)
		pb->error = xstrdup(strerror(errno));
	fclose(f);
	pb->body = b.s ? b.s : xstrdup("");
	pb->len = b.len;
	return ok;
}

/* The word a credit line starts with, in the article's language. */
static const char *credit_word(const char *lang)
{
	if (lang && !strncasecmp(lang, "fa", 2))
		return "منبع";
	if (lang && !strncasecmp(lang, "ar", 2))
		return "المصدر";
	if (lang && !strncasecmp(lang, "he", 2))
		return "מקור";
	return "Source";
}

/* The article file: header lines, the site line, the paragraphs, the
 * credit line, the related headlines.  The format ends the body at the
 * credit line, so related headlines without one get a credit line naming
 * the site. */
static void print_article(FILE *out, const struct article *a)
{
	if (a->title && *a->title)
		fprintf(out, "Title: %s\n", a->title);
	if (a->date)
		fprintf(out, "Date: %s\n", a->date);
	if (a->link)
		fprintf(out, "Link: %s\n", a->link);
	if (a->site)
		fprintf(out, "Site: %s\n", a->site);
	fprintf(out, "\n%s\n", a->site ? a->site : "-");
	for (size_t i = 0; i < a->nbody; i++)
		fprintf(out, "%s\n", a->body[i]);
	if (a->credit)
		fprintf(out, "%s\n", a->credit);
	else if (a->nrelated > 0)
		fprintf(out, "%s: %s\n", credit_word(a->language),
		        a->site ? a->site : "-");
	for (size_t i = 0; i < a->nrelated; i++)
		fprintf(out, "%s\n", a->related[i]);
}

int extract_main(char *const *args, size_t nargs, const char *base_url,
                 const struct fetch_options *fetch)
{
	if (nargs != 1) {
		warn(_("--extract takes one FILE or URL"));
		return 2;
	}
	const char *source = args[0];
	struct page_bytes pb = {0};
	bool ok = url_is_fetched(source) ? fetch_page(source, fetch, &pb)
	                                 : read_page(source, &pb);
	int status = 2;
	if (!ok) {
		text_safe_warn(source, pb.error);
	} else {
		struct extract_options opt = {
		        .url = base_url ? base_url : pb.url,
		};
		struct extraction *x = extract_page(pb.body, pb.len, &opt);
		if (x->article) {
			print_article(stdout, x->article);
			status = fflush(stdout) == 0 ? 0 : 2;
			if (status)
				warn(_("cannot write the article: %s"),
				     strerror(errno));
		} else {
			text_safe_warn(source, extract_failure_text(x->why));
			status = 1;
		}
		extraction_free(x);
	}
	free(pb.body);
	free(pb.url);
	free(pb.error);
	return status;
}
