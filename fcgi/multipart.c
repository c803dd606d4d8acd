/*
 * multipart.c - multipart/form-data (RFC 7578, framing of RFC 2046):
 * the Content-Type's boundary, then one linear pass over the body.
 *
 * The body, as RFC 2046 has it:
 *
 *	[preamble CRLF] "--" boundary padding CRLF part
 *	*(CRLF "--" boundary padding CRLF part)
 *	CRLF "--" boundary "--" padding [CRLF epilogue]
 *
 * where padding is spaces and tabs, and a part is header lines (each
 * ending in CRLF), then either nothing or CRLF and the data.  The
 * delimiter CRLF "--" boundary is found with memmem(), always forward
 * from where the last search ended, and a header block is looked at
 * within MULTIPART_MAX_HEADERS bytes only: the whole parse is linear in
 * the body.
 */
#define _GNU_SOURCE		/* memmem() in glibc */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "multipart.h"
#include "query.h"

#define BOUNDARY_MAX	70	/* RFC 2046 */
#define DELIM_MAX	(4 + BOUNDARY_MAX)	/* CRLF "--" boundary */

struct span {
	const char	*s;
	size_t		 len;
};

/* RFC 9110 tchar: what a token is made of. */
static int
tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* RFC 2046 bchars: what a boundary is made of. */
static int
bchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("'()+_,-./:=? ", c) != NULL);
}

/* A control character other than tab (not allowed in a header). */
static int
ctl(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* Is s[0..len) the lower-case lit, ignoring ASCII case (no locale)? */
static int
ieq(const char *s, size_t len, const char *lit)
{
	size_t i;
	unsigned char c;

	if (strlen(lit) != len)
		return 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		if (c != (unsigned char)lit[i])
			return 0;
	}
	return 1;
}

static const char *
ows(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/*
 * The next parameter of a header value at *sp (up to e): OWS ';' OWS
 * name '=' value, where name is a token and value a token or a quoted
 * string (RFC 9110; empty ";;" is skipped).  val is the token, or what
 * is between the quotes.  With escapes a backslash in a quoted string
 * takes the next character along (HTTP quoted-pair) and is left in val;
 * without, it is an ordinary character (the HTML form encoding of part
 * headers).  1 with a parameter, 0 at the end, -1 on a syntax error.
 */
static int
param_next(const char **sp, const char *e, int escapes, struct span *name,
    struct span *val)
{
	const char *s = *sp, *v;

	for (;;) {
		s = ows(s, e);
		if (s == e) {
			*sp = s;
			return 0;
		}
		if (*s != ';')
			return -1;
		s = ows(s + 1, e);
		if (s < e && *s != ';')
			break;
	}
	for (name->s = s; s < e && tchar((unsigned char)*s); s++)
		;
	name->len = (size_t)(s - name->s);
	if (name->len == 0 || s == e || *s != '=')
		return -1;
	s++;
	if (s < e && *s == '"') {
		for (v = ++s; s < e && *s != '"'; s++) {
			if (ctl((unsigned char)*s))
				return -1;
			if (escapes && *s == '\\' && (++s == e ||
			    ctl((unsigned char)*s)))
				return -1;
		}
		if (s == e)
			return -1;	/* no closing quote */
		val->s = v;
		val->len = (size_t)(s - v);
		s++;
	} else {
		for (v = s; s < e && tchar((unsigned char)*s); s++)
			;
		if (s == v)
			return -1;
		val->s = v;
		val->len = (size_t)(s - v);
	}
	*sp = s;
	return 1;
}

/*
 * The boundary of a Content-Type value into b (room for BOUNDARY_MAX),
 * its length into *blen.  0, or -1 with a reason.
 */
static int
boundary_of(const char *ct, char *b, size_t *blen, char *why, size_t whylen)
{
	struct span n, v;
	const char *s, *e, *t;
	size_t i;
	int rc, found = 0;

	if (ct == NULL) {
		snprintf(why, whylen, "not multipart/form-data");
		return -1;
	}
	e = ct + strlen(ct);
	s = ows(ct, e);
	for (t = s; s < e && (tchar((unsigned char)*s) || *s == '/'); s++)
		;
	if (!ieq(t, (size_t)(s - t), "multipart/form-data")) {
		snprintf(why, whylen, "not multipart/form-data");
		return -1;
	}
	while ((rc = param_next(&s, e, 1, &n, &v)) == 1) {
		if (!ieq(n.s, n.len, "boundary"))
			continue;	/* charset and the like */
		if (found) {
			snprintf(why, whylen, "duplicate boundary");
			return -1;
		}
		found = 1;
		if (v.len > BOUNDARY_MAX) {
			snprintf(why, whylen, "boundary too long");
			return -1;
		}
		/*
		 * A backslash is not a bchar, so a quoted-pair is refused
		 * here too: no boundary needs one.
		 */
		for (i = 0; i < v.len; i++)
			if (!bchar((unsigned char)v.s[i]))
				break;
		if (v.len == 0 || i < v.len || v.s[v.len - 1] == ' ') {
			snprintf(why, whylen, "bad boundary");
			return -1;
		}
		memcpy(b, v.s, v.len);
		*blen = v.len;
	}
	if (rc == -1) {
		snprintf(why, whylen, "malformed Content-Type");
		return -1;
	}
	if (!found) {
		snprintf(why, whylen, "no boundary");
		return -1;
	}
	return 0;
}

/*
 * Just past a boundary at *pp: "--" closes the body (the epilogue after
 * it is ignored), or padding and CRLF lead to a part.  1 closed, 0 a part
 * follows (*pp at it), -1 with a reason.
 */
static int
delimiter_end(const char **pp, const char *e, char *why, size_t whylen)
{
	const char *p = *pp;
	int closed = 0;

	if (e - p >= 2 && p[0] == '-' && p[1] == '-') {
		closed = 1;
		p += 2;
	}
	p = ows(p, e);
	if (closed && p == e)
		return 1;
	if (p == e || (e - p == 1 && (*p == '\r' || *p == '-'))) {
		snprintf(why, whylen, "truncated: no closing boundary");
		return -1;
	}
	if (e - p >= 2 && p[0] == '\r' && p[1] == '\n') {
		*pp = p + 2;
		return closed;
	}
	if (*p == '\n')
		snprintf(why, whylen, "line ends in LF, not CRLF");
	else
		snprintf(why, whylen, "malformed boundary line");
	return -1;
}

/*
 * The parameters of a Content-Disposition value s[0..e) into mp: name,
 * and filename without its directory part.  0, or -1 with a reason.
 */
static int
disposition(struct multipart_part *mp, struct arena *a, const char *s,
    const char *e, char *why, size_t whylen)
{
	struct span n, v, name = { NULL, 0 }, fn = { NULL, 0 };
	const char *t;
	size_t i;
	int rc, have_name = 0, have_fn = 0;

	s = ows(s, e);
	for (t = s; s < e && tchar((unsigned char)*s); s++)
		;
	if (!ieq(t, (size_t)(s - t), "form-data")) {
		snprintf(why, whylen, s == t ? "malformed Content-Disposition" :
		    "Content-Disposition not form-data");
		return -1;
	}
	while ((rc = param_next(&s, e, 0, &n, &v)) == 1) {
		/* "filename*" (RFC 5987) and the like are ignored. */
		if (ieq(n.s, n.len, "name")) {
			if (have_name++)
				break;
			name = v;
		} else if (ieq(n.s, n.len, "filename")) {
			if (have_fn++)
				break;
			fn = v;
		}
	}
	if (rc == 1) {
		snprintf(why, whylen, "duplicate Content-Disposition parameter");
		return -1;
	}
	if (rc == -1) {
		snprintf(why, whylen, "malformed Content-Disposition");
		return -1;
	}
	if (!have_name) {
		snprintf(why, whylen, "no field name");
		return -1;
	}
	if (!query_name_ok(name.s, name.len)) {
		/* Not safe to quote. */
		snprintf(why, whylen, "bad field name");
		return -1;
	}
	if ((mp->name = arena_strndup(a, name.s, name.len)) == NULL)
		goto nomem;
	mp->filename = NULL;
	if (!have_fn)
		return 0;
	/* The whole value, directories too: nothing in it goes unchecked. */
	switch (query_text_check(fn.s, fn.len)) {
	case QUERY_TEXT_OK:
		break;
	case QUERY_TEXT_UTF8:
		snprintf(why, whylen, "invalid UTF-8 in filename");
		return -1;
	default:
		snprintf(why, whylen, "control character in filename");
		return -1;
	}
	/* '/' and '\' are ASCII: cutting there keeps the UTF-8 valid. */
	for (i = fn.len; i > 0; i--)
		if (fn.s[i - 1] == '/' || fn.s[i - 1] == '\\')
			break;
	if ((mp->filename = arena_strndup(a, fn.s + i, fn.len - i)) == NULL)
		goto nomem;
	return 0;
nomem:
	snprintf(why, whylen, "form too large");
	return -1;
}

/*
 * The header lines p[0..h) of a part (each ends in CRLF) into mp.  Every
 * line is checked before the Content-Disposition is read.  0, or -1 with
 * a reason.
 */
static int
headers(struct multipart_part *mp, struct arena *a, const char *p,
    const char *h, char *why, size_t whylen)
{
	const char *s, *t, *c, *cd = NULL, *cdend = NULL;

	for (s = p; s < h; s = t + 2) {
		/*
		 * The line ends at the first CR, which must have its LF (the
		 * block ends in CRLF, so t + 1 < h).  No other control
		 * character but tab; a line starting with white space
		 * (obsolete folding) has an empty name below.
		 */
		for (t = s; *t != '\r'; t++)
			if (ctl((unsigned char)*t))
				goto bad;
		if (t[1] != '\n')
			goto bad;
		for (c = s; c < t && tchar((unsigned char)*c); c++)
			;
		if (c == s || c == t || *c != ':')
			goto bad;
		if (!ieq(s, (size_t)(c - s), "content-disposition"))
			continue;	/* Content-Type and the like */
		if (cd != NULL) {
			snprintf(why, whylen, "duplicate Content-Disposition");
			return -1;
		}
		cd = c + 1;
		cdend = t;
	}
	if (cd == NULL) {
		snprintf(why, whylen, "missing Content-Disposition");
		return -1;
	}
	return disposition(mp, a, cd, cdend, why, whylen);
bad:
	snprintf(why, whylen, "malformed part header");
	return -1;
}

/*
 * The part at *pp (just past its boundary line) into m->p[m->n]; *pp
 * then points past the next delimiter.  0, or -1 with a reason.
 */
static int
part(struct multipart *m, struct arena *a, const char **pp, const char *e,
    const char *delim, size_t dlen, char *why, size_t whylen)
{
	struct multipart_part *mp = &m->p[m->n];
	const char *p = *pp, *h, *d, *data;
	size_t win, i;

	/*
	 * h: the end of the header lines, at a CRLF that is either the
	 * blank line before the data or the start of the next delimiter
	 * (a part without data).  The search stops after
	 * MULTIPART_MAX_HEADERS bytes of lines and their blank line.
	 */
	if (e - p >= 2 && p[0] == '\r' && p[1] == '\n')
		h = p;		/* no header lines at all */
	else {
		win = (size_t)(e - p);
		if (win > MULTIPART_MAX_HEADERS + 2)
			win = MULTIPART_MAX_HEADERS + 2;
		if ((d = memmem(p, win, "\r\n\r\n", 4)) == NULL) {
			if (win == MULTIPART_MAX_HEADERS + 2)
				snprintf(why, whylen,
				    "part header block too large");
			else if (memmem(p, win, "\n\n", 2) != NULL)
				snprintf(why, whylen,
				    "line ends in LF, not CRLF");
			else
				snprintf(why, whylen,
				    "truncated: no closing boundary");
			return -1;
		}
		h = d + 2;
	}
	if (headers(mp, a, p, h, why, whylen) == -1)
		return -1;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->p[i].name, mp->name) == 0) {
			snprintf(why, whylen, "duplicate field name");
			return -1;
		}

	/* h[0..2) is CRLF and h[1] not CR: the delimiter is at h or >= h + 2. */
	if ((d = memmem(h, (size_t)(e - h), delim, dlen)) == NULL) {
		snprintf(why, whylen, "truncated: no closing boundary");
		return -1;
	}
	data = d == h ? h : h + 2;
	mp->len = (size_t)(d - data);
	if ((mp->data = arena_strndup(a, data, mp->len)) == NULL) {
		snprintf(why, whylen, "form too large");
		return -1;
	}
	m->n++;
	*pp = d + dlen;
	return 0;
}

int
multipart_parse(struct multipart *m, struct arena *a,
    const char *content_type, const char *body, size_t len, char *why,
    size_t whylen)
{
	char delim[DELIM_MAX];
	const char *p, *e, *d;
	size_t blen, dlen;
	int rc;

	m->n = 0;
	if (body == NULL)
		len = 0;
	if (boundary_of(content_type, delim + 4, &blen, why, whylen) == -1)
		return -1;
	memcpy(delim, "\r\n--", 4);
	dlen = blen + 4;
	if (len == 0) {
		snprintf(why, whylen, "no boundary in body");
		return -1;
	}
	e = body + len;

	/* The first boundary starts the body or ends the preamble. */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((d = memmem(body, len, delim, dlen)) != NULL)
		p = d + dlen;
	else {
		snprintf(why, whylen, "no boundary in body");
		return -1;
	}
	for (;;) {
		if ((rc = delimiter_end(&p, e, why, whylen)) == -1)
			break;
		if (rc == 1) {
			if (m->n > 0)
				return 0;
			/* RFC 2046 wants a part; no form of ours has none. */
			snprintf(why, whylen, "no parts");
			break;
		}
		if (m->n == MULTIPART_MAX_PARTS) {
			snprintf(why, whylen, "too many parts");
			break;
		}
		if (part(m, a, &p, e, delim, dlen, why, whylen) == -1)
			break;
	}
	m->n = 0;
	return -1;
}

const struct multipart_part *
multipart_get(const struct multipart *m, const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->p[i].name, name) == 0)
			return &m->p[i];
	return NULL;
}
