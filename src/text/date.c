#include "config.h"

#include "text/date.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "text/ascii.h"
#include "util/xalloc.h"

struct date {
	int year, month, day; /* month 1..12 */
	int hour, min, sec;
	int offset; /* seconds east of UTC */
};

/* Read exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!ascii_is_digit((*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

/* Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil), so no time zone or libc table is involved. */
static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : n[m - 1];
}

static bool date_valid(const struct date *d)
{
	return d->year >= 1 && d->year <= 9999 && d->month >= 1 &&
	       d->month <= 12 && d->day >= 1 &&
	       d->day <= days_in_month(d->year, d->month) && d->hour >= 0 &&
	       d->hour <= 23 && d->min >= 0 && d->min <= 59 && d->sec >= 0 &&
	       d->sec <= 60;
}

static long long date_epoch(const struct date *d)
{
	/* A leap second counts as the last second of its minute. */
	int sec = d->sec == 60 ? 59 : d->sec;
	return days_from_civil(d->year, d->month, d->day) * 86400LL +
	       d->hour * 3600LL + d->min * 60LL + sec - d->offset;
}

/* "+0330", "+03:30", "+03", "-5": hours and optional minutes after a sign.
 * *p is at the sign. */
static bool parse_offset(const char **p, int *offset)
{
	int sign = **p == '-' ? -1 : 1;
	const char *s = *p + 1;
	int h = 0, m = 0, n = 0;
	while (ascii_is_digit(s[n]))
		n++;
	if (n == 4) {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		m = (s[2] - '0') * 10 + (s[3] - '0');
	} else if (n == 1 || n == 2) {
		h = n == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
		if (s[n] == ':' && ascii_is_digit(s[n + 1]) &&
		    ascii_is_digit(s[n + 2])) {
			m = (s[n + 1] - '0') * 10 + (s[n + 2] - '0');
			n += 3;
		}
	} else {
		return false;
	}
	if (h > 23 || m > 59)
		return false;
	*offset = sign * (h * 3600 + m * 60);
	*p = s + n;
	return true;
}

static bool only_space(const char *p)
{
	while (ascii_is_space(*p))
		p++;
	return *p == '\0';
}

/* ISO 8601's basic format: YYYYMMDD[Thh[mm[ss]]][zone]. */
static bool parse_iso_basic(const char *p, struct date *d)
{
	*d = (struct date){0};
	if (!digits(&p, 4, &d->year) || !digits(&p, 2, &d->month) ||
	    !digits(&p, 2, &d->day))
		return false;
	if (*p == 'T' || *p == 't') {
		p++;
		if (!digits(&p, 2, &d->hour))
			return false;
		if (digits(&p, 2, &d->min))
			digits(&p, 2, &d->sec);
	}
	if (*p == 'Z' || *p == 'z')
		p++;
	else if ((*p == '+' || *p == '-') && !parse_offset(&p, &d->offset))
		return false;
	return only_space(p) && date_valid(d);
}

/* RFC 3339 and W3C-DTF, and the ISO 8601 shapes feeds cut them to:
 * YYYY[-MM[-DD[(T| )hh[:mm[:ss[.frac]]][zone]]]]. */
static bool parse_iso(const char *p, struct date *d)
{
	if (parse_iso_basic(p, d))
		return true;
	*d = (struct date){.month = 1, .day = 1};
	if (!digits(&p, 4, &d->year))
		return false;
	if (*p == '-') {
		p++;
		if (!digits(&p, 2, &d->month))
			return false;
		if (*p == '-') {
			p++;
			if (!digits(&p, 2, &d->day))
				return false;
		}
	}
	if ((*p == 'T' || *p == 't' || *p == ' ') && ascii_is_digit(p[1])) {
		p++;
		if (!digits(&p, 2, &d->hour))
			return false;
		if (*p == ':' && (p++, !digits(&p, 2, &d->min)))
			return false;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &d->sec))
				return false;
			if (*p == '.' || *p == ',') {
				p++;
				if (!ascii_is_digit(*p))
					return false;
				while (ascii_is_digit(*p))
					p++;
			}
		}
		while (*p == ' ')
			p++;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			if (!parse_offset(&p, &d->offset))
				return false;
		} else if (strncasecmp(p, "UTC", 3) == 0 ||
		           strncasecmp(p, "GMT", 3) == 0) {
			p += 3;
		}
	}
	return only_space(p) && date_valid(d);
}

static const char *const month_names[] = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december",
};

static const char *const day_names[] = {
        "monday", "tuesday",  "wednesday", "thursday",
        "friday", "saturday", "sunday",
};

/* Zone names seen in feeds, and the US ones without S or D (ET, CT, ...)
 * that RFC 822 parsers read too.  Ambiguous ones (IST: India, Israel or
 * Ireland; AST: Atlantic or Arabia) are left out and count as unknown. */
static const struct {
	const char *name;
	int minutes;
} zones[] = {
        {"UT", 0},     {"UTC", 0},    {"GMT", 0},     {"Z", 0},
        {"EST", -300}, {"EDT", -240}, {"CST", -360},  {"CDT", -300},
        {"MST", -420}, {"MDT", -360}, {"PST", -480},  {"PDT", -420},
        {"AT", -240},  {"ADT", -180}, {"ET", -300},   {"CT", -360},
        {"MT", -420},  {"PT", -480},  {"AKST", -540}, {"AKDT", -480},
        {"HST", -600}, {"WET", 0},    {"WEST", 60},   {"BST", 60},
        {"CET", 60},   {"CEST", 120}, {"MET", 60},    {"MEST", 120},
        {"EET", 120},  {"EEST", 180}, {"MSK", 180},   {"TRT", 180},
        {"IDT", 180},  {"IRST", 210}, {"IRDT", 270},  {"AFT", 270},
        {"PKT", 300},
};

/* Index of a month or day name in names[] when word is its first three
 * letters or more of it ("Sep", "Sept", "September"), else -1. */
static int name_index(const char *word, size_t len, const char *const *names,
                      size_t n)
{
	if (len < 3)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (len <= strlen(names[i]) &&
		    strncasecmp(word, names[i], len) == 0)
			return (int)i;
	return -1;
}

/* The offset of a zone name in seconds east of UTC; an unknown one counts
 * as UTC, as RFC 2822 says of the military letters. */
static int zone_offset(const char *word, size_t len)
{
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
		if (strlen(zones[i].name) == len &&
		    strncasecmp(word, zones[i].name, len) == 0)
			return zones[i].minutes * 60;
	return 0;
}

/* The tokens of an RFC 822 date as feeds write it.  Which token a piece
 * of text is depends only on the text, except for a sign: after the time
 * it starts an offset, before it a '-' separates ("07-Mar-2024"). */
enum token_kind {
	TOKEN_END,       /* the end, or a comment: "(Iran Standard Time)" */
	TOKEN_MONTH,     /* "Mar", "Sept.", "March" */
	TOKEN_DAY,       /* "Thu", "Thursday" */
	TOKEN_ZONE,      /* any other word: "GMT", "EST", "XYZ" */
	TOKEN_OFFSET,    /* "+0330", "-05:00", "+3" */
	TOKEN_TIME,      /* "14:05", "14:05:00", "14:05:00.25" */
	TOKEN_NUMBER,    /* 1 to 5 digits: the day or the year */
	TOKEN_SEPARATOR, /* '-' or '/' between the day, month and year */
	TOKEN_BAD,       /* anything else */
};

/* A token and what it says; its handler may take more text (see
 * on_zone()). */
struct token {
	enum token_kind kind;
	const char *text; /* a word's letters, a number's digits */
	size_t len;
	const char *end; /* where the next token starts */
	int value;       /* a month's or day's index, an offset, a number,
	                    the hour of a time */
	int min, sec;    /* of a time */
};

/* A word, and the '.' of an abbreviation after it ("Sept."). */
static void lex_word(const char *p, struct token *t)
{
	t->text = p;
	while (ascii_is_alpha(*p))
		p++;
	t->len = (size_t)(p - t->text);
	t->end = *p == '.' ? p + 1 : p;
	if ((t->value = name_index(t->text, t->len, month_names, 12)) >= 0)
		t->kind = TOKEN_MONTH;
	else if ((t->value = name_index(t->text, t->len, day_names, 7)) >= 0)
		t->kind = TOKEN_DAY;
	else
		t->kind = TOKEN_ZONE;
}

/* ":mm[:ss[.frac]]" after the hour. */
static void lex_time(const char *p, struct token *t)
{
	t->kind = TOKEN_BAD;
	if (*p++ != ':' || !digits(&p, 2, &t->min))
		return;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &t->sec))
			return;
		if (*p == '.' && ascii_is_digit(p[1]))
			for (p++; ascii_is_digit(*p); p++)
				;
	}
	t->kind = TOKEN_TIME;
	t->end = p;
}

/* A number of up to 5 digits, or the hour of a time. */
static void lex_number(const char *p, struct token *t)
{
	t->text = p;
	t->value = 0;
	while (ascii_is_digit(*p) && p - t->text < 5)
		t->value = t->value * 10 + (*p++ - '0');
	t->len = (size_t)(p - t->text);
	t->end = p;
	if (ascii_is_digit(*p))
		t->kind = TOKEN_BAD;
	else if (*p == ':')
		lex_time(p, t);
	else
		t->kind = TOKEN_NUMBER;
}

/* The token at p, after spaces and commas. */
static void next_token(const char *p, bool after_time, struct token *t)
{
	*t = (struct token){.kind = TOKEN_BAD};
	while (ascii_is_space(*p) || *p == ',')
		p++;
	t->text = t->end = p;
	if (*p == '\0' || *p == '(')
		t->kind = TOKEN_END;
	else if (ascii_is_alpha(*p))
		lex_word(p, t);
	else if (ascii_is_digit(*p))
		lex_number(p, t);
	else if ((*p == '+' || *p == '-') && ascii_is_digit(p[1]) &&
	         after_time) {
		if (parse_offset(&t->end, &t->value))
			t->kind = TOKEN_OFFSET;
	} else if (*p == '-' || *p == '/') {
		t->kind = TOKEN_SEPARATOR;
		t->end = p + 1;
	}
}

/* What an RFC 822 date has given so far. */
struct rfc822 {
	struct date *d;
	int month; /* 0..11, -1 before the month */
	int nnum;  /* the day and the year, in the order written */
	int nums[2], numlen[2];
	bool have_time, have_zone;
};

/* After the time, any word is a zone name.  A numeric offset right after
 * it ("GMT+0330") wins. */
static bool on_zone(struct rfc822 *r, struct token *t)
{
	if (!r->have_time || r->have_zone)
		return false;
	r->have_zone = true;
	r->d->offset = zone_offset(t->text, t->len);
	if ((*t->end == '+' || *t->end == '-') && ascii_is_digit(t->end[1]))
		return parse_offset(&t->end, &r->d->offset);
	return true;
}

/* The month, once and before the time; after the time a month's or a
 * day's name is a zone name. */
static bool on_month(struct rfc822 *r, struct token *t)
{
	if (r->month >= 0 || r->have_time)
		return on_zone(r, t);
	r->month = t->value;
	return true;
}

static bool on_day(struct rfc822 *r, struct token *t)
{
	return r->have_time ? on_zone(r, t) : true;
}

static bool on_offset(struct rfc822 *r, struct token *t)
{
	if (r->have_zone)
		return false;
	r->have_zone = true;
	r->d->offset = t->value;
	return true;
}

static bool on_time(struct rfc822 *r, struct token *t)
{
	if (r->have_time)
		return false;
	r->have_time = true;
	r->d->hour = t->value;
	r->d->min = t->min;
	r->d->sec = t->sec;
	return true;
}

/* The day and the year, in either order; after the zone only a 4-digit
 * year ("Sun Jul 15 01:16:00 +0000 2012"). */
static bool on_number(struct rfc822 *r, struct token *t)
{
	if (r->nnum == 2 || (r->have_zone && (r->nnum != 1 || t->len != 4)))
		return false;
	r->numlen[r->nnum] = (int)t->len;
	r->nums[r->nnum++] = t->value;
	return true;
}

static bool on_separator(struct rfc822 *r, struct token *t)
{
	(void)r;
	(void)t;
	return true;
}

static bool on_bad(struct rfc822 *r, struct token *t)
{
	(void)r;
	(void)t;
	return false;
}

/* What each token does to the date, by its kind (not TOKEN_END). */
static bool (*const token_handlers[])(struct rfc822 *, struct token *) = {
        [TOKEN_MONTH] = on_month,         [TOKEN_DAY] = on_day,
        [TOKEN_ZONE] = on_zone,           [TOKEN_OFFSET] = on_offset,
        [TOKEN_TIME] = on_time,           [TOKEN_NUMBER] = on_number,
        [TOKEN_SEPARATOR] = on_separator, [TOKEN_BAD] = on_bad,
};

/* The day and the year from the two numbers: day then year, unless the
 * first is the 4-digit one; a 2-digit year is 1950..2049, a 3-digit one
 * counts from 1900. */
static bool day_and_year(const struct rfc822 *r)
{
	int day = r->nums[0], year = r->nums[1], ylen = r->numlen[1];
	if (r->numlen[0] >= 3) {
		day = r->nums[1];
		year = r->nums[0];
		ylen = r->numlen[0];
	}
	if (ylen == 2)
		year += year < 50 ? 2000 : 1900;
	else if (ylen == 3)
		year += 1900;
	else if (ylen != 4)
		return false;
	r->d->year = year;
	r->d->day = day;
	return true;
}

/* RFC 822 / RFC 2822 and the shapes real feeds give it: an optional day
 * name, day and month in either order, a 2- or 4-digit year before or
 * after the time, and a numeric or named zone, or none. */
static bool parse_rfc822(const char *p, struct date *d)
{
	*d = (struct date){0};
	struct rfc822 r = {.d = d, .month = -1};
	struct token t;
	for (next_token(p, false, &t); t.kind != TOKEN_END;
	     next_token(t.end, r.have_time, &t))
		if (!token_handlers[t.kind](&r, &t))
			return false;
	if (r.month < 0 || r.nnum != 2 || !day_and_year(&r))
		return false;
	d->month = r.month + 1;
	return date_valid(d);
}

bool date_parse(const char *s, long long *epoch, int *offset)
{
	if (!s)
		return false;
	while (ascii_is_space(*s))
		s++;
	struct date d;
	if (!parse_iso(s, &d) && !parse_rfc822(s, &d))
		return false;
	*epoch = date_epoch(&d);
	*offset = d.offset;
	return true;
}

char *date_format(long long epoch, int offset)
{
	long long t = epoch + offset;
	long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	long long secs = t - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60);
	if (offset == 0)
		return xasprintf("%04d-%02d-%02d %02d:%02d UTC", y, m, d, hh,
		                 mm);
	int a = offset < 0 ? -offset : offset;
	return xasprintf("%04d-%02d-%02d %02d:%02d %c%02d%02d", y, m, d, hh, mm,
	                 offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}
