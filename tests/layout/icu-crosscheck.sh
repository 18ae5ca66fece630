#!/bin/sh
# Compare akhbar's reordering of every row of the test articles, at widths
# 20..132, with ICU's (Debian python3-icu).
set -u
srcdir="${top_srcdir:-.}"
builddir="${top_builddir:-.}"
exec /usr/bin/python3 "$srcdir/tests/layout/icu-crosscheck.py" \
	"$builddir/tests/layout/layout-rows" 20 132 \
	"$srcdir"/tests/data/articles/*.txt
