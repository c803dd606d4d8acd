/*
 * test_voorpret.c - voorpret.c alone, against a mock host-services table.
 *
 * The mock host records the tree the plugin builds (elements, attributes,
 * text) and serialises it without escaping, so a test sees exactly the
 * data the plugin handed over.  Its msg() appends <msg key=K> whose text
 * is "K" followed by "|name=value" per argument; link() prefixes
 * "tracked:" to http(s) URLs and refuses the rest; content() serves a
 * small fixed tips table.  Any tree, msg or content call can be made to
 * fail to check that the plugin gives up cleanly.
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
#define VAL_MAX		512
#define STRS_MAX	16
#define ASKED_MAX	8
#define OUT_MAX		8192

struct ppx_node {
	char	 name[32];
	int	 parent;		/* index, -1 for the root */
	size_t	 nattrs;
	char	 attr_name[ATTRS_MAX][32];
	char	 attr_val[ATTRS_MAX][VAL_MAX];
	char	 text[VAL_MAX];
};

struct item {
	const char	*sku, *name, *category, *image, *url, *qty;
};

struct ppx_ctx {
	/* the order */
	const char	*id, *expected, *first_name;
	const char	*carrier, *tracking;
	const struct item *items;
	size_t		 nitems;
	const char	*stage;
	long		 days;
	int		 days_rc;
	int		 unknown_rc;	/* content() for an unknown key */
	const char	*missing_key;	/* a catalog key msg() lacks */

	/* what the plugin did */
	struct ppx_node	 nodes[NODES_MAX];
	size_t		 nnodes;
	char		 strs[STRS_MAX][VAL_MAX];
	size_t		 nstrs;
	char		 asked[ASKED_MAX][64];
	size_t		 nasked;
	char		 log[1024];
	int		 nlogs;

	/* failure injection: the fail_at-th counted call fails (0: never) */
	int		 fail_at;
	int		 calls;
};

static const struct item runner = {
	"RUN-42", "Runner 42", "running-shoes",
	"https://cdn.shop.example/runner-42.jpg",
	"https://shop.example/p/runner-42", "1"
};

static const char *const rows_running[] = {
	"rs1", "rs2", "rs3", "rs4", "rs5", "rs6", NULL
};
static const char *const rows_trail[] = { "tr1", "tr2", "tr3", NULL };
static const char *const rows_default[] = { "d1", "d2", "d3", NULL };

/* Counts a call and says whether it is the one that must fail. */
static int
must_fail(struct ppx_ctx *ctx)
{
	ctx->calls++;
	return ctx->fail_at != 0 && ctx->calls == ctx->fail_at;
}

static const char *
keep(struct ppx_ctx *ctx, const char *s)
{
	assert_true(ctx->nstrs < STRS_MAX);
	assert_true(strlen(s) < VAL_MAX);
	strcpy(ctx->strs[ctx->nstrs], s);
	return ctx->strs[ctx->nstrs++];
}

static const char *
m_order_field(struct ppx_ctx *ctx, const char *path)
{
	if (strcmp(path, "id") == 0)
		return ctx->id;
	if (strcmp(path, "expected") == 0)
		return ctx->expected;
	if (strcmp(path, "customer.first_name") == 0)
		return ctx->first_name;
	if (strcmp(path, "carrier.name") == 0)
		return ctx->carrier;
	if (strcmp(path, "carrier.tracking_url") == 0)
		return ctx->tracking;
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
	const struct item *it;

	if (i >= ctx->nitems)
		return NULL;
	it = &ctx->items[i];
	if (strcmp(name, "sku") == 0)
		return it->sku;
	if (strcmp(name, "name") == 0)
		return it->name;
	if (strcmp(name, "category") == 0)
		return it->category;
	if (strcmp(name, "image") == 0)
		return it->image;
	if (strcmp(name, "url") == 0)
		return it->url;
	if (strcmp(name, "qty") == 0)
		return it->qty;
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
	struct ppx_node	*n;

	assert_true(ctx->nnodes < NODES_MAX);
	assert_true(strlen(name) < sizeof(n->name));
	n = &ctx->nodes[ctx->nnodes++];
	memset(n, 0, sizeof(*n));
	strcpy(n->name, name);
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
	strcpy(node->attr_name[node->nattrs], name);
	strcpy(node->attr_val[node->nattrs], value);
	node->nattrs++;
	return PPX_OK;
}

static int
m_text(struct ppx_ctx *ctx, struct ppx_node *node, const char *text)
{
	if (must_fail(ctx))
		return PPX_ENOMEM;
	assert_non_null(text);
	assert_true(strlen(node->text) + strlen(text) < VAL_MAX);
	strcat(node->text, text);
	return PPX_OK;
}

static int
m_msg(struct ppx_ctx *ctx, struct ppx_node *parent, const char *key,
    const struct ppx_arg *args, size_t nargs)
{
	struct ppx_node	*n;
	char		 buf[VAL_MAX];
	size_t		 i, len;

	if (must_fail(ctx))
		return PPX_ENOMEM;
	if (ctx->missing_key != NULL && strcmp(key, ctx->missing_key) == 0)
		return PPX_ENOTFOUND;
	len = (size_t)snprintf(buf, sizeof(buf), "%s", key);
	for (i = 0; i < nargs; i++) {
		if (args[i].text != NULL)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
			    "|%s=%s", args[i].name, args[i].text);
		else
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
			    "|%s=%g", args[i].name, args[i].number);
		assert_true(len < sizeof(buf));
	}
	n = new_node(ctx, (int)(parent - ctx->nodes), "msg");
	strcpy(n->attr_name[0], "key");
	strcpy(n->attr_val[0], key);
	n->nattrs = 1;
	strcpy(n->text, buf);
	return PPX_OK;
}

static int64_t
m_now(struct ppx_ctx *ctx)
{
	(void)ctx;
	return 1795392000;
}

static int
m_days_until(struct ppx_ctx *ctx, const char *iso_date, long *days)
{
	assert_non_null(iso_date);
	if (ctx->days_rc != PPX_OK)
		return ctx->days_rc;
	*days = ctx->days;
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
	len = strlen(ctx->log);
	(void)snprintf(ctx->log + len, sizeof(ctx->log) - len, "\n");
	ctx->nlogs++;
}

static const char *
m_link(struct ppx_ctx *ctx, const char *url, const char *kind)
{
	char	buf[VAL_MAX];

	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return NULL;
	(void)snprintf(buf, sizeof(buf), "tracked:%s:%s", kind, url);
	return keep(ctx, buf);
}

static int
m_content(struct ppx_ctx *ctx, const char *dataset, const char *key,
    const char **out, size_t max, size_t *n)
{
	const char *const *rows;

	if (must_fail(ctx))
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
	.content = m_content,
};

/* --- helpers -------------------------------------------------------- */

/* A shipped order 1042 for Anne, two days out, one pair of Runner 42. */
static void
order_init(struct ppx_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->id = "1042";
	ctx->expected = "2026-11-25";
	ctx->first_name = "Anne";
	ctx->items = &runner;
	ctx->nitems = 1;
	ctx->stage = "shipped";
	ctx->days = 2;
	ctx->unknown_rc = PPX_ENOTFOUND;
}

static int
render(struct ppx_ctx *ctx)
{
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

/* The tree as a string, unescaped; "" when nothing was built. */
static const char *
tree(const struct ppx_ctx *ctx)
{
	static char	out[OUT_MAX];

	out[0] = '\0';
	if (ctx->nnodes > 0)
		serialise(ctx, 0, out, sizeof(out));
	return out;
}

/* t starts with want. */
static void
assert_prefix(const char *t, const char *want)
{
	size_t	n = strlen(want);

	if (strlen(t) < n || memcmp(t, want, n) != 0)
		fail_msg("tree\n  %s\ndoes not start with\n  %s", t, want);
}

/* The first element called name, or NULL. */
static const struct ppx_node *
find(const struct ppx_ctx *ctx, const char *name)
{
	size_t	i;

	for (i = 0; i < ctx->nnodes; i++)
		if (strcmp(ctx->nodes[i].name, name) == 0)
			return &ctx->nodes[i];
	return NULL;
}

static size_t
count(const struct ppx_ctx *ctx, const char *name)
{
	size_t	i, k = 0;

	for (i = 0; i < ctx->nnodes; i++)
		if (strcmp(ctx->nodes[i].name, name) == 0)
			k++;
	return k;
}

static const char *
attr(const struct ppx_node *n, const char *name)
{
	size_t	a;

	assert_non_null(n);
	for (a = 0; a < n->nattrs; a++)
		if (strcmp(n->attr_name[a], name) == 0)
			return n->attr_val[a];
	return NULL;
}

/* The tips shown, joined by commas, e.g. "rs2,rs3,rs4". */
static const char *
tips_shown(const struct ppx_ctx *ctx)
{
	static char	out[256];
	size_t		i;

	out[0] = '\0';
	for (i = 0; i < ctx->nnodes; i++) {
		if (strcmp(ctx->nodes[i].name, "tip") != 0)
			continue;
		if (out[0] != '\0')
			strcat(out, ",");
		strcat(out, ctx->nodes[i].text);
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
	char		 want[OUT_MAX];

	(void)state;
	order_init(&ctx);
	assert_int_equal(render(&ctx), PPX_OK);
	assert_int_equal(ctx.nlogs, 0);
	t = tree(&ctx);
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
	assert_int_equal(count(&ctx, "tip"), 3);
	assert_null(find(&ctx, "headline"));
	assert_null(find(&ctx, "delay"));
	assert_null(find(&ctx, "carrier"));	/* dosed: not in a countdown */
	assert_int_equal(ctx.nasked, 1);
	assert_string_equal(ctx.asked[0], "running-shoes");
}

static void
test_countdown_plural_and_anon(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	ctx.days = 1;
	ctx.first_name = "";
	ctx.stage = "ordered";
	assert_int_equal(render(&ctx), PPX_OK);
	assert_string_equal(attr(find(&ctx, "countdown"), "days"), "1");
	assert_non_null(strstr(tree(&ctx),
	    "<msg key=\"voorpret.countdown\">voorpret.countdown|days=1</msg>"));
	assert_string_equal(attr(find(&ctx, "msg"), "key"),
	    "voorpret.intro_anon");
	assert_string_equal(find(&ctx, "msg")->text, "voorpret.intro_anon");

	order_init(&ctx);
	ctx.first_name = NULL;
	ctx.days = 365;
	assert_int_equal(render(&ctx), PPX_OK);
	assert_string_equal(attr(find(&ctx, "msg"), "key"),
	    "voorpret.intro_anon");
	assert_string_equal(attr(find(&ctx, "countdown"), "days"), "365");
}

static void
test_today_out_for_delivery(void **state)
{
	struct ppx_ctx	ctx;
	const char	*t;

	(void)state;
	order_init(&ctx);
	ctx.stage = "out_for_delivery";
	ctx.days = 3;		/* early: the stage wins */
	ctx.carrier = "PostNL";
	ctx.tracking = "https://postnl.example/t/3S123";
	assert_int_equal(render(&ctx), PPX_OK);
	t = tree(&ctx);
	assert_prefix(t,
	    "<touchpoint><headline>"
	    "<msg key=\"voorpret.today\">voorpret.today</msg></headline>"
	    "<carrier><name>PostNL</name>"
	    "<link href=\"tracked:tracking:https://postnl.example/t/3S123\">"
	    "</link><msg key=\"voorpret.track\">voorpret.track</msg></carrier>"
	    "<product>");
	assert_null(find(&ctx, "countdown"));
	assert_null(strstr(t, "voorpret.intro"));
	assert_int_equal(count(&ctx, "tip"), 3);
}

static void
test_today_days_zero(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	ctx.days = 0;
	assert_int_equal(render(&ctx), PPX_OK);
	assert_non_null(find(&ctx, "headline"));
	assert_null(find(&ctx, "countdown"));
	assert_null(find(&ctx, "delay"));
	assert_null(find(&ctx, "carrier"));	/* the order has none */
	assert_non_null(find(&ctx, "product"));
}

static void
test_delay(void **state)
{
	struct ppx_ctx	ctx;
	const struct ppx_node *delay;

	(void)state;
	order_init(&ctx);
	ctx.days = -3;
	ctx.carrier = "PostNL";
	ctx.tracking = "https://postnl.example/t/3S123";
	assert_int_equal(render(&ctx), PPX_OK);
	assert_null(find(&ctx, "countdown"));
	assert_null(find(&ctx, "headline"));
	assert_null(strstr(tree(&ctx), "voorpret.intro"));
	delay = find(&ctx, "delay");
	assert_string_equal(attr(delay, "days_late"), "3");
	assert_prefix(tree(&ctx),
	    "<touchpoint><delay days_late=\"3\">"
	    "<msg key=\"voorpret.delay\">voorpret.delay|days=3</msg>"
	    "<msg key=\"voorpret.delay_sorry\">voorpret.delay_sorry</msg>"
	    "<carrier><name>PostNL</name>"
	    "<link href=\"tracked:tracking:https://postnl.example/t/3S123\">"
	    "</link><msg key=\"voorpret.track\">voorpret.track</msg></carrier>"
	    "</delay><product>");
	/* The carrier sits inside the delay, not beside it. */
	assert_int_equal(find(&ctx, "carrier")->parent,
	    (int)(delay - ctx.nodes));
}

static void
test_delay_without_carrier_or_bad_link(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	ctx.days = -1;
	assert_int_equal(render(&ctx), PPX_OK);
	assert_non_null(strstr(tree(&ctx),
	    "<msg key=\"voorpret.delay\">voorpret.delay|days=1</msg>"));
	assert_null(find(&ctx, "carrier"));

	order_init(&ctx);
	ctx.days = -2;
	ctx.carrier = "DHL";
	ctx.tracking = "javascript:alert(1)";
	assert_int_equal(render(&ctx), PPX_OK);
	assert_non_null(strstr(tree(&ctx),
	    "<carrier><name>DHL</name></carrier>"));
	assert_null(strstr(tree(&ctx), "javascript"));
	assert_null(strstr(tree(&ctx), "voorpret.track"));
}

static void
test_no_expected_date(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	ctx.expected = NULL;
	assert_int_equal(render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.nnodes, 0);
	assert_int_equal(ctx.calls, 0);
}

static void
test_unusable_expected_date(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	ctx.expected = "2026-13-45";
	ctx.days_rc = PPX_EINVAL;
	assert_int_equal(render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.nnodes, 0);
	assert_int_equal(ctx.nlogs, 1);
	assert_null(strstr(ctx.log, "2026"));	/* no order data in logs */

	order_init(&ctx);
	ctx.days = 366;
	assert_int_equal(render(&ctx), PPX_NODATA);
	assert_int_equal(ctx.nnodes, 0);
	order_init(&ctx);
	ctx.days = -366;
	assert_int_equal(render(&ctx), PPX_NODATA);
	order_init(&ctx);
	ctx.days = -365;
	assert_int_equal(render(&ctx), PPX_OK);
	assert_string_equal(attr(find(&ctx, "delay"), "days_late"), "365");
}

static void
test_no_items(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	order_init(&ctx);
	ctx.items = NULL;
	ctx.nitems = 0;
	assert_int_equal(render(&ctx), PPX_OK);
	assert_null(find(&ctx, "product"));
	assert_string_equal(attr(find(&ctx, "countdown"), "days"), "2");
	assert_int_equal(ctx.nasked, 1);
	assert_string_equal(ctx.asked[0], "default");
	assert_int_equal(count(&ctx, "tip"), 3);
}

static void
test_item_without_fields(void **state)
{
	struct ppx_ctx	ctx;
	const struct item bare = { "X-1", NULL, NULL, NULL, NULL, "1" };
	const struct item noimg = { "X-2", "Sok", "socks", NULL, NULL, "2" };

	(void)state;
	order_init(&ctx);
	ctx.items = &bare;
	assert_int_equal(render(&ctx), PPX_OK);
	assert_null(find(&ctx, "product"));
	assert_string_equal(ctx.asked[0], "default");

	order_init(&ctx);
	ctx.items = &noimg;
	assert_int_equal(render(&ctx), PPX_OK);
	assert_non_null(strstr(tree(&ctx), "<name>Sok</name></product>"));
	assert_null(find(&ctx, "image"));
	assert_null(find(&ctx, "link"));
}

static void
test_unknown_category_falls_back(void **state)
{
	struct ppx_ctx	ctx;
	const struct item kite = { "K-1", "Vlieger", "kites",
	    "https://cdn.shop.example/k.jpg", "https://shop.example/k", "1" };
	int		rcs[] = { PPX_ENOTFOUND, PPX_OK, PPX_EINVAL };
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(rcs) / sizeof(rcs[0]); i++) {
		order_init(&ctx);
		ctx.items = &kite;
		ctx.unknown_rc = rcs[i];
		assert_int_equal(render(&ctx), PPX_OK);
		assert_int_equal(ctx.nasked, 2);
		assert_string_equal(ctx.asked[0], "kites");
		assert_string_equal(ctx.asked[1], "default");
		assert_int_equal(count(&ctx, "tip"), 3);
		assert_non_null(strchr(tips_shown(&ctx), 'd'));
		assert_null(strstr(tips_shown(&ctx), "rs"));
	}
}

static void
test_tips_deterministic(void **state)
{
	struct ppx_ctx	ctx;
	char		first[OUT_MAX], ids[8], seen[7] = "      ";
	const char	*t;
	int		i, differ = 0;
	char		 tip1[256];

	(void)state;
	order_init(&ctx);
	assert_int_equal(render(&ctx), PPX_OK);
	(void)snprintf(first, sizeof(first), "%s", tree(&ctx));
	(void)snprintf(tip1, sizeof(tip1), "%s", tips_shown(&ctx));
	order_init(&ctx);
	assert_int_equal(render(&ctx), PPX_OK);
	assert_string_equal(tree(&ctx), first);

	/* Other orders: three consecutive rows (wrapping), all rows used. */
	for (i = 1; i < 60; i++) {
		order_init(&ctx);
		(void)snprintf(ids, sizeof(ids), "%d", i);
		ctx.id = ids;
		assert_int_equal(render(&ctx), PPX_OK);
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
	ctx.id = NULL;
	assert_int_equal(render(&ctx), PPX_OK);
	assert_string_equal(tips_shown(&ctx), "rs1,rs2,rs3");

	/* Fewer rows than TIPS_SHOWN: all of them, once. */
	{
		const struct item trail = { "T-1", "Trail 9", "trail-shoes",
		    NULL, NULL, "1" };

		order_init(&ctx);
		ctx.items = &trail;
		assert_int_equal(render(&ctx), PPX_OK);
		assert_int_equal(count(&ctx, "tip"), 3);
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
	const struct item bad = { "<sku>", evil, "../../etc/passwd",
	    "javascript:alert(1)", "javascript:alert(2)", "-1" };

	(void)state;
	order_init(&ctx);
	ctx.items = &bad;
	ctx.first_name = evil;
	ctx.unknown_rc = PPX_EINVAL;
	assert_int_equal(render(&ctx), PPX_OK);
	assert_string_equal(find(&ctx, "name")->text, evil);
	/* Neither URL makes it into the tree. */
	assert_null(find(&ctx, "image"));
	assert_null(find(&ctx, "link"));
	assert_null(strstr(tree(&ctx), "javascript"));
	assert_string_equal(find(&ctx, "msg")->text,
	    "voorpret.intro|first_name=<script>alert(\"x\")</script> & "
	    "'Anne' ]]> <!-- \xe2\x80\xae");
	assert_string_equal(ctx.asked[0], "../../etc/passwd");
	assert_string_equal(ctx.asked[1], "default");
	assert_int_equal(ctx.nlogs, 0);
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
		ctx.missing_key = optional[i];
		assert_int_equal(render(&ctx), PPX_OK);
		assert_null(strstr(tree(&ctx), optional[i]));
		assert_non_null(find(&ctx, "countdown"));
	}

	order_init(&ctx);
	ctx.missing_key = "voorpret.countdown";
	assert_int_equal(render(&ctx), PPX_ERROR);
	assert_string_equal(ctx.log, "catalog lacks voorpret.countdown\n");

	order_init(&ctx);
	ctx.days = -1;
	ctx.missing_key = "voorpret.delay_sorry";
	assert_int_equal(render(&ctx), PPX_ERROR);

	order_init(&ctx);
	ctx.days = 0;
	ctx.missing_key = "voorpret.today";
	assert_int_equal(render(&ctx), PPX_ERROR);
}

/* Fail each counted service call in turn: always PPX_ERROR, no crash. */
static void
fail_each_call(struct ppx_ctx *base)
{
	struct ppx_ctx	ctx;
	int		k, total;

	ctx = *base;
	assert_int_equal(render(&ctx), PPX_OK);
	total = ctx.calls;
	assert_true(total > 10);
	for (k = 1; k <= total; k++) {
		ctx = *base;
		ctx.fail_at = k;
		assert_int_equal(render(&ctx), PPX_ERROR);
		assert_int_equal(ctx.calls, k);	/* gave up at once */
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
	ctx.stage = "out_for_delivery";
	ctx.carrier = "PostNL";
	ctx.tracking = "https://postnl.example/t/1";
	fail_each_call(&ctx);

	order_init(&ctx);
	ctx.days = -4;
	ctx.carrier = "PostNL";
	ctx.tracking = "https://postnl.example/t/1";
	fail_each_call(&ctx);

	order_init(&ctx);
	ctx.days_rc = PPX_ENOMEM;
	assert_int_equal(render(&ctx), PPX_ERROR);
	assert_int_equal(ctx.nnodes, 0);
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
