/* SQL that takes a test's cache back one schema step at a time, to
 * check that opening it brings it up to date: from step 7 to step 6
 * (the lists' counts by buckets), from 6 to 5 (the indices of unread and
 * starred rows), from 5 to 4 (near-duplicate groups and kept counts).
 * Each leaves PRAGMA user_version to the caller. */
#ifndef AKHBAR_TESTS_CACHE_SCHEMA_UNDO_H
#define AKHBAR_TESTS_CACHE_SCHEMA_UNDO_H

#define UNDO_STEP_7                                                            \
	"DROP TRIGGER list_counts_add; DROP TRIGGER list_counts_drop;"         \
	"DROP TRIGGER list_counts_change; DROP TRIGGER list_counts_read;"      \
	"DROP TABLE list_counts;"
#define UNDO_STEP_6                                                            \
	"DROP INDEX items_feed_unread; DROP INDEX items_all_unread;"           \
	"DROP INDEX items_starred;"
#define UNDO_STEP_5                                                            \
	"DROP TRIGGER items_count_add; DROP TRIGGER items_count_drop;"         \
	"DROP TRIGGER items_count_change; DROP TRIGGER items_heads_set;"       \
	"DROP TRIGGER items_heads_drop; DROP TRIGGER items_heads_add;"         \
	"DROP INDEX items_story;"                                              \
	"DROP INDEX items_feed_rows; DROP INDEX items_all_rows;"               \
	"ALTER TABLE items DROP COLUMN story;"                                 \
	"ALTER TABLE items DROP COLUMN head_all;"                              \
	"ALTER TABLE items DROP COLUMN head_feed;"                             \
	"ALTER TABLE feeds DROP COLUMN n_items;"                               \
	"ALTER TABLE feeds DROP COLUMN n_unread;"                              \
	"ALTER TABLE feeds DROP COLUMN n_rows;"                                \
	"ALTER TABLE feeds DROP COLUMN n_unread_rows;"                         \
	"ALTER TABLE feeds DROP COLUMN n_all_rows;"                            \
	"ALTER TABLE feeds DROP COLUMN n_all_unread;"

#endif
