/*
 * test_recycle.c - recycle.c alone, against the mock host-services
 * table (tests/plugins/mock_host.h says what its services do).
 *
 * Its own services are the codes: code_issue() makes "RC-" followed by
 * the item and records the items it was asked for; code_link() prefixes
 * "https://ppx.example/v1/recycle/" (or gives no link); code_count()
 * answers a set total.  The one setting recycle may ask for is
 * "recycle.categories".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <ppx/plugin.h>

#include "mock_host.h"

struct ppx_ctx {
	struct mock	 m;
	int64_t		 total;
	int		 count_rc, issue_rc;
	int		 no_link;
	char		 issued[8][64];
	size_t		 nissued;
};
MOCK_CTX_FIRST;

static int
m_code_issue(struct ppx_ctx *ctx, const char *kind, const char *item,
    const char **code)
{
	char buf[64];

	assert_string_equal(kind, "recycle");
	if (ctx->issue_rc != PPX_OK)
		return ctx->issue_rc;
	assert_true(ctx->nissued < 8);
	snprintf(ctx->issued[ctx->nissued++], 64, "%s", item);
	snprintf(buf, sizeof(buf), "RC-%s", item);
	*code = mock_keep(&ctx->m, buf);
	return PPX_OK;
}

static const char *
m_code_link(struct ppx_ctx *ctx, const char *kind, const char *code)
{
	char buf[MOCK_VAL];

	assert_string_equal(kind, "recycle");
	if (ctx->no_link)
		return NULL;
	snprintf(buf, sizeof(buf), "https://ppx.example/v1/recycle/%s", code);
	return mock_keep(&ctx->m, buf);
}

static int
m_code_count(struct ppx_ctx *ctx, const char *kind, const char *state,
    int64_t *n)
{
	assert_string_equal(kind, "recycle");
	assert_string_equal(state, "received");
	*n = ctx->total;
	return ctx->count_rc;
}

/* An order of items[0 .. n - 1]; the brand recycles categories. */
static void
init(struct ppx_ctx *ctx, const char *categories,
    const struct mock_item *items, size_t n)
{
	memset(ctx, 0, sizeof(*ctx));
	mock_init(&ctx->m);
	ctx->m.host.code_issue = m_code_issue;
	ctx->m.host.code_link = m_code_link;
	ctx->m.host.code_count = m_code_count;
	mock_setting(&ctx->m, "recycle.categories", categories);
	mock_items(&ctx->m, items, n);
}

static const struct mock_item shoes = { .sku = "RUN-42",
    .name = "Runner 42", .category = "running-shoes" };
static const struct mock_item socks = { .sku = "SOCK-1", .name = "Socks",
    .category = "socks" };
static const struct mock_item trail = { .sku = "TRL-7",
    .category = "Trail-Shoes" };

static void
test_descriptor(void **state)
{
	(void)state;
	assert_int_equal(ppx_plugin.abi_major, PPX_ABI_MAJOR);
	assert_string_equal(ppx_plugin.name, "recycle");
	assert_string_equal(ppx_plugin.stages[0], "delivered");
	assert_null(ppx_plugin.stages[1]);
}

static void
test_no_setting_is_nodata(void **state)
{
	struct mock_item items[] = { shoes };
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, NULL, items, 1);
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.nissued, 0);
}

static void
test_no_eligible_item_is_nodata(void **state)
{
	struct mock_item items[] = { socks };
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "running-shoes", items, 1);
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.nissued, 0);
	ctx.m.nnodes = 0;
	ctx.m.nitems = 0;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
}

static void
test_eligible_item(void **state)
{
	struct mock_item items[] = { socks, shoes };
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "running-shoes", items, 2);
	ctx.total = 12408;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_int_equal(ctx.nissued, 1);
	assert_string_equal(ctx.issued[0], "RUN-42");
	assert_string_equal(mock_tree(&ctx.m), "<touchpoint>"
	    "<msg key=\"recycle.heading\">recycle.heading</msg>"
	    "<msg key=\"recycle.intro\">recycle.intro</msg>"
	    "<item><name>Runner 42</name><code>RC-RUN-42</code>"
	    "<link href=\"https://ppx.example/v1/recycle/RC-RUN-42\"></link>"
	    "</item>"
	    "<msg key=\"recycle.cta\">recycle.cta</msg>"
	    "<total n=\"12408\"><msg key=\"recycle.total\">"
	    "recycle.total|n=12408</msg></total>"
	    "</touchpoint>");
}

static void
test_category_list_is_trimmed_and_caseless(void **state)
{
	struct mock_item items[] = { shoes, socks, trail };
	struct ppx_ctx ctx;
	const char *out;

	(void)state;
	init(&ctx, " trail-shoes ,running-shoes", items, 3);
	ctx.no_link = 1;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_int_equal(ctx.nissued, 2);
	assert_string_equal(ctx.issued[0], "RUN-42");
	assert_string_equal(ctx.issued[1], "TRL-7");
	/* No link from the host: the code stands alone; no total yet. */
	out = mock_tree(&ctx.m);
	assert_null(strstr(out, "<link"));
	assert_null(strstr(out, "<total"));
	assert_non_null(strstr(out, "<item><code>RC-TRL-7</code></item>"));
}

static void
test_partial_category_does_not_match(void **state)
{
	struct mock_item items[] = { shoes };
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "running,shoes,running-shoes-x", items, 1);
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
}

static void
test_issue_failure_is_error(void **state)
{
	struct mock_item items[] = { shoes };
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "running-shoes", items, 1);
	ctx.issue_rc = PPX_ERROR;
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
}

static void
test_count_failure_keeps_the_codes(void **state)
{
	struct mock_item items[] = { shoes };
	struct ppx_ctx ctx;
	const char *out;

	(void)state;
	init(&ctx, "running-shoes", items, 1);
	ctx.total = 5;
	ctx.count_rc = PPX_ERROR;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	out = mock_tree(&ctx.m);
	assert_non_null(strstr(out, "<code>RC-RUN-42</code>"));
	assert_null(strstr(out, "<total"));
}

static void
test_old_host_is_refused(void **state)
{
	struct mock_item items[] = { shoes };
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "running-shoes", items, 1);
	ctx.m.host.abi_minor = 0;
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
	assert_int_equal(ctx.nissued, 0);
}

static void
test_at_most_four_codes(void **state)
{
	struct mock_item items[] = { shoes, shoes, shoes, shoes, shoes, shoes };
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "running-shoes", items, 6);
	ctx.no_link = 1;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_int_equal(ctx.nissued, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor),
		cmocka_unit_test(test_no_setting_is_nodata),
		cmocka_unit_test(test_no_eligible_item_is_nodata),
		cmocka_unit_test(test_eligible_item),
		cmocka_unit_test(test_category_list_is_trimmed_and_caseless),
		cmocka_unit_test(test_partial_category_does_not_match),
		cmocka_unit_test(test_issue_failure_is_error),
		cmocka_unit_test(test_count_failure_keeps_the_codes),
		cmocka_unit_test(test_old_host_is_refused),
		cmocka_unit_test(test_at_most_four_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
