/*
 * fuzz_sign.c - libFuzzer target: signed URL verification.
 *
 * The input's first line is the request path, the rest its query string
 * (a single line is a path with an empty query).  With one fixed key:
 *
 *   - sign_params() and sign_verify() must not crash, and their answers
 *     must agree;
 *   - sign_verify() may say SIGN_OK or SIGN_EXPIRED (the signature
 *     matches) only when sig is exactly what sign_url() makes for that
 *     path, the other parameters, kid and exp: no forgery;
 *   - a key that signed nothing (NULL) or another key never verifies;
 *   - the path and the other parameters, freshly signed by sign_url(),
 *     verify SIGN_OK before exp and SIGN_EXPIRED after it, and no longer
 *     verify with another key, another path or one changed sig character.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"
#include "query.h"
#include "sign.h"

#include "fuzz.h"

#define FUZZ_ARENA	(1024 * 1024)
#define KEY_A		"ppx-fuzz-secret-0123456789abcdef"
#define KEY_B		"ppx-fuzz-secret-0123456789abcdeF"
#define NOW		((int64_t)1767225600)
#define KID		"fz1"

static struct arena *
fuzz_arena(void)
{
	static struct arena *a;

	if (a == NULL && (a = arena_new(FUZZ_ARENA)) == NULL)
		abort();
	arena_reset(a);
	return a;
}

static void
keys(const struct sign_key **ka, const struct sign_key **kb)
{
	static struct sign_key *a, *b;

	if (a == NULL) {
		a = sign_key_new((const uint8_t *)KEY_A, strlen(KEY_A));
		b = sign_key_new((const uint8_t *)KEY_B, strlen(KEY_B));
		if (a == NULL || b == NULL)
			abort();
	}
	*ka = a;
	*kb = b;
}

/* q without sig, kid and exp, into out. */
static void
unsigned_part(const struct query *q, struct query *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < q->n; i++) {
		if (strcmp(q->p[i].name, "sig") == 0 ||
		    strcmp(q->p[i].name, "kid") == 0 ||
		    strcmp(q->p[i].name, "exp") == 0)
			continue;
		out->p[out->n++] = q->p[i];
	}
}

/*
 * The value of sig in a URL made by sign_url() (it comes last), or NULL.
 * Searched for in the query only: the path may hold "&sig=" too.
 */
static const char *
url_sig(const char *url)
{
	const char *p;

	if ((p = strchr(url, '?')) == NULL ||
	    (p = strstr(p, "&sig=")) == NULL)
		return NULL;
	return p + 5;
}

/* A path sign_url() must take: '/' then printable ASCII, no '?' '#'. */
static int
simple_path(const char *path)
{
	const unsigned char *p;

	if (path[0] != '/' || strlen(path) > SIGN_PATH_MAX)
		return 0;
	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || *p == '?' || *p == '#')
			return 0;
	return 1;
}

/* The input as it came: no forgery. */
static void
verify_input(struct arena *a, const char *path, const struct query *q)
{
	const struct sign_key *ka, *kb;
	struct query rest;
	const char *kid, *sig, *want, *url;
	int64_t exp;
	int pr, vr;

	keys(&ka, &kb);
	kid = NULL;
	exp = 0;
	pr = sign_params(q, &kid, &exp);
	FUZZ_CHECK(pr == SIGN_OK || pr == SIGN_MISSING || pr == SIGN_BAD);
	if (pr == SIGN_OK) {
		FUZZ_CHECK(kid != NULL && exp > 0);
		FUZZ_CHECK(strlen(kid) >= 1 && strlen(kid) <= SIGN_KID_MAX);
		FUZZ_CHECK(strspn(kid, "abcdefghijklmnopqrstuvwxyz0123456789")
		    == strlen(kid));
	} else
		FUZZ_CHECK(kid == NULL && exp == 0);

	vr = sign_verify(a, ka, path, q, NOW);
	FUZZ_CHECK(vr == SIGN_OK || vr == SIGN_MISSING || vr == SIGN_BAD ||
	    vr == SIGN_EXPIRED);
	if (pr != SIGN_OK)
		FUZZ_CHECK(vr == pr);
	vr = sign_verify(a, NULL, path, q, NOW);
	FUZZ_CHECK(vr == SIGN_MISSING || vr == SIGN_BAD);
	if (sign_verify(a, ka, path, q, NOW) != SIGN_OK &&
	    sign_verify(a, ka, path, q, NOW) != SIGN_EXPIRED)
		return;

	/* It verified: it must be what sign_url() makes. */
	FUZZ_CHECK(pr == SIGN_OK);
	FUZZ_CHECK(sign_verify(a, ka, path, q, NOW) ==
	    (exp < NOW ? SIGN_EXPIRED : SIGN_OK));
	unsigned_part(q, &rest);
	url = sign_url(a, ka, kid, path, &rest, exp);
	FUZZ_CHECK(url != NULL);
	sig = query_get(q, "sig");
	want = url_sig(url);
	FUZZ_CHECK(sig != NULL && want != NULL && strcmp(sig, want) == 0);
	vr = sign_verify(a, kb, path, q, NOW);
	FUZZ_CHECK(vr == SIGN_BAD);
}

/* The input's path and parameters, signed now: must round-trip. */
static void
sign_fresh(struct arena *a, const char *path, const struct query *q,
    size_t size)
{
	const struct sign_key *ka, *kb;
	struct query rest, sq;
	char why[256], *url, *qm, *bad, *sig;
	int64_t exp;

	keys(&ka, &kb);
	unsigned_part(q, &rest);
	exp = NOW + 1 + (int64_t)size;
	url = sign_url(a, ka, KID, path, &rest, exp);
	if (url == NULL) {
		/* Only for a path or a query sign_url() refuses. */
		FUZZ_CHECK(!simple_path(path) ||
		    rest.n > QUERY_MAX_PARAMS - 3);
		return;
	}
	FUZZ_CHECK(url_sig(url) != NULL && strlen(url_sig(url)) ==
	    SIGN_SIG_LEN);
	qm = strchr(url, '?');
	FUZZ_CHECK(qm != NULL);
	*qm = '\0';
	FUZZ_CHECK(strcmp(url, path) == 0);
	memset(&sq, 0, sizeof(sq));
	FUZZ_CHECK(query_parse(&sq, a, qm + 1, why, sizeof(why)) == 0);
	FUZZ_CHECK(sq.n == rest.n + 3);
	FUZZ_CHECK(sign_verify(a, ka, url, &sq, NOW) == SIGN_OK);
	FUZZ_CHECK(sign_verify(a, ka, url, &sq, exp) == SIGN_OK);
	FUZZ_CHECK(sign_verify(a, ka, url, &sq, exp + 1) == SIGN_EXPIRED);
	FUZZ_CHECK(sign_verify(a, kb, url, &sq, NOW) == SIGN_BAD);
	FUZZ_CHECK(sign_verify(a, NULL, url, &sq, NOW) == SIGN_BAD);
	if ((bad = arena_printf(a, "%sx", url)) != NULL)
		FUZZ_CHECK(sign_verify(a, ka, bad, &sq, NOW) == SIGN_BAD);

	/* One sig character changed (query_get hands out the arena copy). */
	sig = (char *)(uintptr_t)query_get(&sq, "sig");
	FUZZ_CHECK(sig != NULL);
	sig[size % SIGN_SIG_LEN] = sig[size % SIGN_SIG_LEN] == 'A' ? 'B' : 'A';
	FUZZ_CHECK(sign_verify(a, ka, url, &sq, NOW) == SIGN_BAD);
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
	struct arena *a;
	struct query q;
	char why[256], *path, *qs, *nl;

	a = fuzz_arena();
	if ((path = arena_strndup(a, (const char *)data, size)) == NULL)
		return 0;
	if ((nl = strchr(path, '\n')) != NULL) {
		*nl = '\0';
		qs = nl + 1;
	} else
		qs = "";
	memset(&q, 0, sizeof(q));
	if (query_parse(&q, a, qs, why, sizeof(why)) == -1)
		return 0;
	verify_input(a, path, &q);
	sign_fresh(a, path, &q, size);
	return 0;
}
