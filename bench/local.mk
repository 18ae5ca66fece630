## bench: benchmarks (reported, never timed tests).
