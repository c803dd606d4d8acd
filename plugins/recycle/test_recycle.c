/*
 * test_recycle.c - recycle.c alone, against a mock host-services table.
 *
 * The mock host records the tree the plugin builds and serialises it
 * without escaping, so a test sees exactly what the plugin handed over.
 * msg() appends <msg key=K> with text "K" plus "|n=N" per number;
 * code_issue() makes "RC-" followed by the item; code_link() prefixes
 * "https://ppx.example/v1/recycle/"; code_count() answers a set total.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <ppx/plugin.h>

extern const struct ppx_plugin ppx_plugin;

#define NODES_MAX	32
#define VAL_MAX		256
#define OUT_MAX		4096

struct ppx_node {
	char	 name[32];
	int	 parent;
	char	 attr[VAL_MAX];		/* ' a="v"' pairs */
	char	 text[VAL_MAX];
};

struct item {
	const char	*sku, *name, *category;
};

struct ppx_ctx {
	const char	*categories;	/* the setting, or NULL */
	const struct item *items;
	size_t		 nitems;
	int64_t		 total;
	int		 count_rc, issue_rc;
	int		 no_link;
	unsigned	 minor;

	struct ppx_node	 nodes[NODES_MAX];
	size_t		 nnodes;
	char		 strs[8][VAL_MAX];
	size_t		 nstrs;
	char		 issued[8][64];
	size_t		 nissued;
};

static const char *
keep(struct ppx_ctx *ctx, const char *s)
{
	assert_true(ctx->nstrs < 8);
	snprintf(ctx->strs[ctx->nstrs], VAL_MAX, "%s", s);
	return ctx->strs[ctx->nstrs++];
}

static size_t
m_item_count(struct ppx_ctx *ctx)
{
	return ctx->nitems;
}

static const char *
m_item_field(struct ppx_ctx *ctx, size_t i, const char *name)
{
	if (i >= ctx->nitems)
		return NULL;
	if (strcmp(name, "sku") == 0)
		return ctx->items[i].sku;
	if (strcmp(name, "name") == 0)
		return ctx->items[i].name;
	if (strcmp(name, "category") == 0)
		return ctx->items[i].category;
	return NULL;
}

static struct ppx_node *
add_node(struct ppx_ctx *ctx, int parent, const char *name)
{
	struct ppx_node *n;

	assert_true(ctx->nnodes < NODES_MAX);
	n = &ctx->nodes[ctx->nnodes++];
	memset(n, 0, sizeof(*n));
	snprintf(n->name, sizeof(n->name), "%s", name);
	n->parent = parent;
	return n;
}

static struct ppx_node *
m_root(struct ppx_ctx *ctx)
{
	return &ctx->nodes[0];
}

static struct ppx_node *
m_elem(struct ppx_ctx *ctx, struct ppx_node *parent, const char *name)
{
	return add_node(ctx, (int)(parent - ctx->nodes), name);
}

static int
m_attr(struct ppx_ctx *ctx, struct ppx_node *node, const char *name,
    const char *value)
{
	size_t len = strlen(node->attr);

	(void)ctx;
	snprintf(node->attr + len, VAL_MAX - len, " %s=\"%s\"", name, value);
	return PPX_OK;
}

static int
m_text(struct ppx_ctx *ctx, struct ppx_node *node, const char *text)
{
	(void)ctx;
	snprintf(node->text, VAL_MAX, "%s", text);
	return PPX_OK;
}

static int
m_msg(struct ppx_ctx *ctx, struct ppx_node *parent, const char *key,
    const struct ppx_arg *args, size_t nargs)
{
	struct ppx_node *m = m_elem(ctx, parent, "msg");
	size_t i, len;

	m_attr(ctx, m, "key", key);
	snprintf(m->text, VAL_MAX, "%s", key);
	for (i = 0; i < nargs; i++) {
		len = strlen(m->text);
		snprintf(m->text + len, VAL_MAX - len, "|%s=%.0f", args[i].name,
		    args[i].number);
	}
	return PPX_OK;
}

static void
m_log(struct ppx_ctx *ctx, int level, const char *fmt, ...)
{
	(void)ctx; (void)level; (void)fmt;
}

static const char *
m_setting(struct ppx_ctx *ctx, const char *key)
{
	assert_string_equal(key, "recycle.categories");
	return ctx->categories;
}

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
	*code = keep(ctx, buf);
	return PPX_OK;
}

static const char *
m_code_link(struct ppx_ctx *ctx, const char *kind, const char *code)
{
	char buf[VAL_MAX];

	assert_string_equal(kind, "recycle");
	if (ctx->no_link)
		return NULL;
	snprintf(buf, sizeof(buf), "https://ppx.example/v1/recycle/%s", code);
	return keep(ctx, buf);
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

static struct ppx_host host = {
	.abi_major = PPX_ABI_MAJOR,
	.abi_minor = PPX_ABI_MINOR,
	.size = sizeof(struct ppx_host),
	.item_count = m_item_count,
	.item_field = m_item_field,
	.root = m_root,
	.elem = m_elem,
	.attr = m_attr,
	.text = m_text,
	.msg = m_msg,
	.log = m_log,
	.setting = m_setting,
	.code_issue = m_code_issue,
	.code_link = m_code_link,
	.code_count = m_code_count,
};

static void
dump(const struct ppx_ctx *ctx, int at, char *out, size_t len)
{
	const struct ppx_node *n = &ctx->nodes[at];
	size_t i, o;

	o = strlen(out);
	snprintf(out + o, len - o, "<%s%s>%s", n->name, n->attr, n->text);
	for (i = 1; i < ctx->nnodes; i++)
		if (ctx->nodes[i].parent == at)
			dump(ctx, (int)i, out, len);
	o = strlen(out);
	snprintf(out + o, len - o, "</%s>", n->name);
}

static int
run(struct ppx_ctx *ctx, char *out)
{
	struct ppx_host h = host;
	int rc;

	if (ctx->minor != 0)
		h.abi_minor = ctx->minor - 1;
	add_node(ctx, -1, "touchpoint");
	rc = ppx_plugin.render(&h, ctx, NULL);
	out[0] = '\0';
	dump(ctx, 0, out, OUT_MAX);
	return rc;
}

static const struct item shoes = { "RUN-42", "Runner 42", "running-shoes" };
static const struct item socks = { "SOCK-1", "Socks", "socks" };
static const struct item trail = { "TRL-7", NULL, "Trail-Shoes" };

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
	struct item items[] = { shoes };
	struct ppx_ctx ctx = { .items = items, .nitems = 1 };
	char out[OUT_MAX];

	(void)state;
	assert_int_equal(run(&ctx, out), PPX_NODATA);
	assert_int_equal(ctx.nissued, 0);
}

static void
test_no_eligible_item_is_nodata(void **state)
{
	struct item items[] = { socks };
	struct ppx_ctx ctx = { .categories = "running-shoes", .items = items,
	    .nitems = 1 };
	char out[OUT_MAX];

	(void)state;
	assert_int_equal(run(&ctx, out), PPX_NODATA);
	assert_int_equal(ctx.nissued, 0);
	ctx.nnodes = 0;
	ctx.nitems = 0;
	assert_int_equal(run(&ctx, out), PPX_NODATA);
}

static void
test_eligible_item(void **state)
{
	struct item items[] = { socks, shoes };
	struct ppx_ctx ctx = { .categories = "running-shoes", .items = items,
	    .nitems = 2, .total = 12408 };
	char out[OUT_MAX];

	(void)state;
	assert_int_equal(run(&ctx, out), PPX_OK);
	assert_int_equal(ctx.nissued, 1);
	assert_string_equal(ctx.issued[0], "RUN-42");
	assert_string_equal(out, "<touchpoint>"
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
	struct item items[] = { shoes, socks, trail };
	struct ppx_ctx ctx = { .categories = " trail-shoes ,running-shoes",
	    .items = items, .nitems = 3, .no_link = 1 };
	char out[OUT_MAX];

	(void)state;
	assert_int_equal(run(&ctx, out), PPX_OK);
	assert_int_equal(ctx.nissued, 2);
	assert_string_equal(ctx.issued[0], "RUN-42");
	assert_string_equal(ctx.issued[1], "TRL-7");
	/* No link from the host: the code stands alone; no total yet. */
	assert_null(strstr(out, "<link"));
	assert_null(strstr(out, "<total"));
	assert_non_null(strstr(out, "<item><code>RC-TRL-7</code></item>"));
}

static void
test_partial_category_does_not_match(void **state)
{
	struct item items[] = { shoes };
	struct ppx_ctx ctx = { .categories = "running,shoes,running-shoes-x",
	    .items = items, .nitems = 1 };
	char out[OUT_MAX];

	(void)state;
	assert_int_equal(run(&ctx, out), PPX_NODATA);
}

static void
test_issue_failure_is_error(void **state)
{
	struct item items[] = { shoes };
	struct ppx_ctx ctx = { .categories = "running-shoes", .items = items,
	    .nitems = 1, .issue_rc = PPX_ERROR };
	char out[OUT_MAX];

	(void)state;
	assert_int_equal(run(&ctx, out), PPX_ERROR);
}

static void
test_count_failure_keeps_the_codes(void **state)
{
	struct item items[] = { shoes };
	struct ppx_ctx ctx = { .categories = "running-shoes", .items = items,
	    .nitems = 1, .total = 5, .count_rc = PPX_ERROR };
	char out[OUT_MAX];

	(void)state;
	assert_int_equal(run(&ctx, out), PPX_OK);
	assert_non_null(strstr(out, "<code>RC-RUN-42</code>"));
	assert_null(strstr(out, "<total"));
}

static void
test_old_host_is_refused(void **state)
{
	struct item items[] = { shoes };
	struct ppx_ctx ctx = { .categories = "running-shoes", .items = items,
	    .nitems = 1, .minor = 1 };	/* run() makes it minor 0 */
	char out[OUT_MAX];

	(void)state;
	assert_int_equal(run(&ctx, out), PPX_ERROR);
	assert_int_equal(ctx.nissued, 0);
}

static void
test_at_most_four_codes(void **state)
{
	struct item items[] = { shoes, shoes, shoes, shoes, shoes, shoes };
	struct ppx_ctx ctx = { .categories = "running-shoes", .items = items,
	    .nitems = 6, .no_link = 1 };
	char out[OUT_MAX];

	(void)state;
	assert_int_equal(run(&ctx, out), PPX_OK);
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
