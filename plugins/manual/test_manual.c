/*
 * test_manual.c - manual.c alone, against the mock host-services table
 * (tests/plugins/mock_host.h says what its services do).
 *
 * Its own service is feed(): it serves a field list the test chooses, or
 * a return code (PPX_EAGAIN, PPX_ENOTFOUND, …), and records the feed and
 * key it was asked for.  Of the mock's services only elem() is made to
 * fail, one call after the other.
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
	struct mock		 m;
	const struct ppx_field	*fields;
	size_t			 nfields;
	int			 feed_rc;
	char			 asked_feed[32], asked_key[32];
};
MOCK_CTX_FIRST;

static int
m_feed(struct ppx_ctx *ctx, const char *feed, const char *key,
    struct ppx_field *out, size_t max, size_t *n)
{
	size_t i;

	snprintf(ctx->asked_feed, sizeof(ctx->asked_feed), "%s", feed);
	snprintf(ctx->asked_key, sizeof(ctx->asked_key), "%s", key);
	*n = 0;
	if (ctx->feed_rc != PPX_OK)
		return ctx->feed_rc;
	for (i = 0; i < ctx->nfields && i < max; i++)
		out[i] = ctx->fields[i];
	*n = i;
	return PPX_OK;
}

static const struct ppx_field full[] = {
	{ "title", "Runner 42 quick start" },
	{ "cover.url", "https://cdn.example/c.jpg" },
	{ "cover.width", "600" },
	{ "cover.height", "800" },
	{ "steps", "one" }, { "steps", "two" }, { "steps", "three" },
	{ "steps", "four" },
	{ "pdf", "https://shop.example/m.pdf" },
};

/* An order of one Runner 42 at stage, whose record in the feed is full. */
static void
init(struct ppx_ctx *ctx, const char *stage)
{
	static const struct mock_item runner = {
		.sku = "RUN-42",
		.name = "Runner 42",
	};

	memset(ctx, 0, sizeof(*ctx));
	mock_init(&ctx->m);
	ctx->m.host.feed = m_feed;
	ctx->m.fail_only = MOCK_ELEM;
	ctx->m.stage = stage;
	mock_order(&ctx->m, "id", "1042");
	mock_items(&ctx->m, &runner, 1);
	ctx->fields = full;
	ctx->nfields = sizeof(full) / sizeof(full[0]);
}

static void
test_descriptor(void **state)
{
	(void)state;
	assert_int_equal(ppx_plugin.abi_major, PPX_ABI_MAJOR);
	assert_string_equal(ppx_plugin.name, "manual");
	assert_string_equal(ppx_plugin.stages[0], "shipped");
	assert_string_equal(ppx_plugin.stages[1], "out_for_delivery");
	assert_string_equal(ppx_plugin.stages[2], "delivered");
	assert_null(ppx_plugin.stages[3]);
}

static void
test_full_record(void **state)
{
	struct ppx_ctx ctx;
	const char *out;

	(void)state;
	init(&ctx, "shipped");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_string_equal(ctx.asked_feed, "manual");
	assert_string_equal(ctx.asked_key, "RUN-42");
	out = mock_tree(&ctx.m);
	assert_string_equal(out, "<touchpoint>"
	    "<msg key=\"manual.heading\">manual.heading</msg>"
	    "<msg key=\"manual.intro\">manual.intro|product=Runner 42</msg>"
	    "<title>Runner 42 quick start</title>"
	    "<cover src=\"https://cdn.example/c.jpg\" width=\"160\""
	    " height=\"213\">"
	    "<msg key=\"manual.cover_alt\">manual.cover_alt</msg></cover>"
	    "<steps><msg key=\"manual.steps_heading\">manual.steps_heading"
	    "</msg>"
	    "<step>one</step><step>two</step><step>three</step></steps>"
	    "<pdf href=\"tracked:manual:https://shop.example/m.pdf\">"
	    "<msg key=\"manual.pdf\">manual.pdf</msg></pdf>"
	    "</touchpoint>");
}

static void
test_delivered_and_anonymous(void **state)
{
	struct ppx_ctx ctx;
	const char *out;

	(void)state;
	init(&ctx, "delivered");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	out = mock_tree(&ctx.m);
	assert_non_null(strstr(out, "manual.intro_delivered|product=Runner 42"));

	init(&ctx, "shipped");
	ctx.m.items[0].name = NULL;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	out = mock_tree(&ctx.m);
	assert_non_null(strstr(out, "<msg key=\"manual.intro_anon\">"));
	assert_null(strstr(out, "product="));
}

static void
test_minimal_record(void **state)
{
	static const struct ppx_field minimal[] = {
		{ "title", "T" },
		{ "cover.url", "javascript:alert(1)" },
		{ "cover.width", "100" }, { "cover.height", "100" },
		{ "pdf", "https://shop.example/m.pdf" },
	};
	struct ppx_ctx ctx;
	const char *out;

	(void)state;
	init(&ctx, "shipped");
	ctx.fields = minimal;
	ctx.nfields = sizeof(minimal) / sizeof(minimal[0]);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	out = mock_tree(&ctx.m);
	/* no cover from a non-web URL, no steps block without steps */
	assert_null(strstr(out, "<cover"));
	assert_null(strstr(out, "<steps"));
	assert_non_null(strstr(out, "<title>T</title>"));
}

static void
test_cover_needs_a_sane_size(void **state)
{
	static const struct ppx_field f[] = {
		{ "title", "T" }, { "cover.url", "https://c.example/c.jpg" },
		{ "cover.width", "-5" }, { "cover.height", "100" },
		{ "pdf", "https://shop.example/m.pdf" },
	};
	struct ppx_ctx ctx;
	const char *out;

	(void)state;
	init(&ctx, "shipped");
	ctx.fields = f;
	ctx.nfields = sizeof(f) / sizeof(f[0]);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	out = mock_tree(&ctx.m);
	assert_null(strstr(out, "<cover"));
}

static void
test_feed_codes(void **state)
{
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "shipped");
	ctx.feed_rc = PPX_EAGAIN;
	assert_int_equal(mock_render(&ctx), PPX_EAGAIN);
	assert_int_equal(ctx.m.nnodes, 0);	/* nothing half built */
	init(&ctx, "shipped");
	ctx.feed_rc = PPX_ENOTFOUND;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	init(&ctx, "shipped");
	ctx.feed_rc = PPX_EINVAL;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	init(&ctx, "shipped");
	ctx.feed_rc = PPX_ENOMEM;
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
}

static void
test_nodata(void **state)
{
	static const struct ppx_field no_pdf[] = { { "title", "T" } };
	static const struct ppx_field bad_pdf[] = {
		{ "title", "T" }, { "pdf", "ftp://x.example/m.pdf" },
	};
	static const struct ppx_field no_title[] = {
		{ "pdf", "https://shop.example/m.pdf" },
	};
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "shipped");
	ctx.m.items[0].sku = NULL;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_string_equal(ctx.asked_feed, "");	/* never asked */
	init(&ctx, "shipped");
	ctx.fields = no_pdf;
	ctx.nfields = 1;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	init(&ctx, "shipped");
	ctx.fields = bad_pdf;
	ctx.nfields = 2;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	init(&ctx, "shipped");
	ctx.fields = no_title;
	ctx.nfields = 1;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
}

static void
test_builder_failure(void **state)
{
	struct ppx_ctx ctx;
	int i;

	(void)state;
	for (i = 1; i <= 4; i++) {
		init(&ctx, "shipped");
		ctx.m.fail_at = i;
		assert_int_equal(mock_render(&ctx), PPX_ERROR);
	}
}

static void
test_old_host(void **state)
{
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "shipped");
	ctx.m.host.abi_minor = 0;
	ctx.m.host.size = offsetof(struct ppx_host, setting);
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_string_equal(ctx.asked_feed, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor),
		cmocka_unit_test(test_full_record),
		cmocka_unit_test(test_delivered_and_anonymous),
		cmocka_unit_test(test_minimal_record),
		cmocka_unit_test(test_cover_needs_a_sane_size),
		cmocka_unit_test(test_feed_codes),
		cmocka_unit_test(test_nodata),
		cmocka_unit_test(test_builder_failure),
		cmocka_unit_test(test_old_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
