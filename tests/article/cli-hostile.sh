#!/bin/sh
# Content never drives the terminal: escape sequences, C1 controls, bidi
# overrides and invalid UTF-8 in an article come out as harmless text.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-cli-hostile.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
check="$top_builddir/tests/article/check-safe"

# ESC ]52 (clipboard write) ended by BEL, ESC [2J (clear screen), a raw
# 0x9B byte (a C1 CSI in 8-bit terminals), U+009B, U+202E in the site,
# the title and a related headline, and invalid UTF-8.
{
	printf 'Title: Clip\033]52;c;aGFjaw==\007board \342\200\256reversed\n'
	printf 'Date: 2025-03-14\n\n'
	printf '\342\200\256Evil site\033[2J\n'
	printf 'Body with \033[2J clear, raw \233 byte, C1 \302\233[31m red, \342\200\256 RLO.\n'
	printf 'Invalid: \377\376 and truncated \331\n'
	printf 'Tab\there, bell\007, backspace\010, DEL\177, NUL\000 done.\n'
	printf 'Source: \033]0;title\007x\n'
	printf 'Related \342\200\256 \033[1;1H headline\n'
} >"$tmp/hostile.txt"

for w in 80 20; do
	for bidi in app terminal; do
		"$AKHBAR" --dump --width=$w --bidi=$bidi "$tmp/hostile.txt" >"$tmp/out" ||
			fail "width $w, --bidi=$bidi: exit non-zero"
		"$check" <"$tmp/out" || fail "width $w, --bidi=$bidi: unsafe output"
	done
done
"$AKHBAR" --dump --width=80 "$tmp/hostile.txt" >"$tmp/out"
grep -q "$(printf '\357\277\275')" "$tmp/out" || fail "invalid UTF-8 does not show U+FFFD"
# The date is its own paragraph: the U+202E of the site does not
# reorder it.
grep -q "^2025-03-14\$" "$tmp/out" || fail "the date is missing or reordered"

# The checker itself catches what it must.
for bad in '\033[2J' '\302\233' '\342\200\256' '\377' 'a\fb'; do
	printf "ok $bad\n" | "$check" 2>/dev/null && fail "check-safe accepts $bad"
done
printf 'ok\n\f\nok\n' | "$check" || fail "check-safe rejects a form feed line"
exit $status
