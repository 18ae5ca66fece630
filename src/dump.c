#include "config.h"

#include "dump.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "layout/document.h"
#include "layout/lang.h"
#include "source/html.h"
#include "text/safe.h"
#include "util/die.h"
#include "util/i18n.h"

static void dump_article(FILE *out, struct article *a,
                         const struct lay_options *opt)
{
	html_make_body(a);
	lang_article_date(a);
	struct document *doc = document_new(a, opt);
	for (size_t i = 0; i < doc->nlines && !ferror(out); i++) {
		char *text = lay_row_text(doc->lines[i].row, opt->width);
		fputs(text, out);
		putc('\n', out);
		free(text);
	}
	document_free(doc);
}

/* Output to a full disk or a closed pipe fails here at the latest. */
static int finish(FILE *out)
{
	if (fflush(out) != 0 || ferror(out)) {
		warn(_("write error: %s"), strerror(errno));
		return 1;
	}
	return 0;
}

int dump_library(FILE *out, const struct library *lib,
                 const struct lay_options *opt)
{
	for (size_t i = 0; i < lib->narticles && !ferror(out); i++) {
		if (i > 0)
			fputs("\f\n", out);
		dump_article(out, lib->stories[i].page, opt);
	}
	return finish(out);
}

int dump_cache(FILE *out, struct cache *cache, const struct lay_options *opt)
{
	size_t nfeeds;
	struct cache_feed *feeds = cache_feeds(cache, &nfeeds);
	if (!feeds) {
		text_safe_warn(NULL, cache_error(cache));
		return 1;
	}
	int status = 0;
	size_t printed = 0;
	for (size_t f = 0; f < nfeeds && !status && !ferror(out); f++) {
		struct cache_headlines *h = cache_headlines(cache, feeds[f].id);
		if (!h) {
			text_safe_warn(NULL, cache_error(cache));
			status = 1;
			break;
		}
		for (size_t i = 0; i < h->n && !ferror(out); i++) {
			struct article *a =
			        cache_item_article(cache, h->items[i].id);
			if (!a) {
				text_safe_warn(NULL, cache_error(cache));
				status = 1;
				break;
			}
			if (printed++ > 0)
				fputs("\f\n", out);
			dump_article(out, a, opt);
			article_free(a);
		}
		cache_headlines_free(h);
	}
	cache_feeds_free(feeds, nfeeds);
	return finish(out) || status;
}
