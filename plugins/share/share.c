/*
 * share.c - "Alles naar wens?": after delivery, an invitation to share
 * the product with friends on Facebook, X, WhatsApp, Pinterest, LinkedIn
 * or by e-mail.
 *
 * Stages: delivered (default), picked_up.  Needs the first item's web
 * URL (the thing to share); without one the touchpoint has nothing to
 * say and returns PPX_NODATA.  Only the first item is shared: the email
 * stays short.  No words live here: the copy comes from the catalog
 * (msg), the shared text is the product's own name.
 *
 * Every share link carries the product URL tagged with the brand's UTM
 * settings, each with a default:
 *
 *	share.utm_source    the network's id ("facebook", "x", ...)
 *	share.utm_medium    "social"
 *	share.utm_campaign  "share"
 *
 * and goes through host->link as kind "share-<network>", so the host
 * makes it a tracked /r/ link and counts the clicks per network.
 *
 * The data tree (the contract with share.xsl and the .xml/.json output):
 *
 *   <touchpoint name="share" stage="delivered" lang="nl" brand="demo">
 *     <msg key="share.heading">…</msg>
 *     <msg key="share.intro">…{first_name}…</msg>   (or share.intro_anon;
 *                                                     optional copy)
 *     <product>
 *       <name>Runner 42</name>                       (when known)
 *       <image src="https://…" alt="Runner 42"/>     (http(s) only)
 *       <link href="…"/>                             (host->link "product")
 *     </product>
 *     <networks>
 *       <msg key="share.networks_heading">…</msg>
 *       <network id="facebook">                      (one per network the
 *         <link href="…"/>                            host gave a link for,
 *         <msg key="share.facebook">…</msg>           in this order)
 *       </network>
 *       …
 *     </networks>
 *   </touchpoint>
 *
 * Builds out of tree with nothing but <ppx/plugin.h> and libc.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <ppx/plugin.h>

#define URL_MAX		1024	/* a share link; longer ones are left out */
#define SETTING_MAX	128	/* a UTM value, before encoding */
#define KEY_MAX		64

static const char *const stages[] = { "delivered", "picked_up", NULL };

/*
 * How each network takes a share.  In the pattern {u} is the tagged
 * product URL, {n} the product's name, {t} the name and the URL, {m}
 * the picture; each is percent-encoded as a query value.
 */
static const struct network {
	const char	*id;
	const char	*pattern;
} networks[] = {
	{ "facebook", "https://www.facebook.com/sharer/sharer.php?u={u}" },
	{ "x", "https://x.com/intent/tweet?url={u}&text={n}" },
	{ "whatsapp", "https://wa.me/?text={t}" },
	{ "pinterest", "https://pinterest.com/pin/create/button/"
	    "?url={u}&media={m}&description={n}" },
	{ "linkedin", "https://www.linkedin.com/sharing/share-offsite/"
	    "?url={u}" },
	{ "email", "mailto:?subject={n}&body={t}" },
};

/* What one share is made of. */
struct share {
	const char	*name;		/* "" when unknown */
	const char	*url;		/* the product's web URL */
	const char	*image;		/* NULL when none */
	const char	*utm_source;	/* NULL: the network's id */
	const char	*utm_medium;
	const char	*utm_campaign;
};

/* A growing string with a hard cap; len == cap means it overflowed. */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;	/* room, the NUL included */
};

static void
buf_putc(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->len = b->cap;
		return;
	}
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

static void
buf_puts(struct buf *b, const char *s)
{
	while (*s != '\0' && b->len < b->cap)
		buf_putc(b, *s++);
}

/* s as a query value: all but the unreserved characters %-encoded. */
static void
buf_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;

	for (; *s != '\0' && b->len < b->cap; s++) {
		c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
			buf_putc(b, (char)c);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

static int
buf_ok(const struct buf *b)
{
	return b->len < b->cap;
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

/*
 * The product URL with utm_source, utm_medium and utm_campaign added to
 * its query (before any #fragment), into b.
 */
static void
tag_url(struct buf *b, const struct share *sh, const char *source)
{
	const char *hash;
	size_t base, i;

	hash = strchr(sh->url, '#');
	base = hash != NULL ? (size_t)(hash - sh->url) : strlen(sh->url);
	for (i = 0; i < base; i++)
		buf_putc(b, sh->url[i]);
	buf_putc(b, memchr(sh->url, '?', base) != NULL ? '&' : '?');
	buf_puts(b, "utm_source=");
	buf_encode(b, sh->utm_source != NULL ? sh->utm_source : source);
	buf_puts(b, "&utm_medium=");
	buf_encode(b, sh->utm_medium);
	buf_puts(b, "&utm_campaign=");
	buf_encode(b, sh->utm_campaign);
	if (hash != NULL)
		buf_puts(b, hash);
}

/* The share link of network n into out (URL_MAX + 1).  0, or -1: too long. */
static int
share_url(const struct network *n, const struct share *sh,
    char out[URL_MAX + 1])
{
	char tagged[URL_MAX + 1], text[URL_MAX + 1];
	struct buf t = { tagged, 0, sizeof(tagged) };
	struct buf x = { text, 0, sizeof(text) };
	struct buf b = { out, 0, URL_MAX + 1 };
	const char *p;

	tagged[0] = text[0] = out[0] = '\0';
	tag_url(&t, sh, n->id);
	if (sh->name[0] != '\0') {
		buf_puts(&x, sh->name);
		buf_putc(&x, ' ');
	}
	buf_puts(&x, tagged);
	if (!buf_ok(&t) || !buf_ok(&x))
		return -1;
	for (p = n->pattern; *p != '\0'; p++) {
		if (p[0] != '{' || p[1] == '\0' || p[2] != '}') {
			buf_putc(&b, *p);
			continue;
		}
		switch (p[1]) {
		case 'u':
			buf_encode(&b, tagged);
			break;
		case 'n':
			buf_encode(&b, sh->name);
			break;
		case 't':
			buf_encode(&b, text);
			break;
		case 'm':
			buf_encode(&b, sh->image != NULL ? sh->image : "");
			break;
		}
		p += 2;
	}
	return buf_ok(&b) ? 0 : -1;
}

/*
 * A brand setting that fits a UTM value (1..SETTING_MAX bytes), else
 * fallback.  Hosts before ABI 1.1 have no settings.
 */
static const char *
setting_or(const struct ppx_host *host, struct ppx_ctx *ctx, const char *key,
    const char *fallback)
{
	const char	*v;

	if (host->abi_minor < 1 || host->setting == NULL)
		return fallback;
	v = host->setting(ctx, key);
	if (v == NULL || v[0] == '\0' || strlen(v) > SETTING_MAX)
		return fallback;
	return v;
}

static int
put_intro(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root)
{
	struct ppx_arg	 arg;
	const char	*first;

	if (ppx_msg_required(host, ctx, root, "share.heading", NULL, 0) !=
	    PPX_OK)
		return PPX_ERROR;
	first = host->order_field(ctx, "customer.first_name");
	if (first == NULL || first[0] == '\0')
		return ppx_msg_optional(host, ctx, root, "share.intro_anon",
		    NULL, 0);
	arg.name = "first_name";
	arg.text = first;
	arg.number = 0;
	return ppx_msg_optional(host, ctx, root, "share.intro", &arg, 1);
}

static int
put_product(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, const struct share *sh)
{
	struct ppx_node	*product, *image;
	const char	*href;

	if ((product = host->elem(ctx, root, "product")) == NULL)
		return PPX_ERROR;
	if (sh->name[0] != '\0' &&
	    ppx_text_elem(host, ctx, product, "name", sh->name) != PPX_OK)
		return PPX_ERROR;
	if (sh->image != NULL) {
		if ((image = host->elem(ctx, product, "image")) == NULL)
			return PPX_ERROR;
		if (host->attr(ctx, image, "src", sh->image) != PPX_OK ||
		    host->attr(ctx, image, "alt", sh->name) != PPX_OK)
			return PPX_ERROR;
	}
	if ((href = host->link(ctx, sh->url, "product")) == NULL)
		return PPX_OK;
	return ppx_link_elem(host, ctx, product, href);
}

/* One <network> per network the host makes a link for.  OUT: *made. */
static int
put_networks(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *root, const struct share *sh, size_t *made)
{
	char		 url[URL_MAX + 1], kind[KEY_MAX], key[KEY_MAX];
	struct ppx_node	*list, *net;
	const char	*href;
	size_t		 i;

	*made = 0;
	if ((list = host->elem(ctx, root, "networks")) == NULL)
		return PPX_ERROR;
	if (ppx_msg_required(host, ctx, list, "share.networks_heading", NULL,
	    0) != PPX_OK)
		return PPX_ERROR;
	for (i = 0; i < sizeof(networks) / sizeof(networks[0]); i++) {
		if (share_url(&networks[i], sh, url) == -1) {
			host->log(ctx, PPX_LOG_WARN, "%s: share link too long",
			    networks[i].id);
			continue;
		}
		(void)snprintf(kind, sizeof(kind), "share-%s", networks[i].id);
		(void)snprintf(key, sizeof(key), "share.%s", networks[i].id);
		if ((href = host->link(ctx, url, kind)) == NULL)
			continue;
		if ((net = host->elem(ctx, list, "network")) == NULL ||
		    host->attr(ctx, net, "id", networks[i].id) != PPX_OK ||
		    ppx_link_elem(host, ctx, net, href) != PPX_OK ||
		    ppx_msg_required(host, ctx, net, key, NULL, 0) != PPX_OK)
			return PPX_ERROR;
		(*made)++;
	}
	return PPX_OK;
}

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_node	*root;
	struct share	 sh;
	size_t		 made;

	(void)state;
	if (host->item_count(ctx) == 0)
		return PPX_NODATA;
	memset(&sh, 0, sizeof(sh));
	if ((sh.url = host->item_field(ctx, 0, "url")) == NULL ||
	    !is_web_url(sh.url))
		return PPX_NODATA;
	if ((sh.name = host->item_field(ctx, 0, "name")) == NULL)
		sh.name = "";
	/* Pictures are not links: no tracking, but only a web URL. */
	if ((sh.image = host->item_field(ctx, 0, "image")) != NULL &&
	    !is_web_url(sh.image))
		sh.image = NULL;
	sh.utm_source = setting_or(host, ctx, "share.utm_source", NULL);
	sh.utm_medium = setting_or(host, ctx, "share.utm_medium", "social");
	sh.utm_campaign = setting_or(host, ctx, "share.utm_campaign", "share");

	if ((root = host->root(ctx)) == NULL)
		return PPX_ERROR;
	if (put_intro(host, ctx, root) != PPX_OK ||
	    put_product(host, ctx, root, &sh) != PPX_OK ||
	    put_networks(host, ctx, root, &sh, &made) != PPX_OK)
		return PPX_ERROR;
	/* Nothing to share it on (every link refused): say nothing. */
	return made > 0 ? PPX_OK : PPX_NODATA;
}

/*
 * The plugin descriptor, the one exported symbol.  No per-worker state:
 * init and fini are NULL.
 */
extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "share", stages, NULL, render, NULL
};
