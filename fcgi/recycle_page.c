/*
 * recycle_page.c - GET|POST /v1/recycle/CODE?exp=…&kid=…&sig=…: the
 * page where a customer confirms a recycling return (DESIGN.md, codes.h).
 *
 * The signed query is the capability: it is made by code_link for this
 * one code with the brand's secret, so only the email's reader holds it.
 * GET shows the code and what to do; POST (the page's one button, a
 * form that carries nothing) moves the code issued -> claimed, and only
 * that code; a second POST changes nothing and says so, with the same
 * 200.  A link that is not a code's, tampered with or expired gets a
 * 403 page and changes nothing.
 *
 * The page is rendered by the template engine like a touchpoint, from a
 * data tree
 *
 *   <page kind="recycle" view="issued|thanks|already|claimed|received|
 *         invalid|expired" lang="nl" brand="demo">
 *     <code>RC-7K2M9-QXD4E</code>            (views with a valid link)
 *     <msg key="recycle.page.title">…</msg>   (copy from the catalog)
 *     …
 *   </page>
 *
 * by TEMPLATES/recycle_page.xsl (a brand may override it under
 * brands/BRAND/), checked with html_check(HTML_CHECK_PAGE): a fragment's rules plus
 * the one form and the viewport meta a page needs.  No JavaScript.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "arena.h"
#include "brandcache.h"
#include "codes.h"
#include "conf.h"
#include "handler.h"
#include "instance.h"
#include "log.h"
#include "msgfmt.h"
#include "pages.h"
#include "route.h"
#include "sign.h"
#include "store.h"
#include "tmpl.h"

/*
 * The page's policy: its own inline styles, the brand's images, the one
 * form posting back to this URL; nothing else, and never in a frame (a
 * framed claim button could be clicked for the customer).  worker.c adds
 * X-Frame-Options: DENY and Referrer-Policy: same-origin, so the signed
 * query never reaches an image host in a Referer.
 */
#define PAGE_CSP	"default-src 'none'; style-src 'unsafe-inline'; " \
			"img-src https: http: data:; form-action 'self'; " \
			"base-uri 'none'; frame-ancestors 'none'"

#define PAGE_TEMPLATE	"recycle_page"
#define PAGE_MSG_MAX	2048

enum view {
	VIEW_ISSUED,	/* the code and the button */
	VIEW_THANKS,	/* this POST claimed it */
	VIEW_ALREADY,	/* a POST for a code claimed before */
	VIEW_CLAIMED,	/* a GET for a claimed code */
	VIEW_RECEIVED,	/* the old product arrived */
	VIEW_INVALID,	/* not a code's link, or tampered with */
	VIEW_EXPIRED,	/* a good link past its exp */
	VIEW__MAX
};

static const struct {
	const char	*name;
	int		 status;
	const char	*keys[6];	/* copy, in the order of the page */
} views[VIEW__MAX] = {
	[VIEW_ISSUED] = { "issued", 200, { "recycle.page.title",
	    "recycle.page.code_label", "recycle.page.how",
	    "recycle.page.button", "recycle.page.privacy", NULL } },
	[VIEW_THANKS] = { "thanks", 200, { "recycle.page.title",
	    "recycle.page.code_label", "recycle.page.thanks",
	    "recycle.page.how", NULL } },
	[VIEW_ALREADY] = { "already", 200, { "recycle.page.title",
	    "recycle.page.code_label", "recycle.page.already",
	    "recycle.page.how", NULL } },
	[VIEW_CLAIMED] = { "claimed", 200, { "recycle.page.title",
	    "recycle.page.code_label", "recycle.page.claimed",
	    "recycle.page.how", NULL } },
	[VIEW_RECEIVED] = { "received", 200, { "recycle.page.title",
	    "recycle.page.code_label", "recycle.page.received", NULL } },
	[VIEW_INVALID] = { "invalid", 403, { "recycle.page.invalid_title",
	    "recycle.page.invalid", NULL } },
	[VIEW_EXPIRED] = { "expired", 403, { "recycle.page.invalid_title",
	    "recycle.page.expired", NULL } },
};

/*
 * The page templates, compiled on first use in each worker and kept for
 * its life (a new worker after SIGHUP compiles them again).
 */
static struct tmpl_set *page_tmpls;

static const struct tmpl *
page_template(struct instance *in, const char *brand)
{
	static const char *const names[] = { PAGE_TEMPLATE };
	char why[256];

	if (page_tmpls == NULL && tmpl_set_load(&page_tmpls,
	    in->conf->template_dir, names, 1, NULL, why, sizeof(why)) != 0) {
		log_err("recycle page: %s", why);
		return NULL;
	}
	return tmpl_find(page_tmpls, brand, PAGE_TEMPLATE);
}

static void
plain(struct response *resp, int status, const char *body)
{
	memset(resp, 0, sizeof(*resp));
	resp->status = status;
	resp->content_type = "text/plain; charset=utf-8";
	resp->body = body;
	resp->len = strlen(body);
}

/* <msg key=KEY> with the brand's copy (or the default) in lang. */
static int
add_msg(struct instance *in, xmlNodePtr page, const char *brand,
    const char *lang, const char *key)
{
	char out[PAGE_MSG_MAX], why[256];
	const char *pattern;
	xmlNodePtr m;

	if (store_msg_get(in->store, brand, lang, key, in->arena, &pattern) !=
	    0 && (strcmp(lang, "en") == 0 || store_msg_get(in->store, brand,
	    "en", key, in->arena, &pattern) != 0)) {
		log_warn("recycle page: no message '%s' for %s/%s", key,
		    brand[0] != '\0' ? brand : "-", lang);
		return 0;	/* the template copes with a missing line */
	}
	if (msgfmt_format(lang, pattern, NULL, 0, out, sizeof(out), why,
	    sizeof(why)) == -1) {
		log_warn("recycle page: message '%s' (%s): %s", key, lang, why);
		return 0;
	}
	if ((m = xmlNewChild(page, NULL, BAD_CAST "msg", NULL)) == NULL ||
	    xmlSetProp(m, BAD_CAST "key", BAD_CAST key) == NULL)
		return -1;
	xmlNodeAddContent(m, BAD_CAST out);
	return 0;
}

/* The data tree of the page.  NULL when out of memory. */
static xmlDocPtr
page_tree(struct instance *in, enum view v, const struct code_row *row)
{
	const char *brand = row != NULL ? row->brand : "";
	const char *lang = row != NULL ? row->lang : "en";
	xmlNodePtr page;
	xmlDocPtr doc;
	size_t i;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return NULL;
	if ((page = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL)) == NULL)
		goto out_doc;
	xmlDocSetRootElement(doc, page);
	if (xmlNewProp(page, BAD_CAST "kind", BAD_CAST "recycle") == NULL ||
	    xmlNewProp(page, BAD_CAST "view", BAD_CAST views[v].name) ==
	    NULL ||
	    xmlNewProp(page, BAD_CAST "lang", BAD_CAST lang) == NULL ||
	    xmlNewProp(page, BAD_CAST "brand", BAD_CAST brand) == NULL)
		goto out_doc;
	if (views[v].status == 200 && row != NULL &&
	    xmlNewTextChild(page, NULL, BAD_CAST "code", BAD_CAST row->code) ==
	    NULL)
		goto out_doc;
	for (i = 0; views[v].keys[i] != NULL; i++)
		if (add_msg(in, page, brand, lang, views[v].keys[i]) == -1)
			goto out_doc;
	return doc;
out_doc:
	xmlFreeDoc(doc);
	return NULL;
}

static void
render_page(struct instance *in, enum view v, const struct code_row *row,
    struct response *resp)
{
	const struct tmpl *t;
	xmlDocPtr data, result = NULL;
	char why[256], *html, *body;
	size_t len;

	if ((t = page_template(in, row != NULL ? row->brand : NULL)) == NULL) {
		plain(resp, 500, "500 Internal Server Error: no page template\n");
		return;
	}
	if ((data = page_tree(in, v, row)) == NULL) {
		plain(resp, 500, "500 Internal Server Error: out of memory\n");
		return;
	}
	if (tmpl_apply_page(t, data, NULL, &result, why, sizeof(why)) != 0) {
		xmlFreeDoc(data);
		log_err("recycle page: template: %s", why);
		plain(resp, 500, "500 Internal Server Error: page template\n");
		return;
	}
	xmlFreeDoc(data);
	if (tmpl_serialize(result, in->arena, &html, &len) != 0 ||
	    (body = arena_printf(in->arena, "<!DOCTYPE html>\n%s\n", html)) ==
	    NULL) {
		xmlFreeDoc(result);
		plain(resp, 500, "500 Internal Server Error: out of memory\n");
		return;
	}
	xmlFreeDoc(result);
	memset(resp, 0, sizeof(*resp));
	resp->status = views[v].status;
	resp->content_type = "text/html; charset=utf-8";
	resp->body = body;
	resp->len = strlen(body);
	resp->csp = PAGE_CSP;
}

/*
 * Is the request's signed query good for code's row?  VIEW_ISSUED when
 * it is, VIEW_INVALID or VIEW_EXPIRED when not.
 */
static enum view
check_link(struct instance *in, const struct request *r,
    const struct code_row *row, int64_t now)
{
	const struct sign_key *k;
	struct brand_state *b;
	const char *kid;

	if ((b = brandcache_get(in->brands, row->brand)) == NULL ||
	    sign_params(&r->query, &kid, NULL) != SIGN_OK ||
	    (k = brandcache_sign_key(in->brands, b, kid)) == NULL)
		return VIEW_INVALID;
	switch (sign_verify(in->arena, k, r->path, &r->query, now)) {
	case SIGN_OK:
		return VIEW_ISSUED;
	case SIGN_EXPIRED:
		return VIEW_EXPIRED;
	default:
		return VIEW_INVALID;
	}
}

static enum view
view_of(enum code_state s)
{
	switch (s) {
	case CODE_CLAIMED:
		return VIEW_CLAIMED;
	case CODE_RECEIVED:
		return VIEW_RECEIVED;
	default:
		return VIEW_ISSUED;
	}
}

void
recycle_serve(struct instance *in, const struct request *r,
    const struct route *rt, int64_t now, struct response *resp)
{
	char code[CODE_LEN + 1];
	struct code_row row;
	enum view v;
	int rc, changed;

	if (r->method == METHOD_OTHER) {
		plain(resp, 405, "405 Method Not Allowed: use GET or POST\n");
		resp->allow = "GET, HEAD, POST";
		return;
	}
	/* Only the canonical spelling is a page: it is what was signed. */
	if (code_normalize(rt->token, code) != 0 ||
	    strcmp(code, rt->token) != 0 ||
	    (rc = code_get(in->store, code, &row)) == STORE_NOTFOUND) {
		render_page(in, VIEW_INVALID, NULL, resp);
		return;
	}
	if (rc != 0) {
		log_err("recycle page: store: %s", store_errmsg(in->store));
		plain(resp, 503, "503 Service Unavailable: try again\n");
		return;
	}
	if ((v = check_link(in, r, &row, now)) != VIEW_ISSUED) {
		render_page(in, v, &row, resp);
		return;
	}
	if (r->method != METHOD_POST) {
		render_page(in, view_of(row.state), &row, resp);
		return;
	}
	if (code_advance(in->store, code, CODE_CLAIMED, now, &row, &changed) !=
	    0) {
		log_err("recycle page: store: %s", store_errmsg(in->store));
		plain(resp, 503, "503 Service Unavailable: try again\n");
		return;
	}
	if (changed)
		log_info("recycle: a %s code claimed", row.brand);
	render_page(in, changed ? VIEW_THANKS : row.state == CODE_CLAIMED ?
	    VIEW_ALREADY : view_of(row.state), &row, resp);
}
