## src/ui: the curses reader; the only folder that draws.
src_libakhbar_a_SOURCES += \
	src/ui/actions.c src/ui/actions.h \
	src/ui/article_view.c \
	src/ui/conf.c src/ui/conf.h \
	src/ui/defaults.c \
	src/ui/draw.c src/ui/draw.h \
	src/ui/feeds_view.c \
	src/ui/find.c \
	src/ui/help_view.c \
	src/ui/links_view.c \
	src/ui/keys.c src/ui/keys.h \
	src/ui/list_view.c \
	src/ui/roles.h \
	src/ui/rows.c src/ui/rows.h \
	src/ui/screen.c src/ui/screen.h \
	src/ui/stories.h src/ui/stories.c src/ui/stories_cache.c src/ui/stories_library.c \
	src/ui/stories_query.c \
	src/ui/ui.c src/ui/ui.h \
	src/ui/unread.c \
	src/ui/view.c src/ui/view.h
