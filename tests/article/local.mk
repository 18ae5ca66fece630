## tests/article: the article file parser, text keys, the library, the
## document and the --dump command line.
article_unit_tests = tests/article/test-textkey tests/article/test-article-file \
	tests/article/test-library
check_PROGRAMS += $(article_unit_tests)
TESTS += $(article_unit_tests)
EXTRA_DIST += tests/article/check.h
tests_article_test_textkey_SOURCES = tests/article/test-textkey.c
tests_article_test_article_file_SOURCES = tests/article/test-article-file.c
tests_article_test_library_SOURCES = tests/article/test-library.c
