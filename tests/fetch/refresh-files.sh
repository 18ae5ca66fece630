#!/bin/sh
# akhbar --refresh with file: subscriptions that are no regular file: a
# FIFO without a writer and a device are refused at once with a message
# (libcurl's file reads would block past any --timeout), and the feeds
# after them are still read.
set -u
feed="$top_srcdir/tests/fetch/data/feed.xml"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-refresh-files.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
mkfifo "$tmp/fifo" || exit 99
case $feed in
/*) ;;
*) feed="$PWD/$feed" ;;
esac
printf 'file://%s\nfile:///dev/zero\nfile://%s\n' "$tmp/fifo" "$feed" >"$tmp/urls"
timeout 20 "$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" --refresh \
	--timeout=2 >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "exit $rc (124: it hung), want 1"
grep -q "^error  file://$tmp/fifo  cannot read the file (not a regular file)\$" "$tmp/out" ||
	fail "the FIFO: $(cat "$tmp/out")"
grep -q '^error  file:///dev/zero  cannot read the file (not a regular file)$' "$tmp/out" ||
	fail "the device: $(cat "$tmp/out")"
grep -q '^ok .* 1 new, 1 item$' "$tmp/out" || fail "the feed: $(cat "$tmp/out")"
exit $status
