/*
 * echo.c - a test plugin that writes back everything it can read.
 *
 * Every order field and every field of every item goes into the tree
 * twice, as an attribute and as text, and every URL goes through
 * host->link, so hostile-input tests can check escaping and URL checks
 * end to end.  The tree:
 *
 *   <touchpoint name="echo" …>
 *     <order brand="…" stage="…" lang="…" items="2">
 *       <field name="customer.first_name" value="Anne">Anne</field> …
 *     </order>
 *     <item index="0">
 *       <field name="sku" value="RUN-42">RUN-42</field> …
 *       <link kind="product" href="…"/>          (when url makes a link)
 *     </item> …
 *     <link kind="tracking" href="…"/>           (when tracking_url does)
 *   </touchpoint>
 *
 * Built for `make check` only; never installed.
 */
#include <stdio.h>

#include <ppx/plugin.h>

#define ECHO_ITEMS_MAX	100	/* the host caps items anyway */

static const char *const stages[] = {
	"ordered", "shipped", "out_for_delivery", "delivered", "picked_up",
	"return_received", "cancelled", NULL
};

static const char *const order_fields[] = {
	"id", "lang", "placed", "expected", "customer.first_name",
	"customer.postcode", "customer.country", "customer.id",
	"carrier.name", "carrier.tracking_url", "pickup.name",
	"pickup.address", "pickup.hours", NULL
};

static const char *const item_fields[] = {
	"sku", "name", "category", "image", "url", "qty", NULL
};

/* <field name="NAME" value="VALUE">VALUE</field>; nothing for NULL. */
static int
put_field(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *parent, const char *name, const char *value)
{
	struct ppx_node	*n;

	if (value == NULL)
		return PPX_OK;
	if ((n = host->elem(ctx, parent, "field")) == NULL ||
	    host->attr(ctx, n, "name", name) != PPX_OK ||
	    host->attr(ctx, n, "value", value) != PPX_OK ||
	    host->text(ctx, n, value) != PPX_OK)
		return PPX_ERROR;
	return PPX_OK;
}

/* <link kind="KIND" href="…"/> when url makes a link. */
static int
put_link(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *parent, const char *url, const char *kind)
{
	struct ppx_node	*n;
	const char	*href;

	if (url == NULL || (href = host->link(ctx, url, kind)) == NULL)
		return PPX_OK;
	if ((n = host->elem(ctx, parent, "link")) == NULL ||
	    host->attr(ctx, n, "kind", kind) != PPX_OK ||
	    host->attr(ctx, n, "href", href) != PPX_OK)
		return PPX_ERROR;
	return PPX_OK;
}

static int
put_order(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, size_t nitems)
{
	struct ppx_node	*order;
	const char	*v;
	char		 num[32];
	size_t		 i;

	if ((order = host->elem(ctx, root, "order")) == NULL)
		return PPX_ERROR;
	if ((v = host->brand(ctx)) != NULL &&
	    host->attr(ctx, order, "brand", v) != PPX_OK)
		return PPX_ERROR;
	if ((v = host->stage(ctx)) != NULL &&
	    host->attr(ctx, order, "stage", v) != PPX_OK)
		return PPX_ERROR;
	if ((v = host->lang(ctx)) != NULL &&
	    host->attr(ctx, order, "lang", v) != PPX_OK)
		return PPX_ERROR;
	(void)snprintf(num, sizeof(num), "%zu", nitems);
	if (host->attr(ctx, order, "items", num) != PPX_OK)
		return PPX_ERROR;
	for (i = 0; order_fields[i] != NULL; i++)
		if (put_field(host, ctx, order, order_fields[i],
		    host->order_field(ctx, order_fields[i])) != PPX_OK)
			return PPX_ERROR;
	return PPX_OK;
}

static int
put_item(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, size_t i)
{
	struct ppx_node	*item;
	char		 num[32];
	size_t		 f;

	if ((item = host->elem(ctx, root, "item")) == NULL)
		return PPX_ERROR;
	(void)snprintf(num, sizeof(num), "%zu", i);
	if (host->attr(ctx, item, "index", num) != PPX_OK)
		return PPX_ERROR;
	for (f = 0; item_fields[f] != NULL; f++)
		if (put_field(host, ctx, item, item_fields[f],
		    host->item_field(ctx, i, item_fields[f])) != PPX_OK)
			return PPX_ERROR;
	return put_link(host, ctx, item, host->item_field(ctx, i, "url"),
	    "product");
}

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_node	*root;
	size_t		 i, n;

	(void)state;
	if ((root = host->root(ctx)) == NULL)
		return PPX_ERROR;
	n = host->item_count(ctx);
	if (put_order(host, ctx, root, n) != PPX_OK)
		return PPX_ERROR;
	for (i = 0; i < n && i < ECHO_ITEMS_MAX; i++)
		if (put_item(host, ctx, root, i) != PPX_OK)
			return PPX_ERROR;
	if (put_link(host, ctx, root,
	    host->order_field(ctx, "carrier.tracking_url"), "tracking") !=
	    PPX_OK)
		return PPX_ERROR;
	return PPX_OK;
}

/* The descriptor: serves every stage, never fails on its own. */
extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "echo", stages, NULL, render, NULL
};
