/* Laid-out command-line output. */
#include "config.h"

#include "layout/print.h"

#include <fribidi.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <unistr.h>

#include "layout/layout.h"
#include "util/xalloc.h"

static struct {
	bool visual, shaping;
} setting = {true, true};

void lay_print_setup(bool visual, bool shaping)
{
	setting.visual = visual;
	setting.shaping = shaping;
}

enum lay_terminal lay_reordering_terminal(void)
{
	const char *mlterm = getenv("MLTERM");
	const char *konsole = getenv("KONSOLE_VERSION");
	if (mlterm && *mlterm)
		return LAY_TERM_MLTERM;
	if (konsole && *konsole)
		return LAY_TERM_KONSOLE;
	return LAY_TERM_OTHER;
}

/* Whether text has a letter written right to left. */
static bool has_rtl(const char *text)
{
	const uint8_t *s = (const uint8_t *)text;
	ucs4_t c;
	while ((s = u8_next(&c, s)) != NULL)
		if (FRIBIDI_IS_LETTER(fribidi_get_bidi_type(c)) &&
		    FRIBIDI_IS_RTL(fribidi_get_bidi_type(c)))
			return true;
	return false;
}

/* The columns of the terminal out goes to (80 when it does not say);
 * 0 when it is none or when the text goes out as it is. */
static int laid_out_width(FILE *out, const char *text)
{
	struct winsize ws;
	int fd = fileno(out);
	if (!setting.visual || fd < 0 || !isatty(fd) ||
	    lay_reordering_terminal() != LAY_TERM_OTHER || !has_rtl(text))
		return 0;
	return ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col
	                                                        : 80;
}

/* One line (without its newline) as rows of width columns. */
static void print_line(FILE *out, const char *line, size_t len, int width)
{
	struct lay_options opt = lay_options_default();
	opt.width = width;
	opt.shaping = setting.shaping;
	struct lay_paragraph *par = lay_paragraph_new(line, len, &opt);
	for (size_t r = 0; r < par->nrows; r++) {
		char *row = lay_row_text(&par->rows[r], width);
		fprintf(out, "%s\n", row);
		free(row);
	}
	lay_paragraph_free(par);
}

void lay_print(FILE *out, const char *text)
{
	int width = laid_out_width(out, text);
	if (!width) {
		fputs(text, out);
		return;
	}
	fflush(out);
	/* explicit mode: a terminal doing bidi shows the rows as sent */
	fputs("\033[8l", out);
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		print_line(out, p, len, width);
		p += len + (nl != NULL);
	}
	fputs("\033[8h", out);
	fflush(out);
}

void lay_printf(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	lay_print(out, text);
	free(text);
}
