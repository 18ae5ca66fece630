#!/bin/sh
# Article files given together relate to each other through the story
# index: each of the two earthquake reports lists the other under
# "Related stories" (leading to it), the football report lists neither and
# is listed by neither.  Logical order (--bidi=terminal) so the headlines
# can be compared as written.
set -u
data="$top_srcdir/tests/article/related"
quake="زلزله ۶ ریشتری کرمان را لرزاند"
# In logical order the zero-width non-joiners stay, for a terminal that
# shapes.
rescue="اعزام تیم‌های امداد هلال احمر به روستاهای زلزله‌زده راور"
football="پرسپولیس در دربی تهران استقلال را شکست داد"
out=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-dump-related.XXXXXX") || exit 99
trap 'rm -rf "$out"' EXIT
if ! "$AKHBAR" --dump --width=200 --bidi=terminal "$data/football.txt" \
	"$data/quake-kerman.txt" "$data/quake-rescue.txt" >"$out/all.txt"; then
	echo "FAIL: akhbar --dump exited non-zero"
	exit 1
fi
# One file per article (they are separated by a form feed line), and in
# each the lines after "Related stories".
awk -v dir="$out" '
	BEGIN { n = 0 }
	/^\f$/ { n++; rel = 0; next }
	{ print > (dir "/article-" n ".txt") }
	/^Related stories$/ { rel = 1; next }
	rel { print > (dir "/related-" n ".txt") }
' "$out/all.txt"
status=0
related() { # article number: its related headlines, blank lines dropped
	[ -f "$out/related-$1.txt" ] || return 0
	sed 's/^ *//; /^$/d' "$out/related-$1.txt"
}
check() { # what got want
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1:"
		echo "  got:  $2"
		echo "  want: $3"
		status=1
	fi
}
first() { sed -n 1p "$out/article-$1.txt" | sed 's/^ *//'; }
check "the articles in the order given" "$(first 0)|$(first 1)|$(first 2)" \
	"$football|$quake|$rescue"
check "related stories of the football report" "$(related 0)" ""
check "related stories of the first quake report" "$(related 1)" "$rescue"
check "related stories of the second quake report" "$(related 2)" "$quake"
exit $status
