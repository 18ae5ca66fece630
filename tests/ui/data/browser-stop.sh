#!/bin/sh
# A browser for the screen tests that stops itself at once, as a terminal
# browser does on Ctrl-Z, then, once continued, appends to
# $HOME/browser-argv "continued", which of the signals the reader handles
# it finds ignored and blocked (from /proc: 0, none, is right) and its
# arguments, one a line.  SIGSTOP, not SIGTSTP: the tests' process group
# is orphaned, and there the kernel discards a SIGTSTP's stop.
kill -STOP $$
# HUP INT QUIT PIPE TERM CONT TSTP TTIN TTOU WINCH: bit N-1 for signal N
handled=0x83A5007
status() {
	sed -n "s/^$1:[[:space:]]*//p" /proc/$$/status
}
{
	echo continued
	echo "ignored $((0x$(status SigIgn) & handled))"
	echo "blocked $((0x$(status SigBlk) & handled))"
	for arg in "$@"; do
		printf '%s\n' "$arg"
	done
} >>"$HOME/browser-argv"
