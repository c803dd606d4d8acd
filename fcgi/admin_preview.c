/*
 * admin_preview.c - the exact fragment the mailer would get, for a
 * sample order the marketer edits: the stage rendered through render(),
 * the same path ppxd serves /v1/ with.  The fragment is its own document
 * (inline styles are what email needs), framed by the copy page in a
 * sandboxed iframe, under a CSP that allows inline styles and nothing
 * that runs.
 */
#include <stdio.h>
#include <string.h>

#include "admin_http.h"
#include "arena.h"
#include "brandcache.h"
#include "handler.h"
#include "instance.h"
#include "order.h"
#include "render.h"
#include "request.h"

#define PREVIEW_CSP	"default-src 'none'; style-src 'unsafe-inline'; " \
			"img-src https: http:; frame-ancestors 'self'; sandbox"

/* The sample order's fields the copy page's form edits. */
static const char *const sample_fields[] = {
	"stage", "order", "lang", "expected", "first_name", "category",
};

char *
admin_preview_query(struct admin_req *q, const struct query *from,
    const char *lang)
{
	const char *v;
	char *out = "", *esc;
	size_t i;

	for (i = 0; i < sizeof(sample_fields) / sizeof(sample_fields[0]);
	    i++) {
		v = query_get(from, sample_fields[i]);
		if (strcmp(sample_fields[i], "lang") == 0)
			v = lang;
		if (v == NULL || v[0] == '\0')
			continue;
		if ((esc = query_escape(q->in->arena, v)) == NULL ||
		    (out = arena_printf(q->in->arena, "%s%s%s=%s", out,
		    out[0] != '\0' ? "&" : "", sample_fields[i], esc)) == NULL)
			return NULL;
	}
	return out;
}

void
admin_view_preview(struct admin_req *q)
{
	struct render_result *res;
	struct render_req rq;
	struct query sample;
	struct order o;
	char why[256];
	const char *stage;
	int s, status;

	sample = q->r->query;
	if (query_get(&sample, "order") == NULL && sample.n < QUERY_MAX_PARAMS) {
		sample.p[sample.n].name = "order";
		sample.p[sample.n].value = "1042";
		sample.n++;
	}
	stage = query_get(&sample, "stage");
	if ((s = stage_parse(stage != NULL ? stage : "shipped")) < 0) {
		admin_fail(q, 400, "no such stage");
		return;
	}
	if (order_from_query(&o, q->in->arena, &sample, why,
	    sizeof(why)) != 0) {
		admin_fail(q, 400, why);
		return;
	}
	o.customer_id = NULL;	/* a preview counts toward no cap */
	memset(&rq, 0, sizeof(rq));
	if ((rq.brand = brandcache_get(q->in->brands, q->brand)) == NULL ||
	    (res = arena_alloc(q->in->arena, sizeof(*res))) == NULL) {
		admin_fail(q, 500, "cannot load the brand");
		return;
	}
	rq.stage = (enum stage)s;
	rq.fmt = FMT_HTML;
	rq.order = &o;
	rq.now = q->now;
	rq.deadline_ms = 0;
	if ((status = render(q->in, &rq, res, why, sizeof(why))) != 0) {
		admin_fail(q, status, why);
		return;
	}
	q->resp->status = 200;
	q->resp->content_type = "text/html; charset=utf-8";
	q->resp->body = res->len > 0 ? res->body :
	    "<p>Nothing in this e-mail for this order.</p>";
	q->resp->len = strlen(q->resp->body);
	q->resp->omitted = arena_strdup(q->in->arena, res->omitted);
	q->resp->csp = PREVIEW_CSP;
}
