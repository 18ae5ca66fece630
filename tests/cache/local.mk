## tests/cache: the persistent cache, in one process and across killed ones.
check_PROGRAMS += tests/cache/cache-test tests/cache/cache-tool \
	tests/cache/expire-test tests/cache/groups-test tests/cache/rows-test
TESTS += tests/cache/cache-test tests/cache/expire-test tests/cache/groups-test \
	tests/cache/rows-test tests/cache/crash.sh tests/cache/shared.sh
EXTRA_DIST += tests/cache/crash.sh tests/cache/shared.sh tests/cache/schema-undo.h

# Marking a feed read and undoing it, exactly.
check_PROGRAMS += tests/cache/marks-test
TESTS += tests/cache/marks-test

# The lists a struct cache_list describes, against plain SQL.
check_PROGRAMS += tests/cache/lists-test
TESTS += tests/cache/lists-test

# Query feeds: the cache read for a filter, rows by id, and the story
# source of a query.
check_PROGRAMS += tests/cache/query-test
TESTS += tests/cache/query-test

# A row's place in its list from the counts kept by buckets.
check_PROGRAMS += tests/cache/position-test
TESTS += tests/cache/position-test
