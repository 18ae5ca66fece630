#!/bin/sh
# A translation is complete and well formed: msgfmt --check finds no
# error or warning, nothing is untranslated or fuzzy, every message of the
# template (when one has been generated) is in it, and its letters and
# digits are its language's: a Persian one uses no Arabic letters or
# digits where Persian has its own, an Arabic one no Persian ones.
#   check-po.sh [PO [POT]]   (default: every catalogue in po/LINGUAS,
#                             and po/akhbar.pot)
set -u
if [ $# -eq 0 ]; then
	status=0
	for lang in $(sed 's/#.*//' "$top_srcdir/po/LINGUAS"); do
		"$0" "$top_srcdir/po/$lang.po" || status=1
	done
	exit $status
fi
po=$1
pot=${2:-}
if [ $# -lt 2 ]; then
	# gettext writes the template into the source tree; look there first.
	for p in "$top_srcdir/po/akhbar.pot" "$top_builddir/po/akhbar.pot"; do
		if [ -f "$p" ]; then
			pot=$p
			break
		fi
	done
fi
status=0

fail() {
	echo "FAIL: $*"
	status=1
}

if [ ! -f "$po" ]; then
	echo "FAIL: $po does not exist"
	exit 1
fi

# English messages from msgfmt, whatever the caller's LANGUAGE.
stats=$(LANGUAGE=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
rc=$?
echo "$po: $stats"
[ $rc -eq 0 ] || fail "msgfmt --check rejects $po"
case $stats in
*"warning:"*) fail "msgfmt --check warns about $po" ;;
esac
# The last line counts the messages: "N translated messages, M fuzzy
# translations, K untranslated messages." with the zero counts left out.
counts=$(printf '%s\n' "$stats" | tail -n 1)
case $counts in
*fuzzy*) fail "$po has fuzzy messages" ;;
esac
case $counts in
*untranslated*) fail "$po has untranslated messages" ;;
esac
case $counts in
[1-9]*" translated message"*) ;;
*) fail "$po translates no message" ;;
esac

# The lines of msgstr text (a msgid may quote anything) with bytes that
# the awk regular expression $1 matches.
msgstr_lines() {
	LC_ALL=C awk -v bad="$1" '
		/^msgstr/ { in_str = 1 }
		/^(msgid|msgctxt|#)/ || /^$/ { in_str = 0 }
		in_str && $0 ~ bad { print FILENAME ":" FNR ": " $0 }
	' "$po"
}

# Arabic yeh U+064A, kaf U+0643, alef maksura U+0649 and the Arabic-Indic
# digits U+0660..U+0669, as UTF-8 bytes; Persian writes U+06CC, U+06A9
# and U+06F0..U+06F9 for them.
arabic='\331[\203\211\212\240-\251]'
persian='\332\251|\333[\214\260-\271]'
case $(sed -n 's/^"Language: \([a-z]*\).*/\1/p' "$po") in
fa)
	wrong=$(msgstr_lines "$arabic")
	if [ -n "$wrong" ]; then
		echo "$wrong"
		fail "$po uses Arabic letters or digits instead of Persian ones (ي ك ى ٠-٩ for ی ک ی ۰-۹)"
	fi
	;;
ar)
	wrong=$(msgstr_lines "$persian")
	if [ -n "$wrong" ]; then
		echo "$wrong"
		fail "$po uses Persian letters or digits instead of Arabic ones (ی ک ۰-۹ for ي ك ٠-٩)"
	fi
	;;
esac

if [ -n "$pot" ]; then
	if LANGUAGE=C msgcmp "$po" "$pot"; then
		echo "every message of $pot is in $po"
	else
		fail "$po lacks messages of $pot (run make -C build/po update-po and translate them)"
	fi
fi

[ $status -eq 0 ] && echo "PASS: $po is a complete translation"
exit $status
