#!/bin/sh
# `akhbar --dump` of the seed at 80, 40 and 20 columns, byte for byte.
set -u
seed="$top_srcdir/seeds/000_8cb5c2daadf7745d.txt"
expected="$top_srcdir/tests/article/expected"
out=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-dump-seed.XXXXXX") || exit 99
trap 'rm -rf "$out"' EXIT
status=0
for w in 80 40 20; do
	if ! "$AKHBAR" --dump --width="$w" "$seed" >"$out/seed-$w.txt"; then
		echo "FAIL: akhbar --dump --width=$w exited non-zero"
		status=1
	elif ! cmp "$out/seed-$w.txt" "$expected/seed-$w.txt"; then
		echo "FAIL: --width=$w differs from expected/seed-$w.txt:"
		diff "$expected/seed-$w.txt" "$out/seed-$w.txt" | head -20
		status=1
	fi
done
# With no file the bundled samples (the seeds folder of the source tree,
# since this binary runs from its build tree) are shown.
if ! "$AKHBAR" --dump --width=80 >"$out/default.txt" ||
   ! cmp "$out/default.txt" "$expected/seed-80.txt"; then
	echo "FAIL: akhbar --dump without a file does not show the seeds folder"
	status=1
fi
exit $status
