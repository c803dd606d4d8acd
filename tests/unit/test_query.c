/*
 * test_query.c - query string decoding, limits, canonical form.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "query.h"

static struct arena *A;
static struct query Q;
static char why[256];

static int
setup(void **state)
{
	(void)state;
	if ((A = arena_new(1024 * 1024)) == NULL)
		return -1;
	memset(&Q, 0, sizeof(Q));
	why[0] = '\0';
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(A);
	A = NULL;
	return 0;
}

static int
parse(const char *s)
{
	return query_parse(&Q, A, s, why, sizeof(why));
}

/* Parsing s fails with exactly the reason want. */
static void
parse_fails(const char *s, const char *want)
{
	assert_int_equal(parse(s), -1);
	assert_string_equal(why, want);
	assert_int_equal(Q.n, 0);
}

static void
test_basic(void **state)
{
	(void)state;
	assert_int_equal(parse("order=1042&lang=nl&first_name=Anne+Marie"
	    "&postcode=1011%20AB&c=%41%62%2b"), 0);
	assert_int_equal(Q.n, 5);
	assert_string_equal(Q.p[0].name, "order");
	assert_string_equal(query_get(&Q, "order"), "1042");
	assert_string_equal(query_get(&Q, "lang"), "nl");
	assert_string_equal(query_get(&Q, "first_name"), "Anne Marie");
	assert_string_equal(query_get(&Q, "postcode"), "1011 AB");
	assert_string_equal(query_get(&Q, "c"), "Ab+");
	assert_null(query_get(&Q, "missing"));
	assert_null(query_get(&Q, "ORDER"));
}

static void
test_empty(void **state)
{
	(void)state;
	Q.n = 7;
	assert_int_equal(parse(NULL), 0);
	assert_int_equal(Q.n, 0);
	assert_int_equal(parse(""), 0);
	assert_int_equal(Q.n, 0);
	assert_int_equal(parse("&&&"), 0);
	assert_int_equal(Q.n, 0);
	/* Empty pieces are skipped; no '=' is an empty value. */
	assert_int_equal(parse("a=1&&b&c=&"), 0);
	assert_int_equal(Q.n, 3);
	assert_string_equal(query_get(&Q, "a"), "1");
	assert_string_equal(query_get(&Q, "b"), "");
	assert_string_equal(query_get(&Q, "c"), "");
	/* '=' inside a value is kept. */
	assert_int_equal(parse("sig=ab==&x=a=b"), 0);
	assert_string_equal(query_get(&Q, "sig"), "ab==");
	assert_string_equal(query_get(&Q, "x"), "a=b");
}

static void
test_limit_params(void **state)
{
	char buf[1024];
	size_t i, n;

	(void)state;
	n = 0;
	for (i = 0; i < QUERY_MAX_PARAMS; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%sp%zu=%zu",
		    i ? "&" : "", i, i);
	assert_int_equal(parse(buf), 0);
	assert_int_equal(Q.n, 64);
	assert_string_equal(query_get(&Q, "p63"), "63");
	snprintf(buf + n, sizeof(buf) - n, "&p64=64");
	parse_fails(buf, "too many parameters");
	/* A 65th piece that is empty does not count. */
	buf[n] = '\0';
	strcat(buf, "&");
	assert_int_equal(parse(buf), 0);
	assert_int_equal(Q.n, 64);
}

static void
test_bad_percent(void **state)
{
	(void)state;
	parse_fails("lang=%G1", "bad percent-encoding in 'lang'");
	parse_fails("lang=%4", "bad percent-encoding in 'lang'");
	parse_fails("lang=%", "bad percent-encoding in 'lang'");
	parse_fails("lang=nl%2", "bad percent-encoding in 'lang'");
	parse_fails("lang=%%41", "bad percent-encoding in 'lang'");
	parse_fails("la%Gng=nl", "bad parameter name");
	/* Lower-case hex is fine. */
	assert_int_equal(parse("x=%c3%a9"), 0);
	assert_string_equal(query_get(&Q, "x"), "\xc3\xa9");
}

static void
test_utf8(void **state)
{
	(void)state;
	assert_int_equal(parse("first_name=Ren%C3%A9e&city=\xc5\x81\xc3\xb3"
	    "d\xc5\xba&e=%F0%9F%98%80&z=%E2%82%AC"), 0);
	assert_string_equal(query_get(&Q, "first_name"), "Ren\xc3\xa9" "e");
	assert_string_equal(query_get(&Q, "city"),
	    "\xc5\x81\xc3\xb3" "d\xc5\xba");
	assert_string_equal(query_get(&Q, "e"), "\xf0\x9f\x98\x80");
	assert_string_equal(query_get(&Q, "z"), "\xe2\x82\xac");

	parse_fails("first_name=%C3%28", "invalid UTF-8 in 'first_name'");
	parse_fails("first_name=%C3", "invalid UTF-8 in 'first_name'");
	parse_fails("first_name=%E2%82", "invalid UTF-8 in 'first_name'");
	parse_fails("first_name=%80", "invalid UTF-8 in 'first_name'");
	parse_fails("first_name=%FF", "invalid UTF-8 in 'first_name'");
	/* Overlong '/', a surrogate, past U+10FFFF. */
	parse_fails("first_name=%C0%AF", "invalid UTF-8 in 'first_name'");
	parse_fails("first_name=%E0%80%AF", "invalid UTF-8 in 'first_name'");
	parse_fails("first_name=%ED%A0%80", "invalid UTF-8 in 'first_name'");
	parse_fails("first_name=%F4%90%80%80",
	    "invalid UTF-8 in 'first_name'");
	parse_fails("first_name=\xc3", "invalid UTF-8 in 'first_name'");
}

static void
test_control(void **state)
{
	(void)state;
	parse_fails("x=a%00b", "control character in 'x'");
	parse_fails("x=%0A", "control character in 'x'");
	parse_fails("x=%0d%0aSet-Cookie:%20a", "control character in 'x'");
	parse_fails("x=%09", "control character in 'x'");
	parse_fails("x=%7F", "control character in 'x'");
	parse_fails("x=%1B[31m", "control character in 'x'");
	parse_fails("x=%C2%85", "control character in 'x'");
	parse_fails("x=a\tb", "control character in 'x'");
	parse_fails("x%00=1", "bad parameter name");
}

static void
test_names(void **state)
{
	(void)state;
	assert_int_equal(parse("a.b_c9=1&"
	    "abcdefghijklmnopqrstuvwxyz012345=2"), 0);
	assert_string_equal(query_get(&Q, "a.b_c9"), "1");
	parse_fails("Lang=nl", "bad parameter name");
	parse_fails("=nl", "bad parameter name");
	parse_fails("a-b=1", "bad parameter name");
	parse_fails("a+b=1", "bad parameter name");
	parse_fails("abcdefghijklmnopqrstuvwxyz0123456=1",
	    "bad parameter name");
	parse_fails("%3Cscript%3E=1", "bad parameter name");
	/* A percent-encoded name that decodes to a good one is fine. */
	assert_int_equal(parse("%6Cang=nl"), 0);
	assert_string_equal(query_get(&Q, "lang"), "nl");
}

static void
test_duplicate(void **state)
{
	(void)state;
	parse_fails("sig=a&exp=1&sig=b", "duplicate parameter 'sig'");
	parse_fails("sig=a&sig=a", "duplicate parameter 'sig'");
	parse_fails("lang=nl&%6Cang=en", "duplicate parameter 'lang'");
}

static void
test_no_value_in_reason(void **state)
{
	(void)state;
	parse_fails("first_name=Secret%00Name", "control character in "
	    "'first_name'");
	assert_null(strstr(why, "Secret"));
	parse_fails("postcode=1011AB%FF", "invalid UTF-8 in 'postcode'");
	assert_null(strstr(why, "1011"));
	parse_fails("postcode=1011AB%Z", "bad percent-encoding in 'postcode'");
	assert_null(strstr(why, "1011"));
}

static void
test_hostile_data(void **state)
{
	(void)state;
	assert_int_equal(parse("first_name=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
	    "&item_name=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"
	    "&url=javascript:alert(1)&q=';--"), 0);
	assert_string_equal(query_get(&Q, "first_name"),
	    "<script>alert(1)</script>");
	assert_string_equal(query_get(&Q, "item_name"),
	    "\"><img src=x onerror=alert(1)>");
	assert_string_equal(query_get(&Q, "url"), "javascript:alert(1)");
	assert_string_equal(query_get(&Q, "q"), "';--");
}

static void
test_arena_full(void **state)
{
	struct arena *small;
	char buf[600];
	int rc;

	(void)state;
	memset(buf, 'a', sizeof(buf) - 1);
	buf[0] = 'x';
	buf[1] = '=';
	buf[sizeof(buf) - 1] = '\0';
	small = arena_new(256);
	assert_non_null(small);
	rc = query_parse(&Q, small, buf, why, sizeof(why));
	assert_int_equal(rc, -1);
	assert_string_equal(why, "query too large");
	assert_int_equal(Q.n, 0);
	arena_free(small);
}

static void
test_escape(void **state)
{
	(void)state;
	assert_string_equal(query_escape(A, "a b&c=d/\xc3\xa9~-._+%"),
	    "a%20b%26c%3Dd%2F%C3%A9~-._%2B%25");
	assert_string_equal(query_escape(A, ""), "");
	assert_string_equal(query_escape(A, "AZaz09"), "AZaz09");
	assert_null(query_escape(A, NULL));
}

static void
test_canonical(void **state)
{
	static const char *const skip[] = { "sig", "kid", NULL };
	char *c1;

	(void)state;
	assert_int_equal(parse("order=1042&exp=1767225600&sig=abc&"
	    "first_name=Anne+Marie&lang=nl&kid=1&empty="), 0);
	c1 = query_canonical(&Q, A, skip);
	assert_string_equal(c1, "empty=&exp=1767225600&first_name=Anne%20Marie"
	    "&lang=nl&order=1042");
	/* The same parameters in another order and spelling. */
	assert_int_equal(parse("lang=nl&empty&first_name=Anne%20Marie&"
	    "kid=2&order=%31042&sig=zzz&exp=1767225600"), 0);
	assert_string_equal(query_canonical(&Q, A, skip), c1);
	/* Without skip everything is in. */
	assert_int_equal(parse("b=2&a=1&sig=x"), 0);
	assert_string_equal(query_canonical(&Q, A, NULL), "a=1&b=2&sig=x");
	/* Names sort bytewise: '.' < '0' < '_' < 'a'. */
	assert_int_equal(parse("a_=1&a.=2&a0=3&aa=4&a=5"), 0);
	assert_string_equal(query_canonical(&Q, A, NULL),
	    "a=5&a.=2&a0=3&a_=1&aa=4");
	/* '&' and '=' in values cannot forge another parameter. */
	assert_int_equal(parse("a=1%26b%3D2"), 0);
	assert_string_equal(query_canonical(&Q, A, NULL), "a=1%26b%3D2");
	assert_int_equal(parse(""), 0);
	assert_string_equal(query_canonical(&Q, A, skip), "");
	assert_int_equal(parse("sig=1"), 0);
	assert_string_equal(query_canonical(&Q, A, skip), "");
}

static void
test_text_check(void **state)
{
	(void)state;
	assert_int_equal(query_text_check("", 0), QUERY_TEXT_OK);
	assert_int_equal(query_text_check("abc \xc3\xa9", 6), QUERY_TEXT_OK);
	assert_int_equal(query_text_check("a\0b", 3), QUERY_TEXT_CONTROL);
	assert_int_equal(query_text_check("\xef\xbf\xbf", 3), QUERY_TEXT_OK);
	assert_int_equal(query_text_check("\xf4\x8f\xbf\xbf", 4),
	    QUERY_TEXT_OK);
	assert_int_equal(query_text_check("\xc2\x9f", 2), QUERY_TEXT_CONTROL);
	assert_int_equal(query_text_check("\xc2\xa0", 2), QUERY_TEXT_OK);
	/* The length bounds the scan: a split sequence is invalid. */
	assert_int_equal(query_text_check("\xc3\xa9", 1), QUERY_TEXT_UTF8);
	assert_int_equal(query_text_check("\xf8\x88\x80\x80\x80", 5),
	    QUERY_TEXT_UTF8);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_basic),
		T(test_empty),
		T(test_limit_params),
		T(test_bad_percent),
		T(test_utf8),
		T(test_control),
		T(test_names),
		T(test_duplicate),
		T(test_no_value_in_reason),
		T(test_hostile_data),
		T(test_arena_full),
		T(test_escape),
		T(test_canonical),
		T(test_text_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
