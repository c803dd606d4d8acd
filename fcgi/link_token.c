/*
 * link_token.c - make and open the tokens of tracked links (see
 * link_token.h for the format).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlstring.h>
#include <openssl/crypto.h>

#include "arena.h"
#include "link_token.h"
#include "sign.h"

#define MAC_PREFIX	"ppx-link-1\n"
#define PAYLOAD_MAX	(LINK_EXP_DIGITS + 1 + 2 * (LINK_NAME_MAX + 1) + \
	LINK_URL_MAX)
#define SIGNED_MAX	(sizeof(MAC_PREFIX) + LINK_TOKEN_MAX)

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* base64url without padding of in[0..n) into out (LINK_B64_LEN(n) + 1). */
static void
b64_encode(char *out, const uint8_t *in, size_t n)
{
	uint32_t v;
	size_t i;

	for (i = 0; i + 3 <= n; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		*out++ = b64url[v >> 18];
		*out++ = b64url[(v >> 12) & 63];
		*out++ = b64url[(v >> 6) & 63];
		*out++ = b64url[v & 63];
	}
	if (n - i == 1) {
		v = (uint32_t)in[i] << 16;
		*out++ = b64url[v >> 18];
		*out++ = b64url[(v >> 12) & 63];
	} else if (n - i == 2) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
		*out++ = b64url[v >> 18];
		*out++ = b64url[(v >> 12) & 63];
		*out++ = b64url[(v >> 6) & 63];
	}
	*out = '\0';
}

static int
b64_value(unsigned char c)
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
 * Decode the len characters at s into out (room for max bytes).  Strict:
 * no padding, no length of 1 mod 4, unused low bits zero, so one byte
 * string has exactly one encoding.  The number of bytes, or -1.
 */
static long
b64_decode(const char *s, size_t len, uint8_t *out, size_t max)
{
	uint32_t v = 0;
	size_t i, o = 0;
	int bits = 0, d;

	if (len % 4 == 1)
		return -1;
	for (i = 0; i < len; i++) {
		if ((d = b64_value((unsigned char)s[i])) < 0)
			return -1;
		v = v << 6 | (uint32_t)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o == max)
				return -1;
			out[o++] = (uint8_t)(v >> bits);
			v &= (1u << bits) - 1;
		}
	}
	if (v != 0)
		return -1;
	return (long)o;
}

/* [a-z0-9][a-z0-9_-]{0,63}, the s[0..len) form. */
static int
name_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > LINK_NAME_MAX || s[0] == '_' || s[0] == '-')
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static int
kid_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > LINK_KID_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

int
link_url_ok(const char *url)
{
	const unsigned char *p;
	size_t len;

	if (url == NULL || (len = strnlen(url, LINK_URL_MAX + 1)) >
	    LINK_URL_MAX)
		return 0;
	if (strncasecmp(url, "https://", 8) != 0 &&
	    strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "mailto:", 7) != 0)
		return 0;
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return xmlCheckUTF8((const xmlChar *)url) != 0;
}

/* The first LINK_TAG_LEN bytes of the MAC of the signed text. */
static int
tag_of(const struct sign_key *k, const char *signed_text, size_t len,
    uint8_t tag[LINK_TAG_LEN])
{
	char msg[SIGNED_MAX];
	uint8_t mac[SIGN_MAC_LEN];

	if (len > LINK_TOKEN_MAX)
		return -1;
	memcpy(msg, MAC_PREFIX, sizeof(MAC_PREFIX) - 1);
	memcpy(msg + sizeof(MAC_PREFIX) - 1, signed_text, len);
	if (sign_mac(k, msg, sizeof(MAC_PREFIX) - 1 + len, mac) == -1)
		return -1;
	memcpy(tag, mac, LINK_TAG_LEN);
	return 0;
}

char *
link_token_make(struct arena *a, const struct sign_key *k,
    const struct link_fields *f)
{
	char payload[PAYLOAD_MAX + 1];
	uint8_t tag[LINK_TAG_LEN];
	char *token, *p;
	size_t blen, klen, plen;
	int n;

	if (f == NULL || f->brand == NULL || f->kid == NULL ||
	    f->touchpoint == NULL || f->kind == NULL || f->exp <= 0 ||
	    !name_ok(f->brand, strnlen(f->brand, LINK_NAME_MAX + 1)) ||
	    !kid_ok(f->kid, strnlen(f->kid, LINK_KID_MAX + 1)) ||
	    !name_ok(f->touchpoint, strnlen(f->touchpoint, LINK_NAME_MAX + 1)) ||
	    !name_ok(f->kind, strnlen(f->kind, LINK_NAME_MAX + 1)) ||
	    !link_url_ok(f->url))
		return NULL;
	n = snprintf(payload, sizeof(payload), "%" PRId64 "\n%s\n%s\n%s",
	    f->exp, f->touchpoint, f->kind, f->url);
	if (n < 0 || (size_t)n >= sizeof(payload))
		return NULL;
	plen = (size_t)n;
	blen = strlen(f->brand);
	klen = strlen(f->kid);
	if ((token = arena_alloc(a, LINK_TOKEN_MAX + 1)) == NULL)
		return NULL;
	p = token;
	memcpy(p, f->brand, blen);
	p += blen;
	*p++ = '.';
	memcpy(p, f->kid, klen);
	p += klen;
	*p++ = '.';
	b64_encode(p, (const uint8_t *)payload, plen);
	p += strlen(p);
	if (tag_of(k, token, (size_t)(p - token), tag) == -1)
		return NULL;
	*p++ = '.';
	b64_encode(p, tag, LINK_TAG_LEN);
	return token;
}

/* The four parts of a token: start and length of each. */
struct parts {
	const char	*s[4];
	size_t		 len[4];
};

static int
split(const char *token, struct parts *pt)
{
	const char *p = token, *dot;
	size_t total;
	int i;

	if (token == NULL ||
	    (total = strnlen(token, LINK_TOKEN_MAX + 1)) > LINK_TOKEN_MAX)
		return -1;
	for (i = 0; i < 4; i++) {
		dot = i < 3 ? strchr(p, '.') : p + strlen(p);
		if (dot == NULL)
			return -1;
		pt->s[i] = p;
		pt->len[i] = (size_t)(dot - p);
		p = dot + 1;
	}
	if (strchr(pt->s[3], '.') != NULL)
		return -1;
	if (!name_ok(pt->s[0], pt->len[0]) || !kid_ok(pt->s[1], pt->len[1]) ||
	    pt->len[2] == 0 || pt->len[3] != LINK_TAG_CHARS)
		return -1;
	return 0;
}

enum link_check
link_token_owner(const char *token, char brand[LINK_NAME_MAX + 1],
    char kid[LINK_KID_MAX + 1])
{
	struct parts pt;

	if (split(token, &pt) == -1)
		return LINK_MALFORMED;
	memcpy(brand, pt.s[0], pt.len[0]);
	brand[pt.len[0]] = '\0';
	memcpy(kid, pt.s[1], pt.len[1]);
	kid[pt.len[1]] = '\0';
	return LINK_OK;
}

/* Parse a positive decimal without leading zero that fits int64_t. */
static int
exp_parse(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	size_t i;

	if (len == 0 || len > LINK_EXP_DIGITS || s[0] < '1' || s[0] > '9')
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (INT64_MAX - (s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* The payload's fields into out, checked as link_token_make() checks. */
static int
payload_parse(struct arena *a, const uint8_t *pl, size_t len,
    struct link_fields *out)
{
	const char *f[4];
	size_t flen[4];
	const char *p = (const char *)pl, *end = p + len, *nl;
	char *url;
	int i;

	if (memchr(pl, '\0', len) != NULL)
		return -1;
	for (i = 0; i < 3; i++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return -1;
		f[i] = p;
		flen[i] = (size_t)(nl - p);
		p = nl + 1;
	}
	f[3] = p;
	flen[3] = (size_t)(end - p);
	if (exp_parse(f[0], flen[0], &out->exp) == -1 ||
	    !name_ok(f[1], flen[1]) || !name_ok(f[2], flen[2]))
		return -1;
	if ((out->touchpoint = arena_strndup(a, f[1], flen[1])) == NULL ||
	    (out->kind = arena_strndup(a, f[2], flen[2])) == NULL ||
	    (url = arena_strndup(a, f[3], flen[3])) == NULL)
		return -1;
	if (!link_url_ok(url))
		return -1;
	out->url = url;
	return 0;
}

enum link_check
link_token_open(struct arena *a, const struct sign_key *k, const char *token,
    int64_t now, struct link_fields *out)
{
	uint8_t given[LINK_TAG_LEN + 2], want[LINK_TAG_LEN];
	uint8_t payload[PAYLOAD_MAX + 3];
	struct parts pt;
	long plen;

	if (split(token, &pt) == -1 ||
	    b64_decode(pt.s[3], pt.len[3], given, sizeof(given)) !=
	    LINK_TAG_LEN)
		return LINK_MALFORMED;
	if (k == NULL)
		return LINK_FORGED;
	if (tag_of(k, token, (size_t)(pt.s[3] - 1 - token), want) == -1)
		return LINK_FORGED;
	if (CRYPTO_memcmp(given, want, LINK_TAG_LEN) != 0)
		return LINK_FORGED;
	/* Signed by us: a bad payload now means a bug, still refused. */
	if ((plen = b64_decode(pt.s[2], pt.len[2], payload, PAYLOAD_MAX)) < 0)
		return LINK_MALFORMED;
	memset(out, 0, sizeof(*out));
	if (payload_parse(a, payload, (size_t)plen, out) == -1 ||
	    (out->brand = arena_strndup(a, pt.s[0], pt.len[0])) == NULL ||
	    (out->kid = arena_strndup(a, pt.s[1], pt.len[1])) == NULL)
		return LINK_MALFORMED;
	if (out->exp < now)
		return LINK_EXPIRED;
	return LINK_OK;
}
