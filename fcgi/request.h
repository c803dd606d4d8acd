/*
 * request.h - one HTTP request as FastCGI hands it over, parsed under
 * hard limits, independent of libfcgi (params come through a getter).
 */
#ifndef PPX_REQUEST_H
#define PPX_REQUEST_H

#include <stddef.h>

#include "query.h"

struct arena;

struct request_limits {
	size_t	max_uri;	/* REQUEST_URI bytes; over it: 414 */
	size_t	max_body;	/* body bytes; over it: 413 */
};

#define REQUEST_DEFAULT_MAX_URI		4096
#define REQUEST_DEFAULT_MAX_BODY	(64 * 1024)

enum method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_OTHER,
	METHOD__MAX
};

enum body_type {
	BODY_NONE,
	BODY_JSON,	/* application/json */
	BODY_XML,	/* application/xml, text/xml */
	BODY_FORM,	/* application/x-www-form-urlencoded */
	BODY_MULTIPART,	/* multipart/form-data (see multipart.h) */
	BODY_OTHER
};

struct request {
	enum method	 method;
	const char	*path;		/* REQUEST_URI before '?' */
	const char	*query_string;	/* after '?', "" when none */
	struct query	 query;
	const char	*authorization;	/* HTTP_AUTHORIZATION, or NULL */
	const char	*if_none_match;	/* HTTP_IF_NONE_MATCH, or NULL */
	enum body_type	 body_type;	/* BODY_NONE when no body */
	const char	*content_type;	/* CONTENT_TYPE as sent, or NULL */
	size_t		 content_length;
};

/* Look up a FastCGI parameter ("REQUEST_METHOD"); NULL when absent. */
typedef const char *(*request_getparam)(void *arg, const char *name);

/*
 * Parse the params (not the body).  Returns 0, or an HTTP status (400,
 * 413, 414) with a one-line reason in why.  lim NULL means the
 * defaults.  The path must start with '/' and be printable ASCII; it is
 * not percent-decoded.  A body of length 0 is BODY_NONE whatever its
 * type; a body without a type, or of an unknown type, is BODY_OTHER.
 * An unknown method is METHOD_OTHER (the caller answers 405).  Strings
 * are owned by the arena.
 */
int	 request_parse(struct request *r, struct arena *a,
	    const struct request_limits *lim, request_getparam get, void *arg,
	    char *why, size_t whylen);

#endif
