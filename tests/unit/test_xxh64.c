/*
 * test_xxh64.c - xxh64 against the reference implementation: vectors
 * made with Debian's xxhsum (`xxhsum -H1`) over the pattern below, at
 * lengths that cover every path (the 1-, 4- and 8-byte tails, one and
 * more 32-byte stripes), and the properties the ETag relies on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "xxh64.h"

/* The bytes xxhsum hashed: chr(33 + (i * 7) % 90), i = 0, 1, ... */
static void
pattern(unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(33 + (i * 7) % 90);
}

static void
test_reference_vectors(void **state)
{
	static const struct {
		size_t		len;
		uint64_t	want;
	} v[] = {
		{ 0, UINT64_C(0xef46db3751d8e999) },
		{ 1, UINT64_C(0x9ea4029ff0912cb8) },
		{ 3, UINT64_C(0xf86757b2e77a69f7) },
		{ 4, UINT64_C(0x02b59d8d1c968183) },
		{ 5, UINT64_C(0xc1403cd17928d46e) },
		{ 7, UINT64_C(0xa56acab0cc471604) },
		{ 8, UINT64_C(0x035888a941dc7377) },
		{ 9, UINT64_C(0xf355ef2019fb7853) },
		{ 12, UINT64_C(0xf21c5d8bde8e3243) },
		{ 15, UINT64_C(0xb28fadc1aa0fd940) },
		{ 16, UINT64_C(0x15d6da97e77d4330) },
		{ 31, UINT64_C(0x1a24a51ed5ff4d42) },
		{ 32, UINT64_C(0x4ca13653c93f6f8e) },
		{ 33, UINT64_C(0xc01d514399546f8a) },
		{ 40, UINT64_C(0x67bd86dd3ab3abfc) },
		{ 63, UINT64_C(0x7a33f646a1368e4e) },
		{ 64, UINT64_C(0x71d60f37c1767836) },
		{ 65, UINT64_C(0xf01fd2b0173c40f1) },
		{ 100, UINT64_C(0xf1c6abc30a93b4ca) },
		{ 1000, UINT64_C(0x2a73ce7fe6ddf4f1) },
	};
	unsigned char buf[1000];
	size_t i;

	(void)state;
	pattern(buf, sizeof(buf));
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(xxh64(buf, v[i].len, 0), v[i].want);
	assert_int_equal(xxh64(NULL, 0, 0), UINT64_C(0xef46db3751d8e999));
	assert_int_equal(xxh64("abc", 3, 0), UINT64_C(0x44bc2cf5ad770999));
}

/* Unaligned input hashes as aligned input does. */
static void
test_unaligned(void **state)
{
	unsigned char buf[1001];

	(void)state;
	pattern(buf + 1, 1000);
	assert_int_equal(xxh64(buf + 1, 1000, 0),
	    UINT64_C(0x2a73ce7fe6ddf4f1));
}

/* One byte changed anywhere, or a byte more, changes the hash. */
static void
test_changes_show(void **state)
{
	unsigned char buf[300];
	uint64_t base;
	size_t i;

	(void)state;
	pattern(buf, sizeof(buf));
	base = xxh64(buf, sizeof(buf), 0);
	for (i = 0; i < sizeof(buf); i++) {
		buf[i] ^= 1;
		assert_int_not_equal(xxh64(buf, sizeof(buf), 0), base);
		buf[i] ^= 1;
	}
	assert_int_not_equal(xxh64(buf, sizeof(buf) - 1, 0), base);
	assert_int_not_equal(xxh64(buf, sizeof(buf), 1), base);
	assert_int_equal(xxh64(buf, sizeof(buf), 0), base);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_vectors),
		cmocka_unit_test(test_unaligned),
		cmocka_unit_test(test_changes_show),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
