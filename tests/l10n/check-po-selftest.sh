#!/bin/sh
# check-po.sh itself: it passes a complete Persian catalogue and fails each
# kind of defect it is meant to catch, for the reason it names.
set -u
check=$top_srcdir/tests/l10n/check-po.sh
dir=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-check-po-XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
status=0

# Arabic letters and digits as bytes, so that this file shows which is which.
ar_yeh=$(printf '\331\212')   # U+064A
ar_kaf=$(printf '\331\203')   # U+0643
ar_three=$(printf '\331\243') # U+0663
zwnj=$(printf '\342\200\214') # U+200C

header() {
	cat <<'HDR'
msgid ""
msgstr ""
"Project-Id-Version: akhbar\n"
"PO-Revision-Date: 2026-01-01 00:00+0000\n"
"Last-Translator: akhbar translators\n"
"Language-Team: Persian\n"
"Language: fa\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"

HDR
}

# expect NAME RC MESSAGE PO [POT]: check-po.sh exits RC and, when it fails,
# prints MESSAGE.
expect() {
	name=$1 want=$2 why=$3
	shift 3
	"$check" "$@" >"$dir/$name.out" 2>&1
	got=$?
	if [ $got -ne "$want" ]; then
		echo "FAIL: $name: check-po.sh exited $got, expected $want:"
		cat "$dir/$name.out"
		status=1
	elif [ -n "$why" ] && ! grep -q "FAIL: .*$why" "$dir/$name.out"; then
		echo "FAIL: $name: check-po.sh did not say '$why':"
		cat "$dir/$name.out"
		status=1
	else
		echo "ok: $name"
	fi
}

{
	header
	printf '#, c-format\nmsgid "%%zu stories"\nmsgstr "%%zu خبر"\n\n'
	printf 'msgid "Related stories"\nmsgstr "خبرهای مرتبط"\n\n'
	printf 'msgid "%s is Arabic yeh"\nmsgstr "این یای عربی است"\n\n' "$ar_yeh"
	printf 'msgid "It is shown"\nmsgstr "نشان داده می%sشود"\n' "$zwnj"
} >"$dir/good.po"
expect good 0 '' "$dir/good.po" "$dir/good.po"

# The quoted Arabic yeh in a msgid above is allowed; in a msgstr it is not,
# on its first line or on a continued one.
{ header; printf 'msgid "Keys"\nmsgstr "کل%sدها"\n' "$ar_yeh"; } >"$dir/yeh.po"
expect arabic-yeh 1 'Arabic letters' "$dir/yeh.po" ''

{
	header
	printf 'msgid ""\n"Show the "\n"keys"\nmsgstr ""\n"نمایش "\n"%sلیدها"\n' \
		"$ar_kaf"
} >"$dir/kaf.po"
expect arabic-kaf-continued 1 'Arabic letters' "$dir/kaf.po" ''

{ header; printf 'msgid "3 stories"\nmsgstr "%s خبر"\n' "$ar_three"; } \
	>"$dir/digit.po"
expect arabic-digit 1 'Arabic letters' "$dir/digit.po" ''

{ header; printf 'msgid "Keys"\nmsgstr ""\n\nmsgid "Quit"\nmsgstr "خروج"\n'; } \
	>"$dir/empty.po"
expect untranslated 1 'untranslated' "$dir/empty.po" ''

{ header; printf '#, fuzzy\nmsgid "Keys"\nmsgstr "کلیدها"\n\nmsgid "Quit"\nmsgstr "خروج"\n'; } \
	>"$dir/unsure.po"
expect fuzzy 1 'fuzzy' "$dir/unsure.po" ''

{ header; printf '#, c-format\nmsgid "line %%zu"\nmsgstr "سطر %%s"\n'; } \
	>"$dir/format.po"
expect format-mismatch 1 'rejects' "$dir/format.po" ''

{ header; printf 'msgid "Keys\\n"\nmsgstr "کلیدها"\n'; } >"$dir/newline.po"
expect newline-mismatch 1 'rejects' "$dir/newline.po" ''

grep -v '^"Last-Translator' "$dir/good.po" >"$dir/anonymous.po"
expect no-translator 1 'warns' "$dir/anonymous.po" ''

# A template with a message the catalogue does not have yet.
{ cat "$dir/good.po"; printf '\nmsgid "A new message"\nmsgstr ""\n'; } \
	>"$dir/newer.pot"
expect missing-from-pot 1 'lacks messages' "$dir/good.po" "$dir/newer.pot"

{ header; } >"$dir/nothing.po"
expect no-messages 1 'translates no message' "$dir/nothing.po" ''

# An Arabic catalogue: its own yeh, kaf and digits pass; Persian ones fail.
ar_header() { header | sed 's/^"Language: fa/"Language: ar/'; }
{
	ar_header
	printf 'msgid "Keys"\nmsgstr "المفاتيح %s%s"\n' "$ar_kaf" "$ar_three"
} >"$dir/ar-good.po"
expect arabic-good 0 '' "$dir/ar-good.po" ''
fa_yeh=$(printf '\333\214') # U+06CC
{ ar_header; printf 'msgid "Keys"\nmsgstr "مفات%sح"\n' "$fa_yeh"; } \
	>"$dir/ar-yeh.po"
expect arabic-persian-yeh 1 'Persian letters' "$dir/ar-yeh.po" ''

exit $status
