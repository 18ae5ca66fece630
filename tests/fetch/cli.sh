#!/bin/sh
# akhbar --import, --export and --urls end to end: an OPML file goes into a
# urls file (default path and --urls), comes out again as OPML, and bad
# input gives a message and a failing status.
set -u
data="$top_srcdir/tests/fetch/data"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-cli-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # description, then a command that must succeed
	what=$1
	shift
	if ! "$@"; then
		echo "FAIL: $what" >&2
		fail=1
	fi
}

# The default path follows $XDG_CONFIG_HOME.
export XDG_CONFIG_HOME="$tmp/config"
out=$("$AKHBAR" --import "$data/nested.opml")
check "import status" test $? -eq 0
check "import message: $out" test "$out" = "Imported 5 feeds into $tmp/config/akhbar/urls (1 already there)."
check "urls file written" grep -q '^https://world.example.net/feed News Tech Science/Space Daily$' "$tmp/config/akhbar/urls"

# --urls names another file; comments in it survive.
printf '# mine\nhttp://top.example.org/atom.xml\n' > "$tmp/urls"
out=$("$AKHBAR" --urls "$tmp/urls" --import "$data/nested.opml")
check "import with --urls: $out" test "$out" = "Imported 4 feeds into $tmp/urls (2 already there)."
check "comment kept" test "$(head -n 1 "$tmp/urls")" = "# mine"
check "five feeds" test "$(grep -c '^http' "$tmp/urls")" -eq 5

# Export, then import the export into an empty file: the same feeds.
"$AKHBAR" --urls "$tmp/urls" --export > "$tmp/out.opml"
check "export status" test $? -eq 0
check "export is OPML 2.0" grep -q '<opml version="2.0">' "$tmp/out.opml"
check "export escapes &" grep -q 'xmlUrl="https://www.example.com/fa/rss?a=1&amp;b=2"' "$tmp/out.opml"
out=$("$AKHBAR" --urls "$tmp/again" --import "$tmp/out.opml")
check "round trip: $out" test "$out" = "Imported 5 feeds into $tmp/again (0 already there)."
check "round trip keeps feeds and tags" \
	test "$(sort "$tmp/again")" = "$(grep '^http' "$tmp/urls" | sort)"

# Bad input: a clear message on stderr, a failing status.
"$AKHBAR" --urls "$tmp/urls" --import "$data/malformed.opml" > /dev/null 2> "$tmp/err"
check "malformed import fails" test $? -ne 0
check "malformed import says where: $(cat "$tmp/err")" grep -q 'malformed.opml:8: ' "$tmp/err"
printf 'http://ok.example.org/rss\n"tag-only"\n' > "$tmp/bad-urls"
"$AKHBAR" --urls "$tmp/bad-urls" --export > "$tmp/out2.opml" 2> "$tmp/err"
check "export with a bad line still works" test $? -eq 0
check "bad line reported: $(cat "$tmp/err")" grep -q "bad-urls:2: not a URL: tag-only" "$tmp/err"
check "good line exported" grep -q 'xmlUrl="http://ok.example.org/rss"' "$tmp/out2.opml"
"$AKHBAR" --import "$data/nested.opml" --export > /dev/null 2>&1
check "--import with --export refused" test $? -eq 2
exit $fail
