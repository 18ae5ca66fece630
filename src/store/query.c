/* Query feeds: the list of every feed read whole, a row at a time, for a
 * filter to choose from, and the rows chosen read again by id. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/xalloc.h"

/* Only the columns a filter looks at (the summary, or NULL in its
 * place); items first, in the order of the index of the list's rows
 * (from a key on as the lists page, ?1 and ?2 its time and id; ?3 the
 * rows wanted, -1 every one), and each row's feed looked up by its
 * key. */
static const char scan_sql[] =
        "SELECT i.id, i.feed_id, i.time, i.read, i.starred, i.title,"
        " %s, i.author, i.link, i.guid, f.title, f.url, f.link"
        " FROM items AS i CROSS JOIN feeds AS f ON f.id = i.feed_id"
        " WHERE i.head_all = 1%s ORDER BY i.time DESC, i.id LIMIT ?3";

static const char *text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static sqlite3_stmt *scan_statement(struct cache *c,
                                    const struct cache_row_key *after,
                                    size_t most, bool content)
{
	char *sql = xasprintf(scan_sql, content ? "i.summary" : "NULL",
	                      after ? " AND i.time <= ?1 AND"
	                              " (i.time < ?1 OR i.id > ?2)"
	                            : "");
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(cache_db(c), sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		cache_fail(c, rc);
		return NULL;
	}
	if (after) {
		sqlite3_bind_int64(st, 1, after->time);
		sqlite3_bind_int64(st, 2, after->id);
	}
	sqlite3_bind_int64(st, 3, most ? (long long)most : -1);
	return st;
}

long long cache_query_scan(struct cache *c, const struct cache_row_key *after,
                           size_t most, bool content, cache_query_fn *fn,
                           void *ctx, struct cache_row_key *last)
{
	sqlite3_stmt *st = scan_statement(c, after, most, content);
	if (!st)
		return -1;
	long long n = 0;
	bool go = true;
	int rc;
	while (go && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cache_query_item it = {
		        .id = sqlite3_column_int64(st, 0),
		        .feed_id = sqlite3_column_int64(st, 1),
		        .time = sqlite3_column_int64(st, 2),
		        .read = sqlite3_column_int(st, 3) != 0,
		        .starred = sqlite3_column_int(st, 4) != 0,
		        .title = text(st, 5),
		        .content = text(st, 6),
		        .author = text(st, 7),
		        .link = text(st, 8),
		        .guid = text(st, 9),
		        .feed_title = text(st, 10),
		        .feed_url = text(st, 11),
		        .feed_link = text(st, 12),
		};
		go = fn(&it, ctx);
		n++;
		if (last)
			*last = (struct cache_row_key){it.time, it.id};
	}
	sqlite3_finalize(st);
	if (go && rc != SQLITE_DONE) {
		cache_fail(c, rc);
		return -1;
	}
	return n;
}

/* Fill row l from st's answer for its id, or leave it a row gone. */
static void read_row(sqlite3_stmt *st, struct cache_headline *l, char **title)
{
	if (sqlite3_step(st) != SQLITE_ROW) {
		*title = xstrdup("");
		l->title = *title;
		return;
	}
	l->time = sqlite3_column_int64(st, 0);
	l->read = sqlite3_column_int(st, 1) != 0;
	l->starred = sqlite3_column_int(st, 2) != 0;
	const char *t = text(st, 3);
	*title = xstrdup(t ? t : "");
	l->title = *title;
	l->story = sqlite3_column_int64(st, 4);
	l->feed_id = sqlite3_column_int64(st, 5);
	l->head = true;
}

struct cache_headlines *cache_query_rows(struct cache *c, const long long *ids,
                                         size_t n)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(cache_db(c),
	                            "SELECT time, read, starred, title, story,"
	                            " feed_id FROM items WHERE id = ?1",
	                            -1, &st, NULL);
	if (rc != SQLITE_OK) {
		cache_fail(c, rc);
		return NULL;
	}
	struct cache_headlines *h = xcalloc(1, sizeof *h);
	h->items = xcalloc(n ? n : 1, sizeof *h->items);
	h->chunks = xcalloc(n ? n : 1, sizeof *h->chunks);
	for (size_t i = 0; i < n; i++) {
		struct cache_headline *l = &h->items[i];
		l->id = ids[i];
		sqlite3_bind_int64(st, 1, ids[i]);
		read_row(st, l, &h->chunks[i]);
		sqlite3_reset(st);
		h->n = h->nchunks = i + 1;
	}
	sqlite3_finalize(st);
	return h;
}
