/* Allocation wrappers that never return NULL: on exhaustion they call die(). */
#ifndef AKHBAR_UTIL_XALLOC_H
#define AKHBAR_UTIL_XALLOC_H

#include <stddef.h>

/* malloc that dies on failure; xmalloc(0) returns a unique pointer. */
void *xmalloc(size_t size);
/* calloc that dies on failure or on n * size overflow. */
void *xcalloc(size_t n, size_t size);
/* realloc of n elements of size bytes; dies on failure or overflow. */
void *xreallocarray(void *ptr, size_t n, size_t size);
/* strdup that dies on failure. */
char *xstrdup(const char *s);
/* Copy of the first len bytes of s, NUL-terminated; dies on failure. */
char *xstrndup(const char *s, size_t len);
/* printf into a new string; dies on failure. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
