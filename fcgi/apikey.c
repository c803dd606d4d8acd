/*
 * apikey.c - brand API keys: make, hash, parse, compare.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "apikey.h"
#include "log.h"

#define KEY_BYTES	32
#define BEARER		"bearer"
#define BEARER_LEN	6

static void
log_ssl(const char *what)
{
	const char *why;

	why = ERR_reason_error_string(ERR_get_error());
	log_err("apikey: %s: %s", what, why != NULL ? why : "OpenSSL error");
	ERR_clear_error();
}

/*
 * base64url without padding of KEY_BYTES bytes: 43 characters, out holds
 * 45 (EVP_EncodeBlock writes one '=' and the NUL).
 */
static void
b64url_encode(char out[APIKEY_LEN - APIKEY_PREFIX_LEN + 2],
    const uint8_t in[KEY_BYTES])
{
	char *p;

	EVP_EncodeBlock((unsigned char *)out, in, KEY_BYTES);
	for (p = out; *p != '\0' && *p != '='; p++)
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
	*p = '\0';
}

static int
is_b64url(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

int
apikey_new(char out[APIKEY_LEN + 1])
{
	uint8_t raw[KEY_BYTES];
	char enc[APIKEY_LEN - APIKEY_PREFIX_LEN + 2];

	if (RAND_bytes(raw, sizeof(raw)) != 1) {
		log_ssl("RAND_bytes");
		return -1;
	}
	b64url_encode(enc, raw);
	memcpy(out, APIKEY_PREFIX, APIKEY_PREFIX_LEN);
	memcpy(out + APIKEY_PREFIX_LEN, enc, APIKEY_LEN - APIKEY_PREFIX_LEN);
	out[APIKEY_LEN] = '\0';
	OPENSSL_cleanse(raw, sizeof(raw));
	OPENSSL_cleanse(enc, sizeof(enc));
	return 0;
}

int
apikey_hash(const char *key, char hex[APIKEY_HASH_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen, i;

	if (key == NULL)
		return -1;
	if (EVP_Digest(key, strlen(key), md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen * 2 != APIKEY_HASH_LEN) {
		log_ssl("EVP_Digest");
		return -1;
	}
	for (i = 0; i < mdlen; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * mdlen] = '\0';
	return 0;
}

int
apikey_from_header(const char *authorization, const char **key)
{
	const char *p;
	size_t i;

	if (authorization == NULL ||
	    strncasecmp(authorization, BEARER, BEARER_LEN) != 0 ||
	    authorization[BEARER_LEN] != ' ')
		return -1;
	p = authorization + BEARER_LEN;
	while (*p == ' ')
		p++;
	if (strncmp(p, APIKEY_PREFIX, APIKEY_PREFIX_LEN) != 0)
		return -1;
	for (i = APIKEY_PREFIX_LEN; i < APIKEY_LEN; i++)
		if (!is_b64url((unsigned char)p[i]))
			return -1;	/* also stops at the NUL */
	if (p[APIKEY_LEN] != '\0')
		return -1;
	*key = p;
	return 0;
}

int
apikey_equal_hash(const char *a_hex, const char *b_hex)
{
	if (a_hex == NULL || b_hex == NULL ||
	    strnlen(a_hex, APIKEY_HASH_LEN + 1) != APIKEY_HASH_LEN ||
	    strnlen(b_hex, APIKEY_HASH_LEN + 1) != APIKEY_HASH_LEN)
		return 0;
	return CRYPTO_memcmp(a_hex, b_hex, APIKEY_HASH_LEN) == 0;
}
