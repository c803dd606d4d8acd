/*
 * test_apikey.c - API keys: format, hash known answer, Bearer parsing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "apikey.h"
#include "log.h"

/* 47 characters, a well-formed key. */
#define KEY	"ppx_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"
/* printf %s ppx_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG | sha256sum */
#define KEY_SHA	"c977801cd550241671f66a8c7cb986627f505b8aa22856ad0e6ea26d503b6d01"
/* printf %s ppx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | sha256sum */
#define KEY_A	"ppx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define KEY_A_SHA "632e8a37f1c8a95fc9d1b235cc2e17dd62d02b059c3690a041a281c98c9a661d"

static void
test_format(void **state)
{
	char key[APIKEY_LEN + 1], hdr[64];
	const char *got;
	size_t i;

	(void)state;
	memset(key, '#', sizeof(key));
	assert_int_equal(apikey_new(key), 0);
	assert_int_equal(strlen(key), APIKEY_LEN);
	assert_memory_equal(key, "ppx_", 4);
	for (i = 4; i < APIKEY_LEN; i++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-_", key[i]));
	/* 32 bytes in 43 characters: the last one carries 4 bits. */
	assert_non_null(strchr("AEIMQUYcgkosw048", key[APIKEY_LEN - 1]));
	/* A new key is accepted by the parser. */
	snprintf(hdr, sizeof(hdr), "Bearer %s", key);
	assert_int_equal(apikey_from_header(hdr, &got), 0);
	assert_string_equal(got, key);
}

static void
test_unique(void **state)
{
	char k1[APIKEY_LEN + 1], k2[APIKEY_LEN + 1];
	char h1[APIKEY_HASH_LEN + 1], h2[APIKEY_HASH_LEN + 1];

	(void)state;
	assert_int_equal(apikey_new(k1), 0);
	assert_int_equal(apikey_new(k2), 0);
	assert_string_not_equal(k1, k2);
	assert_int_equal(apikey_hash(k1, h1), 0);
	assert_int_equal(apikey_hash(k2, h2), 0);
	assert_int_equal(apikey_equal_hash(h1, h2), 0);
}

static void
test_hash_kat(void **state)
{
	char hex[APIKEY_HASH_LEN + 1];

	(void)state;
	memset(hex, '#', sizeof(hex));
	assert_int_equal(apikey_hash(KEY, hex), 0);
	assert_string_equal(hex, KEY_SHA);
	assert_int_equal(apikey_hash(KEY_A, hex), 0);
	assert_string_equal(hex, KEY_A_SHA);
	/* printf '' | sha256sum */
	assert_int_equal(apikey_hash("", hex), 0);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	assert_int_equal(apikey_hash(NULL, hex), -1);
}

static void
test_header_good(void **state)
{
	static const char *const good[] = {
		"Bearer " KEY,
		"bearer " KEY,
		"BEARER " KEY,
		"bEaReR " KEY,
		"Bearer    " KEY,
	};
	const char *key;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		key = NULL;
		if (apikey_from_header(good[i], &key) != 0)
			fail_msg("refused: '%s'", good[i]);
		assert_ptr_equal(key, good[i] + strlen(good[i]) - APIKEY_LEN);
		assert_string_equal(key, KEY);
	}
}

static void
test_header_bad(void **state)
{
	static const char *const bad[] = {
		"",
		"Bearer",
		"Bearer ",
		"Bearer  ",
		"bearer x",
		"Bearer x",
		"Basic dXNlcjpwYXNzd29yZA==",
		"Basic " KEY,
		"Bearer" KEY,			/* no space */
		"Bearer\t" KEY,			/* tab is not a space */
		"Bearer \t" KEY,
		" Bearer " KEY,			/* leading space */
		"Bearerx " KEY,
		"Bear " KEY,
		"Bearer  " KEY " junk",		/* junk after the key */
		"Bearer " KEY " ",		/* trailing space */
		"Bearer " KEY "\r\n",
		"Bearer " KEY "A",		/* 48 */
		"Bearer ppx_0123456789abcdefghijklmnopqrstuvwxyzABCDEF", /* 46 */
		"Bearer ppx_0123456789abcdefghijklmnopqrstuvwxyzABCDE+G",
		"Bearer ppx_0123456789abcdefghijklmnopqrstuvwxyzABCDE/G",
		"Bearer ppx_0123456789abcdefghijklmnopqrstuvwxyzABCDE=G",
		"Bearer ppx_0123456789abcdefghijklmnopqrstuvwxyzABCDE G",
		"Bearer ppx_0123456789abcdefghijklmnopqrstuvwxyzABCD\xc3\xa9G",
		"Bearer ppx_0123456789abcdefghijklmnopqrstuvwxyzABCDEF",
		"Bearer pqx_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
		"Bearer PPX_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
		"Bearer ppx-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
		"Bearer 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJK",
		"Bearer Bearer " KEY,
		"Token " KEY,
	};
	const char *key;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		key = "untouched";
		if (apikey_from_header(bad[i], &key) != -1)
			fail_msg("accepted: '%s'", bad[i]);
		assert_string_equal(key, "untouched");
	}
	assert_int_equal(apikey_from_header(NULL, &key), -1);
}

/* A header longer than any key, of spaces and of key characters. */
static void
test_header_long(void **state)
{
	char hdr[8192];
	const char *key;

	(void)state;
	memset(hdr, ' ', sizeof(hdr));
	memcpy(hdr, "Bearer", 6);
	hdr[sizeof(hdr) - 1] = '\0';
	assert_int_equal(apikey_from_header(hdr, &key), -1);
	memcpy(hdr + sizeof(hdr) - 1 - APIKEY_LEN, KEY, APIKEY_LEN);
	assert_int_equal(apikey_from_header(hdr, &key), 0);
	assert_string_equal(key, KEY);
	memset(hdr + 7, 'A', sizeof(hdr) - 8);
	memcpy(hdr + 7, "ppx_", 4);
	assert_int_equal(apikey_from_header(hdr, &key), -1);
}

static void
test_equal_hash(void **state)
{
	char h[APIKEY_HASH_LEN + 1], other[APIKEY_HASH_LEN + 1];

	(void)state;
	assert_int_equal(apikey_hash(KEY, h), 0);
	assert_int_equal(apikey_equal_hash(h, KEY_SHA), 1);
	assert_int_equal(apikey_equal_hash(KEY_SHA, KEY_SHA), 1);
	assert_int_equal(apikey_equal_hash(h, KEY_A_SHA), 0);
	/* Differs in the first, then in the last character only. */
	memcpy(other, KEY_SHA, sizeof(other));
	other[0] = 'd';
	assert_int_equal(apikey_equal_hash(h, other), 0);
	memcpy(other, KEY_SHA, sizeof(other));
	other[APIKEY_HASH_LEN - 1] = '0';
	assert_int_equal(apikey_equal_hash(h, other), 0);
	/* A prefix, a longer string, NULL, empty. */
	other[APIKEY_HASH_LEN - 1] = '\0';
	assert_int_equal(apikey_equal_hash(other, other), 0);
	assert_int_equal(apikey_equal_hash(KEY_SHA "0", KEY_SHA "0"), 0);
	assert_int_equal(apikey_equal_hash(KEY_SHA "0", KEY_SHA), 0);
	assert_int_equal(apikey_equal_hash(KEY_SHA, KEY_SHA "0"), 0);
	assert_int_equal(apikey_equal_hash(NULL, KEY_SHA), 0);
	assert_int_equal(apikey_equal_hash(KEY_SHA, NULL), 0);
	assert_int_equal(apikey_equal_hash("", ""), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_unique),
		cmocka_unit_test(test_hash_kat),
		cmocka_unit_test(test_header_good),
		cmocka_unit_test(test_header_bad),
		cmocka_unit_test(test_header_long),
		cmocka_unit_test(test_equal_hash),
	};

	log_init("test_apikey", LOG_LVL_ERR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
