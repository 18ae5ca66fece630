#!/bin/sh
# akhbar --refresh against the test HTTP server: feeds in Persian, Arabic,
# Hebrew and English (RSS, RDF, Atom; windows-1256 and windows-1255), a
# redirect, a slow server, one that never answers, one that is not a feed
# and a 10,000-item feed; then 304s on the second run, the exit statuses,
# and what the cache holds afterwards (read back with --dump).
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-refresh-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/integ/server.sh"
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

mkdir "$tmp/www"
cp "$top_srcdir"/tests/feed/data/*.xml "$tmp/www/"
python3 - "$tmp/www/big.xml" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            '<title>بزرگ</title>\n')
    for i in range(10000):
        f.write('<item><title>خبر شماره %d</title><guid>big-%d</guid>'
                '<description>&lt;p&gt;متن خبر %d&lt;/p&gt;</description></item>\n'
                % (i, i, i))
    f.write('</channel></rss>\n')
PY
server_start "$tmp/www"

cat >"$tmp/urls" <<URLS
# every kind the reader meets
$base/etag/rss2-fa.xml fa
$base/atom-ar.xml ar
$base/redirect/2/he-windows-1255.xml he
$base/lastmod/atom-en.xml en
$base/fa-windows-1256.xml
$base/slow/500/rdf-he.xml
$base/garbage.xml
$base/hang
$base/etag/big.xml
query:unread:"unread = \"yes\""
URLS
# The timeout is long for a loopback server: the sanitizer build parses
# the 10,000-item feed while the other transfers' clocks run.
run() {
	"$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" --timeout 12 "$@"
}

run --refresh >"$tmp/out1" 2>"$tmp/err1"
rc=$?
[ $rc -eq 1 ] || fail "first refresh exited $rc, not 1 (two feeds fail)"
[ "$(wc -l <"$tmp/out1")" -eq 9 ] || fail "not one line per feed: $(cat "$tmp/out1")"
line() { # the summary line of a feed
	grep -F "  $1  " "$2"
}
for f in etag/rss2-fa.xml atom-ar.xml redirect/2/he-windows-1255.xml \
	lastmod/atom-en.xml fa-windows-1256.xml slow/500/rdf-he.xml; do
	line "$base/$f" "$tmp/out1" | grep -q '^ok  .* [1-9][0-9]* new, [1-9][0-9]* items\?$' ||
		fail "$f: $(line "$base/$f" "$tmp/out1")"
done
line "$base/etag/big.xml" "$tmp/out1" | grep -q '  10000 new, 10000 items$' ||
	fail "big feed: $(line "$base/etag/big.xml" "$tmp/out1")"
line "$base/garbage.xml" "$tmp/out1" | grep -q '^error  .*  not a feed: ' ||
	fail "garbage: $(line "$base/garbage.xml" "$tmp/out1")"
line "$base/hang" "$tmp/out1" | grep -q '^error  .*  no data for 12 s$' ||
	fail "hang: $(line "$base/hang" "$tmp/out1")"
[ -s "$tmp/err1" ] && fail "stderr: $(cat "$tmp/err1")"

# The second run: the conditional GETs get 304s, nothing new.
run --refresh >"$tmp/out2" 2>&1
line "$base/etag/rss2-fa.xml" "$tmp/out2" | grep -q '^ok  .*  not modified$' ||
	fail "etag 304: $(line "$base/etag/rss2-fa.xml" "$tmp/out2")"
line "$base/lastmod/atom-en.xml" "$tmp/out2" | grep -q '^ok  .*  not modified$' ||
	fail "last-modified 304: $(line "$base/lastmod/atom-en.xml" "$tmp/out2")"
line "$base/etag/big.xml" "$tmp/out2" | grep -q '^ok  .*  not modified$' ||
	fail "big feed 304: $(line "$base/etag/big.xml" "$tmp/out2")"
line "$base/atom-ar.xml" "$tmp/out2" | grep -q '  0 new, 2 items$' ||
	fail "refetch: $(line "$base/atom-ar.xml" "$tmp/out2")"

# Everything readable from the cache, in logical order for grep: the
# Persian, Arabic, Hebrew (converted from windows-1255) and English items.
run --dump --width=80 --bidi=terminal >"$tmp/dump" || fail "--dump of the cache failed"
for text in 'نشست «G20» در تهران برگزار شد' 'الرئيس يلتقي الوفد' 'חדשות' \
	'Summary only' 'خبر شماره 9999' 'متن خبر 0'; do
	grep -qF "$text" "$tmp/dump" || fail "the cache lacks '$text'"
done
items=$(grep -c "$(printf '^\f$')" "$tmp/dump")
[ "$items" -ge 10009 ] || fail "only $((items + 1)) items in the cache"

# All fetched: status 0.  A feed list of good feeds only.
grep -v -e garbage -e hang "$tmp/urls" >"$tmp/urls-good"
"$AKHBAR" --urls "$tmp/urls-good" --cache "$tmp/cache.db" --refresh >"$tmp/out3" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "all fetched, yet exit $rc: $(cat "$tmp/out3")"
grep -q '^error' "$tmp/out3" && fail "an error line: $(cat "$tmp/out3")"

# The cache can't be opened: a message and status 1, never a crash.
printf 'not a database, just text\n' >"$tmp/bad.db"
"$AKHBAR" --urls "$tmp/urls-good" --cache "$tmp/bad.db" --refresh >"$tmp/out4" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "bad cache: exit $rc"
grep -q 'akhbar: .*bad.db' "$tmp/out4" || fail "bad cache message: $(cat "$tmp/out4")"

# --dump of a feed by URL (through a redirect), by file:// URL and as a
# plain file: the same items, separated by form feeds.
"$AKHBAR" --dump --width=60 --bidi=terminal "$base/redirect/1/atom-ar.xml" \
	>"$tmp/url.txt" 2>&1 || fail "--dump URL: $(cat "$tmp/url.txt")"
"$AKHBAR" --dump --width=60 --bidi=terminal "file://$tmp/www/atom-ar.xml" \
	>"$tmp/fileurl.txt" 2>&1 || fail "--dump file URL: $(cat "$tmp/fileurl.txt")"
"$AKHBAR" --dump --width=60 --bidi=terminal "$tmp/www/atom-ar.xml" \
	>"$tmp/file.txt" 2>&1 || fail "--dump FEEDFILE: $(cat "$tmp/file.txt")"
grep -qF 'الرئيس يلتقي الوفد' "$tmp/url.txt" || fail "--dump URL: $(cat "$tmp/url.txt")"
[ "$(grep -c "$(printf '^\f$')" "$tmp/url.txt")" -eq 1 ] || fail "--dump URL: not 2 items"
cmp -s "$tmp/file.txt" "$tmp/fileurl.txt" || fail "--dump file:// differs from the file"
# Links resolve against the URL read, so only those may differ.
[ "$(grep -vc 'http' "$tmp/url.txt")" -eq "$(grep -vc 'http' "$tmp/file.txt")" ] ||
	fail "--dump URL and FEEDFILE differ"
"$AKHBAR" --dump "$base/garbage.xml" >"$tmp/bad.txt" 2>&1
[ $? -eq 1 ] || fail "--dump of a non-feed URL succeeded"
grep -q "akhbar: $base/garbage.xml: not a feed" "$tmp/bad.txt" || fail "message: $(cat "$tmp/bad.txt")"
"$AKHBAR" --dump --timeout=1 "$base/hang" >"$tmp/hang.txt" 2>&1
[ $? -eq 1 ] || fail "--dump of a hanging URL succeeded"
grep -q "no data for 1 s" "$tmp/hang.txt" || fail "message: $(cat "$tmp/hang.txt")"
# --timeout bounds silence, not the transfer: a feed that trickles in
# for about 4 s arrives under --timeout=2, and --max-time caps it.
"$AKHBAR" --dump "$base/atom-en.xml" >"$tmp/atom-en.txt" 2>&1
"$AKHBAR" --dump --timeout=2 "$base/trickle/70/400/atom-en.xml" \
	>"$tmp/trickle.txt" 2>&1 || fail "trickle: $(cat "$tmp/trickle.txt")"
cmp -s "$tmp/trickle.txt" "$tmp/atom-en.txt" ||
	fail "trickle: not the whole feed: $(cat "$tmp/trickle.txt")"
"$AKHBAR" --dump --timeout=2 --max-time=1.5 \
	"$base/trickle/70/400/atom-en.xml" >"$tmp/capped.txt" 2>&1
[ $? -eq 1 ] || fail "--max-time did not end a trickling feed"
grep -q "took longer than 1.5 s" "$tmp/capped.txt" ||
	fail "message: $(cat "$tmp/capped.txt")"
# The size cap: 3 MB passes under --max-size=4, not under --max-size=2.
"$AKHBAR" --dump --max-size=2 "$base/big/3145728" >"$tmp/big.txt" 2>&1
[ $? -eq 1 ] || fail "a 3 MB feed passed --max-size=2"
grep -q "too large (over 2 MB)" "$tmp/big.txt" || fail "message: $(cat "$tmp/big.txt")"
"$AKHBAR" --dump --max-size=4 "$base/big/3145728" >"$tmp/big.txt" 2>&1
grep -q "too large" "$tmp/big.txt" && fail "a 3 MB feed was refused under --max-size=4"
"$AKHBAR" --dump --max-size=0 "$base/big/10" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--max-size=0 was taken"

server_stop
[ $status -eq 0 ] && echo "ok refresh"
exit $status
