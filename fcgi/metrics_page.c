/*
 * metrics_page.c - GET /metrics: the shared counters in the Prometheus
 * text format, for the networks of <metrics allow=…> only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "handler.h"
#include "instance.h"
#include "metrics.h"
#include "netmask.h"
#include "pages.h"
#include "request.h"

static void
text(struct response *resp, int status, const char *body)
{
	memset(resp, 0, sizeof(*resp));
	resp->status = status;
	resp->content_type = "text/plain; charset=utf-8";
	resp->body = body;
	resp->len = strlen(body);
}

void
metrics_serve(struct instance *in, const struct request *r,
    const char *remote_addr, struct response *resp)
{
	char *buf = NULL, *body;
	size_t len = 0;
	FILE *f;
	int rc;

	if (r->method != METHOD_GET && r->method != METHOD_HEAD) {
		text(resp, 405, "405 Method Not Allowed: use GET\n");
		resp->allow = "GET, HEAD";
		return;
	}
	if (!netmask_match(in->conf->metrics_allow,
	    in->conf->n_metrics_allow, remote_addr)) {
		text(resp, 403, "403 Forbidden: /metrics is not open to this "
		    "address (<metrics allow=...> in ppx.xml)\n");
		return;
	}
	if ((f = open_memstream(&buf, &len)) == NULL) {
		text(resp, 500, "500 Internal Server Error: out of memory\n");
		return;
	}
	rc = metrics_write(f);
	if (fclose(f) != 0)
		rc = -1;
	body = rc == 0 ? arena_strndup(in->arena, buf, len) : NULL;
	free(buf);
	if (body == NULL) {
		text(resp, 500, "500 Internal Server Error: metrics are "
		    "not available in this process\n");
		return;
	}
	text(resp, 200, body);
	resp->len = len;
	resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
}
