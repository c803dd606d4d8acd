/*
 * fetch.h - HTTP(S) GETs of brand feeds with libcurl, fenced in: only
 * hosts on the brand's allow-list (checked before connecting, and again
 * on every redirect hop), https only unless http is allowed, connect and
 * total timeouts, a size cap, no proxy.
 *
 * A fetch runs on its own curl multi handle, so a caller can wait for it
 * a bounded time (the render deadline), answer without it, and finish it
 * later (after the response is sent).
 */
#ifndef PPX_FETCH_H
#define PPX_FETCH_H

#include <stddef.h>

#define FETCH_MAX_HOSTS		16	/* entries in an allow-list */
#define FETCH_MAX_HOSTLEN	255	/* "host" or "host:port" */
#define FETCH_MAX_URL		2048
#define FETCH_MAX_VALIDATOR	256	/* ETag, Last-Modified */
#define FETCH_MAX_REDIRECTS	3

/* What a fetch may do.  Strings are copied by fetch_start(). */
struct fetch_opts {
	const char	*allow_hosts;	/* "feeds.example,cdn.example:8443" */
	int		 allow_http;	/* also http:// (tests, the demo) */
	long		 connect_timeout_ms;
	long		 total_timeout_ms;	/* all hops together */
	size_t		 max_bytes;	/* body cap */
	const char	*etag;		/* If-None-Match, or NULL */
	const char	*last_modified;	/* If-Modified-Since, or NULL */
};

/* The outcome, valid once fetch_wait() said done. */
struct fetch_result {
	long		 status;	/* HTTP status; 0: no answer */
	char		*body;		/* status 200: NUL-terminated */
	size_t		 len;
	char		 etag[FETCH_MAX_VALIDATOR + 1];	/* "" when none */
	char		 last_modified[FETCH_MAX_VALIDATOR + 1];
	char		 host[FETCH_MAX_HOSTLEN + 1];	/* of the last hop */
	char		 error[160];	/* why it failed; "" when answered */
};

struct fetch;

/*
 * 0 when url may be fetched under allow_hosts (comma list of host or
 * host:port; a host without a port allows the scheme's default port;
 * IPv6 as [::1]:8080) and allow_http; -1 with a one-line reason in why
 * (the reason names the host, never the whole URL).
 */
int	 fetch_allowed(const char *url, const char *allow_hosts,
	    int allow_http, char *why, size_t whylen);

/*
 * Check url and start fetching it.  Nothing connects when the check
 * fails.  0, or -1 with why.  OUT: *out, freed with fetch_free().
 */
int	 fetch_start(struct fetch **out, const char *url,
	    const struct fetch_opts *o, char *why, size_t whylen);
/*
 * Drive the fetch for at most ms milliseconds (0: just see how it is).
 * 1 when done (fetch_result() tells how), 0 when still running.
 */
int	 fetch_wait(struct fetch *f, long ms);
/* The result; the body belongs to the fetch. */
const struct fetch_result *fetch_result(const struct fetch *f);
/* Stop it if running and free it.  NULL is fine. */
void	 fetch_free(struct fetch *f);

#endif
