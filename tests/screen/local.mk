## tests/screen: vtrun runs a program on a pty with libvterm as its
## terminal and checks what the screen shows (tests/screen/README.md).
## Scripts (*.scr) are tests of their own: vtrun is their log compiler.

screen_selftest_scripts = \
	tests/screen/selftest/demo-screen.scr \
	tests/screen/selftest/demo-keys.scr \
	tests/screen/selftest/demo-mouse.scr \
	tests/screen/selftest/demo-resize.scr \
	tests/screen/selftest/demo-bytes.scr \
	tests/screen/selftest/demo-exit-status.scr \
	tests/screen/selftest/demo-abort-expected.scr \
	tests/screen/selftest/shell-split-utf8.scr \
	tests/screen/selftest/shell-env.scr \
	tests/screen/selftest/shell-query-reply.scr

EXTRA_DIST += tests/screen/README.md \
	$(screen_selftest_scripts) \
	tests/screen/selftest/vtrun-detects-failures.sh \
	tests/screen/selftest/slowbytes.sh \
	tests/screen/selftest/demo-start.screen \
	tests/screen/selftest/demo-resized.screen \
	tests/screen/selftest/driven/home-removed.scr \
	tests/screen/selftest/driven/child-killed.scr \
	tests/screen/selftest/driven/fail-row.scr \
	tests/screen/selftest/driven/fail-screen.scr \
	tests/screen/selftest/driven/fail-screen.screen \
	tests/screen/selftest/driven/fail-contains.scr \
	tests/screen/selftest/driven/fail-not-contains.scr \
	tests/screen/selftest/driven/fail-crash.scr \
	tests/screen/selftest/driven/fail-key-after-crash.scr \
	tests/screen/selftest/driven/fail-exit-status.scr \
	tests/screen/selftest/driven/fail-exit-nonzero.scr \
	tests/screen/selftest/driven/fail-running.scr \
	tests/screen/selftest/driven/fail-bytes-max.scr \
	tests/screen/selftest/driven/fail-bytes-ratio.scr \
	tests/screen/selftest/driven/fail-bytes-rows.scr \
	tests/screen/selftest/driven/fail-output-contains.scr \
	tests/screen/selftest/driven/fail-output-not-contains.scr \
	tests/screen/selftest/driven/fail-unclean.scr \
	tests/screen/selftest/driven/fail-cursor.scr \
	tests/screen/selftest/driven/fail-attr.scr \
	tests/screen/selftest/driven/error-command.scr \
	tests/screen/selftest/driven/error-key.scr \
	tests/screen/selftest/driven/error-variable.scr

# automake wants TEST_EXTENSIONS set once, unconditionally: other folders
# add theirs with += after this file is included.  Without libvterm a
# screen test is skipped (exit 77) rather than run without a terminal.
TEST_EXTENSIONS = .test .scr
if HAVE_VTERM
SCR_LOG_COMPILER = $(top_builddir)/tests/screen/vtrun
else
SCR_LOG_COMPILER = $(SHELL) -c 'exit 77' vtrun
endif

if HAVE_VTERM
check_PROGRAMS += tests/screen/vtrun tests/screen/selftest/cursesdemo
tests_screen_vtrun_SOURCES = tests/screen/vtrun.c \
	tests/screen/vt.c tests/screen/vt.h \
	src/util/xalloc.c src/util/die.c
tests_screen_vtrun_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
tests_screen_vtrun_LDADD = $(VTERM_LIBS) $(LIBINTL)
tests_screen_selftest_cursesdemo_SOURCES = tests/screen/selftest/cursesdemo.c
tests_screen_selftest_cursesdemo_LDADD = $(NCURSES_LIBS)
TESTS += $(screen_selftest_scripts) \
	tests/screen/selftest/vtrun-detects-failures.sh
endif
