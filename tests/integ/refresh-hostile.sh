#!/bin/sh
# akhbar --refresh prints a line per feed with the error in it, and the
# error may quote the server (its HTTP reason phrase) or the feed (the
# name of its root element, a libxml2 message): escape sequences, C1
# controls, invalid UTF-8 and an unclosed override reach the terminal as
# plain text, on one line of a bounded length; so does the warning when
# such a feed is opened by its URL.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-refresh-hostile-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/integ/server.sh"
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
check="$top_builddir/tests/text/check-terminal"

mkdir "$tmp/www"
server_start "$tmp/www"
# A root element named with invalid UTF-8 (declared, so not read as
# another encoding).
printf '<?xml version="1.0" encoding="utf-8"?><\377\377rss version="2.0"><channel><title>x</title></channel></\377\377rss>' \
	>"$tmp/bad-root.xml"
cat >"$tmp/urls" <<URLS
$base/reason/404
$base/reason/503
$tmp/bad-root.xml
URLS

"$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" --timeout 6 --refresh \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
# The same error as a warning when a feed is opened by its URL.
"$AKHBAR" --dump --timeout 6 "$base/reason/404" >/dev/null 2>"$tmp/warnings"
server_stop
"$check" <"$tmp/warnings" || fail "unsafe warnings: $(od -c "$tmp/warnings" | head -20)"
[ "$(wc -l <"$tmp/warnings")" -eq 1 ] || fail "not one warning: $(cat "$tmp/warnings")"
[ $rc -eq 1 ] || fail "refresh exited $rc, not 1"
"$check" <"$tmp/out" || fail "unsafe output: $(od -c "$tmp/out" | head -20)"
"$check" <"$tmp/err" || fail "unsafe stderr: $(od -c "$tmp/err" | head -20)"
[ "$(wc -l <"$tmp/out")" -eq 3 ] || fail "not one line per feed: $(cat "$tmp/out")"
grep -q "^error  $base/reason/404  HTTP 404 Gone \]52;c;aGFjaw== .2J \[31m" "$tmp/out" ||
	fail "reason phrase: $(head -c 300 "$tmp/out")"
awk 'length($0) > 600 { exit 1 }' "$tmp/out" ||
	fail "a line over 600 bytes: $(awk '{ print length($0) }' "$tmp/out")"
grep -q "^error  $tmp/bad-root.xml  .*<$(printf '\357\277\275\357\277\275')rss>" "$tmp/out" ||
	fail "root element: $(grep bad-root "$tmp/out")"
exit $status
