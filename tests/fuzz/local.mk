## tests/fuzz: damaged input through the parsers and the layout, from a
## fixed seed.
check_PROGRAMS += tests/fuzz/test-mutate
TESTS += tests/fuzz/test-mutate
tests_fuzz_test_mutate_SOURCES = tests/fuzz/test-mutate.c \
	tests/fuzz/mutate.c tests/fuzz/mutate.h

## test-mutate-cli: mutated feeds and OPML files through the real binary
## (--refresh, --search, --import, --export), its output checked for
## anything a terminal acts on.
check_PROGRAMS += tests/fuzz/test-mutate-cli
TESTS += tests/fuzz/test-mutate-cli
tests_fuzz_test_mutate_cli_SOURCES = tests/fuzz/test-mutate-cli.c \
	tests/fuzz/mutate.c tests/fuzz/mutate.h tests/text/terminal-safe.h
EXTRA_DIST += tests/fuzz/data/hostile-feed.xml tests/fuzz/data/hostile-root.xml
