#include "config.h"

#include "dump.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "layout/document.h"
#include "util/die.h"
#include "util/i18n.h"

static void dump_article(FILE *out, const struct article *a,
                         const struct lay_options *opt)
{
	struct document *doc = document_new(a, opt);
	for (size_t i = 0; i < doc->nlines && !ferror(out); i++) {
		char *text = lay_row_text(doc->lines[i].row, opt->width);
		fputs(text, out);
		putc('\n', out);
		free(text);
	}
	document_free(doc);
}

int dump_library(FILE *out, const struct library *lib,
                 const struct lay_options *opt)
{
	for (size_t i = 0; i < lib->narticles && !ferror(out); i++) {
		if (i > 0)
			fputs("\f\n", out);
		dump_article(out, lib->stories[i].page, opt);
	}
	/* Output to a full disk or a closed pipe fails here at the latest. */
	if (fflush(out) != 0 || ferror(out)) {
		warn(_("write error: %s"), strerror(errno));
		return 1;
	}
	return 0;
}
