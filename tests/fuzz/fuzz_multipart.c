/*
 * fuzz_multipart.c - libFuzzer target: multipart/form-data bodies.
 *
 * The input is read twice:
 *
 *   1. The first line (up to '\n', without it) as the Content-Type, the
 *      rest as the body; no '\n' at all: all Content-Type, empty body.
 *   2. Whole, as the body of "multipart/form-data; boundary=zzq", so
 *      that mutations need not keep a boundary in step with the body.
 *
 * Invariants: a parsed body has 1..MULTIPART_MAX_PARTS parts with names
 * of [a-z0-9_.]{1,32}, pairwise distinct and found by multipart_get();
 * each part's data are len bytes of the body, NUL-terminated, and do not
 * hold the delimiter (nor start with "--" boundary); a filename passes query_text_check() and has no
 * '/', '\' or '"'.  Written out again under another boundary the parts
 * parse back to the same names, filenames and data.  A refused body has
 * no parts and a reason of printable ASCII without quotes (the reasons
 * quote nothing).
 */
#define _GNU_SOURCE		/* memmem() in glibc */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"
#include "multipart.h"
#include "query.h"

#include "fuzz.h"

#define FUZZ_ARENA	(4 * 1024 * 1024)
#define FIXED_CT	"multipart/form-data; boundary=zzq"
#define FIXED_DELIM	"\r\n--zzq"
#define RT_BOUNDARY	"rt.fuzz.8a1f"
#define RT_DELIM	"\r\n--" RT_BOUNDARY

static struct arena *
fuzz_arena(void)
{
	static struct arena *a;

	if (a == NULL && (a = arena_new(FUZZ_ARENA)) == NULL)
		abort();
	arena_reset(a);
	return a;
}

/*
 * Would delim (CRLF "--" boundary) be found in data written after the
 * CRLF of a blank line?  Inside it, or at its start: "--" boundary first
 * makes the blank line a delimiter, and the part one without data.
 */
static int
holds_delim(const char *data, size_t len, const char *delim)
{
	size_t n = strlen(delim);

	return memmem(data, len, delim, n) != NULL ||
	    (len >= n - 2 && memcmp(data, delim + 2, n - 2) == 0);
}

static void
check_refused(const struct multipart *m, const char *why)
{
	const char *s;

	FUZZ_CHECK(m->n == 0);
	FUZZ_CHECK(why[0] != '\0');
	for (s = why; *s != '\0'; s++)
		FUZZ_CHECK(*s >= 0x20 && *s < 0x7f && *s != '\'' &&
		    *s != '"');
}

/*
 * Write the parts out as a browser would, under RT_BOUNDARY, and parse
 * that again: the same parts must come back.
 */
static void
round_trip(const struct multipart *m, struct arena *a)
{
	struct multipart m2;
	const struct multipart_part *p, *q;
	char why[256], *body, *d;
	size_t i, len;

	len = sizeof("--" RT_BOUNDARY "--\r\n");
	for (i = 0; i < m->n; i++) {
		p = &m->p[i];
		/* A delimiter in the data would end the part early. */
		if (holds_delim(p->data, p->len, RT_DELIM))
			return;
		/* Quotes added to a filename at the header limit. */
		if (p->filename != NULL &&
		    strlen(p->filename) > MULTIPART_MAX_HEADERS - 128)
			return;
		len += 128 + strlen(p->name) + p->len +
		    (p->filename != NULL ? strlen(p->filename) : 0);
	}
	if ((body = arena_alloc(a, len)) == NULL)
		return;		/* arena full: allowed */
	d = body;
	for (i = 0; i < m->n; i++) {
		p = &m->p[i];
		d += sprintf(d, "--" RT_BOUNDARY "\r\nContent-Disposition: "
		    "form-data; name=\"%s\"", p->name);
		if (p->filename != NULL)
			d += sprintf(d, "; filename=\"%s\"", p->filename);
		d += sprintf(d, "\r\nContent-Type: application/octet-stream"
		    "\r\n\r\n");
		memcpy(d, p->data, p->len);
		d += p->len;
		d += sprintf(d, "\r\n");
	}
	d += sprintf(d, "--" RT_BOUNDARY "--\r\n");
	FUZZ_CHECK((size_t)(d - body) < len);

	memset(&m2, 0, sizeof(m2));
	why[0] = '\0';
	if (multipart_parse(&m2, a, "multipart/form-data; boundary=\""
	    RT_BOUNDARY "\"", body, (size_t)(d - body), why,
	    sizeof(why)) == -1) {
		/* Only the arena may stop it. */
		FUZZ_CHECK(strcmp(why, "form too large") == 0);
		return;
	}
	FUZZ_CHECK(m2.n == m->n);
	for (i = 0; i < m->n; i++) {
		p = &m->p[i];
		q = &m2.p[i];
		FUZZ_CHECK(strcmp(p->name, q->name) == 0);
		FUZZ_CHECK((p->filename == NULL) == (q->filename == NULL));
		if (p->filename != NULL)
			FUZZ_CHECK(strcmp(p->filename, q->filename) == 0);
		FUZZ_CHECK(p->len == q->len);
		FUZZ_CHECK(memcmp(p->data, q->data, p->len) == 0);
	}
}

static void
check_parsed(const struct multipart *m, struct arena *a, const char *body,
    size_t size, const char *delim)
{
	const struct multipart_part *p;
	size_t i, j, len;

	FUZZ_CHECK(m->n >= 1 && m->n <= MULTIPART_MAX_PARTS);
	for (i = 0; i < m->n; i++) {
		p = &m->p[i];
		FUZZ_CHECK(p->name != NULL);
		len = strlen(p->name);
		FUZZ_CHECK(len >= 1 && len <= QUERY_MAX_NAME);
		FUZZ_CHECK(strspn(p->name,
		    "abcdefghijklmnopqrstuvwxyz0123456789_.") == len);
		FUZZ_CHECK(multipart_get(m, p->name) == p);
		for (j = i + 1; j < m->n; j++)
			FUZZ_CHECK(strcmp(p->name, m->p[j].name) != 0);

		FUZZ_CHECK(p->data != NULL);
		FUZZ_CHECK(p->len <= size);
		FUZZ_CHECK(p->data[p->len] == '\0');
		/* Bytes of the body, copied. */
		FUZZ_CHECK(p->len == 0 ||
		    memmem(body, size, p->data, p->len) != NULL);
		if (delim != NULL)
			FUZZ_CHECK(!holds_delim(p->data, p->len, delim));

		if (p->filename != NULL) {
			len = strlen(p->filename);
			FUZZ_CHECK(query_text_check(p->filename, len) ==
			    QUERY_TEXT_OK);
			FUZZ_CHECK(strcspn(p->filename, "/\\\"") == len);
		}
	}
	round_trip(m, a);
}

static void
fuzz_split(const uint8_t *data, size_t size, struct arena *a)
{
	struct multipart m;
	const char *nl, *body;
	char why[256], *ct;
	size_t ctlen, blen;

	nl = memchr(data, '\n', size);
	ctlen = nl == NULL ? size : (size_t)(nl - (const char *)data);
	if ((ct = arena_strndup(a, (const char *)data, ctlen)) == NULL)
		return;
	body = nl == NULL ? NULL : nl + 1;
	blen = nl == NULL ? 0 : size - ctlen - 1;
	memset(&m, 0, sizeof(m));
	why[0] = '\0';
	/* ct stops at a NUL inside the line: so does a C string. */
	if (multipart_parse(&m, a, ct, body, blen, why, sizeof(why)) == 0)
		check_parsed(&m, a, body, blen, NULL);
	else
		check_refused(&m, why);
}

static void
fuzz_fixed(const uint8_t *data, size_t size, struct arena *a)
{
	struct multipart m;
	char why[256];

	memset(&m, 0, sizeof(m));
	why[0] = '\0';
	if (multipart_parse(&m, a, FIXED_CT, (const char *)data, size, why,
	    sizeof(why)) == 0)
		check_parsed(&m, a, (const char *)data, size, FIXED_DELIM);
	else
		check_refused(&m, why);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_init("fuzz", 0);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_split(data, size, fuzz_arena());
	fuzz_fixed(data, size, fuzz_arena());
	return 0;
}
