/*
 * worker.c - the libfcgi side of a worker.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include <fcgiapp.h>

#include "arena.h"
#include "conf.h"
#include "feed.h"
#include "handler.h"
#include "instance.h"
#include "log.h"
#include "metrics.h"
#include "prefork.h"
#include "sandbox.h"
#include "worker.h"

/*
 * How long a worker lets its render child finish the feed fetches of the
 * last request (each ends at its own feed.timeout_ms) before replacing it.
 */
#define WORKER_IDLE_FETCH_MS	15000

static const char *
get_param(void *arg, const char *name)
{
	FCGX_Request *req = arg;

	return FCGX_GetParam(name, req->envp);
}

static ssize_t
read_body(void *arg, char *buf, size_t n)
{
	FCGX_Request *req = arg;
	int got;

	if (n > 1 << 30)
		n = 1 << 30;
	got = FCGX_GetStr(buf, (int)n, req->in);
	return got < 0 ? -1 : (ssize_t)got;
}

static void
respond(FCGX_Request *req, const struct response *resp, int head)
{
	FCGX_Stream *out = req->out;

	FCGX_FPrintF(out, "Status: %d %s\r\n", resp->status,
	    handler_reason(resp->status));
	FCGX_FPrintF(out, "Content-Type: %s\r\n", resp->content_type != NULL ?
	    resp->content_type : "text/plain; charset=utf-8");
	FCGX_FPrintF(out, "Content-Length: %lu\r\n", (unsigned long)resp->len);
	if (resp->etag != NULL)
		FCGX_FPrintF(out, "ETag: %s\r\n", resp->etag);
	if (resp->cacheable)
		FCGX_PutS("Cache-Control: private\r\nVary: Authorization\r\n",
		    out);
	else
		FCGX_PutS("Cache-Control: no-store\r\n", out);
	if (resp->omitted != NULL && resp->omitted[0] != '\0')
		FCGX_FPrintF(out, "PPX-Omitted: %s\r\n", resp->omitted);
	if (resp->location != NULL)
		FCGX_FPrintF(out, "Location: %s\r\n", resp->location);
	if (resp->allow != NULL)
		FCGX_FPrintF(out, "Allow: %s\r\n", resp->allow);
	if (resp->set_cookie != NULL)
		FCGX_FPrintF(out, "Set-Cookie: %s\r\n", resp->set_cookie);
	if (resp->csp != NULL)
		FCGX_FPrintF(out, "Content-Security-Policy: %s\r\n"
		    "X-Frame-Options: %s\r\nReferrer-Policy: same-origin\r\n",
		    resp->csp, strstr(resp->csp, "frame-ancestors 'self'") !=
		    NULL ? "SAMEORIGIN" : "DENY");
	if (resp->auth_challenge)
		FCGX_PutS("WWW-Authenticate: Bearer realm=\"ppx\"\r\n", out);
	FCGX_PutS("X-Content-Type-Options: nosniff\r\n\r\n", out);
	if (!head && resp->len > 0)
		FCGX_PutStr(resp->body, (int)resp->len, out);
}

int
worker_main(void *arg, int listen_fd)
{
	struct instance *in = arg;
	struct handler_io io;
	struct response resp;
	FCGX_Request req;
	const char *method;
	char why[512];

	/*
	 * A request allocates and frees the same few hundred KB again and
	 * again: keep it in the heap instead of giving it back to the kernel
	 * with brk() after every request (measured: a third of a worker's
	 * time went to brk and the page faults after it).
	 */
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_TOP_PAD, 4 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
	if (instance_attach(in, 0, why, sizeof(why)) == -1) {
		log_err("worker: %s", why);
		return 1;
	}
	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, listen_fd, 0) != 0) {
		log_err("worker: libfcgi init failed");
		instance_detach(in);
		return 1;
	}
	/* The render child, forked while no request is open (sandbox.h). */
	if (in->conf->isolate)
		(void)sandbox_prepare(in);
	io.get = get_param;
	io.read = read_body;
	io.arg = &req;
	/* prefork_accept finishes the previous request and says when to stop. */
	while (prefork_accept(&req) == 0) {
		handler_run(in, &io, instance_now(in), &resp);
		method = FCGX_GetParam("REQUEST_METHOD", req.envp);
		respond(&req, &resp, method != NULL &&
		    strcmp(method, "HEAD") == 0);
		metrics_request_end(resp.status);
		FCGX_Finish_r(&req);
		/*
		 * The fetches this request could not wait for, for the next
		 * email: here, or in the render child that ran the plugin.
		 */
		feed_finish_pending();
		(void)store_end_request(in->store);
		arena_reset(in->arena);
		if (in->conf->isolate) {
			sandbox_idle(in, WORKER_IDLE_FETCH_MS);
			(void)sandbox_prepare(in);
		}
	}
	FCGX_Free(&req, 0);
	instance_detach(in);
	return 0;
}
