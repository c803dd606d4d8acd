/*
 * test_manual.c - manual.c alone, against a mock host-services table.
 *
 * The mock records the tree the plugin builds as one line of text,
 * "<name a=v>text</name>" nested, without escaping, so a test compares
 * exactly what the plugin handed over.  feed() serves a field list the
 * test chooses, or a return code (PPX_EAGAIN, PPX_ENOTFOUND, …); msg()
 * appends <msg key=K> with "K|arg=value"; link() prefixes "tracked:".
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
#define OUT_MAX		4096

struct ppx_node {
	char	 name[32];
	int	 parent;
	char	 attrs[256];
	char	 text[512];
};

struct ppx_ctx {
	const char		*stage;
	const char		*sku, *item_name;
	const struct ppx_field	*fields;
	size_t			 nfields;
	int			 feed_rc;
	char			 asked_feed[32], asked_key[32];
	struct ppx_node		 nodes[NODES_MAX];
	size_t			 nnodes;
	char			 links[4][256];
	size_t			 nlinks;
	int			 fail_elem_at;	/* 0: never */
	int			 elems;
};

static const char *
m_order_field(struct ppx_ctx *ctx, const char *path)
{
	(void)ctx;
	return strcmp(path, "id") == 0 ? "1042" : NULL;
}

static size_t
m_item_count(struct ppx_ctx *ctx)
{
	return ctx->sku != NULL || ctx->item_name != NULL ? 1 : 0;
}

static const char *
m_item_field(struct ppx_ctx *ctx, size_t i, const char *name)
{
	if (i != 0)
		return NULL;
	if (strcmp(name, "sku") == 0)
		return ctx->sku;
	if (strcmp(name, "name") == 0)
		return ctx->item_name;
	return NULL;
}

static const char *
m_brand(struct ppx_ctx *ctx)
{
	(void)ctx;
	return "demo";
}

static const char *
m_stage(struct ppx_ctx *ctx)
{
	return ctx->stage;
}

static const char *
m_lang(struct ppx_ctx *ctx)
{
	(void)ctx;
	return "nl";
}

static struct ppx_node *
new_node(struct ppx_ctx *ctx, int parent, const char *name)
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
	if (ctx->nnodes == 0)
		(void)new_node(ctx, -1, "touchpoint");
	return &ctx->nodes[0];
}

static struct ppx_node *
m_elem(struct ppx_ctx *ctx, struct ppx_node *parent, const char *name)
{
	if (++ctx->elems == ctx->fail_elem_at)
		return NULL;
	return new_node(ctx, (int)(parent - ctx->nodes), name);
}

static int
m_attr(struct ppx_ctx *ctx, struct ppx_node *node, const char *name,
    const char *value)
{
	size_t len = strlen(node->attrs);

	(void)ctx;
	snprintf(node->attrs + len, sizeof(node->attrs) - len, " %s=%s", name,
	    value);
	return PPX_OK;
}

static int
m_text(struct ppx_ctx *ctx, struct ppx_node *node, const char *text)
{
	(void)ctx;
	snprintf(node->text, sizeof(node->text), "%s", text);
	return PPX_OK;
}

static int
m_msg(struct ppx_ctx *ctx, struct ppx_node *parent, const char *key,
    const struct ppx_arg *args, size_t nargs)
{
	struct ppx_node *n = new_node(ctx, (int)(parent - ctx->nodes), "msg");
	size_t i, len;

	snprintf(n->attrs, sizeof(n->attrs), " key=%s", key);
	len = (size_t)snprintf(n->text, sizeof(n->text), "%s", key);
	for (i = 0; i < nargs; i++)
		len += (size_t)snprintf(n->text + len, sizeof(n->text) - len,
		    "|%s=%s", args[i].name, args[i].text);
	return PPX_OK;
}

static int64_t
m_now(struct ppx_ctx *ctx)
{
	(void)ctx;
	return 1795392000;
}

static int
m_days_until(struct ppx_ctx *ctx, const char *iso, long *days)
{
	(void)ctx; (void)iso;
	*days = 0;
	return PPX_OK;
}

static void
m_log(struct ppx_ctx *ctx, int level, const char *fmt, ...)
{
	(void)ctx; (void)level; (void)fmt;
}

static const char *
m_link(struct ppx_ctx *ctx, const char *url, const char *kind)
{
	char *l;

	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return NULL;
	assert_true(ctx->nlinks < 4);
	l = ctx->links[ctx->nlinks++];
	snprintf(l, 256, "tracked:%s:%s", kind, url);
	return l;
}

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

static const struct ppx_host host = {
	.abi_major = PPX_ABI_MAJOR,
	.abi_minor = PPX_ABI_MINOR,
	.size = sizeof(struct ppx_host),
	.order_field = m_order_field,
	.item_count = m_item_count,
	.item_field = m_item_field,
	.brand = m_brand,
	.stage = m_stage,
	.lang = m_lang,
	.root = m_root,
	.elem = m_elem,
	.attr = m_attr,
	.text = m_text,
	.msg = m_msg,
	.now = m_now,
	.days_until = m_days_until,
	.log = m_log,
	.link = m_link,
	.feed = m_feed,
};

/* The tree under node i as text. */
static void
dump(const struct ppx_ctx *ctx, int i, char *out, size_t outlen)
{
	const struct ppx_node *n = &ctx->nodes[i];
	size_t j, len;

	len = strlen(out);
	snprintf(out + len, outlen - len, "<%s%s>%s", n->name, n->attrs,
	    n->text);
	for (j = 0; j < ctx->nnodes; j++)
		if (ctx->nodes[j].parent == i)
			dump(ctx, (int)j, out, outlen);
	len = strlen(out);
	snprintf(out + len, outlen - len, "</%s>", n->name);
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

static void
init(struct ppx_ctx *ctx, const char *stage)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->stage = stage;
	ctx->sku = "RUN-42";
	ctx->item_name = "Runner 42";
	ctx->fields = full;
	ctx->nfields = sizeof(full) / sizeof(full[0]);
}

static int
run(struct ppx_ctx *ctx)
{
	return ppx_plugin.render(&host, ctx, NULL);
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
	char out[OUT_MAX] = "";

	(void)state;
	init(&ctx, "shipped");
	assert_int_equal(run(&ctx), PPX_OK);
	assert_string_equal(ctx.asked_feed, "manual");
	assert_string_equal(ctx.asked_key, "RUN-42");
	dump(&ctx, 0, out, sizeof(out));
	assert_string_equal(out, "<touchpoint>"
	    "<msg key=manual.heading>manual.heading</msg>"
	    "<msg key=manual.intro>manual.intro|product=Runner 42</msg>"
	    "<title>Runner 42 quick start</title>"
	    "<cover src=https://cdn.example/c.jpg width=160 height=213>"
	    "<msg key=manual.cover_alt>manual.cover_alt</msg></cover>"
	    "<steps><msg key=manual.steps_heading>manual.steps_heading</msg>"
	    "<step>one</step><step>two</step><step>three</step></steps>"
	    "<pdf href=tracked:manual:https://shop.example/m.pdf>"
	    "<msg key=manual.pdf>manual.pdf</msg></pdf>"
	    "</touchpoint>");
}

static void
test_delivered_and_anonymous(void **state)
{
	struct ppx_ctx ctx;
	char out[OUT_MAX] = "";

	(void)state;
	init(&ctx, "delivered");
	assert_int_equal(run(&ctx), PPX_OK);
	dump(&ctx, 0, out, sizeof(out));
	assert_non_null(strstr(out, "manual.intro_delivered|product=Runner 42"));

	init(&ctx, "shipped");
	ctx.item_name = NULL;
	out[0] = '\0';
	assert_int_equal(run(&ctx), PPX_OK);
	dump(&ctx, 0, out, sizeof(out));
	assert_non_null(strstr(out, "<msg key=manual.intro_anon>"));
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
	char out[OUT_MAX] = "";

	(void)state;
	init(&ctx, "shipped");
	ctx.fields = minimal;
	ctx.nfields = sizeof(minimal) / sizeof(minimal[0]);
	assert_int_equal(run(&ctx), PPX_OK);
	dump(&ctx, 0, out, sizeof(out));
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
	char out[OUT_MAX] = "";

	(void)state;
	init(&ctx, "shipped");
	ctx.fields = f;
	ctx.nfields = sizeof(f) / sizeof(f[0]);
	assert_int_equal(run(&ctx), PPX_OK);
	dump(&ctx, 0, out, sizeof(out));
	assert_null(strstr(out, "<cover"));
}

static void
test_feed_codes(void **state)
{
	struct ppx_ctx ctx;

	(void)state;
	init(&ctx, "shipped");
	ctx.feed_rc = PPX_EAGAIN;
	assert_int_equal(run(&ctx), PPX_EAGAIN);
	assert_int_equal(ctx.nnodes, 0);	/* nothing half built */
	init(&ctx, "shipped");
	ctx.feed_rc = PPX_ENOTFOUND;
	assert_int_equal(run(&ctx), PPX_NODATA);
	init(&ctx, "shipped");
	ctx.feed_rc = PPX_EINVAL;
	assert_int_equal(run(&ctx), PPX_NODATA);
	init(&ctx, "shipped");
	ctx.feed_rc = PPX_ENOMEM;
	assert_int_equal(run(&ctx), PPX_ERROR);
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
	ctx.sku = NULL;
	assert_int_equal(run(&ctx), PPX_NODATA);
	assert_string_equal(ctx.asked_feed, "");	/* never asked */
	init(&ctx, "shipped");
	ctx.fields = no_pdf;
	ctx.nfields = 1;
	assert_int_equal(run(&ctx), PPX_NODATA);
	init(&ctx, "shipped");
	ctx.fields = bad_pdf;
	ctx.nfields = 2;
	assert_int_equal(run(&ctx), PPX_NODATA);
	init(&ctx, "shipped");
	ctx.fields = no_title;
	ctx.nfields = 1;
	assert_int_equal(run(&ctx), PPX_NODATA);
}

static void
test_builder_failure(void **state)
{
	struct ppx_ctx ctx;
	int i;

	(void)state;
	for (i = 1; i <= 4; i++) {
		init(&ctx, "shipped");
		ctx.fail_elem_at = i;
		assert_int_equal(run(&ctx), PPX_ERROR);
	}
}

static void
test_old_host(void **state)
{
	struct ppx_host old = host;
	struct ppx_ctx ctx;

	(void)state;
	old.abi_minor = 0;
	old.size = offsetof(struct ppx_host, setting);
	init(&ctx, "shipped");
	assert_int_equal(ppx_plugin.render(&old, &ctx, NULL), PPX_NODATA);
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
