#!/bin/sh
# akhbar against newsboat on the same feeds, side by side in one run.
#   bench/feeds-vs-newsboat.sh [N]
# N items in all (default 100000), about 4 KB of Persian HTML each, served
# from 127.0.0.1 only.  See bench/README.md for what is measured and how.
#
# Environment:
#   FEEDS=K      split the items into K feeds (default: feeds of at most
#                4,000 items, about 19 MB, under akhbar's 20 MB cap)
#   AKHBAR_ARGS  more options for every akhbar run
#   RUNS=R       timed runs per measure (default 3)
#   BUILD=DIR    akhbar's build folder (default: build, as ./setup.sh makes)
#   KEEP=1       keep the temporary folder (feeds, caches, raw results)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
items=${1:-100000}
feeds=${FEEDS:-$(((${1:-100000} + 3999) / 4000))}
runs=${RUNS:-3}
build=${BUILD:-$top/build}
akhbar=$build/akhbar

case $items$feeds$runs in *[!0-9]*)
	echo "usage: $0 [ITEMS]  (FEEDS, RUNS: whole numbers)" >&2
	exit 2
esac
[ -x "$akhbar" ] || {
	echo "$0: $akhbar is missing: run ./setup.sh first" >&2
	exit 1
}

# newsboat 2.21 (the Debian package), hyperfine and GNU time; nothing else
# is ever fetched.
missing=""
command -v newsboat >/dev/null || missing="$missing newsboat"
command -v hyperfine >/dev/null || missing="$missing hyperfine"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	echo "installing$missing"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/feeds-vs-newsboat.XXXXXX")
server=""
cleanup() {
	[ -z "$server" ] || kill "$server" 2>/dev/null || true
	if [ "${KEEP:-0}" = 1 ]; then
		echo "kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "generating $items items in $feeds feed(s)"
python3 "$here/gen-feed.py" --items "$items" --feeds "$feeds" "$tmp/feeds"
du -sh "$tmp/feeds" | sed 's/\t.*/ of feeds/'

python3 "$here/serve.py" "$tmp/feeds" "$tmp/port" &
server=$!
i=0
while [ ! -s "$tmp/port" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "$0: the server did not start" >&2; exit 1; }
	sleep 0.1
done
port=$(cat "$tmp/port")

# Each program gets its own home, urls file, configuration and cache.
for p in nb ak; do
	mkdir -p "$tmp/$p/home/.config" "$tmp/$p/home/.local/share" \
		"$tmp/$p/home/.cache"
	k=1
	while [ $k -le "$feeds" ]; do
		echo "http://127.0.0.1:$port/feed-$k.xml" >>"$tmp/$p/urls"
		k=$((k + 1))
	done
done
# newsboat: keep every item, fetch 8 feeds at once as akhbar does, and
# the same time limit per feed as akhbar's below.
printf 'max-items 0\nreload-threads 8\ndownload-timeout 600\n' \
	>"$tmp/nb/config"

nb="newsboat -u $tmp/nb/urls -c $tmp/nb/cache.db -C $tmp/nb/config"
ak="$akhbar --urls $tmp/ak/urls --cache $tmp/ak/cache.db ${AKHBAR_ARGS:-}"
# Run a command with a program's environment.
in_env() {
	p=$1
	shift
	env HOME="$tmp/$p/home" XDG_CONFIG_HOME="$tmp/$p/home/.config" \
		XDG_DATA_HOME="$tmp/$p/home/.local/share" \
		XDG_CACHE_HOME="$tmp/$p/home/.cache" \
		TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@"
}

results=$tmp/results
: >"$results"
note() { echo "$1 $2" >>"$results"; }

# hyperfine RUNS times (prepare before each), peak RSS by GNU time.
# time NAME PROGRAM PREPARE COMMAND
timed() {
	name=$1 p=$2 prepare=$3 cmd=$4
	rss=$tmp/$name.rss
	: >"$rss"
	in_env "$p" hyperfine --runs "$runs" --style basic \
		--prepare "$prepare" \
		--export-json "$tmp/$name.json" \
		"/usr/bin/time -f %M -a -o $rss $cmd >/dev/null 2>&1" \
		>"$tmp/$name.log" 2>&1 || {
		echo "$0: $name failed:" >&2
		tail -20 "$tmp/$name.log" >&2
		exit 1
	}
	note "$name.time" "$(python3 -c 'import json,sys
print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$tmp/$name.json")"
	note "$name.rss" "$(sort -n "$rss" | tail -1)"
	echo "  $name: $(grep "^$name.time" "$results" | cut -d' ' -f2) s"
}

nb_clear="rm -f $tmp/nb/cache.db $tmp/nb/cache.db.lock"
ak_clear="rm -f $tmp/ak/cache.db $tmp/ak/cache.db-wal $tmp/ak/cache.db-shm $tmp/ak/cache.db.lock"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "1. cold ingest ($runs runs each)"
timed nb.cold nb "$nb_clear" "$nb -x reload"
timed ak.cold ak "$ak_clear" "$ak --timeout=600 --refresh"

# The same feeds again with a new date before each run: every item is
# fetched, parsed and found known.  It also lets newsboat, which keeps no
# Last-Modified from a feed's first fetch, store it for the 304 runs.
echo "2. reload, feeds changed in date only"
touch_feeds="sleep 1.1; touch $tmp/feeds/*.xml"
timed nb.same nb "$touch_feeds" "$nb -x reload"
timed ak.same ak "$touch_feeds" "$ak --timeout=600 --refresh"

echo "3. reload answered 304 Not Modified"
timed nb.304 nb "true" "$nb -x reload"
timed ak.304 ak "true" "$ak --timeout=600 --refresh"

# Start on a terminal, time the feed list, press Enter, time the
# headlines; the median of RUNS runs, the peak memory of all.
# screen NAME PROGRAM COMMAND...
screen() {
	name=$1 p=$2
	shift 2
	r=0
	: >"$tmp/$name.screens"
	while [ $r -lt "$runs" ]; do
		in_env "$p" python3 "$here/first-screen.py" \
			--marker "Akhbar bench 1" --enter "KH-" --quit Q \
			-- "$@" >>"$tmp/$name.screens" || {
			echo "$0: $name: the screens did not show" >&2
			exit 1
		}
		r=$((r + 1))
	done
	python3 - "$tmp/$name.screens" "$name" >>"$results" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
name = sys.argv[2]
print(f"{name}.first", statistics.median(float(r[1]) for r in rows))
print(f"{name}.next", statistics.median(float(r[3]) for r in rows))
print(f"{name}.rss", max(int(r[5]) for r in rows))
EOF
	echo "  $name: $(grep "^$name.first" "$results" | cut -d' ' -f2) s" \
		"+ $(grep "^$name.next" "$results" | cut -d' ' -f2) s"
}

echo "4. first screen with $items items cached ($runs runs each)"
screen nb.screen nb $nb
screen ak.screen ak $ak
# newsboat reloads at start with -r; akhbar has no such switch: it runs
# --refresh (as from cron), then starts.
echo "5. first screen after a reload answered 304"
screen nb.screen304 nb $nb -r
screen ak.screen304 ak sh -c "$ak --refresh >/dev/null && exec $ak"

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
	"$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
	"load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
echo "$(newsboat -v | head -1 | cut -d' ' -f1-2);" \
	"$("$akhbar" --version | head -1) ($(git -C "$top" describe --always --dirty 2>/dev/null || echo '?'));" \
	"SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?');" \
	"libxml2 $(xml2-config --version 2>/dev/null || echo '?')"
python3 - "$results" "$items" "$feeds" <<'EOF'
import sys
v = {}
for line in open(sys.argv[1]):
    k, x = line.split()
    v[k] = float(x)
items, feeds = int(sys.argv[2]), int(sys.argv[3])
print()
print(f"{items:,} items in {feeds} feed(s)".replace(",", " "))
print()
print("| measure | newsboat | akhbar | akhbar / newsboat |")
print("| --- | ---: | ---: | ---: |")
def row(label, key, unit):
    a, b = v[f"nb.{key}"], v[f"ak.{key}"]
    if unit == "MiB":
        a, b = a / 1024, b / 1024
        fa, fb = f"{a:.0f} MiB", f"{b:.1f} MiB"
    elif a < 1 or b < 1:
        fa, fb = f"{a * 1000:.0f} ms", f"{b * 1000:.0f} ms"
    else:
        fa, fb = f"{a:.2f} s", f"{b:.2f} s"
    print(f"| {label} | {fa} | {fb} | {b / a:.3f} |")
row("cold ingest (wall)", "cold.time", "s")
row("cold ingest (peak RSS)", "cold.rss", "MiB")
row("reload, date changed only (wall)", "same.time", "s")
row("reload, date changed only (peak RSS)", "same.rss", "MiB")
row("reload answered 304 (wall)", "304.time", "s")
row("reload answered 304 (peak RSS)", "304.rss", "MiB")
row("start to feed list", "screen.first", "s")
row("Enter to headlines", "screen.next", "s")
row("feed list + headlines (peak RSS)", "screen.rss", "MiB")
row("start + 304 reload to feed list", "screen304.first", "s")
row("Enter to headlines (after 304 reload)", "screen304.next", "s")
row("start + 304 reload (peak RSS)", "screen304.rss", "MiB")
EOF
