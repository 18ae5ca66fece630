#!/bin/sh
# Write each argument on a line of its own in pieces of three bytes with a
# pause after each, so that UTF-8 sequences reach the terminal split across
# reads, the split falling after other text of the same read (libvterm
# 0.1.4 garbles exactly that).
for line in "$@"; do
	piece=""
	n=0
	for hex in $(printf '%s' "$line" | od -An -v -tx1); do
		piece="$piece\\$(printf %03o "0x$hex")"
		n=$((n + 1))
		if [ "$n" -eq 3 ]; then
			printf "$piece"
			sleep 0.01
			piece=""
			n=0
		fi
	done
	printf "$piece\\n"
done
