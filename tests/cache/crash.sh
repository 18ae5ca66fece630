#!/bin/sh
# kill -9 in the middle of a feed's update: the cache stays whole, every
# committed item is there as committed, nothing of the update is.
set -u
tool=$top_builddir/tests/cache/cache-tool
dir=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-crash-XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
url=https://example.org/feed
status=0

fail() {
	echo "FAIL: $*"
	status=1
}

# Start an update that stores $2 items, wait until it has, kill it.
kill_mid_update() {
	# A fresh file each time: the previous run's "ready" must not be read
	# before the new process has truncated it.
	rm -f "$dir/out"
	"$tool" hang "$1" "$url" "$2" >"$dir/out" 2>"$dir/err" &
	pid=$!
	tries=0
	until grep -q ready "$dir/out" 2>/dev/null; do
		tries=$((tries + 1))
		if [ $tries -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
			cat "$dir/err"
			fail "the update never got ready"
			kill -9 $pid 2>/dev/null
			return
		fi
		sleep 0.1
	done
	kill -9 $pid
	wait $pid 2>/dev/null
	# The update had reached the disk: the kill hit a real transaction.
	[ -s "$1-wal" ] || fail "$1: no WAL on disk at the kill"
}

# A cache with committed items, then an update that rewrites them and
# adds thousands more, killed before its commit.
db=$dir/cache.db
"$tool" fill "$db" "$url" 300 || fail "cannot fill the cache"
kill_mid_update "$db" 8000
"$tool" check "$db" "$url" 300 || fail "the committed items did not survive"
# Killed twice in a row, then a normal update still works.
kill_mid_update "$db" 8000
"$tool" check "$db" "$url" 300 || fail "the second kill lost data"
"$tool" fill "$dir/cache.db" "$url" 400 || fail "cannot update after the kills"
"$tool" check "$db" "$url" 400 || fail "the update after the kills is wrong"

# The very first update of a new cache, killed: an empty, sound cache.
db=$dir/fresh.db
kill_mid_update "$db" 8000
"$tool" check "$db" "$url" 0 || fail "the killed first update left a trace"

[ $status -eq 0 ] && echo "ok crash"
exit $status
