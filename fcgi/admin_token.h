/*
 * admin_token.h - the console's secrets: random tokens (session ids,
 * CSRF tokens), their stored form, and comparing them.
 *
 * A token is 32 bytes from libsodium's randombytes, written as 43
 * characters of unpadded base64url.  What the store keeps of a session
 * id is its SHA-256 in hex, so a copy of the store opens no session.
 */
#ifndef PPX_ADMIN_TOKEN_H
#define PPX_ADMIN_TOKEN_H

#include <stddef.h>

#define ADMIN_TOKEN_LEN		43	/* characters, without the NUL */
#define ADMIN_TOKEN_HASH_LEN	64	/* hex SHA-256 */

/* Make libsodium ready (once per process).  0, or -1. */
int	 admin_token_init(void);
/* A new random token.  0, or -1 when libsodium is not ready. */
int	 admin_token_new(char out[ADMIN_TOKEN_LEN + 1]);
/* 1 when s has the shape of a token (43 of [A-Za-z0-9_-]), else 0. */
int	 admin_token_valid(const char *s);
/* The hex SHA-256 of s (any string).  0, or -1. */
int	 admin_token_hash(const char *s, char out[ADMIN_TOKEN_HASH_LEN + 1]);
/*
 * 1 when the two tokens are equal, in time that does not depend on where
 * they differ; 0 when not, or when either is NULL or not a token.
 */
int	 admin_token_equal(const char *want, const char *got);

#endif
