/*
 * test_share.c - share.c alone, against the mock host-services table
 * (tests/plugins/mock_host.h says what its services do).
 *
 * share needs nothing of its own from the host: the test sets the item,
 * the customer's first name and the UTM settings, makes link() refuse
 * one kind on request, and the mock's tree and msg calls fail in turn
 * to check that the plugin gives up cleanly.
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
};
MOCK_CTX_FIRST;

/* --- helpers -------------------------------------------------------- */

/* Anne's order of one Runner 42; the brand has no UTM settings. */
static void
order_init(struct ppx_ctx *ctx)
{
	static const struct mock_item runner = {
		.name = "Runner 42",
		.image = "https://cdn.shop.example/runner-42.jpg",
		.url = "https://shop.example/p/runner-42",
	};

	memset(ctx, 0, sizeof(*ctx));
	mock_init(&ctx->m);
	mock_order(&ctx->m, "id", "1042");
	mock_order(&ctx->m, "customer.first_name", "Anne");
	mock_items(&ctx->m, &runner, 1);
	/* The only settings share may ask for. */
	mock_setting(&ctx->m, "share.utm_source", NULL);
	mock_setting(&ctx->m, "share.utm_medium", NULL);
	mock_setting(&ctx->m, "share.utm_campaign", NULL);
}

static void
assert_contains(const char *t, const char *want)
{
	if (strstr(t, want) == NULL)
		fail_msg("tree\n  %s\ndoes not contain\n  %s", t, want);
}

/* The href of the network id's link, or NULL. */
static const char *
network_href(const struct ppx_ctx *ctx, const char *id)
{
	size_t	i, j;

	for (i = 0; i < ctx->m.nnodes; i++) {
		if (strcmp(ctx->m.nodes[i].name, "network") != 0 ||
		    strcmp(ctx->m.nodes[i].attr_val[0], id) != 0)
			continue;
		for (j = i + 1; j < ctx->m.nnodes; j++)
			if (ctx->m.nodes[j].parent == (int)i &&
			    strcmp(ctx->m.nodes[j].name, "link") == 0)
				return ctx->m.nodes[j].attr_val[0];
	}
	return NULL;
}

/* --- tests ---------------------------------------------------------- */

static void
test_descriptor(void **state)
{
	(void)state;
	assert_int_equal(ppx_plugin.abi_major, PPX_ABI_MAJOR);
	assert_int_equal(ppx_plugin.abi_minor, PPX_ABI_MINOR);
	assert_string_equal(ppx_plugin.name, "share");
	assert_string_equal(ppx_plugin.stages[0], "delivered");
	assert_string_equal(ppx_plugin.stages[1], "picked_up");
	assert_null(ppx_plugin.stages[2]);
	assert_null(ppx_plugin.init);
	assert_null(ppx_plugin.fini);
}

static void
test_full_tree(void **state)
{
	struct ppx_ctx	ctx;
	const char	*t;

	(void)state;
	order_init(&ctx);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	t = mock_tree(&ctx.m);
	assert_contains(t, "<touchpoint><msg key=\"share.heading\">share.heading"
	    "</msg><msg key=\"share.intro\">share.intro|first_name=Anne</msg>"
	    "<product><name>Runner 42</name><image src=\"https://cdn.shop."
	    "example/runner-42.jpg\" alt=\"Runner 42\"></image><link href=\""
	    "tracked:product:https://shop.example/p/runner-42\"></link>"
	    "</product><networks><msg key=\"share.networks_heading\">");
	assert_int_equal(mock_count(&ctx.m, "network"), 6);
	assert_contains(t, "<network id=\"facebook\"><link href=\"tracked:"
	    "share-facebook:https://www.facebook.com/sharer/sharer.php?u="
	    "https%3A%2F%2Fshop.example%2Fp%2Frunner-42%3Futm_source%3D"
	    "facebook%26utm_medium%3Dsocial%26utm_campaign%3Dshare\"></link>"
	    "<msg key=\"share.facebook\">share.facebook</msg></network>");
	assert_string_equal(network_href(&ctx, "x"), "tracked:share-x:"
	    "https://x.com/intent/tweet?url=https%3A%2F%2Fshop.example%2Fp%2F"
	    "runner-42%3Futm_source%3Dx%26utm_medium%3Dsocial%26utm_campaign"
	    "%3Dshare&text=Runner%2042");
	assert_string_equal(network_href(&ctx, "whatsapp"),
	    "tracked:share-whatsapp:https://wa.me/?text=Runner%2042%20https"
	    "%3A%2F%2Fshop.example%2Fp%2Frunner-42%3Futm_source%3Dwhatsapp"
	    "%26utm_medium%3Dsocial%26utm_campaign%3Dshare");
	assert_string_equal(network_href(&ctx, "pinterest"),
	    "tracked:share-pinterest:https://pinterest.com/pin/create/button/"
	    "?url=https%3A%2F%2Fshop.example%2Fp%2Frunner-42%3Futm_source%3D"
	    "pinterest%26utm_medium%3Dsocial%26utm_campaign%3Dshare&media="
	    "https%3A%2F%2Fcdn.shop.example%2Frunner-42.jpg&description="
	    "Runner%2042");
	assert_string_equal(network_href(&ctx, "linkedin"),
	    "tracked:share-linkedin:https://www.linkedin.com/sharing/"
	    "share-offsite/?url=https%3A%2F%2Fshop.example%2Fp%2Frunner-42"
	    "%3Futm_source%3Dlinkedin%26utm_medium%3Dsocial%26utm_campaign"
	    "%3Dshare");
	assert_string_equal(network_href(&ctx, "email"),
	    "tracked:share-email:mailto:?subject=Runner%2042&body=Runner%2042"
	    "%20https%3A%2F%2Fshop.example%2Fp%2Frunner-42%3Futm_source%3D"
	    "email%26utm_medium%3Dsocial%26utm_campaign%3Dshare");
}

static void
test_brand_utm_settings(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	mock_setting(&ctx.m, "share.utm_source", "ppx mail");
	mock_setting(&ctx.m, "share.utm_medium", "e&mail");
	mock_setting(&ctx.m, "share.utm_campaign", "herfst/2026");
	ctx.m.items[0].url = "https://shop.example/p/runner-42?size=42#reviews";
	assert_int_equal(mock_render(&ctx), PPX_OK);
	/* Added to the query, before the fragment; values encoded twice:
	 * once in the product URL, once as the share parameter. */
	assert_string_equal(network_href(&ctx, "facebook"),
	    "tracked:share-facebook:https://www.facebook.com/sharer/sharer.php"
	    "?u=https%3A%2F%2Fshop.example%2Fp%2Frunner-42%3Fsize%3D42%26"
	    "utm_source%3Dppx%2520mail%26utm_medium%3De%2526mail%26"
	    "utm_campaign%3Dherfst%252F2026%23reviews");

	/* Too long to be a UTM value: the default. */
	order_init(&ctx);
	{
		static char longer[130];	/* 129 bytes: one past the cap */

		memset(longer, 'm', sizeof(longer) - 1);
		mock_setting(&ctx.m, "share.utm_medium", longer);
	}
	mock_setting(&ctx.m, "share.utm_campaign", "");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_contains(network_href(&ctx, "linkedin"),
	    "utm_medium%3Dsocial%26utm_campaign%3Dshare");

	/* A 1.0 host has no settings: defaults, no call. */
	order_init(&ctx);
	ctx.m.host.abi_minor = 0;
	mock_setting(&ctx.m, "share.utm_source", "never");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_contains(network_href(&ctx, "x"), "utm_source%3Dx%26");
}

static void
test_anon_and_no_name_or_image(void **state)
{
	struct ppx_ctx	ctx;
	const char	*t;

	(void)state;
	order_init(&ctx);
	mock_order(&ctx.m, "customer.first_name", NULL);
	ctx.m.items[0].name = NULL;
	ctx.m.items[0].image = "javascript:alert(1)";
	assert_int_equal(mock_render(&ctx), PPX_OK);
	t = mock_tree(&ctx.m);
	assert_contains(t, "<msg key=\"share.intro_anon\">share.intro_anon"
	    "</msg><product><link href=\"tracked:product:https://shop.example"
	    "/p/runner-42\"></link></product>");
	assert_null(strstr(t, "<image"));
	assert_null(strstr(t, "<name"));
	assert_string_equal(network_href(&ctx, "whatsapp"),
	    "tracked:share-whatsapp:https://wa.me/?text=https%3A%2F%2F"
	    "shop.example%2Fp%2Frunner-42%3Futm_source%3Dwhatsapp%26"
	    "utm_medium%3Dsocial%26utm_campaign%3Dshare");
	assert_contains(network_href(&ctx, "pinterest"), "&media=&description=");
}

static void
test_nothing_to_share(void **state)
{
	static const char *const bad[] = {
		NULL, "", "javascript:alert(1)", "mailto:a@example.org",
		"ftp://shop.example/p", "/p/runner-42", NULL
	};
	struct ppx_ctx	ctx;
	size_t		i;

	(void)state;
	order_init(&ctx);
	ctx.m.nitems = 0;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.m.nnodes, 0);
	for (i = 0; i == 0 || bad[i] != NULL; i++) {
		order_init(&ctx);
		ctx.m.items[0].url = bad[i];
		assert_int_equal(mock_render(&ctx), PPX_NODATA);
		assert_int_equal(ctx.m.nnodes, 0);
	}
}

static void
test_refused_links(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	/* One network the host will not link: the others stay. */
	order_init(&ctx);
	ctx.m.refuse_kind = "share-pinterest";
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_int_equal(mock_count(&ctx.m, "network"), 5);
	assert_null(network_href(&ctx, "pinterest"));
	assert_non_null(network_href(&ctx, "email"));

	/* A product URL too long to share: nothing to say. */
	order_init(&ctx);
	{
		static char url[1100];

		memset(url, 'a', sizeof(url) - 1);
		memcpy(url, "https://shop.example/", 21);
		ctx.m.items[0].url = url;
		assert_int_equal(mock_render(&ctx), PPX_NODATA);
		assert_contains(ctx.m.log, "share link too long");
	}
}

static void
test_missing_catalog_keys(void **state)
{
	static const char *const required[] = {
		"share.heading", "share.networks_heading", "share.facebook",
		"share.email", NULL
	};
	struct ppx_ctx	ctx;
	size_t		i;

	(void)state;
	for (i = 0; required[i] != NULL; i++) {
		order_init(&ctx);
		ctx.m.missing_key = required[i];
		assert_int_equal(mock_render(&ctx), PPX_ERROR);
		assert_non_null(strstr(ctx.m.log, required[i]));
	}
	order_init(&ctx);
	ctx.m.missing_key = "share.intro";
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_null(strstr(mock_tree(&ctx.m), "share.intro"));
}

/* Every counted host call, made to fail in turn: PPX_ERROR at once. */
static void
test_service_failures(void **state)
{
	struct ppx_ctx	base, ctx;
	int		total, k;

	(void)state;
	order_init(&base);
	ctx = base;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	total = ctx.m.calls;
	assert_true(total > 20);
	for (k = 1; k <= total; k++) {
		ctx = base;
		ctx.m.fail_at = k;
		assert_int_equal(mock_render(&ctx), PPX_ERROR);
		assert_int_equal(ctx.m.calls, k);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor),
		cmocka_unit_test(test_full_tree),
		cmocka_unit_test(test_brand_utm_settings),
		cmocka_unit_test(test_anon_and_no_name_or_image),
		cmocka_unit_test(test_nothing_to_share),
		cmocka_unit_test(test_refused_links),
		cmocka_unit_test(test_missing_catalog_keys),
		cmocka_unit_test(test_service_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
