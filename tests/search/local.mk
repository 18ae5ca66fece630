## tests/search: finding stories from the command line and in the reader,
## over a cache filled from the feeds in tests/search/data.
search_screen_tests = \
	tests/search/related.scr \
	tests/search/find-list.scr \
	tests/search/find-esc.scr \
	tests/search/find-prompt.scr \
	tests/search/find-article.scr \
	tests/search/find-current.scr \
	tests/search/find-current-mono.scr \
	tests/search/find-feed.scr

TESTS += tests/search/search-cli.sh tests/search/search-hostile.sh \
	tests/search/search-stream.sh
EXTRA_DIST += tests/search/search-cli.sh tests/search/search-hostile.sh \
	tests/search/search-stream.sh \
	tests/search/data/news-fa.xml \
	tests/search/data/news-ar.xml \
	tests/search/data/news-en.xml \
	$(search_screen_tests) \
	tests/search/related-list.screen \
	tests/search/related-article.screen \
	tests/search/related-opened.screen \
	tests/search/related-variants.screen

if HAVE_VTERM
TESTS += $(search_screen_tests)
endif
