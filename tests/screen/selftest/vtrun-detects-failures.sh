#!/bin/sh
# vtrun itself: it must FAIL (exit 1) on each deliberately wrong script in
# driven/fail-*.scr, naming the failing line; call a broken script an
# ERROR (exit 99); remove the child's temporary HOME; and end a child that
# is still running when the script ends.  Each driven script says what it
# wants on its first lines: "# want: STATUS at LINE|end" and optionally
# "# report: TEXT" (text the report must contain).
set -u
vtrun="$top_builddir/tests/screen/vtrun"
dir="$top_srcdir/tests/screen/selftest/driven"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

bad() {
	echo "FAIL $*"
	status=1
}

for script in "$dir"/fail-*.scr "$dir"/error-*.scr; do
	want=$(sed -n '1s/^# want: \([0-9]*\) at \([0-9a-z]*\).*/\1 \2/p' "$script")
	report=$(sed -n 's/^# report: //p' "$script")
	set -- $want
	if [ $# -ne 2 ]; then
		bad "$script: no '# want:' line"
		continue
	fi
	"$vtrun" "$script" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" -ne "$1" ]; then
		bad "$script: vtrun exited with $got, not $1"
		cat "$tmp/out"
		continue
	fi
	case $1,$2 in
	1,end) where="FAIL $script, at the end:" ;;
	1,*) where="FAIL $script:$2:" ;;
	*) where="$script:$2:" ;;
	esac
	if ! grep -qF "$where" "$tmp/out"; then
		bad "$script: the report does not say '$where'"
		cat "$tmp/out"
		continue
	fi
	if [ "$1" -eq 1 ] && ! grep -q '^screen (' "$tmp/out"; then
		bad "$script: the report does not show the screen"
		cat "$tmp/out"
		continue
	fi
	if [ -n "$report" ] && ! grep -qF -- "$report" "$tmp/out"; then
		bad "$script: the report lacks '$report'"
		cat "$tmp/out"
		continue
	fi
	echo "ok   $script: exit $got at $2"
done

HOME_NOTE="$tmp/home" "$vtrun" "$dir/home-removed.scr" || bad "home-removed.scr"
home=$(cat "$tmp/home" 2>/dev/null)
if [ -z "$home" ] || [ "$home" = "${HOME:-}" ]; then
	bad "home-removed.scr: the child's HOME was '$home'"
elif [ -e "$home" ]; then
	bad "home-removed.scr: $home is still there"
else
	echo "ok   the child's HOME $home was removed"
fi

PID_NOTE="$tmp/pid" "$vtrun" "$dir/child-killed.scr" || bad "child-killed.scr"
pid=$(cat "$tmp/pid" 2>/dev/null)
if [ -z "$pid" ]; then
	bad "child-killed.scr: no pid noted"
elif kill -0 "$pid" 2>/dev/null; then
	bad "child-killed.scr: process $pid still runs"
	kill "$pid"
else
	echo "ok   the child $pid left running was ended"
fi
exit $status
