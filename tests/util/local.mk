## tests/util: the helpers of src/util.
util_tests = tests/util/test-strset tests/util/test-readfile \
	tests/util/test-thread
check_PROGRAMS += $(util_tests)
TESTS += $(util_tests)
tests_util_test_strset_SOURCES = tests/util/test-strset.c
tests_util_test_readfile_SOURCES = tests/util/test-readfile.c
tests_util_test_thread_SOURCES = tests/util/test-thread.c
