/*
 * test_club.c - club.c alone, against a mock host-services table.
 *
 * The mock host records the tree the plugin builds and serialises it
 * without escaping.  Its msg() appends <msg key=K> with text "K" and
 * "|name=value" per argument; link() prefixes "tracked:KIND:" to http(s)
 * URLs and refuses the rest; clubs_near() serves the test's clubs (or
 * its return code); setting() knows "club.community_url" when the test
 * sets one.  Any tree or msg call can be made to fail.
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
#define OUT_MAX		8192

struct ppx_node {
	char	 name[32];
	int	 parent;
	size_t	 nattrs;
	char	 attr_name[ATTRS_MAX][32];
	char	 attr_val[ATTRS_MAX][VAL_MAX];
	char	 text[VAL_MAX];
};

struct ppx_ctx {
	const struct ppx_club *clubs;	/* what clubs_near finds */
	size_t		 nclubs;
	int		 near_rc;
	size_t		 overrun;	/* clubs_near claims this many more */
	double		 radius_asked;
	size_t		 max_asked;
	const char	*community_url;
	const char	*missing_key;

	struct ppx_node	 nodes[NODES_MAX];
	size_t		 nnodes;
	char		 strs[STRS_MAX][VAL_MAX];
	size_t		 nstrs;
	char		 log[1024];
	int		 nlogs;
	int		 fail_at;
	int		 calls;
};

static const struct ppx_club three[] = {
	{ "Loopgroep Oost", "Amsterdam", "https://clubs.example/oost", 1.96,
	    "Kerstloop", "2026-12-12", "https://clubs.example/oost/kerst" },
	{ "Vondel Runners", "Amsterdam", "https://clubs.example/vondel", 2.5,
	    NULL, NULL, NULL },
	{ "West", NULL, NULL, 3.04, "Rondje", "2026-11-28", NULL },
};

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

static struct ppx_node *
new_node(struct ppx_ctx *ctx, int parent, const char *name)
{
	struct ppx_node	*n;

	assert_true(ctx->nnodes < NODES_MAX);
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
			    "|%s=%.1f", args[i].name, args[i].number);
	}
	n = new_node(ctx, (int)(parent - ctx->nodes), "msg");
	strcpy(n->attr_name[0], "key");
	strcpy(n->attr_val[0], key);
	n->nattrs = 1;
	strcpy(n->text, buf);
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

static const char *
m_setting(struct ppx_ctx *ctx, const char *key)
{
	if (strcmp(key, "club.community_url") == 0)
		return ctx->community_url;
	return NULL;
}

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

static const struct ppx_host host = {
	.abi_major = PPX_ABI_MAJOR,
	.abi_minor = PPX_ABI_MINOR,
	.size = sizeof(struct ppx_host),
	.root = m_root,
	.elem = m_elem,
	.attr = m_attr,
	.text = m_text,
	.msg = m_msg,
	.log = m_log,
	.link = m_link,
	.setting = m_setting,
	.clubs_near = m_clubs_near,
};

static void
ctx_init(struct ppx_ctx *ctx, const struct ppx_club *clubs, size_t n)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->clubs = clubs;
	ctx->nclubs = n;
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

static const char *
tree(const struct ppx_ctx *ctx)
{
	static char	out[OUT_MAX];

	out[0] = '\0';
	if (ctx->nnodes > 0)
		serialise(ctx, 0, out, sizeof(out));
	return out;
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
	assert_int_equal(render(&ctx), PPX_OK);
	assert_true(ctx.radius_asked == 0);	/* the brand's setting */
	assert_int_equal(ctx.max_asked, 3);
	assert_string_equal(tree(&ctx),
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
	ctx.community_url = "https://community.example/";
	assert_int_equal(render(&ctx), PPX_OK);
	assert_string_equal(tree(&ctx), community_tree);
}

static void
none_nearby_falls_back(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, NULL, 0);
	ctx.community_url = "https://community.example/";
	assert_int_equal(render(&ctx), PPX_OK);
	assert_string_equal(tree(&ctx), community_tree);
}

static void
no_fallback_no_data(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, NULL, 0);
	assert_int_equal(render(&ctx), PPX_NODATA);
	assert_string_equal(tree(&ctx), "");
	ctx_init(&ctx, NULL, 0);
	ctx.near_rc = PPX_ENOTFOUND;
	assert_int_equal(render(&ctx), PPX_NODATA);
	assert_string_equal(tree(&ctx), "");
}

static void
bad_community_url_no_data(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, NULL, 0);
	ctx.community_url = "javascript:alert(1)";
	assert_int_equal(render(&ctx), PPX_NODATA);
	assert_non_null(strstr(ctx.log, "club.community_url"));
}

static void
host_errors_are_errors(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, three, 3);
	ctx.near_rc = PPX_ERROR;
	ctx.community_url = "https://community.example/";
	assert_int_equal(render(&ctx), PPX_ERROR);
	ctx_init(&ctx, three, 3);
	ctx.near_rc = PPX_EINVAL;
	assert_int_equal(render(&ctx), PPX_ERROR);
	/* A host that claims more than it was allowed is not trusted. */
	ctx_init(&ctx, three, 3);
	ctx.overrun = 1;
	assert_int_equal(render(&ctx), PPX_ERROR);
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
	assert_int_equal(render(&ctx), PPX_OK);
	assert_null(strstr(tree(&ctx), "<event"));
}

static void
catalog_gaps(void **state)
{
	struct ppx_ctx	ctx;

	(void)state;
	ctx_init(&ctx, three, 3);
	ctx.missing_key = "club.intro";		/* optional */
	assert_int_equal(render(&ctx), PPX_OK);
	assert_null(strstr(tree(&ctx), "club.intro"));
	ctx_init(&ctx, three, 3);
	ctx.missing_key = "club.heading";	/* required */
	assert_int_equal(render(&ctx), PPX_ERROR);
	assert_non_null(strstr(ctx.log, "catalog lacks club.heading"));
	ctx_init(&ctx, NULL, 0);
	ctx.community_url = "https://community.example/";
	ctx.missing_key = "club.community_link";
	assert_int_equal(render(&ctx), PPX_ERROR);
}

/* Every host call that can fail, failing in turn: PPX_ERROR each time. */
static void
every_failure_is_an_error(void **state)
{
	struct ppx_ctx	ctx;
	int		calls, i;

	(void)state;
	ctx_init(&ctx, three, 3);
	assert_int_equal(render(&ctx), PPX_OK);
	calls = ctx.calls;
	assert_true(calls > 20);
	for (i = 1; i <= calls; i++) {
		ctx_init(&ctx, three, 3);
		ctx.fail_at = i;
		assert_int_equal(render(&ctx), PPX_ERROR);
	}
	ctx_init(&ctx, NULL, 0);
	ctx.community_url = "https://community.example/";
	assert_int_equal(render(&ctx), PPX_OK);
	calls = ctx.calls;
	for (i = 1; i <= calls; i++) {
		ctx_init(&ctx, NULL, 0);
		ctx.community_url = "https://community.example/";
		ctx.fail_at = i;
		assert_int_equal(render(&ctx), PPX_ERROR);
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
