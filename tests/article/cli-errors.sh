#!/bin/sh
# Exit codes and messages: unusable files, options, write errors.
set -u
seed="$top_srcdir/seeds/000_8cb5c2daadf7745d.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-cli-errors.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

# An empty file: exit 1, one line naming it, nothing on stdout.
: >"$tmp/empty.txt"
"$AKHBAR" --dump "$tmp/empty.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || fail "empty file: exit $rc, want 1"
[ ! -s "$tmp/out" ] || fail "empty file: something on stdout"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "empty file: not one line on stderr: $(cat "$tmp/err")"
grep -q "^akhbar: $tmp/empty.txt: " "$tmp/err" || fail "empty file: message is '$(cat "$tmp/err")'"

# A missing file beside a good one: the good one is shown, exit 1.
"$AKHBAR" --dump --width=80 "$tmp/missing.txt" "$seed" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || fail "missing file: exit $rc, want 1"
[ "$(cat "$tmp/err")" = "akhbar: $tmp/missing.txt: No such file or directory" ] ||
	fail "missing file: message is '$(cat "$tmp/err")'"
[ -s "$tmp/out" ] || fail "missing file: the good file was not shown"

# An empty folder: nothing to show.
mkdir "$tmp/none"
"$AKHBAR" --dump "$tmp/none" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || fail "empty folder: exit $rc, want 1"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "empty folder: $(cat "$tmp/err")"

# --help and --version: exit 0 with output; a bad option: exit 2.
"$AKHBAR" --help >"$tmp/out" 2>&1 || fail "--help exited non-zero"
grep -q -- "--dump" "$tmp/out" || fail "--help does not list --dump"
"$AKHBAR" --version >"$tmp/out" 2>&1 || fail "--version exited non-zero"
grep -q "^akhbar " "$tmp/out" || fail "--version: $(head -1 "$tmp/out")"
for bad in --no-such-option --width=0 --width=x --shaping=maybe --bidi=left; do
	"$AKHBAR" --dump "$bad" "$seed" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] || fail "$bad: exit $rc, want 2"
	[ -s "$tmp/err" ] || fail "$bad: no message"
done

# A full disk: exit non-zero with a message.
if [ -w /dev/full ]; then
	"$AKHBAR" --dump --width=80 "$seed" >/dev/full 2>"$tmp/err"
	rc=$?
	[ $rc -ne 0 ] || fail "> /dev/full: exit 0"
	grep -q "^akhbar: " "$tmp/err" || fail "> /dev/full: no message"
else
	echo "FAIL: /dev/full is missing"
	status=1
fi
exit $status
