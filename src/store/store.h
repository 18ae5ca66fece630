/* What the files of src/store share with each other; nothing outside
 * src/store includes this. */
#ifndef AKHBAR_STORE_STORE_H
#define AKHBAR_STORE_STORE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store/cache.h"

/* The cache's connection; owned by the cache. */
sqlite3 *cache_db(struct cache *c);

/* Record SQLite's failure rc (with the connection's message) as the
 * cache's error; returns false. */
bool cache_fail(struct cache *c, int rc);

/* Make message (taken over) the cache's error. */
void cache_set_error(struct cache *c, char *message);

/* Register the SQL functions the story index's triggers call
 * (akhbar_headline_words, akhbar_summary_words) on db: before the schema
 * is migrated, on every connection that writes items. */
bool cache_index_register(sqlite3 *db);

#endif
