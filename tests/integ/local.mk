## tests/integ: akhbar end to end with feeds: --refresh and --dump against
## the test HTTP server (tests/fetch/server.py), kill -9 during a refresh,
## and the reader over subscriptions on a pty (screen scripts run by
## tests/screen/vtrun; feeds.sh serves the feeds and fills the cache).
integ_screen_tests = \
	tests/integ/feeds.scr \
	tests/integ/feeds-hang.scr \
	tests/integ/feeds-keys.scr \
	tests/integ/feeds-offline.scr \
	tests/integ/feeds-shared.scr \
	tests/integ/feeds-big.scr \
	tests/integ/feeds-gone.scr

TESTS += tests/integ/refresh.sh tests/integ/kill.sh tests/integ/refresh-hostile.sh
EXTRA_DIST += tests/integ/refresh.sh tests/integ/kill.sh \
	tests/integ/refresh-hostile.sh \
	tests/integ/server.sh tests/integ/feeds.sh tests/integ/feeds-big.sh \
	$(integ_screen_tests) \
	tests/integ/feeds-headlines.screen \
	tests/integ/feeds-headlines-read.screen \
	tests/integ/feeds-article.screen

if HAVE_VTERM
TESTS += $(integ_screen_tests)
endif
