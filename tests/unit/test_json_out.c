/*
 * test_json_out.c - the documented data tree -> JSON mapping.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "arena.h"
#include "json_out.h"

static struct arena *ar;

static const char *
json_of_doc(xmlDocPtr doc)
{
	char *out;
	size_t len;

	assert_int_equal(json_from_tree(doc, ar, &out, &len), 0);
	assert_int_equal(strlen(out), len);
	return out;
}

static const char *
json_of(const char *xml)
{
	xmlDocPtr doc;
	const char *out;

	doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8",
	    XML_PARSE_NONET);
	assert_non_null(doc);
	out = json_of_doc(doc);
	xmlFreeDoc(doc);
	return out;
}

static void
test_single_and_repeated(void **state)
{
	(void)state;
	assert_string_equal(json_of(
	    "<touchpoint name=\"voorpret\" stage=\"shipped\" lang=\"nl\" "
	    "brand=\"runfast\"><days>2</days><tip>a</tip><tip>b</tip>"
	    "<empty/><item sku=\"RUN-42\"><name>Runner 42</name></item>"
	    "<tip>c</tip><one><tip>x</tip></one></touchpoint>"),
	    "{\"name\":\"voorpret\",\"stage\":\"shipped\",\"lang\":\"nl\","
	    "\"brand\":\"runfast\",\"days\":\"2\",\"tip\":[\"a\",\"b\",\"c\"],"
	    "\"empty\":\"\",\"item\":{\"sku\":\"RUN-42\",\"name\":\"Runner 42\"},"
	    "\"one\":{\"tip\":\"x\"}}");
	/* repeated objects, and an element that wins over an attribute */
	assert_string_equal(json_of("<touchpoint days=\"1\"><item sku=\"a\"/>"
	    "<item sku=\"b\"><q>1</q></item><days>2</days></touchpoint>"),
	    "{\"days\":\"2\",\"item\":[{\"sku\":\"a\"},{\"sku\":\"b\","
	    "\"q\":\"1\"}]}");
	/* a lone element root is still an object */
	assert_string_equal(json_of("<touchpoint/>"), "{}");
	assert_string_equal(json_of("<touchpoint> hi </touchpoint>"),
	    "{\"#text\":\"hi\"}");
}

static void
test_msg_collected(void **state)
{
	(void)state;
	assert_string_equal(json_of(
	    "<touchpoint name=\"voorpret\">"
	    "<msg key=\"voorpret.countdown\">Nog 2 dagen</msg>"
	    "<days>2</days>"
	    "<msg key=\"voorpret.cta\">Bekijk</msg>"
	    "<msg key=\"voorpret.cta\">Bekijk nu</msg>"
	    "<msg>no key: dropped</msg>"
	    "<tip id=\"1\"><msg key=\"tip.title\">Rek</msg></tip>"
	    "</touchpoint>"),
	    "{\"name\":\"voorpret\",\"msg\":{\"voorpret.countdown\":"
	    "\"Nog 2 dagen\",\"voorpret.cta\":\"Bekijk nu\"},\"days\":\"2\","
	    "\"tip\":{\"id\":\"1\",\"msg\":{\"tip.title\":\"Rek\"}}}");
}

static void
test_stage_root(void **state)
{
	(void)state;
	assert_string_equal(json_of("<stage name=\"shipped\" brand=\"runfast\" "
	    "lang=\"nl\"/>"), "{\"name\":\"shipped\",\"brand\":\"runfast\","
	    "\"lang\":\"nl\",\"touchpoints\":[]}");
	assert_string_equal(json_of("<stage name=\"shipped\">"
	    "<touchpoint name=\"voorpret\"><days>2</days></touchpoint>"
	    "</stage>"), "{\"name\":\"shipped\",\"touchpoints\":["
	    "{\"name\":\"voorpret\",\"days\":\"2\"}]}");
	assert_string_equal(json_of("<stage name=\"shipped\">"
	    "<touchpoint name=\"voorpret\"/><touchpoint>x</touchpoint>"
	    "<touchpoints>dropped</touchpoints></stage>"),
	    "{\"name\":\"shipped\",\"touchpoints\":[{\"name\":\"voorpret\"},"
	    "{\"#text\":\"x\"}]}");
	/* only a stage root gets the array */
	assert_string_equal(json_of("<other><touchpoint name=\"a\"/></other>"),
	    "{\"touchpoint\":{\"name\":\"a\"}}");
}

static void
test_mixed_text(void **state)
{
	(void)state;
	assert_string_equal(json_of("<touchpoint><p lang=\"nl\">Hallo "
	    "<b>Anne</b>, tot <![CDATA[zo & zo]]>. </p></touchpoint>"),
	    "{\"p\":{\"lang\":\"nl\",\"#text\":\"Hallo , tot zo & zo.\","
	    "\"b\":\"Anne\"}}");
	assert_string_equal(json_of("<touchpoint><w>  keep  </w></touchpoint>"),
	    "{\"w\":\"  keep  \"}");
}

static void
test_escaping(void **state)
{
	const char *val = "a\"b\\c\nd\te\x01</script>\xc3\xa9/'";
	struct json_object *j, *v;
	xmlDocPtr doc;
	xmlNodePtr root;
	const char *out;

	(void)state;
	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewNode(NULL, BAD_CAST "touchpoint");
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "q", BAD_CAST "\"><img src=x onerror=alert(1)>");
	xmlNewTextChild(root, NULL, BAD_CAST "v", BAD_CAST val);
	xmlNewTextChild(root, NULL, BAD_CAST "url",
	    BAD_CAST "javascript:alert(1)");
	out = json_of_doc(doc);
	assert_string_equal(out,
	    "{\"q\":\"\\\"><img src=x onerror=alert(1)>\","
	    "\"v\":\"a\\\"b\\\\c\\nd\\te\\u0001</script>\xc3\xa9/'\","
	    "\"url\":\"javascript:alert(1)\"}");
	/* and it reads back as the same strings */
	j = json_tokener_parse(out);
	assert_non_null(j);
	assert_true(json_object_object_get_ex(j, "v", &v));
	assert_string_equal(json_object_get_string(v), val);
	json_object_put(j);
	xmlFreeDoc(doc);
}

static void
test_limits(void **state)
{
	const char *big = "<t><a>0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789</a></t>";
	struct arena *small;
	xmlDocPtr doc;
	xmlNodePtr n;
	char *out;
	size_t len;
	int i;

	(void)state;
	doc = xmlNewDoc(BAD_CAST "1.0");
	assert_int_equal(json_from_tree(doc, ar, &out, &len), -1);
	assert_null(out);
	assert_int_equal(json_from_tree(NULL, ar, &out, &len), -1);
	n = xmlNewNode(NULL, BAD_CAST "touchpoint");
	xmlDocSetRootElement(doc, n);
	for (i = 0; i < JSON_OUT_MAX_DEPTH; i++)
		n = xmlNewChild(n, NULL, BAD_CAST "d", NULL);
	xmlNewProp(n, BAD_CAST "a", BAD_CAST "b");
	assert_int_equal(json_from_tree(doc, ar, &out, &len), 0);
	assert_non_null(strstr(out, "{\"a\":\"b\"}"));
	n = xmlNewChild(n, NULL, BAD_CAST "d", NULL);
	xmlNewProp(n, BAD_CAST "a", BAD_CAST "b");
	assert_int_equal(json_from_tree(doc, ar, &out, &len), -1);
	assert_null(out);
	xmlFreeDoc(doc);

	/* over the arena's cap */
	small = arena_new(64);
	doc = xmlReadMemory(big, (int)strlen(big), NULL, NULL, 0);
	assert_non_null(doc);
	assert_int_equal(json_from_tree(doc, small, &out, &len), -1);
	assert_null(out);
	xmlFreeDoc(doc);
	arena_free(small);
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
		cmocka_unit_test(test_single_and_repeated),
		cmocka_unit_test(test_msg_collected),
		cmocka_unit_test(test_stage_root),
		cmocka_unit_test(test_mixed_text),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
