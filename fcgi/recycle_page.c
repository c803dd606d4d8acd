/*
 * recycle_page.c - /v1/recycle/TOKEN: not yet (the recycle touchpoint
 * brings it).
 */
#include <string.h>

#include "handler.h"
#include "pages.h"

void
recycle_serve(struct instance *in, const struct request *r,
    const struct route *rt, int64_t now, struct response *resp)
{
	(void)in; (void)r; (void)rt; (void)now;
	memset(resp, 0, sizeof(*resp));
	resp->status = 404;
	resp->content_type = "text/plain; charset=utf-8";
	resp->body = "404 Not Found: no such code\n";
	resp->len = strlen(resp->body);
}
