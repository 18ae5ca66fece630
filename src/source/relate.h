/* Related stories among the stories of article files (the articles given
 * on the command line and their related headlines), found by the cache's
 * story index. */
#ifndef AKHBAR_SOURCE_RELATE_H
#define AKHBAR_SOURCE_RELATE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/library.h"

#define SOURCE_RELATED_MAX 8

/* The story index over a library's stories, kept to relate a
 * headline-only story when its page is first shown. */
struct source_relater;

/* After library_link(): index every story of lib, and extend each
 * article's related stories, after the ones its source lists, with up to
 * SOURCE_RELATED_MAX other stories the index finds closest
 * (cache_related()), its near-duplicates first; each leads to that story.
 * Returns the index for source_relate_story(), or NULL when lib has fewer
 * than two stories or the index failed (warned about: the lists stay as
 * the sources gave them).  lib must outlive it. */
struct source_relater *source_relate(struct library *lib);

/* Give headline-only story i its related stories from the index, once:
 * its article first, as before, then up to SOURCE_RELATED_MAX closest
 * stories (its siblings among them moved up), then its other siblings.
 * Nothing to do for an article (source_relate() did it) or with r NULL.
 * false with *error (a new string) when the index failed: the list stays
 * as it was. */
bool source_relate_story(struct source_relater *r, size_t i, char **error);

/* Free the index; NULL is allowed. */
void source_relater_free(struct source_relater *r);

#endif
