/*
 * mock_host.c - the mock host-services table of the plugins' unit tests
 * (what each service does: mock_host.h).
 *
 * A service that is used wrongly (no parent, a value too long for the
 * mock, a setting nobody declared) fails the test there and then, rather
 * than recording something the assertions would misread.
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

/* The test's struct ppx_ctx begins with its struct mock (MOCK_CTX_FIRST). */
static struct mock *
mock_of(struct ppx_ctx *ctx)
{
	return (struct mock *)(void *)ctx;
}

/*
 * Append to the string in out (max bytes): a mock too small for what a
 * plugin hands over fails the test instead of cutting it short.
 */
static void	vappendf(char *, size_t, const char *, va_list)
		    __attribute__((format(printf, 3, 0)));
static void	appendf(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
vappendf(char *out, size_t max, const char *fmt, va_list ap)
{
	size_t	len;
	int	n;

	len = strlen(out);
	assert_true(len < max);
	n = vsnprintf(out + len, max - len, fmt, ap);
	assert_true(n >= 0 && (size_t)n < max - len);
}

static void
appendf(char *out, size_t max, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vappendf(out, max, fmt, ap);
	va_end(ap);
}

int
mock_fails(struct mock *m, unsigned service)
{
	if (m->fail_only != 0 && (m->fail_only & service) == 0)
		return 0;
	m->calls++;
	return m->fail_at != 0 && m->calls == m->fail_at;
}

const char *
mock_keep(struct mock *m, const char *s)
{
	assert_true(m->nstrs < MOCK_STRS);
	assert_true(strlen(s) < MOCK_VAL);
	strcpy(m->strs[m->nstrs], s);
	return m->strs[m->nstrs++];
}

/* --- order fields and settings -------------------------------------- */

/* The pair called name in table t, or NULL. */
static const struct mock_pair *
pair_find(const struct mock_pair *t, const char *name)
{
	size_t	i;

	for (i = 0; i < MOCK_PAIRS && t[i].name != NULL; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

static void
pair_set(struct mock_pair *t, const char *name, const char *value)
{
	size_t	i;

	for (i = 0; i < MOCK_PAIRS && t[i].name != NULL; i++)
		if (strcmp(t[i].name, name) == 0)
			break;
	assert_true(i < MOCK_PAIRS);
	t[i].name = name;
	t[i].value = value;
}

void
mock_order(struct mock *m, const char *path, const char *value)
{
	pair_set(m->order, path, value);
}

void
mock_setting(struct mock *m, const char *key, const char *value)
{
	pair_set(m->settings, key, value);
}

void
mock_items(struct mock *m, const struct mock_item *items, size_t n)
{
	assert_true(n <= MOCK_ITEMS);
	if (n > 0)
		memcpy(m->items, items, n * sizeof(items[0]));
	m->nitems = n;
}

/* --- the order and the request -------------------------------------- */

static const char *
m_order_field(struct ppx_ctx *ctx, const char *path)
{
	const struct mock_pair *p;

	p = pair_find(mock_of(ctx)->order, path);
	return p != NULL ? p->value : NULL;
}

static size_t
m_item_count(struct ppx_ctx *ctx)
{
	return mock_of(ctx)->nitems;
}

static const char *
m_item_field(struct ppx_ctx *ctx, size_t i, const char *name)
{
	const struct mock *m = mock_of(ctx);
	const struct mock_item *it;

	if (i >= m->nitems)
		return NULL;
	it = &m->items[i];
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

/* A plugin that asks for the stage gets the one its test set. */
static const char *
m_stage(struct ppx_ctx *ctx)
{
	const struct mock *m = mock_of(ctx);

	assert_non_null(m->stage);
	return m->stage;
}

static const char *
m_lang(struct ppx_ctx *ctx)
{
	(void)ctx;
	return "nl";
}

/* --- the tree -------------------------------------------------------- */

static struct ppx_node *
new_node(struct mock *m, int parent, const char *name)
{
	struct ppx_node	*n;

	assert_true(m->nnodes < MOCK_NODES);
	assert_true(strlen(name) < sizeof(n->name));
	n = &m->nodes[m->nnodes++];
	memset(n, 0, sizeof(*n));
	strcpy(n->name, name);
	n->parent = parent;
	return n;
}

/* The index of parent, which must be an element of this tree. */
static int
node_index(const struct mock *m, const struct ppx_node *parent)
{
	assert_non_null(parent);
	assert_true(parent >= m->nodes && parent < m->nodes + m->nnodes);
	return (int)(parent - m->nodes);
}

static void
add_attr(struct ppx_node *n, const char *name, const char *value)
{
	assert_non_null(value);
	assert_true(n->nattrs < MOCK_ATTRS);
	assert_true(strlen(name) < MOCK_NAME);
	assert_true(strlen(value) < MOCK_VAL);
	strcpy(n->attr_name[n->nattrs], name);
	strcpy(n->attr_val[n->nattrs], value);
	n->nattrs++;
}

static struct ppx_node *
m_root(struct ppx_ctx *ctx)
{
	struct mock	*m = mock_of(ctx);

	if (mock_fails(m, MOCK_ROOT))
		return NULL;
	if (m->nnodes == 0)
		(void)new_node(m, -1, "touchpoint");
	return &m->nodes[0];
}

static struct ppx_node *
m_elem(struct ppx_ctx *ctx, struct ppx_node *parent, const char *name)
{
	struct mock	*m = mock_of(ctx);

	if (mock_fails(m, MOCK_ELEM))
		return NULL;
	return new_node(m, node_index(m, parent), name);
}

static int
m_attr(struct ppx_ctx *ctx, struct ppx_node *node, const char *name,
    const char *value)
{
	struct mock	*m = mock_of(ctx);

	if (mock_fails(m, MOCK_ATTR))
		return PPX_ENOMEM;
	(void)node_index(m, node);
	add_attr(node, name, value);
	return PPX_OK;
}

static int
m_text(struct ppx_ctx *ctx, struct ppx_node *node, const char *text)
{
	struct mock	*m = mock_of(ctx);

	if (mock_fails(m, MOCK_TEXT))
		return PPX_ENOMEM;
	(void)node_index(m, node);
	assert_non_null(text);
	appendf(node->text, sizeof(node->text), "%s", text);
	return PPX_OK;
}

/* --- catalog messages ----------------------------------------------- */

/* "KEY|name=value…" into buf (MOCK_VAL): what msg() shows of a call. */
static void
msg_text(const struct mock *m, char *buf, const char *key,
    const struct ppx_arg *args, size_t nargs)
{
	size_t	i;

	buf[0] = '\0';
	appendf(buf, MOCK_VAL, "%s", key);
	for (i = 0; i < nargs; i++) {
		if (args[i].text != NULL)
			appendf(buf, MOCK_VAL, "|%s=%s", args[i].name,
			    args[i].text);
		else
			appendf(buf, MOCK_VAL, "|%s=%.*f", args[i].name,
			    m->decimals, args[i].number);
	}
}

static int
m_msg(struct ppx_ctx *ctx, struct ppx_node *parent, const char *key,
    const struct ppx_arg *args, size_t nargs)
{
	struct mock	*m = mock_of(ctx);
	struct ppx_node	*n;

	if (mock_fails(m, MOCK_MSG))
		return PPX_ENOMEM;
	if (m->missing_key != NULL && strcmp(key, m->missing_key) == 0)
		return PPX_ENOTFOUND;
	n = new_node(m, node_index(m, parent), "msg");
	add_attr(n, "key", key);
	msg_text(m, n->text, key, args, nargs);
	return PPX_OK;
}

/* --- clock, log, links, settings ------------------------------------ */

static int64_t
m_now(struct ppx_ctx *ctx)
{
	(void)ctx;
	return MOCK_NOW;
}

static int
m_days_until(struct ppx_ctx *ctx, const char *iso_date, long *days)
{
	const struct mock *m = mock_of(ctx);

	assert_non_null(iso_date);
	if (m->days_rc != PPX_OK)
		return m->days_rc;
	*days = m->days;
	return PPX_OK;
}

static void	m_log(struct ppx_ctx *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
m_log(struct ppx_ctx *ctx, int level, const char *fmt, ...)
{
	struct mock	*m = mock_of(ctx);
	va_list		 ap;

	(void)level;
	va_start(ap, fmt);
	vappendf(m->log, sizeof(m->log), fmt, ap);
	va_end(ap);
	appendf(m->log, sizeof(m->log), "\n");
	m->nlogs++;
}

static const char *
m_link(struct ppx_ctx *ctx, const char *url, const char *kind)
{
	struct mock	*m = mock_of(ctx);
	char		 buf[MOCK_VAL];

	if (m->refuse_kind != NULL && strcmp(kind, m->refuse_kind) == 0)
		return NULL;
	if (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0 && strncmp(url, "mailto:", 7) != 0)
		return NULL;
	buf[0] = '\0';
	appendf(buf, sizeof(buf), "tracked:%s:%s", kind, url);
	return mock_keep(m, buf);
}

static const char *
m_setting(struct ppx_ctx *ctx, const char *key)
{
	const struct mock_pair *p;

	if ((p = pair_find(mock_of(ctx)->settings, key)) == NULL)
		fail_msg("setting %s: not one the test declared", key);
	return p != NULL ? p->value : NULL;
}

/* --- the services a test brings itself ------------------------------ */

static int
no_content(struct ppx_ctx *ctx, const char *dataset, const char *key,
    const char **out, size_t max, size_t *n)
{
	(void)ctx; (void)out; (void)max; (void)n;
	fail_msg("content(%s, %s): the test set no such service", dataset,
	    key);
	return PPX_ERROR;
}

static int
no_code_issue(struct ppx_ctx *ctx, const char *kind, const char *item,
    const char **code)
{
	(void)ctx; (void)item; (void)code;
	fail_msg("code_issue(%s): the test set no such service", kind);
	return PPX_ERROR;
}

static const char *
no_code_link(struct ppx_ctx *ctx, const char *kind, const char *code)
{
	(void)ctx; (void)code;
	fail_msg("code_link(%s): the test set no such service", kind);
	return NULL;
}

static int
no_code_count(struct ppx_ctx *ctx, const char *kind, const char *state,
    int64_t *n)
{
	(void)ctx; (void)state; (void)n;
	fail_msg("code_count(%s): the test set no such service", kind);
	return PPX_ERROR;
}

static int
no_clubs_near(struct ppx_ctx *ctx, double radius_km, struct ppx_club *out,
    size_t max, size_t *n)
{
	(void)ctx; (void)radius_km; (void)out; (void)max; (void)n;
	fail_msg("clubs_near: the test set no such service");
	return PPX_ERROR;
}

static int
no_feed(struct ppx_ctx *ctx, const char *feed, const char *key,
    struct ppx_field *out, size_t max, size_t *n)
{
	(void)ctx; (void)key; (void)out; (void)max; (void)n;
	fail_msg("feed(%s): the test set no such service", feed);
	return PPX_ERROR;
}

static const struct ppx_host services = {
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
	.content = no_content,
	.setting = m_setting,
	.code_issue = no_code_issue,
	.code_link = no_code_link,
	.code_count = no_code_count,
	.clubs_near = no_clubs_near,
	.feed = no_feed,
};

void
mock_init(struct mock *m)
{
	memset(m, 0, sizeof(*m));
	m->host = services;
}

int
mock_render(struct ppx_ctx *ctx)
{
	return ppx_plugin.render(&mock_of(ctx)->host, ctx, NULL);
}

/* --- what the tests read -------------------------------------------- */

static void
serialise(const struct mock *m, size_t i, char *out, size_t max)
{
	const struct ppx_node *n = &m->nodes[i];
	size_t	a, c;

	appendf(out, max, "<%s", n->name);
	for (a = 0; a < n->nattrs; a++)
		appendf(out, max, " %s=\"%s\"", n->attr_name[a],
		    n->attr_val[a]);
	appendf(out, max, ">%s", n->text);
	/* Children come after their parent: new_node() appends. */
	for (c = i + 1; c < m->nnodes; c++)
		if (m->nodes[c].parent == (int)i)
			serialise(m, c, out, max);
	appendf(out, max, "</%s>", n->name);
}

const char *
mock_tree(const struct mock *m)
{
	static char	out[MOCK_OUT];

	out[0] = '\0';
	if (m->nnodes > 0)
		serialise(m, 0, out, sizeof(out));
	return out;
}

const struct ppx_node *
mock_find(const struct mock *m, const char *name)
{
	size_t	i;

	for (i = 0; i < m->nnodes; i++)
		if (strcmp(m->nodes[i].name, name) == 0)
			return &m->nodes[i];
	return NULL;
}

size_t
mock_count(const struct mock *m, const char *name)
{
	size_t	i, k = 0;

	for (i = 0; i < m->nnodes; i++)
		if (strcmp(m->nodes[i].name, name) == 0)
			k++;
	return k;
}

const char *
mock_attr(const struct ppx_node *n, const char *name)
{
	size_t	a;

	assert_non_null(n);
	for (a = 0; a < n->nattrs; a++)
		if (strcmp(n->attr_name[a], name) == 0)
			return n->attr_val[a];
	return NULL;
}
