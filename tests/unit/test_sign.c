/*
 * test_sign.c - signed URLs: known answers, round trips, tampering.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "arena.h"
#include "log.h"
#include "query.h"
#include "sign.h"

#define KEY_A	"ppx-test-secret-0123456789abcdef"
#define KEY_B	"ppx-test-secret-0123456789abcdeF"
#define PATH	"/v1/brands/runfast/stages/delivered.html"
#define EXP	1767225600
#define NOW	1767225000

/*
 * HMAC-SHA256(KEY_A, PATH "\n" "exp=1767225600&kid=k1&lang=nl&order=1042"):
 *
 * printf '%s\n%s' /v1/brands/runfast/stages/delivered.html \
 *     'exp=1767225600&kid=k1&lang=nl&order=1042' |
 *     openssl mac -digest SHA256 \
 *     -macopt key:ppx-test-secret-0123456789abcdef HMAC
 *
 * and its sig (base64url, no padding):
 *
 * ... | openssl dgst -sha256 -hmac ppx-test-secret-0123456789abcdef \
 *     -binary | basenc --base64url | tr -d =
 */
#define KAT_HEX	"563736597caa57d24bc9bcbda8981ae371be7481ac2ece35a8f848164c821efd"
#define KAT_SIG	"Vjc2WXyqV9JLyby9qJga43G-dIGsLs41qPhIFkyCHv0"
#define KAT_URL	PATH "?exp=1767225600&kid=k1&lang=nl&order=1042&sig=" KAT_SIG

struct fixture {
	struct arena	*a;
	struct sign_key	*ka;
	struct sign_key	*kb;
};

static int
setup(void **state)
{
	struct fixture *f;

	f = test_calloc(1, sizeof(*f));
	f->a = arena_new(1 << 20);
	f->ka = sign_key_new((const uint8_t *)KEY_A, strlen(KEY_A));
	f->kb = sign_key_new((const uint8_t *)KEY_B, strlen(KEY_B));
	if (f->a == NULL || f->ka == NULL || f->kb == NULL)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	sign_key_free(f->ka);
	sign_key_free(f->kb);
	arena_free(f->a);
	test_free(f);
	return 0;
}

static void
tohex(char *out, const uint8_t *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", in[i]);
}

/* base64url without padding of a MAC, by OpenSSL's encoder. */
static void
b64url(char out[SIGN_SIG_LEN + 2], const uint8_t mac[SIGN_MAC_LEN])
{
	char *p;

	assert_int_equal(EVP_EncodeBlock((unsigned char *)out, mac,
	    SIGN_MAC_LEN), SIGN_SIG_LEN + 1);
	for (p = out; *p != '\0'; p++)
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
	assert_int_equal(out[SIGN_SIG_LEN], '=');
	out[SIGN_SIG_LEN] = '\0';
}

static struct query *
parse(struct arena *a, const char *qs)
{
	struct query *q;
	char why[128];

	q = arena_alloc(a, sizeof(*q));
	assert_non_null(q);
	if (query_parse(q, a, qs, why, sizeof(why)) != 0)
		fail_msg("query_parse(%s): %s", qs, why);
	return q;
}

/* Split url at '?' and verify it with k at now. */
static enum sign_result
verify_url(struct arena *a, const struct sign_key *k, const char *url,
    int64_t now)
{
	const char *qm;
	char *path;

	qm = strchr(url, '?');
	assert_non_null(qm);
	path = arena_strndup(a, url, (size_t)(qm - url));
	return sign_verify(a, k, path, parse(a, qm + 1), now);
}

/* url with the first from replaced by to; from must be there. */
static char *
replace(struct arena *a, const char *url, const char *from, const char *to)
{
	const char *p;

	p = strstr(url, from);
	if (p == NULL)
		fail_msg("'%s' not in '%s'", from, url);
	return arena_printf(a, "%.*s%s%s", (int)(p - url), url, to,
	    p + strlen(from));
}

/* The same URL with the order of its query parameters reversed. */
static char *
reversed(struct arena *a, const char *url)
{
	const char *qm, *amp, *end;
	char *out;

	qm = strchr(url, '?');
	assert_non_null(qm);
	out = arena_strndup(a, url, (size_t)(qm - url + 1));
	end = url + strlen(url);
	while (end > qm + 1) {
		for (amp = end - 1; amp > qm && *amp != '&'; amp--)
			;
		out = arena_printf(a, "%s%s%.*s", out,
		    out[strlen(out) - 1] == '?' ? "" : "&",
		    (int)(end - amp - 1), amp + 1);
		end = amp;
	}
	return out;
}

static char *
signed_url(struct fixture *f, const struct sign_key *k, const char *qs,
    int64_t exp)
{
	char *url;

	url = sign_url(f->a, k, "k1", PATH, parse(f->a, qs), exp);
	assert_non_null(url);
	return url;
}

/* RFC 4231 test case 1, also: printf 'Hi There' | openssl mac \
 * -digest SHA256 -macopt hexkey:0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b HMAC */
static void
test_kat_rfc4231(void **state)
{
	uint8_t key[20], mac[SIGN_MAC_LEN];
	char hex[2 * SIGN_MAC_LEN + 1];
	struct sign_key *k;

	(void)state;
	memset(key, 0x0b, sizeof(key));
	k = sign_key_new(key, sizeof(key));
	assert_non_null(k);
	assert_int_equal(sign_mac(k, "Hi There", 8, mac), 0);
	tohex(hex, mac, sizeof(mac));
	assert_string_equal(hex,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	/* The key context is only duplicated: a second use is the same. */
	memset(mac, 0, sizeof(mac));
	assert_int_equal(sign_mac(k, "Hi There", 8, mac), 0);
	tohex(hex, mac, sizeof(mac));
	assert_string_equal(hex,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	sign_key_free(k);
}

static void
test_kat_message(void **state)
{
	struct fixture *f = *state;
	const char *msg = PATH "\nexp=1767225600&kid=k1&lang=nl&order=1042";
	uint8_t mac[SIGN_MAC_LEN];
	char hex[2 * SIGN_MAC_LEN + 1], sig[SIGN_SIG_LEN + 2];

	assert_int_equal(sign_mac(f->ka, msg, strlen(msg), mac), 0);
	tohex(hex, mac, sizeof(mac));
	assert_string_equal(hex, KAT_HEX);
	b64url(sig, mac);
	assert_string_equal(sig, KAT_SIG);
	assert_int_equal(sign_mac(f->kb, msg, strlen(msg), mac), 0);
	tohex(hex, mac, sizeof(mac));
	assert_string_not_equal(hex, KAT_HEX);
}

static void
test_kat_url(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(signed_url(f, f->ka, "order=1042&lang=nl", EXP),
	    KAT_URL);
	assert_int_equal(verify_url(f->a, f->ka, KAT_URL, NOW), SIGN_OK);
}

static void
test_round_trip(void **state)
{
	struct fixture *f = *state;
	const char *kid;
	char *url;
	int64_t exp;

	url = signed_url(f, f->ka, "order=1042&first_name=Jos%C3%A9+M&x=a%26b",
	    EXP);
	assert_non_null(strstr(url, "first_name=Jos%C3%A9%20M"));
	assert_non_null(strstr(url, "x=a%26b"));
	assert_int_equal(verify_url(f->a, f->ka, url, NOW), SIGN_OK);
	assert_int_equal(sign_params(parse(f->a, strchr(url, '?') + 1), &kid,
	    &exp), SIGN_OK);
	assert_string_equal(kid, "k1");
	assert_int_equal(exp, EXP);
}

static void
test_empty_query(void **state)
{
	struct fixture *f = *state;
	char *url;

	url = sign_url(f->a, f->ka, "k1", "/r/abc", NULL, EXP);
	assert_non_null(url);
	assert_int_equal(strncmp(url, "/r/abc?exp=1767225600&kid=k1&sig=", 33),
	    0);
	assert_int_equal(strlen(url), 33 + SIGN_SIG_LEN);
	assert_int_equal(verify_url(f->a, f->ka, url, NOW), SIGN_OK);
}

static void
test_reordered(void **state)
{
	struct fixture *f = *state;
	char *url;

	url = reversed(f->a, KAT_URL);
	assert_string_equal(url, PATH "?sig=" KAT_SIG
	    "&order=1042&lang=nl&kid=k1&exp=1767225600");
	assert_int_equal(verify_url(f->a, f->ka, url, NOW), SIGN_OK);
}

static void
test_tampered(void **state)
{
	struct fixture *f = *state;
	static const char *const tamper[][2] = {
		{ "/runfast/", "/otherbrand/" },	/* path */
		{ ".html?", ".json?" },			/* path */
		{ "order=1042", "order=1043" },		/* value */
		{ "lang=nl", "lang=nl%20" },		/* value */
		{ "order=1042", "order=1042&stage=x" },	/* added */
		{ "order=1042", "order=1042&order2=" },	/* added, empty */
		{ "lang=nl&", "" },			/* removed */
		{ "lang=nl", "lang2=nl" },		/* renamed */
		{ "kid=k1", "kid=k2" },			/* other kid */
		{ "exp=1767225600", "exp=1767225601" },	/* later exp */
	};
	size_t i;
	char *url;

	for (i = 0; i < sizeof(tamper) / sizeof(tamper[0]); i++) {
		url = replace(f->a, KAT_URL, tamper[i][0], tamper[i][1]);
		if (verify_url(f->a, f->ka, url, NOW) != SIGN_BAD)
			fail_msg("not SIGN_BAD: %s", url);
	}
	/* Path given to verify differs from the signed one. */
	assert_int_equal(sign_verify(f->a, f->ka, PATH "/",
	    parse(f->a, strchr(KAT_URL, '?') + 1), NOW), SIGN_BAD);
	assert_int_equal(sign_verify(f->a, f->ka, "/v1/brands/runfast/stages/"
	    "delivered.html?x", parse(f->a, strchr(KAT_URL, '?') + 1), NOW),
	    SIGN_BAD);
}

static void
test_bad_sig(void **state)
{
	struct fixture *f = *state;
	static const char *const sigs[] = {
		"Wjc2WXyqV9JLyby9qJga43G-dIGsLs41qPhIFkyCHv0",	/* 1st char */
		"Vjc2WXyqV9JLyby9qJga43G-dIGsLs41qPhIFkyDHv0",	/* 2nd half */
		"Vjc2WXyqV9JLyby9qJga43G-dIGsLs41qPhIFkyCHv1",	/* unused bits */
		"Vjc2WXyqV9JLyby9qJga43G-dIGsLs41qPhIFkyCHv",	/* truncated */
		"Vjc2WXyqV9JLyby9qJga43G-dIGsLs41qPhIFkyCHv0A",	/* longer */
		"Vjc2WXyqV9JLyby9qJga43G-dIGsLs41qPhIFkyCHv0%3D", /* padded */
		"Vjc2WXyqV9JLyby9qJga43G%2BdIGsLs41qPhIFkyCHv0", /* base64 */
		"Vjc2WXyqV9JLyby9qJga43G-dIGsLs41qPhIFkyCHv%C3%A9",
		"",
		"563736597caa57d24bc9bcbda8981ae371be7481ac2ece35a8f848164c821efd",
	};
	size_t i;
	char *url;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		url = replace(f->a, KAT_URL, KAT_SIG, sigs[i]);
		if (verify_url(f->a, f->ka, url, NOW) != SIGN_BAD)
			fail_msg("not SIGN_BAD: %s", sigs[i]);
	}
	/* "sig" without '=' is present and empty. */
	url = replace(f->a, KAT_URL, "sig=" KAT_SIG, "sig");
	assert_int_equal(verify_url(f->a, f->ka, url, NOW), SIGN_BAD);
}

/*
 * A path that sign_url() refuses does not verify even with the right
 * MAC, e.g. for "/a b":
 * printf '%s\n%s' '/a b' 'exp=1767225600&kid=k1' | openssl dgst -sha256 \
 *     -hmac ppx-test-secret-0123456789abcdef -binary | basenc --base64url
 */
static void
test_bad_path_right_mac(void **state)
{
	struct fixture *f = *state;
	static const char *const cases[][2] = {
		{ "/a b", "o3tNSRhDmv9gWxIddCfcClIbD5tKfdFP6KuZ8O1xAVM" },
		{ "v1/x", "NcZ8-BkAl9sIfUYdmcXIY2rpEptDDtYs1IJjpsleCFc" },
		{ "/a?b", "ZnMEaFI6XaD4j6G0RtTEj0XX8nvJXU1E9kfymO2bvqg" },
	};
	uint8_t mac[SIGN_MAC_LEN];
	char sig[SIGN_SIG_LEN + 2], *msg, *qs;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* The MAC is right: only the path check refuses it. */
		msg = arena_printf(f->a, "%s\nexp=1767225600&kid=k1",
		    cases[i][0]);
		assert_int_equal(sign_mac(f->ka, msg, strlen(msg), mac), 0);
		b64url(sig, mac);
		assert_string_equal(sig, cases[i][1]);
		qs = arena_printf(f->a, "exp=1767225600&kid=k1&sig=%s",
		    cases[i][1]);
		assert_int_equal(sign_verify(f->a, f->ka, cases[i][0],
		    parse(f->a, qs), NOW), SIGN_BAD);
	}
}

static void
test_other_secret(void **state)
{
	struct fixture *f = *state;
	char *url;

	assert_int_equal(verify_url(f->a, f->kb, KAT_URL, NOW), SIGN_BAD);
	/* An unknown kid: the caller has no key. */
	assert_int_equal(verify_url(f->a, NULL, KAT_URL, NOW), SIGN_BAD);
	assert_null(sign_url(f->a, NULL, "k1", PATH, NULL, EXP));
	url = signed_url(f, f->kb, "order=1042&lang=nl", EXP);
	assert_string_not_equal(url, KAT_URL);
	assert_int_equal(verify_url(f->a, f->kb, url, NOW), SIGN_OK);
	assert_int_equal(verify_url(f->a, f->ka, url, NOW), SIGN_BAD);
}

static void
test_expired(void **state)
{
	struct fixture *f = *state;
	char *url;

	assert_int_equal(verify_url(f->a, f->ka, KAT_URL, EXP), SIGN_OK);
	assert_int_equal(verify_url(f->a, f->ka, KAT_URL, EXP + 1),
	    SIGN_EXPIRED);
	assert_int_equal(verify_url(f->a, f->ka, KAT_URL, INT64_MAX),
	    SIGN_EXPIRED);
	/* Expired and tampered: the signature speaks first. */
	url = replace(f->a, KAT_URL, "order=1042", "order=1043");
	assert_int_equal(verify_url(f->a, f->ka, url, EXP + 1), SIGN_BAD);
	url = replace(f->a, KAT_URL, "exp=1767225600", "exp=1767229200");
	assert_int_equal(verify_url(f->a, f->ka, url, EXP + 1), SIGN_BAD);
	assert_int_equal(verify_url(f->a, f->kb, KAT_URL, EXP + 1), SIGN_BAD);
}

static void
test_missing(void **state)
{
	struct fixture *f = *state;
	static const char *const cut[] = {
		("&sig=" KAT_SIG), "exp=1767225600&", "kid=k1&",
	};
	const char *kid = "untouched";
	int64_t exp = 7;
	size_t i;
	char *url;

	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		url = replace(f->a, KAT_URL, cut[i], "");
		assert_int_equal(verify_url(f->a, f->ka, url, NOW),
		    SIGN_MISSING);
		assert_int_equal(sign_params(parse(f->a, strchr(url, '?') + 1),
		    &kid, &exp), SIGN_MISSING);
	}
	assert_string_equal(kid, "untouched");
	assert_int_equal(exp, 7);
	assert_int_equal(sign_verify(f->a, f->ka, PATH, parse(f->a, ""), NOW),
	    SIGN_MISSING);
	assert_int_equal(sign_params(NULL, &kid, &exp), SIGN_MISSING);
}

static void
test_params(void **state)
{
	struct fixture *f = *state;
	static const char *const bad[] = {
		"exp=0&kid=k1",
		"exp=-5&kid=k1",
		"exp=%2B5&kid=k1",
		"exp=12a&kid=k1",
		"exp=0123&kid=k1",
		"exp=&kid=k1",
		"exp=1%20&kid=k1",
		"exp=9223372036854775808&kid=k1",	/* INT64_MAX + 1 */
		"exp=9999999999999999999&kid=k1",
		"exp=10000000000000000000&kid=k1",	/* 20 digits */
		"exp=1&kid=",
		"exp=1&kid=K1",
		"exp=1&kid=k-1",
		"exp=1&kid=k%201",
		"exp=1&kid=0123456789abcdefg",		/* 17 */
	};
	const char *kid;
	int64_t exp;
	size_t i;
	char *qs;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		qs = arena_printf(f->a, "%s&sig=%s", bad[i], KAT_SIG);
		if (sign_params(parse(f->a, qs), &kid, &exp) != SIGN_BAD)
			fail_msg("not SIGN_BAD: %s", bad[i]);
		if (sign_verify(f->a, f->ka, PATH, parse(f->a, qs), NOW) !=
		    SIGN_BAD)
			fail_msg("verify not SIGN_BAD: %s", bad[i]);
	}
	assert_int_equal(sign_params(parse(f->a,
	    "sig=x&exp=9223372036854775807&kid=0123456789abcdef"), &kid, &exp),
	    SIGN_OK);
	assert_true(exp == INT64_MAX);
	assert_string_equal(kid, "0123456789abcdef");
	assert_int_equal(sign_params(parse(f->a, "sig=x&exp=1&kid=z"), NULL,
	    NULL), SIGN_OK);
}

static void
test_sign_url_refuses(void **state)
{
	struct fixture *f = *state;
	static const char *const queries[] = {
		"exp=1", "kid=k1", "sig=x", "a=1&sig=",
	};
	static const char *const kids[] = {
		"", "K1", "k_1", "0123456789abcdefa",
	};
	static const char *const paths[] = {
		"", "v1/x", "/a?b", "/a#b", "/a b", "/a\nb", "/a\tb", "/a\x7f",
	};
	char longpath[SIGN_PATH_MAX + 2];
	size_t i;

	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
		assert_null(sign_url(f->a, f->ka, "k1", PATH,
		    parse(f->a, queries[i]), EXP));
	for (i = 0; i < sizeof(kids) / sizeof(kids[0]); i++)
		assert_null(sign_url(f->a, f->ka, kids[i], PATH, NULL, EXP));
	assert_null(sign_url(f->a, f->ka, NULL, PATH, NULL, EXP));
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_null(sign_url(f->a, f->ka, "k1", paths[i], NULL, EXP));
		/* Nor does such a path verify. */
		assert_int_equal(sign_verify(f->a, f->ka, paths[i],
		    parse(f->a, strchr(KAT_URL, '?') + 1), NOW), SIGN_BAD);
	}
	assert_null(sign_url(f->a, f->ka, "k1", NULL, NULL, EXP));
	assert_null(sign_url(f->a, f->ka, "k1", PATH, NULL, 0));
	assert_null(sign_url(f->a, f->ka, "k1", PATH, NULL, -1));
	assert_null(sign_url(f->a, f->ka, "k1", PATH, NULL, INT64_MIN));
	assert_non_null(sign_url(f->a, f->ka, "0123456789abcdef", PATH, NULL,
	    INT64_MAX));

	longpath[0] = '/';
	memset(longpath + 1, 'a', SIGN_PATH_MAX - 1);
	longpath[SIGN_PATH_MAX] = '\0';
	assert_non_null(sign_url(f->a, f->ka, "k1", longpath, NULL, EXP));
	longpath[SIGN_PATH_MAX] = 'a';
	longpath[SIGN_PATH_MAX + 1] = '\0';
	assert_null(sign_url(f->a, f->ka, "k1", longpath, NULL, EXP));
}

/* Room for kid, exp and sig: at most QUERY_MAX_PARAMS - 3 given. */
static void
test_sign_url_params_max(void **state)
{
	struct fixture *f = *state;
	char *qs = "", *url;
	int i;

	for (i = 0; i < QUERY_MAX_PARAMS - 3; i++)
		qs = arena_printf(f->a, "%s%sp%d=%d", qs, i ? "&" : "", i, i);
	url = signed_url(f, f->ka, qs, EXP);
	assert_int_equal(verify_url(f->a, f->ka, url, NOW), SIGN_OK);
	qs = arena_printf(f->a, "%s&p%d=%d", qs, i, i);
	assert_null(sign_url(f->a, f->ka, "k1", PATH, parse(f->a, qs), EXP));
}

static void
test_arena_full(void **state)
{
	struct fixture *f = *state;
	struct arena *small;
	struct query *q, *signed_q;

	q = parse(f->a, "order=1042&lang=nl");
	signed_q = parse(f->a, strchr(KAT_URL, '?') + 1);
	small = arena_new(16);
	assert_non_null(small);
	assert_null(sign_url(small, f->ka, "k1", PATH, q, EXP));
	assert_int_equal(sign_verify(small, f->ka, PATH, signed_q, NOW),
	    SIGN_BAD);
	/* The same calls with room succeed: the arena was the cause. */
	assert_non_null(sign_url(f->a, f->ka, "k1", PATH, q, EXP));
	assert_int_equal(sign_verify(f->a, f->ka, PATH, signed_q, NOW),
	    SIGN_OK);
	arena_free(small);
}

static void
test_key_new_limits(void **state)
{
	uint8_t secret[SIGN_SECRET_MAX + 1];
	struct sign_key *k;

	(void)state;
	memset(secret, 'x', sizeof(secret));
	assert_null(sign_key_new(NULL, 32));
	assert_null(sign_key_new(secret, 0));
	assert_null(sign_key_new(secret, SIGN_SECRET_MIN - 1));
	assert_null(sign_key_new(secret, SIGN_SECRET_MAX + 1));
	k = sign_key_new(secret, SIGN_SECRET_MIN);
	assert_non_null(k);
	sign_key_free(k);
	k = sign_key_new(secret, SIGN_SECRET_MAX);
	assert_non_null(k);
	sign_key_free(k);
	sign_key_free(NULL);
}

static void
test_new_secret_kid(void **state)
{
	uint8_t s1[SIGN_SECRET_LEN], s2[SIGN_SECRET_LEN];
	char k1[SIGN_KID_MAX + 1], k2[SIGN_KID_MAX + 1];
	size_t i;

	(void)state;
	assert_int_equal(sign_secret_new(s1), 0);
	assert_int_equal(sign_secret_new(s2), 0);
	assert_memory_not_equal(s1, s2, SIGN_SECRET_LEN);
	assert_int_equal(sign_kid_new(k1), 0);
	assert_int_equal(sign_kid_new(k2), 0);
	assert_int_equal(strlen(k1), SIGN_KID_NEW_LEN);
	for (i = 0; i < SIGN_KID_NEW_LEN; i++)
		assert_non_null(strchr("0123456789abcdef", k1[i]));
	/* Distinct with probability 1 - 2^-32. */
	assert_string_not_equal(k1, k2);
}

/* A fresh secret and kid sign and verify like any other. */
static void
test_fresh_key(void **state)
{
	struct fixture *f = *state;
	uint8_t secret[SIGN_SECRET_LEN];
	char kid[SIGN_KID_MAX + 1], *url;
	struct sign_key *k;

	assert_int_equal(sign_secret_new(secret), 0);
	assert_int_equal(sign_kid_new(kid), 0);
	k = sign_key_new(secret, sizeof(secret));
	assert_non_null(k);
	url = sign_url(f->a, k, kid, "/r/t0k3n", NULL, EXP);
	assert_non_null(url);
	assert_int_equal(verify_url(f->a, k, url, NOW), SIGN_OK);
	assert_int_equal(verify_url(f->a, f->ka, url, NOW), SIGN_BAD);
	sign_key_free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kat_rfc4231),
		cmocka_unit_test_setup_teardown(test_kat_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kat_url, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reordered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tampered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_sig, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_path_right_mac, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_other_secret, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_expired, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_url_refuses, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sign_url_params_max, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_arena_full, setup, teardown),
		cmocka_unit_test(test_key_new_limits),
		cmocka_unit_test(test_new_secret_kid),
		cmocka_unit_test_setup_teardown(test_fresh_key, setup, teardown),
	};

	/* Refusals log a warning each; keep the errors only. */
	log_init("test_sign", LOG_LVL_ERR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
