## tests/integ: akhbar end to end with feeds: --refresh and --dump against
## the test HTTP server (tests/fetch/server.py), kill -9 during a refresh,
## and the reader over subscriptions on a pty (screen scripts run by
## tests/screen/vtrun; feeds.sh serves the feeds and fills the cache).
integ_screen_tests = \
	tests/integ/feeds.scr \
	tests/integ/feeds-hang.scr \
	tests/integ/feeds-keys.scr \
	tests/integ/feeds-search.scr \
	tests/integ/search-common.scr \
	tests/integ/feeds-same-title.scr \
	tests/integ/feeds-named.scr \
	tests/integ/feeds-messages.scr \
	tests/integ/feeds-reload-count.scr \
	tests/integ/feeds-offline.scr \
	tests/integ/feeds-shared.scr \
	tests/integ/feeds-big.scr \
	tests/integ/feeds-gone.scr \
	tests/integ/unread-next.scr \
	tests/integ/unread-feeds.scr \
	tests/integ/unread-reload.scr \
	tests/integ/unread-start.scr \
	tests/integ/unread-newsboat.scr \
	tests/integ/feeds-commands.scr \
	tests/integ/feeds-expire.scr \
	tests/integ/pages.scr \
	tests/integ/pages-offline.scr

check_PROGRAMS += tests/integ/test-pages
tests_integ_test_pages_SOURCES = tests/integ/test-pages.c \
	tests/fetch/httpd.c tests/fetch/httpd.h

TESTS += tests/integ/refresh.sh tests/integ/kill.sh tests/integ/refresh-hostile.sh \
	tests/integ/commands.sh tests/integ/expire.sh \
	tests/integ/test-pages tests/integ/refresh-pages.sh
EXTRA_DIST += tests/integ/refresh.sh tests/integ/kill.sh tests/integ/commands.sh \
	tests/integ/refresh-hostile.sh tests/integ/refresh-pages.sh \
	tests/integ/server.sh tests/integ/feeds.sh tests/integ/feeds-big.sh \
	tests/integ/search-common.sh \
	tests/integ/same-title.sh tests/integ/unread.sh \
	tests/integ/unread/harbour.xml tests/integ/unread/harbour-more.xml \
	tests/integ/unread/river.xml tests/integ/unread/rail.xml \
	tests/integ/commands-reader.sh \
	tests/integ/idle.sh tests/integ/feeds-idle.vt tests/integ/wakeups.sh \
	tests/integ/expire.sh tests/integ/aged.sh \
	$(integ_screen_tests) \
	tests/integ/feeds-headlines.screen \
	tests/integ/feeds-headlines-read.screen \
	tests/integ/feeds-article.screen \
	tests/integ/pages/feed.xml tests/integ/pages/story.html \
	tests/integ/pages/related.html tests/integ/pages/slow.html \
	tests/integ/pages/broken.html tests/integ/pages/index.html \
	tests/integ/pages/notes.txt

if HAVE_VTERM
TESTS += $(integ_screen_tests) tests/integ/idle.sh
endif

# Query feeds and tags: the feed list's query feeds (counts, a query's
# stories, marks, r on them), choosing a tag, and a bad query line's message.
integ_query_screen_tests = tests/integ/query-feeds.scr tests/integ/tags.scr \
	tests/integ/query-reload.scr
TESTS += tests/integ/query-errors.sh
EXTRA_DIST += $(integ_query_screen_tests) tests/integ/query-errors.sh \
	tests/integ/query/run.sh tests/integ/query/urls.in \
	tests/integ/query/alpha.xml tests/integ/query/beta.xml \
	tests/integ/query/gamma.xml \
	tests/integ/query-feeds.screen tests/integ/query-storms.screen \
	tests/integ/query-feeds-read.screen tests/integ/query-unread.screen \
	tests/integ/tags-prompt.screen tests/integ/tags-news.screen
if HAVE_VTERM
TESTS += $(integ_query_screen_tests)
endif
