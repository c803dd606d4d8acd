/*
 * route.h - the URL surface of DESIGN.md (fixed), matched to a route.
 *
 *   /v1/brands/{brand}/stages/{stage}.{fmt}
 *   /v1/brands/{brand}/touchpoints/{name}.{fmt}
 *   /r/{token}    /v1/recycle/{token}    /healthz    /metrics    /admin/...
 */
#ifndef PPX_ROUTE_H
#define PPX_ROUTE_H

#define ROUTE_MAX_NAME	64	/* brand, stage and touchpoint names */
#define ROUTE_MAX_TOKEN	1800	/* a tracked link (link_token.h) fits */

enum route_kind {
	ROUTE_STAGE,
	ROUTE_TOUCHPOINT,
	ROUTE_REDIRECT,
	ROUTE_HEALTH,
	ROUTE_METRICS,
	ROUTE_ADMIN,
	ROUTE_RECYCLE,		/* a recycling code's claim page */
	ROUTE__MAX
};

enum fmt {
	FMT_HTML,
	FMT_TXT,
	FMT_XML,
	FMT_JSON,
	FMT__MAX
};

enum stage {
	STAGE_ORDERED,
	STAGE_SHIPPED,
	STAGE_OUT_FOR_DELIVERY,
	STAGE_DELIVERED,
	STAGE_PICKED_UP,
	STAGE_RETURN_RECEIVED,
	STAGE_CANCELLED,
	STAGE__MAX
};

struct route {
	enum route_kind	 kind;
	enum fmt	 fmt;
	enum stage	 stage;		/* ROUTE_STAGE only */
	char		 brand[ROUTE_MAX_NAME + 1];
	char		 name[ROUTE_MAX_NAME + 1];	/* touchpoint */
	char		 token[ROUTE_MAX_TOKEN + 1];	/* REDIRECT, RECYCLE */
};

/*
 * Match a path (no query, not decoded: names are [a-z0-9_-], 1..64
 * characters).  Returns 0, or 404 for anything else, including an unknown
 * stage or format.
 */
int		 route_match(const char *path, struct route *r);

/* "html" → FMT_HTML; -1 when unknown. */
int		 fmt_parse(const char *s);
const char	*fmt_name(enum fmt f);
/* "text/html; charset=utf-8" and friends. */
const char	*fmt_content_type(enum fmt f);

/* "shipped" → STAGE_SHIPPED; -1 when unknown. */
int		 stage_parse(const char *s);
const char	*stage_name(enum stage s);

/* Is s a valid name: 1..64 of [a-z0-9_-], starting with [a-z0-9]? */
int		 name_valid(const char *s);

#endif
