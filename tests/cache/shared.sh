#!/bin/sh
# Several akhbars on one cache, as a reader, a cron --refresh and a
# --search share it: while another akhbar holds a feed's update open,
# --search and --dump answer at once (read-only, nothing waits); a
# --refresh waits for it, says so, and goes on as soon as the cache is
# free; one that would wait longer than --cache-wait gives up, saying why.
set -u
tool=$top_builddir/tests/cache/cache-tool
dir=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-shared-XXXXXX") || exit 1
trap 'kill -9 $pid 2>/dev/null; rm -rf "$dir"' EXIT
db=$dir/cache.db
status=0
pid=
fail() {
	echo "FAIL: $*"
	status=1
}

# Start an update of the feed that stays open until killed.
hold() {
	rm -f "$dir/out"
	"$tool" hang "$db" https://example.org/held 5 >"$dir/out" 2>"$dir/err" &
	pid=$!
	tries=0
	until grep -q ready "$dir/out" 2>/dev/null; do
		tries=$((tries + 1))
		if [ $tries -gt 300 ] || ! kill -0 $pid 2>/dev/null; then
			cat "$dir/err"
			echo "FAIL: the update never got ready"
			exit 1
		fi
		sleep 0.1
	done
}

"$tool" fill "$db" https://example.org/held 3 || exit 1
cat >"$dir/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>خوراک</title>
<item><title>آتش‌بس در غزه</title><guid>1</guid></item>
</channel></rss>
XML
echo "file://$dir/feed.xml" >"$dir/urls"
hold

# Read-only commands go on at once.
"$AKHBAR" --cache="$db" --search committed >"$dir/search" 2>&1
[ $? -eq 0 ] || fail "--search while an update is open: $(cat "$dir/search")"
[ "$(grep -c committed "$dir/search")" -eq 3 ] ||
	fail "--search found $(grep -c committed "$dir/search") items, want 3"
"$AKHBAR" --cache="$db" --urls="$dir/none" --dump >"$dir/dump" 2>"$dir/dump.err" ||
	fail "--dump while an update is open: $(cat "$dir/dump.err")"
grep -q "committed 2" "$dir/dump" || fail "--dump lacks the committed items"
grep -q partial "$dir/dump" && fail "--dump shows an uncommitted item"

# A writer waits its bound, says so, then gives up with the reason.
start=$(date +%s)
"$AKHBAR" --cache="$db" --urls="$dir/urls" --refresh --cache-wait=2 \
	>"$dir/refresh" 2>"$dir/refresh.err"
rc=$?
took=$(($(date +%s) - start))
[ $rc -eq 1 ] || fail "--refresh on a busy cache exited $rc, want 1"
grep -q "waiting for another akhbar writing the cache $db" "$dir/refresh.err" ||
	fail "no word of the wait: $(cat "$dir/refresh.err")"
grep -q "the cache $db is busy: another akhbar has been writing it for 2 s" \
	"$dir/refresh.err" || fail "no reason: $(cat "$dir/refresh.err")"
[ $took -ge 2 ] && [ $took -le 10 ] || fail "gave up after $took s, want 2"

# A writer that the other lets go within the bound goes on.
"$AKHBAR" --cache="$db" --urls="$dir/urls" --refresh --cache-wait=30 \
	>"$dir/refresh" 2>"$dir/refresh.err" &
refresh=$!
sleep 2
kill -0 $refresh 2>/dev/null || fail "--refresh did not wait for the cache"
kill -9 $pid
wait $pid 2>/dev/null
wait $refresh || fail "--refresh after the wait: $(cat "$dir/refresh.err")"
grep -q "^ok .*feed.xml  1 new, 1 item" "$dir/refresh" ||
	fail "refresh said: $(cat "$dir/refresh")"
"$tool" check "$db" https://example.org/held 3 || fail "the held feed changed"
"$AKHBAR" --cache="$db" --search آتش‌بس >"$dir/search" ||
	fail "the refreshed item is not found"
# The commands that only read make no cache where there is none.
"$AKHBAR" --cache="$dir/none.db" --urls="$dir/urls" --dump >/dev/null \
	2>"$dir/none.err" && fail "--dump of no cache exited 0"
grep -q "no feeds cached yet in $dir/none.db" "$dir/none.err" ||
	fail "--dump of no cache said: $(cat "$dir/none.err")"
[ -e "$dir/none.db" ] && fail "--dump made a cache"
exit $status
