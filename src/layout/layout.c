/* The layout engine: decode, resolve levels over the whole paragraph,
 * shape, break on the logical text, reorder each row, emit cells.  The
 * working arrays are kept per thread and reused, so that a paragraph
 * allocates nothing but its result. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uniwidth.h>

#include "layout/bidi.h"
#include "layout/layout.h"
#include "layout/linebreak.h"
#include "text/ascii.h"
#include "text/decode.h"
#include "util/die.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* What shows for a wide character in a row of one column. */
#define WIDE_SUBSTITUTE 0xFFFD
/* The base a combining mark gets when nothing precedes it in its row. */
#define ORPHAN_BASE 0x25CC
#define ELLIPSIS    0x2026

/* Per character facts, one byte each. */
enum {
	F_WIDTH = 0x03, /* columns of a base character: 1 or 2 */
	F_MARK = 0x10,  /* zero width, not Cf: goes into its base's cell */
	F_SUBST = 0x20, /* too wide for the row: shown as WIDE_SUBSTITUTE */
	F_WS = 0x40,    /* whitespace: hangs at a row's end, not drawn */
	F_DROP = 0x80,  /* never drawn: Cf (ZWNJ, ZWJ, bidi controls, ...)
	                   and the filler a lam-alef ligature leaves */
};

/* One paragraph being laid out.  Its buffers outlive the paragraph: each
 * thread keeps its works and lays out the next paragraph in the same
 * memory, so a paragraph costs no allocation but its result. */
struct work {
	size_t n;      /* code points */
	size_t len;    /* input bytes */
	size_t cap;    /* code points the per character arrays have room for */
	uint32_t *cp;  /* decoded logical text (breaking, levels) */
	uint32_t *off; /* byte offset of each code point */
	FriBidiCharType *types;
	FriBidiLevel *levels; /* paragraph levels */
	uint32_t *shown;      /* what is drawn: shaped, unmirrored */
	uint8_t *info;        /* F_* facts */
	char *brk;            /* LB_* before each code point */
	FriBidiParType base;
	bool visual;
	bool plain; /* no mark: each character drawn makes its own cell */
	/* Row scratch, as long as the longest row so far. */
	size_t rcap;
	FriBidiLevel *rowlev;
	FriBidiStrIndex *map;
	uint32_t *cellof;
	uint8_t *role;
	char *gbrk;
};

/* A thread's works: a headline lays out its cut text in a second one. */
enum { WORK_TEXT, WORK_CUT, NWORKS };

/* Buffers for more code points than this are freed after use, so that
 * one huge paragraph does not keep its memory. */
#define WORK_KEEP (1u << 16)

/* Facts of the characters of the Basic Multilingual Plane, computed once:
 * libunistring's uc_width compares its encoding argument on every call,
 * which would cost more than all the rest of the layout. */
static uint8_t bmp_kind[0x10000];
static pthread_once_t bmp_kind_once = PTHREAD_ONCE_INIT;

static uint8_t kind_of(uint32_t c)
{
	if (uc_is_general_category(c, UC_CATEGORY_Cf))
		return F_DROP;
	int w = uc_width(c, "UTF-8");
	if (w < 0)
		return F_DROP;
	if (w == 0)
		return F_MARK;
	return (uint8_t)(w > 2 ? 2 : w);
}

static void bmp_kind_make(void)
{
	for (uint32_t c = 0; c < 0x10000; c++)
		bmp_kind[c] = kind_of(c);
}

/* The F_WIDTH, F_MARK or F_DROP fact of c; bmp_kind must be made. */
static uint8_t char_kind(uint32_t c)
{
	return c < 0x10000 ? bmp_kind[c] : kind_of(c);
}

struct lay_options lay_options_default(void)
{
	struct lay_options o = {
	        .width = 80,
	        .shaping = true,
	        .visual = true,
	        .direction = LAY_DIR_AUTO,
	};
	return o;
}

/* A paragraph that is one URL or path (`https://...`, `www....`, `/...`)
 * reads left to right whatever letters it holds. */
static bool is_url_or_path(const uint32_t *cp, size_t n)
{
	size_t i = 0, end = n;

	while (i < end && cp[i] == ' ')
		i++;
	while (end > i && cp[end - 1] == ' ')
		end--;
	if (i == end)
		return false;
	for (size_t k = i; k < end; k++)
		if (cp[k] == ' ')
			return false;
	if (cp[i] == '/')
		return true;
	if (end - i >= 4 && (cp[i] | 0x20) == 'w' &&
	    (cp[i + 1] | 0x20) == 'w' && (cp[i + 2] | 0x20) == 'w' &&
	    cp[i + 3] == '.')
		return true;
	/* RFC 3986 scheme, then "://". */
	if (!ascii_is_alpha(cp[i]))
		return false;
	size_t k = i + 1;
	while (k < end && (ascii_is_alpha(cp[k]) || ascii_is_digit(cp[k]) ||
	                   cp[k] == '+' || cp[k] == '-' || cp[k] == '.'))
		k++;
	return end - k >= 3 && cp[k] == ':' && cp[k + 1] == '/' &&
	       cp[k + 2] == '/';
}

static FriBidiParType wanted_base(const uint32_t *cp, size_t n,
                                  const struct lay_options *opt)
{
	switch (opt->direction) {
	case LAY_DIR_LTR:
		return FRIBIDI_PAR_LTR;
	case LAY_DIR_RTL:
		return FRIBIDI_PAR_RTL;
	case LAY_DIR_AUTO:
		break;
	}
	return is_url_or_path(cp, n) ? FRIBIDI_PAR_LTR : FRIBIDI_PAR_ON;
}

/* Make the per character arrays hold n code points (at least one), as one
 * block, the widest elements first so that each array is aligned; what
 * they held is lost. */
static void work_reserve(struct work *w, size_t n)
{
	if (n <= w->cap && w->cap)
		return;
	size_t cap = w->cap * 2 > n ? w->cap * 2 : n ? n : 1;
	free(w->cp);
	char *p = xreallocarray(NULL, cap,
	                        sizeof *w->cp + sizeof *w->off +
	                                sizeof *w->types + sizeof *w->shown +
	                                sizeof *w->levels + sizeof *w->info +
	                                sizeof *w->brk);
	w->cap = cap;
	w->cp = (uint32_t *)p;
	w->off = w->cp + cap;
	w->types = (FriBidiCharType *)(w->off + cap);
	w->shown = (uint32_t *)(w->types + cap);
	w->levels = (FriBidiLevel *)(w->shown + cap);
	w->info = (uint8_t *)(w->levels + cap);
	w->brk = (char *)(w->info + cap);
}

/* Free the buffers of w; it can be used again. */
static void work_release(struct work *w)
{
	free(w->cp);  /* the block of all the per character arrays */
	free(w->map); /* the block of all the row scratch */
	memset(w, 0, sizeof *w);
}

static pthread_key_t works_key;
static pthread_once_t works_once = PTHREAD_ONCE_INIT;

static void works_free(void *p)
{
	struct work *works = p;
	for (int k = 0; k < NWORKS; k++)
		work_release(&works[k]);
	free(works);
}

static void works_key_make(void)
{
	if (pthread_key_create(&works_key, works_free))
		die(_("out of memory"));
}

/* The calling thread's work number k. */
static struct work *work_get(int k)
{
	pthread_once(&works_once, works_key_make);
	struct work *works = pthread_getspecific(works_key);
	if (!works) {
		works = xcalloc(NWORKS, sizeof *works);
		if (pthread_setspecific(works_key, works))
			die(_("out of memory"));
	}
	return &works[k];
}

/* The paragraph in w is laid out: its buffers stay for the next one
 * unless they are huge. */
static void work_done(struct work *w)
{
	if (w->cap > WORK_KEEP || w->rcap > WORK_KEEP)
		work_release(w);
}

/* Decode text into w. */
static void work_decode(struct work *w, const char *text, size_t len)
{
	if (len > UINT32_MAX)
		die(_("paragraph of %zu bytes is too long"), len);
	work_reserve(w, len);
	w->len = len;
	w->n = text_decode(text, len, w->cp, w->off);
}

/* Does the text hold anything Arabic shaping could change? */
static bool needs_shaping(const uint32_t *cp, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((cp[i] >= 0x600 && cp[i] < 0x900) ||
		    (cp[i] >= 0xFB50 && cp[i] < 0xFF00) ||
		    (cp[i] >= 0x10D00 && cp[i] < 0x10D40))
			return true;
	return false;
}

/* The format characters a terminal that shapes and reorders by itself
 * needs to see (non-joiners and joiners, the direction marks): in logical
 * order they go out with the character before them.  The embeddings,
 * overrides and isolates do not: the terminal reorders a whole row as
 * one paragraph, so they would reach the other fields of the row. */
static bool terminal_keeps(uint32_t c)
{
	return c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F ||
	       c == 0x061C;
}

/* Steps 2-4 of the pipeline and the break opportunities: levels over the
 * whole paragraph, Arabic shaping, per character facts. */
static void work_analyze(struct work *w, FriBidiParType base,
                         const struct lay_options *opt)
{
	size_t n = w->n;

	w->visual = opt->visual;
	w->base = base;
	/* shown holds the bracket types until the levels are known. */
	lay_bidi_levels(w->cp, n, &w->base, w->types,
	                (FriBidiBracketType *)w->shown, w->levels);
	memcpy(w->shown, w->cp, n * sizeof *w->shown);
	if (opt->shaping && opt->visual && needs_shaping(w->cp, n)) {
		/* brk holds the joining types until the breaks are known. */
		FriBidiArabicProp *props = (FriBidiArabicProp *)w->brk;
		fribidi_get_joining_types(w->cp, (FriBidiStrIndex)n, props);
		fribidi_join_arabic(w->types, (FriBidiStrIndex)n, w->levels,
		                    props);
		fribidi_shape(FRIBIDI_FLAG_SHAPE_ARAB_PRES |
		                      FRIBIDI_FLAG_SHAPE_ARAB_LIGA,
		              w->levels, (FriBidiStrIndex)n, props, w->shown);
	}
	pthread_once(&bmp_kind_once, bmp_kind_make);
	uint8_t any = 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t k = char_kind(w->shown[i]);
		if (w->types[i] == FRIBIDI_TYPE_WS && !(k & (F_DROP | F_MARK)))
			k |= F_WS;
		if (!w->visual && i > 0 &&
		    !(w->info[i - 1] & (F_DROP | F_WS)) &&
		    terminal_keeps(w->cp[i]))
			k = F_MARK;
		w->info[i] = k;
		any |= k;
	}
	w->plain = !(any & F_MARK);
	lay_linebreaks(w->cp, n, w->brk);
}

/* Make the row scratch hold rows of len code points. */
static void work_row_room(struct work *w, size_t len)
{
	if (len <= w->rcap)
		return;
	size_t cap = w->rcap ? w->rcap : 64;
	while (cap < len)
		cap *= 2;
	w->rcap = cap;
	/* One block, the widest elements first; nothing in it outlives a
	 * row, so it is not copied. */
	free(w->map);
	char *p = xreallocarray(NULL, cap,
	                        sizeof *w->map + sizeof *w->cellof +
	                                sizeof *w->rowlev + sizeof *w->role +
	                                sizeof *w->gbrk);
	w->map = (FriBidiStrIndex *)p;
	w->cellof = (uint32_t *)(w->map + cap);
	w->rowlev = (FriBidiLevel *)(w->cellof + cap);
	w->role = (uint8_t *)(w->rowlev + cap);
	w->gbrk = (char *)(w->role + cap);
}

/* Columns a row takes, counted as it is filled from its logical start:
 * the same rules as the emitter's, so a row that measures as fitting is
 * drawn within the width. */
struct meter {
	int cols;       /* columns of the row so far, hanging spaces not */
	int hang;       /* columns of the whitespace run at the end */
	bool have_base; /* a cell exists a following mark can go into */
	FriBidiLevel base_level;
};

static void meter_start(struct meter *m)
{
	m->cols = 0;
	m->hang = 0;
	m->have_base = false;
	m->base_level = 0;
}

/* Whether the mark at i goes into the cell of the base before it. */
static inline bool mark_attaches(const struct work *w, const struct meter *m,
                                 size_t i)
{
	return m->have_base && (!w->visual || w->levels[i] == m->base_level);
}

/* Columns character i adds to the row when it is not hanging
 * whitespace. */
static inline int char_columns(const struct work *w, const struct meter *m,
                               size_t i)
{
	uint8_t f = w->info[i];

	if (f & F_DROP)
		return 0;
	if (f & F_MARK)
		return mark_attaches(w, m, i) ? 0 : 1;
	if (f & F_SUBST)
		return 1;
	return f & F_WIDTH;
}

/* Add character i, whose columns are cw, to the row. */
static inline void meter_add(const struct work *w, struct meter *m, size_t i,
                             int cw)
{
	uint8_t f = w->info[i];

	if (f & F_WS) {
		m->hang += f & F_WIDTH;
	} else if (!(f & F_DROP)) {
		m->cols += m->hang + cw;
		m->hang = 0;
	}
	if (f & F_DROP || (f & F_MARK && mark_attaches(w, m, i)))
		return;
	m->have_base = true;
	m->base_level = w->levels[i];
}

/* Whether a row ending before c would split a lam-alef ligature: the
 * filler stands in the lam's place, the ligature in the alef's. */
static bool splits_ligature(const struct work *w, size_t c)
{
	return c > 0 && c < w->n && w->shown[c - 1] == 0xFEFF &&
	       w->cp[c - 1] != 0xFEFF;
}

/* The end of a row starting at s where character i (> s) does not fit and
 * no break opportunity came before it: the last grapheme cluster
 * boundary, else the last code point that is not a mark. */
static size_t emergency_end(struct work *w, size_t s, size_t i)
{
	work_row_room(w, i - s + 1);
	u32_grapheme_breaks(w->cp + s, i - s + 1, w->gbrk);
	for (size_t k = i; k > s; k--)
		if (w->gbrk[k - s] && !splits_ligature(w, k))
			return k;
	for (size_t k = i; k > s; k--)
		if (!(w->info[k] & F_MARK) && !splits_ligature(w, k))
			return k;
	return i;
}

/* Where the row that starts at s ends when character i does not fit
 * after the break opportunity best: there, else inside the word at i;
 * SIZE_MAX when i is a wide character alone in a row of one column, which
 * is then drawn as one column. */
static size_t overflow_end(struct work *w, size_t s, size_t i, size_t best)
{
	if (best > s)
		return best;
	if (i > s)
		return emergency_end(w, s, i);
	w->info[i] |= F_SUBST;
	return SIZE_MAX;
}

/* row_end() of a paragraph without marks, where what a character adds to
 * a row does not depend on the characters before it. */
static size_t plain_row_end(struct work *w, size_t s, int width)
{
	int cols = 0, hang = 0;
	size_t best = s;

	for (size_t i = s; i < w->n; i++) {
		if (i > s && w->brk[i] != LB_NONE) {
			if (w->brk[i] == LB_MUST)
				return i;
			best = i;
		}
		uint8_t f = w->info[i];
		if (f & F_WS) {
			hang += f & F_WIDTH;
			continue;
		}
		int cw = f & F_DROP ? 0 : f & F_SUBST ? 1 : f & F_WIDTH;
		if (cols + hang + cw > width) {
			size_t end = overflow_end(w, s, i, best);
			if (end != SIZE_MAX)
				return end;
			cw = 1;
		}
		if (!(f & F_DROP)) {
			cols += hang + cw;
			hang = 0;
		}
	}
	return w->n;
}

/* The end of the row that starts at s, at most width columns wide. */
static size_t row_end(struct work *w, size_t s, int width)
{
	struct meter m;
	size_t best = s;

	if (w->plain)
		return plain_row_end(w, s, width);
	meter_start(&m);
	for (size_t i = s; i < w->n; i++) {
		if (i > s && w->brk[i] == LB_MUST)
			return i;
		if (i > s && w->brk[i] == LB_ALLOW)
			best = i;
		int cw = char_columns(w, &m, i);
		if (!(w->info[i] & F_WS) && m.cols + m.hang + cw > width) {
			size_t end = overflow_end(w, s, i, best);
			if (end != SIZE_MAX)
				return end;
			cw = 1;
		}
		meter_add(w, &m, i, cw);
	}
	return w->n;
}

/* Start of the row's trailing whitespace (and Cf among it). */
static size_t trailing_start(const struct work *w, size_t s, size_t e)
{
	while (e > s && w->info[e - 1] & (F_WS | F_DROP))
		e--;
	return e;
}

enum { ROLE_SKIP, ROLE_CELL, ROLE_MARK };

/* Make the cell of character i, of the row that starts at s; returns its
 * width. */
static inline int make_cell(const struct work *w, size_t s, size_t i,
                            struct lay_cell *c)
{
	uint32_t ch = w->shown[i];
	uint8_t f = w->info[i];

	*c = (struct lay_cell){.offset = w->off[i], .nch = 1};
	if (f & F_MARK) {
		c->ch[0] = ORPHAN_BASE;
		c->ch[1] = ch;
		c->nch = 2;
		c->width = 1;
	} else if (f & F_SUBST) {
		c->ch[0] = WIDE_SUBSTITUTE;
		c->width = 1;
	} else {
		FriBidiChar mirrored;
		/* Only neutrals (class ON) are mirrored characters. */
		if (w->visual && w->rowlev[i - s] & 1 &&
		    w->types[i] == FRIBIDI_TYPE_ON &&
		    fribidi_get_mirror_char(ch, &mirrored))
			ch = mirrored;
		c->ch[0] = ch;
		c->width = f & F_WIDTH;
	}
	return c->width;
}

/* The visual order of the row [s, e) into map, and its levels after
 * rules L1 and L3 into rowlev. */
static void reorder_row(struct work *w, size_t s, size_t e)
{
	if (w->visual)
		lay_bidi_reorder_row(w->types, w->levels, s, e, w->base, true,
		                     w->rowlev, w->map);
	else
		for (size_t i = s; i < e; i++)
			w->map[i - s] = (FriBidiStrIndex)i;
}

/* Emit the row [s, e) of a paragraph without marks into cells: every
 * character but Cf and the trailing whitespace makes a cell of its own. */
static size_t emit_plain_row(struct work *w, size_t s, size_t e,
                             struct lay_cell *cells, int *columns)
{
	size_t t = trailing_start(w, s, e), nc = 0;
	int cols = 0;

	reorder_row(w, s, e);
	for (size_t k = 0; k < e - s; k++) {
		size_t i = (size_t)w->map[k];
		if (i < t && !(w->info[i] & F_DROP))
			cols += make_cell(w, s, i, &cells[nc++]);
	}
	*columns = cols;
	return nc;
}

/* Emit the row [s, e) into cells; returns how many. */
static size_t emit_row(struct work *w, size_t s, size_t e,
                       struct lay_cell *cells, int *columns)
{
	size_t len = e - s, t = trailing_start(w, s, e), nc = 0;
	struct meter m;
	size_t lastb = s;

	work_row_room(w, len);
	if (w->plain)
		return emit_plain_row(w, s, e, cells, columns);
	/* Logical pass: which characters make a cell, which join one. */
	meter_start(&m);
	for (size_t i = s; i < e; i++) {
		uint8_t f = w->info[i];
		uint8_t r;
		if (i >= t || f & F_DROP)
			r = ROLE_SKIP;
		else if (f & F_MARK && mark_attaches(w, &m, i))
			r = ROLE_MARK;
		else
			r = ROLE_CELL;
		w->role[i - s] = r;
		if (r == ROLE_CELL)
			meter_add(w, &m, i, 0);
	}
	reorder_row(w, s, e);
	/* Visual pass: the cells left to right. */
	*columns = 0;
	for (size_t k = 0; k < len; k++) {
		size_t i = (size_t)w->map[k];
		if (w->role[i - s] != ROLE_CELL)
			continue;
		*columns += make_cell(w, s, i, &cells[nc]);
		w->cellof[i - s] = (uint32_t)nc++;
	}
	/* Logical pass: marks into their base's cell, in their order. */
	for (size_t i = s; i < t; i++) {
		uint8_t r = w->role[i - s];
		if (r == ROLE_CELL) {
			lastb = i;
		} else if (r == ROLE_MARK) {
			struct lay_cell *c = &cells[w->cellof[lastb - s]];
			if (c->nch < LAY_CELL_CHARS)
				c->ch[c->nch++] = w->shown[i];
		}
	}
	return nc;
}

static size_t byte_at(const struct work *w, size_t i)
{
	return i < w->n ? w->off[i] : w->len;
}

static bool work_rtl(const struct work *w)
{
	return w->base == FRIBIDI_PAR_RTL;
}

struct lay_paragraph *lay_paragraph_new(const char *text, size_t len,
                                        const struct lay_options *opt)
{
	struct work *w = work_get(WORK_TEXT);
	int width = opt->width < 1 ? 1 : opt->width;

	work_decode(w, text, len);
	work_analyze(w, wanted_base(w->cp, w->n, opt), opt);

	/* Row ends first, kept in the rows' start and end fields as code
	 * point indices until the cells are made. */
	size_t nrows = 0, rcap = 16;
	struct lay_row *rows = xreallocarray(NULL, rcap, sizeof *rows);
	size_t s = 0;
	do {
		size_t e = row_end(w, s, width);
		if (nrows == rcap) {
			rcap *= 2;
			rows = xreallocarray(rows, rcap, sizeof *rows);
		}
		rows[nrows].start = s;
		rows[nrows++].end = e;
		s = e;
	} while (s < w->n);

	/* One block for all rows' cells: a character makes at most one cell,
	 * and the few that make none (hanging spaces, marks, Cf) are not
	 * worth a copy to shrink it. */
	struct lay_cell *cells =
	        xreallocarray(NULL, w->n ? w->n : 1, sizeof *cells);
	size_t nc = 0;
	for (size_t r = 0; r < nrows; r++) {
		size_t rs = rows[r].start, re = rows[r].end;
		int cols;
		rows[r].cells = cells + nc;
		rows[r].ncells = emit_row(w, rs, re, cells + nc, &cols);
		rows[r].columns = cols;
		rows[r].align_right = w->visual && work_rtl(w);
		rows[r].start = byte_at(w, rs);
		rows[r].end = byte_at(w, re);
		nc += rows[r].ncells;
	}
	struct lay_paragraph *par = xmalloc(sizeof *par);
	par->rows = rows;
	par->nrows = nrows;
	par->rtl = work_rtl(w);
	par->width = width;
	work_done(w);
	return par;
}

void lay_paragraph_free(struct lay_paragraph *par)
{
	if (!par)
		return;
	/* All rows' cells are one block, starting with the first row's. */
	free(par->rows[0].cells);
	free(par->rows);
	free(par);
}

/* Emit [0, n) of w as one row; the caller knows it fits. */
static struct lay_row *single_row(struct work *w, size_t end_byte)
{
	struct lay_row *row = xcalloc(1, sizeof *row);
	int cols;

	row->cells = xreallocarray(NULL, w->n ? w->n : 1, sizeof *row->cells);
	row->ncells = emit_row(w, 0, w->n, row->cells, &cols);
	row->columns = cols;
	row->align_right = w->visual && work_rtl(w);
	row->start = 0;
	row->end = end_byte;
	return row;
}

/* Where to cut a headline so that it and an ellipsis fit in width: the
 * last grapheme cluster boundary within width - 1 columns. */
static size_t headline_cut(struct work *w, int width)
{
	struct meter m;
	size_t cut = 0;

	work_row_room(w, w->n + 1);
	u32_grapheme_breaks(w->cp, w->n, w->gbrk);
	meter_start(&m);
	for (size_t i = 0; i < w->n; i++) {
		if (i > 0 && w->gbrk[i] && !splits_ligature(w, i))
			cut = i;
		int cw = char_columns(w, &m, i);
		if (!(w->info[i] & F_WS) && m.cols + m.hang + cw > width - 1)
			break;
		meter_add(w, &m, i, cw);
	}
	while (cut > 0 && w->info[cut - 1] & F_WS)
		cut--;
	return cut;
}

struct lay_row *lay_headline_new(const char *text, size_t len,
                                 const struct lay_options *opt)
{
	struct work *w = work_get(WORK_TEXT);
	int width = opt->width < 1 ? 1 : opt->width;

	work_decode(w, text, len);
	work_analyze(w, wanted_base(w->cp, w->n, opt), opt);
	if (row_end(w, 0, width) == w->n) {
		bool substituted = false;
		for (size_t i = 0; i < w->n; i++)
			substituted |= (w->info[i] & F_SUBST) != 0;
		if (!substituted) {
			struct lay_row *row = single_row(w, len);
			work_done(w);
			return row;
		}
	}

	/* Too long: the logical text up to the cut, then an ellipsis, laid
	 * out again in the direction the whole headline has. */
	size_t cut = headline_cut(w, width);
	struct work *t = work_get(WORK_CUT);
	work_reserve(t, cut + 1);
	t->len = len;
	t->n = cut + 1;
	memcpy(t->cp, w->cp, cut * sizeof *t->cp);
	memcpy(t->off, w->off, cut * sizeof *t->off);
	t->cp[cut] = ELLIPSIS;
	t->off[cut] = (uint32_t)byte_at(w, cut);
	work_analyze(t, w->base, opt);
	struct lay_row *row = single_row(t, byte_at(w, cut));
	work_done(t);
	work_done(w);
	return row;
}

void lay_row_free(struct lay_row *row)
{
	if (!row)
		return;
	free(row->cells);
	free(row);
}

/* The range holding byte off, by bisection, or NULL. */
static const struct text_range *range_at(const struct text_range *ranges,
                                         size_t n, size_t off)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ranges[mid].end <= off)
			lo = mid + 1;
		else if (ranges[mid].start > off)
			hi = mid;
		else
			return &ranges[mid];
	}
	return NULL;
}

size_t lay_row_mark_ranges(const struct lay_row *row,
                           const struct text_range *ranges, size_t nranges,
                           bool *marked)
{
	size_t count = 0;
	for (size_t i = 0; i < row->ncells; i++) {
		marked[i] =
		        range_at(ranges, nranges, row->cells[i].offset) != NULL;
		count += marked[i];
	}
	return count;
}

/* Append the UTF-8 of c to p; returns the end. */
static char *put_utf8(char *p, uint32_t c)
{
	if (c < 0x80) {
		*p++ = (char)c;
	} else if (c < 0x800) {
		*p++ = (char)(0xC0 | (c >> 6));
		*p++ = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		*p++ = (char)(0xE0 | (c >> 12));
		*p++ = (char)(0x80 | ((c >> 6) & 0x3F));
		*p++ = (char)(0x80 | (c & 0x3F));
	} else {
		*p++ = (char)(0xF0 | (c >> 18));
		*p++ = (char)(0x80 | ((c >> 12) & 0x3F));
		*p++ = (char)(0x80 | ((c >> 6) & 0x3F));
		*p++ = (char)(0x80 | (c & 0x3F));
	}
	return p;
}

char *lay_row_text(const struct lay_row *row, int width)
{
	int pad = row->align_right && width > row->columns
	                  ? width - row->columns
	                  : 0;
	char *buf = xreallocarray(
	        NULL, (size_t)pad + row->ncells * LAY_CELL_CHARS * 4 + 1, 1);
	char *p = buf;

	memset(p, ' ', (size_t)pad);
	p += pad;
	for (size_t k = 0; k < row->ncells; k++)
		for (int j = 0; j < row->cells[k].nch; j++)
			p = put_utf8(p, row->cells[k].ch[j]);
	/* Leading spaces of an RTL paragraph end up on the right. */
	while (p > buf && p[-1] == ' ')
		p--;
	*p = '\0';
	return buf;
}

uint8_t *lay_paragraph_levels(const char *text, size_t len,
                              const struct lay_options *opt, size_t *n)
{
	struct work *w = work_get(WORK_TEXT);

	work_decode(w, text, len);
	work_analyze(w, wanted_base(w->cp, w->n, opt), opt);
	uint8_t *levels = xreallocarray(NULL, w->n ? w->n : 1, 1);
	for (size_t i = 0; i < w->n; i++)
		levels[i] = w->levels[i];
	*n = w->n;
	work_done(w);
	return levels;
}
