## tests: each folder of tests lists itself in its own local.mk.
include tests/screen/local.mk
include tests/ui/local.mk
