## tests/layout: the layout engine against exact rows, Unicode's
## conformance files and ICU.
check_PROGRAMS += tests/layout/test-layout \
	tests/layout/test-bidi-conformance \
	tests/layout/test-threads \
	tests/layout/test-linebreak-conformance \
	tests/layout/layout-rows \
	tests/layout/test-marks
TESTS += tests/layout/test-layout \
	tests/layout/test-marks \
	tests/layout/test-bidi-conformance \
	tests/layout/test-threads \
	tests/layout/test-linebreak-conformance \
	tests/layout/icu-crosscheck.sh
EXTRA_DIST += tests/layout/icu-crosscheck.sh tests/layout/icu-crosscheck.py \
	$(layout_articles)
layout_articles = \
	tests/data/articles/persian.txt \
	tests/data/articles/arabic.txt \
	tests/data/articles/hebrew.txt \
	tests/data/articles/english.txt \
	tests/data/articles/cjk-emoji.txt
