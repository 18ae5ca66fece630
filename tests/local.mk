## tests: each folder of tests lists itself in its own local.mk.
include tests/layout/local.mk
