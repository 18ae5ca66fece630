#!/bin/sh
# A bad line of the urls file is said once by --refresh and by --purge
# (each reads the file once), and the good feed beside it is still read.
set -u
feed="$top_srcdir/tests/fetch/data/feed.xml"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-refresh-bad-line.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
case $feed in
/*) ;;
*) feed="$PWD/$feed" ;;
esac
printf 'file://%s\nnot-a-url\n' "$feed" >"$tmp/urls"
for what in --refresh --purge; do
	"$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" $what \
		>"$tmp/out$what" 2>"$tmp/err"
	n=$(grep -c 'not a URL: not-a-url' "$tmp/err")
	[ "$n" -eq 1 ] || fail "$what said the bad line $n times: $(cat "$tmp/err")"
done
grep -q '^ok .* 1 item$' "$tmp/out--refresh" ||
	fail "the feed: $(cat "$tmp/out--refresh")"
exit $status
