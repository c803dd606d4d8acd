/*
 * admin_token.c - random tokens, their hashes, constant-time compare.
 */
#include <string.h>

#include <sodium.h>

#include "admin_token.h"

int
admin_token_init(void)
{
	/* 0: ready now, 1: was ready already, -1: no entropy source. */
	return sodium_init() < 0 ? -1 : 0;
}

int
admin_token_new(char out[ADMIN_TOKEN_LEN + 1])
{
	unsigned char raw[32];

	if (admin_token_init() == -1)
		return -1;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, ADMIN_TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

int
admin_token_valid(const char *s)
{
	return s != NULL && strnlen(s, ADMIN_TOKEN_LEN + 1) == ADMIN_TOKEN_LEN &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_-") == ADMIN_TOKEN_LEN;
}

int
admin_token_hash(const char *s, char out[ADMIN_TOKEN_HASH_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	if (s == NULL || admin_token_init() == -1)
		return -1;
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, ADMIN_TOKEN_HASH_LEN + 1, h, sizeof(h));
	return 0;
}

int
admin_token_equal(const char *want, const char *got)
{
	if (!admin_token_valid(want) || !admin_token_valid(got))
		return 0;
	return sodium_memcmp(want, got, ADMIN_TOKEN_LEN) == 0;
}
