## src/source: what fills the model (article files; later feeds and HTTP).
src_libakhbar_a_SOURCES += src/source/article_file.c src/source/article_file.h \
	src/source/load.c src/source/load.h
src_libakhbar_a_SOURCES += src/source/fetch.c src/source/fetch.h \
	src/source/update.c src/source/update.h
src_libakhbar_a_SOURCES += src/source/urls.c src/source/urls.h \
	src/source/opml.c src/source/opml.h
src_libakhbar_a_SOURCES += src/source/feed.c src/source/feed.h \
	src/source/html.c src/source/html.h \
	src/source/strbuf.c src/source/strbuf.h
