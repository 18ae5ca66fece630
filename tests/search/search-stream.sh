#!/bin/sh
# akhbar --search prints its first lines as it finds them: over a cache
# of 30,000 headlines, 27,000 with the word, the first line is out while
# the search is still reading the cache, and the lines come newest first;
# a reader that stops after one line (head -n 1) ends it, with no message,
# whether the broken pipe is a signal or an error to akhbar.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-search-stream-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

# The feed lists its items out of date order (item i is k minutes after
# the first of January, k = i * 7919 mod n), so the cache's order is not
# the dates'; one item in ten lacks the word.
n=30000
awk -v n=$n 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	print "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Many</title>"
	for (i = 0; i < n; i++) {
		k = (i * 7919) % n
		title = i % 10 ? "گزارش " i " از ایران" : "گزارش " i " از عمان"
		printf "<entry><title>%s</title><id>m-%d</id>", title, i
		printf "<link href=\"https://m.example/%d\"/>", i
		printf "<updated>2024-01-%02dT%02d:%02d:00Z</updated></entry>\n",
			1 + int(k / 1440), int(k % 1440 / 60), k % 60
	}
	print "</feed>"
}' >"$tmp/many.xml" || exit 99
echo "$tmp/many.xml" >"$tmp/urls"
"$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" --refresh >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; exit 99; }

# Every match, newest first: k = n - 1 is item 22321 (22321 * 7919 mod n),
# k = n - 2 item 14642, and so on down.
"$AKHBAR" --cache "$tmp/cache.db" --search ایران >"$tmp/out" 2>"$tmp/err" ||
	fail "--search exited $?: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" -eq 27000 ] || fail "$(wc -l <"$tmp/out") lines, not 27000"
[ "$(head -n 2 "$tmp/out")" = "$(printf '%s\n' \
	"2024-01-21T19:59Z	گزارش 22321 از ایران	https://m.example/22321" \
	"2024-01-21T19:58Z	گزارش 14642 از ایران	https://m.example/14642")" ] ||
	fail "first lines: $(head -n 2 "$tmp/out")"
cut -f 1 "$tmp/out" | LC_ALL=C sort -c -r || fail "not newest first"

# While the reader holds the first line and reads no more, the search must
# still be under way: 27,000 lines do not fit in a pipe, so akhbar waits
# to write them, with the cache still open for reading. A checkpoint that
# waits for every reader of the cache says so: it is busy. (Had akhbar
# read every match before it printed, it would hold the cache no more.)
"$AKHBAR" --cache "$tmp/cache.db" --search ایران 2>"$tmp/err" | {
	IFS= read -r first
	python3 - "$tmp/cache.db" >"$tmp/busy" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
db.execute("CREATE TABLE probe (x)")
print(db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0])
PY
	cat >/dev/null
}
[ "$(cat "$tmp/busy")" = 1 ] ||
	fail "the search was over when its first line came ($(cat "$tmp/busy"))"
[ -s "$tmp/err" ] && fail "the search said: $(cat "$tmp/err")"

# head -n 1: the first line, and the search ends there, silently. With
# SIGPIPE ignored, the write fails with EPIPE instead: still no message,
# and the status says something matched.
first=$("$AKHBAR" --cache "$tmp/cache.db" --search ایران 2>"$tmp/err" | head -n 1)
[ "$first" = "2024-01-21T19:59Z	گزارش 22321 از ایران	https://m.example/22321" ] ||
	fail "head -n 1 read: $first"
[ -s "$tmp/err" ] && fail "with head -n 1 akhbar said: $(cat "$tmp/err")"
first=$( (trap '' PIPE
	"$AKHBAR" --cache "$tmp/cache.db" --search ایران 2>"$tmp/err"
	echo $? >"$tmp/rc") | head -n 1)
[ "$first" = "2024-01-21T19:59Z	گزارش 22321 از ایران	https://m.example/22321" ] ||
	fail "head -n 1 read (SIGPIPE ignored): $first"
[ "$(cat "$tmp/rc")" = 0 ] || fail "with EPIPE akhbar exited $(cat "$tmp/rc")"
[ -s "$tmp/err" ] && fail "with EPIPE akhbar said: $(cat "$tmp/err")"
exit $status
