/* Allocation wrappers that never return NULL: on exhaustion they call die().
 * Their attributes tell compilers and analyzers so: returns_nonnull (no
 * NULL to check for), malloc (the memory is fresh: nothing else points
 * into it) and alloc_size (how many bytes it has). */
#ifndef AKHBAR_UTIL_XALLOC_H
#define AKHBAR_UTIL_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* malloc that dies on failure; xmalloc(0) returns a unique pointer. */
void *xmalloc(size_t size)
        __attribute__((returns_nonnull, malloc, alloc_size(1)));
/* calloc that dies on failure or on n * size overflow. */
void *xcalloc(size_t n, size_t size)
        __attribute__((returns_nonnull, malloc, alloc_size(1, 2)));
/* realloc of n elements of size bytes; dies on failure or overflow.  Not
 * malloc: the memory holds what ptr held, pointers included. */
void *xreallocarray(void *ptr, size_t n, size_t size)
        __attribute__((returns_nonnull, alloc_size(2, 3)));
/* strdup that dies on failure. */
char *xstrdup(const char *s) __attribute__((returns_nonnull, malloc));
/* Copy of the first len bytes of s, NUL-terminated; dies on failure. */
char *xstrndup(const char *s, size_t len)
        __attribute__((returns_nonnull, malloc));
/* printf into a new string; dies on failure. */
char *xasprintf(const char *fmt, ...)
        __attribute__((format(printf, 1, 2), returns_nonnull, malloc));
/* xasprintf() of a va_list. */
char *xvasprintf(const char *fmt, va_list ap)
        __attribute__((format(printf, 1, 0), returns_nonnull, malloc));

#endif
