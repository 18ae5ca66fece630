#!/bin/sh
# Every news page of tests/extract/pages through `akhbar --extract`: the
# output is exactly the article file written beside it (headline, date,
# link, site, the body paragraphs and nothing of the menus, share bars,
# captions, tags, "read also" boxes, most-read lists, comments and footers
# around them, the credit line, the related headlines in page order), and
# the exit status is 0.
set -u
pages="$top_srcdir/tests/extract/pages"
out=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-extract-pages.XXXXXX") || exit 99
trap 'rm -rf "$out"' EXIT
status=0
count=0
for page in "$pages"/*.html; do
	name=$(basename "$page" .html)
	count=$((count + 1))
	"$AKHBAR" --extract "$page" >"$out/$name.txt" 2>"$out/$name.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: $name: exit $rc: $(cat "$out/$name.err")"
		status=1
	elif ! diff -u "$pages/$name.expected" "$out/$name.txt"; then
		echo "FAIL: $name: not the expected article"
		status=1
	elif [ -s "$out/$name.err" ]; then
		echo "FAIL: $name: said on stderr: $(cat "$out/$name.err")"
		status=1
	fi
done
# The set is the one the generator writes: at least 20 pages.
if [ $count -lt 20 ]; then
	echo "FAIL: only $count pages"
	status=1
fi
exit $status
