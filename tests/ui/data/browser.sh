#!/bin/sh
# A browser for the screen tests: appends each argument it is given to
# $HOME/browser-argv, one a line, then a line "--end--".
{
	for arg in "$@"; do
		printf '%s\n' "$arg"
	done
	echo --end--
} >>"$HOME/browser-argv"
