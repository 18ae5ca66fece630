#!/bin/sh
# akhbar --extract on the command line: exit 1 with the reason for pages
# that hold no article, 2 for errors, and the round trip: what it prints,
# saved, is an article file that `akhbar --dump` opens, with every body
# paragraph and related headline in it.
set -u
data="$top_srcdir/tests/extract/data"
pages="$top_srcdir/tests/extract/pages"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-extract-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

# no_article PAGE REASON: exit 1, nothing on stdout, the reason on stderr.
no_article() {
	"$AKHBAR" --extract "$data/$1" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 1 ] || fail "$1: exit $rc, want 1"
	[ ! -s "$tmp/out" ] || fail "$1: printed $(head -3 "$tmp/out")"
	[ "$(cat "$tmp/err")" = "akhbar: $data/$1: no article: $2" ] ||
		fail "$1: said '$(cat "$tmp/err")'"
}
no_article index-fa.html "a page of headlines and links"
no_article index-teasers-fa.html "a page of headlines and links"
no_article login-he.html "a login or subscription wall"
no_article short-ar.html "too little text"

# Errors: exit 2.
"$AKHBAR" --extract "$tmp/missing.html" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "missing file: exit $rc, want 2"
[ "$(cat "$tmp/err")" = "akhbar: $tmp/missing.html: No such file or directory" ] ||
	fail "missing file: said '$(cat "$tmp/err")'"
"$AKHBAR" --extract "$data/short-ar.html" "$data/login-he.html" \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "two pages: exit $rc, want 2"
"$AKHBAR" --extract >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "no page: exit $rc, want 2"

# A file:// URL goes through the fetcher.
"$AKHBAR" --extract "file://$(cd "$pages" && pwd)/he-credit.html" \
	>"$tmp/url.txt" 2>"$tmp/err" || fail "file URL: exit $?: $(cat "$tmp/err")"
cmp -s "$tmp/url.txt" "$pages/he-credit.expected" ||
	fail "file URL: not the expected article"

# --base-url: a saved page's address, its link when it names none.
sed '/rel="canonical"/s/<link rel="canonical" href="[^"]*">//' \
	"$pages/ar-credit.html" >"$tmp/saved.html"
grep -q canonical "$tmp/saved.html" && fail "the canonical link is still there"
"$AKHBAR" --extract --base-url=https://youm.example.com/story/7 \
	"$tmp/saved.html" >"$tmp/out" 2>"$tmp/err" || fail "--base-url: exit $?"
grep -qx "Link: https://youm.example.com/story/7" "$tmp/out" ||
	fail "--base-url: $(grep '^Link' "$tmp/out")"

# The round trip.  --bidi=terminal keeps the logical order and the
# zero-width non-joiners; a wide width keeps each paragraph on one row.
for name in fa-agency ar-windows-1256 he-related-first fa-json-ld; do
	"$AKHBAR" --extract "$pages/$name.html" >"$tmp/$name.txt" ||
		fail "$name: --extract failed"
	"$AKHBAR" --dump --bidi=terminal --width=1000 "$tmp/$name.txt" \
		>"$tmp/$name.dump" 2>"$tmp/err" ||
		fail "$name: --dump of the extracted article failed: $(cat "$tmp/err")"
	sed 's/^ *//; s/ *$//' "$tmp/$name.dump" >"$tmp/$name.rows"
	# Body paragraphs and related headlines: every line after the site
	# line but the credit line.
	sed '1,/^$/d' "$tmp/$name.txt" | sed 1d |
		grep -v '^\(منبع\|المصدر\|מקור\|Source\) *:' >"$tmp/$name.want"
	[ -s "$tmp/$name.want" ] || fail "$name: nothing extracted"
	while IFS= read -r line; do
		grep -qxF -- "$line" "$tmp/$name.rows" ||
			fail "$name: not in the dump: $line"
	done <"$tmp/$name.want"
done
exit $status
