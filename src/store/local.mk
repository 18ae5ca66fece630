## src/store: the persistent cache of feeds and items (SQLite).
src_libakhbar_a_SOURCES += src/store/cache.c src/store/cache.h
src_libakhbar_a_SOURCES += src/store/related.c src/store/store.h
src_libakhbar_a_SOURCES += src/store/query.c src/store/sort.c
