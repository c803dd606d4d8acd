/*
 * test_admin_page.c - the page mode of the output check (what a console
 * page may and may not contain), and the shipped console templates load.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "admin_http.h"
#include "html_check.h"
#include "tmpl.h"

static int
page_ok(const char *html, char *why, size_t whylen)
{
	htmlDocPtr doc;
	int rc;

	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	rc = html_check(doc, HTML_CHECK_CONSOLE, why, whylen);
	xmlFreeDoc(doc);
	return rc;
}

static void
allows_what_pages_need(void **state)
{
	char why[256] = "";

	(void)state;
	assert_int_equal(page_ok("<html><head><meta charset=\"utf-8\">"
	    "<link rel=\"stylesheet\" href=\"/admin/static/admin.css\">"
	    "</head><body><form method=\"post\" action=\"/admin/login\">"
	    "<input name=\"csrf\" value=\"x\"><button>Go</button></form>"
	    "<a href=\"/admin/brands\">b</a><a href=\"#top\">t</a>"
	    "<a href=\"https://shop.example/\">s</a>"
	    "<iframe sandbox=\"\" src=\"/admin/brands/demo/preview\">"
	    "</iframe><svg viewBox=\"0 0 10 10\"><rect width=\"1\" height=\"2\"/></svg>"
	    "</body></html>", why, sizeof(why)), 0);
}

static void
refuses_the_rest(void **state)
{
	static const struct {
		const char *html, *why;
	} bad[] = {
		{ "<script>x()</script>", "output contains <script>" },
		{ "<style>p{}</style>", "output contains <style>" },
		{ "<iframe src=\"/admin/x\"></iframe>", "output has <iframe> "
		    "without sandbox" },
		{ "<iframe sandbox src=\"javascript:x\"></iframe>", "output has "
		    "<iframe src> with a javascript: URL" },
		{ "<object data=\"/x\"></object>", "output contains <object>" },
		{ "<p onclick=\"x()\">x</p>", "output has <p onclick>" },
		{ "<p style=\"color:red\">x</p>", "output has <p style> with "
		    "inline style (pages use the stylesheet)" },
		{ "<a href=\"javascript:x()\">x</a>", "output has <a href> with "
		    "a javascript: URL" },
		{ "<a href=\"//evil.example/\">x</a>", "output has <a href> with "
		    "a relative URL" },
		{ "<form action=\"data:text/html,x\"></form>", "output has "
		    "<form action> with a data: URI" },
		{ "<img src=\"admin.png\">", "output has <img src> with a "
		    "relative URL" },
	};
	char html[512], why[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(html, sizeof(html), "<html><body>%s</body></html>",
		    bad[i].html);
		why[0] = '\0';
		assert_int_equal(page_ok(html, why, sizeof(why)), -1);
		assert_string_equal(why, bad[i].why);
	}
}

static void
email_check_still_refuses_forms(void **state)
{
	htmlDocPtr doc;
	char why[256];
	const char *html = "<html><body><form action=\"https://x.example/\">"
	    "</form></body></html>";

	(void)state;
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	assert_int_equal(html_check(doc, HTML_CHECK_EMAIL, why, sizeof(why)),
	    -1);
	assert_string_equal(why, "output contains <form>");
	xmlFreeDoc(doc);
}

static void
shipped_templates_load(void **state)
{
	struct admin_pages *p;
	const char *src = getenv("abs_top_srcdir");
	char dir[4096], why[512];
	size_t len;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/templates", src != NULL ? src : ".");
	assert_int_equal(admin_pages_load(&p, dir, why, sizeof(why)), 0);
	assert_non_null(admin_pages_css(p, &len));
	assert_true(len > 100);
	admin_pages_free(p);
	assert_int_equal(admin_pages_load(&p, "/nonexistent", why,
	    sizeof(why)), -1);
	assert_null(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allows_what_pages_need),
		cmocka_unit_test(refuses_the_rest),
		cmocka_unit_test(email_check_still_refuses_forms),
		cmocka_unit_test(shipped_templates_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
