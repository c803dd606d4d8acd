/*
 * manual.c - "Alvast de handleiding": the manual of what is in the
 * parcel, before (or as) it arrives.
 *
 * Stages: shipped (default), out_for_delivery, delivered.  The record
 * comes from the brand's "manual" feed for the first item's SKU through
 * host->feed (ABI 1.1): fields title, cover.url, cover.width,
 * cover.height, steps (repeated), pdf.  No record (or no title, or no
 * usable PDF link): PPX_NODATA.  Not fetched in time: PPX_EAGAIN, which
 * the host treats as "unavailable" and omits; the host warms its cache
 * for the next email.  No words live here: copy comes from the catalog.
 *
 * The data tree (the contract with manual.xsl and the .xml/.json output):
 *
 *   <touchpoint name="manual" stage="shipped" lang="nl" brand="demo">
 *     <msg key="manual.heading">…</msg>
 *     <msg key="manual.intro">…{product}…</msg>        (shipped,
 *         out_for_delivery; manual.intro_delivered on delivered;
 *         manual.intro_anon when the item has no name)
 *     <title>Runner 42 — snel op weg</title>
 *     <cover src="https://…" width="160" height="213">
 *       <msg key="manual.cover_alt">…</msg>             (the image's alt)
 *     </cover>  (when the feed gives an http(s) URL and a sane size;
 *                scaled to COVER_WIDTH pixels wide at most)
 *     <steps>                                          (when any)
 *       <msg key="manual.steps_heading">…</msg>
 *       <step>…</step>  (STEPS_MAX at most)
 *     </steps>
 *     <pdf href="…"><msg key="manual.pdf">…</msg></pdf> (host->link "manual")
 *   </touchpoint>
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ppx/plugin.h>

#define FIELDS_MAX	32	/* fields asked of the feed */
#define STEPS_MAX	3	/* first steps shown */
#define COVER_WIDTH	160	/* widest cover shown, px */
#define COVER_SIZE_MAX	4000	/* a larger claimed size is not believed */

static const char *const stages[] = {
	"shipped", "out_for_delivery", "delivered", NULL
};

/* The parts of a manual record this touchpoint uses. */
struct record {
	const char	*title, *cover, *cover_w, *cover_h, *pdf;
	const char	*steps[STEPS_MAX];
	size_t		 nsteps;
};

static void
read_record(const struct ppx_field *f, size_t n, struct record *r)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < n; i++) {
		if (f[i].name == NULL || f[i].value == NULL ||
		    f[i].value[0] == '\0')
			continue;
		if (strcmp(f[i].name, "title") == 0 && r->title == NULL)
			r->title = f[i].value;
		else if (strcmp(f[i].name, "cover.url") == 0)
			r->cover = f[i].value;
		else if (strcmp(f[i].name, "cover.width") == 0)
			r->cover_w = f[i].value;
		else if (strcmp(f[i].name, "cover.height") == 0)
			r->cover_h = f[i].value;
		else if (strcmp(f[i].name, "pdf") == 0 && r->pdf == NULL)
			r->pdf = f[i].value;
		else if (strcmp(f[i].name, "steps") == 0 &&
		    r->nsteps < STEPS_MAX)
			r->steps[r->nsteps++] = f[i].value;
	}
}

/* A whole number of pixels 1..COVER_SIZE_MAX, else 0. */
static long
pixels(const char *s)
{
	char	*end;
	long	 n;

	if (s == NULL)
		return 0;
	n = strtol(s, &end, 10);
	if (end == s || *end != '\0' || n < 1 || n > COVER_SIZE_MAX)
		return 0;
	return n;
}

static int
is_web_url(const char *url)
{
	return strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0;
}

/* The cover, scaled to COVER_WIDTH at most; nothing when unusable. */
static int
put_cover(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, const struct record *r)
{
	struct ppx_node	*cover;
	long		 w = pixels(r->cover_w), h = pixels(r->cover_h);
	char		 ws[16], hs[16];

	if (r->cover == NULL || !is_web_url(r->cover) || w == 0 || h == 0)
		return PPX_OK;
	if (w > COVER_WIDTH) {
		h = (h * COVER_WIDTH + w / 2) / w;
		w = COVER_WIDTH;
		if (h < 1)
			h = 1;
	}
	(void)snprintf(ws, sizeof(ws), "%ld", w);
	(void)snprintf(hs, sizeof(hs), "%ld", h);
	if ((cover = host->elem(ctx, root, "cover")) == NULL ||
	    host->attr(ctx, cover, "src", r->cover) != PPX_OK ||
	    host->attr(ctx, cover, "width", ws) != PPX_OK ||
	    host->attr(ctx, cover, "height", hs) != PPX_OK)
		return PPX_ERROR;
	return ppx_msg_required(host, ctx, cover, "manual.cover_alt", NULL, 0);
}

static int
put_steps(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, const struct record *r)
{
	struct ppx_node	*steps;
	size_t		 i;

	if (r->nsteps == 0)
		return PPX_OK;
	if ((steps = host->elem(ctx, root, "steps")) == NULL)
		return PPX_ERROR;
	if (ppx_msg_required(host, ctx, steps, "manual.steps_heading", NULL,
	    0) != PPX_OK)
		return PPX_ERROR;
	for (i = 0; i < r->nsteps; i++)
		if (ppx_text_elem(host, ctx, steps, "step", r->steps[i]) !=
		    PPX_OK)
			return PPX_ERROR;
	return PPX_OK;
}

static int
put_intro(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, const char *product)
{
	const char	*stage = host->stage(ctx);
	struct ppx_arg	 arg = { "product", product, 0 };

	if (product == NULL || product[0] == '\0')
		return ppx_msg_required(host, ctx, root, "manual.intro_anon",
		    NULL, 0);
	if (stage != NULL && strcmp(stage, "delivered") == 0)
		return ppx_msg_required(host, ctx, root,
		    "manual.intro_delivered", &arg, 1);
	return ppx_msg_required(host, ctx, root, "manual.intro", &arg, 1);
}

/* The first item's SKU, or NULL. */
static const char *
first_sku(const struct ppx_host *host, struct ppx_ctx *ctx, size_t *item)
{
	const char	*sku;
	size_t		 i, n = host->item_count(ctx);

	for (i = 0; i < n; i++) {
		sku = host->item_field(ctx, i, "sku");
		if (sku != NULL && sku[0] != '\0') {
			*item = i;
			return sku;
		}
	}
	return NULL;
}

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_field fields[FIELDS_MAX];
	struct ppx_node	*root, *pdf;
	struct record	 r;
	const char	*sku, *href;
	size_t		 n = 0, item = 0;
	int		 rc;

	(void)state;
	if (host->abi_minor < 1 || host->size <
	    offsetof(struct ppx_host, feed) + sizeof(host->feed))
		return PPX_NODATA;	/* a 1.0 host has no feeds */
	if ((sku = first_sku(host, ctx, &item)) == NULL)
		return PPX_NODATA;
	rc = host->feed(ctx, "manual", sku, fields, FIELDS_MAX, &n);
	if (rc == PPX_EAGAIN)
		return PPX_EAGAIN;
	if (rc == PPX_ENOTFOUND || rc == PPX_EINVAL)
		return PPX_NODATA;
	if (rc != PPX_OK || n > FIELDS_MAX)
		return PPX_ERROR;
	read_record(fields, n, &r);
	if (r.title == NULL || r.pdf == NULL ||
	    (href = host->link(ctx, r.pdf, "manual")) == NULL) {
		host->log(ctx, PPX_LOG_WARN, "manual of %s lacks a title or a "
		    "PDF link", sku);
		return PPX_NODATA;
	}

	if ((root = host->root(ctx)) == NULL)
		return PPX_ERROR;
	if (ppx_msg_required(host, ctx, root, "manual.heading", NULL, 0) !=
	    PPX_OK ||
	    put_intro(host, ctx, root, host->item_field(ctx, item, "name")) !=
	    PPX_OK ||
	    ppx_text_elem(host, ctx, root, "title", r.title) != PPX_OK ||
	    put_cover(host, ctx, root, &r) != PPX_OK ||
	    put_steps(host, ctx, root, &r) != PPX_OK)
		return PPX_ERROR;
	if ((pdf = host->elem(ctx, root, "pdf")) == NULL ||
	    host->attr(ctx, pdf, "href", href) != PPX_OK ||
	    ppx_msg_required(host, ctx, pdf, "manual.pdf", NULL, 0) != PPX_OK)
		return PPX_ERROR;
	return PPX_OK;
}

PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "manual", stages, NULL, render, NULL
};
