## tests: each folder of tests lists itself in its own local.mk.
include tests/article/local.mk
