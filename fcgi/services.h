/*
 * services.h - the host side of the plugin ABI: struct ppx_ctx and the
 * const struct ppx_host table handed to every plugin.
 */
#ifndef PPX_SERVICES_H
#define PPX_SERVICES_H

#include <stdint.h>
#include <time.h>

#include <libxml/tree.h>
#include <ppx/plugin.h>

struct arena;
struct brand_state;
struct brandcache;
struct conf;
struct order;
struct store;

#define SERVICES_MAX_NODES	4096	/* elements + attributes + texts */
#define SERVICES_MAX_TEXT	(256 * 1024)	/* bytes of text and values */
#define SERVICES_MAX_MSG	4096	/* one formatted message */

/* One touchpoint render of one request. */
struct ppx_ctx {
	struct arena		*arena;
	struct store		*store;
	struct brandcache	*brands;	/* NULL: ask the store */
	struct brand_state	*bstate;
	const struct order	*order;
	const char		*brand;
	const char		*stage;
	const char		*lang;		/* resolved language */
	const char		*default_lang;	/* the brand's, for fallback */
	const char		*timezone;	/* the brand's */
	const char		*plugin;	/* name, for log lines */
	int64_t			 now;
	xmlDocPtr		 doc;
	xmlNodePtr		 root;
	size_t			 nodes;
	size_t			 bytes;
	int			 over_limit;	/* a builder call hit a limit */
	int			 sample;	/* load-time template check */
	const struct conf	*conf;		/* limits */
	const char		*base_url;	/* render_req.base_url */
	struct timespec		 deadline;	/* CLOCK_MONOTONIC; 0: none */
};

/* The table every plugin gets. */
extern const struct ppx_host services_host;

/*
 * Make ctx->doc with its root <touchpoint name= stage= lang= brand=>.
 * The caller fills the other fields first.  0 or -1 (out of memory).
 */
int	 services_begin(struct ppx_ctx *ctx);
/* Is s a valid element or attribute name for the data tree? */
int	 services_name_valid(const char *s);
/*
 * Whole days from today in timezone tz (at instant now) to the date
 * iso ("YYYY-MM-DD").  0, or -1 on a malformed date or unknown zone.
 */
int	 services_days_until(int64_t now, const char *tz, const char *iso,
	    long *days);
/* Today in zone tz at instant now, "YYYY-MM-DD" in out.  0, or -1. */
int	 services_today(int64_t now, const char *tz, char out[11]);

/*
 * Services implemented beside the features they serve (ABI 1.1), put in
 * services_host by services.c: links.c, codes.c, clubs.c, feed.c.
 */
const char *services_link(struct ppx_ctx *ctx, const char *url,
	    const char *kind);
int	 services_code_issue(struct ppx_ctx *ctx, const char *kind,
	    const char *item, const char **code);
const char *services_code_link(struct ppx_ctx *ctx, const char *kind,
	    const char *code);
int	 services_code_count(struct ppx_ctx *ctx, const char *kind,
	    const char *state, int64_t *n);
int	 services_clubs_near(struct ppx_ctx *ctx, double radius_km,
	    struct ppx_club *out, size_t max, size_t *n);
int	 services_feed(struct ppx_ctx *ctx, const char *feed, const char *key,
	    struct ppx_field *out, size_t max, size_t *n);

#endif
