/*
 * order.c - the order document: one schema (the field tables below),
 * three spellings (JSON body, XML body, GET parameters).
 *
 * Errors name the field path, never the value: the values are personal
 * data.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <json.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "arena.h"
#include "order.h"
#include "query.h"

#define ORDER_MAX_NAME		256	/* people, items, carriers */
#define ORDER_MAX_CUSTOMER_ID	128	/* room for a hex SHA-512 */
#define ORDER_MAX_POSTCODE	32
#define ORDER_MAX_QTY		9999
#define QTY_RANGE		"out of range (1..9999)"

enum kind {
	K_TEXT,		/* any accepted text */
	K_ID,		/* printable ASCII */
	K_LANG,		/* [a-z]{2,3}(-[A-Z]{2})? */
	K_DATE,		/* a real YYYY-MM-DD */
	K_COUNTRY,	/* [A-Z]{2} */
	K_QTY		/* 1..9999, stored as canonical decimal */
};

struct field {
	const char	*group;	/* enclosing object, NULL: the top */
	const char	*key;	/* JSON key and XML element name */
	const char	*path;	/* for order_field() and errors */
	const char	*param;	/* GET parameter, or NULL */
	size_t		 off;	/* of the string in its struct */
	size_t		 max;	/* bytes */
	enum kind	 kind;
};

#define OF(m)	offsetof(struct order, m)
#define IF(m)	offsetof(struct order_item, m)

static const struct field order_fields[] = {
	{ NULL, "id", "id", "order", OF(id), ORDER_MAX_ID, K_ID },
	{ NULL, "lang", "lang", "lang", OF(lang), 6, K_LANG },
	{ NULL, "placed", "placed", "placed", OF(placed), 10, K_DATE },
	{ NULL, "expected", "expected", "expected", OF(expected), 10,
	    K_DATE },
	{ "customer", "id", "customer.id", "customer", OF(customer_id),
	    ORDER_MAX_CUSTOMER_ID, K_TEXT },
	{ "customer", "first_name", "customer.first_name", "first_name",
	    OF(first_name), ORDER_MAX_NAME, K_TEXT },
	{ "customer", "postcode", "customer.postcode", "postcode",
	    OF(postcode), ORDER_MAX_POSTCODE, K_TEXT },
	{ "customer", "country", "customer.country", "country", OF(country),
	    2, K_COUNTRY },
	{ "carrier", "name", "carrier.name", NULL, OF(carrier_name),
	    ORDER_MAX_NAME, K_TEXT },
	{ "carrier", "tracking_url", "carrier.tracking_url", NULL,
	    OF(tracking_url), ORDER_MAX_STRING, K_TEXT },
	{ "pickup", "name", "pickup.name", NULL, OF(pickup_name),
	    ORDER_MAX_NAME, K_TEXT },
	{ "pickup", "address", "pickup.address", NULL, OF(pickup_address),
	    ORDER_MAX_STRING, K_TEXT },
	{ "pickup", "hours", "pickup.hours", NULL, OF(pickup_hours),
	    ORDER_MAX_STRING, K_TEXT },
};
#define N_ORDER_FIELDS	(sizeof(order_fields) / sizeof(order_fields[0]))

static const struct field item_fields[] = {
	{ "items", "sku", "sku", "sku", IF(sku), ORDER_MAX_NAME, K_TEXT },
	{ "items", "name", "name", "item_name", IF(name), ORDER_MAX_NAME,
	    K_TEXT },
	{ "items", "category", "category", "category", IF(category),
	    ORDER_MAX_NAME, K_TEXT },
	{ "items", "image", "image", "image", IF(image), ORDER_MAX_STRING,
	    K_TEXT },
	{ "items", "url", "url", "url", IF(url), ORDER_MAX_STRING, K_TEXT },
	{ "items", "qty", "qty", NULL, IF(qty), 4, K_QTY },
};
#define N_ITEM_FIELDS	(sizeof(item_fields) / sizeof(item_fields[0]))

static const char *const groups[] = { "customer", "carrier", "pickup" };
#define N_GROUPS	(sizeof(groups) / sizeof(groups[0]))

/* The const char * slot of field f in the struct at base. */
static const char **
slot(void *base, const struct field *f)
{
	return (const char **)(void *)((char *)base + f->off);
}

static const char *
slot_get(const void *base, const struct field *f)
{
	return *(const char *const *)(const void *)((const char *)base +
	    f->off);
}

static const struct field *
field_find(const struct field *t, size_t n, const char *group,
    const char *key)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((group == NULL) != (t[i].group == NULL))
			continue;
		if (group != NULL && strcmp(group, t[i].group) != 0)
			continue;
		if (strcmp(key, t[i].key) == 0)
			return &t[i];
	}
	return NULL;
}

static int
all_in(const char *s, size_t len, char lo, char hi)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < lo || s[i] > hi)
			return 0;
	return 1;
}

static int
lang_ok(const char *s, size_t len)
{
	size_t n;

	n = len > 3 && s[len - 3] == '-' ? len - 3 : len;
	if (n < 2 || n > 3 || !all_in(s, n, 'a', 'z'))
		return 0;
	return n == len || (len - n == 3 && all_in(s + n + 1, 2, 'A', 'Z'));
}

static int
num(const char *s, size_t len)
{
	int v = 0;
	size_t i;

	for (i = 0; i < len; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
date_ok(const char *s, size_t len)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, leap;

	if (len != 10 || s[4] != '-' || s[7] != '-' ||
	    !all_in(s, 4, '0', '9') || !all_in(s + 5, 2, '0', '9') ||
	    !all_in(s + 8, 2, '0', '9'))
		return 0;
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

static int
fail(char *why, size_t whylen, const char *path, const char *what)
{
	snprintf(why, whylen, "%s: %s", path, what);
	return -1;
}

/*
 * Check s[0..len) against field f and store an arena copy in the struct
 * at base.  Empty is absent.  path names the field in errors.
 */
static int
field_set(void *base, struct arena *a, const struct field *f,
    const char *s, size_t len, const char *path, char *why, size_t whylen)
{
	char buf[8];
	const char *v;
	int q;

	if (len == 0)
		return 0;
	switch (query_text_check(s, len)) {
	case QUERY_TEXT_OK:
		break;
	case QUERY_TEXT_UTF8:
		return fail(why, whylen, path, "invalid UTF-8");
	default:
		return fail(why, whylen, path, "control character");
	}
	if (f->kind == K_QTY) {
		if (len > 4 || !all_in(s, len, '0', '9'))
			return fail(why, whylen, path, "expected a number");
		q = num(s, len);
		if (q < 1 || q > ORDER_MAX_QTY)
			return fail(why, whylen, path, QTY_RANGE);
		snprintf(buf, sizeof(buf), "%d", q);
		s = buf;
		len = strlen(buf);
	}
	if (f->kind == K_LANG && !lang_ok(s, len))
		return fail(why, whylen, path, "not a language tag");
	if (f->kind == K_DATE && !date_ok(s, len))
		return fail(why, whylen, path, "not a date (YYYY-MM-DD)");
	if (f->kind == K_COUNTRY && (len != 2 || !all_in(s, 2, 'A', 'Z')))
		return fail(why, whylen, path, "not a country code (NL)");
	if (len > f->max)
		return fail(why, whylen, path, "too long");
	if (f->kind == K_ID && !all_in(s, len, ' ', '~'))
		return fail(why, whylen, path, "not printable ASCII");
	if ((v = arena_strndup(a, s, len)) == NULL)
		return fail(why, whylen, path, "order too large");
	*slot(base, f) = v;
	return 0;
}

/* The checks every spelling shares once all fields are in. */
static int
order_finish(struct order *o, const char *idpath, char *why, size_t whylen)
{
	size_t i;

	if (o->id == NULL)
		return fail(why, whylen, idpath, "required");
	for (i = 0; i < o->n_items; i++)
		if (o->items[i].qty == NULL)
			o->items[i].qty = "1";
	return 0;
}

/* --- JSON ------------------------------------------------------------- */

/* A JSON scalar for field f: a string, or an integer for id and qty. */
static int
json_field(void *base, struct arena *a, const struct field *f,
    struct json_object *v, const char *path, char *why, size_t whylen)
{
	const char *s;
	char buf[32];
	int64_t n;

	if (v == NULL)
		return 0;
	switch (json_object_get_type(v)) {
	case json_type_string:
		if (f->kind == K_QTY)
			return fail(why, whylen, path, "expected a number");
		return field_set(base, a, f, json_object_get_string(v),
		    (size_t)json_object_get_string_len(v), path, why, whylen);
	case json_type_int:
		if (f->kind != K_ID && f->kind != K_QTY)
			return fail(why, whylen, path, "expected a string");
		n = json_object_get_int64(v);
		if (f->kind == K_QTY && (n < 1 || n > ORDER_MAX_QTY))
			return fail(why, whylen, path, QTY_RANGE);
		s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
		snprintf(buf, sizeof(buf), "%s", s != NULL ? s : "");
		return field_set(base, a, f, buf, strlen(buf), path, why,
		    whylen);
	case json_type_double:
		if (f->kind == K_QTY)
			return fail(why, whylen, path, "expected an integer");
		return fail(why, whylen, path, "expected a string");
	default:
		if (f->kind == K_QTY)
			return fail(why, whylen, path, "expected a number");
		return fail(why, whylen, path, "expected a string");
	}
}

/* The member key of obj, NULL when absent or null. */
static struct json_object *
json_member(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (obj == NULL || !json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

static int
json_items(struct order *o, struct arena *a, struct json_object *arr,
    char *why, size_t whylen)
{
	struct json_object *it;
	char path[64];
	size_t i, j, n;

	if (arr == NULL)
		return 0;
	if (!json_object_is_type(arr, json_type_array))
		return fail(why, whylen, "items", "expected an array");
	n = json_object_array_length(arr);
	if (n > ORDER_MAX_ITEMS)
		return fail(why, whylen, "items", "too many (at most 50)");
	for (i = 0; i < n; i++) {
		it = json_object_array_get_idx(arr, i);
		snprintf(path, sizeof(path), "items[%zu]", i);
		if (it == NULL || !json_object_is_type(it, json_type_object))
			return fail(why, whylen, path, "expected an object");
		for (j = 0; j < N_ITEM_FIELDS; j++) {
			snprintf(path, sizeof(path), "items[%zu].%s", i,
			    item_fields[j].key);
			if (json_field(&o->items[i], a, &item_fields[j],
			    json_member(it, item_fields[j].key), path, why,
			    whylen) == -1)
				return -1;
		}
	}
	o->n_items = n;
	return 0;
}

static int
json_order(struct order *o, struct arena *a, struct json_object *root,
    char *why, size_t whylen)
{
	struct json_object *g;
	const struct field *f;
	size_t i;

	for (i = 0; i < N_GROUPS; i++) {
		g = json_member(root, groups[i]);
		if (g != NULL && !json_object_is_type(g, json_type_object))
			return fail(why, whylen, groups[i],
			    "expected an object");
	}
	for (i = 0; i < N_ORDER_FIELDS; i++) {
		f = &order_fields[i];
		g = f->group == NULL ? root : json_member(root, f->group);
		if (json_field(o, a, f, json_member(g, f->key), f->path, why,
		    whylen) == -1)
			return -1;
	}
	if (json_items(o, a, json_member(root, "items"), why, whylen) == -1)
		return -1;
	return order_finish(o, "id", why, whylen);
}

/*
 * The top-level object of a whole JSON body, or NULL with a reason.
 * The caller puts the object.
 */
static struct json_object *
json_read(const char *body, size_t len, char *why, size_t whylen)
{
	struct json_tokener *tok;
	struct json_object *root;
	enum json_tokener_error jerr;
	size_t end;

	/* json-c's depth counts the innermost scalar as a level too. */
	if ((tok = json_tokener_new_ex(ORDER_MAX_DEPTH + 1)) == NULL) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, body, (int)len);
	end = json_tokener_get_parse_end(tok);
	if (root == NULL && json_tokener_get_error(tok) ==
	    json_tokener_continue) {
		/* A NUL says "end of input": a bare scalar ends there. */
		root = json_tokener_parse_ex(tok, "", 1);
		end = len;
	}
	jerr = json_tokener_get_error(tok);
	json_tokener_free(tok);
	if (jerr == json_tokener_continue ||
	    jerr == json_tokener_error_parse_eof)
		snprintf(why, whylen, "malformed JSON: truncated");
	else if (jerr != json_tokener_success)
		snprintf(why, whylen, "malformed JSON: %s",
		    json_tokener_error_desc(jerr));
	if (jerr != json_tokener_success)
		return NULL;
	/* body is not NUL-terminated: no strspn. */
	while (end < len && (body[end] == ' ' || body[end] == '\t' ||
	    body[end] == '\r' || body[end] == '\n'))
		end++;
	if (end != len)
		snprintf(why, whylen, "malformed JSON: trailing data");
	else if (!json_object_is_type(root, json_type_object))
		snprintf(why, whylen, "JSON top level must be an object");
	else
		return root;
	json_object_put(root);	/* NULL ("null") is fine */
	return NULL;
}

int
order_parse_json(struct order *o, struct arena *a, const char *body,
    size_t len, char *why, size_t whylen)
{
	struct json_object *root;
	struct order tmp;
	int rc;

	if (body == NULL)
		body = "", len = 0;
	if (len > INT_MAX || memchr(body, '\0', len) != NULL) {
		snprintf(why, whylen, "malformed JSON: NUL byte");
		return -1;
	}
	if ((root = json_read(body, len, why, whylen)) == NULL)
		return -1;
	memset(&tmp, 0, sizeof(tmp));
	if ((rc = json_order(&tmp, a, root, why, whylen)) == 0)
		*o = tmp;
	json_object_put(root);
	return rc;
}

/* --- XML -------------------------------------------------------------- */

static int
xml_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    xmlStrEqual(n->name, (const xmlChar *)name);
}

/* Elements nested at most max deep below and including n. */
static int
xml_depth_ok(const xmlNode *n, int max)
{
	const xmlNode *c;

	if (max < 1)
		return 0;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !xml_depth_ok(c, max - 1))
			return 0;
	return 1;
}

/* Is there text that is not blank directly in n? */
static int
xml_has_text(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && !xmlIsBlankNode(c))
			return 1;
	return 0;
}

/* The text of a leaf element into field f. */
static int
xml_field(void *base, struct arena *a, const struct field *f,
    const xmlNode *n, const char *path, char *why, size_t whylen)
{
	const xmlNode *c;
	char *buf;
	size_t len, k;

	len = 0;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			return fail(why, whylen, path, f->kind == K_QTY ?
			    "expected a number" : "expected a string");
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE)
			len += xmlStrlen(c->content);
	}
	if (len > ORDER_MAX_STRING)
		return fail(why, whylen, path, "too long");
	if ((buf = arena_alloc(a, len + 1)) == NULL)
		return fail(why, whylen, path, "order too large");
	len = 0;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			k = (size_t)xmlStrlen(c->content);
			memcpy(buf + len, c->content, k);
			len += k;
		}
	return field_set(base, a, f, buf, len, path, why, whylen);
}

/*
 * The element children of n that are fields of table t in group: each
 * at most once.  Unknown elements are ignored.
 */
static int
xml_fields(void *base, struct arena *a, const xmlNode *n,
    const struct field *t, size_t nt, const char *group, const char *pfx,
    char *why, size_t whylen)
{
	const struct field *f;
	const xmlNode *c;
	char path[64];
	uint32_t seen = 0;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c->ns != NULL)
			continue;
		if ((f = field_find(t, nt, group, (const char *)c->name)) ==
		    NULL)
			continue;
		if (pfx != NULL)
			snprintf(path, sizeof(path), "%s.%s", pfx, f->key);
		else
			snprintf(path, sizeof(path), "%s", f->path);
		if (seen & (UINT32_C(1) << (f - t)))
			return fail(why, whylen, path, "duplicate");
		seen |= UINT32_C(1) << (f - t);
		if (xml_field(base, a, f, c, path, why, whylen) == -1)
			return -1;
	}
	return 0;
}

static int
xml_items(struct order *o, struct arena *a, const xmlNode *n, char *why,
    size_t whylen)
{
	const xmlNode *c;
	char path[32];

	if (xml_has_text(n))
		return fail(why, whylen, "items", "expected an array");
	for (c = n->children; c != NULL; c = c->next) {
		if (!xml_is(c, "item"))
			continue;
		if (o->n_items == ORDER_MAX_ITEMS)
			return fail(why, whylen, "items",
			    "too many (at most 50)");
		snprintf(path, sizeof(path), "items[%zu]", o->n_items);
		if (xml_has_text(c))
			return fail(why, whylen, path, "expected an object");
		if (xml_fields(&o->items[o->n_items], a, c, item_fields,
		    N_ITEM_FIELDS, "items", path, why, whylen) == -1)
			return -1;
		o->n_items++;
	}
	return 0;
}

static int
xml_order(struct order *o, struct arena *a, const xmlNode *root,
    char *why, size_t whylen)
{
	const xmlNode *c;
	size_t i, seen = 0;
	int items = 0;

	if (xml_fields(o, a, root, order_fields, N_ORDER_FIELDS, NULL, NULL,
	    why, whylen) == -1)
		return -1;
	for (c = root->children; c != NULL; c = c->next) {
		for (i = 0; i < N_GROUPS; i++)
			if (xml_is(c, groups[i]))
				break;
		if (i < N_GROUPS) {
			if (seen & ((size_t)1 << i))
				return fail(why, whylen, groups[i],
				    "duplicate");
			seen |= (size_t)1 << i;
			if (xml_has_text(c))
				return fail(why, whylen, groups[i],
				    "expected an object");
			if (xml_fields(o, a, c, order_fields, N_ORDER_FIELDS,
			    groups[i], NULL, why, whylen) == -1)
				return -1;
		} else if (xml_is(c, "items")) {
			if (items++)
				return fail(why, whylen, "items", "duplicate");
			if (xml_items(o, a, c, why, whylen) == -1)
				return -1;
		}
	}
	return order_finish(o, "id", why, whylen);
}

/*
 * SAX hook: a DOCTYPE of any kind ends the parse before its internal
 * subset is read, so no entity is ever declared (XXE, billion laughs).
 */
static void
xml_no_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name;
	(void)eid;
	(void)sid;
	*(int *)ctxt->_private = 1;
	xmlStopParser(ctxt);
}

int
order_parse_xml(struct order *o, struct arena *a, const char *body,
    size_t len, char *why, size_t whylen)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlNodePtr root;
	struct order tmp;
	int doctype = 0, rc = -1;

	if (body == NULL)
		body = "", len = 0;
	if (len > INT_MAX) {
		snprintf(why, whylen, "XML body too large");
		return -1;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	ctxt->_private = &doctype;
	ctxt->sax->internalSubset = xml_no_doctype;
	/* No NOENT, no DTDLOAD, no HUGE; errors are ours to report. */
	doc = xmlCtxtReadMemory(ctxt, body, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (doctype) {
		snprintf(why, whylen, "XML with a DOCTYPE is not accepted");
		goto out_doc;
	}
	if (doc == NULL) {
		snprintf(why, whylen, "malformed XML at line %d",
		    ctxt->lastError.line);
		goto out_ctxt;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		snprintf(why, whylen, "XML with a DOCTYPE is not accepted");
		goto out_doc;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xml_is(root, "order")) {
		snprintf(why, whylen, "XML root must be <order>");
		goto out_doc;
	}
	if (!xml_depth_ok(root, ORDER_MAX_DEPTH)) {
		snprintf(why, whylen, "XML nested too deep");
		goto out_doc;
	}
	memset(&tmp, 0, sizeof(tmp));
	if (xml_order(&tmp, a, root, why, whylen) == 0) {
		*o = tmp;
		rc = 0;
	}
out_doc:
	xmlFreeDoc(doc);
out_ctxt:
	xmlFreeParserCtxt(ctxt);
	return rc;
}

/* --- GET parameters --------------------------------------------------- */

static int
query_fields(void *base, struct arena *a, const struct query *q,
    const struct field *t, size_t nt, int *any, char *why, size_t whylen)
{
	const char *v;
	size_t i;

	for (i = 0; i < nt; i++) {
		if (t[i].param == NULL ||
		    (v = query_get(q, t[i].param)) == NULL)
			continue;
		if (*v != '\0')
			*any = 1;
		if (field_set(base, a, &t[i], v, strlen(v), t[i].param, why,
		    whylen) == -1)
			return -1;
	}
	return 0;
}

int
order_from_query(struct order *o, struct arena *a, const struct query *q,
    char *why, size_t whylen)
{
	struct order tmp;
	int any = 0;

	memset(&tmp, 0, sizeof(tmp));
	if (query_fields(&tmp, a, q, order_fields, N_ORDER_FIELDS, &any,
	    why, whylen) == -1)
		return -1;
	any = 0;
	if (query_fields(&tmp.items[0], a, q, item_fields, N_ITEM_FIELDS,
	    &any, why, whylen) == -1)
		return -1;
	if (any)
		tmp.n_items = 1;
	if (order_finish(&tmp, "order", why, whylen) == -1)
		return -1;
	*o = tmp;
	return 0;
}

/* --- lookup ----------------------------------------------------------- */

const char *
order_field(const struct order *o, const char *path)
{
	size_t i;

	if (o == NULL || path == NULL)
		return NULL;
	for (i = 0; i < N_ORDER_FIELDS; i++)
		if (strcmp(path, order_fields[i].path) == 0)
			return slot_get(o, &order_fields[i]);
	return NULL;
}

const char *
order_item_field(const struct order *o, size_t i, const char *name)
{
	const struct field *f;

	if (o == NULL || name == NULL || i >= o->n_items)
		return NULL;
	if ((f = field_find(item_fields, N_ITEM_FIELDS, "items", name)) ==
	    NULL)
		return NULL;
	return slot_get(&o->items[i], f);
}
