/*
 * json_out.c - a data tree as JSON, by the mapping in json_out.h.
 */
#include <ctype.h>
#include <string.h>

#include <json.h>
#include <libxml/tree.h>

#include "arena.h"
#include "json_out.h"

static struct json_object *elem_object(xmlNodePtr e, int depth);

static int
has_child_elements(xmlNodePtr e)
{
	xmlNodePtr c;

	for (c = e->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* The direct text of e joined (text, CDATA, entity references). */
static xmlChar *
direct_text(xmlNodePtr e)
{
	xmlNodePtr c;
	xmlChar *s = NULL, *t;

	for (c = e->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			s = xmlStrcat(s, c->content != NULL ? c->content :
			    BAD_CAST "");
		else if (c->type == XML_ENTITY_REF_NODE &&
		    (t = xmlNodeGetContent(c)) != NULL) {
			s = xmlStrcat(s, t);
			xmlFree(t);
		}
	}
	return s != NULL ? s : xmlStrdup(BAD_CAST "");
}

static struct json_object *
string_of(const xmlChar *s)
{
	return json_object_new_string(s != NULL ? (const char *)s : "");
}

/* "#text": trimmed direct text, when there is any. */
static int
add_text(struct json_object *obj, xmlNodePtr e)
{
	struct json_object *v;
	xmlChar *s;
	size_t b, n;
	int rc = 0;

	if ((s = direct_text(e)) == NULL)
		return -1;
	n = (size_t)xmlStrlen(s);
	for (b = 0; b < n && isspace(s[b]); b++)
		continue;
	while (n > b && isspace(s[n - 1]))
		n--;
	if (n > b) {
		s[n] = '\0';
		if ((v = json_object_new_string((const char *)s + b)) == NULL ||
		    json_object_object_add(obj, "#text", v) != 0)
			rc = -1;
	}
	xmlFree(s);
	return rc;
}

static int
add_attrs(struct json_object *obj, xmlNodePtr e)
{
	struct json_object *v;
	xmlAttrPtr at;
	xmlChar *s;

	for (at = e->properties; at != NULL; at = at->next) {
		s = xmlNodeGetContent((xmlNodePtr)at);
		v = string_of(s);
		xmlFree(s);
		if (v == NULL || json_object_object_add(obj,
		    (const char *)at->name, v) != 0)
			return -1;
	}
	return 0;
}

/* A child's value: a string for a plain leaf, else an object. */
static struct json_object *
elem_value(xmlNodePtr e, int depth)
{
	struct json_object *v;
	xmlChar *s;

	if (e->properties != NULL || has_child_elements(e))
		return elem_object(e, depth);
	s = direct_text(e);
	v = string_of(s);
	xmlFree(s);
	return v;
}

static int
add_msg(struct json_object *obj, xmlNodePtr m, const xmlChar *key)
{
	struct json_object *msg, *v;
	xmlChar *s;

	if (!json_object_object_get_ex(obj, "msg", &msg) ||
	    !json_object_is_type(msg, json_type_object)) {
		if ((msg = json_object_new_object()) == NULL)
			return -1;
		if (json_object_object_add(obj, "msg", msg) != 0)
			return -1;
	}
	s = xmlNodeGetContent(m);
	v = string_of(s);
	xmlFree(s);
	if (v == NULL)
		return -1;
	return json_object_object_add(msg, (const char *)key, v);
}

/* Add child value v under name: a member, or an array once repeated. */
static int
add_child(struct json_object *obj, struct json_object *seen,
    const char *name, struct json_object *v)
{
	struct json_object *old, *arr;

	if (!json_object_object_get_ex(seen, name, NULL)) {
		if (json_object_object_add(seen, name, NULL) != 0)
			goto out_v;
		return json_object_object_add(obj, name, v);
	}
	json_object_object_get_ex(obj, name, &old);
	if (json_object_is_type(old, json_type_array))
		return json_object_array_add(old, v);
	if ((arr = json_object_new_array()) == NULL)
		goto out_v;
	json_object_array_add(arr, json_object_get(old));
	json_object_array_add(arr, v);
	return json_object_object_add(obj, name, arr);

out_v:
	json_object_put(v);
	return -1;
}

static int
add_children(struct json_object *obj, xmlNodePtr e, int depth,
    struct json_object *touchpoints)
{
	struct json_object *seen, *v;
	xmlNodePtr c;
	xmlChar *key;
	int rc = -1;

	if ((seen = json_object_new_object()) == NULL)
		return -1;
	for (c = e->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(c->name, BAD_CAST "msg")) {
			/* without a key it is dropped: "msg" is the map */
			if ((key = xmlGetNoNsProp(c, BAD_CAST "key")) == NULL)
				continue;
			rc = add_msg(obj, c, key);
			xmlFree(key);
			if (rc != 0)
				goto out_seen;
			continue;
		}
		if (touchpoints != NULL &&
		    xmlStrEqual(c->name, BAD_CAST "touchpoints"))
			continue;
		if (touchpoints != NULL &&
		    xmlStrEqual(c->name, BAD_CAST "touchpoint")) {
			if ((v = elem_object(c, depth + 1)) == NULL ||
			    json_object_array_add(touchpoints, v) != 0)
				goto out_seen;
			continue;
		}
		if ((v = elem_value(c, depth + 1)) == NULL ||
		    add_child(obj, seen, (const char *)c->name, v) != 0)
			goto out_seen;
	}
	rc = 0;
out_seen:
	json_object_put(seen);
	return rc;
}

static struct json_object *
elem_object(xmlNodePtr e, int depth)
{
	struct json_object *obj, *tps = NULL;

	if (depth > JSON_OUT_MAX_DEPTH)
		return NULL;
	if ((obj = json_object_new_object()) == NULL)
		return NULL;
	if (add_attrs(obj, e) != 0)
		goto out_obj;
	if (depth == 0 && xmlStrEqual(e->name, BAD_CAST "stage")) {
		if ((tps = json_object_new_array()) == NULL)
			goto out_obj;
		if (json_object_object_add(obj, "touchpoints", tps) != 0)
			goto out_obj;
	}
	if (add_text(obj, e) != 0 || add_children(obj, e, depth, tps) != 0)
		goto out_obj;
	return obj;

out_obj:
	json_object_put(obj);
	return NULL;
}

int
json_from_tree(xmlDocPtr data, struct arena *a, char **out, size_t *len)
{
	struct json_object *root;
	xmlNodePtr e;
	const char *s;
	size_t n;

	*out = NULL;
	*len = 0;
	if (data == NULL || (e = xmlDocGetRootElement(data)) == NULL)
		return -1;
	if ((root = elem_object(e, 0)) == NULL)
		return -1;
	s = json_object_to_json_string_length(root, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE, &n);
	if (s != NULL)
		*out = arena_strndup(a, s, n);
	json_object_put(root);
	if (*out == NULL)
		return -1;
	*len = n;
	return 0;
}
