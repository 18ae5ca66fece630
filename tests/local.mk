## tests: each folder of tests lists itself in its own local.mk.
include tests/feed/local.mk
