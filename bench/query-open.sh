#!/bin/sh
# Opening a query feed over a cache of the million benchmark: Enter on the
# query's row to its first headline, then G to a headline of the last
# tenth of the list (the list read whole), for each query, RUNS sessions.
#   bench/query-open.sh DIR [BUILD]
# DIR holds cache.db and urls of one size (bench/million.py --dir D makes
# D/N/); the reader opens that cache: copy it first when it is another
# program's.  Figures in seconds, one line a session.
set -eu
dir=$1
build=${2:-build}
items=$(sqlite3 "$dir/cache.db" 'SELECT count(*) FROM items')
last=$((items - items / 10))
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for query in 'unread = "yes"' 'content # "روسیه"' 'title =~ "haystack"'; do
	home=$tmp/home
	rm -rf "$home"
	mkdir -p "$home/config" "$home/data" "$home/cache"
	cp "$dir/urls" "$home/urls"
	printf '"query:Query:%s"\n' "$(printf '%s' "$query" | sed 's/"/\\"/g')" \
		>>"$home/urls"
	want=KH-
	[ "$query" = 'title =~ "haystack"' ] && want=haystack
	cat >"$home/script" <<SCRIPT
start
until feeds Akhbar bench 1
type j
press <Enter>
until open $want
SCRIPT
	[ "$want" = KH- ] && cat >>"$home/script" <<SCRIPT
press G
until-number last KH- $last
SCRIPT
	cat >>"$home/script" <<SCRIPT
memory peak
type Q
SCRIPT
	echo "query: $query"
	for r in $(seq "$runs"); do
		env -u NO_COLOR -u TMUX -u LINES -u COLUMNS -u LANGUAGE \
			HOME="$home" XDG_CONFIG_HOME="$home/config" \
			XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" \
			TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
			"$build/bench/screen-time" -s 120x40 -t 60 "$home/script" \
			-- "$build/akhbar" --urls "$home/urls" \
			--cache "$dir/cache.db" | tr '\n' ' '
		echo
	done
done
