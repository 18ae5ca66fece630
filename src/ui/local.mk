## src/ui: the curses reader; the only folder that draws.
src_libakhbar_a_SOURCES += \
	src/ui/actions.c src/ui/actions.h \
	src/ui/article_view.c \
	src/ui/conf.c src/ui/conf.h \
	src/ui/defaults.c \
	src/ui/draw.c src/ui/draw.h \
	src/ui/help_view.c \
	src/ui/keys.c src/ui/keys.h \
	src/ui/list_view.c \
	src/ui/roles.h \
	src/ui/screen.c src/ui/screen.h \
	src/ui/ui.c src/ui/ui.h \
	src/ui/view.h
