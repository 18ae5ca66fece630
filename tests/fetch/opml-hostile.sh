#!/bin/sh
# --import of someone else's OPML file: only http and https feeds reach the
# urls file (newsboat runs exec: and filter: lines through a shell), file:
# URLs and paths only with --local-feeds, every outline left out is named
# in a warning, and nothing of the file reaches the terminal raw.
# --export hides nothing silently: what OPML can't hold is warned about.
set -u
data="$top_srcdir/tests/fetch/data"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-opml-hostile-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
check="$top_builddir/tests/text/check-terminal"

"$AKHBAR" --urls "$tmp/urls" --import "$data/hostile.opml" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || fail "import exited $rc: $(cat "$tmp/err")"
grep -q "^Imported 3 feeds" "$tmp/out" || fail "import said: $(cat "$tmp/out")"
grep -v -e '^https://good.example.org/rss$' -e '^HTTPS://Upper.example.org/rss$' \
	-e '^http://plain.example.org/rss "Folder !"$' "$tmp/urls" >"$tmp/other"
[ -s "$tmp/other" ] && fail "more in the urls file: $(cat "$tmp/other")"
[ "$(wc -l <"$tmp/urls")" -eq 3 ] || fail "urls file: $(cat "$tmp/urls")"
[ "$(wc -l <"$tmp/err")" -eq 7 ] || fail "not seven warnings: $(cat "$tmp/err")"
for what in 'hostile.opml:8: outline "Run" (exec:' 'hostile.opml:9: outline "Filter"' \
	'hostile.opml:11: outline "Passwords" (file:///etc/passwd): a local file' \
	'hostile.opml:14: outline "Split ~Injected"'; do
	grep -qF "$what" "$tmp/err" || fail "no warning $what: $(cat "$tmp/err")"
done
"$check" <"$tmp/err" || fail "unsafe warnings"

# Asked for, local files come in too.
"$AKHBAR" --urls "$tmp/urls2" --local-feeds --import "$data/hostile.opml" \
	>"$tmp/out" 2>"$tmp/err" || fail "--local-feeds import failed"
grep -q '^file:///etc/passwd$' "$tmp/urls2" || fail "no file: URL: $(cat "$tmp/urls2")"
grep -q '^/etc/shadow$' "$tmp/urls2" || fail "no path: $(cat "$tmp/urls2")"
[ "$(wc -l <"$tmp/err")" -eq 5 ] || fail "not five warnings: $(cat "$tmp/err")"
"$AKHBAR" --urls "$tmp/urls3" --local-feeds >/dev/null 2>&1
[ $? -eq 2 ] || fail "--local-feeds without --import accepted"

# --export: a line for each thing OPML can't hold, the rest exported.
printf '%s\n' 'https://a.example.org/rss' 'query:unread:"unread = \"yes\""' \
	'exec:~/bin/feed' 'filter:~/bin/f:https://b.example.org/' \
	'https://c.example.org/rss "!"' >"$tmp/urls4"
"$AKHBAR" --urls "$tmp/urls4" --export >"$tmp/opml" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || fail "export exited $rc"
grep -q 'xmlUrl="https://a.example.org/rss"' "$tmp/opml" || fail "a.example.org not exported"
grep -q 'xmlUrl="https://c.example.org/rss"' "$tmp/opml" || fail "the hidden feed not exported"
[ "$(wc -l <"$tmp/err")" -eq 4 ] || fail "not four warnings: $(cat "$tmp/err")"
grep -q "urls4:2: newsboat's query: lines have no form in OPML" "$tmp/err" ||
	fail "query: $(cat "$tmp/err")"
grep -q "urls4:3: newsboat's exec: lines" "$tmp/err" || fail "exec: $(cat "$tmp/err")"
grep -q "urls4:4: newsboat's filter: lines" "$tmp/err" || fail "filter: $(cat "$tmp/err")"
grep -q 'urls4:5: exported without its hidden mark' "$tmp/err" || fail "hidden: $(cat "$tmp/err")"
exit $status
