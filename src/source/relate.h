/* Related stories among the articles given on the command line, found by
 * the cache's story index. */
#ifndef AKHBAR_SOURCE_RELATE_H
#define AKHBAR_SOURCE_RELATE_H

#include "model/library.h"

/* After library_link(): extend each article's related stories, after the
 * ones its source lists, with up to SOURCE_RELATED_MAX other articles of
 * lib that the index finds closest (cache_related()), its near-duplicates
 * first; each leads to that article. A library of one article is left as
 * it is. A failure of the index is warned about and leaves the lists as
 * the sources gave them. */
void source_relate(struct library *lib);

#define SOURCE_RELATED_MAX 8

#endif
