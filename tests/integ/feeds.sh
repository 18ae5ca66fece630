#!/bin/sh
# Runs akhbar's reader over subscriptions served by the test HTTP server,
# for the screen tests:
#   feeds.sh DATA "FEED..." "LATER..." online|offline AKHBAR [OPTION...]
# serves the folder DATA, subscribes to each FEED (a path on the server),
# fills the cache with `AKHBAR OPTION... --refresh`, then subscribes to
# each LATER feed too (not fetched yet), stops the server when offline,
# and runs `AKHBAR OPTION...`.  The path "hang" is a server that never
# answers.  Uses the HOME and XDG folders the screen test harness made.
set -u
data=$1 feeds=$2 later=$3 mode=$4
shift 4
tmp=$HOME/server
mkdir -p "$tmp" "$XDG_CONFIG_HOME/akhbar" || exit 99
. "$(dirname "$0")/server.sh"
server_start "$data"
urls=$XDG_CONFIG_HOME/akhbar/urls
for f in $feeds; do
	echo "$base/$f" >>"$urls"
done
"$@" --refresh >"$tmp/refresh.log" 2>&1 || {
	cat "$tmp/refresh.log"
	exit 99
}
for f in $later; do
	echo "$base/$f" >>"$urls"
done
if [ "$mode" = offline ]; then
	server_stop
else
	# The server outlives this shell: the reader holds its stdin open.
	:
fi
exec "$@"
