#!/bin/sh
# The man page names every ACTION (src/ui/actions.h) and every ROLE
# (src/ui/roles.h), and renders without warnings, the star mark as a star.
set -u
man=$top_srcdir/doc/akhbar.1
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
names() {
	sed -n "s/.*$1([A-Z_]*, *\"\([a-z-]*\)\".*/\1/p" "$top_srcdir/src/ui/$2"
}
# The lists as the page writes them: ".BR name\-part ," lines.
listed() {
	awk -v what="$1" '
		/^\.I (ACTION|ROLE)$/ { on = ($2 == what); next }
		on && /^\.BR / { n = $2; gsub(/\\-/, "-", n); print n }
		on && /^\.BR .*\.$/ { on = 0 }
		on && /^\.PP/ { on = 0 }' "$man"
}
for a in $(names ACTION actions.h); do
	listed ACTION | grep -qx "$a" || fail "the man page's ACTION list lacks $a"
done
for r in $(names ROLE roles.h); do
	listed ROLE | grep -qx "$r" || fail "the man page's ROLE list lacks $r"
done
[ "$(names ACTION actions.h | wc -l)" -gt 20 ] || fail "no actions read"
if command -v groff >/dev/null 2>&1; then
	out=$(groff -k -man -Tutf8 -ww "$man" 2>&1 >/dev/null)
	[ -z "$out" ] || fail "groff warns: $out"
	groff -k -man -Tutf8 "$man" 2>/dev/null | grep -q "★" ||
		fail "the star mark does not render as ★"
else
	echo "groff not installed: the rendering was not checked"
fi
exit $status
