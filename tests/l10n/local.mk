## tests/l10n: po/fa.po is a complete, well-formed Persian translation.
TESTS += tests/l10n/check-po.sh tests/l10n/check-po-selftest.sh
EXTRA_DIST += tests/l10n/check-po.sh tests/l10n/check-po-selftest.sh
