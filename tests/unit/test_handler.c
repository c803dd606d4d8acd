/*
 * test_handler.c - the whole request life in one process, without a web
 * server: real store, real plugins (voorpret, and the failing and echo
 * test plugins), real templates.  Status codes, headers, formats,
 * hostile input.  The same paths run behind nginx in tests/integration.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/types.h>
#include <cmocka.h>

#include "arena.h"
#include "handler.h"
#include "instance.h"

static char dir[] = "/tmp/ppx-handler-XXXXXX";
static char key_demo[128], key_other[128], signed_path[2048];
static struct instance *in;
#define NOW	1795435200	/* 2026-11-23T08:00:00Z */

struct fake {
	const char	*method;
	const char	*uri;
	const char	*auth;
	const char	*ctype;
	const char	*body;
	char		 clen[32];
	size_t		 off;
};

static const char *
fake_get(void *arg, const char *name)
{
	struct fake *f = arg;

	if (strcmp(name, "REQUEST_METHOD") == 0)
		return f->method;
	if (strcmp(name, "REQUEST_URI") == 0)
		return f->uri;
	if (strcmp(name, "HTTP_AUTHORIZATION") == 0)
		return f->auth;
	if (strcmp(name, "CONTENT_TYPE") == 0)
		return f->ctype;
	if (strcmp(name, "CONTENT_LENGTH") == 0)
		return f->body != NULL ? f->clen : NULL;
	return NULL;
}

static ssize_t
fake_read(void *arg, char *buf, size_t n)
{
	struct fake *f = arg;
	size_t left = strlen(f->body) - f->off;

	if (n > left)
		n = left;
	memcpy(buf, f->body + f->off, n);
	f->off += n;
	return (ssize_t)n;
}

static void
run(struct fake *f, struct response *resp)
{
	struct handler_io io = { fake_get, fake_read, f };

	if (f->body != NULL)
		snprintf(f->clen, sizeof(f->clen), "%zu", strlen(f->body));
	arena_reset(in->arena);
	handler_run(in, &io, NOW, resp);
}

static int
status_of(const char *method, const char *uri, const char *auth)
{
	struct fake f = { method, uri, auth, NULL, NULL, "", 0 };
	struct response resp;

	run(&f, &resp);
	return resp.status;
}

static char *
bearer(const char *key)
{
	static char h[160];

	snprintf(h, sizeof(h), "Bearer %s", key);
	return h;
}

static int	sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

static void
read_line(const char *path, const char *prefix, char *out, size_t len)
{
	char line[4096];
	FILE *f;

	assert_non_null(f = fopen(path, "r"));
	out[0] = '\0';
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, prefix, strlen(prefix)) == 0) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(out, len, "%s", line + strlen(prefix));
			break;
		}
	}
	fclose(f);
	assert_true(out[0] != '\0');
}

static int
setup(void **state)
{
	const char *env = getenv("abs_top_builddir");
	char conf[512], why[1024], top[4096];

	(void)state;
	/* Absolute: the setup commands below cd into the temp dir. */
	assert_non_null(realpath(env != NULL ? env : ".", top));
	assert_non_null(mkdtemp(dir));
	assert_int_equal(sh("PPX_NOW=%d %s/ppx demo %s/demo > %s/demo.out",
	    NOW, top, dir, dir), 0);
	/* The demo's plugins plus the test plugins, in a dir of our own. */
	assert_int_equal(sh("set -e; cd %s; mkdir plugins templates; "
	    "cp %s/run/plugins/*.so %s/run/test-plugins/failing.so "
	    "%s/run/test-plugins/echo.so plugins/; "
	    "cp %s/run/templates/*.xsl %s/run/test-plugins/*.xsl templates/; "
	    "sed -i -e 's|<plugins dir=\"[^\"]*\"|<plugins dir=\"%s/plugins\"|' "
	    "-e 's|<templates dir=\"[^\"]*\"|<templates dir=\"%s/templates\"|' "
	    "demo/ppx.xml", dir, top, top, top, top, top, dir, dir), 0);
	snprintf(conf, sizeof(conf), "%s/demo/ppx.xml", dir);
	assert_int_equal(sh("set -e; P='%s/ppx -c %s'; "
	    "$P touchpoint enable demo shipped failing; "
	    "$P touchpoint enable demo shipped echo; "
	    "$P brand add other > /dev/null; "
	    "$P key new other > %s/other.key; "
	    "PPX_NOW=%d $P sign --expires 1h demo "
	    "'/v1/brands/demo/stages/shipped.xml?order=1042&expected=2026-11-25'"
	    " > %s/signed", top, conf, dir, NOW, dir), 0);
	snprintf(why, sizeof(why), "%s/demo.out", dir);
	read_line(why, "key: ", key_demo, sizeof(key_demo));
	snprintf(why, sizeof(why), "%s/other.key", dir);
	read_line(why, "", key_other, sizeof(key_other));
	snprintf(why, sizeof(why), "%s/signed", dir);
	read_line(why, "", signed_path, sizeof(signed_path));
	assert_int_equal(instance_load(&in, conf, why, sizeof(why)), 0);
	assert_int_equal(instance_attach(in, 0, why, sizeof(why)), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	instance_free(in);
	return sh("rm -rf %s", dir);
}

#define STAGE	"/v1/brands/demo/stages/shipped"
#define ORDER	"?order=1042&expected=2026-11-25&first_name=Anne&" \
		"item_name=Runner%2042&category=running-shoes&lang=nl&" \
		"image=https%3A%2F%2Fcdn.example%2Fr.jpg&" \
		"url=https%3A%2F%2Fshop.example%2Fp%2Fr"

static void
test_health(void **state)
{
	(void)state;
	assert_int_equal(status_of("GET", "/healthz", NULL), 200);
	assert_int_equal(status_of("DELETE", "/healthz", NULL), 405);
}

static void
test_statuses(void **state)
{
	char uri[8000];

	(void)state;
	assert_int_equal(status_of("GET", STAGE ".html" ORDER, NULL), 401);
	assert_int_equal(status_of("GET", STAGE ".html" ORDER,
	    "Bearer ppx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 401);
	assert_int_equal(status_of("GET", STAGE ".html" ORDER, "Basic eDp5"),
	    401);
	assert_int_equal(status_of("GET", STAGE ".html" ORDER,
	    bearer(key_other)), 403);
	assert_int_equal(status_of("GET", STAGE ".html" ORDER,
	    bearer(key_demo)), 200);
	assert_int_equal(status_of("GET", "/v1/brands/nobody/stages/shipped"
	    ".html" ORDER, bearer(key_demo)), 404);
	assert_int_equal(status_of("GET", "/v1/brands/demo/stages/lost.html"
	    ORDER, bearer(key_demo)), 404);
	assert_int_equal(status_of("GET", STAGE ".pdf" ORDER,
	    bearer(key_demo)), 404);
	assert_int_equal(status_of("GET", "/v1/brands/demo/touchpoints/"
	    "nothing.html" ORDER, bearer(key_demo)), 404);
	assert_int_equal(status_of("PUT", STAGE ".html" ORDER,
	    bearer(key_demo)), 405);
	assert_int_equal(status_of("GET", STAGE ".html?expected=2026-11-25",
	    bearer(key_demo)), 400);
	memset(uri, 'a', sizeof(uri) - 1);
	uri[sizeof(uri) - 1] = '\0';
	memcpy(uri, STAGE ".html?x=", strlen(STAGE ".html?x="));
	assert_int_equal(status_of("GET", uri, bearer(key_demo)), 414);
}

static void
test_signed_url(void **state)
{
	char uri[2200];
	char *p;

	(void)state;
	assert_int_equal(status_of("GET", signed_path, NULL), 200);
	/* Tampered: another order in the same signed URL. */
	snprintf(uri, sizeof(uri), "%s", signed_path);
	p = strstr(uri, "order=1042");
	assert_non_null(p);
	p[9] = '3';
	assert_int_equal(status_of("GET", uri, NULL), 401);
	/* The same signature on another brand's path. */
	snprintf(uri, sizeof(uri), "%s", signed_path);
	p = strstr(uri, "/demo/");
	memcpy(p, "/othe/", 6);
	assert_int_equal(status_of("GET", uri, NULL), 404);
}

static void
test_formats_and_omitted(void **state)
{
	static const char *fmts[] = { ".html", ".txt", ".xml", ".json" };
	struct response resp;
	struct fake f = { "GET", NULL, NULL, NULL, NULL, "", 0 };
	char uri[1024];
	size_t i;

	(void)state;
	f.auth = bearer(key_demo);
	for (i = 0; i < 4; i++) {
		snprintf(uri, sizeof(uri), "%s%s%s", STAGE, fmts[i], ORDER);
		f.uri = uri;
		run(&f, &resp);
		assert_int_equal(resp.status, 200);
		assert_true(resp.len > 0);
		assert_int_equal(resp.len, strlen(resp.body));
		assert_non_null(resp.etag);
		assert_non_null(strstr(resp.omitted, "failing=error"));
		assert_true(resp.cacheable);
	}
	snprintf(uri, sizeof(uri), "%s.json%s", STAGE, ORDER);
	f.uri = uri;
	run(&f, &resp);
	assert_int_equal(resp.body[0], '{');
	assert_non_null(strstr(resp.body, "\"touchpoints\""));
	assert_non_null(strstr(resp.body, "voorpret"));
}

static void
test_post_json_and_xml(void **state)
{
	struct response resp;
	struct fake f = { "POST", STAGE ".xml", NULL, "application/json",
	    "{\"id\":\"1042\",\"expected\":\"2026-11-25\",\"lang\":\"en\","
	    "\"items\":[{\"name\":\"Runner 42\",\"category\":\"running-shoes\","
	    "\"qty\":1}]}", "", 0 };

	(void)state;
	f.auth = bearer(key_demo);
	run(&f, &resp);
	assert_int_equal(resp.status, 200);
	assert_non_null(strstr(resp.body, "Runner 42"));

	f.ctype = "application/xml";
	f.body = "<order><id>1042</id><expected>2026-11-25</expected></order>";
	f.off = 0;
	run(&f, &resp);
	assert_int_equal(resp.status, 200);

	f.body = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><order><id>&a;</id></order>";
	f.off = 0;
	run(&f, &resp);
	assert_int_equal(resp.status, 400);

	f.ctype = "application/json";
	f.body = "{\"id\": [1, 2]}";
	f.off = 0;
	run(&f, &resp);
	assert_int_equal(resp.status, 400);
	assert_null(strchr(resp.body, '\n') == resp.body + resp.len - 1 ?
	    NULL : "one line");
}

static void
test_hostile_values_are_text(void **state)
{
	struct response resp;
	struct fake f = { "GET", NULL, NULL, NULL, NULL, "", 0 };

	(void)state;
	f.auth = bearer(key_demo);
	f.uri = "/v1/brands/demo/touchpoints/echo.html?stage=shipped&"
	    "order=%3Cscript%3Ealert(1)%3C%2Fscript%3E&"
	    "first_name=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&"
	    "item_name=%3Cscript%3E&url=javascript%3Aalert(1)";
	run(&f, &resp);
	assert_int_equal(resp.status, 200);
	assert_null(strstr(resp.body, "<script"));
	assert_null(strstr(resp.body, "<img src=x"));
	assert_null(strstr(resp.body, "href=\"javascript:"));
	assert_null(strstr(resp.body, "href=\"JaVaScRiPt:"));
	assert_non_null(strstr(resp.body, "&lt;script&gt;"));
}

static void
test_etag_304(void **state)
{
	(void)state;
	/* If-None-Match is not in the fake; the ETag is stable per body. */
	struct response a, b;
	struct fake f = { "GET", STAGE ".html" ORDER, NULL, NULL, NULL, "", 0 };
	char etag[64];

	f.auth = bearer(key_demo);
	run(&f, &a);
	snprintf(etag, sizeof(etag), "%s", a.etag);
	run(&f, &b);
	assert_string_equal(etag, b.etag);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_health),
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_signed_url),
		cmocka_unit_test(test_formats_and_omitted),
		cmocka_unit_test(test_post_json_and_xml),
		cmocka_unit_test(test_hostile_values_are_text),
		cmocka_unit_test(test_etag_304),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
