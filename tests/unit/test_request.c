/*
 * test_request.c - FastCGI params to a request, under limits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "request.h"

static struct arena *A;
static struct request R;
static char why[256];

/* The params of one request: NULL-terminated name, value pairs. */
static const char *const *P;

static const char *
getparam(void *arg, const char *name)
{
	const char *const *p;

	assert_ptr_equal(arg, &P);
	for (p = P; p[0] != NULL; p += 2)
		if (strcmp(p[0], name) == 0)
			return p[1];
	return NULL;
}

static int
run(const struct request_limits *lim, const char *const *params)
{
	P = params;
	why[0] = '\0';
	return request_parse(&R, A, lim, getparam, &P, why, sizeof(why));
}

static int
setup(void **state)
{
	(void)state;
	A = arena_new(1024 * 1024);
	return A == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(A);
	A = NULL;
	return 0;
}

static void
test_get(void **state)
{
	static const char *const p[] = {
		"REQUEST_METHOD", "GET",
		"REQUEST_URI", "/v1/brands/runfast/stages/shipped.html?"
		    "order=1042&lang=nl&exp=1767225600&sig=abc",
		"DOCUMENT_URI", "/ignored",
		"QUERY_STRING", "ignored=1",
		"HTTP_AUTHORIZATION", "Bearer ppx_k_abc",
		"HTTP_IF_NONE_MATCH", "\"e1\"",
		NULL
	};

	(void)state;
	assert_int_equal(run(NULL, p), 0);
	assert_int_equal(R.method, METHOD_GET);
	assert_string_equal(R.path, "/v1/brands/runfast/stages/shipped.html");
	assert_string_equal(R.query_string,
	    "order=1042&lang=nl&exp=1767225600&sig=abc");
	assert_int_equal(R.query.n, 4);
	assert_string_equal(query_get(&R.query, "order"), "1042");
	assert_null(query_get(&R.query, "ignored"));
	assert_string_equal(R.authorization, "Bearer ppx_k_abc");
	assert_string_equal(R.if_none_match, "\"e1\"");
	assert_int_equal(R.body_type, BODY_NONE);
	assert_int_equal(R.content_length, 0);
}

static void
test_methods(void **state)
{
	static const struct {
		const char	*m;
		enum method	 want;
	} t[] = {
		{ "GET", METHOD_GET }, { "HEAD", METHOD_HEAD },
		{ "POST", METHOD_POST }, { "PUT", METHOD_OTHER },
		{ "DELETE", METHOD_OTHER }, { "get", METHOD_OTHER },
		{ "", METHOD_OTHER }, { "GETX", METHOD_OTHER },
	};
	const char *p[] = { "REQUEST_METHOD", NULL, "REQUEST_URI", "/healthz",
	    NULL };
	static const char *const none[] = { "REQUEST_URI", "/", NULL };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p[1] = t[i].m;
		assert_int_equal(run(NULL, p), 0);
		assert_int_equal(R.method, t[i].want);
	}
	assert_int_equal(run(NULL, none), 400);
	assert_string_equal(why, "no request method");
}

static void
test_no_query(void **state)
{
	static const char *const p[] = { "REQUEST_METHOD", "GET",
	    "REQUEST_URI", "/healthz", NULL };
	static const char *const q[] = { "REQUEST_METHOD", "GET",
	    "REQUEST_URI", "/healthz?", NULL };

	(void)state;
	assert_int_equal(run(NULL, p), 0);
	assert_string_equal(R.path, "/healthz");
	assert_string_equal(R.query_string, "");
	assert_int_equal(R.query.n, 0);
	assert_null(R.authorization);
	assert_null(R.if_none_match);
	assert_int_equal(run(NULL, q), 0);
	assert_string_equal(R.path, "/healthz");
	assert_string_equal(R.query_string, "");
}

static void
test_fallback(void **state)
{
	static const char *const p[] = { "REQUEST_METHOD", "GET",
	    "DOCUMENT_URI", "/r/abc", "QUERY_STRING", "a=1&b=2", NULL };
	static const char *const noqs[] = { "REQUEST_METHOD", "GET",
	    "DOCUMENT_URI", "/metrics", NULL };
	static const char *const neither[] = { "REQUEST_METHOD", "GET",
	    "QUERY_STRING", "a=1", NULL };

	(void)state;
	assert_int_equal(run(NULL, p), 0);
	assert_string_equal(R.path, "/r/abc");
	assert_string_equal(R.query_string, "a=1&b=2");
	assert_string_equal(query_get(&R.query, "b"), "2");
	assert_int_equal(run(NULL, noqs), 0);
	assert_string_equal(R.path, "/metrics");
	assert_string_equal(R.query_string, "");
	assert_int_equal(run(NULL, neither), 400);
	assert_string_equal(why, "no request URI");
}

/* A URI of exactly n bytes: "/x?q=aaaa…". */
static char *
long_uri(size_t n)
{
	char *u;

	u = malloc(n + 1);
	assert_non_null(u);
	memset(u, 'a', n);
	memcpy(u, "/x?q=", 5);
	u[n] = '\0';
	return u;
}

static void
test_uri_limit(void **state)
{
	const char *p[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", NULL,
	    NULL };
	const char *f[] = { "REQUEST_METHOD", "GET", "DOCUMENT_URI", "/x",
	    "QUERY_STRING", NULL, NULL };
	struct request_limits lim = { 16, 100 };
	char *u;

	(void)state;
	u = long_uri(REQUEST_DEFAULT_MAX_URI);
	p[3] = u;
	assert_int_equal(run(NULL, p), 0);
	assert_int_equal(strlen(query_get(&R.query, "q")), 4096 - 5);
	free(u);

	u = long_uri(REQUEST_DEFAULT_MAX_URI + 1);
	p[3] = u;
	assert_int_equal(run(NULL, p), 414);
	assert_string_equal(why, "URI too long");
	/* DOCUMENT_URI + '?' + QUERY_STRING counts the same. */
	memcpy(u + 3, "q=", 2);
	f[5] = u + 3;		/* 2 + 1 + 4094 = 4097 */
	assert_int_equal(run(NULL, f), 414);
	memcpy(u + 4, "q=", 2);
	f[5] = u + 4;		/* 2 + 1 + 4093 = 4096 */
	assert_int_equal(run(NULL, f), 0);
	assert_string_equal(R.path, "/x");
	free(u);

	/* Limits from the caller. */
	p[3] = "/x?q=0123456789a";	/* 16 */
	assert_int_equal(run(&lim, p), 0);
	p[3] = "/x?q=0123456789ab";	/* 17 */
	assert_int_equal(run(&lim, p), 414);
}

static void
test_content_length(void **state)
{
	static const struct {
		const char	*cl;
		int		 rc;
		size_t		 len;
	} t[] = {
		{ "0", 0, 0 }, { "", 0, 0 }, { "1", 0, 1 },
		{ "65536", 0, 65536 }, { "065536", 0, 65536 },
		{ "65537", 413, 0 }, { "99999999999", 413, 0 },
		{ "abc", 400, 0 }, { "-1", 400, 0 }, { "+5", 400, 0 },
		{ " 5", 400, 0 }, { "5 ", 400, 0 }, { "1e3", 400, 0 },
		{ "0x10", 400, 0 },
		{ "99999999999999999999999999", 400, 0 },
		{ "18446744073709551617", 400, 0 },
	};
	const char *p[] = { "REQUEST_METHOD", "POST", "REQUEST_URI", "/x",
	    "CONTENT_TYPE", "application/json", "CONTENT_LENGTH", NULL, NULL };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p[7] = t[i].cl;
		assert_int_equal(run(NULL, p), t[i].rc);
		if (t[i].rc == 0)
			assert_int_equal(R.content_length, t[i].len);
		else if (t[i].rc == 413)
			assert_string_equal(why, "body too large");
		else
			assert_string_equal(why, "bad Content-Length");
	}
}

static void
test_content_type(void **state)
{
	static const struct {
		const char	*ct;
		enum body_type	 want;
	} t[] = {
		{ "application/json", BODY_JSON },
		{ "application/json; charset=utf-8", BODY_JSON },
		{ "Application/JSON;charset=UTF-8", BODY_JSON },
		{ " application/json ; charset=utf-8", BODY_JSON },
		{ "application/xml", BODY_XML },
		{ "text/xml; charset=utf-8", BODY_XML },
		{ "TEXT/XML", BODY_XML },
		{ "application/x-www-form-urlencoded", BODY_FORM },
		{ "application/jsonx", BODY_OTHER },
		{ "application/json-patch+json", BODY_OTHER },
		{ "application/json x", BODY_OTHER },
		{ "application/xhtml+xml", BODY_OTHER },
		{ "text/plain", BODY_OTHER },
		{ "multipart/form-data; boundary=x", BODY_MULTIPART },
		{ "Multipart/Form-Data;boundary=\"a b\"", BODY_MULTIPART },
		{ "multipart/mixed; boundary=x", BODY_OTHER },
		{ "", BODY_OTHER },
		{ NULL, BODY_OTHER },
	};
	const char *p[] = { "REQUEST_METHOD", "POST", "REQUEST_URI", "/x",
	    "CONTENT_LENGTH", "10", "CONTENT_TYPE", NULL, NULL };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p[7] = t[i].ct;
		if (t[i].ct == NULL)
			p[6] = NULL;
		assert_int_equal(run(NULL, p), 0);
		assert_int_equal(R.body_type, t[i].want);
	}
	/* No body: BODY_NONE whatever the type says. */
	p[5] = "0";
	p[6] = "CONTENT_TYPE";
	p[7] = "application/json";
	assert_int_equal(run(NULL, p), 0);
	assert_int_equal(R.body_type, BODY_NONE);
	p[4] = NULL;
	assert_int_equal(run(NULL, p), 0);
	assert_int_equal(R.body_type, BODY_NONE);
}

static void
test_body_limit(void **state)
{
	const char *p[] = { "REQUEST_METHOD", "POST", "REQUEST_URI", "/x",
	    "CONTENT_TYPE", "application/xml", "CONTENT_LENGTH", NULL, NULL };
	struct request_limits lim = { 4096, 1000 };

	(void)state;
	p[7] = "1000";
	assert_int_equal(run(&lim, p), 0);
	assert_int_equal(R.content_length, 1000);
	assert_int_equal(R.body_type, BODY_XML);
	p[7] = "1001";
	assert_int_equal(run(&lim, p), 413);
	assert_string_equal(why, "body too large");
}

static void
test_bad_path(void **state)
{
	static const char *const bad[] = {
		"", "v1/brands/x", "*", "?a=1", "http://evil.example/x",
		"/a b", "/a\tb", "/caf\xc3\xa9", "/x\x7f",
	};
	const char *p[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", NULL,
	    NULL };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p[3] = bad[i];
		assert_int_equal(run(NULL, p), 400);
		assert_string_equal(why, "bad request path");
	}
	/* Not decoded, not normalised: that is route_match's business. */
	p[3] = "/v1/brands/a%2e/../x?q=%20";
	assert_int_equal(run(NULL, p), 0);
	assert_string_equal(R.path, "/v1/brands/a%2e/../x");
	assert_string_equal(query_get(&R.query, "q"), " ");
	/* Raw UTF-8 in the query is data, checked by query_parse. */
	p[3] = "/x?n=caf\xc3\xa9";
	assert_int_equal(run(NULL, p), 0);
	assert_string_equal(query_get(&R.query, "n"), "caf\xc3\xa9");
}

static void
test_bad_query(void **state)
{
	static const struct {
		const char	*uri;
		const char	*why;
	} t[] = {
		{ "/x?lang=%G1", "bad percent-encoding in 'lang'" },
		{ "/x?first_name=%C3%28", "invalid UTF-8 in 'first_name'" },
		{ "/x?first_name=a%00b", "control character in 'first_name'" },
		{ "/x?sig=1&sig=2", "duplicate parameter 'sig'" },
		{ "/x?A=1", "bad parameter name" },
	};
	const char *p[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", NULL,
	    NULL };
	char uri[1024];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p[3] = t[i].uri;
		assert_int_equal(run(NULL, p), 400);
		assert_string_equal(why, t[i].why);
	}
	n = (size_t)snprintf(uri, sizeof(uri), "/x?");
	for (i = 0; i < 65; i++)
		n += (size_t)snprintf(uri + n, sizeof(uri) - n, "p%zu=1&", i);
	p[3] = uri;
	assert_int_equal(run(NULL, p), 400);
	assert_string_equal(why, "too many parameters");
}

static void
test_headers(void **state)
{
	const char *p[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/x",
	    "HTTP_AUTHORIZATION", NULL, NULL };
	char *big;

	(void)state;
	big = malloc(2050);
	assert_non_null(big);
	memset(big, 'k', 2049);
	big[2049] = '\0';
	p[5] = big + 1;		/* 2048 */
	assert_int_equal(run(NULL, p), 0);
	assert_int_equal(strlen(R.authorization), 2048);
	p[5] = big;		/* 2049 */
	assert_int_equal(run(NULL, p), 400);
	assert_string_equal(why, "Authorization header too long");
	p[4] = "HTTP_IF_NONE_MATCH";
	assert_int_equal(run(NULL, p), 400);
	assert_string_equal(why, "If-None-Match header too long");
	free(big);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_get),
		T(test_methods),
		T(test_no_query),
		T(test_fallback),
		T(test_uri_limit),
		T(test_content_length),
		T(test_content_type),
		T(test_body_limit),
		T(test_bad_path),
		T(test_bad_query),
		T(test_headers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
