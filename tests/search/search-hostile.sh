#!/bin/sh
# akhbar --search prints what feeds wrote, and feeds are untrusted: an
# escape sequence in a headline (OSC 52 writes the clipboard), a C1 CSI,
# an unclosed right-to-left override, a line break or a tab in a link
# must reach the terminal as plain text on one line of three fields.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-search-hostile-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
check="$top_builddir/tests/text/check-terminal"

# The title of item 1 is escaped HTML: it decodes to ESC ] 52 ... BEL.
cat >"$tmp/hostile.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hostile</title>
<item><title>Hostile clipboard &amp;#27;]52;c;aGFjaw==&amp;#7; grab</title>
<link>https://h.example/1&#10;injected&#9;field</link><guid>1</guid></item>
<item><title>Hostile csi &#x9b;31m and &#x202E;reversed</title>
<link>https://h.example/2&#x85;&#x9b;2J</link><guid>2</guid></item>
</channel></rss>
XML
echo "$tmp/hostile.xml" >"$tmp/urls"
"$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" --refresh >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; exit 99; }

"$AKHBAR" --cache "$tmp/cache.db" --search hostile >"$tmp/out" 2>"$tmp/err" ||
	fail "--search exited $?: $(cat "$tmp/err")"
"$check" --tabs <"$tmp/out" || fail "unsafe output: $(od -c "$tmp/out")"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "not two lines: $(cat "$tmp/out")"
awk -F '\t' 'NF != 3 { exit 1 }' "$tmp/out" || fail "not three fields: $(cat "$tmp/out")"
# Spaces in a link are escaped, as a browser escapes them.
grep -q '	https://h.example/1%20injected%20field$' "$tmp/out" ||
	fail "link 1: $(cat "$tmp/out")"
grep -q ']52;c;aGFjaw== grab	' "$tmp/out" || fail "title 1: $(cat "$tmp/out")"
# The override is closed before the tab, so it can't reorder the link.
grep -q "$(printf 'reversed\342\200\254\t')" "$tmp/out" ||
	fail "title 2: $(cat "$tmp/out")"

# The checker itself catches what it must.
for bad in '\033]52;c;x\007' '\302\233' 'a\233b' '\177' 'a\tb' '\342\200\256x'; do
	printf "ok $bad\n" | "$check" 2>/dev/null && fail "check-terminal accepts $bad"
done
printf 'a\tb \342\200\256x\342\200\254 \357\277\275\n' | "$check" --tabs ||
	fail "check-terminal rejects safe text"
exit $status
