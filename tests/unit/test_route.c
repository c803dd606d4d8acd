/*
 * test_route.c - the fixed URL surface, and nothing else.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "route.h"

static const char *const stages[] = { "ordered", "shipped",
    "out_for_delivery", "delivered", "picked_up", "return_received",
    "cancelled" };
static const char *const fmts[] = { "html", "txt", "xml", "json" };

/* route_match gives 404 and leaves a zeroed route. */
static void
no_route(const char *path)
{
	struct route r, zero;

	memset(&r, 0x5a, sizeof(r));
	memset(&zero, 0, sizeof(zero));
	if (route_match(path, &r) != 404)
		fail_msg("matched: %s", path != NULL ? path : "(null)");
	assert_memory_equal(&r, &zero, sizeof(r));
}

static void
test_stage_routes(void **state)
{
	struct route r;
	char path[256];
	size_t s, f;

	(void)state;
	for (s = 0; s < STAGE__MAX; s++)
		for (f = 0; f < FMT__MAX; f++) {
			snprintf(path, sizeof(path),
			    "/v1/brands/run-fast_2/stages/%s.%s", stages[s],
			    fmts[f]);
			assert_int_equal(route_match(path, &r), 0);
			assert_int_equal(r.kind, ROUTE_STAGE);
			assert_int_equal(r.stage, s);
			assert_int_equal(r.fmt, f);
			assert_string_equal(r.brand, "run-fast_2");
			assert_string_equal(r.name, "");
		}
}

static void
test_touchpoint_routes(void **state)
{
	struct route r;

	(void)state;
	assert_int_equal(route_match(
	    "/v1/brands/runfast/touchpoints/voorpret.json", &r), 0);
	assert_int_equal(r.kind, ROUTE_TOUCHPOINT);
	assert_int_equal(r.fmt, FMT_JSON);
	assert_string_equal(r.brand, "runfast");
	assert_string_equal(r.name, "voorpret");
	assert_int_equal(route_match(
	    "/v1/brands/0/touchpoints/nps_survey-2.txt", &r), 0);
	assert_string_equal(r.brand, "0");
	assert_string_equal(r.name, "nps_survey-2");
	assert_int_equal(r.fmt, FMT_TXT);
}

static void
test_name_lengths(void **state)
{
	char n64[65], n65[66], path[256];
	struct route r;

	(void)state;
	memset(n64, 'b', 64);
	n64[64] = '\0';
	memset(n65, 'b', 65);
	n65[65] = '\0';
	snprintf(path, sizeof(path), "/v1/brands/%s/touchpoints/%s.html", n64,
	    n64);
	assert_int_equal(route_match(path, &r), 0);
	assert_string_equal(r.brand, n64);
	assert_string_equal(r.name, n64);
	snprintf(path, sizeof(path), "/v1/brands/%s/stages/shipped.html", n65);
	no_route(path);
	snprintf(path, sizeof(path), "/v1/brands/a/touchpoints/%s.html", n65);
	no_route(path);
}

static void
test_redirect(void **state)
{
	char tok[ROUTE_MAX_TOKEN + 1], path[ROUTE_MAX_TOKEN + 8];
	struct route r;

	(void)state;
	assert_int_equal(route_match("/r/AbC-12_x.yz", &r), 0);
	assert_int_equal(r.kind, ROUTE_REDIRECT);
	assert_string_equal(r.token, "AbC-12_x.yz");
	memset(tok, 'T', ROUTE_MAX_TOKEN);
	tok[ROUTE_MAX_TOKEN] = '\0';
	snprintf(path, sizeof(path), "/r/%s", tok);
	assert_int_equal(route_match(path, &r), 0);
	assert_int_equal(strlen(r.token), ROUTE_MAX_TOKEN);
	strcat(path, "T");
	no_route(path);
	no_route("/r/");
	no_route("/r");
	no_route("/r/a/b");
	no_route("/r/a+b");
	no_route("/r/a=");
	no_route("/r/a%2Fb");
	no_route("/r/a~b");
	no_route("/r/..");
	no_route("/r/.");
	no_route("/r/abc/");
	no_route("/r//abc");
}

static void
test_fixed(void **state)
{
	struct route r;

	(void)state;
	assert_int_equal(route_match("/healthz", &r), 0);
	assert_int_equal(r.kind, ROUTE_HEALTH);
	assert_int_equal(route_match("/metrics", &r), 0);
	assert_int_equal(r.kind, ROUTE_METRICS);
	assert_int_equal(route_match("/admin", &r), 0);
	assert_int_equal(r.kind, ROUTE_ADMIN);
	assert_int_equal(route_match("/admin/brands/runfast/touchpoints", &r),
	    0);
	assert_int_equal(r.kind, ROUTE_ADMIN);
	assert_int_equal(route_match("/admin/static/app-1.2.css", &r), 0);
	assert_int_equal(r.kind, ROUTE_ADMIN);
	no_route("/healthz/");
	no_route("/healthz/x");
	no_route("/HEALTHZ");
	no_route("/healthzz");
	no_route("/metrics.txt");
	no_route("/administrator");
	no_route("/admin/");
	no_route("/admin/../v1/brands/a/stages/shipped.html");
	no_route("/admin/./x");
	no_route("/admin//x");
	no_route("/admin/%2e%2e/x");
	no_route("/admin/a?b");
}

static void
test_not_found(void **state)
{
	(void)state;
	no_route(NULL);
	no_route("");
	no_route("/");
	no_route("//");
	no_route("healthz");
	no_route("/v1");
	no_route("/v1/");
	no_route("/v1/brands");
	no_route("/v1/brands/");
	no_route("/v1/brands/runfast");
	no_route("/v1/brands/runfast/");
	no_route("/v1/brands/runfast/stages");
	no_route("/v1/brands/runfast/stages/");
	no_route("/v2/brands/runfast/stages/shipped.html");
	no_route("/V1/brands/runfast/stages/shipped.html");
	/* Unknown stage, format, kind. */
	no_route("/v1/brands/runfast/stages/lost.html");
	no_route("/v1/brands/runfast/stages/Shipped.html");
	no_route("/v1/brands/runfast/stages/shipped.pdf");
	no_route("/v1/brands/runfast/stages/shipped.HTML");
	no_route("/v1/brands/runfast/stages/shipped");
	no_route("/v1/brands/runfast/stages/shipped.");
	no_route("/v1/brands/runfast/stages/.html");
	no_route("/v1/brands/runfast/stages/shipped.html.json");
	no_route("/v1/brands/runfast/stages/shipped.html/");
	no_route("/v1/brands/runfast/stages/shipped.html/x");
	no_route("/v1/brands/runfast/touchpoints/.html");
	no_route("/v1/brands/runfast/touchpoints/x.y.html");
	no_route("/v1/brands/runfast/widgets/x.html");
	/* Bad names. */
	no_route("/v1/brands/RunFast/stages/shipped.html");
	no_route("/v1/brands/-runfast/stages/shipped.html");
	no_route("/v1/brands/_runfast/stages/shipped.html");
	no_route("/v1/brands/run.fast/stages/shipped.html");
	no_route("/v1/brands/run~fast/stages/shipped.html");
	no_route("/v1/brands/runfast/touchpoints/Voorpret.html");
	no_route("/v1/brands/runfast/touchpoints/-x.html");
}

static void
test_traversal(void **state)
{
	(void)state;
	no_route("/v1/brands/../stages/shipped.html");
	no_route("/v1/brands/a%2e/../stages/shipped.html");
	no_route("/v1/brands/a%2e%2e/stages/shipped.html");
	no_route("/v1/brands/%2e%2e/stages/shipped.html");
	no_route("/v1/brands/runfast/stages/../stages/shipped.html");
	no_route("/v1/brands/runfast/./stages/shipped.html");
	no_route("/v1/brands/runfast//stages/shipped.html");
	no_route("//v1/brands/runfast/stages/shipped.html");
	no_route("/v1//brands/runfast/stages/shipped.html");
	no_route("/v1/brands/runfast/stages/shipped%2ehtml");
	no_route("/v1/brands/run%66ast/stages/shipped.html");
	no_route("/v1/brands/runfast/touchpoints/..%2fx.html");
	no_route("/v1/brands/runfast/touchpoints/a\\b.html");
	no_route("/v1/brands/runfast/stages/shipped.html\n");
	no_route("/v1/brands/runfast/stages/shipped.html ");
	no_route("/./healthz");
	no_route("/../healthz");
}

static void
test_fmt(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < FMT__MAX; i++) {
		assert_int_equal(fmt_parse(fmts[i]), (int)i);
		assert_string_equal(fmt_name((enum fmt)i), fmts[i]);
	}
	assert_int_equal(fmt_parse("htm"), -1);
	assert_int_equal(fmt_parse("HTML"), -1);
	assert_int_equal(fmt_parse(""), -1);
	assert_int_equal(fmt_parse(NULL), -1);
	assert_null(fmt_name(FMT__MAX));
	assert_string_equal(fmt_content_type(FMT_HTML),
	    "text/html; charset=utf-8");
	assert_string_equal(fmt_content_type(FMT_TXT),
	    "text/plain; charset=utf-8");
	assert_string_equal(fmt_content_type(FMT_XML),
	    "application/xml; charset=utf-8");
	assert_string_equal(fmt_content_type(FMT_JSON), "application/json");
	assert_null(fmt_content_type(FMT__MAX));
}

static void
test_stage(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(STAGE__MAX, sizeof(stages) / sizeof(stages[0]));
	for (i = 0; i < STAGE__MAX; i++) {
		assert_int_equal(stage_parse(stages[i]), (int)i);
		assert_string_equal(stage_name((enum stage)i), stages[i]);
	}
	assert_int_equal(stage_parse("out-for-delivery"), -1);
	assert_int_equal(stage_parse("SHIPPED"), -1);
	assert_int_equal(stage_parse("shipped "), -1);
	assert_int_equal(stage_parse(""), -1);
	assert_int_equal(stage_parse(NULL), -1);
	assert_null(stage_name(STAGE__MAX));
	assert_null(stage_name((enum stage)-1));
}

static void
test_name_valid(void **state)
{
	char n[70];

	(void)state;
	assert_true(name_valid("a"));
	assert_true(name_valid("0"));
	assert_true(name_valid("run-fast_2"));
	assert_false(name_valid(""));
	assert_false(name_valid(NULL));
	assert_false(name_valid("-a"));
	assert_false(name_valid("_a"));
	assert_false(name_valid("A"));
	assert_false(name_valid("a b"));
	assert_false(name_valid("a.b"));
	assert_false(name_valid("a/b"));
	assert_false(name_valid("caf\xc3\xa9"));
	memset(n, 'x', 64);
	n[64] = '\0';
	assert_true(name_valid(n));
	n[64] = 'x';
	n[65] = '\0';
	assert_false(name_valid(n));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_routes),
		cmocka_unit_test(test_touchpoint_routes),
		cmocka_unit_test(test_name_lengths),
		cmocka_unit_test(test_redirect),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_traversal),
		cmocka_unit_test(test_fmt),
		cmocka_unit_test(test_stage),
		cmocka_unit_test(test_name_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
