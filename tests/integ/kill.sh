#!/bin/sh
# kill -9 in the middle of `akhbar --refresh` of a big feed: the cache
# stays whole (SQLite's integrity check), the items of the previous
# refresh are all there, none of the killed one, and the next refresh
# works.  The test server sends the killed refresh's feed without its end
# and holds the connection open, so the refresh is in the middle of the
# feed until the kill.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-kill-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/integ/server.sh"
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
mkdir "$tmp/www"
feed=$tmp/www/feed.xml
db=$tmp/cache.db
server_start "$tmp/www"
echo "$base/feed.xml" >"$tmp/urls"
hold() { # on or off
	python3 -c 'import sys, urllib.request
urllib.request.urlopen(sys.argv[1]).read()' "$base/hold/$1" ||
		fail "hold $1"
}

# gen.py PREFIX N [cut]: a feed of N items of about 1 KB; with cut, the
# document is left open, so the reader waits for more.
cat >"$tmp/gen.py" <<'PY'
import sys
prefix, n = sys.argv[1], int(sys.argv[2])
out = sys.stdout
out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>kill</title>\n')
text = "متن خبری بلند برای پر کردن صفحه‌های پایگاه داده " * 12
for i in range(n):
    out.write('<item><title>%s %d</title><guid>%s-%d</guid><description>%s</description></item>\n'
              % (prefix, i, prefix, i, text))
if len(sys.argv) < 4:
    out.write('</channel></rss>\n')
PY
count_items() { # items in the cache, read with --dump
	n=$("$AKHBAR" --urls "$tmp/urls" --cache "$db" --dump --width=80 \
		--bidi=terminal | grep -c "^$1 ")
	echo "$n"
}

python3 "$tmp/gen.py" old 2000 >"$feed"
"$AKHBAR" --urls "$tmp/urls" --cache "$db" --refresh >/dev/null ||
	fail "the first refresh failed"
[ "$(count_items old)" -eq 2000 ] || fail "the first refresh did not store 2000 items"

# The second refresh reads 8000 new items from a connection that stays
# open.
python3 "$tmp/gen.py" new 8000 cut >"$feed"
hold on
"$AKHBAR" --urls "$tmp/urls" --cache "$db" --refresh >"$tmp/out" 2>&1 &
pid=$!
tries=0
# Wait until the update has reached the disk: the write-ahead log grows.
until [ "$(stat -c %s "$db-wal" 2>/dev/null || echo 0)" -gt 2000000 ]; do
	tries=$((tries + 1))
	if [ $tries -gt 300 ] || ! kill -0 $pid 2>/dev/null; then
		fail "the refresh never got into the feed: $(cat "$tmp/out")"
		break
	fi
	sleep 0.1
done
kill -9 $pid
wait $pid 2>/dev/null
hold off

check=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$db")
[ "$check" = ok ] || fail "integrity check: $check"
[ "$(count_items old)" -eq 2000 ] || fail "the killed refresh lost committed items"
[ "$(count_items new)" -eq 0 ] || fail "the killed refresh left items behind"

# And the next refresh works.
python3 "$tmp/gen.py" new 3000 >"$feed"
"$AKHBAR" --urls "$tmp/urls" --cache "$db" --refresh >"$tmp/out" 2>&1 ||
	fail "refresh after the kill: $(cat "$tmp/out")"
grep -q '  3000 new, 3000 items$' "$tmp/out" || fail "after the kill: $(cat "$tmp/out")"
[ "$(count_items old)" -eq 2000 ] || fail "old items gone after the kill"

server_stop
[ $status -eq 0 ] && echo "ok kill"
exit $status
