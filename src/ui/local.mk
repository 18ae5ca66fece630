## src/ui: the curses reader; the only folder that draws.
src_libakhbar_a_SOURCES += src/ui/ui.c src/ui/ui.h
