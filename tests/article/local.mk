## tests/article: the article model, the article file parser, text keys,
## the library, loading, the document, and `akhbar --dump` on the command
## line.
article_unit_tests = tests/article/test-article tests/article/test-textkey \
	tests/article/test-article-file tests/article/test-library \
	tests/article/test-load tests/article/test-document tests/article/test-relate \
	tests/article/test-filter tests/article/test-article-write
article_cli_tests = tests/article/dump-seed.sh tests/article/cli-errors.sh \
	tests/article/cli-files.sh tests/article/cli-hostile.sh \
	tests/article/dump-related.sh tests/article/cli-inputs.sh
# check-safe is the tool of cli-hostile.sh, not a test of its own.
check_PROGRAMS += $(article_unit_tests) tests/article/check-safe
TESTS += $(article_unit_tests) $(article_cli_tests)
EXTRA_DIST += $(article_cli_tests) \
	tests/article/expected/seed-80.txt tests/article/expected/seed-40.txt \
	tests/article/expected/seed-20.txt \
	tests/article/related/quake-kerman.txt \
	tests/article/related/quake-rescue.txt \
	tests/article/related/football.txt \
	tests/article/related/sports-digest.txt
tests_article_test_article_SOURCES = tests/article/test-article.c
tests_article_test_textkey_SOURCES = tests/article/test-textkey.c
tests_article_test_article_file_SOURCES = tests/article/test-article-file.c
tests_article_test_article_write_SOURCES = tests/article/test-article-write.c
tests_article_test_library_SOURCES = tests/article/test-library.c
tests_article_test_load_SOURCES = tests/article/test-load.c
tests_article_test_document_SOURCES = tests/article/test-document.c
tests_article_test_relate_SOURCES = tests/article/test-relate.c
tests_article_test_filter_SOURCES = tests/article/test-filter.c
tests_article_check_safe_SOURCES = tests/article/check-safe.c
article_screen_tests = tests/article/related-files.scr \
	tests/article/related-headline.scr
EXTRA_DIST += $(article_screen_tests) \
	tests/article/related-files-article.screen \
	tests/article/related-files-opened.screen \
	tests/article/related-headline.screen
if HAVE_VTERM
TESTS += $(article_screen_tests)
endif
