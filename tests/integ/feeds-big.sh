#!/bin/sh
# Runs the reader over the Persian test feed, with a generated feed of
# about MB megabytes (short items) subscribed but not fetched yet:
#   feeds-big.sh MB AKHBAR [OPTION...]
set -u
mb=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
www=$HOME/www
mkdir -p "$www" || exit 99
cp "$here/../feed/data/rss2-fa.xml" "$www/" || exit 99
python3 - "$www/big.xml" "$mb" <<'PY' || exit 99
import sys
path, mb = sys.argv[1], int(sys.argv[2])
parts = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'
         '<channel><title>بزرگ</title>\n']
size, i = 0, 0
while size < mb * 1024 * 1024:
    item = ('<item><title>خبر شماره %d از خوراک بزرگ</title>'
            '<guid>big-%d</guid><description>&lt;p&gt;متن خبر %d که '
            'چند کلمه دارد.&lt;/p&gt;</description></item>\n' % (i, i, i))
    parts.append(item)
    size += len(item.encode())
    i += 1
parts.append('</channel></rss>\n')
with open(path, "w", encoding="utf-8") as f:
    f.write("".join(parts))
PY
exec sh "$here/feeds.sh" "$www" "rss2-fa.xml" "big.xml" online "$@"
