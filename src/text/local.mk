## src/text: pure text functions (matching keys, decoding).
src_libakhbar_a_SOURCES += src/text/textkey.c src/text/textkey.h
src_libakhbar_a_SOURCES += src/text/decode.c src/text/decode.h
src_libakhbar_a_SOURCES += src/text/safe.c src/text/safe.h
src_libakhbar_a_SOURCES += src/text/date.c src/text/date.h src/text/ascii.h
src_libakhbar_a_SOURCES += src/text/words.c src/text/words.h \
	src/text/stopwords.h src/text/find.c src/text/find.h \
	src/text/similar.c src/text/similar.h

# The stopword lists are compiled in: no data file to find at run time.
stopword_lists = $(srcdir)/data/stopwords/fa.txt \
	$(srcdir)/data/stopwords/ar.txt $(srcdir)/data/stopwords/en.txt \
	$(srcdir)/data/stopwords/he.txt
nodist_src_libakhbar_a_SOURCES += src/text/stopwords.c
EXTRA_DIST += $(stopword_lists) src/text/stopwords.awk
CLEANFILES += src/text/stopwords.c
src/text/stopwords.c: $(stopword_lists) $(srcdir)/src/text/stopwords.awk
	$(AM_V_GEN)$(MKDIR_P) src/text && \
	$(AWK) -f $(srcdir)/src/text/stopwords.awk $(stopword_lists) >$@.tmp && \
	mv $@.tmp $@
