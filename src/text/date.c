#include "config.h"

#include "text/date.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

struct date {
	int year, month, day; /* month 1..12 */
	int hour, min, sec;
	int offset; /* seconds east of UTC */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Read exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit((*p)[i]))
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
	while (is_digit(s[n]))
		n++;
	if (n == 4) {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		m = (s[2] - '0') * 10 + (s[3] - '0');
	} else if (n == 1 || n == 2) {
		h = n == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
		if (s[n] == ':' && is_digit(s[n + 1]) && is_digit(s[n + 2])) {
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
	while (is_space(*p))
		p++;
	return *p == '\0';
}

/* RFC 3339 and W3C-DTF: YYYY[-MM[-DD[(T| )hh:mm[:ss[.frac]][zone]]]]. */
static bool parse_iso(const char *p, struct date *d)
{
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
	if ((*p == 'T' || *p == 't' || *p == ' ') && is_digit(p[1])) {
		p++;
		if (!digits(&p, 2, &d->hour) || *p++ != ':' ||
		    !digits(&p, 2, &d->min))
			return false;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &d->sec))
				return false;
			if (*p == '.' || *p == ',') {
				p++;
				if (!is_digit(*p))
					return false;
				while (is_digit(*p))
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

/* Zone names seen in feeds.  Ambiguous ones (IST: India, Israel or
 * Ireland; AST: Atlantic or Arabia) are left out and count as unknown. */
static const struct {
	const char *name;
	int minutes;
} zones[] = {
        {"UT", 0},     {"UTC", 0},    {"GMT", 0},    {"Z", 0},
        {"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
        {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
        {"WET", 0},    {"WEST", 60},  {"BST", 60},   {"CET", 60},
        {"CEST", 120}, {"MET", 60},   {"MEST", 120}, {"EET", 120},
        {"EEST", 180}, {"MSK", 180},  {"TRT", 180},  {"IDT", 180},
        {"IRST", 210}, {"IRDT", 270}, {"AFT", 270},  {"PKT", 300},
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

/* RFC 822 / RFC 2822 and the shapes real feeds give it: an optional day
 * name, day and month in either order, a 2- or 4-digit year before or
 * after the time, and a numeric or named zone, or none. */
static bool parse_rfc822(const char *p, struct date *d)
{
	*d = (struct date){0};
	int month = -1, nnum = 0, nums[2] = {0, 0}, numlen[2] = {0, 0};
	bool have_time = false, have_zone = false;

	for (;;) {
		while (is_space(*p) || *p == ',')
			p++;
		if (*p == '\0' || *p == '(') /* "(Iran Standard Time)" */
			break;
		if (is_alpha(*p)) {
			const char *w = p;
			while (is_alpha(*p))
				p++;
			size_t len = (size_t)(p - w);
			if (*p == '.') /* "Sept." */
				p++;
			int m = name_index(w, len, month_names, 12);
			if (m >= 0 && month < 0 && !have_time) {
				month = m;
				continue;
			}
			if (!have_time && name_index(w, len, day_names, 7) >= 0)
				continue;
			if (!have_time || have_zone)
				return false;
			/* A zone name; an unknown one counts as UTC, as RFC
			 * 2822 says of the military letters. */
			have_zone = true;
			for (size_t i = 0; i < sizeof zones / sizeof *zones;
			     i++)
				if (strlen(zones[i].name) == len &&
				    strncasecmp(w, zones[i].name, len) == 0)
					d->offset = zones[i].minutes * 60;
			/* "GMT+0330": the offset that follows wins. */
			if ((*p == '+' || *p == '-') && is_digit(p[1]) &&
			    !parse_offset(&p, &d->offset))
				return false;
			continue;
		}
		if ((*p == '+' || *p == '-') && is_digit(p[1]) && have_time) {
			if (have_zone || !parse_offset(&p, &d->offset))
				return false;
			have_zone = true;
			continue;
		}
		if (*p == '-' || *p == '/') { /* "07-Mar-2024" */
			p++;
			continue;
		}
		if (!is_digit(*p))
			return false;
		const char *start = p;
		int v = 0;
		while (is_digit(*p) && p - start < 5)
			v = v * 10 + (*p++ - '0');
		if (is_digit(*p))
			return false;
		if (*p == ':') {
			if (have_time)
				return false;
			d->hour = v;
			p++;
			if (!digits(&p, 2, &d->min))
				return false;
			if (*p == ':') {
				p++;
				if (!digits(&p, 2, &d->sec))
					return false;
				if (*p == '.' && is_digit(p[1]))
					for (p++; is_digit(*p); p++)
						;
			}
			have_time = true;
			continue;
		}
		if (nnum == 2 || have_zone)
			return false;
		numlen[nnum] = (int)(p - start);
		nums[nnum++] = v;
	}
	if (month < 0 || nnum != 2)
		return false;
	/* Day then year, unless the first is the 4-digit one. */
	int day = nums[0], year = nums[1], ylen = numlen[1];
	if (numlen[0] >= 3) {
		day = nums[1];
		year = nums[0];
		ylen = numlen[0];
	}
	if (ylen == 2)
		year += year < 50 ? 2000 : 1900;
	else if (ylen == 3)
		year += 1900;
	else if (ylen != 4)
		return false;
	d->year = year;
	d->month = month + 1;
	d->day = day;
	return date_valid(d);
}

bool date_parse(const char *s, long long *epoch, int *offset)
{
	if (!s)
		return false;
	while (is_space(*s))
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
