/*
 * handler.c - the request life of DESIGN.md: parse with limits,
 * authenticate, resolve, render, respond.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin.h"
#include "apikey.h"
#include "arena.h"
#include "brandcache.h"
#include "conf.h"
#include "handler.h"
#include "instance.h"
#include "log.h"
#include "metrics.h"
#include "order.h"
#include "pages.h"
#include "plugin_host.h"
#include "route.h"
#include "sign.h"

#define WHY_MAX	256

const char *
handler_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 410: return "Gone";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Error";
	}
}

/* An error response: status and a one-line reason. */
static void
fail(struct instance *in, struct response *resp, int status,
    const char *why)
{
	char *body;

	memset(resp, 0, sizeof(*resp));
	resp->status = status;
	resp->content_type = "text/plain; charset=utf-8";
	body = arena_printf(in->arena, "%d %s: %s\n", status,
	    handler_reason(status), why);
	resp->body = body != NULL ? body : "error\n";
	resp->len = strlen(resp->body);
	resp->auth_challenge = status == 401;
}

static int
read_body(struct instance *in, const struct handler_io *io,
    const struct request *r, char **body, size_t *len)
{
	size_t want = r->content_length, got = 0;
	ssize_t n;
	char *p;

	if ((p = arena_alloc(in->arena, want + 1)) == NULL)
		return -1;
	while (got < want) {
		n = io->read(io->arg, p + got, want - got);
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	p[got] = '\0';
	*body = p;
	*len = got;
	return 0;
}

/*
 * Who is asking: a Bearer key or a signed URL.  Returns 0, or the status
 * (401, 403) with a reason.
 */
static int
authenticate(struct instance *in, const struct request *r,
    struct brand_state *b, int64_t now, const char **why)
{
	char hash[65], owner[STORE_MAX_NAME + 1];
	const struct sign_key *k;
	const char *key, *kid;
	int64_t exp;
	int rc;

	if (r->authorization != NULL) {
		if (apikey_from_header(r->authorization, &key) == -1 ||
		    apikey_hash(key, hash) == -1) {
			*why = "malformed Authorization: use Bearer KEY";
			return 401;
		}
		rc = brandcache_key_brand(in->brands, hash, owner);
		if (rc != 0) {
			*why = "unknown API key";
			return 401;
		}
		if (strcmp(owner, b->info.name) != 0) {
			*why = "this key belongs to another brand";
			return 403;
		}
		return 0;
	}
	if (query_get(&r->query, "sig") == NULL) {
		*why = "credentials required: Bearer key or signed URL";
		return 401;
	}
	if (r->method == METHOD_POST) {
		*why = "a signed URL is for GET; POST with a Bearer key";
		return 401;
	}
	if (sign_params(&r->query, &kid, &exp) != SIGN_OK) {
		*why = "signed URL needs sig, exp and kid";
		return 401;
	}
	if ((k = brandcache_sign_key(in->brands, b, kid)) == NULL) {
		*why = "unknown signing key";
		return 401;
	}
	switch (sign_verify(in->arena, k, r->path, &r->query, now)) {
	case SIGN_OK:
		return 0;
	case SIGN_EXPIRED:
		*why = "signed URL has expired";
		return 403;
	default:
		*why = "bad signature";
		return 401;
	}
}

static int
parse_order(struct instance *in, const struct handler_io *io,
    const struct request *r, struct order *o, char *why, size_t whylen)
{
	char *body;
	size_t len;

	if (r->method != METHOD_POST)
		return order_from_query(o, in->arena, &r->query, why, whylen)
		    == 0 ? 0 : 400;
	if (r->content_length == 0) {
		snprintf(why, whylen, "POST needs an order document");
		return 400;
	}
	if (r->body_type != BODY_JSON && r->body_type != BODY_XML) {
		snprintf(why, whylen, "order must be application/json or "
		    "application/xml");
		return 415;
	}
	if (read_body(in, io, r, &body, &len) == -1) {
		snprintf(why, whylen, "could not read the body");
		return 400;
	}
	if (r->body_type == BODY_JSON)
		return order_parse_json(o, in->arena, body, len, why, whylen)
		    == 0 ? 0 : 400;
	return order_parse_xml(o, in->arena, body, len, why, whylen) == 0 ?
	    0 : 400;
}

/* ?stage= of a single-touchpoint request; default: the plugin's first. */
static int
touchpoint_stage(struct instance *in, const struct request *r,
    const struct route *rt, enum stage *s)
{
	struct plugin *p;
	const char *v;
	int st;

	if ((v = query_get(&r->query, "stage")) != NULL) {
		if ((st = stage_parse(v)) < 0)
			return -1;
		*s = (enum stage)st;
		return 0;
	}
	if ((p = plugin_find(in->plugins, rt->name)) == NULL)
		return -1;
	*s = p->default_stage;
	return 0;
}

/*
 * The base of links in this answer: the configured <public url>, else
 * the scheme and host the caller used (it authenticated, and it chose
 * the host), else none.  Debian's fastcgi_params pass nginx's $host as
 * HTTP_HOST, without the port: then the port is SERVER_PORT's, unless it
 * is the scheme's own.
 */
static const char *
base_url(struct instance *in, const struct handler_io *io)
{
	const char *host, *https, *port, *scheme, *name_end;
	size_t len;

	if (in->conf->public_url != NULL)
		return in->conf->public_url;
	if ((host = io->get(io->arg, "HTTP_HOST")) == NULL)
		return NULL;
	len = strlen(host);
	if (len == 0 || len > 255 || strspn(host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != len)
		return NULL;
	https = io->get(io->arg, "HTTPS");
	scheme = https != NULL && strcasecmp(https, "on") == 0 ?
	    "https" : "http";
	/* An IPv6 literal's colons are not a port. */
	if ((name_end = host[0] == '[' ? strchr(host, ']') : host) == NULL)
		return NULL;
	port = io->get(io->arg, "SERVER_PORT");
	if (strchr(name_end, ':') == NULL &&
	    port != NULL && port[0] != '\0' && strlen(port) <= 5 &&
	    strspn(port, "0123456789") == strlen(port) &&
	    strcmp(port, scheme[4] == 's' ? "443" : "80") != 0)
		return arena_printf(in->arena, "%s://%s:%s", scheme, host,
		    port);
	return arena_printf(in->arena, "%s://%s", scheme, host);
}

static void
serve_render(struct instance *in, const struct handler_io *io,
    const struct request *r, const struct route *rt, int64_t now,
    struct response *resp)
{
	struct render_result *res;
	struct render_req rq;
	struct brand_state *b;
	struct order o;
	char why[WHY_MAX];
	const char *reason;
	int status;

	if (r->method == METHOD_OTHER) {
		fail(in, resp, 405, "use GET or POST");
		resp->allow = "GET, HEAD, POST";
		return;
	}
	if ((b = brandcache_get(in->brands, rt->brand)) == NULL) {
		fail(in, resp, 404, "no such brand");
		return;
	}
	metrics_note(b->info.name, rt->kind == ROUTE_STAGE ?
	    stage_name(rt->stage) : NULL);
	if ((status = authenticate(in, r, b, now, &reason)) != 0) {
		fail(in, resp, status, reason);
		return;
	}
	memset(&rq, 0, sizeof(rq));
	rq.brand = b;
	rq.fmt = rt->fmt;
	rq.now = now;
	rq.deadline_ms = in->conf->deadline_ms;
	rq.base_url = base_url(in, io);
	if (rt->kind == ROUTE_STAGE) {
		rq.stage = rt->stage;
	} else {
		rq.touchpoint = rt->name;
		if (touchpoint_stage(in, r, rt, &rq.stage) == -1) {
			fail(in, resp, 404, "no such touchpoint or stage");
			return;
		}
	}
	if ((status = parse_order(in, io, r, &o, why, sizeof(why))) != 0) {
		fail(in, resp, status, why);
		return;
	}
	rq.order = &o;
	res = arena_alloc(in->arena, sizeof(*res));
	if (res == NULL) {
		fail(in, resp, 500, "out of memory");
		return;
	}
	if ((status = render(in, &rq, res, why, sizeof(why))) != 0) {
		fail(in, resp, status, why);
		return;
	}
	memset(resp, 0, sizeof(*resp));
	resp->status = 200;
	resp->content_type = fmt_content_type(rt->fmt);
	resp->body = res->body;
	resp->len = res->len;
	resp->etag = arena_strdup(in->arena, res->etag);
	resp->omitted = arena_strdup(in->arena, res->omitted);
	resp->cacheable = 1;
	if (r->if_none_match != NULL && resp->etag != NULL &&
	    strcmp(r->if_none_match, resp->etag) == 0) {
		resp->status = 304;
		resp->body = "";
		resp->len = 0;
	}
}

void
handler_run(struct instance *in, const struct handler_io *io, int64_t now,
    struct response *resp)
{
	struct request_limits lim;
	struct request r;
	struct route rt;
	char why[WHY_MAX];
	int status;

	memset(resp, 0, sizeof(*resp));
	brandcache_sync(in->brands);
	lim.max_uri = in->conf->max_uri;
	lim.max_body = in->conf->max_body;
	status = request_parse(&r, in->arena, &lim, io->get, io->arg, why,
	    sizeof(why));
	if (status != 0) {
		fail(in, resp, status, why);
		return;
	}
	if (route_match(r.path, &rt) != 0) {
		fail(in, resp, 404, "no such resource");
		return;
	}
	switch (rt.kind) {
	case ROUTE_HEALTH:
		if (r.method != METHOD_GET && r.method != METHOD_HEAD) {
			fail(in, resp, 405, "use GET");
			resp->allow = "GET, HEAD";
			return;
		}
		resp->status = 200;
		resp->content_type = "text/plain; charset=utf-8";
		resp->body = "ok\n";
		resp->len = 3;
		return;
	case ROUTE_STAGE:
	case ROUTE_TOUCHPOINT:
		serve_render(in, io, &r, &rt, now, resp);
		return;
	case ROUTE_REDIRECT:
		if (r.method != METHOD_GET && r.method != METHOD_HEAD) {
			fail(in, resp, 405, "use GET");
			resp->allow = "GET, HEAD";
			return;
		}
		redirect_serve(in, &r, &rt, now, resp);
		return;
	case ROUTE_RECYCLE:
		recycle_serve(in, &r, &rt, now, resp);
		return;
	case ROUTE_METRICS:
		metrics_serve(in, &r, io->get(io->arg, "REMOTE_ADDR"), resp);
		return;
	case ROUTE_ADMIN:
		admin_serve(in, io, &r, now, resp);
		return;
	default:
		fail(in, resp, 404, "no such resource");
		return;
	}
}
