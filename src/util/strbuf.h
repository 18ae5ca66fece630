/* A growable byte string that is always NUL-terminated once used. */
#ifndef AKHBAR_UTIL_STRBUF_H
#define AKHBAR_UTIL_STRBUF_H

#include <stddef.h>

/* Zero-initialized is empty; s is NUL-terminated once anything was added. */
struct strbuf {
	char *s;
	size_t len, cap;
};

/* Append len bytes. */
void strbuf_add(struct strbuf *b, const char *s, size_t len);

/* Append a NUL-terminated string. */
void strbuf_adds(struct strbuf *b, const char *s);

/* Append one byte. */
void strbuf_addc(struct strbuf *b, char c);

/* Append a code point as UTF-8 (an invalid one as U+FFFD). */
void strbuf_add_utf8(struct strbuf *b, unsigned long cp);

/* Empty the buffer, keeping its memory. */
void strbuf_reset(struct strbuf *b);

/* Hand the contents to the caller ("" when empty) and empty the buffer. */
char *strbuf_take(struct strbuf *b);

/* Free the contents; the buffer is empty and usable again. */
void strbuf_free(struct strbuf *b);

#endif
