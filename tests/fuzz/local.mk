## tests/fuzz: damaged input through the parsers and the layout, from a
## fixed seed.
check_PROGRAMS += tests/fuzz/test-mutate
TESTS += tests/fuzz/test-mutate
tests_fuzz_test_mutate_SOURCES = tests/fuzz/test-mutate.c
