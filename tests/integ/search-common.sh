#!/bin/sh
# Runs the reader over a feed of 2,400 items, every other one's headline
# holding the word "storm" (1,200 of them: more than a search counts)
# and one holding "needle", refreshed into the cache first:
#   search-common.sh AKHBAR [OPTION...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
www=$HOME/www
mkdir -p "$www" || exit 99
python3 - "$www/common.xml" <<'PY' || exit 99
import sys
parts = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'
         '<channel><title>Weather</title>\n']
CONSONANTS, VOWELS = "bdfgklmnprstvz", "aeiou"


def word(n):
    """A made-up word of three syllables, a different one for each n."""
    out = ""
    for _ in range(3):
        out += CONSONANTS[n % 14] + VOWELS[(n // 14) % 5]
        n //= 70
    return out


for i in range(2400):
    # four words no other headline has: no two are near-duplicates
    words = " ".join(word(4 * i + k) for k in range(4))
    title = ("Storm %s" % words if i % 2 else "Calm %s" % words)
    if i == 1801:
        title = "A needle %s" % words
    day = 1 + i // 100
    parts.append('<item><title>%s</title><guid>w-%d</guid>'
                 '<pubDate>Mon, %02d Jan 2024 %02d:%02d:00 GMT</pubDate>'
                 '</item>\n' % (title, i, day, (i // 60) % 24, i % 60))
parts.append('</channel></rss>\n')
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("".join(parts))
PY
exec sh "$here/feeds.sh" "$www" "common.xml" "" offline "$@"
