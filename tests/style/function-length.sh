#!/bin/sh
# No function in src/ is longer than 100 lines, and main() at most 60:
# a function longer than a screen is split (pmccabe counts the lines).
set -u
if ! command -v pmccabe >/dev/null 2>&1; then
	echo "pmccabe is not installed (./setup.sh installs it)"
	exit 77
fi
status=0
out=$(cd "$top_srcdir" && pmccabe src/*.c src/*/*.c 2>/dev/null) || {
	echo "FAIL: pmccabe could not read src/"
	exit 1
}
[ -n "$out" ] || {
	echo "FAIL: pmccabe found no functions"
	exit 1
}
long=$(echo "$out" | awk '$5 > 100 { print $6 " " $7 ": " $5 " lines" }')
if [ -n "$long" ]; then
	echo "FAIL: functions over 100 lines:"
	echo "$long"
	status=1
fi
main=$(echo "$out" | awk '$7 == "main" && $6 ~ /src\/main\.c/ { print $5 }')
[ -n "$main" ] && [ "$main" -le 60 ] ||
	{ echo "FAIL: main() is ${main:-not found} lines, want at most 60"; status=1; }
exit $status
