/*
 * fuzz_render.c - libFuzzer target: template rendering with hostile data.
 *
 * The input is a little program that builds a touchpoint's data tree the
 * way a plugin does through the host services, with the same checks
 * (services.c): element and attribute names from a fixed list, values
 * and texts kept only when they are valid UTF-8 without the control
 * characters XML forbids, the node and byte caps of a render.  Each
 * step is one byte, op = byte % 5:
 *
 *	0  open a child element, name: next byte
 *	1  set an attribute, name: next byte, value: a string
 *	2  add a text, the next string
 *	3  close the current element
 *	4  add <msg key="..."> with a string (a catalog message)
 *
 * A string is a length byte and that many bytes (cut at the input's end).
 * The tree goes through tests/fuzz/tmpl/fuzz.xsl (tmpl_apply), the
 * result through tmpl_serialize and text_from_html, the tree itself
 * through json_from_tree: the .html, .txt and .json of one touchpoint.
 *
 * Invariants: tmpl_apply gives a result that passes html_check,
 * or an error with a reason; the HTML is UTF-8 with no NUL inside and no
 * <script, <iframe, <style or <object start tag; the text is UTF-8 with
 * no NUL inside; the JSON parses back (json-c) to an object.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>
#include <libxml/tree.h>
#include <libxml/xmlstring.h>

#include "arena.h"
#include "log.h"
#include "json_out.h"
#include "text.h"
#include "html_check.h"
#include "tmpl.h"

#include "fuzz.h"

#define FUZZ_ARENA	(8 * 1024 * 1024)
#define MAX_NODES	4096		/* SERVICES_MAX_NODES */
#define MAX_BYTES	(256 * 1024)	/* SERVICES_MAX_TEXT */

static const char *const elem_names[] = {
	"item", "a", "link", "image", "name", "price", "tip", "day",
	"script", "style", "touchpoint", "stage", "touchpoints", "msg",
	"row", "_x.y-z"
};
#define N_ELEMS	(sizeof(elem_names) / sizeof(elem_names[0]))

static const char *const attr_names[] = {
	"href", "src", "alt", "title", "class", "color", "kind", "lang",
	"key", "name", "id", "style", "onclick", "type", "value", "_"
};
#define N_ATTRS	(sizeof(attr_names) / sizeof(attr_names[0]))

struct input {
	const uint8_t	*p;
	size_t		 left;
};

struct build {
	xmlNodePtr	 cur;
	size_t		 nodes;
	size_t		 bytes;
};

static struct arena *
fuzz_arena(void)
{
	static struct arena *a;

	if (a == NULL && (a = arena_new(FUZZ_ARENA)) == NULL)
		abort();
	arena_reset(a);
	return a;
}

static const struct tmpl *
fuzz_template(void)
{
	static struct tmpl_set *set;
	static const char *const names[] = { "fuzz" };
	const struct tmpl *t;
	char why[256];

	if (set == NULL && tmpl_set_load(&set, FUZZ_TMPL_DIR, names, 1, NULL,
	    why, sizeof(why)) != 0) {
		fprintf(stderr, "fuzz_render: %s\n", why);
		abort();
	}
	if ((t = tmpl_find(set, NULL, "fuzz")) == NULL)
		abort();
	return t;
}

/*
 * The tracked link: the URL itself, except kind "evil" which answers
 * with a javascript: URL that tmpl must refuse a second time.
 */
static const char *
link_fn(void *arg, const char *url, const char *kind)
{
	if (kind != NULL && strcmp(kind, "evil") == 0)
		return "javascript:alert(1)";
	return url;
}

static int
next_byte(struct input *in, uint8_t *b)
{
	if (in->left == 0)
		return -1;
	*b = *in->p++;
	in->left--;
	return 0;
}

/* The next string, NUL-terminated, in the arena; NULL at the end. */
static char *
next_string(struct input *in, struct arena *a)
{
	uint8_t n;
	char *s;

	if (next_byte(in, &n) == -1)
		return NULL;
	if (n > in->left)
		n = (uint8_t)in->left;
	if ((s = arena_strndup(a, (const char *)in->p, n)) == NULL)
		return NULL;
	in->p += n;
	in->left -= n;
	return s;
}

/* What the host services accept as a text (services.c text_valid). */
static int
text_valid(const char *s)
{
	const unsigned char *p;

	if (!xmlCheckUTF8((const xmlChar *)s))
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return 1;
}

/* Count a node of len bytes against the render's caps (services.c). */
static int
charge(struct build *b, size_t len)
{
	if (b->nodes >= MAX_NODES || len > MAX_BYTES - b->bytes)
		return -1;
	b->nodes++;
	b->bytes += len;
	return 0;
}

static void
step(struct build *b, struct input *in, struct arena *a, uint8_t op)
{
	xmlNodePtr n;
	uint8_t which;
	char *s;

	switch (op % 5) {
	case 0:
		if (next_byte(in, &which) == -1 || charge(b, 0) == -1)
			return;
		n = xmlNewChild(b->cur, NULL,
		    BAD_CAST elem_names[which % N_ELEMS], NULL);
		FUZZ_CHECK(n != NULL);
		b->cur = n;
		break;
	case 1:
		if (next_byte(in, &which) == -1 ||
		    (s = next_string(in, a)) == NULL || !text_valid(s) ||
		    charge(b, strlen(s)) == -1)
			return;
		FUZZ_CHECK(xmlSetProp(b->cur,
		    BAD_CAST attr_names[which % N_ATTRS], BAD_CAST s) != NULL);
		break;
	case 2:
		if ((s = next_string(in, a)) == NULL || !text_valid(s) ||
		    charge(b, strlen(s)) == -1)
			return;
		/* xmlNodeAddContent: the text is data, never markup. */
		xmlNodeAddContent(b->cur, BAD_CAST s);
		break;
	case 3:
		if (b->cur->parent != NULL &&
		    b->cur->parent->type == XML_ELEMENT_NODE)
			b->cur = b->cur->parent;
		break;
	case 4:
		if ((s = next_string(in, a)) == NULL || !text_valid(s) ||
		    charge(b, strlen(s)) == -1)
			return;
		n = xmlNewTextChild(b->cur, NULL, BAD_CAST "msg", BAD_CAST s);
		FUZZ_CHECK(n != NULL);
		FUZZ_CHECK(xmlSetProp(n, BAD_CAST "key",
		    BAD_CAST "fuzz.msg") != NULL);
		break;
	}
}

static xmlDocPtr
build_tree(const uint8_t *data, size_t size, struct arena *a)
{
	struct input in = { data, size };
	struct build b;
	xmlDocPtr doc;
	xmlNodePtr root;
	uint8_t op;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		abort();
	root = xmlNewDocNode(doc, NULL, BAD_CAST "touchpoint", NULL);
	FUZZ_CHECK(root != NULL);
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "name", BAD_CAST "fuzz");
	xmlNewProp(root, BAD_CAST "stage", BAD_CAST "shipped");
	xmlNewProp(root, BAD_CAST "lang", BAD_CAST "nl");
	xmlNewProp(root, BAD_CAST "brand", BAD_CAST "fuzzbrand");
	memset(&b, 0, sizeof(b));
	b.cur = root;
	while (next_byte(&in, &op) == 0)
		step(&b, &in, a, op);
	return doc;
}

/*
 * No start tag of an element html_check must keep out (the
 * serialiser writes element names as the template spells them: lower
 * case).
 */
static void
check_html(const char *html, size_t len)
{
	static const char *const banned[] = {
		"<script", "<iframe", "<style", "<object", "<embed", "<form"
	};
	size_t i;

	FUZZ_CHECK(strlen(html) == len);
	FUZZ_CHECK(xmlCheckUTF8((const xmlChar *)html));
	for (i = 0; i < sizeof(banned) / sizeof(banned[0]); i++)
		FUZZ_CHECK(strstr(html, banned[i]) == NULL);
}

static void
check_json(const char *js, size_t len)
{
	struct json_tokener *tok;
	struct json_object *obj;

	FUZZ_CHECK(strlen(js) == len);
	if ((tok = json_tokener_new_ex(JSON_OUT_MAX_DEPTH + 8)) == NULL)
		abort();
	obj = json_tokener_parse_ex(tok, js, (int)len + 1);
	FUZZ_CHECK(obj != NULL);
	FUZZ_CHECK(json_object_is_type(obj, json_type_object));
	json_object_put(obj);
	json_tokener_free(tok);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_init("fuzz", 0);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct tmpl_link link = { link_fn, NULL };
	const struct tmpl *t;
	struct arena *a;
	xmlDocPtr doc, result;
	char why[256], *out;
	size_t len;

	t = fuzz_template();
	a = fuzz_arena();
	doc = build_tree(data, size, a);

	result = NULL;
	why[0] = '\0';
	if (tmpl_apply(t, doc, &link, &result, why, sizeof(why)) == 0) {
		FUZZ_CHECK(result != NULL);
		FUZZ_CHECK(html_check(result, HTML_CHECK_EMAIL, why,
		    sizeof(why)) == 0);
		if (tmpl_serialize(result, a, &out, &len) == 0)
			check_html(out, len);
		if (text_from_html(result, a, &out, &len) == 0) {
			FUZZ_CHECK(strlen(out) == len);
			FUZZ_CHECK(xmlCheckUTF8((const xmlChar *)out));
		} else
			FUZZ_CHECK(out == NULL);
		xmlFreeDoc(result);
	} else {
		FUZZ_CHECK(result == NULL);
		FUZZ_CHECK(why[0] != '\0');
	}

	if (json_from_tree(doc, a, &out, &len) == 0)
		check_json(out, len);
	else
		FUZZ_CHECK(out == NULL);
	xmlFreeDoc(doc);
	return 0;
}
