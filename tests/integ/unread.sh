#!/bin/sh
# Runs akhbar's reader over three feeds served from a copy of
# tests/integ/unread (so a test can change a feed while the reader runs,
# in $HOME/live), with a config file, for the unread flow's screen tests:
#   unread.sh "CONFIG" "FEED..." "LATER..." AKHBAR [OPTION...]
# CONFIG is written to the config file (printf %b: \n for a new line);
# FEED and LATER as feeds.sh takes them.
set -u
config=$1 feeds=$2 later=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$HOME/live" "$XDG_CONFIG_HOME/akhbar" || exit 99
cp "$here"/unread/*.xml "$HOME/live/" || exit 99
printf '%b\n' "$config" >"$XDG_CONFIG_HOME/akhbar/config"
exec sh "$here/feeds.sh" "$HOME/live" "$feeds" "$later" online "$@"
