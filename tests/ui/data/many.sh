#!/bin/sh
# Makes a feed of 3,000 items (item k published k minutes before the
# first, its headline "Report k from city ck on topic tk"; items 100,
# 1500 and 2900 say "zeta" too), serves it and stores it in the cache,
# then runs its arguments (akhbar): the headline list of a long feed.
dir=$HOME/many
mkdir -p "$dir" || exit 99
awk 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	print "<rss version=\"2.0\"><channel><title>Many</title>"
	split("Sat Sun Mon Tue", wday)
	for (k = 0; k < 3000; k++) {
		t = 1709641800 - k * 60 # 5 March 2024 12:30 UTC, back
		m = int(t / 60) % 60; h = int(t / 3600) % 24
		d = int(t / 86400) - 19787 + 5
		z = (k == 100 || k == 1500 || k == 2900) ? " zeta" : ""
		printf "<item><title>Report %d from city c%d on topic t%d%s</title>", k, k, k, z
		printf "<guid>m-%d</guid>", k
		printf "<pubDate>%s, %02d Mar 2024 %02d:%02d:00 +0000</pubDate>", wday[d - 1], d, h, m
		print "</item>"
	}
	print "</channel></rss>"
}' >"$dir/many.xml" || exit 99
exec sh "$(dirname "$0")/../../integ/feeds.sh" "$dir" many.xml "" offline "$@"
