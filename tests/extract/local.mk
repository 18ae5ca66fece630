## tests/extract: the article extractor on news pages built the way
## Persian, Arabic and Hebrew sites build theirs, `akhbar --extract`, and
## damaged pages through it.
extract_unit_tests = tests/extract/test-extract tests/extract/test-extract-mutate
extract_cli_tests = tests/extract/pages.sh tests/extract/cli.sh
check_PROGRAMS += $(extract_unit_tests)
TESTS += $(extract_unit_tests) $(extract_cli_tests)
tests_extract_test_extract_SOURCES = tests/extract/test-extract.c
tests_extract_test_extract_mutate_SOURCES = tests/extract/test-extract-mutate.c \
	tests/fuzz/mutate.c tests/fuzz/mutate.h
# The folders go whole into the tarball: the pages, what --extract must
# make of them, and the pages that hold no article.
EXTRA_DIST += $(extract_cli_tests) tests/extract/make-pages.py \
	tests/extract/pages tests/extract/data
