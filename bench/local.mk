## bench: benchmarks (reported, never timed tests).
noinst_PROGRAMS += bench/cache-bench
noinst_PROGRAMS += bench/layout-bench
noinst_PROGRAMS += bench/ingest-bench
EXTRA_DIST += bench/bench.h bench/README.md bench/feeds-vs-newsboat.sh bench/gen-feed.py \
	bench/serve.py bench/first-screen.py
noinst_PROGRAMS += bench/related-bench
noinst_PROGRAMS += bench/extract-bench
EXTRA_DIST += bench/extract-score.py bench/conformance.py
# screen-time runs a program on a pty with the screen tests' libvterm
# terminal; bench/million.py drives it.
if HAVE_VTERM
noinst_PROGRAMS += bench/screen-time
bench_screen_time_SOURCES = bench/screen-time.c \
	tests/screen/vt.c tests/screen/vt.h
bench_screen_time_CFLAGS = $(AM_CFLAGS) $(VTERM_CFLAGS)
bench_screen_time_LDADD = $(LDADD) $(VTERM_LIBS)
endif
noinst_PROGRAMS += bench/related-time
EXTRA_DIST += bench/million.py bench/many-feeds.py bench/query-open.sh
