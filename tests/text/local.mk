## tests/text: the pure text functions of src/text, and check-terminal,
## the tool of the shell tests that output reaching a terminal is safe.
text_unit_tests = tests/text/test-safe
check_PROGRAMS += $(text_unit_tests) tests/text/check-terminal
TESTS += $(text_unit_tests)
tests_text_test_safe_SOURCES = tests/text/test-safe.c
tests_text_check_terminal_SOURCES = tests/text/check-terminal.c \
	tests/text/terminal-safe.h
