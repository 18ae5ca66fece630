#!/bin/sh
# A query: line whose expression is bad, or that has no name, is reported
# as FILE:LINE with what is wrong, and left out; the good lines around
# it are kept.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-query-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
feed=$(cd "$top_srcdir" && pwd)/tests/integ/query/gamma.xml
cat >"$tmp/urls" <<URLS
file://$feed culture
"query:Good:tags # \"culture\""
"query:Bad:title =~ "
"query:no name at all"
"query:Worse:unread = \"maybe\" or"
URLS
HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp \
	"$AKHBAR" --urls "$tmp/urls" --cache "$tmp/c.db" --refresh \
	>"$tmp/out" 2>"$tmp/err" || {
	cat "$tmp/out" "$tmp/err"
	exit 1
}
cat "$tmp/err"
fail=0
expect() {
	grep -qF -- "$1" "$tmp/err" || {
		echo "missing: $1"
		fail=1
	}
}
expect "$tmp/urls:3: bad query expression: column 10:"
expect "$tmp/urls:4: query: needs a name and an expression"
expect "$tmp/urls:5: bad query expression: column"
[ "$(wc -l <"$tmp/err")" -eq 3 ] || {
	echo "expected three errors"
	fail=1
}
exit $fail
