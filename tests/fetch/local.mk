## tests/fetch: fetching, subscriptions (urls file, OPML) and the test
## HTTP server the whole suite uses: tests/fetch/server.py, started from a
## C test through tests/fetch/httpd.c (add both httpd files to a test's
## _SOURCES to use it).
check_PROGRAMS += tests/fetch/test_fetch
TESTS += tests/fetch/test_fetch
tests_fetch_test_fetch_SOURCES = tests/fetch/test_fetch.c \
	tests/fetch/httpd.c tests/fetch/httpd.h

EXTRA_DIST += tests/fetch/server.py \
	tests/fetch/data/feed.xml
