/*
 * test_order.c - the order document in JSON, XML and GET spellings.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "order.h"
#include "query.h"

static struct arena *A;
static struct order O;
static char why[256];

static const char *const paths[] = { "id", "lang", "placed", "expected",
    "customer.id", "customer.first_name", "customer.postcode",
    "customer.country", "carrier.name", "carrier.tracking_url",
    "pickup.name", "pickup.address", "pickup.hours" };
static const char *const item_names[] = { "sku", "name", "category",
    "image", "url", "qty" };

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char full_json[] =
    "{ \"id\": \"1042\", \"lang\": \"nl\", \"placed\": \"2026-11-20\",\n"
    "  \"expected\": \"2026-11-25\",\n"
    "  \"customer\": { \"id\": \"c-77\", \"first_name\": \"Anne\",\n"
    "    \"postcode\": \"1011 AB\", \"country\": \"NL\" },\n"
    "  \"items\": [ { \"sku\": \"RUN-42\", \"name\": \"Runner 42\",\n"
    "      \"category\": \"running-shoes\",\n"
    "      \"image\": \"https://cdn.shop.example/runner-42.jpg\",\n"
    "      \"url\": \"https://shop.example/p/runner-42\", \"qty\": 1 },\n"
    "    { \"sku\": \"SOCK-1\", \"name\": \"Sok \\u00e9\", \"qty\": 3 } ],\n"
    "  \"carrier\": { \"name\": \"PostNL\",\n"
    "    \"tracking_url\": \"https://postnl.example/t/3S\" },\n"
    "  \"pickup\": { \"name\": \"Primera\", \"address\": \"Damrak 1\",\n"
    "    \"hours\": \"9-18\" } }\n";

static const char full_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<order><id>1042</id><lang>nl</lang><placed>2026-11-20</placed>"
    "<expected>2026-11-25</expected>\n"
    "  <customer><id>c-77</id><first_name>Anne</first_name>"
    "<postcode>1011 AB</postcode><country>NL</country></customer>\n"
    "  <items>\n"
    "    <item><sku>RUN-42</sku><name>Runner 42</name>"
    "<category>running-shoes</category>"
    "<image>https://cdn.shop.example/runner-42.jpg</image>"
    "<url>https://shop.example/p/runner-42</url><qty>1</qty></item>\n"
    "    <item><sku>SOCK-1</sku><name>Sok &#xe9;</name><qty>3</qty></item>\n"
    "  </items>\n"
    "  <carrier><name>PostNL</name>"
    "<tracking_url>https://postnl.example/t/3S</tracking_url></carrier>\n"
    "  <pickup><name>Primera</name><address>Damrak 1</address>"
    "<hours>9-18</hours></pickup>\n"
    "</order>\n";

static int
setup(void **state)
{
	(void)state;
	A = arena_new(4 * 1024 * 1024);
	memset(&O, 0, sizeof(O));
	why[0] = '\0';
	return A == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(A);
	A = NULL;
	return 0;
}

static int
json(const char *s)
{
	return order_parse_json(&O, A, s, strlen(s), why, sizeof(why));
}

static int
xml(const char *s)
{
	return order_parse_xml(&O, A, s, strlen(s), why, sizeof(why));
}

static void
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Every field of a and b is the same. */
static void
order_eq(const struct order *a, const struct order *b)
{
	size_t i, j;

	for (i = 0; i < NELEM(paths); i++)
		str_eq(order_field(a, paths[i]), order_field(b, paths[i]));
	assert_int_equal(a->n_items, b->n_items);
	for (i = 0; i < a->n_items; i++)
		for (j = 0; j < NELEM(item_names); j++)
			str_eq(order_item_field(a, i, item_names[j]),
			    order_item_field(b, i, item_names[j]));
}

/* A failing parse gives reason want and leaves O untouched. */
static void
json_fails(const char *s, const char *want)
{
	struct order before;

	memset(&O, 0x5a, sizeof(O));
	before = O;
	if (json(s) != -1)
		fail_msg("accepted: %s", s);
	assert_string_equal(why, want);
	assert_memory_equal(&O, &before, sizeof(O));
}

static void
xml_fails(const char *s, const char *want)
{
	struct order before;

	memset(&O, 0x5a, sizeof(O));
	before = O;
	if (xml(s) != -1)
		fail_msg("accepted: %s", s);
	assert_string_equal(why, want);
	assert_memory_equal(&O, &before, sizeof(O));
}

static void
check_full(const struct order *o)
{
	assert_string_equal(o->id, "1042");
	assert_string_equal(o->lang, "nl");
	assert_string_equal(o->placed, "2026-11-20");
	assert_string_equal(o->expected, "2026-11-25");
	assert_string_equal(o->customer_id, "c-77");
	assert_string_equal(o->first_name, "Anne");
	assert_string_equal(o->postcode, "1011 AB");
	assert_string_equal(o->country, "NL");
	assert_string_equal(o->carrier_name, "PostNL");
	assert_string_equal(o->tracking_url, "https://postnl.example/t/3S");
	assert_string_equal(o->pickup_name, "Primera");
	assert_string_equal(o->pickup_address, "Damrak 1");
	assert_string_equal(o->pickup_hours, "9-18");
	assert_int_equal(o->n_items, 2);
	assert_string_equal(o->items[0].sku, "RUN-42");
	assert_string_equal(o->items[0].name, "Runner 42");
	assert_string_equal(o->items[0].category, "running-shoes");
	assert_string_equal(o->items[0].image,
	    "https://cdn.shop.example/runner-42.jpg");
	assert_string_equal(o->items[0].url,
	    "https://shop.example/p/runner-42");
	assert_string_equal(o->items[0].qty, "1");
	assert_string_equal(o->items[1].sku, "SOCK-1");
	assert_string_equal(o->items[1].name, "Sok \xc3\xa9");
	assert_null(o->items[1].category);
	assert_null(o->items[1].image);
	assert_string_equal(o->items[1].qty, "3");
}

static void
test_json_full(void **state)
{
	(void)state;
	assert_int_equal(json(full_json), 0);
	check_full(&O);
}

static void
test_xml_full(void **state)
{
	(void)state;
	assert_int_equal(xml(full_xml), 0);
	check_full(&O);
}

static void
test_equivalent(void **state)
{
	struct order j, x;

	(void)state;
	assert_int_equal(json(full_json), 0);
	j = O;
	assert_int_equal(xml(full_xml), 0);
	x = O;
	order_eq(&j, &x);

	/* Minimal orders: defaults and absences agree too. */
	assert_int_equal(json("{\"id\":1042,\"items\":[{\"sku\":\"A\"}],"
	    "\"pickup\":{\"name\":\"\"}}"), 0);
	j = O;
	assert_int_equal(xml("<order><id>1042</id><items><item><sku>A</sku>"
	    "</item></items><pickup><name/><address/><hours/></pickup>"
	    "</order>"), 0);
	x = O;
	order_eq(&j, &x);
	assert_string_equal(x.items[0].qty, "1");
	assert_null(x.pickup_name);
	assert_null(x.customer_id);
}

static void
test_json_id_forms(void **state)
{
	char big[100];

	(void)state;
	assert_int_equal(json("{\"id\": 1042}"), 0);
	assert_string_equal(O.id, "1042");
	assert_int_equal(O.n_items, 0);
	assert_null(O.lang);
	assert_int_equal(json("{\"id\": -7}"), 0);
	assert_string_equal(O.id, "-7");
	assert_int_equal(json("{\"id\": 9223372036854775807}"), 0);
	assert_string_equal(O.id, "9223372036854775807");
	assert_int_equal(json("{\"id\": \"#NL 1042/b\"}"), 0);
	assert_string_equal(O.id, "#NL 1042/b");
	snprintf(big, sizeof(big), "{\"id\":\"%064d\"}", 1);
	assert_int_equal(json(big), 0);
	assert_int_equal(strlen(O.id), 64);
	snprintf(big, sizeof(big), "{\"id\":\"%065d\"}", 1);
	json_fails(big, "id: too long");
	json_fails("{}", "id: required");
	json_fails("{\"id\": \"\"}", "id: required");
	json_fails("{\"id\": null}", "id: required");
	json_fails("{\"id\": 1.5}", "id: expected a string");
	json_fails("{\"id\": true}", "id: expected a string");
	json_fails("{\"id\": [\"1\"]}", "id: expected a string");
	json_fails("{\"id\": \"caf\\u00e9\"}", "id: not printable ASCII");
	json_fails("{\"id\": \"a\\tb\"}", "id: control character");
}

static void
test_json_malformed(void **state)
{
	static const char nul[] = "{\"id\":\"1\"}\0";

	(void)state;
	json_fails("", "malformed JSON: truncated");
	json_fails("{", "malformed JSON: truncated");
	json_fails("{\"id\":\"1\"", "malformed JSON: truncated");
	assert_int_equal(json("{\"id\":\"1\",}"), -1);
	assert_non_null(strstr(why, "malformed JSON"));
	assert_int_equal(json("{'id':'1'}"), -1);
	assert_non_null(strstr(why, "malformed JSON"));
	assert_int_equal(json("{\"id\":\"1\"} x"), -1);
	assert_non_null(strstr(why, "malformed JSON"));
	assert_int_equal(json("{\"id\":\"1\"}{\"id\":\"2\"}"), -1);
	assert_non_null(strstr(why, "malformed JSON"));
	/* json-c reads NaN even when strict: still not an id. */
	json_fails("{\"id\": NaN}", "id: expected a string");
	assert_int_equal(order_parse_json(&O, A, nul, sizeof(nul) - 1, why,
	    sizeof(why)), -1);
	assert_string_equal(why, "malformed JSON: NUL byte");
	/* Invalid UTF-8 in the input itself. */
	assert_int_equal(json("{\"id\":\"1\",\"x\":\"\xc3\x28\"}"), -1);
	assert_non_null(strstr(why, "malformed JSON"));
	json_fails("[{\"id\":\"1\"}]", "JSON top level must be an object");
	json_fails("\"1042\"", "JSON top level must be an object");
	json_fails("null", "JSON top level must be an object");
	/* Trailing whitespace is fine. */
	assert_int_equal(json("{\"id\":\"1\"}\r\n\t "), 0);
	assert_int_equal(json(" \n{\"id\":\"1\"}"), 0);
}

static void
test_json_types(void **state)
{
	(void)state;
	json_fails("{\"id\":\"1\",\"customer\":\"Anne\"}",
	    "customer: expected an object");
	json_fails("{\"id\":\"1\",\"customer\":[]}",
	    "customer: expected an object");
	json_fails("{\"id\":\"1\",\"pickup\":1}", "pickup: expected an object");
	json_fails("{\"id\":\"1\",\"items\":{}}", "items: expected an array");
	json_fails("{\"id\":\"1\",\"items\":\"x\"}",
	    "items: expected an array");
	json_fails("{\"id\":\"1\",\"items\":[{},\"x\"]}",
	    "items[1]: expected an object");
	json_fails("{\"id\":\"1\",\"items\":[null]}",
	    "items[0]: expected an object");
	json_fails("{\"id\":\"1\",\"items\":[{\"qty\":\"1\"}]}",
	    "items[0].qty: expected a number");
	json_fails("{\"id\":\"1\",\"items\":[{\"qty\":true}]}",
	    "items[0].qty: expected a number");
	json_fails("{\"id\":\"1\",\"items\":[{\"qty\":1.5}]}",
	    "items[0].qty: expected an integer");
	json_fails("{\"id\":\"1\",\"items\":[{\"qty\":0}]}",
	    "items[0].qty: out of range (1..9999)");
	json_fails("{\"id\":\"1\",\"items\":[{\"qty\":-1}]}",
	    "items[0].qty: out of range (1..9999)");
	json_fails("{\"id\":\"1\",\"items\":[{\"qty\":10000}]}",
	    "items[0].qty: out of range (1..9999)");
	json_fails("{\"id\":\"1\",\"items\":[{\"qty\":99999999999999999999}]}",
	    "items[0].qty: out of range (1..9999)");
	json_fails("{\"id\":\"1\",\"items\":[{\"sku\":42}]}",
	    "items[0].sku: expected a string");
	json_fails("{\"id\":\"1\",\"customer\":{\"first_name\":42}}",
	    "customer.first_name: expected a string");
	json_fails("{\"id\":\"1\",\"customer\":{\"id\":{}}}",
	    "customer.id: expected a string");
	json_fails("{\"id\":\"1\",\"lang\":false}", "lang: expected a string");
	/* null is absent; unknown keys of any type are ignored. */
	assert_int_equal(json("{\"id\":\"1\",\"customer\":null,\"items\":null,"
	    "\"lang\":null,\"future\":{\"a\":[1,2,{\"b\":null}]},"
	    "\"customer2\":7}"), 0);
	assert_null(O.first_name);
	assert_null(O.lang);
	assert_int_equal(O.n_items, 0);
	assert_int_equal(json("{\"id\":\"1\",\"items\":[{\"qty\":9999,"
	    "\"colour\":\"red\"}]}"), 0);
	assert_string_equal(O.items[0].qty, "9999");
}

/* A JSON order with an unknown key nested depth levels deep in all. */
static char *
json_nested(int depth)
{
	char *s;
	int i, n;

	s = malloc(64 + 2 * (size_t)depth);
	assert_non_null(s);
	n = sprintf(s, "{\"id\":\"1\",\"x\":");
	for (i = 1; i < depth; i++)
		s[n++] = '[';
	s[n++] = '1';
	for (i = 1; i < depth; i++)
		s[n++] = ']';
	s[n++] = '}';
	s[n] = '\0';
	return s;
}

static void
test_json_depth(void **state)
{
	char *s;

	(void)state;
	s = json_nested(ORDER_MAX_DEPTH);
	assert_int_equal(json(s), 0);
	free(s);
	s = json_nested(ORDER_MAX_DEPTH + 1);
	assert_int_equal(json(s), -1);
	assert_string_equal(why, "malformed JSON: nesting too deep");
	free(s);
	s = json_nested(10000);
	assert_int_equal(json(s), -1);
	free(s);
}

/* {"id":"1","items":[{"sku":"S0"},...]} with n items. */
static char *
json_items(size_t n)
{
	char *s;
	size_t i, len;

	s = malloc(32 + n * 16);
	assert_non_null(s);
	len = (size_t)sprintf(s, "{\"id\":\"1\",\"items\":[");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(s + len, "%s{\"sku\":\"S%zu\"}",
		    i ? "," : "", i);
	strcpy(s + len, "]}");
	return s;
}

static char *
xml_items(size_t n)
{
	char *s;
	size_t i, len;

	s = malloc(64 + n * 32);
	assert_non_null(s);
	len = (size_t)sprintf(s, "<order><id>1</id><items>");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(s + len, "<item><sku>S%zu</sku></item>",
		    i);
	strcpy(s + len, "</items></order>");
	return s;
}

static void
test_items_limit(void **state)
{
	char *s;

	(void)state;
	s = json_items(ORDER_MAX_ITEMS);
	assert_int_equal(json(s), 0);
	assert_int_equal(O.n_items, 50);
	assert_string_equal(O.items[49].sku, "S49");
	assert_string_equal(order_item_field(&O, 49, "qty"), "1");
	free(s);
	s = json_items(ORDER_MAX_ITEMS + 1);
	json_fails(s, "items: too many (at most 50)");
	free(s);
	s = xml_items(ORDER_MAX_ITEMS);
	assert_int_equal(xml(s), 0);
	assert_int_equal(O.n_items, 50);
	assert_string_equal(O.items[49].sku, "S49");
	free(s);
	s = xml_items(ORDER_MAX_ITEMS + 1);
	xml_fails(s, "items: too many (at most 50)");
	free(s);
	assert_int_equal(json("{\"id\":\"1\",\"items\":[]}"), 0);
	assert_int_equal(O.n_items, 0);
}

static void
test_dates(void **state)
{
	static const char *const good[] = { "2026-11-20", "2024-02-29",
	    "2000-02-29", "2026-12-31", "2026-01-01", "2026-04-30" };
	static const char *const bad[] = { "2026-02-30", "2026-02-29",
	    "2100-02-29", "2026-13-01", "2026-00-10", "2026-01-00",
	    "2026-04-31", "2026-1-01", "2026-01-1", "26-01-01",
	    "2026/01/01", "2026-01-01T10:00", "0000-01-01", "2026-0a-01",
	    " 2026-01-01", "tomorrow" };
	char buf[128];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		snprintf(buf, sizeof(buf), "{\"id\":\"1\",\"placed\":\"%s\","
		    "\"expected\":\"%s\"}", good[i], good[i]);
		assert_int_equal(json(buf), 0);
		assert_string_equal(O.placed, good[i]);
		assert_string_equal(O.expected, good[i]);
	}
	for (i = 0; i < NELEM(bad); i++) {
		snprintf(buf, sizeof(buf), "{\"id\":\"1\",\"expected\":\"%s\"}",
		    bad[i]);
		json_fails(buf, "expected: not a date (YYYY-MM-DD)");
		snprintf(buf, sizeof(buf), "<order><id>1</id><placed>%s"
		    "</placed></order>", bad[i]);
		xml_fails(buf, "placed: not a date (YYYY-MM-DD)");
	}
}

static void
test_lang_country(void **state)
{
	static const char *const good[] = { "nl", "en", "fil", "nl-BE",
	    "pt-BR" };
	static const char *const bad[] = { "NL", "n", "nl_BE", "nl-be",
	    "nl-B", "nl-BEL", "english", "nl-", "-BE", "e1", "nlBE" };
	char buf[128];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		snprintf(buf, sizeof(buf), "{\"id\":\"1\",\"lang\":\"%s\"}",
		    good[i]);
		assert_int_equal(json(buf), 0);
		assert_string_equal(O.lang, good[i]);
	}
	for (i = 0; i < NELEM(bad); i++) {
		snprintf(buf, sizeof(buf), "{\"id\":\"1\",\"lang\":\"%s\"}",
		    bad[i]);
		json_fails(buf, "lang: not a language tag");
	}
	assert_int_equal(json("{\"id\":\"1\",\"customer\":{\"country\":"
	    "\"BE\"}}"), 0);
	assert_string_equal(O.country, "BE");
	json_fails("{\"id\":\"1\",\"customer\":{\"country\":\"be\"}}",
	    "customer.country: not a country code (NL)");
	json_fails("{\"id\":\"1\",\"customer\":{\"country\":\"BEL\"}}",
	    "customer.country: not a country code (NL)");
	json_fails("{\"id\":\"1\",\"customer\":{\"country\":\"B\"}}",
	    "customer.country: not a country code (NL)");
}

static void
test_strings(void **state)
{
	char *s, *n;

	(void)state;
	/* Hostile markup is data: passed through unchanged. */
	assert_int_equal(json("{\"id\":\"1\",\"customer\":{\"first_name\":"
	    "\"<script>alert(1)</script>\"},\"items\":[{\"name\":"
	    "\"\\\"><img src=x onerror=alert(1)>\",\"url\":"
	    "\"javascript:alert(1)\"}]}"), 0);
	assert_string_equal(O.first_name, "<script>alert(1)</script>");
	assert_string_equal(O.items[0].name, "\"><img src=x onerror=alert(1)>");
	assert_string_equal(O.items[0].url, "javascript:alert(1)");
	assert_int_equal(xml("<order><id>1</id><customer><first_name>"
	    "&lt;script&gt;alert(1)&lt;/script&gt;</first_name></customer>"
	    "<items><item><name><![CDATA[\"><img src=x onerror=alert(1)>]]>"
	    "</name></item></items></order>"), 0);
	assert_string_equal(O.first_name, "<script>alert(1)</script>");
	assert_string_equal(O.items[0].name, "\"><img src=x onerror=alert(1)>");

	/* Control characters, even escaped; the value is never quoted. */
	json_fails("{\"id\":\"1\",\"customer\":{\"first_name\":"
	    "\"Secret\\u0000x\"}}", "customer.first_name: control character");
	json_fails("{\"id\":\"1\",\"customer\":{\"first_name\":"
	    "\"Secret\\nx\"}}", "customer.first_name: control character");
	json_fails("{\"id\":\"1\",\"customer\":{\"first_name\":"
	    "\"Secret\\u0085\"}}", "customer.first_name: control character");
	json_fails("{\"id\":\"1\",\"pickup\":{\"hours\":\"\\u007f\"}}",
	    "pickup.hours: control character");
	/* json-c turns a lone surrogate into U+FFFD, never bad UTF-8. */
	assert_int_equal(json("{\"id\":\"1\",\"customer\":{\"first_name\":"
	    "\"\\ud800\"}}"), 0);
	assert_string_equal(O.first_name, "\xef\xbf\xbd");

	/* Lengths: names 256, URLs 2048. */
	s = malloc(4200);
	n = malloc(2100);
	assert_non_null(s);
	assert_non_null(n);
	memset(n, 'a', 2049);
	n[256] = '\0';
	snprintf(s, 4200, "{\"id\":\"1\",\"customer\":{\"first_name\":\"%s\"}}",
	    n);
	assert_int_equal(json(s), 0);
	assert_int_equal(strlen(O.first_name), 256);
	n[256] = 'a';
	n[257] = '\0';
	snprintf(s, 4200, "{\"id\":\"1\",\"customer\":{\"first_name\":\"%s\"}}",
	    n);
	json_fails(s, "customer.first_name: too long");
	n[257] = 'a';
	n[2048] = '\0';
	snprintf(s, 4200, "{\"id\":\"1\",\"items\":[{\"url\":\"%s\"}]}", n);
	assert_int_equal(json(s), 0);
	assert_int_equal(strlen(O.items[0].url), 2048);
	n[2048] = 'a';
	n[2049] = '\0';
	snprintf(s, 4200, "{\"id\":\"1\",\"items\":[{\"url\":\"%s\"}]}", n);
	json_fails(s, "items[0].url: too long");
	snprintf(s, 4200, "<order><id>1</id><carrier><tracking_url>%s"
	    "</tracking_url></carrier></order>", n);
	xml_fails(s, "carrier.tracking_url: too long");
	free(s);
	free(n);
}

static void
test_xml_malformed(void **state)
{
	(void)state;
	xml_fails("", "malformed XML at line 1");
	xml_fails("<order><id>1</id>", "malformed XML at line 1");
	xml_fails("<order><id>1</idx></order>", "malformed XML at line 1");
	xml_fails("<order>\n<id>1</id>\n</order>\n<order/>",
	    "malformed XML at line 4");
	xml_fails("<order><id>1</id></order>trailing",
	    "malformed XML at line 1");
	xml_fails("<order><id>&undefined;</id></order>",
	    "malformed XML at line 1");
	xml_fails("<order><id>\xc3\x28</id></order>",
	    "malformed XML at line 1");
	xml_fails("<order><id>1\x01</id></order>", "malformed XML at line 1");
	xml_fails("<shipment><id>1</id></shipment>",
	    "XML root must be <order>");
	xml_fails("<o:order xmlns:o=\"urn:x\"><id>1</id></o:order>",
	    "XML root must be <order>");
	xml_fails("<order xmlns=\"urn:x\"><id>1</id></order>",
	    "XML root must be <order>");
	xml_fails("<order/>", "id: required");
	xml_fails("<order><id/></order>", "id: required");
	xml_fails("<order><id>1</id><id>2</id></order>", "id: duplicate");
	xml_fails("<order><id>1</id><customer/><customer/></order>",
	    "customer: duplicate");
	xml_fails("<order><id>1</id><items/><items/></order>",
	    "items: duplicate");
	xml_fails("<order><id>1</id><items><item><qty>1</qty><qty>2</qty>"
	    "</item></items></order>", "items[0].qty: duplicate");
}

static void
test_xml_types(void **state)
{
	(void)state;
	xml_fails("<order><id><b>1</b></id></order>", "id: expected a string");
	xml_fails("<order><id>1</id><customer>Anne</customer></order>",
	    "customer: expected an object");
	xml_fails("<order><id>1</id><items>x</items></order>",
	    "items: expected an array");
	xml_fails("<order><id>1</id><items><item>x</item></items></order>",
	    "items[0]: expected an object");
	xml_fails("<order><id>1</id><items><item><qty>one</qty></item>"
	    "</items></order>", "items[0].qty: expected a number");
	xml_fails("<order><id>1</id><items><item><qty>-1</qty></item>"
	    "</items></order>", "items[0].qty: expected a number");
	xml_fails("<order><id>1</id><items><item><qty>0</qty></item>"
	    "</items></order>", "items[0].qty: out of range (1..9999)");
	xml_fails("<order><id>1</id><items><item><qty>10000</qty></item>"
	    "</items></order>", "items[0].qty: expected a number");
	xml_fails("<order><id>1</id><items><item><qty><n>1</n></qty></item>"
	    "</items></order>", "items[0].qty: expected a number");
	xml_fails("<order><id>1</id><customer><first_name>a&#9;b"
	    "</first_name></customer></order>",
	    "customer.first_name: control character");
	/* Normalised, commented, attributed, unknown: all fine. */
	assert_int_equal(xml("<order version=\"2\"><!-- c --><id>1<!-- x -->"
	    "042</id><future><a><b/></a></future><items><item><qty>0007</qty>"
	    "</item><note/></items><?pi x?></order>"), 0);
	assert_string_equal(O.id, "1042");
	assert_int_equal(O.n_items, 1);
	assert_string_equal(O.items[0].qty, "7");
	/* Entities that XML itself predefines are plain text. */
	assert_int_equal(xml("<order><id>a&amp;b&#x3C;&#60;&quot;</id>"
	    "</order>"), 0);
	assert_string_equal(O.id, "a&b<<\"");
	/* Other encodings are converted to UTF-8. */
	assert_int_equal(xml("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
	    "<order><id>1</id><customer><first_name>Ren\xe9"
	    "</first_name></customer></order>"), 0);
	assert_string_equal(O.first_name, "Ren\xc3\xa9");
}

static void
test_xml_doctype(void **state)
{
	static const char *const evil[] = {
		/* XXE: a local file */
		"<?xml version=\"1.0\"?><!DOCTYPE order [<!ENTITY x SYSTEM "
		"\"file:///etc/passwd\">]><order><id>&x;</id></order>",
		/* XXE: over the network */
		"<!DOCTYPE order [<!ENTITY x SYSTEM "
		"\"http://127.0.0.1:1/x\">]><order><id>&x;</id></order>",
		/* parameter entity */
		"<!DOCTYPE order [<!ENTITY % p SYSTEM "
		"\"http://127.0.0.1:1/p.dtd\"> %p;]><order><id>1</id></order>",
		/* external DTD */
		"<!DOCTYPE order SYSTEM \"http://127.0.0.1:1/o.dtd\">"
		"<order><id>1</id></order>",
		"<!DOCTYPE order PUBLIC \"-//x//EN\" \"file:///etc/passwd\">"
		"<order><id>1</id></order>",
		/* billion laughs */
		"<!DOCTYPE order [<!ENTITY a \"ha\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
		"<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
		"<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
		"<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
		"<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
		"<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
		"<order><id>&i;</id></order>",
		/* even a harmless one */
		"<!DOCTYPE order><order><id>1</id></order>",
		"<!DOCTYPE order []><order><id>1</id></order>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(evil); i++)
		xml_fails(evil[i], "XML with a DOCTYPE is not accepted");
	/* A DOCTYPE after the root is simply malformed. */
	xml_fails("<order><id>1</id></order><!DOCTYPE order>",
	    "malformed XML at line 1");
}

static void
test_xml_depth(void **state)
{
	char buf[512];
	int i, n;

	(void)state;
	/* order > a > b > ... : ORDER_MAX_DEPTH elements deep is fine. */
	n = sprintf(buf, "<order><id>1</id>");
	for (i = 1; i < ORDER_MAX_DEPTH; i++)
		n += sprintf(buf + n, "<x%d>", i);
	for (i = ORDER_MAX_DEPTH - 1; i >= 1; i--)
		n += sprintf(buf + n, "</x%d>", i);
	strcpy(buf + n, "</order>");
	assert_int_equal(xml(buf), 0);
	n = sprintf(buf, "<order><id>1</id>");
	for (i = 1; i <= ORDER_MAX_DEPTH; i++)
		n += sprintf(buf + n, "<x%d>", i);
	for (i = ORDER_MAX_DEPTH; i >= 1; i--)
		n += sprintf(buf + n, "</x%d>", i);
	strcpy(buf + n, "</order>");
	xml_fails(buf, "XML nested too deep");
}

static void
test_xml_deep_bomb(void **state)
{
	char *s;
	size_t i, n;

	(void)state;
	/* Far past libxml2's own limit: refused, not a crash. */
	s = malloc(100000);
	assert_non_null(s);
	n = 0;
	for (i = 0; i < 10000; i++) {
		memcpy(s + n, "<a>", 3);
		n += 3;
	}
	s[n] = '\0';
	assert_int_equal(xml(s), -1);
	free(s);
}

static void
test_query(void **state)
{
	struct query q;
	struct order j;

	(void)state;
	assert_int_equal(query_parse(&q, A, "order=1042&lang=nl&"
	    "placed=2026-11-20&expected=2026-11-25&first_name=Anne&"
	    "customer=c-77&postcode=1011+AB&country=NL&sku=RUN-42&"
	    "item_name=Runner+42&category=running-shoes&"
	    "image=https%3A%2F%2Fcdn.shop.example%2Frunner-42.jpg&"
	    "url=https%3A%2F%2Fshop.example%2Fp%2Frunner-42&"
	    "exp=1767225600&sig=abc&kid=1&stage=shipped&utm_source=x",
	    why, sizeof(why)), 0);
	assert_int_equal(order_from_query(&O, A, &q, why, sizeof(why)), 0);
	assert_string_equal(O.id, "1042");
	assert_string_equal(O.customer_id, "c-77");
	assert_string_equal(O.first_name, "Anne");
	assert_string_equal(O.postcode, "1011 AB");
	assert_int_equal(O.n_items, 1);
	assert_string_equal(O.items[0].name, "Runner 42");
	assert_string_equal(O.items[0].qty, "1");
	assert_null(O.carrier_name);

	/* The same order as JSON, minus what GET cannot say. */
	assert_int_equal(json("{\"id\":1042,\"lang\":\"nl\",\"placed\":"
	    "\"2026-11-20\",\"expected\":\"2026-11-25\",\"customer\":{\"id\":"
	    "\"c-77\",\"first_name\":\"Anne\",\"postcode\":\"1011 AB\","
	    "\"country\":\"NL\"},\"items\":[{\"sku\":\"RUN-42\",\"name\":"
	    "\"Runner 42\",\"category\":\"running-shoes\",\"image\":"
	    "\"https://cdn.shop.example/runner-42.jpg\",\"url\":"
	    "\"https://shop.example/p/runner-42\"}]}"), 0);
	j = O;
	assert_int_equal(order_from_query(&O, A, &q, why, sizeof(why)), 0);
	order_eq(&j, &O);

	/* No item parameter: no item. */
	assert_int_equal(query_parse(&q, A, "order=7&sku=", why,
	    sizeof(why)), 0);
	assert_int_equal(order_from_query(&O, A, &q, why, sizeof(why)), 0);
	assert_int_equal(O.n_items, 0);
	assert_null(order_item_field(&O, 0, "sku"));
}

static void
query_fails(const char *qs, const char *want)
{
	struct query q;
	struct order before;

	assert_int_equal(query_parse(&q, A, qs, why, sizeof(why)), 0);
	memset(&O, 0x5a, sizeof(O));
	before = O;
	assert_int_equal(order_from_query(&O, A, &q, why, sizeof(why)), -1);
	assert_string_equal(why, want);
	assert_memory_equal(&O, &before, sizeof(O));
}

static void
test_query_bad(void **state)
{
	(void)state;
	query_fails("", "order: required");
	query_fails("id=1", "order: required");
	query_fails("order=", "order: required");
	query_fails("order=1&placed=2026-02-30",
	    "placed: not a date (YYYY-MM-DD)");
	query_fails("order=1&lang=NL", "lang: not a language tag");
	query_fails("order=1&country=nl", "country: not a country code (NL)");
	query_fails("order=%C3%A9", "order: not printable ASCII");
}

static void
test_lookup(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(json(full_json), 0);
	assert_string_equal(order_field(&O, "id"), "1042");
	assert_string_equal(order_field(&O, "customer.first_name"), "Anne");
	assert_string_equal(order_field(&O, "customer.id"), "c-77");
	assert_string_equal(order_field(&O, "carrier.tracking_url"),
	    "https://postnl.example/t/3S");
	assert_string_equal(order_field(&O, "pickup.hours"), "9-18");
	for (i = 0; i < NELEM(paths); i++)
		assert_non_null(order_field(&O, paths[i]));
	assert_null(order_field(&O, "first_name"));
	assert_null(order_field(&O, "customer"));
	assert_null(order_field(&O, "items"));
	assert_null(order_field(&O, "customer.first_name.x"));
	assert_null(order_field(&O, ""));
	assert_null(order_field(&O, NULL));
	assert_null(order_field(NULL, "id"));
	assert_string_equal(order_item_field(&O, 0, "sku"), "RUN-42");
	assert_string_equal(order_item_field(&O, 0, "qty"), "1");
	assert_string_equal(order_item_field(&O, 1, "qty"), "3");
	assert_string_equal(order_item_field(&O, 1, "name"), "Sok \xc3\xa9");
	assert_null(order_item_field(&O, 1, "image"));
	assert_null(order_item_field(&O, 2, "sku"));
	assert_null(order_item_field(&O, (size_t)-1, "sku"));
	assert_null(order_item_field(&O, 0, "item_name"));
	assert_null(order_item_field(&O, 0, "id"));
	assert_null(order_item_field(&O, 0, NULL));
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_json_full),
		T(test_xml_full),
		T(test_equivalent),
		T(test_json_id_forms),
		T(test_json_malformed),
		T(test_json_types),
		T(test_json_depth),
		T(test_items_limit),
		T(test_dates),
		T(test_lang_country),
		T(test_strings),
		T(test_xml_malformed),
		T(test_xml_types),
		T(test_xml_doctype),
		T(test_xml_depth),
		T(test_xml_deep_bomb),
		T(test_query),
		T(test_query_bad),
		T(test_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
