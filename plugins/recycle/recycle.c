/*
 * recycle.c - a free recycling return of the old product (stage
 * delivered).
 *
 * Items whose category is in the brand's setting "recycle.categories"
 * (a comma list: "running-shoes, trail-shoes") are eligible.  For each
 * (at most ITEMS_MAX) the host issues a return code, the same for the
 * same order and item ever after, and a signed link to the code's claim
 * page.  Below them the brand's running total of items recycled (codes
 * received).  No eligible item: PPX_NODATA.  No words live here.
 *
 * The data tree (the contract with recycle.xsl and the .xml/.json
 * output), under the root the host made:
 *
 *   <touchpoint name="recycle" stage="delivered" lang="nl" brand="demo">
 *     <msg key="recycle.heading">…</msg>
 *     <msg key="recycle.intro">…</msg>
 *     <item>                                    (one per eligible item)
 *       <name>Runner 42</name>                  (when known)
 *       <code>RC-7K2M9-QXD4E</code>
 *       <link href="https://…/v1/recycle/RC-…?exp=…&amp;kid=…&amp;sig=…"/>
 *                                               (when the host makes one)
 *     </item>
 *     <msg key="recycle.cta">…</msg>            (label of the links)
 *     <total n="12408">                         (when any were recycled)
 *       <msg key="recycle.total">…{n, number}…</msg>
 *     </total>
 *   </touchpoint>
 *
 * Builds out of tree with nothing but <ppx/plugin.h> and libc.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <ppx/plugin.h>

#define ITEMS_MAX	4	/* codes in one email */
#define CATEGORY_MAX	64	/* bytes of one category name */
#define KIND		"recycle"

static const char *const stages[] = { "delivered", NULL };

/* Is category one of the comma list? (case-insensitive, spaces trimmed) */
static int
eligible(const char *list, const char *category)
{
	const char *p = list, *end;
	size_t len, want;

	if (list == NULL || category == NULL)
		return 0;
	want = strlen(category);
	if (want == 0 || want > CATEGORY_MAX)
		return 0;
	while (*p != '\0') {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		for (end = p; *end != '\0' && *end != ','; end++)
			continue;
		len = (size_t)(end - p);
		while (len > 0 && isspace((unsigned char)p[len - 1]))
			len--;
		if (len == want && strncasecmp(p, category, len) == 0)
			return 1;
		p = end;
	}
	return 0;
}

/* <item> for item i: its code and the link to the claim page. */
static int
put_item(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, size_t i)
{
	const char *sku, *name, *code, *href;
	struct ppx_node *item;
	int rc;

	/* The item is known by its SKU, else by its place in the order. */
	if ((sku = host->item_field(ctx, i, "sku")) == NULL)
		return PPX_NODATA;
	if ((rc = host->code_issue(ctx, KIND, sku, &code)) != PPX_OK) {
		host->log(ctx, PPX_LOG_ERR, "no code for an item (%d)", rc);
		return PPX_ERROR;
	}
	if ((item = host->elem(ctx, root, "item")) == NULL)
		return PPX_ERROR;
	name = host->item_field(ctx, i, "name");
	if (name != NULL &&
	    ppx_text_elem(host, ctx, item, "name", name) != PPX_OK)
		return PPX_ERROR;
	if (ppx_text_elem(host, ctx, item, "code", code) != PPX_OK)
		return PPX_ERROR;
	if ((href = host->code_link(ctx, KIND, code)) != NULL &&
	    ppx_link_elem(host, ctx, item, href) != PPX_OK)
		return PPX_ERROR;
	return PPX_OK;
}

/* The brand's running total, when there is one to be proud of. */
static int
put_total(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root)
{
	struct ppx_arg arg = { "n", NULL, 0 };
	struct ppx_node *total;
	char n[24];
	int64_t count;

	if (host->code_count(ctx, KIND, "received", &count) != PPX_OK) {
		host->log(ctx, PPX_LOG_WARN, "no running total");
		return PPX_OK;	/* the codes matter more than the total */
	}
	if (count <= 0)
		return PPX_OK;
	snprintf(n, sizeof(n), "%lld", (long long)count);
	arg.number = (double)count;
	if ((total = host->elem(ctx, root, "total")) == NULL ||
	    host->attr(ctx, total, "n", n) != PPX_OK)
		return PPX_ERROR;
	return ppx_msg_required(host, ctx, total, "recycle.total", &arg, 1);
}

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_node *root;
	const char *list, *category;
	size_t i, n, made = 0;
	size_t pick[ITEMS_MAX];
	int rc;

	(void)state;
	if (host->abi_minor < 1 || host->size < sizeof(struct ppx_host))
		return PPX_ERROR;	/* needs the 1.1 code services */
	if ((list = host->setting(ctx, "recycle.categories")) == NULL)
		return PPX_NODATA;
	n = host->item_count(ctx);
	for (i = 0; i < n && made < ITEMS_MAX; i++) {
		category = host->item_field(ctx, i, "category");
		if (eligible(list, category) &&
		    host->item_field(ctx, i, "sku") != NULL)
			pick[made++] = i;
	}
	if (made == 0)
		return PPX_NODATA;

	root = host->root(ctx);
	if (ppx_msg_required(host, ctx, root, "recycle.heading", NULL, 0) !=
	    PPX_OK ||
	    ppx_msg_required(host, ctx, root, "recycle.intro", NULL, 0) !=
	    PPX_OK)
		return PPX_ERROR;
	for (i = 0; i < made; i++)
		if ((rc = put_item(host, ctx, root, pick[i])) != PPX_OK)
			return rc;
	if (ppx_msg_required(host, ctx, root, "recycle.cta", NULL, 0) != PPX_OK)
		return PPX_ERROR;
	return put_total(host, ctx, root);
}

PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "recycle", stages, NULL, render, NULL
};
