/*
 * sign.c - signed URLs: HMAC-SHA256 (EVP_MAC) over path "\n" canonical.
 */
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "arena.h"
#include "log.h"
#include "query.h"
#include "sign.h"

#define KID_NEW_BYTES	(SIGN_KID_NEW_LEN / 2)

struct sign_key {
	EVP_MAC_CTX	*ctx;	/* keyed; only ever duplicated, never updated */
};

static const char *const skip_sig[] = { "sig", NULL };

static void
log_ssl(const char *what)
{
	const char *why;

	why = ERR_reason_error_string(ERR_get_error());
	log_err("sign: %s: %s", what, why != NULL ? why : "OpenSSL error");
	ERR_clear_error();
}

/*
 * base64url without padding of a MAC: SIGN_SIG_LEN characters, out holds
 * SIGN_SIG_LEN + 2 (EVP_EncodeBlock writes one '=' and the NUL).
 */
static void
sig_encode(char out[SIGN_SIG_LEN + 2], const uint8_t in[SIGN_MAC_LEN])
{
	char *p;

	EVP_EncodeBlock((unsigned char *)out, in, SIGN_MAC_LEN);
	for (p = out; *p != '\0' && *p != '='; p++)
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
	*p = '\0';
}

static int
b64url_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

/*
 * Decode exactly SIGN_SIG_LEN base64url characters.  Strict: the unused
 * low bits of the last character must be zero, so one MAC has one sig.
 */
static int
sig_decode(const char *s, uint8_t out[SIGN_MAC_LEN])
{
	uint32_t v = 0;
	size_t i, o = 0;
	int bits = 0, d;

	if (strnlen(s, SIGN_SIG_LEN + 1) != SIGN_SIG_LEN)
		return -1;
	for (i = 0; i < SIGN_SIG_LEN; i++) {
		if ((d = b64url_value((unsigned char)s[i])) < 0)
			return -1;
		v = v << 6 | (uint32_t)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (uint8_t)(v >> bits);
			v &= (1u << bits) - 1;
		}
	}
	if (o != SIGN_MAC_LEN || v != 0)
		return -1;
	return 0;
}

static int
kid_ok(const char *kid)
{
	size_t i;

	for (i = 0; kid[i] != '\0'; i++) {
		if (i == SIGN_KID_MAX)
			return 0;
		if (!((kid[i] >= 'a' && kid[i] <= 'z') ||
		    (kid[i] >= '0' && kid[i] <= '9')))
			return 0;
	}
	return i > 0;
}

/* A positive decimal, no sign, no leading zero, fitting int64_t. */
static int
exp_parse(const char *s, int64_t *out)
{
	int64_t v = 0;
	size_t i;

	if (s[0] < '1' || s[0] > '9')
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (i == SIGN_EXP_DIGITS || s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (INT64_MAX - (s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Starts with '/', no '?', '#', space or control character, bounded. */
static int
path_ok(const char *path)
{
	size_t i;

	if (path == NULL || path[0] != '/')
		return 0;
	for (i = 0; path[i] != '\0'; i++) {
		if (i == SIGN_PATH_MAX)
			return 0;
		if ((unsigned char)path[i] <= ' ' || path[i] == 0x7f ||
		    path[i] == '?' || path[i] == '#')
			return 0;
	}
	return 1;
}

/* HMAC of the n parts, in order, on a duplicate of the keyed context. */
static int
mac_parts(const struct sign_key *k, const void *const part[],
    const size_t len[], size_t n, uint8_t out[SIGN_MAC_LEN])
{
	EVP_MAC_CTX *ctx;
	size_t i, outl;
	int rc = -1;

	if (k == NULL) {
		log_err("sign: no key");
		return -1;
	}
	if ((ctx = EVP_MAC_CTX_dup(k->ctx)) == NULL) {
		log_ssl("EVP_MAC_CTX_dup");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (EVP_MAC_update(ctx, part[i], len[i]) != 1) {
			log_ssl("EVP_MAC_update");
			goto out_free_ctx;
		}
	if (EVP_MAC_final(ctx, out, &outl, SIGN_MAC_LEN) != 1 ||
	    outl != SIGN_MAC_LEN) {
		log_ssl("EVP_MAC_final");
		goto out_free_ctx;
	}
	rc = 0;
out_free_ctx:
	EVP_MAC_CTX_free(ctx);
	return rc;
}

/* The signed message: path "\n" canonical. */
static int
mac_message(const struct sign_key *k, const char *path, const char *canon,
    uint8_t out[SIGN_MAC_LEN])
{
	const void *part[3] = { path, "\n", canon };
	size_t len[3] = { strlen(path), 1, strlen(canon) };

	return mac_parts(k, part, len, 3, out);
}

struct sign_key *
sign_key_new(const uint8_t *secret, size_t len)
{
	OSSL_PARAM params[2];
	struct sign_key *k;
	EVP_MAC *mac;

	if (secret == NULL || len < SIGN_SECRET_MIN || len > SIGN_SECRET_MAX) {
		log_err("sign: secret of %zu bytes, want %d to %d",
		    secret == NULL ? 0 : len, SIGN_SECRET_MIN, SIGN_SECRET_MAX);
		return NULL;
	}
	if ((k = OPENSSL_zalloc(sizeof(*k))) == NULL) {
		log_err("sign: out of memory");
		return NULL;
	}
	if ((mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL)) == NULL) {
		log_ssl("EVP_MAC_fetch HMAC");
		goto out_free_k;
	}
	/* The context holds its own reference to mac. */
	k->ctx = EVP_MAC_CTX_new(mac);
	EVP_MAC_free(mac);
	if (k->ctx == NULL) {
		log_ssl("EVP_MAC_CTX_new");
		goto out_free_k;
	}
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (EVP_MAC_init(k->ctx, secret, len, params) != 1) {
		log_ssl("EVP_MAC_init");
		goto out_free_ctx;
	}
	return k;
out_free_ctx:
	EVP_MAC_CTX_free(k->ctx);
out_free_k:
	OPENSSL_free(k);
	return NULL;
}

void
sign_key_free(struct sign_key *k)
{
	if (k == NULL)
		return;
	EVP_MAC_CTX_free(k->ctx);
	OPENSSL_free(k);
}

int
sign_secret_new(uint8_t out[SIGN_SECRET_LEN])
{
	if (RAND_bytes(out, SIGN_SECRET_LEN) != 1) {
		log_ssl("RAND_bytes");
		return -1;
	}
	return 0;
}

int
sign_kid_new(char kid[SIGN_KID_MAX + 1])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t raw[KID_NEW_BYTES];
	size_t i;

	if (RAND_bytes(raw, sizeof(raw)) != 1) {
		log_ssl("RAND_bytes");
		return -1;
	}
	for (i = 0; i < sizeof(raw); i++) {
		kid[2 * i] = digits[raw[i] >> 4];
		kid[2 * i + 1] = digits[raw[i] & 15];
	}
	kid[2 * i] = '\0';
	return 0;
}

int
sign_mac(const struct sign_key *k, const void *msg, size_t len,
    uint8_t out[SIGN_MAC_LEN])
{
	const void *part[1] = { msg };

	return mac_parts(k, part, &len, 1, out);
}

/* Why q, kid, path or exp cannot be signed, or NULL when they can. */
static const char *
sign_url_refusal(const char *kid, const char *path, const struct query *q,
    int64_t exp)
{
	if (kid == NULL || !kid_ok(kid))
		return "kid is not [a-z0-9]{1,16}";
	if (exp <= 0)
		return "exp is not positive";
	if (!path_ok(path))
		return "path is not a plain absolute path";
	if (q == NULL)
		return NULL;
	if (q->n > QUERY_MAX_PARAMS - 3)
		return "too many parameters";
	if (query_get(q, "exp") != NULL || query_get(q, "kid") != NULL ||
	    query_get(q, "sig") != NULL)
		return "query already holds exp, kid or sig";
	return NULL;
}

char *
sign_url(struct arena *a, const struct sign_key *k, const char *kid,
    const char *path, const struct query *q, int64_t exp)
{
	struct query all;
	uint8_t mac[SIGN_MAC_LEN];
	char sig[SIGN_SIG_LEN + 2], *url;
	const char *why, *canon, *expstr;

	if ((why = sign_url_refusal(kid, path, q, exp)) != NULL) {
		log_warn("sign: cannot sign: %s", why);
		return NULL;
	}
	all.n = 0;
	if (q != NULL) {
		memcpy(all.p, q->p, q->n * sizeof(q->p[0]));
		all.n = q->n;
	}
	if ((expstr = arena_printf(a, "%" PRId64, exp)) == NULL)
		goto out_nomem;
	all.p[all.n].name = "exp";
	all.p[all.n++].value = expstr;
	all.p[all.n].name = "kid";
	all.p[all.n++].value = kid;
	if ((canon = query_canonical(&all, a, skip_sig)) == NULL)
		goto out_nomem;
	if (mac_message(k, path, canon, mac) == -1)
		return NULL;
	sig_encode(sig, mac);
	if ((url = arena_printf(a, "%s?%s&sig=%s", path, canon, sig)) == NULL)
		goto out_nomem;
	return url;
out_nomem:
	log_err("sign: no memory for the signed URL");
	return NULL;
}

int
sign_params(const struct query *q, const char **kid, int64_t *exp)
{
	const char *s_sig, *s_exp, *s_kid;
	int64_t v;

	if (q == NULL)
		return SIGN_MISSING;
	s_sig = query_get(q, "sig");
	s_exp = query_get(q, "exp");
	s_kid = query_get(q, "kid");
	if (s_sig == NULL || s_exp == NULL || s_kid == NULL)
		return SIGN_MISSING;
	if (exp_parse(s_exp, &v) == -1 || !kid_ok(s_kid))
		return SIGN_BAD;
	if (kid != NULL)
		*kid = s_kid;
	if (exp != NULL)
		*exp = v;
	return SIGN_OK;
}

enum sign_result
sign_verify(struct arena *a, const struct sign_key *k, const char *path,
    const struct query *q, int64_t now)
{
	uint8_t given[SIGN_MAC_LEN], want[SIGN_MAC_LEN];
	const char *canon;
	int64_t exp;
	int rc;

	if ((rc = sign_params(q, NULL, &exp)) != SIGN_OK)
		return rc;
	if (!path_ok(path) || sig_decode(query_get(q, "sig"), given) == -1)
		return SIGN_BAD;
	if ((canon = query_canonical(q, a, skip_sig)) == NULL) {
		log_err("sign: no memory for the canonical query");
		return SIGN_BAD;
	}
	if (mac_message(k, path, canon, want) == -1)
		return SIGN_BAD;
	if (CRYPTO_memcmp(given, want, SIGN_MAC_LEN) != 0)
		return SIGN_BAD;
	if (exp < now)
		return SIGN_EXPIRED;
	return SIGN_OK;
}
