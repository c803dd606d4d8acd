/*
 * fuzz_query.c - libFuzzer target: FastCGI params and query strings.
 *
 * The input is read twice:
 *
 *   1. Whole, as a query string: query_parse(), then query_canonical()
 *      with and without a skip list, query_escape() and
 *      query_text_check() on the raw bytes.
 *   2. As FastCGI params, one per line, in this order: REQUEST_METHOD,
 *      REQUEST_URI, CONTENT_LENGTH, CONTENT_TYPE, HTTP_IF_NONE_MATCH,
 *      then everything left (newlines included) as HTTP_AUTHORIZATION.
 *      A missing line is an absent param.  A URI line starting with
 *      "D " is given as DOCUMENT_URI and QUERY_STRING instead (split at
 *      the first '?').  request_parse() reads them through a getter,
 *      then route_match(), apikey_from_header() (and apikey_hash() of
 *      the key) and order_from_query() get the result.
 *
 * Invariants: a parsed query has at most QUERY_MAX_PARAMS parameters
 * with names of [a-z0-9_.]{1,32}, pairwise distinct, and values that
 * pass query_text_check(); its canonical form parses again to the same
 * canonical form; a parsed request has a path starting with '/' and
 * no longer than the URI limit; a matched route has valid brand, stage,
 * touchpoint names and formats, and tokens of [A-Za-z0-9_.-]; a key
 * taken from the header is APIKEY_LEN long, hashes, and its hash
 * equals itself only.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apikey.h"
#include "arena.h"
#include "log.h"
#include "order.h"
#include "query.h"
#include "request.h"
#include "route.h"

#include "fuzz.h"

#define FUZZ_ARENA	(1024 * 1024)

enum param {
	P_METHOD,
	P_URI,
	P_LENGTH,
	P_TYPE,
	P_INM,
	P_AUTH,
	P_DOCURI,
	P_QS,
	P__MAX
};

static const char *const param_names[P__MAX] = {
	"REQUEST_METHOD", "REQUEST_URI", "CONTENT_LENGTH", "CONTENT_TYPE",
	"HTTP_IF_NONE_MATCH", "HTTP_AUTHORIZATION", "DOCUMENT_URI",
	"QUERY_STRING"
};

struct params {
	const char	*v[P__MAX];
};

static const char *
getparam(void *arg, const char *name)
{
	struct params *p = arg;
	size_t i;

	for (i = 0; i < P__MAX; i++)
		if (strcmp(param_names[i], name) == 0)
			return p->v[i];
	return NULL;
}

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
check_query(const struct query *q, struct arena *a)
{
	static const char *const skip[] = { "sig", NULL };
	struct query q2;
	const char *canon, *canon2;
	char why[256];
	size_t i, j, len;

	FUZZ_CHECK(q->n <= QUERY_MAX_PARAMS);
	for (i = 0; i < q->n; i++) {
		len = strlen(q->p[i].name);
		FUZZ_CHECK(len >= 1 && len <= QUERY_MAX_NAME);
		FUZZ_CHECK(strspn(q->p[i].name,
		    "abcdefghijklmnopqrstuvwxyz0123456789_.") == len);
		FUZZ_CHECK(q->p[i].value != NULL);
		FUZZ_CHECK(query_text_check(q->p[i].value,
		    strlen(q->p[i].value)) == QUERY_TEXT_OK);
		FUZZ_CHECK(query_get(q, q->p[i].name) == q->p[i].value);
		for (j = i + 1; j < q->n; j++)
			FUZZ_CHECK(strcmp(q->p[i].name, q->p[j].name) != 0);
	}
	(void)query_canonical(q, a, skip);
	if ((canon = query_canonical(q, a, NULL)) == NULL)
		return;		/* arena full: allowed */
	/* The canonical form is a fixed point. */
	memset(&q2, 0, sizeof(q2));
	FUZZ_CHECK(query_parse(&q2, a, canon, why, sizeof(why)) == 0);
	FUZZ_CHECK(q2.n == q->n);
	if ((canon2 = query_canonical(&q2, a, NULL)) != NULL)
		FUZZ_CHECK(strcmp(canon, canon2) == 0);
}

static void
fuzz_whole(const uint8_t *data, size_t size, struct arena *a)
{
	struct query q;
	char why[256], *s, *e;

	(void)query_text_check((const char *)data, size);
	if ((s = arena_strndup(a, (const char *)data, size)) == NULL)
		return;
	if ((e = query_escape(a, s)) != NULL)
		FUZZ_CHECK(strspn(e, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-._~%") == strlen(e));
	memset(&q, 0, sizeof(q));
	if (query_parse(&q, a, s, why, sizeof(why)) == 0)
		check_query(&q, a);
	else
		FUZZ_CHECK(why[0] != '\0');
}

static void
check_route(const char *path)
{
	struct route r;
	size_t len;

	memset(&r, 0, sizeof(r));
	if (route_match(path, &r) != 0)
		return;
	FUZZ_CHECK(r.kind < ROUTE__MAX);
	switch (r.kind) {
	case ROUTE_STAGE:
		FUZZ_CHECK(name_valid(r.brand));
		FUZZ_CHECK(r.stage < STAGE__MAX && r.fmt < FMT__MAX);
		FUZZ_CHECK(strcmp(stage_name(r.stage), "") != 0);
		break;
	case ROUTE_TOUCHPOINT:
		FUZZ_CHECK(name_valid(r.brand) && name_valid(r.name));
		FUZZ_CHECK(r.fmt < FMT__MAX);
		break;
	case ROUTE_REDIRECT:
	case ROUTE_RECYCLE:
		len = strlen(r.token);
		FUZZ_CHECK(len >= 1 && len <= ROUTE_MAX_TOKEN);
		FUZZ_CHECK(strspn(r.token, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_.-") == len);
		break;
	default:
		break;
	}
}

static void
check_key(const char *key)
{
	char h1[APIKEY_HASH_LEN + 1], h2[APIKEY_HASH_LEN + 1];

	FUZZ_CHECK(apikey_hash(key, h1) == 0);
	FUZZ_CHECK(strlen(h1) == APIKEY_HASH_LEN);
	FUZZ_CHECK(apikey_equal_hash(h1, h1) == 1);
	FUZZ_CHECK(apikey_hash(APIKEY_PREFIX "fuzz", h2) == 0);
	FUZZ_CHECK(apikey_equal_hash(h1, h2) == 0);
	FUZZ_CHECK(apikey_equal_hash(h1, key) == 0);
}

static void
fuzz_params(const uint8_t *data, size_t size, struct arena *a)
{
	struct params p;
	struct request r;
	struct order o;
	char why[256], *s, *nl, *qm;
	const char *key;
	size_t i;
	int rc;

	if ((s = arena_strndup(a, (const char *)data, size)) == NULL)
		return;
	memset(&p, 0, sizeof(p));
	for (i = P_METHOD; i < P_AUTH && s != NULL; i++) {
		p.v[i] = s;
		if ((nl = strchr(s, '\n')) == NULL)
			s = NULL;
		else {
			*nl = '\0';
			s = nl + 1;
		}
	}
	p.v[P_AUTH] = s;
	if (p.v[P_URI] != NULL && strncmp(p.v[P_URI], "D ", 2) == 0) {
		p.v[P_DOCURI] = p.v[P_URI] + 2;
		p.v[P_URI] = NULL;
		if ((qm = strchr(p.v[P_DOCURI], '?')) != NULL) {
			*qm = '\0';
			p.v[P_QS] = qm + 1;
		}
	}

	why[0] = '\0';
	rc = request_parse(&r, a, NULL, getparam, &p, why, sizeof(why));
	if (rc != 0) {
		FUZZ_CHECK(rc == 400 || rc == 413 || rc == 414);
		FUZZ_CHECK(why[0] != '\0');
		return;
	}
	FUZZ_CHECK(r.method < METHOD__MAX);
	FUZZ_CHECK(r.path != NULL && r.path[0] == '/');
	FUZZ_CHECK(r.query_string != NULL);
	FUZZ_CHECK(strlen(r.path) <= REQUEST_DEFAULT_MAX_URI);
	FUZZ_CHECK(r.content_length <= REQUEST_DEFAULT_MAX_BODY);
	FUZZ_CHECK(r.content_length != 0 || r.body_type == BODY_NONE);
	check_query(&r.query, a);
	check_route(r.path);

	key = NULL;
	if (apikey_from_header(r.authorization, &key) == 0) {
		FUZZ_CHECK(key != NULL && strlen(key) == APIKEY_LEN);
		FUZZ_CHECK(strncmp(key, APIKEY_PREFIX, APIKEY_PREFIX_LEN) == 0);
		check_key(key);
	} else
		FUZZ_CHECK(key == NULL);

	if (order_from_query(&o, a, &r.query, why, sizeof(why)) == 0) {
		FUZZ_CHECK(o.id != NULL && o.id[0] != '\0');
		FUZZ_CHECK(o.n_items <= 1);
	}
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
	fuzz_whole(data, size, fuzz_arena());
	fuzz_params(data, size, fuzz_arena());
	return 0;
}
