/*
 * test_share.c - share.c alone, against a mock host-services table.
 *
 * The mock host records the tree the plugin builds and serialises it
 * without escaping.  Its msg() appends <msg key=K> with text K (and
 * "|name=value" per argument); link() answers "tracked:KIND:URL" for
 * http(s) and mailto URLs and refuses the rest, or refuses one kind on
 * request; setting() serves the UTM settings a test sets.  Any tree or
 * msg call can be made to fail to check that the plugin gives up
 * cleanly.
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

#define NODES_MAX	64
#define ATTRS_MAX	4
#define VAL_MAX		2048
#define STRS_MAX	16
#define OUT_MAX		32768

struct ppx_node {
	char	 name[32];
	int	 parent;
	size_t	 nattrs;
	char	 attr_name[ATTRS_MAX][32];
	char	 attr_val[ATTRS_MAX][VAL_MAX];
	char	 text[VAL_MAX];
};

struct ppx_ctx {
	const char	*first_name;
	const char	*name, *image, *url;
	size_t		 nitems;
	const char	*utm_source, *utm_medium, *utm_campaign;
	const char	*refuse_kind;	/* link() refuses this kind */
	const char	*missing_key;	/* msg() lacks this key */
	unsigned	 abi_minor;

	struct ppx_node	 nodes[NODES_MAX];
	size_t		 nnodes;
	char		 strs[STRS_MAX][VAL_MAX];
	size_t		 nstrs;
	char		 log[1024];

	int		 fail_at;
	int		 calls;
};

static int
must_fail(struct ppx_ctx *ctx)
{
	ctx->calls++;
	return ctx->fail_at != 0 && ctx->calls == ctx->fail_at;
}

static const char *
m_order_field(struct ppx_ctx *ctx, const char *path)
{
	if (strcmp(path, "customer.first_name") == 0)
		return ctx->first_name;
	if (strcmp(path, "id") == 0)
		return "1042";
	return NULL;
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
	if (strcmp(name, "name") == 0)
		return ctx->name;
	if (strcmp(name, "image") == 0)
		return ctx->image;
	if (strcmp(name, "url") == 0)
		return ctx->url;
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
	(void)ctx;
	return "delivered";
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
	struct ppx_node	*n;

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
	if (must_fail(ctx))
		return NULL;
	if (ctx->nnodes == 0)
		(void)new_node(ctx, -1, "touchpoint");
	return &ctx->nodes[0];
}

static struct ppx_node *
m_elem(struct ppx_ctx *ctx, struct ppx_node *parent, const char *name)
{
	if (must_fail(ctx))
		return NULL;
	assert_non_null(parent);
	return new_node(ctx, (int)(parent - ctx->nodes), name);
}

static int
m_attr(struct ppx_ctx *ctx, struct ppx_node *node, const char *name,
    const char *value)
{
	if (must_fail(ctx))
		return PPX_ENOMEM;
	assert_non_null(value);
	assert_true(node->nattrs < ATTRS_MAX);
	assert_true(strlen(value) < VAL_MAX);
	snprintf(node->attr_name[node->nattrs], 32, "%s", name);
	strcpy(node->attr_val[node->nattrs], value);
	node->nattrs++;
	return PPX_OK;
}

static int
m_text(struct ppx_ctx *ctx, struct ppx_node *node, const char *text)
{
	if (must_fail(ctx))
		return PPX_ENOMEM;
	assert_true(strlen(node->text) + strlen(text) < VAL_MAX);
	strcat(node->text, text);
	return PPX_OK;
}

static int
m_msg(struct ppx_ctx *ctx, struct ppx_node *parent, const char *key,
    const struct ppx_arg *args, size_t nargs)
{
	struct ppx_node	*n;
	size_t		 i, len;

	if (must_fail(ctx))
		return PPX_ENOMEM;
	if (ctx->missing_key != NULL && strcmp(key, ctx->missing_key) == 0)
		return PPX_ENOTFOUND;
	n = new_node(ctx, (int)(parent - ctx->nodes), "msg");
	strcpy(n->attr_name[0], "key");
	snprintf(n->attr_val[0], VAL_MAX, "%s", key);
	n->nattrs = 1;
	len = (size_t)snprintf(n->text, VAL_MAX, "%s", key);
	for (i = 0; i < nargs; i++)
		len += (size_t)snprintf(n->text + len, VAL_MAX - len, "|%s=%s",
		    args[i].name, args[i].text != NULL ? args[i].text : "#");
	return PPX_OK;
}

static void	m_log(struct ppx_ctx *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
m_log(struct ppx_ctx *ctx, int level, const char *fmt, ...)
{
	va_list	ap;
	size_t	len;

	(void)level;
	len = strlen(ctx->log);
	va_start(ap, fmt);
	(void)vsnprintf(ctx->log + len, sizeof(ctx->log) - len, fmt, ap);
	va_end(ap);
}

static const char *
m_link(struct ppx_ctx *ctx, const char *url, const char *kind)
{
	char	buf[VAL_MAX];

	if (ctx->refuse_kind != NULL && strcmp(kind, ctx->refuse_kind) == 0)
		return NULL;
	if (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0 && strncmp(url, "mailto:", 7) != 0)
		return NULL;
	assert_true(ctx->nstrs < STRS_MAX);
	(void)snprintf(buf, sizeof(buf), "tracked:%s:%s", kind, url);
	strcpy(ctx->strs[ctx->nstrs], buf);
	return ctx->strs[ctx->nstrs++];
}

static const char *
m_setting(struct ppx_ctx *ctx, const char *key)
{
	if (strcmp(key, "share.utm_source") == 0)
		return ctx->utm_source;
	if (strcmp(key, "share.utm_medium") == 0)
		return ctx->utm_medium;
	if (strcmp(key, "share.utm_campaign") == 0)
		return ctx->utm_campaign;
	fail_msg("unexpected setting %s", key);
	return NULL;
}

static struct ppx_host host = {
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
	.log = m_log,
	.link = m_link,
	.setting = m_setting,
};

/* --- helpers -------------------------------------------------------- */

static void
order_init(struct ppx_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->first_name = "Anne";
	ctx->name = "Runner 42";
	ctx->image = "https://cdn.shop.example/runner-42.jpg";
	ctx->url = "https://shop.example/p/runner-42";
	ctx->nitems = 1;
	ctx->abi_minor = PPX_ABI_MINOR;
}

static int
render(struct ppx_ctx *ctx)
{
	host.abi_minor = ctx->abi_minor;
	return ppx_plugin.render(&host, ctx, NULL);
}

static void
serialise(const struct ppx_ctx *ctx, size_t i, char *out, size_t max)
{
	const struct ppx_node *n = &ctx->nodes[i];
	size_t	len, a, c;

	len = strlen(out);
	len += (size_t)snprintf(out + len, max - len, "<%s", n->name);
	for (a = 0; a < n->nattrs; a++)
		len += (size_t)snprintf(out + len, max - len, " %s=\"%s\"",
		    n->attr_name[a], n->attr_val[a]);
	len += (size_t)snprintf(out + len, max - len, ">%s", n->text);
	assert_true(len < max);
	for (c = i + 1; c < ctx->nnodes; c++)
		if (ctx->nodes[c].parent == (int)i)
			serialise(ctx, c, out, max);
	len = strlen(out);
	len += (size_t)snprintf(out + len, max - len, "</%s>", n->name);
	assert_true(len < max);
}

static const char *
tree(const struct ppx_ctx *ctx)
{
	static char	out[OUT_MAX];

	out[0] = '\0';
	if (ctx->nnodes > 0)
		serialise(ctx, 0, out, sizeof(out));
	return out;
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

	for (i = 0; i < ctx->nnodes; i++) {
		if (strcmp(ctx->nodes[i].name, "network") != 0 ||
		    strcmp(ctx->nodes[i].attr_val[0], id) != 0)
			continue;
		for (j = i + 1; j < ctx->nnodes; j++)
			if (ctx->nodes[j].parent == (int)i &&
			    strcmp(ctx->nodes[j].name, "link") == 0)
				return ctx->nodes[j].attr_val[0];
	}
	return NULL;
}

static size_t
count(const struct ppx_ctx *ctx, const char *name)
{
	size_t	i, n = 0;

	for (i = 0; i < ctx->nnodes; i++)
		n += strcmp(ctx->nodes[i].name, name) == 0;
	return n;
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
	assert_int_equal(render(&ctx), PPX_OK);
	t = tree(&ctx);
	assert_contains(t, "<touchpoint><msg key=\"share.heading\">share.heading"
	    "</msg><msg key=\"share.intro\">share.intro|first_name=Anne</msg>"
	    "<product><name>Runner 42</name><image src=\"https://cdn.shop."
	    "example/runner-42.jpg\" alt=\"Runner 42\"></image><link href=\""
	    "tracked:product:https://shop.example/p/runner-42\"></link>"
	    "</product><networks><msg key=\"share.networks_heading\">");
	assert_int_equal(count(&ctx, "network"), 6);
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
	ctx.utm_source = "ppx mail";
	ctx.utm_medium = "e&mail";
	ctx.utm_campaign = "herfst/2026";
	ctx.url = "https://shop.example/p/runner-42?size=42#reviews";
	assert_int_equal(render(&ctx), PPX_OK);
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
		ctx.utm_medium = longer;
	}
	ctx.utm_campaign = "";
	assert_int_equal(render(&ctx), PPX_OK);
	assert_contains(network_href(&ctx, "linkedin"),
	    "utm_medium%3Dsocial%26utm_campaign%3Dshare");

	/* A 1.0 host has no settings: defaults, no call. */
	order_init(&ctx);
	ctx.abi_minor = 0;
	ctx.utm_source = "never";
	assert_int_equal(render(&ctx), PPX_OK);
	assert_contains(network_href(&ctx, "x"), "utm_source%3Dx%26");
}

static void
test_anon_and_no_name_or_image(void **state)
{
	struct ppx_ctx	ctx;
	const char	*t;

	(void)state;
	order_init(&ctx);
	ctx.first_name = NULL;
	ctx.name = NULL;
	ctx.image = "javascript:alert(1)";
	assert_int_equal(render(&ctx), PPX_OK);
	t = tree(&ctx);
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
	ctx.nitems = 0;
	assert_int_equal(render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.nnodes, 0);
	for (i = 0; i == 0 || bad[i] != NULL; i++) {
		order_init(&ctx);
		ctx.url = bad[i];
		assert_int_equal(render(&ctx), PPX_NODATA);
		assert_int_equal(ctx.nnodes, 0);
	}
}

static void
test_refused_links(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	/* One network the host will not link: the others stay. */
	order_init(&ctx);
	ctx.refuse_kind = "share-pinterest";
	assert_int_equal(render(&ctx), PPX_OK);
	assert_int_equal(count(&ctx, "network"), 5);
	assert_null(network_href(&ctx, "pinterest"));
	assert_non_null(network_href(&ctx, "email"));

	/* A product URL too long to share: nothing to say. */
	order_init(&ctx);
	{
		static char url[1100];

		memset(url, 'a', sizeof(url) - 1);
		memcpy(url, "https://shop.example/", 21);
		ctx.url = url;
		assert_int_equal(render(&ctx), PPX_NODATA);
		assert_contains(ctx.log, "share link too long");
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
		ctx.missing_key = required[i];
		assert_int_equal(render(&ctx), PPX_ERROR);
		assert_non_null(strstr(ctx.log, required[i]));
	}
	order_init(&ctx);
	ctx.missing_key = "share.intro";
	assert_int_equal(render(&ctx), PPX_OK);
	assert_null(strstr(tree(&ctx), "share.intro"));
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
	assert_int_equal(render(&ctx), PPX_OK);
	total = ctx.calls;
	assert_true(total > 20);
	for (k = 1; k <= total; k++) {
		ctx = base;
		ctx.fail_at = k;
		assert_int_equal(render(&ctx), PPX_ERROR);
		assert_int_equal(ctx.calls, k);
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
