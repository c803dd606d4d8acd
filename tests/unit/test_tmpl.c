/*
 * test_tmpl.c - templates: load checks, brand overrides, ppx:url, the
 * post-render check, libxslt security preferences.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "arena.h"
#include "html_check.h"
#include "tmpl.h"

static char	good_dir[1024];
static char	bad_dir[1024];

struct linkrec {
	struct arena	*a;
	int		 calls;
	const char	*ret;		/* fixed answer, or NULL to track */
	int		 use_ret;
	char		 url[512];
	char		 kind[32];
};

static const char *
track(void *arg, const char *url, const char *kind)
{
	struct linkrec *r = arg;

	r->calls++;
	snprintf(r->url, sizeof(r->url), "%s", url);
	snprintf(r->kind, sizeof(r->kind), "%s", kind);
	if (r->use_ret)
		return r->ret;
	return arena_printf(r->a, "https://t.example/r/%d?k=%s", r->calls, kind);
}

static xmlDocPtr
mkdata(const char *name, const char *url, const char *image)
{
	xmlDocPtr doc;
	xmlNodePtr root, m;

	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewNode(NULL, BAD_CAST "touchpoint");
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "name", BAD_CAST "voorpret");
	xmlNewProp(root, BAD_CAST "stage", BAD_CAST "shipped");
	xmlNewProp(root, BAD_CAST "lang", BAD_CAST "nl");
	xmlNewProp(root, BAD_CAST "brand", BAD_CAST "runfast");
	xmlNewTextChild(root, NULL, BAD_CAST "name", BAD_CAST name);
	xmlNewTextChild(root, NULL, BAD_CAST "url", BAD_CAST url);
	xmlNewTextChild(root, NULL, BAD_CAST "image", BAD_CAST image);
	xmlNewTextChild(root, NULL, BAD_CAST "color", BAD_CAST "#ff6600");
	m = xmlNewTextChild(root, NULL, BAD_CAST "msg", BAD_CAST "Nog 2 dagen");
	xmlNewProp(m, BAD_CAST "key", BAD_CAST "voorpret.countdown");
	m = xmlNewTextChild(root, NULL, BAD_CAST "msg", BAD_CAST "Bekijk");
	xmlNewProp(m, BAD_CAST "key", BAD_CAST "voorpret.cta");
	return doc;
}

static xmlDocPtr
sample_ok(void *arg, const char *name, const char *brand)
{
	int *calls = arg;

	(*calls)++;
	(void)name;
	(void)brand;
	return mkdata("Runner 42", "https://shop.example/p/runner-42",
	    "https://cdn.shop.example/runner-42.jpg");
}

static xmlDocPtr
sample_none(void *arg, const char *name, const char *brand)
{
	(void)arg;
	(void)name;
	(void)brand;
	return NULL;
}

/* Load one name from dir; returns rc, fills why. */
static int
load1(const char *dir, const char *name, int with_sample,
    struct tmpl_set **set, char *why, size_t whylen)
{
	static int calls;
	struct tmpl_check chk = { sample_ok, &calls };
	const char *names[1];

	names[0] = name;
	why[0] = '\0';
	return tmpl_set_load(set, dir, names, 1, with_sample ? &chk : NULL,
	    why, whylen);
}

/* Apply and serialise; NULL when the apply failed. */
static char *
render(const struct tmpl *t, xmlDocPtr data, struct linkrec *lr,
    struct arena *a, char *why, size_t whylen)
{
	struct tmpl_link link = { track, lr };
	xmlDocPtr res;
	char *out;
	size_t len;

	if (tmpl_apply(t, data, lr != NULL ? &link : NULL, &res, why,
	    whylen) != 0) {
		assert_null(res);
		return NULL;
	}
	assert_int_equal(tmpl_serialize(res, a, &out, &len), 0);
	assert_int_equal(strlen(out), len);
	xmlFreeDoc(res);
	return out;
}

static void
test_load_good_and_brands(void **state)
{
	struct tmpl_set *set;
	const struct tmpl *t;
	char why[256];
	const char *names[] = { "voorpret" };
	int calls = 0;
	struct tmpl_check chk = { sample_ok, &calls };

	(void)state;
	assert_int_equal(tmpl_set_load(&set, good_dir, names, 1, &chk, why,
	    sizeof(why)), 0);
	/* default + runfast; BadBrand and other/unlisted are skipped */
	assert_int_equal(calls, 2);
	t = tmpl_find(set, NULL, "voorpret");
	assert_non_null(t);
	assert_string_equal(tmpl_file(t), "voorpret.xsl");
	t = tmpl_find(set, "runfast", "voorpret");
	assert_string_equal(tmpl_file(t), "brands/runfast/voorpret.xsl");
	t = tmpl_find(set, "other", "voorpret");
	assert_string_equal(tmpl_file(t), "voorpret.xsl");
	t = tmpl_find(set, "BadBrand", "voorpret");
	assert_string_equal(tmpl_file(t), "voorpret.xsl");
	assert_null(tmpl_find(set, "runfast", "unlisted"));
	assert_null(tmpl_find(set, NULL, "nope"));
	tmpl_set_free(set);
}

static void
test_apply_good(void **state)
{
	struct tmpl_set *set;
	struct arena *a;
	struct linkrec lr;
	xmlDocPtr data;
	char why[256], *out;

	(void)state;
	a = arena_new(1 << 20);
	memset(&lr, 0, sizeof(lr));
	lr.a = a;
	assert_int_equal(load1(good_dir, "voorpret", 1, &set, why,
	    sizeof(why)), 0);
	data = mkdata("Runner 42 & co", "https://shop.example/p/r 42?q=a b",
	    "https://cdn.shop.example/r.jpg");

	out = render(tmpl_find(set, NULL, "voorpret"), data, &lr, a, why,
	    sizeof(why));
	assert_non_null(out);
	assert_non_null(strstr(out, "role=\"presentation\""));
	assert_non_null(strstr(out, "lang=\"nl\""));
	assert_non_null(strstr(out, "max-width:600px"));
	assert_non_null(strstr(out, ">Nog 2 dagen</h2>"));
	assert_non_null(strstr(out, "Runner 42 &amp; co"));
	/* link, button, image: three ppx:url calls, kinds passed on */
	assert_int_equal(lr.calls, 3);
	assert_string_equal(lr.kind, "image");
	assert_non_null(strstr(out, "href=\"https://t.example/r/1?k=link\""));
	assert_non_null(strstr(out, "https://t.example/r/2?k=cta"));
	assert_non_null(strstr(out, "bgcolor=\"#ff6600\""));
	assert_non_null(strstr(out, ">Bekijk</a>"));
	assert_non_null(strstr(out, "<img src=\"https://t.example/r/3?k=image\""
	    " width=\"120\" height=\"80\" alt=\"Runner 42 &amp; co\""));
	assert_null(strchr(out, '\n'));

	/* the brand's override, for its brand only */
	out = render(tmpl_find(set, "runfast", "voorpret"), data, &lr, a, why,
	    sizeof(why));
	assert_string_equal(out, "<p>runfast override for runfast</p>");

	xmlFreeDoc(data);
	tmpl_set_free(set);
	arena_free(a);
}

static void
test_ppx_url_encodes_query(void **state)
{
	struct tmpl_set *set;
	struct arena *a;
	struct linkrec lr;
	xmlDocPtr data;
	char why[256], *out;
	const char *raw = " \thttps://shop.example/p/r 42?q=a b&c=<d>\"e ";

	(void)state;
	a = arena_new(1 << 20);
	memset(&lr, 0, sizeof(lr));
	lr.a = a;
	assert_int_equal(load1(good_dir, "voorpret", 0, &set, why,
	    sizeof(why)), 0);
	data = mkdata("x", raw, raw);
	out = render(tmpl_find(set, NULL, "voorpret"), data, &lr, a, why,
	    sizeof(why));
	assert_non_null(out);
	assert_int_equal(lr.calls, 3);
	/* what the host's link function was given last (the image) */
	assert_string_equal(lr.url,
	    "https://shop.example/p/r%2042?q=a%20b&c=%3Cd%3E%22e");
	assert_string_equal(lr.kind, "image");
	xmlFreeDoc(data);
	tmpl_set_free(set);
	arena_free(a);
}

static void
test_url_clean(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} ok[] = {
		{ "https://shop.example/p?q=a b&c=<d>",
		  "https://shop.example/p?q=a%20b&c=%3Cd%3E" },
		{ "HTTP://X.example", "HTTP://X.example" },
		{ " \t\r\n\x01https://x.example/ \n", "https://x.example/" },
		{ "https://x.example/%41%zz%4", "https://x.example/%41%25zz%254" },
		{ "https://x.example/\"onmouseover=alert(1)",
		  "https://x.example/%22onmouseover=alert(1)" },
		{ "mailto:a@b.example?subject=Hi there",
		  "mailto:a@b.example?subject=Hi%20there" },
		{ "https://x.example/caf\xc3\xa9", "https://x.example/caf%C3%A9" },
		{ "https://x.example/a\\b{}|^`", "https://x.example/a%5Cb%7B%7D%7C%5E%60" },
	};
	static const char *const bad[] = {
		"javascript:alert(1)", "JaVaScRiPt:alert(1)",
		" javascript:alert(1)", "\x01javascript:alert(1)",
		"java\tscript:alert(1)", "java\nscript:alert(1)",
		"data:text/html,<script>alert(1)</script>", "vbscript:x",
		"ftp://x.example/", "//evil.example/x", "/relative", "",
		"   ", "https:", "https://", "https:/x.example", "https:///x",
		"https://x.exa\tmple/", "https://x.example/\x7f", "mailto:",
		"http%3A//x.example", "https&#58;//x.example",
	};
	char *big, *s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		s = tmpl_url_clean(ok[i].in);
		assert_non_null(s);
		assert_string_equal(s, ok[i].want);
		free(s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s = tmpl_url_clean(bad[i]);
		if (s != NULL)
			fail_msg("accepted %s", bad[i]);
	}
	assert_null(tmpl_url_clean(NULL));
	big = malloc(TMPL_MAX_URL + 2);
	memset(big, 'a', TMPL_MAX_URL + 1);
	memcpy(big, "https://", 8);
	big[TMPL_MAX_URL + 1] = '\0';
	assert_null(tmpl_url_clean(big));
	big[TMPL_MAX_URL] = '\0';
	s = tmpl_url_clean(big);
	assert_non_null(s);
	free(s);
	free(big);
}

static void
test_hostile_data_is_inert(void **state)
{
	static const char *const urls[] = {
		"javascript:alert(1)", "JaVaScRiPt:alert(1)",
		" javascript:alert(1)", "java\tscript:alert(1)",
		"\x0ejavascript:alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"//evil.example/x", "vbscript:msgbox(1)",
	};
	struct tmpl_set *set;
	struct arena *a;
	struct linkrec lr;
	xmlDocPtr data;
	char why[256], *out;
	size_t i;

	(void)state;
	a = arena_new(1 << 20);
	assert_int_equal(load1(good_dir, "voorpret", 1, &set, why,
	    sizeof(why)), 0);
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		memset(&lr, 0, sizeof(lr));
		lr.a = a;
		data = mkdata("<script>alert(1)</script>\"><img src=x "
		    "onerror=alert(1)>", urls[i], urls[i]);
		out = render(tmpl_find(set, NULL, "voorpret"), data, &lr, a,
		    why, sizeof(why));
		if (out == NULL)
			fail_msg("%s: %s", urls[i], why);
		assert_int_equal(lr.calls, 0);
		assert_null(strstr(out, "<script"));
		assert_null(strstr(out, "<img src=x"));
		assert_null(strstr(out, "href"));
		assert_null(strstr(out, "<img"));
		assert_null(strstr(out, "javascript"));
		assert_null(strstr(out, "JaVaScRiPt"));
		assert_non_null(strstr(out, ">&lt;script&gt;alert(1)&lt;/script&gt;"
		    "\"&gt;&lt;img src=x onerror=alert(1)&gt;</p>"));
		/* libxml2 quotes with ' when the value holds a " */
		assert_non_null(strstr(out, "title='&lt;script&gt;alert(1)"
		    "&lt;/script&gt;\"&gt;&lt;img src=x onerror=alert(1)"
		    "&gt;'>"));
		assert_null(strstr(out, "onerror=alert(1)>"));
		xmlFreeDoc(data);
	}
	tmpl_set_free(set);
	arena_free(a);
}

static void
test_link_result_is_checked(void **state)
{
	struct tmpl_set *set;
	struct arena *a;
	struct linkrec lr;
	xmlDocPtr data;
	char why[256], *out;

	(void)state;
	a = arena_new(1 << 20);
	assert_int_equal(load1(good_dir, "voorpret", 0, &set, why,
	    sizeof(why)), 0);
	data = mkdata("x", "https://shop.example/", "https://cdn.example/i.png");
	memset(&lr, 0, sizeof(lr));
	lr.a = a;
	lr.use_ret = 1;
	lr.ret = "javascript:alert(1)";
	out = render(tmpl_find(set, NULL, "voorpret"), data, &lr, a, why,
	    sizeof(why));
	assert_non_null(out);
	assert_int_equal(lr.calls, 3);
	assert_string_equal(lr.url, "https://cdn.example/i.png");
	assert_null(strstr(out, "href"));
	assert_null(strstr(out, "javascript"));
	lr.ret = NULL;
	out = render(tmpl_find(set, NULL, "voorpret"), data, &lr, a, why,
	    sizeof(why));
	assert_non_null(out);
	assert_null(strstr(out, "href"));
	/* no link function: the checked URL itself */
	out = render(tmpl_find(set, NULL, "voorpret"), data, NULL, a, why,
	    sizeof(why));
	assert_non_null(strstr(out, "href=\"https://shop.example/\""));
	xmlFreeDoc(data);
	tmpl_set_free(set);
	arena_free(a);
}

static void
expect_load_error(const char *name, int with_sample, const char *want)
{
	struct tmpl_set *set = (struct tmpl_set *)1;
	char why[512];

	if (load1(bad_dir, name, with_sample, &set, why, sizeof(why)) == 0)
		fail_msg("%s: loaded", name);
	assert_null(set);
	if (strstr(why, want) == NULL)
		fail_msg("%s: got \"%s\", want \"%s\"", name, why, want);
}

static void
test_doe_refused(void **state)
{
	(void)state;
	expect_load_error("doe", 0,
	    "doe.xsl:5: disable-output-escaping is not allowed");
	expect_load_error("doe_import", 0,
	    "doe_part.xsl:4: disable-output-escaping is not allowed");
}

static void
test_bad_output_refused_at_load(void **state)
{
	(void)state;
	expect_load_error("script", 1, "script.xsl: output contains <script>");
	expect_load_error("jshref", 1,
	    "jshref.xsl: output has <a href> with a JaVaScRiPt: URL");
	expect_load_error("onclick", 1,
	    "onclick.xsl: output has <p onClick>");
	expect_load_error("dataimg", 1,
	    "dataimg.xsl: output has <img src> with a data: URI");
	expect_load_error("position", 1,
	    "position.xsl: output has <div style> with position");
	expect_load_error("flex", 1,
	    "flex.xsl: output has <div style> with display:flex|grid");
}

static void
test_bad_stylesheets_refused(void **state)
{
	struct tmpl_set *set;
	const char *names[] = { "voorpret", "../x" };
	int calls = 0;
	struct tmpl_check none = { sample_none, &calls };
	char why[256];

	(void)state;
	expect_load_error("simplified", 0, "simplified.xsl: not a full-form");
	expect_load_error("xmlout", 0,
	    "xmlout.xsl: xsl:output method must be \"html\"");
	expect_load_error("netimport", 0, "netimport.xsl: Network file read "
	    "for http://127.0.0.1:1/x.xsl refused");
	expect_load_error("passwdimport", 0, "passwdimport.xsl: Local file "
	    "read for /etc/passwd refused");
	expect_load_error("broken", 0, "broken.xsl: ");
	expect_load_error("broken", 0, "parser error");
	expect_load_error("nosuch", 0, "nosuch.xsl: No such file");
	expect_load_error("Script", 0, "bad touchpoint name");
	assert_int_equal(tmpl_set_load(&set, good_dir, names, 2, NULL, why,
	    sizeof(why)), -1);
	assert_string_equal(why, "templates: bad touchpoint name");
	assert_int_equal(tmpl_set_load(&set, good_dir, names, 1, &none, why,
	    sizeof(why)), -1);
	assert_string_equal(why, "voorpret.xsl: no sample data to check "
	    "against");
	assert_int_equal(tmpl_set_load(&set, "/nonexistent-ppx", names, 1,
	    NULL, why, sizeof(why)), -1);
	assert_null(set);
}

/* Load without a sample, then apply: the transform must fail. */
static void
expect_apply_error(const char *name, const char *want)
{
	struct tmpl_set *set;
	xmlDocPtr data, res;
	char why[512];

	assert_int_equal(load1(bad_dir, name, 0, &set, why, sizeof(why)), 0);
	data = mkdata("x", "https://shop.example/", "https://cdn.example/i");
	if (tmpl_apply(tmpl_find(set, NULL, name), data, NULL, &res, why,
	    sizeof(why)) == 0)
		fail_msg("%s: applied", name);
	assert_null(res);
	if (strstr(why, want) == NULL)
		fail_msg("%s: got \"%s\", want \"%s\"", name, why, want);
	xmlFreeDoc(data);
	tmpl_set_free(set);
}

static void
test_no_reads_no_writes(void **state)
{
	struct stat st;

	(void)state;
	(void)unlink("/tmp/ppx-tmpl-test-xsl.txt");
	(void)unlink("/tmp/ppx-tmpl-test-exsl/out.txt");
	(void)rmdir("/tmp/ppx-tmpl-test-exsl");
	expect_apply_error("docfile", "Local file read for /etc/passwd "
	    "refused");
	expect_apply_error("docnet", "Network file read for "
	    "http://127.0.0.1:1/x refused");
	expect_apply_error("write_exsl", "File write for "
	    "/tmp/ppx-tmpl-test-exsl/out.txt refused");
	expect_apply_error("write_xsl", "File write for "
	    "/tmp/ppx-tmpl-test-xsl.txt refused");
	assert_int_not_equal(stat("/tmp/ppx-tmpl-test-xsl.txt", &st), 0);
	assert_int_not_equal(stat("/tmp/ppx-tmpl-test-exsl", &st), 0);
	/* and the sample check at load catches them too */
	expect_load_error("docfile", 1, "docfile.xsl: runtime error");
}

static int
apply_depth(const struct tmpl *t, int n, char *why, size_t whylen)
{
	xmlDocPtr data, res;
	char num[16];
	int rc;

	data = mkdata("x", "https://shop.example/", "https://cdn.example/i");
	snprintf(num, sizeof(num), "%d", n);
	xmlNewTextChild(xmlDocGetRootElement(data), NULL, BAD_CAST "n",
	    BAD_CAST num);
	rc = tmpl_apply(t, data, NULL, &res, why, whylen);
	xmlFreeDoc(res);
	xmlFreeDoc(data);
	return rc;
}

static void
test_depth_cap(void **state)
{
	struct tmpl_set *set;
	const struct tmpl *t;
	char why[512];

	(void)state;
	expect_apply_error("deep", "infinite template recursion");
	assert_int_equal(load1(bad_dir, "depth", 0, &set, why, sizeof(why)),
	    0);
	t = tmpl_find(set, NULL, "depth");
	assert_int_equal(apply_depth(t, TMPL_MAX_DEPTH / 2 - 20, why,
	    sizeof(why)), 0);
	assert_int_equal(apply_depth(t, TMPL_MAX_DEPTH / 2 + 20, why,
	    sizeof(why)), -1);
	assert_non_null(strstr(why, "infinite template recursion"));
	tmpl_set_free(set);
}

static void
test_runtime_check(void **state)
{
	struct tmpl_set *set;
	xmlDocPtr data, res;
	char why[256];

	(void)state;
	/* loads: the sample's URL is fine */
	assert_int_equal(load1(bad_dir, "rawhref", 1, &set, why,
	    sizeof(why)), 0);
	data = mkdata("x", " javascript:alert(1)", "x");
	assert_int_equal(tmpl_apply(tmpl_find(set, NULL, "rawhref"), data,
	    NULL, &res, why, sizeof(why)), -1);
	assert_null(res);
	assert_string_equal(why,
	    "rawhref.xsl: output has <a href> with a javascript: URL");
	xmlFreeDoc(data);
	tmpl_set_free(set);
}

static int
check_html(const char *html, char *why, size_t whylen)
{
	htmlDocPtr doc;
	int rc;

	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	assert_non_null(doc);
	rc = html_check(doc, HTML_CHECK_EMAIL, why, whylen);
	xmlFreeDoc(doc);
	return rc;
}

static void
test_check_output(void **state)
{
	static const char *const ok[] = {
		"<p>x</p>",
		"<a href=\"\">x</a>",
		"<a href=\"#top\">x</a>",
		"<a href=\"mailto:a@b.example\">x</a>",
		"<a href=\" HTTPS://x.example/\">x</a>",
		"<td style=\"background-position:0 0;display:block\">x</td>",
		("<img src=\"https://x.example/a.png\" srcset=\"https://x.example/"
		    "a.png 1x, https://x.example/b.png 2x\" alt=\"\">"),
		"<table role=\"presentation\"><tr><td>x</td></tr></table>",
	};
	static const struct {
		const char	*html;
		const char	*want;
	} bad[] = {
		{ "<p><SCRIPT>x</SCRIPT></p>", "output contains <script>" },
		{ "<form><input></form>", "output contains <form>" },
		{ "<p><iframe src=\"https://x\"></iframe></p>",
		  "output contains <iframe>" },
		{ "<p><embed src=\"https://x\"></p>", "output contains <embed>" },
		{ "<p><object></object></p>", "output contains <object>" },
		{ "<p><svg></svg></p>", "output contains <svg>" },
		{ "<p><style>p{}</style></p>", "output contains <style>" },
		{ "<a href=\"vbscript:x\">x</a>",
		  "output has <a href> with a vbscript: URL" },
		{ "<a href=\"java&#9;script:alert(1)\">x</a>",
		  "output has <a href> with a URL with control characters" },
		{ "<a href=\"page.html\">x</a>",
		  "output has <a href> with a relative URL" },
		{ "<img srcset=\"https://x.example/a 1x, javascript:b 2x\">",
		  "output has <img srcset> with a javascript: URL" },
		{ "<table background=\"data:image/png,xx\"><tr><td>x</td></tr>"
		  "</table>", "output has <table background> with a data: URI" },
		{ "<div style=\"display : GRID\">x</div>",
		  "output has <div style> with display:flex|grid" },
		{ "<div style=\"display:-webkit-flex\">x</div>",
		  "output has <div style> with display:flex|grid" },
		{ "<div style=\"pos/**/ition:fixed\">x</div>",
		  "output has <div style> with position" },
		{ "<div style=\"\\70 osition:fixed\">x</div>",
		  "output has <div style> with a CSS escape" },
		{ "<p style=\"width:expression(alert(1))\">x</p>",
		  "output has <p style> with expression()" },
		{ "<p style=\"background:url(data:image/png,xx)\">x</p>",
		  "output has <p style> with a data: URI" },
		{ "<img src=\"https://x/a.png\" OnError=\"x\">",
		  "output has <img onerror>" },
	};
	char why[256];
	size_t i, pass;

	(void)state;
	/* Twice: the second pass meets the remembered style verdicts. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
			if (check_html(ok[i], why, sizeof(why)) != 0)
				fail_msg("%s: %s", ok[i], why);
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			if (check_html(bad[i].html, why, sizeof(why)) == 0)
				fail_msg("passed: %s", bad[i].html);
			if (strcmp(why, bad[i].want) != 0)
				fail_msg("%s: got \"%s\"", bad[i].html, why);
		}
	}
}

/*
 * More styles than the verdict memo has slots (1024), good and bad
 * mixed, each asked three times: slots are taken over, and no style ever
 * gets another's verdict.
 */
static void
test_check_style_memo(void **state)
{
	char html[160], why[256];
	int i, round, bad;

	(void)state;
	for (round = 0; round < 3; round++)
		for (i = 0; i < 2500; i++) {
			bad = i % 3 == 0;
			snprintf(html, sizeof(html), "<p style=\"width:%dpx;%s\">"
			    "x</p>", i, bad ? "position:fixed" : "color:red");
			if (bad) {
				assert_int_equal(check_html(html, why,
				    sizeof(why)), -1);
				assert_string_equal(why,
				    "output has <p style> with position");
			} else if (check_html(html, why, sizeof(why)) != 0)
				fail_msg("%s: %s", html, why);
		}
}

/*
 * Trees built node by node, as a template can make them
 * (<xsl:element name="SCRIPT">, <xsl:attribute name="HREF">) and as the
 * HTML parser never would: names in any case and of any length,
 * attribute values of more than one node, styles past the memo's length.
 */
struct built {
	xmlDocPtr	doc;
	xmlNodePtr	root;
};

static xmlNodePtr
built_new(struct built *b, const char *name)
{
	b->doc = htmlNewDocNoDtD(NULL, NULL);
	assert_non_null(b->doc);
	b->root = xmlNewDocNode(b->doc, NULL, BAD_CAST "table", NULL);
	assert_non_null(b->root);
	xmlDocSetRootElement(b->doc, b->root);
	return xmlNewChild(b->root, NULL, BAD_CAST name, BAD_CAST "x");
}

/* The check of mode on b's tree, twice (the second meets the memo). */
static int
built_check(struct built *b, enum html_check_mode mode, char *why,
    size_t whylen)
{
	char again[256];
	int rc;

	rc = html_check(b->doc, mode, why, whylen);
	assert_int_equal(html_check(b->doc, mode, again, sizeof(again)), rc);
	if (rc != 0)
		assert_string_equal(again, why);
	xmlFreeDoc(b->doc);
	return rc;
}

static void
test_check_built_tree(void **state)
{
	char why[256], style[1400], name[40];
	struct built b;
	xmlNodePtr el, t1, t2;
	xmlAttrPtr at;
	size_t i;

	(void)state;
	built_new(&b, "SCRIPT");
	assert_int_equal(built_check(&b, HTML_CHECK_EMAIL, why, sizeof(why)),
	    -1);
	assert_string_equal(why, "output contains <SCRIPT>");

	built_new(&b, "foreignObject");
	assert_int_equal(built_check(&b, HTML_CHECK_CONSOLE, why,
	    sizeof(why)), -1);
	assert_string_equal(why, "output contains <foreignObject>");

	el = built_new(&b, "a");
	xmlNewProp(el, BAD_CAST "HREF", BAD_CAST "javascript:x");
	assert_int_equal(built_check(&b, HTML_CHECK_EMAIL, why, sizeof(why)),
	    -1);
	assert_string_equal(why, "output has <a HREF> with a javascript: URL");

	el = built_new(&b, "img");
	xmlNewProp(el, BAD_CAST "OnError", BAD_CAST "x");
	assert_int_equal(built_check(&b, HTML_CHECK_PAGE, why, sizeof(why)),
	    -1);
	assert_string_equal(why, "output has <img OnError>");

	/* An on* name too long for the tables is still an event. */
	el = built_new(&b, "p");
	xmlNewProp(el, BAD_CAST "onsomethingverylong", BAD_CAST "x");
	assert_int_equal(built_check(&b, HTML_CHECK_EMAIL, why, sizeof(why)),
	    -1);
	assert_string_equal(why, "output has <p onsomethingverylong>");

	/* Long names of nothing dangerous pass, as they always did. */
	snprintf(name, sizeof(name), "x-%s", "a-rather-long-element");
	el = built_new(&b, name);
	xmlNewProp(el, BAD_CAST "data-a-rather-long-name", BAD_CAST "y");
	assert_int_equal(built_check(&b, HTML_CHECK_EMAIL, why, sizeof(why)),
	    0);

	/* A value of two text nodes is checked whole: "java" "script:…". */
	el = built_new(&b, "a");
	at = xmlNewProp(el, BAD_CAST "href", NULL);
	t1 = xmlNewDocText(b.doc, BAD_CAST "java");
	t2 = xmlNewDocText(b.doc, BAD_CAST "script:alert(1)");
	t1->parent = t2->parent = (xmlNodePtr)at;
	t1->next = t2;
	t2->prev = t1;
	at->children = t1;
	at->last = t2;
	assert_int_equal(built_check(&b, HTML_CHECK_EMAIL, why, sizeof(why)),
	    -1);
	assert_string_equal(why, "output has <a href> with a javascript: URL");

	/* A style longer than the memo keeps is checked every time. */
	for (i = 0; i + 10 < 1300; i += 10)
		memcpy(style + i, "color:red;", 10);
	snprintf(style + i, sizeof(style) - i, "position:fixed");
	el = built_new(&b, "td");
	xmlNewProp(el, BAD_CAST "Style", BAD_CAST style);
	assert_int_equal(built_check(&b, HTML_CHECK_EMAIL, why, sizeof(why)),
	    -1);
	assert_string_equal(why, "output has <td Style> with position");

	/* Console pages: an iframe needs sandbox, in any case. */
	built_new(&b, "IFRAME");
	assert_int_equal(built_check(&b, HTML_CHECK_CONSOLE, why,
	    sizeof(why)), -1);
	assert_string_equal(why, "output has <iframe> without sandbox");
	el = built_new(&b, "iframe");
	xmlNewProp(el, BAD_CAST "sandbox", BAD_CAST "");
	assert_int_equal(built_check(&b, HTML_CHECK_CONSOLE, why,
	    sizeof(why)), 0);
}

static void
test_serialize_empty_and_utf8(void **state)
{
	struct arena *a;
	htmlDocPtr doc;
	char *out;
	size_t len;
	const char *html = "<p>caf\xc3\xa9 &amp; <b>thee</b></p>";

	(void)state;
	a = arena_new(1 << 16);
	doc = htmlNewDocNoDtD(NULL, NULL);
	assert_int_equal(tmpl_serialize(doc, a, &out, &len), 0);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	xmlFreeDoc(doc);
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOIMPLIED | HTML_PARSE_NOERROR);
	assert_int_equal(tmpl_serialize(doc, a, &out, &len), 0);
	assert_string_equal(out, html);
	xmlFreeDoc(doc);
	arena_free(a);
}

int
main(void)
{
	const char *srcdir;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_good_and_brands),
		cmocka_unit_test(test_apply_good),
		cmocka_unit_test(test_ppx_url_encodes_query),
		cmocka_unit_test(test_url_clean),
		cmocka_unit_test(test_hostile_data_is_inert),
		cmocka_unit_test(test_link_result_is_checked),
		cmocka_unit_test(test_doe_refused),
		cmocka_unit_test(test_bad_output_refused_at_load),
		cmocka_unit_test(test_bad_stylesheets_refused),
		cmocka_unit_test(test_no_reads_no_writes),
		cmocka_unit_test(test_depth_cap),
		cmocka_unit_test(test_runtime_check),
		cmocka_unit_test(test_check_output),
		cmocka_unit_test(test_check_style_memo),
		cmocka_unit_test(test_check_built_tree),
		cmocka_unit_test(test_serialize_empty_and_utf8),
	};

	if ((srcdir = getenv("srcdir")) == NULL)
		srcdir = ".";
	snprintf(good_dir, sizeof(good_dir), "%s/tests/unit/tmpl/good", srcdir);
	snprintf(bad_dir, sizeof(bad_dir), "%s/tests/unit/tmpl/bad", srcdir);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
