/*
 * route.c - the fixed URL surface (DESIGN.md) matched to a route.
 *
 * The path is not percent-decoded: every name in the surface is plain,
 * so a '%', an empty segment, a dot segment or a trailing slash is
 * simply not a route (404).
 */
#include <stddef.h>
#include <string.h>

#include "route.h"

static const char *const fmt_names[FMT__MAX] = {
	[FMT_HTML] = "html",
	[FMT_TXT] = "txt",
	[FMT_XML] = "xml",
	[FMT_JSON] = "json",
};

static const char *const fmt_types[FMT__MAX] = {
	[FMT_HTML] = "text/html; charset=utf-8",
	[FMT_TXT] = "text/plain; charset=utf-8",
	[FMT_XML] = "application/xml; charset=utf-8",
	[FMT_JSON] = "application/json",
};

static const char *const stage_names[STAGE__MAX] = {
	[STAGE_ORDERED] = "ordered",
	[STAGE_SHIPPED] = "shipped",
	[STAGE_OUT_FOR_DELIVERY] = "out_for_delivery",
	[STAGE_DELIVERED] = "delivered",
	[STAGE_PICKED_UP] = "picked_up",
	[STAGE_RETURN_RECEIVED] = "return_received",
	[STAGE_CANCELLED] = "cancelled",
};

int
fmt_parse(const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < FMT__MAX; i++)
		if (strcmp(s, fmt_names[i]) == 0)
			return i;
	return -1;
}

const char *
fmt_name(enum fmt f)
{
	return (unsigned)f < FMT__MAX ? fmt_names[f] : NULL;
}

const char *
fmt_content_type(enum fmt f)
{
	return (unsigned)f < FMT__MAX ? fmt_types[f] : NULL;
}

int
stage_parse(const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < STAGE__MAX; i++)
		if (strcmp(s, stage_names[i]) == 0)
			return i;
	return -1;
}

const char *
stage_name(enum stage s)
{
	return (unsigned)s < STAGE__MAX ? stage_names[s] : NULL;
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '-';
}

/* Like name_valid() on s[0..len). */
static int
name_validn(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > ROUTE_MAX_NAME || s[0] == '_' || s[0] == '-')
		return 0;
	for (i = 0; i < len; i++)
		if (!name_char(s[i]))
			return 0;
	return 1;
}

int
name_valid(const char *s)
{
	return s != NULL && name_validn(s, strnlen(s, ROUTE_MAX_NAME + 1));
}

static int
token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/*
 * The shape every route shares: starts with '/', no '%', no empty
 * segment ("//", trailing '/'), no "." or ".." segment, nothing outside
 * [A-Za-z0-9_.~/-].
 */
static int
path_clean(const char *p)
{
	const char *seg;
	size_t len;

	if (*p != '/')
		return 0;
	while (*p == '/') {
		seg = ++p;
		while (*p != '\0' && *p != '/') {
			if (!token_char(*p) && *p != '~')
				return 0;
			p++;
		}
		len = (size_t)(p - seg);
		if (len == 0)
			return 0;
		if ((len == 1 && seg[0] == '.') ||
		    (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
	}
	return 1;
}

/* Copy the name s[0..len) into dst (ROUTE_MAX_NAME + 1). */
static int
take_name(char *dst, const char *s, size_t len)
{
	if (!name_validn(s, len))
		return 0;
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 1;
}

/* "{name}.{fmt}" at s: the name into dst, the format into r. */
static int
take_leaf(struct route *r, char *dst, const char *s)
{
	const char *dot;
	int f;

	if ((dot = strchr(s, '.')) == NULL)
		return 0;
	if ((f = fmt_parse(dot + 1)) < 0)
		return 0;
	if (!take_name(dst, s, (size_t)(dot - s)))
		return 0;
	r->fmt = (enum fmt)f;
	return 1;
}

/* p after "/v1/brands/": "{brand}/stages|touchpoints/{leaf}". */
static int
match_v1(const char *p, struct route *r)
{
	const char *slash;
	char stage[ROUTE_MAX_NAME + 1];
	int s;

	if ((slash = strchr(p, '/')) == NULL)
		return 404;
	if (!take_name(r->brand, p, (size_t)(slash - p)))
		return 404;
	p = slash + 1;
	if (strncmp(p, "stages/", 7) == 0) {
		p += 7;
		if (strchr(p, '/') != NULL || !take_leaf(r, stage, p))
			return 404;
		if ((s = stage_parse(stage)) < 0)
			return 404;
		r->kind = ROUTE_STAGE;
		r->stage = (enum stage)s;
		return 0;
	}
	if (strncmp(p, "touchpoints/", 12) == 0) {
		p += 12;
		if (strchr(p, '/') != NULL || !take_leaf(r, r->name, p))
			return 404;
		r->kind = ROUTE_TOUCHPOINT;
		return 0;
	}
	return 404;
}

/* A token: 1..ROUTE_MAX_TOKEN of [A-Za-z0-9_.-], copied into r. */
static int
match_token(const char *p, struct route *r, enum route_kind kind)
{
	size_t len;

	len = strnlen(p, ROUTE_MAX_TOKEN + 1);
	if (len == 0 || len > ROUTE_MAX_TOKEN)
		return 404;
	if (strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_.-") != len)
		return 404;
	memcpy(r->token, p, len + 1);
	r->kind = kind;
	return 0;
}

static int
match(const char *path, struct route *r)
{
	if (path == NULL || !path_clean(path))
		return 404;
	if (strcmp(path, "/healthz") == 0) {
		r->kind = ROUTE_HEALTH;
		return 0;
	}
	if (strcmp(path, "/metrics") == 0) {
		r->kind = ROUTE_METRICS;
		return 0;
	}
	if (strcmp(path, "/admin") == 0 || strncmp(path, "/admin/", 7) == 0) {
		r->kind = ROUTE_ADMIN;
		return 0;
	}
	if (strncmp(path, "/r/", 3) == 0)
		return match_token(path + 3, r, ROUTE_REDIRECT);
	if (strncmp(path, "/v1/recycle/", 12) == 0)
		return match_token(path + 12, r, ROUTE_RECYCLE);
	if (strncmp(path, "/v1/brands/", 11) == 0)
		return match_v1(path + 11, r);
	return 404;
}

int
route_match(const char *path, struct route *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = match(path, r)) != 0)
		memset(r, 0, sizeof(*r));
	return rc;
}
