#!/bin/sh
# akhbar --refresh on feeds as they are in the wild, over HTTP, and what
# the cache keeps: the Content-Type charset read (windows-1255 with no
# declaration), Content-Location as the base and Content-Language as the
# language, two items without guid or link that share a title and a date
# kept apart, a feed URL opened with --dump read in its HTTP charset,
# and after every feed fixture of the suite has been stored,
# nothing but valid UTF-8 in any text column of any table.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-refresh-wild.XXXXXX") || exit 99
. "$top_srcdir/tests/integ/server.sh"
trap 'server_stop; rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
server_start "$top_srcdir/tests"
plain=header/Content-Type/application%2Fxml
{
	echo "$base/header/Content-Type/application%2Frss%2Bxml%3Bcharset%3Dwindows-1255/feed/data/wild-he-1255.xml"
	echo "$base/header/Content-Location/%2Fnews%2Frss.xml/header/Content-Language/fa/feed/data/wild-http.xml"
	for f in "$top_srcdir"/tests/feed/data/*.xml "$top_srcdir"/tests/fetch/data/*.xml; do
		dir=$(basename "$(dirname "$(dirname "$f")")")
		echo "$base/$plain/$dir/data/$(basename "$f")"
	done
} >"$tmp/urls"
HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp \
	timeout 60 "$AKHBAR" --urls "$tmp/urls" --cache "$tmp/cache.db" \
	--refresh >"$tmp/out" 2>&1
rc=$?
[ $rc -le 1 ] || fail "exit $rc: $(cat "$tmp/out")"
grep -q "wild-same-title.xml  2 new, 2 items\$" "$tmp/out" ||
	fail "same titles: $(grep same-title "$tmp/out")"

python3 - "$tmp/cache.db" "$base" <<'PY' || status=1
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
db.text_factory = bytes
base = sys.argv[2]
failed = False


def check(what, got, want):
    global failed
    if got != want:
        print("FAIL: %s: got %r, want %r" % (what, got, want))
        failed = True


def one(sql, *args):
    row = db.execute(sql, args).fetchone()
    return row and tuple(v.decode(errors="replace")
                         if isinstance(v, bytes) else v
                         for v in row)


he = one("SELECT f.title, i.title FROM feeds f JOIN items i"
         " ON i.feed_id = f.id WHERE f.url LIKE '%wild-he-1255.xml'")
check("the HTTP charset", he, ("חדשות ישראל", "שלג כבד"))
http = one("SELECT link, language FROM feeds"
           " WHERE url LIKE '%Content-Location%wild-http.xml'")
check("Content-Location, Content-Language", http,
      (base + "/news/site/", "fa"))
same = db.execute("SELECT count(*) FROM items i JOIN feeds f ON"
                  " i.feed_id = f.id WHERE f.url LIKE"
                  " '%wild-same-title.xml'").fetchone()[0]
check("items with the same title and date", same, 2)

# Every text value of every table, the story index's too.
tables = [r[0].decode() for r in db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table'")]
values = 0
for table in tables:
    try:
        cols = [r[1].decode() for r in
                db.execute('PRAGMA table_info("%s")' % table)]
        for col in cols:
            for rowid, v in db.execute(
                    'SELECT rowid, "%s" FROM "%s" WHERE typeof("%s") = '
                    "'text'" % (col, table, col)):
                values += 1
                try:
                    v.decode("utf-8")
                except UnicodeDecodeError:
                    print("FAIL: %s.%s row %s is not UTF-8: %r"
                          % (table, col, rowid, v[:80]))
                    failed = True
    except sqlite3.OperationalError:
        pass  # a virtual table of a module this sqlite3 lacks
items = db.execute("SELECT count(*) FROM items").fetchone()[0]
if items < 40 or values < 400:
    print("FAIL: only %d items, %d text values" % (items, values))
    failed = True
sys.exit(1 if failed else 0)
PY
# A feed URL opened straight away reads the HTTP charset too, over a
# declaration that lies.
"$AKHBAR" --dump "$base/header/Content-Type/text%2Fxml%3Bcharset%3Dkoi8-r/feed/data/wild-ru-koi8.xml" \
	>"$tmp/dump" 2>&1 || fail "--dump URL: $(cat "$tmp/dump")"
grep -q "Новости дня" "$tmp/dump" ||
	fail "--dump URL did not read the HTTP charset: $(head -5 "$tmp/dump")"
exit $status
