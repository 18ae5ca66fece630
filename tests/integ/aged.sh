#!/bin/sh
# For tests/integ/feeds-expire.scr, in place of AKHBAR in feeds.sh:
#   aged.sh AKHBAR [OPTION...]
# a --refresh runs without --expire-days (the feed's items are dated
# long ago, and an update with it would store none of them); before the
# reader starts, every item but news-1001 is made 40 days old (fetched
# and dated then).
case " $* " in
*" --refresh "*)
	for arg; do
		shift
		case $arg in
		--expire-days=*) ;;
		*) set -- "$@" "$arg" ;;
		esac
	done
	exec "$@"
	;;
esac
"$top_builddir/tests/cache/cache-tool" sql "$XDG_DATA_HOME/akhbar/cache.db" \
	"UPDATE items SET first_seen = first_seen - 40 * 86400,
	 time = strftime('%s', 'now') - 40 * 86400 WHERE guid != 'news-1001'" ||
	exit 99
exec "$@"
