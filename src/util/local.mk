## src/util: allocation wrappers, fatal errors that restore the terminal,
## a growable string, XDG paths, a hash and a numbered set of strings,
## reading a whole file with a cap, threads that leave signals alone,
## knowing when a file changes.
src_libakhbar_a_SOURCES += src/util/xalloc.c src/util/xalloc.h \
	src/util/die.c src/util/die.h src/util/i18n.h \
	src/util/strbuf.c src/util/strbuf.h \
	src/util/xdg.c src/util/xdg.h \
	src/util/clock.h src/util/hash.h src/util/strset.c src/util/strset.h \
	src/util/readfile.c src/util/readfile.h \
	src/util/thread.c src/util/thread.h \
	src/util/filewatch.c src/util/filewatch.h
