#!/bin/sh
# For tests/integ/feeds-idle.vt: run akhbar with its waits counted.
#   wakeups.sh OUT AKHBAR [OPTION...]
# runs AKHBAR OPTION... under strace, which writes to OUT, at the end,
# how often it called poll, ppoll, select, pselect6 and epoll_wait: each
# call is one wait, and so at most one wakeup.  A --refresh (feeds.sh
# fills the cache with one first) runs as it is.
out=$1
shift
case " $* " in
*" --refresh "*) exec "$@" ;;
esac
# Not exec: the test server feeds.sh started is this shell's child, and
# strace would wait for it too.  LeakSanitizer can't work under ptrace:
# in the sanitizer build, leaks are left to the other tests.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -qq -c -o "$out" \
	-e trace=poll,ppoll,select,pselect6,epoll_wait,epoll_pwait "$@"
