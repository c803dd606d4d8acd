/*
 * test_netmask.c - who may read /metrics.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "netmask.h"

static void
parse_and_match(void **state)
{
	struct netmask m[NETMASK_MAX];
	char bad[64];
	size_t n;

	(void)state;
	assert_int_equal(netmask_parse_list("127.0.0.1 ::1, 10.0.0.0/8 "
	    "fd00::/8", m, NETMASK_MAX, &n, bad, sizeof(bad)), 0);
	assert_int_equal(n, 4);
	assert_true(netmask_match(m, n, "127.0.0.1"));
	assert_true(netmask_match(m, n, "::1"));
	assert_true(netmask_match(m, n, "10.200.3.4"));
	assert_true(netmask_match(m, n, "::ffff:10.1.1.1"));
	assert_true(netmask_match(m, n, "fd12::7"));
	assert_false(netmask_match(m, n, "127.0.0.2"));
	assert_false(netmask_match(m, n, "11.0.0.1"));
	assert_false(netmask_match(m, n, "fe80::1"));
	assert_false(netmask_match(m, n, "::2"));
	assert_false(netmask_match(m, n, "not an address"));
	assert_false(netmask_match(m, n, NULL));
	assert_false(netmask_match(m, n, ""));
}

static void
odd_prefixes(void **state)
{
	struct netmask m;

	(void)state;
	assert_int_equal(netmask_parse("192.168.1.0/25", &m), 0);
	assert_true(netmask_match(&m, 1, "192.168.1.127"));
	assert_false(netmask_match(&m, 1, "192.168.1.128"));
	assert_int_equal(netmask_parse("0.0.0.0/0", &m), 0);
	assert_true(netmask_match(&m, 1, "203.0.113.9"));
	assert_false(netmask_match(&m, 1, "2001:db8::1"));
}

static void
refused(void **state)
{
	struct netmask m[2];
	char bad[64];
	size_t n;

	(void)state;
	assert_int_equal(netmask_parse("10.1.2.3/8", m), -1);	/* host bits */
	assert_int_equal(netmask_parse("10.0.0.0/33", m), -1);
	assert_int_equal(netmask_parse("10.0.0.0/", m), -1);
	assert_int_equal(netmask_parse("10.0.0.0/-1", m), -1);
	assert_int_equal(netmask_parse("::/129", m), -1);
	assert_int_equal(netmask_parse("localhost", m), -1);
	assert_int_equal(netmask_parse_list("::1 nonsense", m, 2, &n, bad,
	    sizeof(bad)), -1);
	assert_string_equal(bad, "nonsense");
	assert_int_equal(netmask_parse_list("::1 ::2 ::3", m, 2, &n, bad,
	    sizeof(bad)), -1);
	assert_string_equal(bad, "::3");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_and_match),
		cmocka_unit_test(odd_prefixes),
		cmocka_unit_test(refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
