## tests/related: words, finding, the story index (related stories,
## near-duplicates, search) and its quality on a labelled set of stories.
related_unit_tests = tests/related/test-words tests/related/test-find \
	tests/related/test-quality tests/related/test-index \
	tests/related/test-common tests/related/test-compact
check_PROGRAMS += $(related_unit_tests)
TESTS += $(related_unit_tests)
EXTRA_DIST += tests/related/data/stories.txt
tests_related_test_words_SOURCES = tests/related/test-words.c
tests_related_test_find_SOURCES = tests/related/test-find.c
tests_related_test_quality_SOURCES = tests/related/test-quality.c \
	tests/related/stories.h
tests_related_test_index_SOURCES = tests/related/test-index.c \
	tests/related/stories.h
tests_related_test_common_SOURCES = tests/related/test-common.c
tests_related_test_compact_SOURCES = tests/related/test-compact.c
