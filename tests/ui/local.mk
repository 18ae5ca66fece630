## tests/ui: the reader on a pty with libvterm as its terminal (screen
## scripts, run by tests/screen/vtrun) and its config parser.

ui_screen_tests = \
	tests/ui/list.scr \
	tests/ui/hints.scr \
	tests/ui/list-narrow.scr \
	tests/ui/variants.scr \
	tests/ui/many.scr \
	tests/ui/query-long.scr tests/ui/sort-long.scr \
	tests/ui/article.scr \
	tests/ui/history.scr \
	tests/ui/next-prev.scr \
	tests/ui/unread-files.scr \
	tests/ui/resize.scr \
	tests/ui/too-small.scr \
	tests/ui/scroll-bytes.scr \
	tests/ui/list-bytes.scr \
	tests/ui/feeds-bytes.scr \
	tests/ui/help.scr \
	tests/ui/hostile.scr \
	tests/ui/bidi-handshake.scr \
	tests/ui/bidi-tmux.scr \
	tests/ui/bidi-tmux-suspend.scr \
	tests/ui/bidi-konsole.scr \
	tests/ui/bidi-mlterm.scr \
	tests/ui/copy-tmux.scr \
	tests/ui/copy-tmux-off.scr \
	tests/ui/copy-tmux-passthrough.scr \
	tests/ui/cli-help-fa.scr \
	tests/ui/cli-search.scr \
	tests/ui/fa-interface.scr \
	tests/ui/en-interface.scr \
	tests/ui/ar-interface.scr \
	tests/ui/he-interface.scr \
	tests/ui/bidi-terminal.scr \
	tests/ui/bidi-terminal-zwnj.scr \
	tests/ui/no-color.scr \
	tests/ui/config.scr \
	tests/ui/signals.scr \
	tests/ui/signal-int.scr \
	tests/ui/signal-hup.scr \
	tests/ui/suspend.scr \
	tests/ui/browser.scr \
	tests/ui/browser-stop.scr \
	tests/ui/locale.scr \
	tests/ui/term-unset.scr \
	tests/ui/term-unknown.scr \
	tests/ui/term-tmux-256color.scr \
	tests/ui/term-screen-256color.scr \
	tests/ui/term-linux.scr \
	tests/ui/mirrored-list.scr \
	tests/ui/mirrored-feeds.scr \
	tests/ui/links.scr \
	tests/ui/save-folder.scr \
	tests/ui/links-number.scr \
	tests/ui/undo-files.scr \
	tests/ui/views-hide-read.scr \
	tests/ui/views-all.scr \
	tests/ui/views-sort.scr

EXTRA_DIST += $(ui_screen_tests) tests/ui/data/twice.sh \
	tests/ui/article-80x24.screen \
	tests/ui/article-end.screen \
	tests/ui/scroll-bytes-1.screen \
	tests/ui/scroll-bytes-2.screen \
	tests/ui/scroll-bytes-3.screen \
	tests/ui/scroll-bytes-4.screen \
	tests/ui/scroll-bytes-wheel.screen \
	tests/ui/help-config.screen \
	tests/ui/help.screen \
	tests/ui/history-focus.screen \
	tests/ui/history-opened.screen \
	tests/ui/hostile-article.screen \
	tests/ui/hostile-list.screen \
	tests/ui/list-40x12.screen \
	tests/ui/list-80x24-second.screen \
	tests/ui/list-80x24.screen \
	tests/ui/mirrored-list.screen \
	tests/ui/mirrored-feeds.screen \
	tests/ui/mirrored-headlines.screen \
	tests/ui/mirrored-article.screen \
	tests/ui/mirrored-help.screen \
	tests/ui/cli-help-fa.screen \
	tests/ui/fa-list.screen \
	tests/ui/fa-article.screen \
	tests/ui/fa-help.screen \
	tests/ui/next.screen \
	tests/ui/variants-list.screen \
	tests/ui/resize-50x20.screen \
	tests/ui/resize-80x24.screen \
	tests/ui/links-article.screen \
	tests/ui/links-view.screen \
	tests/ui/data/enclosures.xml \
	tests/ui/data/config-bad \
	tests/ui/data/lsan-gpm.supp \
	tests/ui/data/hostile.txt \
	tests/ui/data/browser.sh \
	tests/ui/data/browser-stop.sh \
	tests/ui/data/dash-link.txt \
	tests/ui/data/links.xml \
	tests/ui/data/variants.txt \
	tests/ui/data/unread-a.txt tests/ui/data/unread-b.txt \
	tests/ui/data/unread-c.txt \
	tests/ui/data/titled.sh \
	tests/ui/data/many.sh \
	tests/ui/data/query-long.sh \
	tests/ui/data/bin/tmux

if HAVE_VTERM
TESTS += $(ui_screen_tests)
endif

check_PROGRAMS += tests/ui/test-config
TESTS += tests/ui/test-config
tests_ui_test_config_SOURCES = tests/ui/test-config.c

check_PROGRAMS += tests/ui/test-rows
TESTS += tests/ui/test-rows
tests_ui_test_rows_SOURCES = tests/ui/test-rows.c

# The man page lists every action and role, and renders cleanly.
TESTS += tests/ui/check-man.sh
EXTRA_DIST += tests/ui/check-man.sh
