#!/bin/sh
# Makes a feed of 60,000 items, or N (item k published 30k seconds
# before the first, its headline "Story k", every tenth's "Story k
# marked"), stores it in the cache and subscribes to it with a query
# feed of the marked ones after it, and one of the first and the last
# marked (Ends), then runs its arguments (akhbar): queries whose lists
# are read in many slices.
#   query-long.sh [N] AKHBAR [OPTION...]
n=60000
case $1 in
[0-9]*) n=$1 && shift ;;
esac
dir=$HOME/long
mkdir -p "$dir" || exit 99
awk -v n="$n" 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	print "<rss version=\"2.0\"><channel><title>Long</title>"
	for (k = 0; k < n; k++) {
		t = 1709209800 - k * 30 # 29 February 2024 12:30 UTC, back
		s = t % 60; m = int(t / 60) % 60; h = int(t / 3600) % 24
		d = int(t / 86400) - 19782 + 29
		printf "<item><title>Story %d%s</title>", k, k % 10 ? "" : " marked"
		printf "<guid>l-%d</guid>", k
		printf "<pubDate>%02d Feb 2024 %02d:%02d:%02d +0000</pubDate>", d, h, m, s
		print "</item>"
	}
	print "</channel></rss>"
}' >"$dir/long.xml" || exit 99
printf 'file://%s/long.xml\n"query:Marked:title =~ \\"marked\\""\n"query:Ends:title =~ \\"^Story (0|59990) marked$\\""\n' \
	"$dir" >"$dir/urls" || exit 99
"$@" --urls "$dir/urls" --max-size=64 --refresh >"$dir/refresh.log" 2>&1 || {
	cat "$dir/refresh.log"
	exit 99
}
exec "$@" --urls "$dir/urls"
