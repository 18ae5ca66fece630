## src/text: pure text functions (matching keys).
src_libakhbar_a_SOURCES += src/text/textkey.c src/text/textkey.h \
	src/text/date.c src/text/date.h
