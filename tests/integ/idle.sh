#!/bin/sh
# An idle reader's waits, counted by strace (tests/integ/feeds-idle.vt);
# skipped where strace is missing or may not trace.
command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null ||
	exit 77
exec "$top_builddir/tests/screen/vtrun" "$top_srcdir/tests/integ/feeds-idle.vt"
