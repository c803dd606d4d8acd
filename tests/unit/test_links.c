/*
 * test_links.c - tokens of tracked links: round trip, a changed byte
 * anywhere, expiry, another brand's key, limits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "link_token.h"
#include "sign.h"

#define KEY_A	"ppx-test-secret-0123456789abcdef"
#define KEY_B	"ppx-test-secret-0123456789abcdeF"
#define EXP	1767225599
#define NOW	1767225000
#define TARGET	"https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2F" \
		"shop.example%2Fp%2Frunner-42%3Futm_source%3Dfacebook"

struct fixture {
	struct arena	*a;
	struct sign_key	*ka;
	struct sign_key	*kb;
};

static const struct link_fields good = {
	"runfast", "k1", "share", "share-facebook", TARGET, EXP
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
test_round_trip(void **state)
{
	struct fixture *f = *state;
	char brand[LINK_NAME_MAX + 1], kid[LINK_KID_MAX + 1];
	struct link_fields out;
	const char *t;

	t = link_token_make(f->a, f->ka, &good);
	assert_non_null(t);
	assert_true(strlen(t) <= LINK_TOKEN_MAX);
	assert_int_equal(strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_.-"), strlen(t));
	assert_int_equal(strncmp(t, "runfast.k1.", 11), 0);
	assert_int_equal(link_token_owner(t, brand, kid), LINK_OK);
	assert_string_equal(brand, "runfast");
	assert_string_equal(kid, "k1");
	assert_int_equal(link_token_open(f->a, f->ka, t, NOW, &out), LINK_OK);
	assert_string_equal(out.brand, "runfast");
	assert_string_equal(out.kid, "k1");
	assert_string_equal(out.touchpoint, "share");
	assert_string_equal(out.kind, "share-facebook");
	assert_string_equal(out.url, TARGET);
	assert_int_equal(out.exp, EXP);
	/* Deterministic: the same link is the same token. */
	assert_string_equal(link_token_make(f->a, f->ka, &good), t);
	/* Valid through its last second, not after. */
	assert_int_equal(link_token_open(f->a, f->ka, t, EXP, &out), LINK_OK);
}

/* Every byte changed to every other token character: never LINK_OK. */
static void
test_tampered_anywhere(void **state)
{
	static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_.-";
	struct fixture *f = *state;
	struct link_fields out;
	char *t, *copy;
	size_t i, len, c;

	t = link_token_make(f->a, f->ka, &good);
	assert_non_null(t);
	len = strlen(t);
	copy = test_malloc(len + 1);
	for (i = 0; i < len; i++) {
		for (c = 0; c < sizeof(chars) - 1; c++) {
			if (chars[c] == t[i])
				continue;
			memcpy(copy, t, len + 1);
			copy[i] = chars[c];
			assert_int_not_equal(link_token_open(f->a, f->ka, copy,
			    NOW, &out), LINK_OK);
		}
		arena_reset(f->a);
		t = link_token_make(f->a, f->ka, &good);
	}
	/* Cut short or grown: never LINK_OK either. */
	for (i = 0; i < len; i++) {
		memcpy(copy, t, i);
		copy[i] = '\0';
		assert_int_not_equal(link_token_open(f->a, f->ka, copy, NOW,
		    &out), LINK_OK);
	}
	test_free(copy);
}

static void
test_expired(void **state)
{
	struct fixture *f = *state;
	struct link_fields out;
	const char *t;

	t = link_token_make(f->a, f->ka, &good);
	assert_int_equal(link_token_open(f->a, f->ka, t, EXP + 1, &out),
	    LINK_EXPIRED);
	/* Expired but real: the caller may still say what it was. */
	assert_string_equal(out.url, TARGET);
}

static void
test_other_key(void **state)
{
	struct fixture *f = *state;
	struct link_fields out, other = good;
	char *t, *forged;
	size_t len;

	t = link_token_make(f->a, f->ka, &good);
	assert_int_equal(link_token_open(f->a, f->kb, t, NOW, &out),
	    LINK_FORGED);
	assert_int_equal(link_token_open(f->a, NULL, t, NOW, &out),
	    LINK_FORGED);
	/* The same payload and tag under another brand's name. */
	len = strlen(t);
	forged = arena_printf(f->a, "walkfast%s", t + strlen("runfast"));
	assert_non_null(forged);
	assert_int_equal(strlen(forged), len + 1);
	assert_int_equal(link_token_open(f->a, f->ka, forged, NOW, &out),
	    LINK_FORGED);
	/* Another brand's own token does not open with this brand's key. */
	other.brand = "walkfast";
	t = link_token_make(f->a, f->kb, &other);
	assert_int_equal(link_token_open(f->a, f->ka, t, NOW, &out),
	    LINK_FORGED);
}

static void
test_malformed(void **state)
{
	/* Not the shape of a token at all. */
	static const char *const shape[] = {
		"", ".", "...", "a.b.c", "a.b.c.d.e",
		"runfast.k1..AAAAAAAAAAAAAAAAAAAAAA",
		"Runfast.k1.QQ.AAAAAAAAAAAAAAAAAAAAAA",
		"runfast.K1.QQ.AAAAAAAAAAAAAAAAAAAAAA",
		"runfast.k1.QQ.AAAAAAAAAAAAAAAAAAAAA",
		"runfast.k1.QQ.AAAAAAAAAAAAAAAAAAAAAAA",
		"-x.k1.QQ.AAAAAAAAAAAAAAAAAAAAAA",
		"runfast.01234567890123456.QQ.AAAAAAAAAAAAAAAAAAAAAA",
		NULL
	};
	/* The right shape, but a tag that is not base64url of 16 bytes. */
	static const char *const tag[] = {
		"runfast.k1.QQ.AAAAAAAAAAAAAAAAAAAAA+",
		"runfast.k1.QQ.AAAAAAAAAAAAAAAAAAAAAB",	/* unused bits set */
		NULL
	};
	struct fixture *f = *state;
	char brand[LINK_NAME_MAX + 1], kid[LINK_KID_MAX + 1];
	struct link_fields out;
	size_t i;

	for (i = 0; shape[i] != NULL; i++) {
		assert_int_equal(link_token_owner(shape[i], brand, kid),
		    LINK_MALFORMED);
		assert_int_equal(link_token_open(f->a, f->ka, shape[i], NOW,
		    &out), LINK_MALFORMED);
	}
	for (i = 0; tag[i] != NULL; i++) {
		assert_int_equal(link_token_owner(tag[i], brand, kid),
		    LINK_OK);
		assert_int_equal(link_token_open(f->a, f->ka, tag[i], NOW,
		    &out), LINK_MALFORMED);
	}
	/* A payload is not even decoded before the tag matches. */
	assert_int_equal(link_token_open(f->a, f->ka,
	    "runfast.k1.Q=.AAAAAAAAAAAAAAAAAAAAAA", NOW, &out), LINK_FORGED);
	assert_int_equal(link_token_owner(NULL, brand, kid), LINK_MALFORMED);
}

static void
test_refused_fields(void **state)
{
	static const char *const urls[] = {
		"javascript:alert(1)", "data:text/html,x", "ftp://x.example/",
		"//evil.example/", "/r/x", "https://x.example/\n",
		"https://x.example/\x7f", "https://x.example/\xff", "", NULL
	};
	struct fixture *f = *state;
	struct link_fields in;
	size_t i;

	for (i = 0; urls[i] != NULL; i++) {
		in = good;
		in.url = urls[i];
		assert_null(link_token_make(f->a, f->ka, &in));
	}
	in = good;
	in.url = NULL;
	assert_null(link_token_make(f->a, f->ka, &in));
	in = good;
	in.kind = "Share";
	assert_null(link_token_make(f->a, f->ka, &in));
	in = good;
	in.kind = "share\nfacebook";
	assert_null(link_token_make(f->a, f->ka, &in));
	in = good;
	in.touchpoint = "";
	assert_null(link_token_make(f->a, f->ka, &in));
	in = good;
	in.brand = "a.b";
	assert_null(link_token_make(f->a, f->ka, &in));
	in = good;
	in.kid = "k-1";
	assert_null(link_token_make(f->a, f->ka, &in));
	in = good;
	in.exp = 0;
	assert_null(link_token_make(f->a, f->ka, &in));
	assert_null(link_token_make(f->a, NULL, &good));
	/* Other schemes that are fine, in any case. */
	in = good;
	in.url = "MAILTO:?subject=Hi&body=https%3A%2F%2Fshop.example%2F";
	assert_non_null(link_token_make(f->a, f->ka, &in));
	in.url = "http://shop.example/p/l\xc3\xa4ufer";
	assert_non_null(link_token_make(f->a, f->ka, &in));
}

/* The longest fields make the longest token; one byte more is refused. */
static void
test_limits(void **state)
{
	struct fixture *f = *state;
	char url[LINK_URL_MAX + 2], name[LINK_NAME_MAX + 2];
	char kid[LINK_KID_MAX + 1];
	struct link_fields in, out;
	const char *t;

	memset(url, 'a', sizeof(url) - 1);
	memcpy(url, "https://", 8);
	url[LINK_URL_MAX] = '\0';
	memset(name, 'n', sizeof(name) - 1);
	name[LINK_NAME_MAX] = '\0';
	memset(kid, 'k', LINK_KID_MAX);
	kid[LINK_KID_MAX] = '\0';
	in.brand = name;
	in.kid = kid;
	in.touchpoint = name;
	in.kind = name;
	in.url = url;
	in.exp = INT64_MAX;
	t = link_token_make(f->a, f->ka, &in);
	assert_non_null(t);
	assert_int_equal(strlen(t), LINK_TOKEN_MAX);
	assert_int_equal(link_token_open(f->a, f->ka, t, NOW, &out), LINK_OK);
	assert_int_equal(strlen(out.url), LINK_URL_MAX);
	assert_int_equal(out.exp, INT64_MAX);

	url[LINK_URL_MAX] = 'a';
	url[LINK_URL_MAX + 1] = '\0';
	assert_null(link_token_make(f->a, f->ka, &in));
	url[LINK_URL_MAX] = '\0';
	name[LINK_NAME_MAX] = 'n';
	name[LINK_NAME_MAX + 1] = '\0';
	assert_null(link_token_make(f->a, f->ka, &in));
}

/* A token longer than LINK_TOKEN_MAX is refused before anything else. */
static void
test_too_long(void **state)
{
	struct fixture *f = *state;
	struct link_fields out;
	char *t;

	t = test_malloc(LINK_TOKEN_MAX + 2);
	memset(t, 'A', LINK_TOKEN_MAX + 1);
	memcpy(t, "runfast.k1.", 11);
	memcpy(t + LINK_TOKEN_MAX + 1 - 23, ".AAAAAAAAAAAAAAAAAAAAAA", 23);
	t[LINK_TOKEN_MAX + 1] = '\0';
	assert_int_equal(link_token_open(f->a, f->ka, t, NOW, &out),
	    LINK_MALFORMED);
	test_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tampered_anywhere, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_expired, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_key, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refused_fields, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_long, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
