## tests/text: the pure text functions of src/text.
text_unit_tests = tests/text/test-safe
check_PROGRAMS += $(text_unit_tests)
TESTS += $(text_unit_tests)
tests_text_test_safe_SOURCES = tests/text/test-safe.c
