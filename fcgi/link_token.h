/*
 * link_token.h - the token of a tracked link, /r/TOKEN.
 *
 * Every link in an email goes through ppxd: the token names the target
 * and says who made it, and ppxd answers 302 only to a target it signed
 * itself.  A token is four dot-separated parts, all URL-safe:
 *
 *	BRAND "." KID "." PAYLOAD "." TAG
 *
 *	PAYLOAD = base64url-nopad(EXP "\n" TOUCHPOINT "\n" KIND "\n" URL)
 *	TAG     = base64url-nopad(first 16 bytes of
 *	              HMAC-SHA256(secret of BRAND/KID,
 *	                  "ppx-link-1\n" BRAND "." KID "." PAYLOAD))
 *
 * BRAND and KID are in clear so /r/ can pick the key before it reads the
 * rest; the MAC covers them, so a token moved to another brand or key
 * does not verify.  The prefix "ppx-link-1\n" keeps a link's MAC apart
 * from a signed URL's (sign.h: a path that starts with '/').  EXP is Unix
 * seconds, the inclusive end of validity.  Nothing in a token is secret
 * (the email shows the target anyway); it holds no order, no customer.
 */
#ifndef PPX_LINK_TOKEN_H
#define PPX_LINK_TOKEN_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct sign_key;

#define LINK_URL_MAX	1024	/* bytes of a target URL */
#define LINK_NAME_MAX	64	/* brand, touchpoint and kind names */
#define LINK_KID_MAX	16	/* as SIGN_KID_MAX */
#define LINK_EXP_DIGITS	19
#define LINK_TAG_LEN	16	/* bytes of HMAC kept */
#define LINK_TAG_CHARS	22	/* base64url of them */
#define LINK_B64_LEN(n)	(((n) * 4 + 2) / 3)
/* The longest token link_token_make() makes and link_token_open() takes. */
#define LINK_TOKEN_MAX	(LINK_NAME_MAX + 1 + LINK_KID_MAX + 1 +		\
	LINK_B64_LEN(LINK_EXP_DIGITS + 1 + 2 * (LINK_NAME_MAX + 1) +	\
	    LINK_URL_MAX) + 1 + LINK_TAG_CHARS)

/* What a token says.  Strings are NUL-terminated. */
struct link_fields {
	const char	*brand;
	const char	*kid;
	const char	*touchpoint;
	const char	*kind;
	const char	*url;
	int64_t		 exp;
};

enum link_check {
	LINK_OK,
	LINK_MALFORMED,	/* not the shape of a token: 400 */
	LINK_FORGED,	/* the tag does not match (or no key): 403 */
	LINK_EXPIRED	/* the tag matches, exp < now: 410 */
};

/*
 * 1 when url may be a link target: http://, https:// or mailto: (any
 * case), well-formed UTF-8, no control character, at most LINK_URL_MAX
 * bytes.
 */
int	 link_url_ok(const char *url);

/*
 * The token for f under k (the key of f->brand and f->kid), in the
 * arena.  NULL when a field is invalid (names not [a-z0-9_-]{1,64}
 * starting with [a-z0-9], kid not [a-z0-9]{1,16}, exp <= 0, url refused
 * by link_url_ok()), on an arena or OpenSSL error.  At most
 * LINK_TOKEN_MAX characters, all of [A-Za-z0-9_.-].
 */
char	*link_token_make(struct arena *a, const struct sign_key *k,
	    const struct link_fields *f);

/*
 * The brand and kid of a token, without checking anything else, so the
 * caller can find the key.  OUT: brand, kid (NUL-terminated copies).
 * LINK_OK or LINK_MALFORMED.
 */
enum link_check link_token_owner(const char *token,
	    char brand[LINK_NAME_MAX + 1], char kid[LINK_KID_MAX + 1]);

/*
 * Check token against k (NULL: an unknown key, LINK_FORGED) at time now
 * and, when it holds, fill *out (strings in the arena).  The tag is
 * compared in constant time before the payload is decoded, and before
 * the expiry is looked at.  LINK_MALFORMED, LINK_FORGED, LINK_EXPIRED
 * (out is filled: the caller may say what expired), or LINK_OK.
 */
enum link_check link_token_open(struct arena *a, const struct sign_key *k,
	    const char *token, int64_t now, struct link_fields *out);

#endif
