#!/bin/sh
# A write that fails (a full disk, a file size limit) never costs the
# subscriptions: --import writes the new urls file beside the old one and
# renames it over only when every byte is written and synced.  Here the
# file size limit (ulimit -f, with SIGXFSZ ignored so the write returns
# EFBIG) stops the new file half-way: the old file must stay whole, the
# temporary file must go, and the message must say so.
set -u
data="$top_srcdir/tests/fetch/data"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-urls-full-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

# 2,000 subscriptions, about 80 KB: more than the limit below.
awk 'BEGIN { print "# mine"; for (i = 1; i <= 2000; i++)
	printf "https://feed%d.example.org/rss news \"tag %d\"\n", i, i }' \
	>"$tmp/urls"
cp "$tmp/urls" "$tmp/urls.before"

# import OPML: --import under a file size limit; the status in rc
import() {
	(
		ulimit -f 16 || exit 99 # 8 or 16 KB, as the shell counts blocks
		trap '' XFSZ
		exec "$AKHBAR" --urls "$tmp/urls" --import "$1"
	) >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 99 ] && exit 77 # no file size limit here: skip
}
# kept WHAT: the urls file is as it was, and nothing else is left
kept() {
	cmp -s "$tmp/urls" "$tmp/urls.before" ||
		fail "$1: the urls file changed: $(wc -c <"$tmp/urls") bytes now"
	left=$(cd "$tmp" && ls -A | grep -v -e '^urls' -e '^out$' -e '^err$')
	[ -z "$left" ] || fail "$1: left behind: $left"
}

# New feeds: the new file can't be written whole.
import "$data/nested.opml"
[ $rc -eq 1 ] || fail "import exited $rc, not 1: $(cat "$tmp/out")"
kept "new feeds"
grep -q "urls: cannot write .*; the file is unchanged" "$tmp/err" ||
	fail "message: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "said it imported: $(cat "$tmp/out")"

# Without the limit the same import works and keeps the old lines.
"$AKHBAR" --urls "$tmp/urls" --import "$data/nested.opml" >"$tmp/out" 2>"$tmp/err" ||
	fail "import without a limit: $(cat "$tmp/err")"
head -n 2001 "$tmp/urls" | cmp -s - "$tmp/urls.before" || fail "old lines changed"

# Nothing new: the old text is written again, in one write that fails
# with nothing left in the buffer for a later flush to fail on.
cp "$tmp/urls" "$tmp/urls.before"
import "$data/nested.opml"
[ $rc -eq 1 ] || fail "second import exited $rc, not 1: $(cat "$tmp/out")"
kept "nothing new"
exit $status
