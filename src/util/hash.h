/* FNV-1a, 64 bits: a fast, stable hash for keys of hash tables and for
 * short ids (not for anything an attacker should not be able to collide). */
#ifndef AKHBAR_UTIL_HASH_H
#define AKHBAR_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The value to start from. */
#define HASH_FNV1A_INIT UINT64_C(0xcbf29ce484222325)

/* h carried on over len bytes at p: start from HASH_FNV1A_INIT, or from
 * a previous result to hash several pieces as one. */
static inline uint64_t hash_fnv1a(uint64_t h, const void *p, size_t len)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < len; i++)
		h = (h ^ b[i]) * UINT64_C(0x100000001b3);
	return h;
}

#endif
