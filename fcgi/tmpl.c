/*
 * tmpl.c - touchpoint templates: load, check, apply, serialise.
 *
 * libxslt state that is process-wide (security preferences for
 * compilation, the document loader, EXSLT) is set up once, on the first
 * load.  Everything per transform (security preferences, caps, the
 * ppx:url link) lives on the transform context.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "arena.h"
#include "html_check.h"
#include "log.h"
#include "tmpl.h"
#include "why.h"

#define PPX_XSLT_NS	"urn:ppx:xslt"
#define ERRBUF_MAX	512

struct tmpl {
	char			 name[TMPL_NAME_MAX + 1];
	char			 brand[TMPL_NAME_MAX + 1];	/* "" = default */
	char			*file;		/* relative to the set's dir */
	xsltStylesheetPtr	 style;
};

struct tmpl_set {
	struct tmpl		*v;
	size_t			 n;
};

/* Collects the first lines libxml2/libxslt report while we listen. */
struct errcap {
	char			 buf[ERRBUF_MAX];
	size_t			 len;
	xmlGenericErrorFunc	 old_xml;
	void			*old_xml_ctx;
	xmlGenericErrorFunc	 old_xslt;
	void			*old_xslt_ctx;
};

/* The load in progress, for the document loader's d-o-e check. */
struct load_state {
	const char		*dir;
	char			 msg[ERRBUF_MAX];
};

/* Per transform, behind ctxt->_private. */
struct url_state {
	const struct tmpl_link	*link;
};

static int			 tmpl_ready;
static xsltSecurityPrefsPtr	 sec_compile;
static xsltSecurityPrefsPtr	 sec_run;
static xsltDocLoaderFunc	 orig_loader;
static struct load_state	*cur_load;

/* --- small helpers ----------------------------------------------------- */

static int
valid_name(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i >= TMPL_NAME_MAX)
			return 0;
		if (!(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= '0' && s[i] <= '9') && s[i] != '_' && s[i] != '-')
			return 0;
	}
	return i > 0;
}

/* A malloc'd printf; NULL on ENOMEM. */
static char *
xprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (p = malloc((size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Next node in document order below top; descends only into elements
 * (entity references share their children with the declaration).
 */
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

/* --- error capture ----------------------------------------------------- */

static void
errcap_add(void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
errcap_add(void *ctx, const char *fmt, ...)
{
	struct errcap *ec = ctx;
	va_list ap;
	int w;

	if (ec->len + 1 >= sizeof(ec->buf))
		return;
	va_start(ap, fmt);
	w = vsnprintf(ec->buf + ec->len, sizeof(ec->buf) - ec->len, fmt, ap);
	va_end(ap);
	if (w > 0)
		ec->len += (size_t)w;
	if (ec->len >= sizeof(ec->buf))
		ec->len = sizeof(ec->buf) - 1;
}

static void
errcap_begin(struct errcap *ec)
{
	ec->len = 0;
	ec->buf[0] = '\0';
	ec->old_xml = xmlGenericError;
	ec->old_xml_ctx = xmlGenericErrorContext;
	ec->old_xslt = xsltGenericError;
	ec->old_xslt_ctx = xsltGenericErrorContext;
	xmlSetGenericErrorFunc(ec, errcap_add);
	xsltSetGenericErrorFunc(ec, errcap_add);
}

static void
errcap_end(struct errcap *ec)
{
	xmlSetGenericErrorFunc(ec->old_xml_ctx, ec->old_xml);
	xsltSetGenericErrorFunc(ec->old_xslt_ctx, ec->old_xslt);
}

/*
 * One line out of what was reported into out: the first line, joined
 * with the second when the first only says what kind or where ("error",
 * "runtime error: file … line … element …").
 */
static const char *
errcap_line(const struct errcap *ec, char *out, size_t outlen)
{
	const char *p, *nl, *q, *nl2;
	int n, n2;

	for (p = ec->buf; *p == '\n' || *p == ' '; p++)
		continue;
	if (*p == '\0')
		return "unknown error";
	nl = strchr(p, '\n');
	n = nl != NULL ? (int)(nl - p) : (int)strlen(p);
	if (nl != NULL && ((n == 5 && strncmp(p, "error", 5) == 0) ||
	    (n == 7 && strncmp(p, "warning", 7) == 0) ||
	    strncmp(p, "compilation error", 17) == 0 ||
	    strncmp(p, "runtime error", 13) == 0)) {
		q = nl + 1;
		nl2 = strchr(q, '\n');
		n2 = nl2 != NULL ? (int)(nl2 - q) : (int)strlen(q);
		if (n <= 7)
			snprintf(out, outlen, "%.*s", n2, q);
		else
			snprintf(out, outlen, "%.*s: %.*s", n, p, n2, q);
	} else
		snprintf(out, outlen, "%.*s", n, p);
	return out;
}

/* --- URLs ---------------------------------------------------------------- */

static int
url_char_ok(unsigned char c)
{
	if (isalnum(c))
		return 1;
	return c != '\0' && strchr("-._~!$&'()*+,;=:@/?#", c) != NULL;
}

static int
is_hex(unsigned char c)
{
	return isxdigit(c) != 0;
}

char *
tmpl_url_clean(const char *url)
{
	const char *s, *e;
	const char *hex = "0123456789ABCDEF";
	size_t n, i, sl;
	char *out, *o;

	if (url == NULL)
		return NULL;
	for (s = url; *s != '\0' && (unsigned char)*s <= 0x20; s++)
		continue;
	for (e = s + strlen(s); e > s && (unsigned char)e[-1] <= 0x20; e--)
		continue;
	n = (size_t)(e - s);
	if (n == 0 || n > TMPL_MAX_URL)
		return NULL;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return NULL;
	if ((sl = url_scheme_len(s)) == 0 || sl + 1 >= n)
		return NULL;
	if (url_scheme_is(s, sl, "http") || url_scheme_is(s, sl, "https")) {
		if (n < sl + 4 || s[sl + 1] != '/' || s[sl + 2] != '/' ||
		    !isalnum((unsigned char)s[sl + 3]))
			return NULL;
	} else if (!url_scheme_is(s, sl, "mailto"))
		return NULL;

	if ((out = malloc(n * 3 + 1)) == NULL)
		return NULL;
	for (o = out, i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (url_char_ok(c) || (c == '%' && i + 2 < n &&
		    is_hex((unsigned char)s[i + 1]) &&
		    is_hex((unsigned char)s[i + 2])))
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

/* ppx:url(url [, kind]) */
static void
xpath_url(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr tctxt;
	const struct url_state *st;
	const char *made;
	xmlChar *url, *kind = NULL;
	char *clean, *again = NULL;

	if (nargs < 1 || nargs > 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if (nargs == 2)
		kind = xmlXPathPopString(ctxt);
	url = xmlXPathPopString(ctxt);
	if (url == NULL || xmlXPathCheckError(ctxt)) {
		xmlFree(url);
		xmlFree(kind);
		return;
	}
	clean = tmpl_url_clean((const char *)url);
	tctxt = xsltXPathGetTransformContext(ctxt);
	st = tctxt != NULL ? tctxt->_private : NULL;
	if (clean != NULL && st != NULL && st->link != NULL &&
	    st->link->fn != NULL) {
		made = st->link->fn(st->link->arg, clean,
		    kind != NULL && kind[0] != '\0' ? (const char *)kind : "link");
		again = tmpl_url_clean(made);
		free(clean);
		clean = again;
	}
	valuePush(ctxt, xmlXPathNewString(BAD_CAST (clean != NULL ? clean : "")));
	free(clean);
	xmlFree(url);
	xmlFree(kind);
}

/* --- process-wide setup -------------------------------------------------- */

/* At compile time only *.xsl files may be read (imports, includes). */
static int
sec_read_xsl(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	size_t n;

	(void)sec;
	if (ctxt != NULL || value == NULL)
		return 0;
	n = strlen(value);
	return n > 4 && strcmp(value + n - 4, ".xsl") == 0;
}

static xmlNodePtr
doe_find(xmlNodePtr top)
{
	xmlNodePtr n;
	xmlChar *v;
	int bad;

	for (n = top->children; n != NULL; n = walk_next(n, top)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		v = xmlGetNoNsProp(n, BAD_CAST "disable-output-escaping");
		if (v == NULL)
			continue;
		bad = xmlStrstr(v, BAD_CAST "yes") != NULL;
		xmlFree(v);
		if (bad)
			return n;
	}
	return NULL;
}

/*
 * Every stylesheet document (main, imports, includes) comes through
 * here: no network, no document() at run time, no d-o-e.
 */
static xmlDocPtr
tmpl_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	xmlDocPtr doc;
	xmlNodePtr bad;
	const char *file;
	size_t dl;

	if (type == XSLT_LOAD_DOCUMENT)
		return NULL;
	doc = orig_loader(uri, dict, options | XML_PARSE_NONET, ctxt, type);
	if (doc == NULL)
		return NULL;
	if ((bad = doe_find((xmlNodePtr)doc)) == NULL)
		return doc;
	file = (const char *)uri;
	if (cur_load != NULL) {
		dl = strlen(cur_load->dir);
		if (strncmp(file, cur_load->dir, dl) == 0 && file[dl] == '/')
			file += dl + 1;
		snprintf(cur_load->msg, sizeof(cur_load->msg),
		    "%s:%ld: disable-output-escaping is not allowed", file,
		    xmlGetLineNo(bad));
	}
	xmlFreeDoc(doc);
	return NULL;
}

static int
tmpl_init(void)
{
	if (tmpl_ready)
		return 0;
	exsltRegisterAll();
	sec_compile = xsltNewSecurityPrefs();
	sec_run = xsltNewSecurityPrefs();
	if (sec_compile == NULL || sec_run == NULL)
		goto out_free;
	if (xsltSetSecurityPrefs(sec_compile, XSLT_SECPREF_READ_FILE,
	    sec_read_xsl) != 0 ||
	    xsltSetSecurityPrefs(sec_compile, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec_compile, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec_compile, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec_compile, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid) != 0)
		goto out_free;
	if (xsltSetSecurityPrefs(sec_run, XSLT_SECPREF_READ_FILE,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec_run, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec_run, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec_run, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec_run, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid) != 0)
		goto out_free;
	xsltSetDefaultSecurityPrefs(sec_compile);
	orig_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(tmpl_loader);
	xsltMaxDepth = TMPL_MAX_DEPTH;
	xsltMaxVars = TMPL_MAX_VARS;
	tmpl_ready = 1;
	return 0;

out_free:
	xsltFreeSecurityPrefs(sec_compile);
	xsltFreeSecurityPrefs(sec_run);
	sec_compile = sec_run = NULL;
	return -1;
}

/* --- load ---------------------------------------------------------------- */

static const xmlChar *
style_method(xsltStylesheetPtr style)
{
	xsltStylesheetPtr s;

	for (s = style; s != NULL; s = xsltNextImport(s))
		if (s->method != NULL)
			return s->method;
	return NULL;
}

static int
full_form(xsltStylesheetPtr style)
{
	xmlNodePtr root;

	if (style->literal_result || style->doc == NULL)
		return 0;
	root = xmlDocGetRootElement(style->doc);
	return root != NULL && root->ns != NULL &&
	    xmlStrEqual(root->ns->href, XSLT_NAMESPACE) &&
	    (xmlStrEqual(root->name, BAD_CAST "stylesheet") ||
	    xmlStrEqual(root->name, BAD_CAST "transform"));
}

static int
tmpl_compile(struct tmpl *t, const char *dir, char *why, size_t whylen)
{
	struct load_state ls;
	struct errcap ec;
	const xmlChar *method;
	char *path, line[ERRBUF_MAX];
	int rc = -1;

	if ((path = xprintf("%s/%s", dir, t->file)) == NULL) {
		why_set(why, whylen, "%s: out of memory", t->file);
		return -1;
	}
	if (!is_file(path)) {
		why_set(why, whylen, "%s: %s", t->file, strerror(ENOENT));
		goto out_path;
	}
	ls.dir = dir;
	ls.msg[0] = '\0';
	cur_load = &ls;
	errcap_begin(&ec);
	t->style = xsltParseStylesheetFile(BAD_CAST path);
	errcap_end(&ec);
	cur_load = NULL;
	if (ls.msg[0] != '\0') {
		why_set(why, whylen, "%s", ls.msg);
		goto out_style;
	}
	if (t->style == NULL) {
		why_set(why, whylen, "%s: %s", t->file,
		    errcap_line(&ec, line, sizeof(line)));
		goto out_path;
	}
	if (!full_form(t->style)) {
		why_set(why, whylen, "%s: not a full-form xsl:stylesheet",
		    t->file);
		goto out_style;
	}
	method = style_method(t->style);
	if (method == NULL || !xmlStrEqual(method, BAD_CAST "html")) {
		why_set(why, whylen, "%s: xsl:output method must be \"html\"",
		    t->file);
		goto out_style;
	}
	rc = 0;
	goto out_path;

out_style:
	xsltFreeStylesheet(t->style);
	t->style = NULL;
out_path:
	free(path);
	return rc;
}

static int
tmpl_sample_check(const struct tmpl *t, const struct tmpl_check *sample,
    char *why, size_t whylen)
{
	xmlDocPtr data, res = NULL;
	int rc;

	data = sample->fn(sample->arg, t->name,
	    t->brand[0] != '\0' ? t->brand : NULL);
	if (data == NULL) {
		why_set(why, whylen, "%s: no sample data to check against",
		    t->file);
		return -1;
	}
	rc = tmpl_apply(t, data, NULL, &res, why, whylen);
	xmlFreeDoc(res);
	xmlFreeDoc(data);
	return rc;
}

static struct tmpl *
set_add(struct tmpl_set *set, const char *name, const char *brand)
{
	struct tmpl *v, *t;
	v = realloc(set->v, (set->n + 1) * sizeof(*v));
	if (v == NULL)
		return NULL;
	set->v = v;
	t = &v[set->n];
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	snprintf(t->brand, sizeof(t->brand), "%s", brand != NULL ? brand : "");
	if (brand != NULL)
		t->file = xprintf("brands/%s/%s.xsl", brand, name);
	else
		t->file = xprintf("%s.xsl", name);
	if (t->file == NULL)
		return NULL;
	set->n++;
	return t;
}

static int
load_one(struct tmpl_set *set, const char *dir, const char *name,
    const char *brand, const struct tmpl_check *sample, char *why,
    size_t whylen)
{
	struct tmpl *t;

	if ((t = set_add(set, name, brand)) == NULL) {
		why_set(why, whylen, "%s: out of memory", name);
		return -1;
	}
	if (tmpl_compile(t, dir, why, whylen) != 0)
		return -1;
	if (sample != NULL && tmpl_sample_check(t, sample, why, whylen) != 0)
		return -1;
	return 0;
}

static int
load_brands(struct tmpl_set *set, const char *dir, const char *const *names,
    size_t n, const struct tmpl_check *sample, char *why, size_t whylen)
{
	DIR *d;
	struct dirent *de;
	char *bdir, *path;
	size_t i;
	int rc = -1, have;

	if ((bdir = xprintf("%s/brands", dir)) == NULL) {
		why_set(why, whylen, "brands: out of memory");
		return -1;
	}
	if ((d = opendir(bdir)) == NULL) {
		rc = errno == ENOENT ? 0 : -1;
		if (rc != 0)
			why_set(why, whylen, "brands: %s", strerror(errno));
		goto out_bdir;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (!valid_name(de->d_name)) {
			log_warn("templates: brands/%.64s: not a brand name, "
			    "ignored", de->d_name);
			continue;
		}
		for (i = 0; i < n; i++) {
			path = xprintf("%s/%s/%s.xsl", bdir, de->d_name,
			    names[i]);
			if (path == NULL) {
				why_set(why, whylen, "brands: out of memory");
				goto out_dir;
			}
			have = is_file(path);
			free(path);
			if (have && load_one(set, dir, names[i], de->d_name,
			    sample, why, whylen) != 0)
				goto out_dir;
		}
	}
	rc = 0;
out_dir:
	closedir(d);
out_bdir:
	free(bdir);
	return rc;
}

int
tmpl_set_load(struct tmpl_set **out, const char *dir,
    const char *const *names, size_t n, const struct tmpl_check *sample,
    char *why, size_t whylen)
{
	struct tmpl_set *set;
	size_t i;

	*out = NULL;
	if (tmpl_init() != 0) {
		why_set(why, whylen, "templates: cannot set up libxslt");
		return -1;
	}
	if (!is_dir(dir)) {
		why_set(why, whylen, "%s: not a directory", dir);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (names[i] == NULL || !valid_name(names[i])) {
			why_set(why, whylen, "templates: bad touchpoint name");
			return -1;
		}
	}
	if ((set = calloc(1, sizeof(*set))) == NULL) {
		why_set(why, whylen, "templates: out of memory");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (load_one(set, dir, names[i], NULL, sample, why,
		    whylen) != 0)
			goto out_set;
	if (load_brands(set, dir, names, n, sample, why, whylen) != 0)
		goto out_set;
	*out = set;
	return 0;

out_set:
	tmpl_set_free(set);
	return -1;
}

void
tmpl_set_free(struct tmpl_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++) {
		if (set->v[i].style != NULL)
			xsltFreeStylesheet(set->v[i].style);
		free(set->v[i].file);
	}
	free(set->v);
	free(set);
}

const struct tmpl *
tmpl_find(const struct tmpl_set *set, const char *brand, const char *name)
{
	const struct tmpl *def = NULL;
	size_t i;

	if (set == NULL || name == NULL)
		return NULL;
	for (i = 0; i < set->n; i++) {
		if (strcmp(set->v[i].name, name) != 0)
			continue;
		if (set->v[i].brand[0] == '\0')
			def = &set->v[i];
		else if (brand != NULL && strcmp(set->v[i].brand, brand) == 0)
			return &set->v[i];
	}
	return def;
}

const char *
tmpl_file(const struct tmpl *t)
{
	return t->file;
}

/* --- apply ------------------------------------------------------------- */

/* A transform whose result passes the check of mode. */
static int
apply(const struct tmpl *t, xmlDocPtr data, const struct tmpl_link *link,
    enum html_check_mode page, xmlDocPtr *result, char *why, size_t whylen)
{
	xsltTransformContextPtr ctxt;
	struct url_state st;
	struct errcap ec;
	xmlDocPtr res;
	char check[256], line[ERRBUF_MAX];
	int failed;

	*result = NULL;
	if (t == NULL || t->style == NULL || data == NULL) {
		why_set(why, whylen, "templates: nothing to apply");
		return -1;
	}
	if ((ctxt = xsltNewTransformContext(t->style, data)) == NULL) {
		why_set(why, whylen, "%s: out of memory", t->file);
		return -1;
	}
	st.link = link;
	ctxt->_private = &st;
	ctxt->maxTemplateDepth = TMPL_MAX_DEPTH;
	ctxt->maxTemplateVars = TMPL_MAX_VARS;
	if (xsltSetCtxtSecurityPrefs(sec_run, ctxt) != 0 ||
	    xsltRegisterExtFunction(ctxt, BAD_CAST "url", BAD_CAST PPX_XSLT_NS,
	    xpath_url) != 0) {
		xsltFreeTransformContext(ctxt);
		why_set(why, whylen, "%s: cannot set up transform", t->file);
		return -1;
	}
	errcap_begin(&ec);
	xsltSetTransformErrorFunc(ctxt, &ec, errcap_add);
	res = xsltApplyStylesheetUser(t->style, data, NULL, NULL, NULL, ctxt);
	failed = res == NULL || ctxt->state != XSLT_STATE_OK;
	errcap_end(&ec);
	xsltFreeTransformContext(ctxt);
	if (failed) {
		why_set(why, whylen, "%s: %s", t->file,
		    errcap_line(&ec, line, sizeof(line)));
		goto out_res;
	}
	if (res->type != XML_HTML_DOCUMENT_NODE) {
		why_set(why, whylen, "%s: output is not HTML", t->file);
		goto out_res;
	}
	if (html_check(res, page, check, sizeof(check)) != 0) {
		why_set(why, whylen, "%s: %s", t->file, check);
		goto out_res;
	}
	*result = res;
	return 0;

out_res:
	xmlFreeDoc(res);
	return -1;
}

int
tmpl_apply(const struct tmpl *t, xmlDocPtr data, const struct tmpl_link *link,
    xmlDocPtr *result, char *why, size_t whylen)
{
	return apply(t, data, link, HTML_CHECK_EMAIL, result, why, whylen);
}

int
tmpl_apply_page(const struct tmpl *t, xmlDocPtr data,
    const struct tmpl_link *link, xmlDocPtr *result, char *why, size_t whylen)
{
	return apply(t, data, link, HTML_CHECK_PAGE, result, why, whylen);
}

int
tmpl_apply_console(const struct tmpl *t, xmlDocPtr data, xmlDocPtr *result,
    char *why, size_t whylen)
{
	return apply(t, data, NULL, HTML_CHECK_CONSOLE, result, why, whylen);
}

int
tmpl_serialize(xmlDocPtr result, struct arena *a, char **out, size_t *len)
{
	xmlOutputBufferPtr buf;
	xmlNodePtr n;
	const xmlChar *content;
	size_t size;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if ((buf = xmlAllocOutputBuffer(NULL)) == NULL)
		return -1;
	/* Node by node: a fragment has no DOCTYPE and no trailing newline. */
	for (n = result->children; n != NULL; n = n->next)
		if (n->type != XML_DTD_NODE)
			htmlNodeDumpFormatOutput(buf, result, n, "UTF-8", 0);
	if (buf->error != 0)
		goto out_buf;
	content = xmlOutputBufferGetContent(buf);
	size = xmlOutputBufferGetSize(buf);
	if ((*out = arena_strndup(a, content != NULL ? (const char *)content :
	    "", size)) == NULL)
		goto out_buf;
	*len = size;
	rc = 0;
out_buf:
	xmlOutputBufferClose(buf);
	return rc;
}

