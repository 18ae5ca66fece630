#!/bin/sh
# Several files and a folder: articles in order, separated by lines
# holding only a form feed.
set -u
seed="$top_srcdir/seeds/000_8cb5c2daadf7745d.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-cli-files.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
ff=$(printf '\f')
count_ff() {
	grep -c "^$ff\$" "$1"
}

printf 'Title: First\n\nSite One\nAlpha paragraph.\n' >"$tmp/one.txt"
printf 'Title: Second\n\nSite Two\nBeta paragraph.\n' >"$tmp/two.txt"

"$AKHBAR" --dump --width=40 "$tmp/one.txt" "$tmp/two.txt" "$seed" >"$tmp/out" ||
	fail "three files: exit non-zero"
[ "$(count_ff "$tmp/out")" -eq 2 ] || fail "three files: $(count_ff "$tmp/out") form feeds, want 2"
[ "$(head -1 "$tmp/out")" = "First" ] || fail "three files: first line '$(head -1 "$tmp/out")'"
# The second article starts right after the first form feed.
second=$(sed -n "/^$ff\$/{n;p;q}" "$tmp/out")
[ "$second" = "Second" ] || fail "three files: the second article starts with '$second'"
# One article alone has no form feed.
"$AKHBAR" --dump --width=40 "$tmp/one.txt" >"$tmp/out" || fail "one file: exit non-zero"
[ "$(count_ff "$tmp/out")" -eq 0 ] || fail "one file: a form feed"

# A folder: its files in name order; hidden files and subfolders skipped.
mkdir -p "$tmp/folder/sub"
cp "$tmp/two.txt" "$tmp/folder/b.txt"
cp "$tmp/one.txt" "$tmp/folder/a.txt"
printf 'Title: Hidden\n\nS\nB\n' >"$tmp/folder/.hidden"
printf 'Title: Inner\n\nS\nB\n' >"$tmp/folder/sub/c.txt"
"$AKHBAR" --dump --width=40 "$tmp/folder" >"$tmp/out" 2>"$tmp/err" || fail "folder: exit non-zero"
[ ! -s "$tmp/err" ] || fail "folder: messages: $(cat "$tmp/err")"
[ "$(count_ff "$tmp/out")" -eq 1 ] || fail "folder: $(count_ff "$tmp/out") form feeds, want 1"
[ "$(head -1 "$tmp/out")" = "First" ] || fail "folder: a.txt is not first"
grep -q -e Hidden -e Inner "$tmp/out" && fail "folder: a hidden file or a subfolder was read"
# Dates as the reader shows them: local time, one zone for every story.
TZ=Asia/Tehran "$AKHBAR" --dump --bidi=terminal \
	"$top_srcdir/tests/feed/data/rss2-fa.xml" >"$tmp/out" 2>&1 ||
	fail "dates: exit non-zero"
grep -q "2024-03-07 17:35 +0330" "$tmp/out" && grep -q "2024-03-08 12:30 +0330" "$tmp/out" ||
	fail "dates: not in local time: $(grep 2024 "$tmp/out")"
exit $status
