/*
 * ppx/plugin.h - the touchpoint plugin ABI of ppx.
 *
 * This is the only header a plugin includes (besides libc).  A plugin is a
 * shared object that exports exactly one symbol, `ppx_plugin`, a
 * struct ppx_plugin whose first fields are the ABI major and minor it was
 * built against.  Everything a plugin needs from the host comes through the
 * const struct ppx_host table handed to its callbacks; a plugin never links
 * against host symbols.
 *
 * Rules of the ABI:
 *   - appending a member to struct ppx_host raises PPX_ABI_MINOR;
 *   - anything else (reordering, removing, changing a signature) raises
 *     PPX_ABI_MAJOR;
 *   - the static inline helpers at the end are compiled into the plugin
 *     and are no part of the ABI: adding one raises neither.
 * The host refuses a plugin built for another major, or for a newer minor
 * than its own.
 *
 * Memory: every pointer the host returns belongs to the current request
 * and is valid until render() returns.  Plugins never free it.
 *
 * Changelog
 *   2026-11-23  1.0  first version: order, msg, tree builder, clock, log,
 *                    link, content.
 *   2026-11-23  1.1  appended: setting, code_issue, code_link, code_count,
 *                    clubs_near (struct ppx_club), feed (struct ppx_field);
 *                    return code PPX_EAGAIN.
 *   2026-11-23  1.1  header only, ABI unchanged: static inline helpers
 *                    ppx_msg_required, ppx_msg_optional, ppx_text_elem,
 *                    ppx_link_elem (they call 1.0 services only).
 */
#ifndef PPX_PLUGIN_H
#define PPX_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#define PPX_ABI_MAJOR 1
#define PPX_ABI_MINOR 1

#ifdef __cplusplus
extern "C" {
#endif

/* Return codes of plugin callbacks and host services. */
enum ppx_rc {
	PPX_OK = 0,		/* done */
	PPX_NODATA = 1,		/* render: nothing to show for this order; omitted */
	PPX_ERROR = -1,		/* render: failed; omitted and logged */
	PPX_EINVAL = -2,	/* service: bad argument (name, UTF-8, date) */
	PPX_ENOMEM = -3,	/* service: out of memory or over a size limit */
	PPX_ENOTFOUND = -4,	/* service: no such field, message or content */
	PPX_EAGAIN = -5		/* service: not available in time; the host
				   is getting it for the next request (1.1) */
};

/* Log levels for ppx_host.log. */
enum ppx_log_level {
	PPX_LOG_ERR = 3,
	PPX_LOG_WARN = 4,
	PPX_LOG_INFO = 6,
	PPX_LOG_DEBUG = 7
};

struct ppx_ctx;		/* one touchpoint render of one request (opaque) */
struct ppx_node;	/* an element of the touchpoint's data tree (opaque) */

/* A named argument for a catalog message: "{days}" takes the number 2. */
struct ppx_arg {
	const char	*name;		/* placeholder name */
	const char	*text;		/* string value, or NULL for a number */
	double		 number;	/* used when text is NULL */
};

/* A club near the customer, for clubs_near (1.1). */
struct ppx_club {
	const char	*name;
	const char	*city;
	const char	*url;		/* the club's page, http(s) */
	double		 km;		/* great-circle distance */
	const char	*event_name;	/* next event, or NULL */
	const char	*event_date;	/* YYYY-MM-DD, or NULL */
	const char	*event_url;	/* or NULL */
};

/* One name/value field of a feed record, for feed (1.1). */
struct ppx_field {
	const char	*name;
	const char	*value;
};

/*
 * The host-services table.  Always check abi_minor (or size) before using
 * a member added after 1.0.
 */
struct ppx_host {
	unsigned	 abi_major;
	unsigned	 abi_minor;
	size_t		 size;		/* sizeof(struct ppx_host) of the host */

	/* --- the order ------------------------------------------------- */

	/*
	 * A field of the order by its JSON path: "id", "lang", "placed",
	 * "expected", "customer.first_name", "customer.postcode",
	 * "customer.country", "customer.id", "carrier.name",
	 * "carrier.tracking_url", "pickup.name", "pickup.address",
	 * "pickup.hours".  NULL when the order does not carry it.
	 */
	const char	*(*order_field)(struct ppx_ctx *ctx, const char *path);
	/* Number of items in the order (0 when none). */
	size_t		 (*item_count)(struct ppx_ctx *ctx);
	/*
	 * A field of item i: "sku", "name", "category", "image", "url",
	 * "qty".  NULL when absent or i is out of range.
	 */
	const char	*(*item_field)(struct ppx_ctx *ctx, size_t i,
			    const char *name);

	/* --- the request ----------------------------------------------- */

	/* The brand, stage and language (e.g. "nl") of this render. */
	const char	*(*brand)(struct ppx_ctx *ctx);
	const char	*(*stage)(struct ppx_ctx *ctx);
	const char	*(*lang)(struct ppx_ctx *ctx);

	/* --- the data tree --------------------------------------------- */

	/* The touchpoint's root element: <touchpoint name=… stage=… lang=…>. */
	struct ppx_node	*(*root)(struct ppx_ctx *ctx);
	/* Append a child element; NULL on a bad name or out of memory. */
	struct ppx_node	*(*elem)(struct ppx_ctx *ctx, struct ppx_node *parent,
			    const char *name);
	/* Set an attribute (UTF-8 value, escaped on output). */
	int		 (*attr)(struct ppx_ctx *ctx, struct ppx_node *node,
			    const char *name, const char *value);
	/* Append text (UTF-8, escaped on output). */
	int		 (*text)(struct ppx_ctx *ctx, struct ppx_node *node,
			    const char *text);
	/*
	 * Append <msg key="KEY">formatted text</msg> to parent: the message
	 * KEY of the brand's catalog in the request's language, with the
	 * placeholders filled from args (plural forms chosen per language).
	 * PPX_ENOTFOUND when the catalog lacks KEY (nothing is appended).
	 */
	int		 (*msg)(struct ppx_ctx *ctx, struct ppx_node *parent,
			    const char *key, const struct ppx_arg *args,
			    size_t nargs);

	/* --- clock and log --------------------------------------------- */

	/* Seconds since the epoch, fixed for the whole request. */
	int64_t		 (*now)(struct ppx_ctx *ctx);
	/*
	 * Whole days from today (in the brand's time zone) to ISO date
	 * "YYYY-MM-DD": 2 for the day after tomorrow, -1 for yesterday.
	 * OUT: *days.  PPX_EINVAL on a malformed date.
	 */
	int		 (*days_until)(struct ppx_ctx *ctx, const char *iso_date,
			    long *days);
	/* One log line, prefixed with the plugin's name.  No personal data. */
	void		 (*log)(struct ppx_ctx *ctx, int level, const char *fmt, ...)
#if defined(__GNUC__)
			    __attribute__((format(printf, 3, 4)))
#endif
			    ;

	/* --- links and content ----------------------------------------- */

	/*
	 * A link to url as it should appear in the email, tracked as kind
	 * (e.g. "product", "tip").  NULL when url is not http(s)/mailto.
	 */
	const char	*(*link)(struct ppx_ctx *ctx, const char *url,
			    const char *kind);
	/*
	 * Rows of the brand's content dataset for key in the request's
	 * language (falling back to the shared defaults), in order.
	 * OUT: out[0..*n-1], at most max rows.
	 */
	int		 (*content)(struct ppx_ctx *ctx, const char *dataset,
			    const char *key, const char **out, size_t max,
			    size_t *n);

	/* --- 1.1 ------------------------------------------------------- */

	/*
	 * A setting of the brand ("share.utm_source", "club.radius_km"),
	 * or NULL when it has none.
	 */
	const char	*(*setting)(struct ppx_ctx *ctx, const char *key);
	/*
	 * The brand's code of kind (e.g. "recycle") for this order and
	 * item, made on first use and the same ever after: asking twice,
	 * or twice at once, gives one code.  OUT: *code.
	 */
	int		 (*code_issue)(struct ppx_ctx *ctx, const char *kind,
			    const char *item, const char **code);
	/* A signed link to the host's page for a code (/v1/KIND/TOKEN). */
	const char	*(*code_link)(struct ppx_ctx *ctx, const char *kind,
			    const char *code);
	/*
	 * How many codes of kind the brand has in state ("issued",
	 * "claimed", "received"; NULL: all).  OUT: *n.
	 */
	int		 (*code_count)(struct ppx_ctx *ctx, const char *kind,
			    const char *state, int64_t *n);
	/*
	 * The brand's clubs nearest to the order's postcode within
	 * radius_km (0: the brand's setting "club.radius_km"), nearest
	 * first, each with its next event.  OUT: out[0..*n-1].
	 * PPX_ENOTFOUND when the postcode is unknown.
	 */
	int		 (*clubs_near)(struct ppx_ctx *ctx, double radius_km,
			    struct ppx_club *out, size_t max, size_t *n);
	/*
	 * The record for key (e.g. a SKU) in the brand's feed (e.g.
	 * "manual"): the host fetches the URL of the brand's setting
	 * "<feed>.url" with {key} replaced, only from the brand's allowed
	 * hosts, and caches it in the store.  Fields in document order; a
	 * list repeats its name.  OUT: out[0..*n-1].  PPX_ENOTFOUND: no
	 * such record or no feed; PPX_EAGAIN: not fetched in time (the host
	 * warms its cache for the next request).
	 */
	int		 (*feed)(struct ppx_ctx *ctx, const char *feed,
			    const char *key, struct ppx_field *out, size_t max,
			    size_t *n);
};

/*
 * The one exported symbol of a plugin:
 *
 *	const struct ppx_plugin ppx_plugin = { PPX_ABI_MAJOR, PPX_ABI_MINOR,
 *	    "voorpret", stages, NULL, render, NULL };
 */
struct ppx_plugin {
	unsigned	 abi_major;	/* PPX_ABI_MAJOR when built */
	unsigned	 abi_minor;	/* PPX_ABI_MINOR when built */
	const char	*name;		/* must match the file name, a-z0-9_ */
	/* NULL-terminated stages served; the first is the default. */
	const char *const *stages;

	/* Per worker, after fork.  Optional (NULL).  OUT: *state. */
	int		 (*init)(const struct ppx_host *host, void **state);
	/* Fill the data tree for one order; PPX_OK, PPX_NODATA or PPX_ERROR. */
	int		 (*render)(const struct ppx_host *host,
			    struct ppx_ctx *ctx, void *state);
	/* Per worker, at exit.  Optional (NULL). */
	void		 (*fini)(void *state);
};

#define PPX_PLUGIN_SYMBOL "ppx_plugin"

/*
 * Put PPX_EXPORT before the descriptor: it stays visible even when the
 * plugin is compiled with -fvisibility=hidden (as it should be).
 *
 *	PPX_EXPORT const struct ppx_plugin ppx_plugin = { … };
 */
#if defined(__GNUC__)
#define PPX_EXPORT	__attribute__((visibility("default")))
#else
#define PPX_EXPORT
#endif

/*
 * Helpers for the steps every plugin takes, so that each plugin need not
 * carry its own copy.  They are static inline: no symbol, nothing for the
 * host to provide, and a plugin that does not use them pays nothing.  They
 * call only services of ABI 1.0, so a plugin using them still runs on any
 * 1.x host.  Each returns PPX_OK or PPX_ERROR, the values render() deals in.
 * C89 has no inline: there they are left out, so that the rest of this
 * header still serves a C89 plugin.
 */
#if defined(__cplusplus) || \
    (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L)

/*
 * Append the message key to parent, as msg() does, for copy without which
 * the block makes no sense: a catalog that lacks key is logged as an
 * error.  PPX_OK, else PPX_ERROR.
 */
static inline int
ppx_msg_required(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *parent, const char *key, const struct ppx_arg *args,
    size_t nargs)
{
	int	rc;

	rc = host->msg(ctx, parent, key, args, nargs);
	if (rc == PPX_OK)
		return PPX_OK;
	if (rc == PPX_ENOTFOUND)
		host->log(ctx, PPX_LOG_ERR, "catalog lacks %s", key);
	return PPX_ERROR;
}

/*
 * Append the message key to parent, as msg() does, for copy a brand may
 * leave out of its catalog.  PPX_OK, also when the catalog lacks key
 * (nothing is appended); else PPX_ERROR.
 */
static inline int
ppx_msg_optional(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *parent, const char *key, const struct ppx_arg *args,
    size_t nargs)
{
	int	rc;

	rc = host->msg(ctx, parent, key, args, nargs);
	if (rc == PPX_OK || rc == PPX_ENOTFOUND)
		return PPX_OK;
	return PPX_ERROR;
}

/* Append <name>text</name> to parent.  PPX_OK, else PPX_ERROR. */
static inline int
ppx_text_elem(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *parent, const char *name, const char *text)
{
	struct ppx_node	*node;

	if ((node = host->elem(ctx, parent, name)) == NULL)
		return PPX_ERROR;
	return host->text(ctx, node, text) == PPX_OK ? PPX_OK : PPX_ERROR;
}

/*
 * Append <link href="href"/> to parent, where templates look for a link
 * (link/@href).  href is what link() or code_link() returned, not NULL.
 * PPX_OK, else PPX_ERROR.
 */
static inline int
ppx_link_elem(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *parent, const char *href)
{
	struct ppx_node	*node;

	if ((node = host->elem(ctx, parent, "link")) == NULL)
		return PPX_ERROR;
	return host->attr(ctx, node, "href", href) == PPX_OK ? PPX_OK :
	    PPX_ERROR;
}
#endif /* C99 or C++ */

#ifdef __cplusplus
}
#endif

#endif /* PPX_PLUGIN_H */
