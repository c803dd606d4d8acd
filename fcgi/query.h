/*
 * query.h - an application/x-www-form-urlencoded query string, decoded.
 *
 * Limits: at most QUERY_MAX_PARAMS parameters, names and values valid
 * UTF-8 without NUL or control characters after decoding.  Names are
 * 1..QUERY_MAX_NAME characters of [a-z0-9_.].  Empty pieces ("a=1&&b=2",
 * a trailing '&') are skipped; a piece without '=' has the value "".
 */
#ifndef PPX_QUERY_H
#define PPX_QUERY_H

#include <stddef.h>

struct arena;

#define QUERY_MAX_PARAMS	64
#define QUERY_MAX_NAME		32

struct query_param {
	const char	*name;
	const char	*value;
};

struct query {
	size_t			n;
	struct query_param	p[QUERY_MAX_PARAMS];
};

/*
 * Decode s (without the '?'; NULL or "" is an empty query).  Returns 0,
 * or -1 with a one-line reason in why ("too many parameters",
 * "bad percent-encoding in 'lang'", "invalid UTF-8 in 'first_name'",
 * "duplicate parameter 'sig'").  A reason names a parameter, never
 * quotes a value.  Strings are owned by the arena.
 */
int	 query_parse(struct query *q, struct arena *a, const char *s,
	    char *why, size_t whylen);
/* The value of name, or NULL. */
const char *query_get(const struct query *q, const char *name);
/*
 * The canonical form for signing: parameters except those named in skip
 * (NULL-terminated, or NULL for none), sorted by name then value
 * (bytewise, on the decoded strings), each written "name=value" with
 * both sides encoded by query_escape() (so always with '=', even for an
 * empty value), joined with '&'.  No parameters: "".  Example:
 * "b=x y&a=1" → "a=1&b=x%20y".  Owned by the arena; NULL when the arena
 * is full.
 */
char	*query_canonical(const struct query *q, struct arena *a,
	    const char *const *skip);
/*
 * Percent-encode s for a query value: the RFC 3986 unreserved bytes
 * A-Z a-z 0-9 - . _ ~ are kept, every other byte becomes %XX with
 * upper-case hex (a space is "%20", never '+').  Owned by the arena;
 * NULL when s is NULL or the arena is full.
 */
char	*query_escape(struct arena *a, const char *s);

/*
 * Is s[0..len) a parameter name: 1..QUERY_MAX_NAME characters of
 * [a-z0-9_.]?  Shared by the multipart parser.
 */
int	 query_name_ok(const char *s, size_t len);

enum query_text {
	QUERY_TEXT_OK,
	QUERY_TEXT_UTF8,	/* not valid UTF-8 */
	QUERY_TEXT_CONTROL	/* NUL, C0, DEL or C1 control character */
};

/*
 * Is s[0..len) text we accept: valid UTF-8 (shortest form, no
 * surrogates, at most U+10FFFF) without NUL, C0 controls (tab and
 * newline included), DEL or C1 controls?  Shared by the order parser.
 */
enum query_text query_text_check(const char *s, size_t len);

#endif
