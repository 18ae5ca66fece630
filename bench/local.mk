## bench: benchmarks (reported, never timed tests).
noinst_PROGRAMS += bench/layout-bench
