## src/layout: text into rows of cells; never includes curses.
src_libakhbar_a_SOURCES += src/layout/layout.c src/layout/layout.h \
	src/layout/bidi.c src/layout/bidi.h \
	src/layout/linebreak.c src/layout/linebreak.h \
	src/layout/document.c src/layout/document.h \
	src/layout/lang.c src/layout/lang.h \
	src/layout/print.c src/layout/print.h
