/*
 * render.h - one request's touchpoints rendered into one of the four
 * formats.  Shared by ppxd and `ppx render`, so the CLI shows exactly
 * what the daemon serves.
 */
#ifndef PPX_RENDER_H
#define PPX_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "route.h"

struct brand_state;
struct instance;
struct order;

#define RENDER_MAX_OMITTED	512

struct render_req {
	struct brand_state	*brand;
	enum stage		 stage;
	const char		*touchpoint;	/* NULL: the whole stage */
	enum fmt		 fmt;
	const struct order	*order;
	int64_t			 now;		/* seconds since the epoch */
	unsigned		 deadline_ms;	/* 0: none */
	/*
	 * Where customers reach ppxd ("https://ppx.shop.example"): the
	 * base of tracked links and claim pages.  NULL: links stay plain.
	 */
	const char		*base_url;
};

struct render_result {
	char	*body;			/* in the instance arena */
	size_t	 len;
	char	 etag[40];		/* quoted, strong */
	char	 omitted[RENDER_MAX_OMITTED];	/* "name=reason, …" or "" */
	size_t	 n_rendered;
	const char *lang;		/* the language chosen */
};

/*
 * Render rq with in (attached).  Touchpoints that fail, have no data, are
 * disabled or pass the deadline are left out and named in res->omitted.
 * Returns 0 (even when all are omitted), 404 for a touchpoint that does
 * not exist or does not serve the stage, or 500 with a reason in why.
 */
int	 render(struct instance *in, const struct render_req *rq,
	    struct render_result *res, char *why, size_t whylen);

/*
 * The language for an order: its lang, else the brand's language for the
 * destination country, else the brand's default.  In the arena.
 */
const char *render_lang(struct instance *in, const struct brand_state *b,
	    const struct order *o);

#endif
