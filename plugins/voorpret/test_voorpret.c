/*
 * test_voorpret.c - voorpret.c alone, against the mock host-services
 * table (tests/plugins/mock_host.h says what its services do).
 *
 * Its own service is content(): a small fixed tips table, which records
 * the keys it is asked and answers an unknown one with unknown_rc.  It
 * counts toward the mock's fail_at, like the tree and msg calls, so that
 * each can be made to fail to check that the plugin gives up cleanly.
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

#define ASKED_MAX	8

struct ppx_ctx {
	struct mock	 m;
	int		 unknown_rc;	/* content() for an unknown key */
	char		 asked[ASKED_MAX][64];	/* keys content() got */
	size_t		 nasked;
};
MOCK_CTX_FIRST;

static const struct mock_item runner = {
	"RUN-42", "Runner 42", "running-shoes",
	"https://cdn.shop.example/runner-42.jpg",
	"https://shop.example/p/runner-42", "1"
};

static const char *const rows_running[] = {
	"rs1", "rs2", "rs3", "rs4", "rs5", "rs6", NULL
};
static const char *const rows_trail[] = { "tr1", "tr2", "tr3", NULL };
static const char *const rows_default[] = { "d1", "d2", "d3", NULL };

static int
m_content(struct ppx_ctx *ctx, const char *dataset, const char *key,
    const char **out, size_t max, size_t *n)
{
	const char *const *rows;

	if (mock_fails(&ctx->m, MOCK_OWN))
		return PPX_ENOMEM;
	assert_string_equal(dataset, "tips");
	assert_true(ctx->nasked < ASKED_MAX);
	(void)snprintf(ctx->asked[ctx->nasked++], 64, "%s", key);
	*n = 0;
	if (strcmp(key, "running-shoes") == 0)
		rows = rows_running;
	else if (strcmp(key, "trail-shoes") == 0)
		rows = rows_trail;
	else if (strcmp(key, "default") == 0)
		rows = rows_default;
	else
		return ctx->unknown_rc;
	while (*n < max && rows[*n] != NULL) {
		out[*n] = rows[*n];
		(*n)++;
	}
	return PPX_OK;
}

/* --- helpers -------------------------------------------------------- */

/* A shipped order 1042 for Anne, two days out, one pair of Runner 42. */
static void
order_init(struct ppx_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	mock_init(&ctx->m);
	ctx->m.host.content = m_content;
	mock_order(&ctx->m, "id", "1042");
	mock_order(&ctx->m, "expected", "2026-11-25");
	mock_order(&ctx->m, "customer.first_name", "Anne");
	mock_items(&ctx->m, &runner, 1);
	ctx->m.stage = "shipped";
	ctx->m.days = 2;
	ctx->unknown_rc = PPX_ENOTFOUND;
}

/* The order's carrier and its tracking link. */
static void
carrier(struct ppx_ctx *ctx, const char *name, const char *tracking)
{
	mock_order(&ctx->m, "carrier.name", name);
	mock_order(&ctx->m, "carrier.tracking_url", tracking);
}

/* The attribute name of the first element called elem (which must be). */
static const char *
attr_of(const struct ppx_ctx *ctx, const char *elem, const char *name)
{
	return mock_attr(mock_find(&ctx->m, elem), name);
}

/* t starts with want. */
static void
assert_prefix(const char *t, const char *want)
{
	size_t	n = strlen(want);

	if (strlen(t) < n || memcmp(t, want, n) != 0)
		fail_msg("tree\n  %s\ndoes not start with\n  %s", t, want);
}

/* The tips shown, joined by commas, e.g. "rs2,rs3,rs4". */
static const char *
tips_shown(const struct ppx_ctx *ctx)
{
	static char	out[256];
	size_t		i;

	out[0] = '\0';
	for (i = 0; i < ctx->m.nnodes; i++) {
		if (strcmp(ctx->m.nodes[i].name, "tip") != 0)
			continue;
		if (out[0] != '\0')
			strcat(out, ",");
		strcat(out, ctx->m.nodes[i].text);
	}
	return out;
}

/* --- tests ---------------------------------------------------------- */

static void
test_descriptor(void **state)
{
	(void)state;
	assert_int_equal(ppx_plugin.abi_major, PPX_ABI_MAJOR);
	assert_int_equal(ppx_plugin.abi_minor, PPX_ABI_MINOR);
	assert_string_equal(ppx_plugin.name, "voorpret");
	assert_string_equal(ppx_plugin.stages[0], "ordered");
	assert_string_equal(ppx_plugin.stages[1], "shipped");
	assert_string_equal(ppx_plugin.stages[2], "out_for_delivery");
	assert_null(ppx_plugin.stages[3]);
	assert_null(ppx_plugin.init);
	assert_non_null(ppx_plugin.render);
	assert_null(ppx_plugin.fini);
}

static void
test_countdown(void **state)
{
	struct ppx_ctx	ctx;
	const char	*t;
	char		 want[MOCK_OUT];

	(void)state;
	order_init(&ctx);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_int_equal(ctx.m.nlogs, 0);
	t = mock_tree(&ctx.m);
	(void)snprintf(want, sizeof(want),
	    "<touchpoint>"
	    "<msg key=\"voorpret.intro\">voorpret.intro|first_name=Anne</msg>"
	    "<countdown days=\"2\">"
	    "<msg key=\"voorpret.countdown\">voorpret.countdown|days=2</msg>"
	    "</countdown>"
	    "<product>"
	    "<msg key=\"voorpret.product_heading\">voorpret.product_heading"
	    "</msg>"
	    "<name>Runner 42</name>"
	    "<image src=\"https://cdn.shop.example/runner-42.jpg\""
	    " alt=\"Runner 42\"></image>"
	    "<link href=\"tracked:product:https://shop.example/p/runner-42\">"
	    "</link>"
	    "</product>"
	    "<tips>"
	    "<msg key=\"voorpret.tips_heading\">voorpret.tips_heading</msg>");
	assert_prefix(t, want);
	assert_non_null(strstr(t, "</tips></touchpoint>"));
	assert_int_equal(mock_count(&ctx.m, "tip"), 3);
	assert_null(mock_find(&ctx.m, "headline"));
	assert_null(mock_find(&ctx.m, "delay"));
	/* dosed: not in a countdown */
	assert_null(mock_find(&ctx.m, "carrier"));
	assert_int_equal(ctx.nasked, 1);
	assert_string_equal(ctx.asked[0], "running-shoes");
}

static void
test_countdown_plural_and_anon(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	ctx.m.days = 1;
	mock_order(&ctx.m, "customer.first_name", "");
	ctx.m.stage = "ordered";
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_string_equal(attr_of(&ctx, "countdown", "days"), "1");
	assert_non_null(strstr(mock_tree(&ctx.m),
	    "<msg key=\"voorpret.countdown\">voorpret.countdown|days=1</msg>"));
	assert_string_equal(attr_of(&ctx, "msg", "key"),
	    "voorpret.intro_anon");
	assert_string_equal(mock_find(&ctx.m, "msg")->text,
	    "voorpret.intro_anon");

	order_init(&ctx);
	mock_order(&ctx.m, "customer.first_name", NULL);
	ctx.m.days = 365;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_string_equal(attr_of(&ctx, "msg", "key"),
	    "voorpret.intro_anon");
	assert_string_equal(attr_of(&ctx, "countdown", "days"), "365");
}

static void
test_today_out_for_delivery(void **state)
{
	struct ppx_ctx	ctx;
	const char	*t;

	(void)state;
	order_init(&ctx);
	ctx.m.stage = "out_for_delivery";
	ctx.m.days = 3;		/* early: the stage wins */
	carrier(&ctx, "PostNL", "https://postnl.example/t/3S123");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	t = mock_tree(&ctx.m);
	assert_prefix(t,
	    "<touchpoint><headline>"
	    "<msg key=\"voorpret.today\">voorpret.today</msg></headline>"
	    "<carrier><name>PostNL</name>"
	    "<link href=\"tracked:tracking:https://postnl.example/t/3S123\">"
	    "</link><msg key=\"voorpret.track\">voorpret.track</msg></carrier>"
	    "<product>");
	assert_null(mock_find(&ctx.m, "countdown"));
	assert_null(strstr(t, "voorpret.intro"));
	assert_int_equal(mock_count(&ctx.m, "tip"), 3);
}

static void
test_today_days_zero(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	ctx.m.days = 0;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_non_null(mock_find(&ctx.m, "headline"));
	assert_null(mock_find(&ctx.m, "countdown"));
	assert_null(mock_find(&ctx.m, "delay"));
	assert_null(mock_find(&ctx.m, "carrier")); /* the order has none */
	assert_non_null(mock_find(&ctx.m, "product"));
}

static void
test_delay(void **state)
{
	struct ppx_ctx	ctx;
	const struct ppx_node *delay;

	(void)state;
	order_init(&ctx);
	ctx.m.days = -3;
	carrier(&ctx, "PostNL", "https://postnl.example/t/3S123");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_null(mock_find(&ctx.m, "countdown"));
	assert_null(mock_find(&ctx.m, "headline"));
	assert_null(strstr(mock_tree(&ctx.m), "voorpret.intro"));
	delay = mock_find(&ctx.m, "delay");
	assert_string_equal(mock_attr(delay, "days_late"), "3");
	assert_prefix(mock_tree(&ctx.m),
	    "<touchpoint><delay days_late=\"3\">"
	    "<msg key=\"voorpret.delay\">voorpret.delay|days=3</msg>"
	    "<msg key=\"voorpret.delay_sorry\">voorpret.delay_sorry</msg>"
	    "<carrier><name>PostNL</name>"
	    "<link href=\"tracked:tracking:https://postnl.example/t/3S123\">"
	    "</link><msg key=\"voorpret.track\">voorpret.track</msg></carrier>"
	    "</delay><product>");
	/* The carrier sits inside the delay, not beside it. */
	assert_int_equal(mock_find(&ctx.m, "carrier")->parent,
	    (int)(delay - ctx.m.nodes));
}

static void
test_delay_without_carrier_or_bad_link(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	ctx.m.days = -1;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_non_null(strstr(mock_tree(&ctx.m),
	    "<msg key=\"voorpret.delay\">voorpret.delay|days=1</msg>"));
	assert_null(mock_find(&ctx.m, "carrier"));

	order_init(&ctx);
	ctx.m.days = -2;
	carrier(&ctx, "DHL", "javascript:alert(1)");
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_non_null(strstr(mock_tree(&ctx.m),
	    "<carrier><name>DHL</name></carrier>"));
	assert_null(strstr(mock_tree(&ctx.m), "javascript"));
	assert_null(strstr(mock_tree(&ctx.m), "voorpret.track"));
}

static void
test_no_expected_date(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	mock_order(&ctx.m, "expected", NULL);
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.m.nnodes, 0);
	assert_int_equal(ctx.m.calls, 0);
}

static void
test_unusable_expected_date(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	mock_order(&ctx.m, "expected", "2026-13-45");
	ctx.m.days_rc = PPX_EINVAL;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.m.nnodes, 0);
	assert_int_equal(ctx.m.nlogs, 1);
	assert_null(strstr(ctx.m.log, "2026"));	/* no order data logged */

	order_init(&ctx);
	ctx.m.days = 366;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.m.nnodes, 0);
	order_init(&ctx);
	ctx.m.days = -366;
	assert_int_equal(mock_render(&ctx), PPX_NODATA);
	order_init(&ctx);
	ctx.m.days = -365;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_string_equal(attr_of(&ctx, "delay", "days_late"), "365");
}

static void
test_no_items(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	mock_items(&ctx.m, NULL, 0);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_null(mock_find(&ctx.m, "product"));
	assert_string_equal(attr_of(&ctx, "countdown", "days"), "2");
	assert_int_equal(ctx.nasked, 1);
	assert_string_equal(ctx.asked[0], "default");
	assert_int_equal(mock_count(&ctx.m, "tip"), 3);
}

static void
test_item_without_fields(void **state)
{
	struct ppx_ctx	ctx;
	const struct mock_item bare = { "X-1", NULL, NULL, NULL, NULL,
	    "1" };
	const struct mock_item noimg = { "X-2", "Sok", "socks", NULL, NULL,
	    "2" };

	(void)state;
	order_init(&ctx);
	mock_items(&ctx.m, &bare, 1);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_null(mock_find(&ctx.m, "product"));
	assert_string_equal(ctx.asked[0], "default");

	order_init(&ctx);
	mock_items(&ctx.m, &noimg, 1);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_non_null(strstr(mock_tree(&ctx.m),
	    "<name>Sok</name></product>"));
	assert_null(mock_find(&ctx.m, "image"));
	assert_null(mock_find(&ctx.m, "link"));
}

static void
test_unknown_category_falls_back(void **state)
{
	struct ppx_ctx	ctx;
	const struct mock_item kite = { "K-1", "Vlieger", "kites",
	    "https://cdn.shop.example/k.jpg", "https://shop.example/k", "1" };
	int		rcs[] = { PPX_ENOTFOUND, PPX_OK, PPX_EINVAL };
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(rcs) / sizeof(rcs[0]); i++) {
		order_init(&ctx);
		mock_items(&ctx.m, &kite, 1);
		ctx.unknown_rc = rcs[i];
		assert_int_equal(mock_render(&ctx), PPX_OK);
		assert_int_equal(ctx.nasked, 2);
		assert_string_equal(ctx.asked[0], "kites");
		assert_string_equal(ctx.asked[1], "default");
		assert_int_equal(mock_count(&ctx.m, "tip"), 3);
		assert_non_null(strchr(tips_shown(&ctx), 'd'));
		assert_null(strstr(tips_shown(&ctx), "rs"));
	}
}

static void
test_tips_deterministic(void **state)
{
	struct ppx_ctx	ctx;
	char		first[MOCK_OUT], ids[12], seen[7] = "      ";
	const char	*t;
	int		i, differ = 0;
	char		 tip1[256];

	(void)state;
	order_init(&ctx);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	(void)snprintf(first, sizeof(first), "%s", mock_tree(&ctx.m));
	(void)snprintf(tip1, sizeof(tip1), "%s", tips_shown(&ctx));
	order_init(&ctx);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_string_equal(mock_tree(&ctx.m), first);

	/* Other orders: three consecutive rows (wrapping), all rows used. */
	for (i = 1; i < 60; i++) {
		order_init(&ctx);
		(void)snprintf(ids, sizeof(ids), "%d", i);
		mock_order(&ctx.m, "id", ids);
		assert_int_equal(mock_render(&ctx), PPX_OK);
		t = tips_shown(&ctx);
		assert_int_equal(strlen(t), 11);
		assert_int_equal((t[2] - '1' + 1) % 6, t[6] - '1');
		assert_int_equal((t[6] - '1' + 1) % 6, t[10] - '1');
		seen[t[2] - '1'] = 'x';
		if (strcmp(t, tip1) != 0)
			differ = 1;
	}
	assert_string_equal(seen, "xxxxxx");
	assert_true(differ);

	/* A missing id still renders, the same way every time. */
	order_init(&ctx);
	mock_order(&ctx.m, "id", NULL);
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_string_equal(tips_shown(&ctx), "rs1,rs2,rs3");

	/* Fewer rows than TIPS_SHOWN: all of them, once. */
	{
		const struct mock_item trail = { "T-1", "Trail 9",
		    "trail-shoes", NULL, NULL, "1" };

		order_init(&ctx);
		mock_items(&ctx.m, &trail, 1);
		assert_int_equal(mock_render(&ctx), PPX_OK);
		assert_int_equal(mock_count(&ctx.m, "tip"), 3);
		assert_non_null(strstr(tips_shown(&ctx), "tr1"));
		assert_non_null(strstr(tips_shown(&ctx), "tr2"));
		assert_non_null(strstr(tips_shown(&ctx), "tr3"));
	}
}

static void
test_hostile_data_unchanged(void **state)
{
	struct ppx_ctx	ctx;
	static const char evil[] =
	    "<script>alert(\"x\")</script> & 'Anne' ]]> <!-- \xe2\x80\xae";
	const struct mock_item bad = { "<sku>", evil, "../../etc/passwd",
	    "javascript:alert(1)", "javascript:alert(2)", "-1" };

	(void)state;
	order_init(&ctx);
	mock_items(&ctx.m, &bad, 1);
	mock_order(&ctx.m, "customer.first_name", evil);
	ctx.unknown_rc = PPX_EINVAL;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	assert_string_equal(mock_find(&ctx.m, "name")->text, evil);
	/* Neither URL makes it into the tree. */
	assert_null(mock_find(&ctx.m, "image"));
	assert_null(mock_find(&ctx.m, "link"));
	assert_null(strstr(mock_tree(&ctx.m), "javascript"));
	assert_string_equal(mock_find(&ctx.m, "msg")->text,
	    "voorpret.intro|first_name=<script>alert(\"x\")</script> & "
	    "'Anne' ]]> <!-- \xe2\x80\xae");
	assert_string_equal(ctx.asked[0], "../../etc/passwd");
	assert_string_equal(ctx.asked[1], "default");
	assert_int_equal(ctx.m.nlogs, 0);
}

static void
test_missing_catalog_keys(void **state)
{
	struct ppx_ctx	ctx;
	const char	*optional[] = { "voorpret.intro",
	    "voorpret.tips_heading", "voorpret.product_heading" };
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(optional) / sizeof(optional[0]); i++) {
		order_init(&ctx);
		ctx.m.missing_key = optional[i];
		assert_int_equal(mock_render(&ctx), PPX_OK);
		assert_null(strstr(mock_tree(&ctx.m), optional[i]));
		assert_non_null(mock_find(&ctx.m, "countdown"));
	}

	order_init(&ctx);
	ctx.m.missing_key = "voorpret.countdown";
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
	assert_string_equal(ctx.m.log, "catalog lacks voorpret.countdown\n");

	order_init(&ctx);
	ctx.m.days = -1;
	ctx.m.missing_key = "voorpret.delay_sorry";
	assert_int_equal(mock_render(&ctx), PPX_ERROR);

	order_init(&ctx);
	ctx.m.days = 0;
	ctx.m.missing_key = "voorpret.today";
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
}

/* Fail each counted service call in turn: always PPX_ERROR, no crash. */
static void
fail_each_call(struct ppx_ctx *base)
{
	struct ppx_ctx	ctx;
	int		k, total;

	ctx = *base;
	assert_int_equal(mock_render(&ctx), PPX_OK);
	total = ctx.m.calls;
	assert_true(total > 10);
	for (k = 1; k <= total; k++) {
		ctx = *base;
		ctx.m.fail_at = k;
		assert_int_equal(mock_render(&ctx), PPX_ERROR);
		assert_int_equal(ctx.m.calls, k);	/* gave up at once */
	}
}

static void
test_service_failures(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	fail_each_call(&ctx);

	order_init(&ctx);
	ctx.m.stage = "out_for_delivery";
	carrier(&ctx, "PostNL", "https://postnl.example/t/1");
	fail_each_call(&ctx);

	order_init(&ctx);
	ctx.m.days = -4;
	carrier(&ctx, "PostNL", "https://postnl.example/t/1");
	fail_each_call(&ctx);

	order_init(&ctx);
	ctx.m.days_rc = PPX_ENOMEM;
	assert_int_equal(mock_render(&ctx), PPX_ERROR);
	assert_int_equal(ctx.m.nnodes, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor),
		cmocka_unit_test(test_countdown),
		cmocka_unit_test(test_countdown_plural_and_anon),
		cmocka_unit_test(test_today_out_for_delivery),
		cmocka_unit_test(test_today_days_zero),
		cmocka_unit_test(test_delay),
		cmocka_unit_test(test_delay_without_carrier_or_bad_link),
		cmocka_unit_test(test_no_expected_date),
		cmocka_unit_test(test_unusable_expected_date),
		cmocka_unit_test(test_no_items),
		cmocka_unit_test(test_item_without_fields),
		cmocka_unit_test(test_unknown_category_falls_back),
		cmocka_unit_test(test_tips_deterministic),
		cmocka_unit_test(test_hostile_data_unchanged),
		cmocka_unit_test(test_missing_catalog_keys),
		cmocka_unit_test(test_service_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
