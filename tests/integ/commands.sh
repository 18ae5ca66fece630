#!/bin/sh
# akhbar --refresh with exec: and filter: subscriptions (small shell
# scripts as their commands) and an ignore-article rule: a feed printed by
# a command, one piped through a shell, a feed fetched from the test
# server and rewritten by a filter (then a 304 that skips the filter), a
# command that fails (its status and standard error are the feed's
# error), one that hangs past the timeout (killed, with its children),
# one that writes past the size cap, and one that does not exist.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-commands-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/integ/server.sh"
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

mkdir "$tmp/www" "$tmp/bin" "$tmp/config" "$tmp/config/akhbar"
# feed TITLE GUID-PREFIX: a Persian feed with a story and an advert.
feed() {
	cat <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>$1</title><link>https://example.org/</link>
<item><title>خبر اول $1</title><guid>$2-1</guid><description>متن خبر</description></item>
<item><title>تبلیغ ویژه $1</title><guid>$2-2</guid><description>آگهی</description></item>
</channel></rss>
XML
}
feed "خوراک وب" web >"$tmp/www/news.xml"
feed "خوراک لوله" pipe >"$tmp/pipe.xml"

cat >"$tmp/bin/print-feed" <<SH
#!/bin/sh
cat <<'XML'
$(feed "خوراک فرمان" exec)
XML
SH
cat >"$tmp/bin/rewrite" <<'SH'
#!/bin/sh
# A filter: the fetched feed on stdin, rewritten on stdout.
echo run >>"$(dirname "$0")/rewrite.runs"
sed 's/خبر اول/خبر بازنویسی‌شده/'
SH
cat >"$tmp/bin/fail" <<'SH'
#!/bin/sh
echo "no feed today" >&2
echo "(really)" >&2
exit 4
SH
cat >"$tmp/bin/hang" <<'SH'
#!/bin/sh
# Starts a child that would outlive it, then never ends.
sleep 300 &
echo $! >"$(dirname "$0")/hang.child"
wait
SH
chmod +x "$tmp/bin/print-feed" "$tmp/bin/rewrite" "$tmp/bin/fail" "$tmp/bin/hang"

server_start "$tmp/www"
cat >"$tmp/urls" <<URLS
exec:$tmp/bin/print-feed ورزش
"exec:cat '$tmp/pipe.xml' | sed 's/خبر اول/خبر لوله/'"
filter:$tmp/bin/rewrite:$base/etag/news.xml
exec:$tmp/bin/fail
exec:$tmp/bin/hang
"exec:head -c 3000000 /dev/zero"
exec:$tmp/bin/no-such-command
"filter:false:$base/news.xml"
URLS
printf '%s\n' '# adverts out, everywhere' \
	'ignore-article "*" "title =~ \"تبلیغ\" and unread = \"yes\""' \
	'ignore-mode download' >"$tmp/config/akhbar/config"

run() {
	XDG_CONFIG_HOME=$tmp/config "$AKHBAR" --urls "$tmp/urls" \
		--cache "$tmp/cache.db" --timeout 3 --max-size 2 "$@"
}
line() { # the summary line of a feed
	grep -F "  $1  " "$2"
}

run --refresh >"$tmp/out1" 2>"$tmp/err1"
rc=$?
[ $rc -eq 1 ] || fail "first refresh exited $rc, not 1 (five feeds fail)"
[ "$(wc -l <"$tmp/out1")" -eq 8 ] || fail "not one line per feed: $(cat "$tmp/out1")"
[ -s "$tmp/err1" ] && fail "stderr: $(cat "$tmp/err1")"
for url in "exec:$tmp/bin/print-feed" \
	"exec:cat '$tmp/pipe.xml' | sed 's/خبر اول/خبر لوله/'" \
	"filter:$tmp/bin/rewrite:$base/etag/news.xml"; do
	line "$url" "$tmp/out1" | grep -q '^ok  .*  1 new, 1 item, 1 ignored$' ||
		fail "$url: $(line "$url" "$tmp/out1")"
done
line "exec:$tmp/bin/fail" "$tmp/out1" |
	grep -q '^error  .*  exited with status 4: no feed today (really)$' ||
	fail "failing command: $(line "exec:$tmp/bin/fail" "$tmp/out1")"
line "exec:$tmp/bin/hang" "$tmp/out1" | grep -q '^error  .*  timed out after 3 s$' ||
	fail "hanging command: $(line "exec:$tmp/bin/hang" "$tmp/out1")"
child=$(cat "$tmp/bin/hang.child" 2>/dev/null)
if [ -z "$child" ]; then
	fail "the hanging command never ran"
else
	# Killed, it may stay a zombie where nothing reaps orphans.
	state=$(awk '{ print $3 }' "/proc/$child/stat" 2>/dev/null)
	if [ -n "$state" ] && [ "$state" != Z ]; then
		kill "$child"
		fail "the hanging command's child outlived the timeout"
	fi
fi
line "exec:head -c 3000000 /dev/zero" "$tmp/out1" |
	grep -q '^error  .*  too large (over 2 MB)$' ||
	fail "size cap: $(line "exec:head -c 3000000 /dev/zero" "$tmp/out1")"
line "exec:$tmp/bin/no-such-command" "$tmp/out1" |
	grep -q '^error  .*  cannot run .*no-such-command: No such file' ||
	fail "missing command: $(line "exec:$tmp/bin/no-such-command" "$tmp/out1")"
line "filter:false:$base/news.xml" "$tmp/out1" |
	grep -q '^error  .*  exited with status 1$' ||
	fail "failing filter: $(line "filter:false:$base/news.xml" "$tmp/out1")"

# What the cache holds: each feed's story as its command made it, no
# advert.
for words in "خبر اول خوراک فرمان" "خبر لوله" "خبر بازنویسی‌شده"; do
	run --search "$words" >"$tmp/found" 2>&1 || fail "the cache lacks '$words'"
done
run --search "تبلیغ" >"$tmp/found" 2>&1
[ $? -eq 1 ] || fail "an ignored advert was stored: $(cat "$tmp/found")"

# The second run, without the hanging command: the filter's URL answers
# 304, and the filter is not run again; the exec: feeds run again and find
# nothing new.
grep -v hang "$tmp/urls" >"$tmp/urls-quick"
mv "$tmp/urls-quick" "$tmp/urls"
run --refresh >"$tmp/out2" 2>&1
line "filter:$tmp/bin/rewrite:$base/etag/news.xml" "$tmp/out2" |
	grep -q '^ok  .*  not modified$' ||
	fail "filter 304: $(line "filter:$tmp/bin/rewrite:$base/etag/news.xml" "$tmp/out2")"
[ "$(wc -l <"$tmp/bin/rewrite.runs")" -eq 1 ] || fail "the filter ran again"
line "exec:$tmp/bin/print-feed" "$tmp/out2" | grep -q '  0 new, 1 item, 1 ignored$' ||
	fail "second exec: $(line "exec:$tmp/bin/print-feed" "$tmp/out2")"

# Without the rule the advert is stored.
rm "$tmp/config/akhbar/config"
run --refresh >"$tmp/out3" 2>&1
line "exec:$tmp/bin/print-feed" "$tmp/out3" | grep -q '  1 new, 2 items$' ||
	fail "no rule: $(line "exec:$tmp/bin/print-feed" "$tmp/out3")"

# A bad rule is a FILE:LINE error, and the refresh goes on.
printf 'ignore-article "*" "title =~"\n' >"$tmp/config/akhbar/config"
run --refresh >"$tmp/out4" 2>"$tmp/err4"
grep -qF "akhbar: $tmp/config/akhbar/config:1: in the expression, column 9: expected a \"quoted text\", at the end" \
	"$tmp/err4" || fail "bad rule: $(cat "$tmp/err4")"
line "exec:$tmp/bin/print-feed" "$tmp/out4" | grep -q '^ok ' ||
	fail "a bad rule stopped the refresh: $(cat "$tmp/out4")"

server_stop
[ $status -eq 0 ] && echo "ok commands"
exit $status
