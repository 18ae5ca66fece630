/* Feed dates: RFC 822 and its real-world variants, RFC 3339, and the
 * display form. */
#include "config.h"

#include <stdlib.h>

#include "check.h"
#include "text/date.h"

static const struct {
	const char *in;
	long long epoch;
	int offset;
} good[] = {
        {"Thu, 07 Mar 2024 17:35:00 +0330", 1709820300LL, 12600},
        {"Thu, 07 Mar 2024 14:05:00 GMT", 1709820300LL, 0},
        {"Thu, 07 Mar 2024 09:05:00 EST", 1709820300LL, -18000},
        {"Sun, 07 Jul 2024 10:05:00 EDT", 1720361100LL, -14400},
        {"7 Mar 2024 14:05 +0000", 1709820300LL, 0},
        {"Thursday, 07-Mar-24 14:05:00 UT", 1709820300LL, 0},
        {"Thu, 7 March 2024 16:05:00 +02:00", 1709820300LL, 7200},
        {"Thu Mar 07 2024 17:35:00 GMT+0330 (Iran Standard Time)", 1709820300LL,
         12600},
        {"Thu Mar  7 14:05:00 2024", 1709820300LL, 0},
        {"Mon, 01 Jan 99 00:00:00 PST", 915177600LL, -28800},
        {"Tue, 20 Mar 2024 23:59:60 Z", 1710979199LL, 0},
        {"Wed, 06 Mar 2024 01:00:00 -0930", 1709721000LL, -34200},
        {"Thu, 29 Feb 2024 12:00:00 IRST", 1709195400LL, 12600},
        {"Fri, 08 Mar 2024 12:00:00 IDT", 1709888400LL, 10800},
        {"Fri, 08 Mar 2024 12:00:00 CEST", 1709892000LL, 7200},
        {"Fri, 08 Mar 2024 12:00:00 XYZ", 1709899200LL, 0},
        {"3 Sept 2024 08:00 GMT", 1725350400LL, 0},
        {"thu, 07 mar 2024 14:05:00 gmt", 1709820300LL, 0},
        {"Thu, 2024 Mar 07 14:05:00 GMT", 1709820300LL, 0},
        {"Thu, 07 Mar 124 14:05:00 GMT", 1709820300LL, 0},
        {"07/Mar/2024 14:05 Z", 1709820300LL, 0},
        {"Thu, 07 Mar 2024 09:05:00.5 -0500", 1709820300LL, -18000},
        {"Thu, 07 Mar 2024 10:35:00 GMT-03:30", 1709820300LL, -12600},
        {"2024-03-07T14:05:00Z", 1709820300LL, 0},
        {"2024-03-07T17:35:00+03:30", 1709820300LL, 12600},
        {"2024-03-07t09:05:00.123456-05:00", 1709820300LL, -18000},
        {"2024-03-07 17:35:00+0330", 1709820300LL, 12600},
        {"2024-03-07T14:05Z", 1709820300LL, 0},
        {"2024-03-07T14:05:00", 1709820300LL, 0},
        {"2024-03-07", 1709769600LL, 0},
        {"2024-03", 1709251200LL, 0},
        {"1969-12-31T23:59:59Z", -1LL, 0},
        {"2000-02-29T00:00:00+13:00", 951735600LL, 46800},
        {"  \n  Thu, 07 Mar 2024 14:05:00 GMT  ", 1709820300LL, 0},
        /* US zones without S or D, and Atlantic daylight time */
        {"Thu, 07 Mar 2024 09:05:00 ET", 1709820300LL, -18000},
        {"Thu, 07 Mar 2024 08:05:00 CT", 1709820300LL, -21600},
        {"Thu, 07 Mar 2024 07:05:00 MT", 1709820300LL, -25200},
        {"Thu, 07 Mar 2024 06:05:00 pt", 1709820300LL, -28800},
        {"Thu, 07 Mar 2024 10:05:00 AT", 1709820300LL, -14400},
        {"Thu, 07 Mar 2024 11:05:00 ADT", 1709820300LL, -10800},
        /* the year after the zone */
        {"Sun Jul 15 01:16:00 +0000 2012", 1342314960LL, 0},
        /* ISO 8601 cut short, or in its basic format */
        {"2024-03-07T14Z", 1709820000LL, 0},
        {"2024-03-07T17+03:30", 1709820000LL - 1800, 12600},
        {"20240307", 1709769600LL, 0},
        {"20240307T1405Z", 1709820300LL, 0},
        {"20240307T140500-0500", 1709820300LL + 18000, -18000},
};

static const char *const bad[] = {
        "",
        "garbage",
        "Thu, 30 Feb 2024 10:00:00 GMT",
        "Thu, 29 Feb 2023 10:00:00 GMT",
        "2024-13-01",
        "2024-02-30T00:00:00Z",
        "2024-03-07T25:00:00Z",
        "2024-03-07T10:60:00Z",
        "2024-03-07T14:05:00+25:00",
        "2024-03-07T14:05:00 nonsense",
        "Thu, 07 Foo 2024 10:00 GMT",
        "07 Mar",
        "Mar 2024",
        "Thu, 07 Mar 2024 14:05:00 GMT junk",
        "Thu, 07 Mar 123456 14:05:00 GMT",
        "Thu, 07 Mar 2024 14:05:00 GMT EST",
        "Thu, 07 Mar 2024 14:05:00 +0000 GMT",
        "Thu, 07 Mar 2024 14:05:00 +0000 24",
        "2024030",
        "20241307",
        "Thu, 07 Mar 2024 14:05:00 GMT+2500",
        "Thu, 07 Mar 2024 14:05 14:06 GMT",
        "Thu, 07 Mar Apr 2024 14:05 GMT",
        "07 Mar 2024 1999 14:05 GMT",
        "+0330 07 Mar 2024 14:05",
        "\xDB\xB1\xDB\xB4\xDB\xB0\xDB\xB2/\xDB\xB1\xDB\xB2/\xDB\xB1\xDB\xB7",
};

static const struct {
	long long epoch;
	int offset;
	const char *out;
} shown[] = {
        {1709820300LL, 12600, "2024-03-07 17:35 +0330"},
        {1709820300LL, 0, "2024-03-07 14:05 UTC"},
        {1709820300LL, -18000, "2024-03-07 09:05 -0500"},
        {-1LL, 0, "1969-12-31 23:59 UTC"},
        {0LL, -34200, "1969-12-31 14:30 -0930"},
        {951735600LL, 46800, "2000-02-29 00:00 +1300"},
};

int main(void)
{
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		long long epoch = 42;
		int offset = 42;
		bool ok = date_parse(good[i].in, &epoch, &offset);
		CHECK(ok, "\"%s\" not parsed", good[i].in);
		CHECK(!ok || epoch == good[i].epoch,
		      "\"%s\": epoch %lld, want %lld", good[i].in, epoch,
		      good[i].epoch);
		CHECK(!ok || offset == good[i].offset,
		      "\"%s\": offset %d, want %d", good[i].in, offset,
		      good[i].offset);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		long long epoch;
		int offset;
		CHECK(!date_parse(bad[i], &epoch, &offset),
		      "\"%s\" parsed as %lld", bad[i], epoch);
	}
	CHECK(!date_parse(NULL, NULL, NULL), "NULL parsed");
	for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
		char *s = date_format(shown[i].epoch, shown[i].offset);
		CHECK_STR(s, shown[i].out, "date_format");
		free(s);
	}
	return check_result("test-date");
}
