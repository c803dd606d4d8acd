/*
 * voorpret.c - anticipation while the parcel is on its way.
 *
 * Stages: ordered (default), shipped, out_for_delivery.  Needs the order's
 * expected date; without one (or with one that is unusable) the touchpoint
 * has nothing to say and returns PPX_NODATA.  No words live here: every
 * word comes from the brand's catalog (msg) or the "tips" content dataset.
 *
 * The data tree this plugin writes is the contract with voorpret.xsl and
 * the public .xml/.json output.  Under the root the host made:
 *
 *   <touchpoint name="voorpret" stage="shipped" lang="nl" brand="demo">
 *
 *     exactly one of three openings:
 *
 *     (a) today: stage out_for_delivery, or the expected date is today
 *       <headline><msg key="voorpret.today">…</msg></headline>
 *       <carrier>…</carrier>                      (as in (c), when known)
 *
 *     (b) countdown: the expected date is days > 0 ahead
 *       <msg key="voorpret.intro">…{first_name}…</msg>
 *           (or <msg key="voorpret.intro_anon">…</msg> without a first name)
 *       <countdown days="2">
 *         <msg key="voorpret.countdown">…{days}…</msg>
 *       </countdown>
 *
 *     (c) delay: the expected date has passed (every stage here is before
 *         delivery), so say so before the customer has to ask
 *       <delay days_late="3">
 *         <msg key="voorpret.delay">…{days}…</msg>
 *         <msg key="voorpret.delay_sorry">…</msg>
 *         <carrier>                               (when name or link known)
 *           <name>PostNL</name>                   (when known)
 *           <link href="…"/>                      (host->link "tracking")
 *           <msg key="voorpret.track">…</msg>     (with the link)
 *         </carrier>
 *       </delay>
 *
 *     then, when the order has items, the first item:
 *       <product>
 *         <msg key="voorpret.product_heading">…</msg>   (optional copy)
 *         <name>Runner 42</name>                        (when known)
 *         <image src="https://…" alt="Runner 42"/>      (http(s) only)
 *         <link href="…"/>                              (host->link "product")
 *       </product>
 *
 *     and, when the content dataset has any for the first item's category
 *     (else for key "default"), two or three tips:
 *       <tips>
 *         <msg key="voorpret.tips_heading">…</msg>      (optional copy)
 *         <tip>…</tip> <tip>…</tip> <tip>…</tip>
 *       </tips>
 *   </touchpoint>
 *
 * Values are passed to the host as data, unchanged; the host escapes them
 * on output and the template sends every URL through ppx:url().
 *
 * Which tips: up to TIPS_POOL rows are fetched and TIPS_SHOWN of them are
 * shown, starting at a position chosen by a hash of the order id (the
 * first row without an id), so the same order always gets the same tips
 * and different orders see others.
 *
 * Builds out of tree with nothing but <ppx/plugin.h> and libc:
 *	cc -shared -fPIC $(pkg-config --cflags ppx-plugin) voorpret.c \
 *	    -o voorpret.so
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <ppx/plugin.h>

#define TIPS_POOL	6	/* rows fetched to rotate among */
#define TIPS_SHOWN	3	/* rows shown */
#define DAYS_MAX	365	/* a date further off either way is not usable */

static const char *const stages[] = {
	"ordered", "shipped", "out_for_delivery", NULL
};

/* <link href="…"/> under parent when url makes a link; fine when not. */
static int
put_link(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *parent, const char *url, const char *kind, int *made)
{
	const char	*href;

	*made = 0;
	if (url == NULL || (href = host->link(ctx, url, kind)) == NULL)
		return PPX_OK;
	if (ppx_link_elem(host, ctx, parent, href) != PPX_OK)
		return PPX_ERROR;
	*made = 1;
	return PPX_OK;
}

/* The carrier's name and tracking link, when the order carries them. */
static int
put_carrier(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *parent)
{
	struct ppx_node	*carrier;
	const char	*name, *url;
	int		 made;

	name = host->order_field(ctx, "carrier.name");
	url = host->order_field(ctx, "carrier.tracking_url");
	if (name == NULL && url == NULL)
		return PPX_OK;
	if ((carrier = host->elem(ctx, parent, "carrier")) == NULL)
		return PPX_ERROR;
	if (name != NULL &&
	    ppx_text_elem(host, ctx, carrier, "name", name) != PPX_OK)
		return PPX_ERROR;
	if (put_link(host, ctx, carrier, url, "tracking", &made) != PPX_OK)
		return PPX_ERROR;
	if (made)
		return ppx_msg_optional(host, ctx, carrier, "voorpret.track",
		    NULL, 0);
	return PPX_OK;
}

/* (a) It arrives today. */
static int
put_today(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root)
{
	struct ppx_node	*headline;

	if ((headline = host->elem(ctx, root, "headline")) == NULL)
		return PPX_ERROR;
	if (ppx_msg_required(host, ctx, headline, "voorpret.today", NULL, 0) !=
	    PPX_OK)
		return PPX_ERROR;
	return put_carrier(host, ctx, root);
}

/* (b) Days to go, with a personal line when we know the first name. */
static int
put_countdown(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, long days)
{
	struct ppx_node	*countdown;
	struct ppx_arg	 arg;
	const char	*first;
	char		 num[24];
	int		 rc;

	first = host->order_field(ctx, "customer.first_name");
	if (first != NULL && first[0] != '\0') {
		arg.name = "first_name";
		arg.text = first;
		arg.number = 0;
		rc = ppx_msg_optional(host, ctx, root, "voorpret.intro", &arg,
		    1);
	} else
		rc = ppx_msg_optional(host, ctx, root, "voorpret.intro_anon",
		    NULL, 0);
	if (rc != PPX_OK)
		return PPX_ERROR;

	if ((countdown = host->elem(ctx, root, "countdown")) == NULL)
		return PPX_ERROR;
	(void)snprintf(num, sizeof(num), "%ld", days);
	if (host->attr(ctx, countdown, "days", num) != PPX_OK)
		return PPX_ERROR;
	arg.name = "days";
	arg.text = NULL;
	arg.number = (double)days;
	return ppx_msg_required(host, ctx, countdown, "voorpret.countdown",
	    &arg, 1);
}

/* (c) Later than promised: say so, say sorry, say where to look. */
static int
put_delay(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, long late)
{
	struct ppx_node	*delay;
	struct ppx_arg	 arg;
	char		 num[24];

	if ((delay = host->elem(ctx, root, "delay")) == NULL)
		return PPX_ERROR;
	(void)snprintf(num, sizeof(num), "%ld", late);
	if (host->attr(ctx, delay, "days_late", num) != PPX_OK)
		return PPX_ERROR;
	arg.name = "days";
	arg.text = NULL;
	arg.number = (double)late;
	if (ppx_msg_required(host, ctx, delay, "voorpret.delay", &arg, 1) !=
	    PPX_OK)
		return PPX_ERROR;
	if (ppx_msg_required(host, ctx, delay, "voorpret.delay_sorry", NULL,
	    0) != PPX_OK)
		return PPX_ERROR;
	return put_carrier(host, ctx, delay);
}

/* Whether url starts with http:// or https:// (in any case). */
static int
is_web_url(const char *url)
{
	static const char *const schemes[] = { "https://", "http://", NULL };
	size_t	i, j;

	for (i = 0; schemes[i] != NULL; i++) {
		for (j = 0; schemes[i][j] != '\0'; j++)
			if (tolower((unsigned char)url[j]) != schemes[i][j])
				break;
		if (schemes[i][j] == '\0')
			return 1;
	}
	return 0;
}

/* The first item: name, picture, link.  Nothing when there is no item. */
static int
put_product(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root)
{
	struct ppx_node	*product, *image;
	const char	*name, *src, *url;
	int		 made;

	if (host->item_count(ctx) == 0)
		return PPX_OK;
	name = host->item_field(ctx, 0, "name");
	/* Pictures are not links: no tracking, but only a web URL. */
	if ((src = host->item_field(ctx, 0, "image")) != NULL &&
	    !is_web_url(src))
		src = NULL;
	url = host->item_field(ctx, 0, "url");
	if (name == NULL && src == NULL && url == NULL)
		return PPX_OK;

	if ((product = host->elem(ctx, root, "product")) == NULL)
		return PPX_ERROR;
	if (ppx_msg_optional(host, ctx, product, "voorpret.product_heading",
	    NULL, 0) != PPX_OK)
		return PPX_ERROR;
	if (name != NULL && ppx_text_elem(host, ctx, product, "name", name) !=
	    PPX_OK)
		return PPX_ERROR;
	if (src != NULL) {
		if ((image = host->elem(ctx, product, "image")) == NULL)
			return PPX_ERROR;
		if (host->attr(ctx, image, "src", src) != PPX_OK)
			return PPX_ERROR;
		if (host->attr(ctx, image, "alt", name != NULL ? name : "") !=
		    PPX_OK)
			return PPX_ERROR;
	}
	return put_link(host, ctx, product, url, "product", &made);
}

/* FNV-1a: a stable hash of the order id, the same on every host. */
static uint32_t
hash_id(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/*
 * Rows of the tips dataset for key.  OUT: rows, *n.  PPX_OK with *n == 0
 * when there are none (or the key is one the host will not look up).
 */
static int
fetch_tips(const struct ppx_host *host, struct ppx_ctx *ctx, const char *key,
    const char **rows, size_t *n)
{
	int	rc;

	*n = 0;
	rc = host->content(ctx, "tips", key, rows, TIPS_POOL, n);
	if (rc == PPX_ENOTFOUND || rc == PPX_EINVAL) {
		*n = 0;
		return PPX_OK;
	}
	if (rc != PPX_OK)
		return PPX_ERROR;
	if (*n > TIPS_POOL)	/* a host that overran max is not trusted */
		return PPX_ERROR;
	return PPX_OK;
}

/* Two or three tips for the first item's category, else the defaults. */
static int
put_tips(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root)
{
	const char	*rows[TIPS_POOL];
	const char	*category = NULL, *id;
	struct ppx_node	*tips;
	size_t		 n, i, start, shown;

	if (host->item_count(ctx) > 0)
		category = host->item_field(ctx, 0, "category");
	n = 0;
	if (category != NULL && category[0] != '\0' &&
	    fetch_tips(host, ctx, category, rows, &n) != PPX_OK)
		return PPX_ERROR;
	if (n == 0 && fetch_tips(host, ctx, "default", rows, &n) != PPX_OK)
		return PPX_ERROR;
	if (n == 0)
		return PPX_OK;

	if ((tips = host->elem(ctx, root, "tips")) == NULL)
		return PPX_ERROR;
	if (ppx_msg_optional(host, ctx, tips, "voorpret.tips_heading", NULL,
	    0) != PPX_OK)
		return PPX_ERROR;
	id = host->order_field(ctx, "id");
	start = id != NULL ? hash_id(id) % n : 0;
	shown = n < TIPS_SHOWN ? n : TIPS_SHOWN;
	for (i = 0; i < shown; i++) {
		const char *row = rows[(start + i) % n];

		if (row == NULL)
			continue;
		if (ppx_text_elem(host, ctx, tips, "tip", row) != PPX_OK)
			return PPX_ERROR;
	}
	return PPX_OK;
}

static int
is_stage(const char *stage, const char *want)
{
	return stage != NULL && strcmp(stage, want) == 0;
}

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_node	*root;
	const char	*expected;
	long		 days;
	int		 rc;

	(void)state;
	if ((expected = host->order_field(ctx, "expected")) == NULL)
		return PPX_NODATA;
	rc = host->days_until(ctx, expected, &days);
	if (rc == PPX_EINVAL) {
		host->log(ctx, PPX_LOG_WARN, "expected date is malformed");
		return PPX_NODATA;
	}
	if (rc != PPX_OK)
		return PPX_ERROR;
	if (days > DAYS_MAX || days < -DAYS_MAX) {
		host->log(ctx, PPX_LOG_WARN, "expected date out of range");
		return PPX_NODATA;
	}
	if ((root = host->root(ctx)) == NULL)
		return PPX_ERROR;

	if (is_stage(host->stage(ctx), "out_for_delivery") || days == 0)
		rc = put_today(host, ctx, root);
	else if (days > 0)
		rc = put_countdown(host, ctx, root, days);
	else
		rc = put_delay(host, ctx, root, -days);
	if (rc != PPX_OK)
		return PPX_ERROR;

	if (put_product(host, ctx, root) != PPX_OK)
		return PPX_ERROR;
	if (put_tips(host, ctx, root) != PPX_OK)
		return PPX_ERROR;
	return PPX_OK;
}

/*
 * The plugin descriptor, the one exported symbol.  No per-worker state:
 * init and fini are NULL.
 */
extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "voorpret", stages, NULL, render, NULL
};
