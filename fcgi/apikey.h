/*
 * apikey.h - brand API keys.
 *
 * A key is "ppx_" followed by 43 base64url characters (32 bytes from
 * RAND_bytes, no padding): 47 characters.  Keys are high-entropy random,
 * so the store keeps only their SHA-256 (hex) and a lookup hashes the
 * presented key and compares hashes; a key is shown once, at creation.
 */
#ifndef PPX_APIKEY_H
#define PPX_APIKEY_H

#define APIKEY_PREFIX		"ppx_"
#define APIKEY_PREFIX_LEN	4
#define APIKEY_LEN		47
#define APIKEY_HASH_LEN		64	/* hex characters of a SHA-256 */

/* A new random key into out, NUL-terminated.  0, or -1 (logged). */
int	 apikey_new(char out[APIKEY_LEN + 1]);

/*
 * The lowercase hex SHA-256 of the string key into hex, NUL-terminated.
 * 0, or -1 when key is NULL or on an OpenSSL error (logged).
 */
int	 apikey_hash(const char *key, char hex[APIKEY_HASH_LEN + 1]);

/*
 * Find the key in an Authorization header value: "Bearer", the scheme
 * in any case, one space or more, then the key and nothing after it.
 * Returns 0 with *key pointing into authorization, or -1 when it is NULL,
 * another scheme, or the key is empty, followed by anything, not
 * APIKEY_LEN long, without the "ppx_" prefix or not base64url.  *key is
 * not touched on -1.
 */
int	 apikey_from_header(const char *authorization, const char **key);

/*
 * 1 when the hex hashes a and b are equal, else 0 (also when either is
 * NULL or not APIKEY_HASH_LEN long).  The content is compared in constant
 * time (CRYPTO_memcmp); only the lengths may leak.
 */
int	 apikey_equal_hash(const char *a_hex, const char *b_hex);

#endif
