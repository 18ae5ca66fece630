## src/source: what fills the model: article files, feeds, HTML, fetching
## over HTTP, the urls file and OPML, and updating the cache from feeds.
src_libakhbar_a_SOURCES += \
	src/source/article_file.c src/source/article_file.h \
	src/source/article_write.c \
	src/source/load.c src/source/load.h \
	src/source/relate.c src/source/relate.h \
	src/source/url.c src/source/url.h \
	src/source/fetch.c src/source/fetch.h \
	src/source/command.c src/source/command.h \
	src/source/update.c src/source/update.h \
	src/source/urls.c src/source/urls.h \
	src/source/opml.c src/source/opml.h \
	src/source/feed.c src/source/feed.h \
	src/source/html.c src/source/html.h \
	src/source/extract.c src/source/extract.h \
	src/source/extract_charset.c src/source/extract_charset.h \
	src/source/extract_json.c src/source/extract_json.h \
	src/source/pages.c src/source/pages.h
