#!/bin/sh
# A cache in use by another akhbar: a second one refuses it and names the
# first; once the first is gone (even killed), the cache opens again.
set -u
tool=$top_builddir/tests/cache/cache-tool
dir=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-locked-XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
db=$dir/cache.db
status=0

fail() {
	echo "FAIL: $*"
	status=1
}

"$tool" hold "$db" >"$dir/out" 2>"$dir/err" &
pid=$!
tries=0
until grep -q ready "$dir/out"; do
	tries=$((tries + 1))
	if [ $tries -gt 300 ] || ! kill -0 $pid 2>/dev/null; then
		cat "$dir/err"
		echo "FAIL: the first akhbar never opened the cache"
		kill -9 $pid 2>/dev/null
		exit 1
	fi
	sleep 0.1
done

if "$tool" open "$db" 2>"$dir/second"; then
	fail "a second akhbar opened a cache in use"
fi
want="the cache $db is in use by another akhbar (pid $pid)"
[ "$(cat "$dir/second")" = "$want" ] ||
	fail "got \"$(cat "$dir/second")\", want \"$want\""

kill -9 $pid
wait $pid 2>/dev/null
"$tool" open "$db" || fail "the cache stayed locked after its holder died"

[ $status -eq 0 ] && echo "ok locked"
exit $status
