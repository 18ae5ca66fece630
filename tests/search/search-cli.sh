#!/bin/sh
# akhbar --search over a cache filled by --refresh of three feeds (file
# paths in the urls file): a Persian one, one that spells Persian with
# Arabic yeh and kaf, an English one.  Either spelling finds both; a
# compound is found joined, with ZWNJ or with a space; the exit status
# says whether anything matched (0), nothing did (1) or it failed (2).
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-search-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
data=$(cd "$top_srcdir/tests/search/data" && pwd) || exit 99
for f in fa ar en; do
	echo "$data/news-$f.xml" >>"$tmp/urls"
done
"$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" --refresh >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; exit 99; }

# search WORDS...: run it, keep the output in $tmp/out and the status in rc
search() {
	"$AKHBAR" --cache "$tmp/cache.db" --search "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
# has LINK: the output lists the item with this link
has() {
	grep -q "	$1\$" "$tmp/out" || fail "'$q' did not find $1: $(cat "$tmp/out")"
}

# ايران (Arabic yeh) finds ایران (Persian yeh) and itself.
q=ايران; search "$q"
[ $rc -eq 0 ] || fail "'$q' exited $rc"
has https://alef.example/2
has https://be.example/1
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "'$q' found more: $(cat "$tmp/out")"
# Newest first, as DATE TAB HEADLINE TAB LINK.
[ "$(head -n 1 "$tmp/out")" = "2024-03-05T07:30Z	مذاکرات هسته‌اي ايران و عمان در مسقط ادامه دارد	https://be.example/1" ] ||
	fail "first line: $(head -n 1 "$tmp/out")"

# And the other way: ایران finds the Arabic spelling.
q=ایران; search "$q"
has https://be.example/1

# آتشبس finds آتش‌بس (with ZWNJ) and آتشبس; "آتش بس" finds both too.
q=آتشبس; search "$q"
[ $rc -eq 0 ] || fail "'$q' exited $rc"
has https://alef.example/1
has https://be.example/2
q="آتش بس"; search آتش بس
has https://alef.example/1
has https://be.example/2

# كشته (Arabic kaf) and کشته (Persian kaf) alike.
q=کشته; search "$q"
has https://be.example/3

# Every word must match: two words of different stories find nothing.
q="ایران تبریز"; search ایران تبریز
[ $rc -eq 1 ] || fail "'$q' exited $rc, not 1"
[ -s "$tmp/out" ] && fail "'$q' printed: $(cat "$tmp/out")"

q=Muscat; search "$q"
has https://world.example/2
[ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "'$q': $(cat "$tmp/out")"

# Nothing matches: status 1, nothing printed, no message.
q=nothinghere; search "$q"
[ $rc -eq 1 ] || fail "'$q' exited $rc, not 1"
[ -s "$tmp/out" ] && fail "'$q' printed: $(cat "$tmp/out")"
[ -s "$tmp/err" ] && fail "'$q' said: $(cat "$tmp/err")"

# No cache yet: nothing matched, and no cache is made.
"$AKHBAR" --cache "$tmp/none.db" --search x >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || fail "missing cache exited $rc, not 1"
[ -e "$tmp/none.db" ] && fail "a cache was made by --search"
grep -q -- '--refresh' "$tmp/err" || fail "missing cache said: $(cat "$tmp/err")"

# A file that is not a cache: an error, status 2.
echo "not a database" >"$tmp/bad.db"
"$AKHBAR" --cache "$tmp/bad.db" --search x >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "bad cache exited $rc, not 2"
[ -s "$tmp/err" ] || fail "bad cache gave no message"

# No words: a usage error, status 2.
"$AKHBAR" --cache "$tmp/cache.db" --search >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ] || fail "no words exited $rc, not 2"
exit $status
