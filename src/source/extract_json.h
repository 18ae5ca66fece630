/* A forgiving JSON reader for a page's JSON-LD (<script
 * type="application/ld+json">): pages write control characters inside
 * strings, trailing commas and comment or CDATA wrappers, and a reader
 * that refused them would lose the article's metadata. */
#ifndef AKHBAR_SOURCE_EXTRACT_JSON_H
#define AKHBAR_SOURCE_EXTRACT_JSON_H

#include <stddef.h>

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

/* A value.  str is the text of a string (UTF-8, escapes decoded), a
 * number or a boolean as written; an array has n items, an object n items
 * named by keys.  Everything is owned by the root. */
struct json {
	enum json_type type;
	char *str;
	size_t n;
	struct json *items;
	char **keys;
};

/* The first JSON value in text (after any "<!--" or CDATA wrapper), or
 * NULL when it is not JSON.  Free with json_free(). */
struct json *json_parse(const char *text, size_t len);

/* The member key of an object, or NULL (also when v is not an object). */
const struct json *json_get(const struct json *v, const char *key);

/* Free a value from json_parse(); NULL is allowed. */
void json_free(struct json *v);

#endif
