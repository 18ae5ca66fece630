/* Dates as feeds write them: RFC 822 / RFC 2822 in RSS (pubDate), RFC 3339
 * and W3C-DTF in Atom and Dublin Core (updated, published, dc:date), with
 * the variants real feeds use. */
#ifndef AKHBAR_TEXT_DATE_H
#define AKHBAR_TEXT_DATE_H

#include <stdbool.h>

/* Parse a date of either family.  On success sets *epoch to seconds since
 * the epoch (UTC) and *offset to the zone written with it, in seconds east
 * of UTC (0 for GMT, Z, a missing or unknown zone), and returns true.
 * Accepted besides the standards: a missing or full day name, full month
 * names, 2-digit years, missing seconds, "+03:30" offsets, US and common
 * European, Iranian and Israeli zone names, "GMT+0330", a date without a
 * time, a space for "T", fractions of a second.  Returns false for
 * anything else or for an impossible date (30 February, 25:00). */
bool date_parse(const char *s, long long *epoch, int *offset);

/* The date for display: "2024-03-07 17:35 +0330", the wall-clock time in
 * the zone the feed gave, or "2024-03-07 14:05 UTC" when the offset is 0.
 * The caller frees it. */
char *date_format(long long epoch, int offset);

#endif
