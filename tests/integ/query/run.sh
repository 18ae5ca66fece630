#!/bin/sh
# For the screen tests of query feeds and tags: writes the urls file of
# this folder's feeds (urls.in), fills the cache with `AKHBAR OPTION...
# --refresh` (its messages in $HOME/refresh.log), then runs
# `AKHBAR OPTION...`.  Uses the HOME the screen test harness made.
#   run.sh AKHBAR [OPTION...]
set -u
dir=$(cd "$(dirname "$0")" && pwd)
sed "s|@DIR@|$dir|" "$dir/urls.in" >"$HOME/urls" || exit 99
"$@" --urls "$HOME/urls" --refresh >"$HOME/refresh.log" 2>&1 || {
	cat "$HOME/refresh.log"
	exit 99
}
exec "$@" --urls "$HOME/urls"
