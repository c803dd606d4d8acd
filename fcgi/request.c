/*
 * request.c - the FastCGI params of one request, parsed under limits.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "request.h"

/* Authorization and If-None-Match longer than this: 400. */
#define REQUEST_MAX_HEADER	2048

static const struct {
	const char	*name;
	enum method	 method;
} methods[] = {
	{ "GET", METHOD_GET },
	{ "HEAD", METHOD_HEAD },
	{ "POST", METHOD_POST },
};

static const struct {
	const char	*type;
	enum body_type	 body;
} media[] = {
	{ "application/json", BODY_JSON },
	{ "application/xml", BODY_XML },
	{ "text/xml", BODY_XML },
	{ "application/x-www-form-urlencoded", BODY_FORM },
	{ "multipart/form-data", BODY_MULTIPART },
};

static enum method
method_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(s, methods[i].name) == 0)
			return methods[i].method;
	return METHOD_OTHER;
}

/*
 * The media type of a Content-Type value, ignoring case and parameters
 * (";charset=utf-8").  BODY_OTHER when unknown or malformed.
 */
static enum body_type
media_parse(const char *s)
{
	size_t i, len;

	s += strspn(s, " \t");
	len = strcspn(s, " \t;");
	for (i = 0; i < sizeof(media) / sizeof(media[0]); i++)
		if (strlen(media[i].type) == len &&
		    strncasecmp(s, media[i].type, len) == 0)
			break;
	if (i == sizeof(media) / sizeof(media[0]))
		return BODY_OTHER;
	s += len;
	s += strspn(s, " \t");
	if (*s != '\0' && *s != ';')
		return BODY_OTHER;
	return media[i].body;
}

/* Decimal digits only, no sign, no spaces; -1 when malformed. */
static int
length_parse(const char *s, size_t *out)
{
	size_t v = 0;

	if (*s == '\0' || strlen(s) > 18)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return 0;
}

/* Printable ASCII only: the path is matched, not decoded. */
static int
path_ok(const char *p, size_t len)
{
	size_t i;

	if (len == 0 || p[0] != '/')
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)p[i] <= 0x20 || (unsigned char)p[i] >= 0x7f)
			return 0;
	return 1;
}

/* Split the URI (REQUEST_URI, or DOCUMENT_URI and QUERY_STRING). */
static int
uri_parse(struct request *r, struct arena *a,
    const struct request_limits *lim, request_getparam get, void *arg,
    char *why, size_t whylen)
{
	const char *uri, *qs, *q;
	size_t plen, len;

	if ((uri = get(arg, "REQUEST_URI")) != NULL) {
		len = strlen(uri);
		q = strchr(uri, '?');
		plen = q == NULL ? len : (size_t)(q - uri);
		qs = q == NULL ? "" : q + 1;
	} else {
		if ((uri = get(arg, "DOCUMENT_URI")) == NULL) {
			snprintf(why, whylen, "no request URI");
			return 400;
		}
		if ((qs = get(arg, "QUERY_STRING")) == NULL)
			qs = "";
		plen = strlen(uri);
		len = plen + (*qs != '\0' ? 1 + strlen(qs) : 0);
	}
	if (len > lim->max_uri) {
		snprintf(why, whylen, "URI too long");
		return 414;
	}
	if (!path_ok(uri, plen)) {
		snprintf(why, whylen, "bad request path");
		return 400;
	}
	r->path = arena_strndup(a, uri, plen);
	r->query_string = arena_strdup(a, qs);
	if (r->path == NULL || r->query_string == NULL) {
		snprintf(why, whylen, "URI too long");
		return 414;
	}
	if (query_parse(&r->query, a, r->query_string, why, whylen) == -1)
		return 400;
	return 0;
}

/* An optional header, copied; 400 when too long. */
static int
header_get(const char **out, struct arena *a, request_getparam get,
    void *arg, const char *name, const char *label, char *why,
    size_t whylen)
{
	const char *v;

	*out = NULL;
	if ((v = get(arg, name)) == NULL)
		return 0;
	if (strlen(v) > REQUEST_MAX_HEADER ||
	    (*out = arena_strdup(a, v)) == NULL) {
		snprintf(why, whylen, "%s header too long", label);
		return 400;
	}
	return 0;
}

static int
body_parse(struct request *r, const struct request_limits *lim,
    request_getparam get, void *arg, char *why, size_t whylen)
{
	const char *cl, *ct;

	r->content_length = 0;
	cl = get(arg, "CONTENT_LENGTH");
	if (cl != NULL && *cl != '\0' &&
	    length_parse(cl, &r->content_length) == -1) {
		snprintf(why, whylen, "bad Content-Length");
		return 400;
	}
	if (r->content_length > lim->max_body) {
		snprintf(why, whylen, "body too large");
		return 413;
	}
	ct = get(arg, "CONTENT_TYPE");
	if (r->content_length == 0)
		r->body_type = BODY_NONE;
	else if (ct == NULL || *ct == '\0')
		r->body_type = BODY_OTHER;
	else
		r->body_type = media_parse(ct);
	return 0;
}

int
request_parse(struct request *r, struct arena *a,
    const struct request_limits *lim, request_getparam get, void *arg,
    char *why, size_t whylen)
{
	static const struct request_limits defaults = {
		REQUEST_DEFAULT_MAX_URI, REQUEST_DEFAULT_MAX_BODY
	};
	const char *m;
	int rc;

	memset(r, 0, sizeof(*r));
	if (lim == NULL)
		lim = &defaults;
	if ((m = get(arg, "REQUEST_METHOD")) == NULL) {
		snprintf(why, whylen, "no request method");
		return 400;
	}
	r->method = method_parse(m);
	if ((rc = uri_parse(r, a, lim, get, arg, why, whylen)) != 0)
		return rc;
	if ((rc = body_parse(r, lim, get, arg, why, whylen)) != 0)
		return rc;
	if ((rc = header_get(&r->content_type, a, get, arg, "CONTENT_TYPE",
	    "Content-Type", why, whylen)) != 0)
		return rc;
	if ((rc = header_get(&r->authorization, a, get, arg,
	    "HTTP_AUTHORIZATION", "Authorization", why, whylen)) != 0)
		return rc;
	return header_get(&r->if_none_match, a, get, arg,
	    "HTTP_IF_NONE_MATCH", "If-None-Match", why, whylen);
}
