## bench: benchmarks (reported, never timed tests).
noinst_PROGRAMS += bench/cache-bench
noinst_PROGRAMS += bench/layout-bench
noinst_PROGRAMS += bench/ingest-bench
EXTRA_DIST += bench/bench.h bench/README.md bench/feeds-vs-newsboat.sh bench/gen-feed.py \
	bench/serve.py bench/first-screen.py
noinst_PROGRAMS += bench/related-bench
noinst_PROGRAMS += bench/extract-bench
EXTRA_DIST += bench/extract-score.py bench/conformance.py
