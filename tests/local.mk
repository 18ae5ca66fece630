## tests: each folder of tests lists itself in its own local.mk.
## tests/screen first: it defines TEST_EXTENSIONS.
include tests/screen/local.mk
include tests/fetch/local.mk
include tests/cache/local.mk
include tests/layout/local.mk
include tests/article/local.mk
include tests/ui/local.mk
include tests/feed/local.mk
include tests/l10n/local.mk
include tests/integ/local.mk
include tests/related/local.mk
include tests/search/local.mk
include tests/text/local.mk
include tests/fuzz/local.mk
include tests/util/local.mk
include tests/style/local.mk
include tests/extract/local.mk
