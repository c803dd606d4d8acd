/*
 * pages.h - the host's own pages: the tracked redirect (/r/TOKEN) and a
 * recycling code's claim page (/v1/recycle/TOKEN).  Each answers with a
 * response like the touchpoint endpoints (handler.h).
 */
#ifndef PPX_PAGES_H
#define PPX_PAGES_H

#include <stdint.h>

struct instance;
struct request;
struct response;
struct route;

/* GET /r/TOKEN: check, count the click, 302 to the target.  redirect.c */
void	 redirect_serve(struct instance *in, const struct request *r,
	    const struct route *rt, int64_t now, struct response *resp);
/* GET|POST /v1/recycle/TOKEN: the claim page.  recycle_page.c */
void	 recycle_serve(struct instance *in, const struct request *r,
	    const struct route *rt, int64_t now, struct response *resp);
/* GET /metrics, for the addresses ppx.xml allows.  metrics_page.c */
void	 metrics_serve(struct instance *in, const struct request *r,
	    const char *remote_addr, struct response *resp);

#endif
