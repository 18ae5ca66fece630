## tests/feed: feed parsing (RSS, RDF, Atom; encodings; hostile input),
## HTML into paragraphs, feed dates, memory on a large feed, and items in
## order whichever thread converts them.
feed_tests = tests/feed/test-date tests/feed/test-html tests/feed/test-feed \
	tests/feed/test-feed-big tests/feed/test-feed-order
check_PROGRAMS += $(feed_tests)
TESTS += $(feed_tests)
EXTRA_DIST += tests/feed/describe.h tests/feed/data/ar-iso-8859-6.xml tests/feed/data/atom-ar.xml \
	tests/feed/data/atom-en.xml tests/feed/data/billion-laughs.xml \
	tests/feed/data/fa-windows-1256.xml tests/feed/data/garbage.xml \
	tests/feed/data/he-iso-8859-8.xml tests/feed/data/he-windows-1255.xml \
	tests/feed/data/html-page.xml tests/feed/data/malformed.xml \
	tests/feed/data/rdf-he.xml tests/feed/data/rss091-en.xml \
	tests/feed/data/rss2-fa.xml tests/feed/data/xxe.xml
tests_feed_test_date_SOURCES = tests/feed/test-date.c
tests_feed_test_html_SOURCES = tests/feed/test-html.c
tests_feed_test_feed_SOURCES = tests/feed/test-feed.c
tests_feed_test_feed_big_SOURCES = tests/feed/test-feed-big.c
tests_feed_test_feed_order_SOURCES = tests/feed/test-feed-order.c
