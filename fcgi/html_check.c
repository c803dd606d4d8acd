/*
 * html_check.c - the post-render check: what a template produced may go
 * into an email (or onto a customer's page, or a console page) only if
 * no element, attribute, URL or inline style in it is one that mail
 * clients or browsers would run, load from elsewhere or lay out badly.
 *
 * It runs on every render, so it is written for the common case: names
 * are classified once per node through sorted tables, attribute values
 * are read in place, and an inline style's verdict is remembered (the
 * styles come from the templates and repeat on every request).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parserInternals.h>	/* xmlStringTextNoenc */
#include <libxml/tree.h>

#include "html_check.h"
#include "tmpl.h"
#include "why.h"
#include "xxh64.h"

#define NAME_BUF	16	/* longer element or attribute names: no match */
#define STYLE_MEMO_SLOTS 1024	/* a power of two */
#define STYLE_MEMO_MAX	1024	/* longer styles are checked every time */

/* --- URLs ---------------------------------------------------------------- */

size_t
url_scheme_len(const char *s)
{
	size_t i;

	if (!isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		if (s[i] == ':')
			return i;
		if (!isalnum((unsigned char)s[i]) && s[i] != '+' &&
		    s[i] != '-' && s[i] != '.')
			return 0;
	}
	return 0;
}

int
url_scheme_is(const char *s, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(s, want, n) == 0;
}

/* NULL if v is fine in a URL attribute, else what is wrong. */
static const char *
url_problem(const char *v, char *tmp, size_t tmplen)
{
	size_t sl;
	const char *p;

	while (*v != '\0' && (unsigned char)*v <= 0x20)
		v++;
	if (*v == '\0' || *v == '#')
		return NULL;
	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "a URL with control characters";
	if ((sl = url_scheme_len(v)) == 0)
		return "a relative URL";
	if (url_scheme_is(v, sl, "http") || url_scheme_is(v, sl, "https") ||
	    url_scheme_is(v, sl, "mailto"))
		return NULL;
	if (url_scheme_is(v, sl, "data"))
		return "a data: URI";
	snprintf(tmp, tmplen, "a %.*s: URL", (int)(sl > 16 ? 16 : sl), v);
	return tmp;
}

/* Each candidate of a srcset ("url 2x, url 600w"). */
static const char *
srcset_problem(const char *v, char *tmp, size_t tmplen)
{
	char one[TMPL_MAX_URL + 1];
	const char *p, *bad;
	size_t n;

	for (p = v; *p != '\0';) {
		while (*p == ',' || (unsigned char)*p <= 0x20) {
			if (*p == '\0')
				return NULL;
			p++;
		}
		for (n = 0; p[n] != '\0' && (unsigned char)p[n] > 0x20 &&
		    p[n] != ','; n++)
			continue;
		if (n > TMPL_MAX_URL)
			return "an over-long URL";
		memcpy(one, p, n);
		one[n] = '\0';
		if ((bad = url_problem(one, tmp, tmplen)) != NULL)
			return bad;
		p += n;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return NULL;
}

/* A page's URL: what url_problem allows, or a path on this host. */
static const char *
page_url_problem(const char *v, char *tmp, size_t tmplen)
{
	while (*v != '\0' && (unsigned char)*v <= 0x20)
		v++;
	if (v[0] == '/' && v[1] != '/' && v[1] != '\\') {
		for (; *v != '\0'; v++)
			if ((unsigned char)*v < 0x20 || *v == 0x7f)
				return "a URL with control characters";
		return NULL;
	}
	return url_problem(v, tmp, tmplen);
}

/* --- names --------------------------------------------------------------- */

/* Sorted (strcmp order, lower case): looked up with bsearch. */
static const char *const bad_elements[] = {
	"applet", "base", "embed", "form", "frame", "frameset", "iframe",
	"link", "math", "meta", "object", "script", "style", "svg"
};

/* A console page may have forms, its stylesheet, meta and SVG charts. */
static const char *const bad_console_elements[] = {
	"applet", "base", "embed", "foreignobject", "frame", "frameset",
	"math", "object", "script", "style"
};

static const char *const url_attrs[] = {
	"action", "archive", "background", "cite", "classid", "codebase",
	"data", "dynsrc", "formaction", "href", "icon", "longdesc", "lowsrc",
	"manifest", "ping", "poster", "profile", "src", "usemap"
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * name in lower case into buf; 0 if it does not fit, and buf is then ""
 * (so it matches nothing).
 */
static int
lower_name(const xmlChar *name, char buf[NAME_BUF])
{
	size_t i;

	for (i = 0; name[i] != '\0'; i++) {
		if (i == NAME_BUF - 1) {
			buf[0] = '\0';
			return 0;
		}
		buf[i] = (char)tolower(name[i]);
	}
	buf[i] = '\0';
	return 1;
}

static int
by_strcmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int
in_table(const char *lower, const char *const *table, size_t n)
{
	return bsearch(lower, table, n, sizeof(*table), by_strcmp) != NULL;
}

enum attr_kind { ATTR_OTHER, ATTR_EVENT, ATTR_URL, ATTR_SRCSET, ATTR_STYLE };

static enum attr_kind
attr_kind(const xmlChar *name)
{
	char low[NAME_BUF];

	if ((name[0] == 'o' || name[0] == 'O') &&
	    (name[1] == 'n' || name[1] == 'N'))
		return ATTR_EVENT;
	if (!lower_name(name, low))
		return ATTR_OTHER;
	if (strcmp(low, "style") == 0)
		return ATTR_STYLE;
	if (strcmp(low, "srcset") == 0)
		return ATTR_SRCSET;
	return in_table(low, url_attrs, NELEM(url_attrs)) ? ATTR_URL :
	    ATTR_OTHER;
}

/* --- inline styles ------------------------------------------------------- */

/* NULL if an inline style is email-safe, else what is wrong. */
static const char *
style_verdict(const char *v)
{
	char *s, *o;
	const char *p, *bad = NULL, *d, *q;

	if (strchr(v, '\\') != NULL)
		return "a CSS escape";
	if ((s = malloc(strlen(v) + 2)) == NULL)
		return "no memory to check it";
	/* Lower case, no whitespace, no comments; a leading ';' for matching. */
	o = s;
	*o++ = ';';
	for (p = v; *p != '\0'; p++) {
		if (p[0] == '/' && p[1] == '*') {
			p = strstr(p + 2, "*/");
			if (p == NULL)
				break;
			p++;
			continue;
		}
		if (!isspace((unsigned char)*p))
			*o++ = (char)tolower((unsigned char)*p);
	}
	*o = '\0';
	if (strstr(s, ";position:") != NULL)
		bad = "position";
	else if (strstr(s, "expression(") != NULL)
		bad = "expression()";
	else if (strstr(s, "javascript:") != NULL ||
	    strstr(s, "vbscript:") != NULL)
		bad = "a script URL";
	else if (strstr(s, "url(data:") != NULL ||
	    strstr(s, "url('data:") != NULL || strstr(s, "url(\"data:") != NULL)
		bad = "a data: URI";
	else if (strstr(s, "behavior:") != NULL ||
	    strstr(s, "-moz-binding") != NULL)
		bad = "behavior";
	for (d = s; bad == NULL && (d = strstr(d, ";display:")) != NULL;) {
		d += strlen(";display:");
		if (*d == '-' && (q = strchr(d + 1, '-')) != NULL)
			d = q + 1;	/* -webkit-, -ms-, -moz- */
		if (strncmp(d, "inline-", 7) == 0)
			d += 7;
		if (strncmp(d, "flex", 4) == 0 || strncmp(d, "grid", 4) == 0 ||
		    strncmp(d, "box", 3) == 0)
			bad = "display:flex|grid";
	}
	free(s);
	return bad;
}

/*
 * The verdict on an inline style, remembered per process in a small
 * direct-mapped table keyed by the whole text (compared byte for byte:
 * a hash collision only costs a re-check).  Workers are single-threaded.
 */
static const char *
style_problem(const char *v)
{
	static struct {
		char		*text;
		size_t		 len;
		const char	*bad;
	} memo[STYLE_MEMO_SLOTS];
	size_t len = strlen(v), slot;
	const char *bad;
	char *copy;

	if (len > STYLE_MEMO_MAX)
		return style_verdict(v);
	slot = (size_t)(xxh64(v, len, 0) & (STYLE_MEMO_SLOTS - 1));
	if (memo[slot].text != NULL && memo[slot].len == len &&
	    memcmp(memo[slot].text, v, len) == 0)
		return memo[slot].bad;
	bad = style_verdict(v);
	/* Only fixed verdicts are kept: not "no memory to check it". */
	if (bad == NULL || strcmp(bad, "no memory to check it") != 0) {
		if ((copy = malloc(len + 1)) == NULL)
			return bad;
		memcpy(copy, v, len + 1);
		free(memo[slot].text);
		memo[slot].text = copy;
		memo[slot].len = len;
		memo[slot].bad = bad;
	}
	return bad;
}

/* --- elements and attributes --------------------------------------------- */

/*
 * An attribute's value: read in place when it is one text node (nearly
 * always), else copied into *own, which the caller frees.
 */
static const char *
attr_value(xmlAttrPtr at, xmlChar **own)
{
	xmlNodePtr c = at->children;

	*own = NULL;
	if (c == NULL)
		return "";
	if (c->next == NULL && c->type == XML_TEXT_NODE && c->content != NULL)
		return (const char *)c->content;
	*own = xmlNodeGetContent((xmlNodePtr)at);
	return *own != NULL ? (const char *)*own : NULL;
}

static int
check_attr(xmlNodePtr el, xmlAttrPtr at, int console, char *why,
    size_t whylen)
{
	enum attr_kind kind = attr_kind(at->name);
	const char *bad = NULL, *v;
	char tmp[64];
	xmlChar *own = NULL;

	if (kind == ATTR_EVENT) {
		why_set(why, whylen, "output has <%.32s %.32s>", el->name,
		    at->name);
		return -1;
	}
	if (kind == ATTR_OTHER || (v = attr_value(at, &own)) == NULL)
		return 0;
	if (kind == ATTR_STYLE)
		bad = console ? "inline style (pages use the stylesheet)" :
		    style_problem(v);
	else if (kind == ATTR_SRCSET)
		bad = srcset_problem(v, tmp, sizeof(tmp));
	else if (console)
		bad = page_url_problem(v, tmp, sizeof(tmp));
	else
		bad = url_problem(v, tmp, sizeof(tmp));
	if (bad != NULL)
		why_set(why, whylen, "output has <%.32s %.32s> with %s",
		    el->name, at->name, bad);
	xmlFree(own);
	return bad != NULL ? -1 : 0;
}

/*
 * What a page may have that a fragment may not: a form that posts back
 * to the page's own URL (no action, or an empty one: the signed query
 * goes with it), and a <meta> that only names the charset or the
 * viewport.
 */
static int
page_allows(xmlNodePtr n)
{
	xmlChar *method, *action, *name;
	xmlAttrPtr at;
	int ok;

	if (xmlStrcasecmp(n->name, BAD_CAST "form") == 0) {
		method = xmlGetProp(n, BAD_CAST "method");
		action = xmlGetProp(n, BAD_CAST "action");
		ok = method != NULL &&
		    xmlStrcasecmp(method, BAD_CAST "post") == 0 &&
		    (action == NULL || action[0] == '\0');
		xmlFree(method);
		xmlFree(action);
		return ok;
	}
	if (xmlStrcasecmp(n->name, BAD_CAST "meta") != 0)
		return 0;
	for (at = n->properties; at != NULL; at = at->next)
		if (xmlStrcasecmp(at->name, BAD_CAST "charset") != 0 &&
		    xmlStrcasecmp(at->name, BAD_CAST "name") != 0 &&
		    xmlStrcasecmp(at->name, BAD_CAST "content") != 0)
			return 0;
	name = xmlGetProp(n, BAD_CAST "name");
	ok = name == NULL || xmlStrcasecmp(name, BAD_CAST "viewport") == 0;
	xmlFree(name);
	return ok;
}

/* Next node in document order below top; descends only into elements. */
static xmlNodePtr
walk_next(xmlNodePtr n, xmlNodePtr top)
{
	if (n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	while (n != NULL && n != top) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static int
check_element(xmlNodePtr n, enum html_check_mode mode, char *why,
    size_t whylen)
{
	int console = mode == HTML_CHECK_CONSOLE;
	char low[NAME_BUF];
	xmlAttrPtr at;
	int bad;

	if (!lower_name(n->name, low))
		bad = 0;
	else if (console)
		bad = in_table(low, bad_console_elements,
		    NELEM(bad_console_elements));
	else
		bad = in_table(low, bad_elements, NELEM(bad_elements)) &&
		    !(mode == HTML_CHECK_PAGE && page_allows(n));
	if (bad) {
		why_set(why, whylen, "output contains <%.32s>", n->name);
		return -1;
	}
	if (console && strcmp(low, "iframe") == 0 &&
	    xmlHasProp(n, BAD_CAST "sandbox") == NULL) {
		why_set(why, whylen, "output has <iframe> without sandbox");
		return -1;
	}
	for (at = n->properties; at != NULL; at = at->next)
		if (check_attr(n, at, console, why, whylen) != 0)
			return -1;
	return 0;
}

int
html_check(xmlDocPtr result, enum html_check_mode mode, char *why,
    size_t whylen)
{
	xmlNodePtr top, n;

	if (result == NULL) {
		why_set(why, whylen, "no output");
		return -1;
	}
	top = (xmlNodePtr)result;
	for (n = top->children; n != NULL; n = walk_next(n, top)) {
		if (n->type == XML_TEXT_NODE && n->name == xmlStringTextNoenc) {
			why_set(why, whylen, "output contains unescaped text");
			return -1;
		}
		if (n->type == XML_ELEMENT_NODE &&
		    check_element(n, mode, why, whylen) != 0)
			return -1;
	}
	return 0;
}
