#!/bin/sh
# kill -9 in the middle of `akhbar --refresh` of a big feed: the cache
# stays whole (SQLite's integrity check), the items of the previous
# refresh are all there, none of the killed one, and the next refresh
# works.  The feed comes through a named pipe, so the test decides when
# the refresh is in the middle of the feed.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-kill-XXXXXX") || exit 99
writer=
trap '[ -n "$writer" ] && kill $writer 2>/dev/null; rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
feed=$tmp/feed.xml
db=$tmp/cache.db
echo "$feed" >"$tmp/urls"

# gen.py PREFIX N [hold]: a feed of N items of about 1 KB; with hold, the
# document stays open (the writer sleeps) so the reader waits for more.
cat >"$tmp/gen.py" <<'PY'
import sys, time
prefix, n = sys.argv[1], int(sys.argv[2])
out = sys.stdout
out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>kill</title>\n')
text = "متن خبری بلند برای پر کردن صفحه‌های پایگاه داده " * 12
for i in range(n):
    out.write('<item><title>%s %d</title><guid>%s-%d</guid><description>%s</description></item>\n'
              % (prefix, i, prefix, i, text))
if len(sys.argv) > 3:
    out.flush()
    time.sleep(120)
out.write('</channel></rss>\n')
PY
count_items() { # items in the cache, read with --dump
	n=$("$AKHBAR" --urls "$tmp/urls" --cache "$db" --dump --width=80 \
		--bidi=terminal | grep -c "^$1 ")
	echo "$n"
}

python3 "$tmp/gen.py" old 2000 >"$feed"
# An old time stamp: the pipe made below must count as modified since
# (file times have one-second steps; the same second would be a 304).
touch -d 2020-01-01 "$feed"
"$AKHBAR" --urls "$tmp/urls" --cache "$db" --refresh >/dev/null ||
	fail "the first refresh failed"
[ "$(count_items old)" -eq 2000 ] || fail "the first refresh did not store 2000 items"

# The second refresh reads 8000 new items from a pipe that stays open.
rm "$feed"
mkfifo "$feed"
python3 "$tmp/gen.py" new 8000 hold >"$feed" 2>/dev/null &
writer=$!
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
kill $writer 2>/dev/null
wait $writer 2>/dev/null
writer=

check=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$db")
[ "$check" = ok ] || fail "integrity check: $check"
[ "$(count_items old)" -eq 2000 ] || fail "the killed refresh lost committed items"
[ "$(count_items new)" -eq 0 ] || fail "the killed refresh left items behind"

# And the next refresh works.
rm "$feed"
python3 "$tmp/gen.py" new 3000 >"$feed"
"$AKHBAR" --urls "$tmp/urls" --cache "$db" --refresh >"$tmp/out" 2>&1 ||
	fail "refresh after the kill: $(cat "$tmp/out")"
grep -q '  3000 new, 3000 items$' "$tmp/out" || fail "after the kill: $(cat "$tmp/out")"
[ "$(count_items old)" -eq 2000 ] || fail "old items gone after the kill"

[ $status -eq 0 ] && echo "ok kill"
exit $status
