#!/bin/sh
# --expire-days and --purge end to end: a refresh with expiry set removes
# the old items that are not starred (from the list and from the search
# index), keeps the starred one and the recent ones, and the file
# shrinks; an expired item the feed still lists does not come back;
# --purge removes a feed no longer subscribed, with its items.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-expire-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/integ/server.sh"
tool=$top_builddir/tests/cache/cache-tool
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

# feed FILE FIRST LAST WHAT [OLD]: items WHAT FIRST..LAST with long
# bodies; FIRST..OLD dated 40 days ago, the others undated.
feed() {
	python3 - "$@" <<'PY'
import sys, time, email.utils
path, first, last, what = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
old = int(sys.argv[5]) if len(sys.argv) > 5 else 0
date = email.utils.formatdate(time.time() - 40 * 86400)
with open(path, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'
            '<channel><title>%s</title>\n' % what)
    for i in range(first, last + 1):
        body = " ".join("word%d of %s %d." % (k, what, i) for k in range(300))
        dated = '<pubDate>%s</pubDate>' % date if i <= old else ''
        f.write('<item><title>%s %d</title><guid>%s-%d</guid>%s'
                '<description>%s</description></item>\n'
                % (what, i, what, i, dated, body))
    f.write('</channel></rss>\n')
PY
}

mkdir "$tmp/www"
feed "$tmp/www/feed.xml" 1 200 story
feed "$tmp/www/other.xml" 1 3 gone
server_start "$tmp/www"
printf '%s\n%s\n' "$base/feed.xml" "$base/other.xml" >"$tmp/urls"
run() {
	"$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" --timeout 12 "$@"
}
run --refresh >"$tmp/out1" 2>&1 || fail "first refresh: $(cat "$tmp/out1")"

# Stories 1..150 look 40 days old (fetched and dated then); 7 is starred.
# The feed no longer lists them, as feeds drop their old items.
"$tool" sql "$tmp/cache.db" "UPDATE items SET first_seen = first_seen - 40 * 86400,
	time = strftime('%s', 'now') - 40 * 86400
	WHERE guid LIKE 'story-%' AND CAST(substr(guid, 7) AS INTEGER) <= 150;
	UPDATE items SET starred = 1 WHERE guid = 'story-7'" || exit 99
feed "$tmp/www/feed.xml" 151 200 story
before=$(wc -c <"$tmp/cache.db")

run --refresh --expire-days=30 >"$tmp/out2" 2>&1 ||
	fail "refresh with expiry: $(cat "$tmp/out2")"
grep -q '^expired: 149 items older than 30 days$' "$tmp/out2" ||
	fail "not said: $(cat "$tmp/out2")"
run --dump >"$tmp/dump" 2>&1 || fail "--dump: $(cat "$tmp/dump")"
for t in 'story 7' 'story 151' 'story 200' 'gone 1'; do
	grep -q "^$t\$" "$tmp/dump" || fail "$t went"
done
for t in 'story 1' 'story 8' 'story 150'; do
	grep -q "^$t\$" "$tmp/dump" && fail "$t stayed"
done
run --search story >"$tmp/found" 2>&1
[ "$(grep -c 'story' "$tmp/found")" -eq 51 ] ||
	fail "the index still has expired items: $(wc -l <"$tmp/found") found"
after=$(wc -c <"$tmp/cache.db")
echo "the cache: $before bytes before the expiry, $after after"
[ "$after" -lt $((before / 2)) ] ||
	fail "the file went from $before to $after bytes only"
# A second expiry finds nothing and says nothing.
run --refresh --expire-days=30 >"$tmp/out3" 2>&1 || fail "second refresh"
grep -q expired "$tmp/out3" && fail "expired again: $(cat "$tmp/out3")"

# The feed lists its expired items again, with their old dates: they stay
# gone; the starred one stays as it was.
feed "$tmp/www/feed.xml" 1 200 story 150
run --refresh --expire-days=30 >"$tmp/out5" 2>&1 ||
	fail "refresh of old items: $(cat "$tmp/out5")"
grep -q ' 0 new, 50 items$' "$tmp/out5" ||
	fail "old items stored: $(cat "$tmp/out5")"
run --dump >"$tmp/dump3" 2>&1 || fail "--dump: $(cat "$tmp/dump3")"
for t in 'story 1' 'story 8' 'story 150'; do
	grep -q "^$t\$" "$tmp/dump3" && fail "expired $t came back"
done
for t in 'story 7' 'story 151'; do
	grep -q "^$t\$" "$tmp/dump3" || fail "$t went"
done

# Unsubscribed: its items stay until --purge.
printf '%s\n' "$base/feed.xml" >"$tmp/urls"
run --dump | grep -q '^gone 1$' || fail "an unsubscribed feed lost its items"
run --purge >"$tmp/out4" 2>&1 || fail "--purge: $(cat "$tmp/out4")"
run --dump >"$tmp/dump2" 2>&1
grep -q '^gone' "$tmp/dump2" && fail "--purge left the unsubscribed feed"
grep -q '^story 7$' "$tmp/dump2" || fail "--purge removed a subscribed feed's item"
run --purge --refresh >/dev/null 2>&1
[ $? -eq 2 ] || fail "--purge --refresh was not refused"
exit $status
