/*
 * test_feed.c - the host side of feeds: the allow-list and URL checks
 * (fetch.c), record keys and URLs, the JSON record format (feed_json.c)
 * and the cache table (feedcache.c) on a real sqlite file.  Fetching
 * over the network is tested through nginx in tests/integration/manual.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "feed.h"
#include "feedcache.h"
#include "fetch.h"
#include "services.h"
#include "store.h"

/* --- allow-list ------------------------------------------------------- */

static int
allowed(const char *url, const char *list, int http)
{
	char why[256];

	why[0] = '\0';
	if (fetch_allowed(url, list, http, why, sizeof(why)) == 0)
		return 1;
	assert_true(why[0] != '\0');	/* a refusal always says why */
	return 0;
}

static void
test_allow_https_host(void **state)
{
	(void)state;
	assert_true(allowed("https://feeds.example/m/RUN-42.json",
	    "feeds.example", 0));
	assert_true(allowed("https://FEEDS.example/m/x.json",
	    "cdn.example, feeds.example", 0));
	assert_true(allowed("https://feeds.example:443/x", "feeds.example", 0));
	/* not on the list */
	assert_false(allowed("https://evil.example/x", "feeds.example", 0));
	assert_false(allowed("https://feeds.example.evil.example/x",
	    "feeds.example", 0));
	assert_false(allowed("https://evilfeeds.example/x", "feeds.example",
	    0));
	/* an empty or missing list allows nothing */
	assert_false(allowed("https://feeds.example/x", "", 0));
	assert_false(allowed("https://feeds.example/x", NULL, 0));
}

static void
test_allow_ports(void **state)
{
	(void)state;
	/* A host without a port allows the scheme's default port only. */
	assert_false(allowed("https://feeds.example:8443/x", "feeds.example",
	    0));
	assert_true(allowed("https://feeds.example:8443/x",
	    "feeds.example:8443", 0));
	assert_false(allowed("https://feeds.example/x", "feeds.example:8443",
	    0));
	assert_true(allowed("http://127.0.0.1:8080/x", "127.0.0.1:8080", 1));
	assert_false(allowed("http://127.0.0.1:8081/x", "127.0.0.1:8080", 1));
	assert_true(allowed("http://[::1]:8080/x", "[::1]:8080", 1));
	assert_false(allowed("http://[::1]:8080/x", "[::1]:9090", 1));
	/* malformed entries never match */
	assert_false(allowed("https://feeds.example/x", "feeds.example:0", 0));
	assert_false(allowed("https://feeds.example/x", "feeds.example:x", 0));
	assert_false(allowed("https://feeds.example/x", ":443", 0));
}

static void
test_allow_schemes(void **state)
{
	(void)state;
	/* http only when allowed, never anything else */
	assert_false(allowed("http://feeds.example/x", "feeds.example", 0));
	assert_true(allowed("http://feeds.example/x", "feeds.example", 1));
	assert_false(allowed("ftp://feeds.example/x", "feeds.example", 1));
	assert_false(allowed("file:///etc/passwd", "feeds.example", 1));
	assert_false(allowed("gopher://feeds.example/x", "feeds.example", 1));
	/* no credentials, no garbage */
	assert_false(allowed("https://user:pw@feeds.example/x",
	    "feeds.example", 0));
	assert_false(allowed("https://feeds.example@evil.example/x",
	    "feeds.example", 0));
	assert_false(allowed("not a url", "feeds.example", 1));
	assert_false(allowed("", "feeds.example", 1));
	assert_false(allowed(NULL, "feeds.example", 1));
}

static void
test_refusal_names_host_not_url(void **state)
{
	char why[256];

	(void)state;
	assert_int_equal(fetch_allowed("https://evil.example/m/SECRET-KEY",
	    "feeds.example", 0, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "evil.example"));
	assert_null(strstr(why, "SECRET-KEY"));
}

static void
test_fetch_start_refuses_before_connecting(void **state)
{
	struct fetch_opts o = { "feeds.example", 0, 1000, 1000, 65536, NULL,
	    NULL };
	struct fetch *f = (struct fetch *)1;
	char why[256];

	(void)state;
	assert_int_equal(fetch_start(&f, "https://evil.example/x", &o, why,
	    sizeof(why)), -1);
	assert_null(f);
	assert_non_null(strstr(why, "allow-list"));
}

/* --- keys and URLs ---------------------------------------------------- */

static void
test_key_valid(void **state)
{
	(void)state;
	assert_true(feed_key_valid("RUN-42"));
	assert_true(feed_key_valid("a.b_c-9"));
	assert_false(feed_key_valid(""));
	assert_false(feed_key_valid(NULL));
	assert_false(feed_key_valid(".."));
	assert_false(feed_key_valid("a/b"));
	assert_false(feed_key_valid("a?b"));
	assert_false(feed_key_valid("a b"));
	assert_false(feed_key_valid("a%2f"));
	assert_false(feed_key_valid("x\xc3\xa9"));
	assert_true(feed_key_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
	assert_false(feed_key_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

static void
test_url(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(feed_url("https://f.example/m/{key}.json", "RUN-42",
	    NULL, out, sizeof(out)), 0);
	assert_string_equal(out, "https://f.example/m/RUN-42.json");
	assert_int_equal(feed_url("https://f.example/{key}/{key}", "A", NULL,
	    out, sizeof(out)), 0);
	assert_string_equal(out, "https://f.example/A/A");
	assert_int_equal(feed_url("https://f.example/m.json", "A", NULL, out,
	    sizeof(out)), -1);
	/* "https://f.example/A" is 19 bytes and its NUL */
	assert_int_equal(feed_url("https://f.example/{key}", "A", NULL, out,
	    20), 0);
	assert_int_equal(feed_url("https://f.example/{key}", "A", NULL, out,
	    19), -1);
	/* {lang}: one record per language; without a language, no URL. */
	assert_int_equal(feed_url("https://f.example/{lang}/{key}.json",
	    "RUN-42", "nl-BE", out, sizeof(out)), 0);
	assert_string_equal(out, "https://f.example/nl-BE/RUN-42.json");
	assert_int_equal(feed_url("https://f.example/{lang}/{key}.json",
	    "RUN-42", NULL, out, sizeof(out)), -1);
	assert_int_equal(feed_url("https://f.example/{lang}.json", "A", "en",
	    out, sizeof(out)), -1);
	/* Braces that are no placeholder stay as they are. */
	assert_int_equal(feed_url("https://f.example/{x}/{key}{", "A", NULL,
	    out, sizeof(out)), 0);
	assert_string_equal(out, "https://f.example/{x}/A{");
	assert_int_equal(feed_url("https://f.example/{key}", "A", NULL, out,
	    0), -1);
}

/* --- the record format ------------------------------------------------ */

static const char record[] =
	"{ \"title\": \"Runner 42 \\u2014 quick start\",\n"
	"  \"cover\": { \"url\": \"https://cdn.example/c.jpg\", "
	"\"width\": 600, \"height\": 800 },\n"
	"  \"steps\": [ \"one\", \"two\", \"three\" ],\n"
	"  \"pdf\": \"https://shop.example/m.pdf\", \"draft\": false,\n"
	"  \"note\": null, \"deep\": { \"a\": { \"b\": \"c\" } },\n"
	"  \"mixed\": [ 1, { \"x\": 1 }, [ 2 ] ] }\n";

static void
test_fields_in_document_order(void **state)
{
	struct arena *a = arena_new(1 << 16);
	struct ppx_field f[16];
	static const char *const want[][2] = {
		{ "title", "Runner 42 \xe2\x80\x94 quick start" },
		{ "cover.url", "https://cdn.example/c.jpg" },
		{ "cover.width", "600" },
		{ "cover.height", "800" },
		{ "steps", "one" }, { "steps", "two" }, { "steps", "three" },
		{ "pdf", "https://shop.example/m.pdf" },
		{ "draft", "false" },
		{ "mixed", "1" },
	};
	char why[160];
	size_t n, i;

	(void)state;
	assert_int_equal(feed_fields(record, strlen(record), a, f, 16, &n,
	    why, sizeof(why)), 0);
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < n; i++) {
		assert_string_equal(f[i].name, want[i][0]);
		assert_string_equal(f[i].value, want[i][1]);
	}
	/* at most max fields */
	assert_int_equal(feed_fields(record, strlen(record), a, f, 3, &n,
	    why, sizeof(why)), 0);
	assert_int_equal(n, 3);
	assert_string_equal(f[2].name, "cover.width");
	/* check only */
	assert_int_equal(feed_fields(record, strlen(record), NULL, NULL, 0,
	    &n, why, sizeof(why)), 0);
	arena_free(a);
}

static int
fields_of(const char *body)
{
	struct arena *a = arena_new(1 << 16);
	struct ppx_field f[8];
	char why[160];
	size_t n = 99;
	int rc;

	why[0] = '\0';
	rc = feed_fields(body, strlen(body), a, f, 8, &n, why, sizeof(why));
	if (rc == -1) {
		assert_int_equal(n, 0);
		assert_true(why[0] != '\0');
	}
	arena_free(a);
	return rc;
}

static void
test_fields_malformed(void **state)
{
	char big[4096];

	(void)state;
	assert_int_equal(fields_of("{ \"title\": \"x\" }"), 0);
	assert_int_equal(fields_of("{ \"title\": \"x\" } \n"), 0);
	assert_int_equal(fields_of(""), -1);
	assert_int_equal(fields_of("{ \"title\": \"x\", "), -1);
	assert_int_equal(fields_of("{ \"title\": \"x\" } trailing"), -1);
	assert_int_equal(fields_of("{ \"a\": 1 } { \"b\": 2 }"), -1);
	assert_int_equal(fields_of("[ \"title\" ]"), -1);
	assert_int_equal(fields_of("\"title\""), -1);
	assert_int_equal(fields_of("<html>502 Bad Gateway</html>"), -1);
	assert_int_equal(fields_of("{ \"bad name\": \"x\" }"), -1);
	assert_int_equal(fields_of("{ \"t\": \"a\\u0000b\" }"), -1);
	assert_int_equal(fields_of("{ \"t\": \"\xff\xfe\" }"), -1);
	assert_int_equal(fields_of("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{"
	    "\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}"), -1);
	snprintf(big, sizeof(big), "{ \"t\": \"%*s\" }", 2100, "x");
	assert_int_equal(fields_of(big), -1);
	snprintf(big, sizeof(big), "{ \"t\": \"%*s\" }", 2000, "x");
	assert_int_equal(fields_of(big), 0);
}

/* --- the cache table -------------------------------------------------- */

struct fixture {
	char		 dir[64];
	char		 path[128];
	struct store	*st;
	struct arena	*a;
};

static int
setup_store(void **state)
{
	struct store_brand b = { "demo", "nl", "Europe/Amsterdam" };
	struct fixture *f;
	char why[256];

	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/ppx-test-feed.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/ppx.db", f->dir);
	assert_int_equal(store_open(&f->st, f->path,
	    STORE_CREATE | STORE_MIGRATE, why, sizeof(why)), 0);
	assert_int_equal(store_brand_add(f->st, &b, why, sizeof(why)), 0);
	f->a = arena_new(1 << 20);
	assert_non_null(f->a);
	*state = f;
	return 0;
}

static int
teardown_store(void **state)
{
	struct fixture *f = *state;
	char p[192];

	store_close(f->st);
	arena_free(f->a);
	snprintf(p, sizeof(p), "%s/ppx.db", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/ppx.db-wal", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/ppx.db-shm", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
test_cache_round_trip(void **state)
{
	struct fixture *f = *state;
	struct feedcache_row row, got;

	assert_int_equal(feedcache_get(f->st, "demo", "manual", "RUN-42",
	    f->a, &got), STORE_NOTFOUND);
	memset(&row, 0, sizeof(row));
	row.status = FEEDCACHE_OK;
	row.body = record;
	row.len = strlen(record);
	row.etag = "\"abc\"";
	row.last_modified = "Mon, 23 Nov 2026 08:00:00 GMT";
	row.fetched = row.checked = 1000;
	assert_int_equal(feedcache_put(f->st, "demo", "manual", "RUN-42",
	    &row), 0);
	assert_int_equal(feedcache_get(f->st, "demo", "manual", "RUN-42",
	    f->a, &got), 0);
	assert_int_equal(got.status, 200);
	assert_int_equal(got.len, strlen(record));
	assert_string_equal(got.body, record);
	assert_string_equal(got.etag, "\"abc\"");
	assert_string_equal(got.last_modified, row.last_modified);
	assert_int_equal(got.fetched, 1000);

	/* a 304 confirms it */
	assert_int_equal(feedcache_confirm(f->st, "demo", "manual", "RUN-42",
	    2000), 0);
	assert_int_equal(feedcache_get(f->st, "demo", "manual", "RUN-42",
	    f->a, &got), 0);
	assert_int_equal(got.fetched, 2000);
	assert_int_equal(got.checked, 2000);

	/* a failure keeps the record, notes the try */
	assert_int_equal(feedcache_failed(f->st, "demo", "manual", "RUN-42",
	    3000), 0);
	assert_int_equal(feedcache_get(f->st, "demo", "manual", "RUN-42",
	    f->a, &got), 0);
	assert_int_equal(got.status, 200);
	assert_string_equal(got.body, record);
	assert_int_equal(got.fetched, 2000);
	assert_int_equal(got.checked, 3000);

	/* other brands, feeds and keys are other rows */
	assert_int_equal(feedcache_get(f->st, "demo", "manual", "RUN-43",
	    f->a, &got), STORE_NOTFOUND);
	assert_int_equal(feedcache_get(f->st, "demo", "other", "RUN-42",
	    f->a, &got), STORE_NOTFOUND);
}

static void
test_cache_negative_and_failed(void **state)
{
	struct fixture *f = *state;
	struct feedcache_row row, got;

	/* a failure with nothing cached makes a FAILED row */
	assert_int_equal(feedcache_failed(f->st, "demo", "manual", "X-1",
	    500), 0);
	assert_int_equal(feedcache_get(f->st, "demo", "manual", "X-1", f->a,
	    &got), 0);
	assert_int_equal(got.status, FEEDCACHE_FAILED);
	assert_null(got.body);
	assert_int_equal(got.checked, 500);
	/* a 304 cannot confirm what is not there */
	assert_int_equal(feedcache_confirm(f->st, "demo", "manual", "X-1",
	    600), STORE_NOTFOUND);

	memset(&row, 0, sizeof(row));
	row.status = FEEDCACHE_MISSING;
	row.fetched = row.checked = 700;
	assert_int_equal(feedcache_put(f->st, "demo", "manual", "X-1", &row),
	    0);
	assert_int_equal(feedcache_get(f->st, "demo", "manual", "X-1", f->a,
	    &got), 0);
	assert_int_equal(got.status, FEEDCACHE_MISSING);
	assert_null(got.body);
	assert_null(got.etag);

	/* the schema refuses a record without a body, and unknown brands */
	row.status = FEEDCACHE_OK;
	assert_int_equal(feedcache_put(f->st, "demo", "manual", "X-2", &row),
	    -1);
	row.status = FEEDCACHE_MISSING;
	assert_int_equal(feedcache_put(f->st, "nobody", "manual", "X-2",
	    &row), -1);
}


/* --- the policy: services_feed on a real store, without a network ------ */

/*
 * The brand allows no host, so any fetch is refused before connecting:
 * whatever comes back came from the cache.
 */
static void
policy_ctx(struct fixture *f, struct ppx_ctx *ctx, int64_t now)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->store = f->st;
	ctx->arena = f->a;
	ctx->brand = "demo";
	ctx->plugin = "manual";
	ctx->now = now;
	assert_int_equal(store_setting_set(f->st, "demo", "manual.url",
	    "https://feeds.example/m/{key}.json"), 0);
	assert_int_equal(store_setting_set(f->st, "demo", "feed.ttl", "100"),
	    0);
	assert_int_equal(store_setting_set(f->st, "demo", "feed.retry_after",
	    "10"), 0);
}

static void
put_record(struct fixture *f, const char *key, int64_t fetched)
{
	struct feedcache_row row;

	memset(&row, 0, sizeof(row));
	row.status = FEEDCACHE_OK;
	row.body = record;
	row.len = strlen(record);
	row.fetched = row.checked = fetched;
	assert_int_equal(feedcache_put(f->st, "demo", "manual", key, &row), 0);
}

static void
test_policy_fresh_and_stale(void **state)
{
	struct fixture *f = *state;
	struct feedcache_row got;
	struct ppx_field out[16];
	struct ppx_ctx ctx;
	size_t n;

	policy_ctx(f, &ctx, 10000);
	/* fresh: served */
	put_record(f, "RUN-42", 9950);
	assert_int_equal(services_feed(&ctx, "manual", "RUN-42", out, 16, &n),
	    PPX_OK);
	assert_int_equal(n, 10);
	assert_string_equal(out[0].name, "title");
	/* stale, the fetch refused: the cached copy, and the try noted */
	put_record(f, "RUN-42", 9000);
	assert_int_equal(services_feed(&ctx, "manual", "RUN-42", out, 16, &n),
	    PPX_OK);
	assert_int_equal(n, 10);
	assert_int_equal(feedcache_get(f->st, "demo", "manual", "RUN-42",
	    f->a, &got), 0);
	assert_int_equal(got.fetched, 9000);
	assert_int_equal(got.checked, 10000);
	/* nothing cached and no fetch possible: not found, try noted */
	assert_int_equal(services_feed(&ctx, "manual", "NEW-1", out, 16, &n),
	    PPX_ENOTFOUND);
	assert_int_equal(n, 0);
	assert_int_equal(feedcache_get(f->st, "demo", "manual", "NEW-1",
	    f->a, &got), 0);
	assert_int_equal(got.status, FEEDCACHE_FAILED);
}

static void
test_policy_refusals(void **state)
{
	struct fixture *f = *state;
	struct feedcache_row row;
	struct ppx_field out[4];
	struct ppx_ctx ctx;
	size_t n = 7;

	policy_ctx(f, &ctx, 10000);
	/* a fresh 404 is believed */
	memset(&row, 0, sizeof(row));
	row.status = FEEDCACHE_MISSING;
	row.fetched = row.checked = 9990;
	assert_int_equal(feedcache_put(f->st, "demo", "manual", "GONE-1",
	    &row), 0);
	assert_int_equal(services_feed(&ctx, "manual", "GONE-1", out, 4, &n),
	    PPX_ENOTFOUND);
	/* bad arguments */
	assert_int_equal(services_feed(&ctx, "manual", "../x", out, 4, &n),
	    PPX_EINVAL);
	assert_int_equal(services_feed(&ctx, "Manual!", "X", out, 4, &n),
	    PPX_EINVAL);
	assert_int_equal(services_feed(&ctx, "manual", NULL, out, 4, &n),
	    PPX_EINVAL);
	assert_int_equal(services_feed(&ctx, "manual", "X", out, 4, NULL),
	    PPX_EINVAL);
	/* a feed the brand does not have */
	assert_int_equal(services_feed(&ctx, "other", "X", out, 4, &n),
	    PPX_ENOTFOUND);
	/* the load-time sample render never fetches nor reads the cache */
	put_record(f, "RUN-42", 9990);
	ctx.sample = 1;
	assert_int_equal(services_feed(&ctx, "manual", "RUN-42", out, 4, &n),
	    PPX_ENOTFOUND);
	/* at most max fields */
	ctx.sample = 0;
	assert_int_equal(services_feed(&ctx, "manual", "RUN-42", out, 4, &n),
	    PPX_OK);
	assert_int_equal(n, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allow_https_host),
		cmocka_unit_test(test_allow_ports),
		cmocka_unit_test(test_allow_schemes),
		cmocka_unit_test(test_refusal_names_host_not_url),
		cmocka_unit_test(test_fetch_start_refuses_before_connecting),
		cmocka_unit_test(test_key_valid),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_fields_in_document_order),
		cmocka_unit_test(test_fields_malformed),
		cmocka_unit_test_setup_teardown(test_cache_round_trip,
		    setup_store, teardown_store),
		cmocka_unit_test_setup_teardown(test_cache_negative_and_failed,
		    setup_store, teardown_store),
		cmocka_unit_test_setup_teardown(test_policy_fresh_and_stale,
		    setup_store, teardown_store),
		cmocka_unit_test_setup_teardown(test_policy_refusals,
		    setup_store, teardown_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
