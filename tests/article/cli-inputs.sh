#!/bin/sh
# Inputs named on the command line are read once, whole and bounded: a
# pipe (/dev/stdin, a named pipe) keeps every byte, a feed whose prolog is
# long is still a feed, a device is refused, and --max-size stops an
# endless pipe.
set -u
# Logical order, as written: the headline can be looked for as text.
bidi=--bidi=terminal
feed="$top_srcdir/tests/fetch/data/feed.xml"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-cli-inputs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
headline='یک خبر کوتاه برای آزمون دریافت'
printf 'Title: Piped title\n\nPiped site\nPiped body.\n' >"$tmp/article.txt"

# A feed on a pipe: sniffed and parsed from the same bytes.
cat "$feed" | "$AKHBAR" $bidi --dump --width=80 /dev/stdin >"$tmp/out" 2>"$tmp/err" ||
	fail "feed on a pipe: exit non-zero: $(cat "$tmp/err")"
grep -q "$headline" "$tmp/out" || fail "feed on a pipe: no headline"
"$AKHBAR" $bidi --dump --width=80 /dev/stdin <"$feed" >"$tmp/out" 2>"$tmp/err" ||
	fail "feed as stdin: exit non-zero: $(cat "$tmp/err")"
grep -q "$headline" "$tmp/out" || fail "feed as stdin: no headline"

# An article on a pipe keeps its first line, the title.
cat "$tmp/article.txt" | "$AKHBAR" $bidi --dump --width=80 /dev/stdin >"$tmp/out" 2>"$tmp/err" ||
	fail "article on a pipe: exit non-zero: $(cat "$tmp/err")"
[ "$(head -1 "$tmp/out")" = "Piped title" ] ||
	fail "article on a pipe: first line '$(head -1 "$tmp/out")'"

# A named pipe whose writer comes later is waited for.
mkfifo "$tmp/fifo" || exit 99
(sleep 1 && cat "$tmp/article.txt" >"$tmp/fifo") &
timeout 20 "$AKHBAR" $bidi --dump --width=80 "$tmp/fifo" >"$tmp/out" 2>"$tmp/err" ||
	fail "named pipe: exit non-zero: $(cat "$tmp/err")"
[ "$(head -1 "$tmp/out")" = "Piped title" ] ||
	fail "named pipe: first line '$(head -1 "$tmp/out")'"
wait

# A licence comment and a DOCTYPE of several kilobytes before the root.
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<!--'
	i=0
	while [ $i -lt 60 ]; do
		echo 'This feed is free to copy and share under the licence here.'
		i=$((i + 1))
	done
	echo '-->'
	echo '<!DOCTYPE rss [ <!ENTITY site "example"> ]>'
	sed 1d "$feed"
} >"$tmp/long-prolog.xml"
[ "$(wc -c <"$tmp/long-prolog.xml")" -gt 2048 ] || fail "the prolog is short"
"$AKHBAR" $bidi --dump --width=80 "$tmp/long-prolog.xml" >"$tmp/out" 2>"$tmp/err" ||
	fail "long prolog: exit non-zero: $(cat "$tmp/err")"
grep -q "$headline" "$tmp/out" || fail "long prolog: not read as a feed"
grep -q 'licence' "$tmp/out" && fail "long prolog: shown as an article"

# A device is not a file: refused at once.
"$AKHBAR" $bidi --dump /dev/null >"$tmp/out" 2>"$tmp/err" && fail "/dev/null: exit 0"
grep -q '^akhbar: /dev/null: not a regular file$' "$tmp/err" ||
	fail "/dev/null: message '$(cat "$tmp/err")'"

# An endless pipe stops at the cap.
yes 'endless line' | timeout 20 "$AKHBAR" $bidi --dump --max-size=1 /dev/stdin \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || fail "endless pipe: exit $rc"
grep -q '^akhbar: /dev/stdin: too large (over 1 MB)$' "$tmp/err" ||
	fail "endless pipe: message '$(cat "$tmp/err")'"
exit $status
