/*
 * test_text.c - the plain-text form derived from an HTML result tree.
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
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "arena.h"
#include "text.h"
#include "tmpl.h"

static struct arena *ar;

static const char *
text_of(const char *html)
{
	htmlDocPtr doc;
	char *out;
	size_t len;

	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	assert_non_null(doc);
	assert_int_equal(text_from_html(doc, ar, &out, &len), 0);
	assert_int_equal(strlen(out), len);
	xmlFreeDoc(doc);
	return out;
}

static void
test_small_result(void **state)
{
	const char *html =
	    "<table role=\"presentation\"><tr><td>"
	    "<h2>Nog 2   dagen</h2>"
	    "<p>Hallo\n   Anne,<br>je pakket &amp; meer.</p>"
	    "<p><a href=\"https://t.example/r/1\">Bekijk je\nbestelling</a></p>"
	    "<p><a href=\"https://x.example/\">https://x.example/</a> "
	    "<a href=\"mailto:a@b.example\">a@b.example</a></p>"
	    "<p><img src=\"https://x/a.png\" alt=\"Runner 42\">"
	    "<img src=\"https://x/s.png\" alt=\"\"><img src=\"x\"></p>"
	    "<ul><li>een</li><li>twee</li></ul>"
	    "<table><tr><td>Prijs</td><td>&euro;&nbsp;99</td></tr></table>"
	    "</td></tr></table>";

	(void)state;
	assert_string_equal(text_of(html),
	    "Nog 2 dagen\n"
	    "\n"
	    "Hallo Anne,\n"
	    "je pakket & meer.\n"
	    "\n"
	    "Bekijk je bestelling: https://t.example/r/1\n"
	    "\n"
	    "https://x.example/ a@b.example\n"
	    "\n"
	    "Runner 42\n"
	    "\n"
	    "- een\n"
	    "- twee\n"
	    "\n"
	    "Prijs \xe2\x82\xac 99\n");
}

static void
test_links(void **state)
{
	(void)state;
	assert_string_equal(text_of("<p><a href=\"\">leeg</a></p>"), "leeg\n");
	assert_string_equal(text_of("<p><a href=\"#top\">top</a></p>"),
	    "top\n");
	assert_string_equal(text_of("<p><a href=\"https://x.example/\">"
	    "<img src=\"https://x/i.png\" alt=\"\"></a></p>"),
	    "https://x.example/\n");
	assert_string_equal(text_of("<p><a href=\"https://x.example/\">"
	    "<img src=\"https://x/i.png\" alt=\"Logo\"></a></p>"),
	    "Logo: https://x.example/\n");
	assert_string_equal(text_of("<p>Ga <a href=\"https://x.example/a\">"
	    " hier </a>heen.</p>"), "Ga hier: https://x.example/a heen.\n");
	assert_string_equal(text_of("<p><a>geen href</a></p>"),
	    "geen href\n");
	/* A product photo beside its worded link says it once in text. */
	assert_string_equal(text_of("<table><tr><td><a href=\"https://s.example/p\">"
	    "<img src=\"https://s.example/p.jpg\" alt=\"Runner 42\"></a></td>"
	    "<td><a href=\"https://s.example/p\">Runner 42</a></td></tr></table>"),
	    "Runner 42: https://s.example/p\n");
	/* A photo linking elsewhere keeps its line. */
	assert_string_equal(text_of("<p><a href=\"https://s.example/q\">"
	    "<img src=\"https://s.example/q.jpg\" alt=\"Q\"></a> "
	    "<a href=\"https://s.example/p\">P</a></p>"),
	    "Q: https://s.example/q P: https://s.example/p\n");
	/* a button: link inside a table cell */
	assert_string_equal(text_of("<table><tr><td bgcolor=\"#222\">"
	    "<a href=\"https://t.example/r/2\" style=\"display:inline-block\">"
	    "Bekijk</a></td></tr></table>"),
	    "Bekijk: https://t.example/r/2\n");
}

static void
test_blank_lines_and_whitespace(void **state)
{
	(void)state;
	assert_string_equal(text_of("<table><tr><td><table><tr><td>"
	    "<p></p><p>  </p><div><p>een</p></div><p></p><br><br><br>"
	    "<table><tr><td><p>twee   </p></td></tr></table></td></tr>"
	    "</table></td></tr></table>"), "een\n\ntwee\n");
	assert_string_equal(text_of("<p>a<br>b<br><br><br><br>c</p>"),
	    "a\nb\n\nc\n");
	assert_string_equal(text_of("<p>\t  x \t</p>\n\n"), "x\n");
	assert_string_equal(text_of("x"), "x\n");
}

static void
test_skipped(void **state)
{
	(void)state;
	assert_string_equal(text_of("<p>a<script>alert(1)</script>b</p>"
	    "<style>p{color:red}</style><div style=\"DISPLAY : none\">"
	    "preheader</div><!-- note --><p>c</p>"), "ab\n\nc\n");
}

static void
test_entities_and_hostile_text(void **state)
{
	(void)state;
	assert_string_equal(text_of("<p>&lt;script&gt;alert(1)&lt;/script&gt;"
	    " caf&eacute; &#233; &amp;amp; &quot;q&quot;</p>"),
	    "<script>alert(1)</script> caf\xc3\xa9 \xc3\xa9 &amp; \"q\"\n");
}

static void
test_empty(void **state)
{
	htmlDocPtr doc;
	char *out;
	size_t len;

	(void)state;
	doc = htmlNewDocNoDtD(NULL, NULL);
	assert_int_equal(text_from_html(doc, ar, &out, &len), 0);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	xmlFreeDoc(doc);
	assert_string_equal(text_of("<p> </p><img alt=\"\">"), "");
}

static void
test_limit(void **state)
{
	htmlDocPtr doc;
	xmlNodePtr p;
	char *big, *out;
	size_t len;
	struct arena *a;

	(void)state;
	a = arena_new(4 * TEXT_MAX);
	big = malloc(TEXT_MAX / 2 + 1);
	memset(big, 'x', TEXT_MAX / 2);
	big[TEXT_MAX / 2] = '\0';
	doc = htmlNewDocNoDtD(NULL, NULL);
	p = xmlNewDocNode(doc, NULL, BAD_CAST "p", NULL);
	xmlDocSetRootElement(doc, p);
	xmlAddChild(p, xmlNewDocText(doc, BAD_CAST big));
	assert_int_equal(text_from_html(doc, a, &out, &len), 0);
	assert_int_equal(len, TEXT_MAX / 2 + 1);
	xmlAddChild(p, xmlNewDocText(doc, BAD_CAST big));
	xmlAddChild(p, xmlNewDocText(doc, BAD_CAST big));
	assert_int_equal(text_from_html(doc, a, &out, &len), -1);
	assert_null(out);
	xmlFreeDoc(doc);
	free(big);
	arena_free(a);
}

/* The whole way: hostile data through a template, then to text. */
static void
test_from_template(void **state)
{
	struct tmpl_set *set;
	const char *names[] = { "voorpret" };
	const char *srcdir;
	char dir[1024], why[256], *out;
	xmlDocPtr data, res;
	xmlNodePtr root, m;
	size_t len;

	(void)state;
	if ((srcdir = getenv("srcdir")) == NULL)
		srcdir = ".";
	snprintf(dir, sizeof(dir), "%s/tests/unit/tmpl/good", srcdir);
	assert_int_equal(tmpl_set_load(&set, dir, names, 1, NULL, why,
	    sizeof(why)), 0);
	data = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewNode(NULL, BAD_CAST "touchpoint");
	xmlDocSetRootElement(data, root);
	xmlNewProp(root, BAD_CAST "lang", BAD_CAST "nl");
	xmlNewTextChild(root, NULL, BAD_CAST "name",
	    BAD_CAST "<script>alert(1)</script>");
	xmlNewTextChild(root, NULL, BAD_CAST "url",
	    BAD_CAST "JaVaScRiPt:alert(1)");
	xmlNewTextChild(root, NULL, BAD_CAST "image",
	    BAD_CAST "https://cdn.example/i.png");
	m = xmlNewTextChild(root, NULL, BAD_CAST "msg", BAD_CAST "Nog 2 dagen");
	xmlNewProp(m, BAD_CAST "key", BAD_CAST "voorpret.countdown");
	assert_int_equal(tmpl_apply(tmpl_find(set, NULL, "voorpret"), data,
	    NULL, &res, why, sizeof(why)), 0);
	assert_int_equal(text_from_html(res, ar, &out, &len), 0);
	assert_string_equal(out, "Nog 2 dagen\n\n<script>alert(1)</script>\n"
	    "\n<script>alert(1)</script>\n");
	xmlFreeDoc(res);
	xmlFreeDoc(data);
	tmpl_set_free(set);
}

static int
setup(void **state)
{
	(void)state;
	ar = arena_new(1 << 20);
	return ar == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(ar);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_result),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_blank_lines_and_whitespace),
		cmocka_unit_test(test_skipped),
		cmocka_unit_test(test_entities_and_hostile_text),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_from_template),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
