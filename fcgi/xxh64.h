/*
 * xxh64.h - XXH64, Yann Collet's 64-bit non-cryptographic hash
 * (https://github.com/Cyan4973/xxHash, doc/xxhash_spec.md), for what only
 * needs to tell contents apart fast: the ETag of a rendered response.
 * Never for anything an attacker must not forge: that is HMAC (sign.h).
 */
#ifndef PPX_XXH64_H
#define PPX_XXH64_H

#include <stddef.h>
#include <stdint.h>

/* The XXH64 of the len bytes at p with seed; p may be NULL when len is 0. */
uint64_t	xxh64(const void *p, size_t len, uint64_t seed);

#endif
