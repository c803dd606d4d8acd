/*
 * test_club.c - club.c alone, against the mock host-services table
 * (tests/plugins/mock_host.h says what its services do); msg() shows
 * numbers with one decimal, as club formats its distances.
 *
 * Its own service is clubs_near(): it serves the test's clubs (or its
 * return code), records the radius and room it was given, and can claim
 * more clubs than it was allowed.  The one setting club may ask for is
 * "club.community_url", absent unless the test sets it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <ppx/plugin.h>

#include "mock_host.h"

struct ppx_ctx {
	struct mock	 m;
	const struct ppx_club *clubs;	/* what clubs_near finds */
	size_t		 nclubs;
	int		 near_rc;
	size_t		 overrun;	/* clubs_near claims this many more */
	double		 radius_asked;
	size_t		 max_asked;
};
MOCK_CTX_FIRST;

static const struct ppx_club three[] = {
	{ "Loopgroep Oost", "Amsterdam", "https://clubs.example/oost", 1.96,
	    "Kerstloop", "2026-12-12", "https://clubs.example/oost/kerst" },
	{ "Vondel Runners", "Amsterdam", "https://clubs.example/vondel", 2.5,
	    NULL, NULL, NULL },
	{ "West", NULL, NULL, 3.04, "Rondje", "2026-11-28", NULL },
};

static int
m_clubs_near(struct ppx_ctx *ctx, double radius_km, struct ppx_club *out,
    size_t max, size_t *n)
{
	size_t	i;

	ctx->radius_asked = radius_km;
	ctx->max_asked = max;
	*n = 0;
	if (ctx->near_rc != PPX_OK)
		return ctx->near_rc;
	for (i = 0; i < ctx->nclubs && i < max; i++)
		out[i] = ctx->clubs[i];
	*n = i + ctx->overrun;
	return PPX_OK;
}

static void
ctx_init(struct ppx_ctx *ctx, const struct ppx_club *clubs, size_t n)
{
	memset(ctx, 0, sizeof(*ctx));
	mock_init(&ctx->m);
	ctx->m.host.clubs_near = m_clubs_near;
	ctx->m.decimals = 1;
	mock_setting(&ctx->m, "club.community_url", NULL);
	ctx->clubs = clubs;
	ctx->nclubs = n;
}

/* The brand's online community, for when no club is near. */
static void
community(struct ppx_ctx *ctx, const char *url)
{
	mock_setting(&ctx->m, "club.community_url", url);
}

/* --- tests ---------------------------------------------------------- */

static void
stages_served(void **state)
{
	(void)state;
	assert_string_equal(ppx_plugin.name, "club");
	assert_string_equal(ppx_plugin.stages[0], "delivered");
	assert_string_equal(ppx_plugin.stages[1], "picked_up");
	assert_string_equal(ppx_plugin.stages[2], "shipped");
	assert_null(ppx_plugin.stages[3]);
}

static void
three_clubs_nearest_first(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, three, 3);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_true(ctx.radius_asked == 0);	/* the brand's setting */
	assert_int_equal(ctx.max_asked, 3);
	assert_string_equal(mock_tree(&ctx.m),
	    "<touchpoint><clubs>"
	    "<msg key=\"club.heading\">club.heading</msg>"
	    "<msg key=\"club.intro\">club.intro</msg>"
	    "<club><name>Loopgroep Oost</name><city>Amsterdam</city>"
	    "<distance km=\"2.0\"><msg key=\"club.distance\">"
	    "club.distance|km=2.0</msg></distance>"
	    "<link href=\"tracked:club:https://clubs.example/oost\"></link>"
	    "<msg key=\"club.visit\">club.visit</msg>"
	    "<event date=\"2026-12-12\"><name>Kerstloop</name>"
	    "<msg key=\"club.next_event\">club.next_event|event=Kerstloop"
	    "|date=1797076800000.5</msg>"
	    "<link href=\"tracked:event:https://clubs.example/oost/kerst\">"
	    "</link></event></club>"
	    "<club><name>Vondel Runners</name><city>Amsterdam</city>"
	    "<distance km=\"2.5\"><msg key=\"club.distance\">"
	    "club.distance|km=2.5</msg></distance>"
	    "<link href=\"tracked:club:https://clubs.example/vondel\"></link>"
	    "<msg key=\"club.visit\">club.visit</msg></club>"
	    "<club><name>West</name>"
	    "<distance km=\"3.0\"><msg key=\"club.distance\">"
	    "club.distance|km=3.0</msg></distance>"
	    "<event date=\"2026-11-28\"><name>Rondje</name>"
	    "<msg key=\"club.next_event\">club.next_event|event=Rondje"
	    "|date=1795867200000.5</msg></event></club>"
	    "</clubs></touchpoint>");
}

static const char community_tree[] =
	"<touchpoint><community>"
	"<msg key=\"club.community_heading\">club.community_heading</msg>"
	"<msg key=\"club.community_text\">club.community_text</msg>"
	"<link href=\"tracked:community:https://community.example/\"></link>"
	"<msg key=\"club.community_link\">club.community_link</msg>"
	"</community></touchpoint>";

static void
unknown_postcode_falls_back(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, NULL, 0);
	ctx.near_rc = PPX_ENOTFOUND;
	community(&ctx, "https://community.example/");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_string_equal(mock_tree(&ctx.m), community_tree);
}

static void
none_nearby_falls_back(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, NULL, 0);
	community(&ctx, "https://community.example/");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_string_equal(mock_tree(&ctx.m), community_tree);
}

static void
no_fallback_no_data(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, NULL, 0);
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_string_equal(mock_tree(&ctx.m), "");
	ctx_init(&ctx, NULL, 0);
	ctx.near_rc = PPX_ENOTFOUND;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_string_equal(mock_tree(&ctx.m), "");
}

static void
bad_community_url_no_data(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, NULL, 0);
	community(&ctx, "javascript:alert(1)");
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_non_null(strstr(ctx.m.log, "club.community_url"));
}

static void
host_errors_are_errors(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, three, 3);
	ctx.near_rc = PPX_ERROR;
	community(&ctx, "https://community.example/");
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
	ctx_init(&ctx, three, 3);
	ctx.near_rc = PPX_EINVAL;
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
	/* A host that claims more than it was allowed is not trusted. */
	ctx_init(&ctx, three, 3);
	ctx.overrun = 1;
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
}

static void
malformed_event_date_left_out(void **state)
{
	static const struct ppx_club c[] = {
		{ "A", NULL, NULL, 1.0, "Loop", "2026-13-01", NULL },
		{ "B", NULL, NULL, 1.0, "Loop", "20261201", NULL },
	};
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, c, 2);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_null(strstr(mock_tree(&ctx.m), "<event"));
}

static void
catalog_gaps(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, three, 3);
	ctx.m.missing_key = "club.intro";		/* optional */
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_null(strstr(mock_tree(&ctx.m), "club.intro"));
	ctx_init(&ctx, three, 3);
	ctx.m.missing_key = "club.heading";	/* required */
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
	assert_non_null(strstr(ctx.m.log, "catalog lacks club.heading"));
	ctx_init(&ctx, NULL, 0);
	community(&ctx, "https://community.example/");
	ctx.m.missing_key = "club.community_link";
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
}

/* Every host call that can fail, failing in turn: PPX_ERROR each time. */
static void
every_failure_is_an_error(void **state)
{
	struct ppx_ctx	ctx;
	int		calls, i;

	(void)state;
	ctx_init(&ctx, three, 3);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	calls = ctx.m.calls;
	assert_true(calls > 20);
	for (i = 1; i <= calls; i++) {
		ctx_init(&ctx, three, 3);
		ctx.m.fail_at = i;
		assert_int_equal(mock_render(&ctx), PPX_ERROR);
	}
	ctx_init(&ctx, NULL, 0);
	community(&ctx, "https://community.example/");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	calls = ctx.m.calls;
	for (i = 1; i <= calls; i++) {
		ctx_init(&ctx, NULL, 0);
		community(&ctx, "https://community.example/");
		ctx.m.fail_at = i;
		assert_int_equal(mock_render(&ctx), PPX_ERROR);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stages_served),
		cmocka_unit_test(three_clubs_nearest_first),
		cmocka_unit_test(unknown_postcode_falls_back),
		cmocka_unit_test(none_nearby_falls_back),
		cmocka_unit_test(no_fallback_no_data),
		cmocka_unit_test(bad_community_url_no_data),
		cmocka_unit_test(host_errors_are_errors),
		cmocka_unit_test(malformed_event_date_left_out),
		cmocka_unit_test(catalog_gaps),
		cmocka_unit_test(every_failure_is_an_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
