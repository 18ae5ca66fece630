## src/text: pure text functions (matching keys, decoding).
src_libakhbar_a_SOURCES += src/text/textkey.c src/text/textkey.h
src_libakhbar_a_SOURCES += src/text/decode.c src/text/decode.h
src_libakhbar_a_SOURCES += src/text/date.c src/text/date.h
