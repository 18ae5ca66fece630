## tests/style: the shape of the code itself.
TESTS += tests/style/function-length.sh
EXTRA_DIST += tests/style/function-length.sh
