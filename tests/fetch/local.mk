## tests/fetch: fetching, subscriptions (urls file, OPML) and the test
## HTTP server the whole suite uses: tests/fetch/server.py, started from a
## C test through tests/fetch/httpd.c (add both httpd files to a test's
## _SOURCES to use it).
check_PROGRAMS += tests/fetch/test_fetch tests/fetch/test_urls tests/fetch/test_opml
TESTS += tests/fetch/test_fetch tests/fetch/test_urls tests/fetch/test_opml \
	tests/fetch/cli.sh tests/fetch/refresh-files.sh \
	tests/fetch/urls-full.sh tests/fetch/opml-hostile.sh \
	tests/fetch/refresh-wild.sh tests/fetch/refresh-bad-line.sh
tests_fetch_test_fetch_SOURCES = tests/fetch/test_fetch.c \
	tests/fetch/httpd.c tests/fetch/httpd.h

EXTRA_DIST += tests/fetch/server.py tests/fetch/cli.sh \
	tests/fetch/refresh-files.sh tests/fetch/urls-full.sh \
	tests/fetch/opml-hostile.sh tests/fetch/refresh-wild.sh \
	tests/fetch/refresh-bad-line.sh \
	tests/fetch/data/feed.xml \
	tests/fetch/data/wild-same-title.xml \
	tests/fetch/data/hostile.opml \
	tests/fetch/data/latin1.opml \
	tests/fetch/data/laughs.opml \
	tests/fetch/data/malformed.opml \
	tests/fetch/data/nested.opml \
	tests/fetch/data/nobody.opml \
	tests/fetch/data/notopml.xml \
	tests/fetch/data/opml1.opml \
	tests/fetch/data/xxe-attr.opml \
	tests/fetch/data/xxe-param.opml \
	tests/fetch/data/xxe-text.opml
