/*
 * handler.h - one HTTP request to one response: parse, authenticate,
 * route, render.  Knows nothing of libfcgi (worker.c feeds it), so the
 * whole request life can be tested without a web server.
 */
#ifndef PPX_HANDLER_H
#define PPX_HANDLER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "render.h"
#include "request.h"

struct instance;

struct handler_io {
	request_getparam get;	/* FastCGI params */
	/* Read up to n body bytes; 0 at the end, -1 on error. */
	ssize_t		(*read)(void *arg, char *buf, size_t n);
	void		*arg;
};

struct response {
	int		 status;
	const char	*content_type;
	const char	*body;		/* in the instance arena or static */
	size_t		 len;
	const char	*etag;		/* NULL: none */
	const char	*omitted;	/* NULL or "": none */
	const char	*allow;		/* for 405 */
	int		 auth_challenge;/* 401: send WWW-Authenticate */
	int		 cacheable;	/* send Cache-Control: private */
	const char	*location;	/* 3xx: the Location header */
	const char	*set_cookie;	/* NULL: none (the console's session) */
	/*
	 * The console's pages: NULL, or the Content-Security-Policy to
	 * send; with it go X-Frame-Options and Referrer-Policy.
	 */
	const char	*csp;
};

/*
 * Handle one request with in (attached).  now is the request's clock.
 * Always fills resp (errors are responses: a one-line text/plain body);
 * everything it points to lives until the arena is reset.
 */
void	 handler_run(struct instance *in, const struct handler_io *io,
	    int64_t now, struct response *resp);

/* The reason phrase of an HTTP status ("Not Found"). */
const char *handler_reason(int status);

#endif
