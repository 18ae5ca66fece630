## src/model: the data every view shows (includes nothing else of akhbar
## but util).
src_libakhbar_a_SOURCES += src/model/article.c src/model/article.h \
	src/model/library.c src/model/library.h \
	src/model/filter.c src/model/filter.h
