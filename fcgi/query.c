/*
 * query.c - application/x-www-form-urlencoded decoding, and the
 * canonical form used to sign URLs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "query.h"

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode s[0..len) into a new arena string: '+' is a space, %XX a byte.
 * *out is NULL and the result -1 on bad percent-encoding, -2 when the
 * arena is full.  *outlen gets the decoded length (NUL may be inside).
 */
static int
decode(struct arena *a, const char *s, size_t len, char **out,
    size_t *outlen)
{
	char *d;
	size_t i, n;
	int hi, lo;

	*out = NULL;
	if ((d = arena_alloc(a, len + 1)) == NULL)
		return -2;
	for (i = n = 0; i < len; i++) {
		if (s[i] == '+')
			d[n++] = ' ';
		else if (s[i] == '%') {
			if (len - i < 3)
				return -1;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			d[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			d[n++] = s[i];
	}
	d[n] = '\0';
	*out = d;
	*outlen = n;
	return 0;
}

int
query_name_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > QUERY_MAX_NAME)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '.'))
			return 0;
	return 1;
}

enum query_text
query_text_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, k, n;
	uint32_t cp, min;

	for (i = 0; i < len; i += n) {
		if (p[i] < 0x80) {
			if (p[i] < 0x20 || p[i] == 0x7f)
				return QUERY_TEXT_CONTROL;
			n = 1;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0) {
			n = 2;
			cp = p[i] & 0x1f;
			min = 0x80;
		} else if ((p[i] & 0xf0) == 0xe0) {
			n = 3;
			cp = p[i] & 0x0f;
			min = 0x800;
		} else if ((p[i] & 0xf8) == 0xf0) {
			n = 4;
			cp = p[i] & 0x07;
			min = 0x10000;
		} else
			return QUERY_TEXT_UTF8;
		if (len - i < n)
			return QUERY_TEXT_UTF8;
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return QUERY_TEXT_UTF8;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return QUERY_TEXT_UTF8;
		if (cp >= 0x80 && cp <= 0x9f)
			return QUERY_TEXT_CONTROL;
	}
	return QUERY_TEXT_OK;
}

/* Decode and check one "name=value" piece of len bytes into q. */
static int
add_param(struct query *q, struct arena *a, const char *s, size_t len,
    char *why, size_t whylen)
{
	const char *eq;
	char *name, *value;
	size_t nlen, vlen, i;
	int rc;

	if (q->n == QUERY_MAX_PARAMS) {
		snprintf(why, whylen, "too many parameters");
		return -1;
	}
	eq = memchr(s, '=', len);
	nlen = eq == NULL ? len : (size_t)(eq - s);
	rc = decode(a, s, nlen, &name, &i);
	if (rc == -2)
		goto nomem;
	if (rc == -1 || !query_name_ok(name, i)) {
		/* The name is not safe to quote. */
		snprintf(why, whylen, "bad parameter name");
		return -1;
	}
	if (eq == NULL)
		rc = decode(a, "", 0, &value, &vlen);
	else
		rc = decode(a, eq + 1, len - nlen - 1, &value, &vlen);
	if (rc == -2)
		goto nomem;
	if (rc == -1) {
		snprintf(why, whylen, "bad percent-encoding in '%s'", name);
		return -1;
	}
	switch (query_text_check(value, vlen)) {
	case QUERY_TEXT_OK:
		break;
	case QUERY_TEXT_UTF8:
		snprintf(why, whylen, "invalid UTF-8 in '%s'", name);
		return -1;
	default:
		snprintf(why, whylen, "control character in '%s'", name);
		return -1;
	}
	for (i = 0; i < q->n; i++)
		if (strcmp(q->p[i].name, name) == 0) {
			snprintf(why, whylen, "duplicate parameter '%s'", name);
			return -1;
		}
	q->p[q->n].name = name;
	q->p[q->n].value = value;
	q->n++;
	return 0;
nomem:
	snprintf(why, whylen, "query too large");
	return -1;
}

int
query_parse(struct query *q, struct arena *a, const char *s, char *why,
    size_t whylen)
{
	const char *amp;
	size_t len;

	q->n = 0;
	if (s == NULL)
		return 0;
	while (*s != '\0') {
		amp = strchr(s, '&');
		len = amp == NULL ? strlen(s) : (size_t)(amp - s);
		if (len > 0 && add_param(q, a, s, len, why, whylen) == -1) {
			q->n = 0;
			return -1;
		}
		s += len;
		if (*s == '&')
			s++;
	}
	return 0;
}

const char *
query_get(const struct query *q, const char *name)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		if (strcmp(q->p[i].name, name) == 0)
			return q->p[i].value;
	return NULL;
}

static int
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

/* Write the encoding of s at d (room for 3 * strlen(s) + 1); the end. */
static char *
escape_into(char *d, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (unreserved(*p))
			*d++ = (char)*p;
		else {
			*d++ = '%';
			*d++ = hex[*p >> 4];
			*d++ = hex[*p & 0x0f];
		}
	}
	*d = '\0';
	return d;
}

char *
query_escape(struct arena *a, const char *s)
{
	char *d;
	size_t len;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	if ((d = arena_alloc(a, len * 3 + 1)) == NULL)
		return NULL;
	escape_into(d, s);
	return d;
}

static int
param_cmp(const void *x, const void *y)
{
	const struct query_param *a = *(const struct query_param *const *)x;
	const struct query_param *b = *(const struct query_param *const *)y;
	int c;

	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	return strcmp(a->value, b->value);
}

static int
skipped(const char *name, const char *const *skip)
{
	if (skip == NULL)
		return 0;
	for (; *skip != NULL; skip++)
		if (strcmp(*skip, name) == 0)
			return 1;
	return 0;
}

char *
query_canonical(const struct query *q, struct arena *a,
    const char *const *skip)
{
	const struct query_param *sorted[QUERY_MAX_PARAMS];
	char *out, *d;
	size_t i, n, len;

	len = 1;
	for (i = n = 0; i < q->n && i < QUERY_MAX_PARAMS; i++) {
		if (skipped(q->p[i].name, skip))
			continue;
		sorted[n++] = &q->p[i];
		/* name, '=', value, '&': bounded by the arena cap below. */
		len += 3 * strlen(q->p[i].name) + 3 * strlen(q->p[i].value) + 2;
	}
	qsort(sorted, n, sizeof(sorted[0]), param_cmp);
	if ((out = arena_alloc(a, len)) == NULL)
		return NULL;
	d = out;
	for (i = 0; i < n; i++) {
		if (i > 0)
			*d++ = '&';
		d = escape_into(d, sorted[i]->name);
		*d++ = '=';
		d = escape_into(d, sorted[i]->value);
	}
	*d = '\0';
	return out;
}
