/*
 * admin_page.c - the console's pages: data trees in, XSLT (the same
 * engine and checks as the email side, in page mode) out.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_http.h"
#include "arena.h"
#include "handler.h"
#include "instance.h"
#include "log.h"
#include "tmpl.h"

#define CSS_MAX		(64 * 1024)

const char *const admin_page_names[] = {
	"login", "brands", "grid", "audit", "message", "copy",
	"results", "users", "account",
};
const size_t admin_page_count =
    sizeof(admin_page_names) / sizeof(admin_page_names[0]);

struct admin_pages {
	struct tmpl_set	*set;
	char		*css;
	size_t		 css_len;
};

static int
read_css(const char *path, char **out, size_t *len, char *why,
    size_t whylen)
{
	struct stat sb;
	FILE *f;
	char *buf;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &sb) != 0 || sb.st_size <= 0 ||
	    sb.st_size > CSS_MAX) {
		snprintf(why, whylen, "%s: want 1 to %d bytes", path, CSS_MAX);
		fclose(f);
		return -1;
	}
	if ((buf = malloc((size_t)sb.st_size + 1)) == NULL ||
	    fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		snprintf(why, whylen, "%s: cannot read", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	buf[sb.st_size] = '\0';
	*out = buf;
	*len = (size_t)sb.st_size;
	return 0;
}

int
admin_pages_load(struct admin_pages **out, const char *template_dir,
    char *why, size_t whylen)
{
	struct admin_pages *p;
	char dir[4096], css[4200];

	*out = NULL;
	if (snprintf(dir, sizeof(dir), "%s/admin", template_dir) >=
	    (int)sizeof(dir)) {
		snprintf(why, whylen, "template directory name too long");
		return -1;
	}
	snprintf(css, sizeof(css), "%s/admin.css", dir);
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if (tmpl_set_load(&p->set, dir, admin_page_names, admin_page_count,
	    NULL, why, whylen) != 0 ||
	    read_css(css, &p->css, &p->css_len, why, whylen) != 0) {
		admin_pages_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

void
admin_pages_free(struct admin_pages *p)
{
	if (p == NULL)
		return;
	tmpl_set_free(p->set);
	free(p->css);
	free(p);
}

const char *
admin_pages_css(const struct admin_pages *p, size_t *len)
{
	*len = p->css_len;
	return p->css;
}

xmlNodePtr
admin_el(xmlNodePtr parent, const char *name, ...)
{
	const char *k, *v;
	xmlNodePtr n;
	va_list ap;

	if (parent == NULL || (n = xmlNewChild(parent, NULL, BAD_CAST name,
	    NULL)) == NULL)
		return NULL;
	va_start(ap, name);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		if (v != NULL)
			xmlNewProp(n, BAD_CAST k, BAD_CAST v);
	}
	va_end(ap);
	return n;
}

xmlDocPtr
admin_doc(const struct admin_req *q, const char *name, xmlNodePtr *root)
{
	xmlDocPtr doc;
	xmlNodePtr n;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return NULL;
	if ((n = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, n);
	xmlNewProp(n, BAD_CAST "name", BAD_CAST name);
	if (q->logged_in) {
		xmlNewProp(n, BAD_CAST "user", BAD_CAST q->email);
		xmlNewProp(n, BAD_CAST "csrf", BAD_CAST q->session.csrf);
	}
	if (q->brand[0] != '\0') {
		xmlNewProp(n, BAD_CAST "brand", BAD_CAST q->brand);
		if (admin_role_name(q->role) != NULL)
			xmlNewProp(n, BAD_CAST "role",
			    BAD_CAST admin_role_name(q->role));
	}
	*root = n;
	return doc;
}

/* Plain text, when even the error page cannot be made. */
static void
plain(struct admin_req *q, int status, const char *why)
{
	struct response *resp = q->resp;

	resp->status = status;
	resp->content_type = "text/plain; charset=utf-8";
	resp->body = why;
	resp->len = strlen(why);
	resp->csp = ADMIN_CSP;
}

void
admin_render(struct admin_req *q, xmlDocPtr doc, int status)
{
	const struct tmpl *t;
	xmlDocPtr res = NULL;
	xmlChar *name = NULL;
	char why[512], *html, *body;
	size_t len;

	if (doc == NULL) {
		plain(q, 500, "500 Internal Server Error: out of memory\n");
		return;
	}
	name = xmlGetProp(xmlDocGetRootElement(doc), BAD_CAST "name");
	t = tmpl_find(admin_loaded->set, NULL, (const char *)name);
	xmlFree(name);
	if (t == NULL || tmpl_apply_console(t, doc, &res, why, sizeof(why)) != 0 ||
	    tmpl_serialize(res, q->in->arena, &html, &len) != 0 ||
	    (body = arena_printf(q->in->arena, "<!DOCTYPE html>\n%s\n", html))
	    == NULL) {
		log_err("admin: page: %s", t == NULL ? "no template" : why);
		xmlFreeDoc(res);
		xmlFreeDoc(doc);
		plain(q, 500, "500 Internal Server Error: page failed\n");
		return;
	}
	xmlFreeDoc(res);
	xmlFreeDoc(doc);
	q->resp->status = status;
	q->resp->content_type = "text/html; charset=utf-8";
	q->resp->body = body;
	q->resp->len = strlen(body);
	q->resp->csp = ADMIN_CSP;
}

void
admin_fail(struct admin_req *q, int status, const char *why)
{
	char code[8];
	xmlNodePtr root;
	xmlDocPtr doc;

	snprintf(code, sizeof(code), "%d", status);
	doc = admin_doc(q, "message", &root);
	if (doc != NULL)
		admin_el(root, "message", "status", code, "reason",
		    handler_reason(status), "why", why, (char *)NULL);
	admin_render(q, doc, status);
}

void
admin_redirect(struct admin_req *q, const char *location)
{
	q->resp->status = 303;
	q->resp->location = location;
	q->resp->content_type = "text/plain; charset=utf-8";
	q->resp->body = "";
	q->resp->len = 0;
	q->resp->csp = ADMIN_CSP;
}
