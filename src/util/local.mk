## src/util: allocation wrappers and fatal errors that restore the terminal.
src_libakhbar_a_SOURCES += src/util/xalloc.c src/util/xalloc.h \
	src/util/die.c src/util/die.h src/util/i18n.h
src_libakhbar_a_SOURCES += src/dump.c src/dump.h
