/*
 * multipart.h - a multipart/form-data body (RFC 7578), split into its
 * parts: the web console's upload form (a .po file and a few text
 * fields such as csrf and lang).
 *
 * Strict: lines end in CRLF, as browsers and curl send them, and a body
 * that is not well-formed is refused rather than guessed at.  Before the
 * first boundary (preamble) and after the closing one (epilogue)
 * anything goes; both are ignored.  There is at least one part, and
 * every part needs a "Content-Disposition: form-data; name=..."
 * header; its other headers (Content-Type, ...) are ignored, and so is
 * "filename*".  The data of a
 * part are binary-safe: whatever lies between the blank line after its
 * headers and the next delimiter (CRLF "--" boundary), which RFC 2046
 * forbids inside a part.
 *
 * Quoted strings in a part header follow the HTML form encoding: a
 * backslash is an ordinary character (so "C:\dir\x.po" is a path) and
 * the first '"' ends the string; browsers send a '"' as "%22", which is
 * kept as is (no percent-decoding).  A filename loses its directory part
 * (up to the last '/' or '\') and is a name to show, never a path to
 * open: it can still be "", "." or "..".
 */
#ifndef PPX_MULTIPART_H
#define PPX_MULTIPART_H

#include <stddef.h>

struct arena;

#define MULTIPART_MAX_PARTS	16
#define MULTIPART_MAX_HEADERS	2048	/* bytes of one part's header block */

struct multipart_part {
	const char	*name;		/* the form field, 1..QUERY_MAX_NAME of [a-z0-9_.] */
	const char	*filename;	/* NULL when the part is not a file; "" allowed */
	const char	*data;		/* the part's bytes, NUL-terminated copy in the arena */
	size_t		 len;		/* bytes in data, without the NUL */
};

struct multipart {
	size_t			n;
	struct multipart_part	p[MULTIPART_MAX_PARTS];
};

/*
 * Parse body[0..len) whose Content-Type header value is content_type
 * ("multipart/form-data; boundary=..."; boundary quoted or not, 1..70
 * chars as RFC 2046 allows; parameter names case-insensitive).  0, or
 * -1 with a one-line reason in why ("no boundary", "truncated: no
 * closing boundary", "duplicate field name", ...) and m->n 0.  A reason
 * never quotes the body, not even a field name.  Strings are owned by
 * the arena, which needs room for a copy of the body.
 */
int	multipart_parse(struct multipart *m, struct arena *a,
	    const char *content_type, const char *body, size_t len,
	    char *why, size_t whylen);
/* The part named name, or NULL. */
const struct multipart_part *multipart_get(const struct multipart *m,
	    const char *name);

#endif
