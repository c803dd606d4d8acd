/*
 * sign.h - signed URLs: HMAC-SHA256 over the path and the canonical query.
 *
 * For senders that can only GET a URL (SFMC HTTPGet, Braze Connected
 * Content) a brand's URL carries kid (which secret), exp (Unix seconds,
 * inclusive end of validity) and sig:
 *
 *	sig = base64url-nopad(HMAC-SHA256(secret, path "\n" canonical))
 *
 * where path is the request path exactly as it appears in REQUEST_URI
 * before '?' (not decoded) and canonical is query_canonical(q, a,
 * {"sig", NULL}): every other parameter, kid and exp included, sorted
 * and percent-encoded.  The order of parameters in the URL therefore
 * does not matter; their names and values do.
 *
 * A struct sign_key is a keyed MAC context.  The caller caches one per
 * brand and kid; every use works on a duplicate (EVP_MAC_CTX_dup), so the
 * key schedule is done once and the key itself is never changed.
 */
#ifndef PPX_SIGN_H
#define PPX_SIGN_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct query;

#define SIGN_SECRET_LEN		32	/* bytes made by sign_secret_new() */
#define SIGN_SECRET_MIN		16	/* shortest secret sign_key_new() takes */
#define SIGN_SECRET_MAX		1024	/* longest one */
#define SIGN_MAC_LEN		32	/* HMAC-SHA256 output bytes */
#define SIGN_SIG_LEN		43	/* base64url, no padding, of the MAC */
#define SIGN_KID_MAX		16	/* a kid is [a-z0-9]{1,16} */
#define SIGN_KID_NEW_LEN	8	/* sign_kid_new(): 4 random bytes, hex */
#define SIGN_EXP_DIGITS		19	/* exp: positive decimal, no leading 0 */
#define SIGN_PATH_MAX		2048	/* longest path signed or verified */

struct sign_key;

enum sign_result {
	SIGN_OK,
	SIGN_MISSING,	/* sig, exp or kid absent: not a signed URL: 401 */
	SIGN_BAD,	/* malformed or wrong signature: 401 */
	SIGN_EXPIRED	/* right signature, exp < now: 403 */
};

/*
 * A key for the len bytes of secret (SIGN_SECRET_MIN..SIGN_SECRET_MAX).
 * NULL on a bad length or an OpenSSL error (logged).  k keeps no pointer
 * to secret: the caller may wipe it.  Free with sign_key_free().
 */
struct sign_key	*sign_key_new(const uint8_t *secret, size_t len);
/* Free k and its MAC context.  NULL is fine. */
void		 sign_key_free(struct sign_key *k);

/* SIGN_SECRET_LEN random bytes from RAND_bytes().  0, or -1. */
int		 sign_secret_new(uint8_t out[SIGN_SECRET_LEN]);
/*
 * A new key id: SIGN_KID_NEW_LEN (8) lowercase hex characters from 4
 * random bytes, NUL-terminated; kid must hold SIGN_KID_MAX + 1 bytes.
 * 0, or -1.
 */
int		 sign_kid_new(char kid[SIGN_KID_MAX + 1]);

/*
 * The raw HMAC-SHA256 of the len bytes at msg under k into out.  0, or
 * -1 when k is NULL or on an OpenSSL error (logged).  The primitive
 * under sign_url() and sign_verify(), exposed for known-answer tests.
 */
int		 sign_mac(const struct sign_key *k, const void *msg, size_t len,
		    uint8_t out[SIGN_MAC_LEN]);

/*
 * The signed form of path?q: "path?canonical&sig=SIG" where canonical
 * holds the parameters of q (NULL is an empty query) plus kid and exp,
 * sorted.  Owned by the arena.  NULL when q already holds exp, kid or
 * sig, when kid is not [a-z0-9]{1,16}, when exp <= 0, when path does not
 * start with '/' or holds '?', '#', a space or a control character or is
 * longer than SIGN_PATH_MAX, when q has more than QUERY_MAX_PARAMS - 3
 * parameters, when k is NULL, or on an arena or OpenSSL error.
 */
char		*sign_url(struct arena *a, const struct sign_key *k,
		    const char *kid, const char *path, const struct query *q,
		    int64_t exp);

/*
 * The kid and exp of a signed query, without checking the signature (the
 * caller needs the kid to pick the key).  Returns SIGN_MISSING when sig,
 * exp or kid is absent; SIGN_BAD when exp is not a positive decimal of at
 * most 19 digits without leading zero that fits int64_t, or kid is not
 * [a-z0-9]{1,16}; else SIGN_OK with *kid pointing into q and *exp set.
 * kid and exp may be NULL when not wanted; they are not touched unless
 * SIGN_OK.
 */
int		 sign_params(const struct query *q, const char **kid,
		    int64_t *exp);

/*
 * Check the signed request path?q against k at time now (Unix seconds).
 * The signature is checked before the expiry, so a forged URL learns
 * nothing from its exp: SIGN_MISSING or SIGN_BAD as sign_params(); SIGN_BAD
 * when sig is not SIGN_SIG_LEN base64url characters or does not match
 * (constant-time compare), when k is NULL (an unknown kid), or on an
 * arena or OpenSSL error (logged);
 * SIGN_EXPIRED when it matches but exp < now; else SIGN_OK.  Scratch
 * memory comes from the arena.
 */
enum sign_result sign_verify(struct arena *a, const struct sign_key *k,
		    const char *path, const struct query *q, int64_t now);

#endif
