## tests/search: finding stories from the command line and in the reader,
## over a cache filled from the feeds in tests/search/data.
TESTS += tests/search/search-cli.sh
EXTRA_DIST += tests/search/search-cli.sh \
	tests/search/data/news-fa.xml \
	tests/search/data/news-ar.xml \
	tests/search/data/news-en.xml
