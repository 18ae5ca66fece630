#!/bin/sh
# akhbar --refresh --full-articles against the test HTTP server: the pages
# of the new summary-only items are fetched after the feeds and read back
# with --dump; a dead page is said on stderr and leaves the summary; a
# feed tagged !summary fetches none, one tagged !full fetches every page;
# a second refresh fetches nothing; without the option nothing is fetched.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-refresh-pages-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/integ/server.sh"
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
server_start "$top_srcdir/tests/integ/pages"
run() {
	"$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" --timeout 6 "$@"
}

# Without the option: the feed only.
echo "$base/feed.xml" >"$tmp/urls"
run --refresh >"$tmp/out0" 2>"$tmp/err0" || fail "refresh without pages"
grep -q "full articles" "$tmp/out0" && fail "pages fetched without the option"
rm -f "$tmp/cache.db"*

run --refresh --full-articles >"$tmp/out1" 2>"$tmp/err1"
rc=$?
[ $rc -eq 0 ] || fail "a dead page changed the exit status ($rc)"
grep -q "^ok .*feed.xml  4 new, 4 items" "$tmp/out1" || fail "the feed: $(cat "$tmp/out1")"
grep -q "^full articles: 2 fetched, 1 failed$" "$tmp/out1" ||
	fail "the pages: $(cat "$tmp/out1")"
grep -q "missing.html: HTTP 404" "$tmp/err1" || fail "stderr: $(cat "$tmp/err1")"
[ "$(wc -l <"$tmp/err1")" -eq 1 ] || fail "stderr: $(cat "$tmp/err1")"
run --dump --width 200 >"$tmp/dump1" 2>&1 || fail "--dump"
for text in "after three days in which no ship" "Source: Harbour Office" \
	"Breakwater repairs will take a month" \
	"The fish market that has stood on the quays" \
	"Only this summary is left of the ferry story." \
	"The old lighthouse at the end of the northern pier"; do
	grep -qF "$text" "$tmp/dump1" || fail "--dump lacks: $text"
done
grep -q "The port reopened on Monday morning.$" "$tmp/dump1" &&
	fail "the summary is still shown"

# Nothing new: nothing fetched, not even the page that failed.
run --refresh --full-articles >"$tmp/out2" 2>"$tmp/err2" || fail "second refresh"
grep -q "full articles" "$tmp/out2" && fail "pages fetched again: $(cat "$tmp/out2")"

# A feed's tag decides over the option.
rm -f "$tmp/cache.db"*
echo "$base/feed.xml !summary" >"$tmp/urls"
run --refresh --full-articles=all >"$tmp/out3" 2>"$tmp/err3" || fail "!summary"
grep -q "full articles" "$tmp/out3" && fail "!summary fetched: $(cat "$tmp/out3")"
rm -f "$tmp/cache.db"*
echo "$base/feed.xml !full" >"$tmp/urls"
run --refresh --full-articles >"$tmp/out4" 2>"$tmp/err4"
grep -q "^full articles: 2 fetched, 2 failed$" "$tmp/out4" ||
	fail "!full: $(cat "$tmp/out4")"
grep -q "lighthouse.html: HTTP 404" "$tmp/err4" || fail "!full: $(cat "$tmp/err4")"

run --refresh --full-articles=most >"$tmp/out5" 2>"$tmp/err5"
[ $? -eq 2 ] && grep -q "'short', 'all' or 'none'" "$tmp/err5" ||
	fail "a bad --full-articles: $(cat "$tmp/err5")"
server_stop
exit $status
