/*
 * feed_json.c - a feed record's JSON body as name/value fields (the
 * format is in feed.h).
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "feed.h"
#include "store.h"

struct walk {
	struct arena		*a;	/* NULL: check only */
	struct ppx_field	*out;
	size_t			 max, n;
	char			*why;
	size_t			 whylen;
};

static int
bad(struct walk *w, const char *what, const char *name)
{
	if (w->why != NULL && w->whylen > 0)
		snprintf(w->why, w->whylen, "%s%s%s", what,
		    name != NULL ? " " : "", name != NULL ? name : "");
	return -1;
}

/* A JSON member name: 1..32 of [A-Za-z0-9_]. */
static int
name_valid(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

	return n > 0 && n <= 32 && s[n] == '\0';
}

static int
is_scalar(json_object *v)
{
	return json_object_is_type(v, json_type_string) ||
	    json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double) ||
	    json_object_is_type(v, json_type_boolean);
}

static int
emit(struct walk *w, const char *name, json_object *v)
{
	const char *value = json_object_get_string(v);
	size_t len = json_object_is_type(v, json_type_string) ?
	    (size_t)json_object_get_string_len(v) : strlen(value);

	if (len > FEED_MAX_VALUE)
		return bad(w, "value over 2048 bytes:", name);
	if (!store_valid_utf8(value, len))
		return bad(w, "value not UTF-8 (or with NUL):", name);
	if (w->n == w->max)
		return 0;
	if (w->a != NULL) {
		w->out[w->n].name = arena_strdup(w->a, name);
		w->out[w->n].value = arena_strndup(w->a, value, len);
		if (w->out[w->n].name == NULL || w->out[w->n].value == NULL)
			return bad(w, "out of memory", NULL);
	}
	w->n++;
	return 0;
}

/* A member's value: scalar, array of scalars, or object of scalars. */
static int
member(struct walk *w, const char *name, json_object *v, int depth)
{
	char inner[FEED_MAX_NAME + 1];
	size_t i, len;

	if (v == NULL)
		return 0;	/* null */
	if (is_scalar(v))
		return emit(w, name, v);
	if (json_object_is_type(v, json_type_array)) {
		len = json_object_array_length(v);
		for (i = 0; i < len; i++) {
			json_object *e = json_object_array_get_idx(v, i);

			if (e != NULL && is_scalar(e) && emit(w, name, e) == -1)
				return -1;
		}
		return 0;
	}
	if (json_object_is_type(v, json_type_object) && depth == 0) {
		json_object_object_foreach(v, k, sub) {
			if (!name_valid(k))
				return bad(w, "bad member name under", name);
			snprintf(inner, sizeof(inner), "%s.%s", name, k);
			if (member(w, inner, sub, depth + 1) == -1)
				return -1;
		}
	}
	return 0;
}

int
feed_fields(const char *body, size_t len, struct arena *a,
    struct ppx_field *out, size_t max, size_t *n, char *why, size_t whylen)
{
	struct walk w = { a, out, a != NULL ? max : (size_t)-1, 0, why,
	    whylen };
	struct json_tokener *tok;
	json_object *root;
	size_t end;
	int rc = -1;

	*n = 0;
	if (body == NULL || len > INT32_MAX)
		return bad(&w, "no body", NULL);
	if ((tok = json_tokener_new_ex(FEED_MAX_DEPTH)) == NULL)
		return bad(&w, "out of memory", NULL);
	root = json_tokener_parse_ex(tok, body, (int)len);
	if (root == NULL || json_tokener_get_error(tok) !=
	    json_tokener_success) {
		bad(&w, "malformed JSON:", json_tokener_get_error(tok) ==
		    json_tokener_continue ? "cut short" :
		    json_tokener_error_desc(json_tokener_get_error(tok)));
		goto out;
	}
	for (end = json_tokener_get_parse_end(tok); end < len; end++)
		if (strchr(" \t\r\n", body[end]) == NULL || body[end] == '\0') {
			bad(&w, "malformed JSON: text after the object", NULL);
			goto out;
		}
	if (!json_object_is_type(root, json_type_object)) {
		bad(&w, "not a JSON object", NULL);
		goto out;
	}
	{
		json_object_object_foreach(root, k, v) {
			if (!name_valid(k)) {
				bad(&w, "bad member name", NULL);
				goto out;
			}
			if (member(&w, k, v, 0) == -1)
				goto out;
		}
	}
	*n = w.n;
	rc = 0;
out:
	json_object_put(root);
	json_tokener_free(tok);
	return rc;
}
