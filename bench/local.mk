## bench: benchmarks (reported, never timed tests).
noinst_PROGRAMS += bench/cache-bench
noinst_PROGRAMS += bench/layout-bench
noinst_PROGRAMS += bench/related-bench
