## tests/feed: feed parsing (RSS, RDF, Atom; encodings; hostile input),
## HTML into paragraphs, feed dates, memory on a large feed, and items in
## order whichever thread converts them; feeds as they are in the wild
## (test-feed-wild: entities, encodings, content in other places).
feed_tests = tests/feed/test-date tests/feed/test-html tests/feed/test-feed \
	tests/feed/test-feed-big tests/feed/test-feed-order \
	tests/feed/test-feed-wild
check_PROGRAMS += $(feed_tests)
TESTS += $(feed_tests)
EXTRA_DIST += tests/feed/describe.h tests/feed/data/ar-iso-8859-6.xml tests/feed/data/atom-ar.xml \
	tests/feed/data/atom-en.xml tests/feed/data/billion-laughs.xml \
	tests/feed/data/fa-windows-1256.xml tests/feed/data/garbage.xml \
	tests/feed/data/he-iso-8859-8.xml tests/feed/data/he-windows-1255.xml \
	tests/feed/data/html-page.xml tests/feed/data/malformed.xml \
	tests/feed/data/rdf-he.xml tests/feed/data/rss091-en.xml \
	tests/feed/data/rss2-fa.xml tests/feed/data/xxe.xml \
	tests/feed/data/wild-amp.xml tests/feed/data/wild-atom.xml \
	tests/feed/data/wild-atom03.xml tests/feed/data/wild-big5-invalid.xml \
	tests/feed/data/wild-bom.xml tests/feed/data/wild-cp437.xml \
	tests/feed/data/wild-cp866.xml tests/feed/data/wild-entry.xml \
	tests/feed/data/wild-he-1255.xml tests/feed/data/wild-http.xml \
	tests/feed/data/wild-invalid.xml tests/feed/data/wild-latin1.xml \
	tests/feed/data/wild-places.xml tests/feed/data/wild-rss11.xml \
	tests/feed/data/wild-ru-koi8.xml tests/feed/data/wild-sniff.xml
tests_feed_test_date_SOURCES = tests/feed/test-date.c
tests_feed_test_html_SOURCES = tests/feed/test-html.c
tests_feed_test_feed_SOURCES = tests/feed/test-feed.c
tests_feed_test_feed_big_SOURCES = tests/feed/test-feed-big.c
tests_feed_test_feed_order_SOURCES = tests/feed/test-feed-order.c
tests_feed_test_feed_wild_SOURCES = tests/feed/test-feed-wild.c
