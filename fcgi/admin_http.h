/*
 * admin_http.h - inside the console: one request's state and the page
 * helpers the console's views share (admin.c, admin_page.c,
 * admin_grid.c, admin_views.c).
 */
#ifndef PPX_ADMIN_HTTP_H
#define PPX_ADMIN_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "admin_role.h"
#include "admin_session.h"
#include "admin_user.h"
#include "multipart.h"
#include "query.h"
#include "route.h"

struct handler_io;
struct instance;
struct request;
struct response;

/* The Content-Security-Policy of every console page. */
#define ADMIN_CSP	"default-src 'none'; style-src 'self'; " \
			"img-src 'self'; frame-src 'self'; " \
			"form-action 'self'; " \
			"frame-ancestors 'none'; base-uri 'none'"

struct admin_req {
	struct instance		*in;
	const struct handler_io	*io;
	const struct request	*r;
	int64_t			 now;
	struct response		*resp;
	const char		*sub;		/* the path after "/admin" */
	struct query		 form;		/* a POST's fields */
	/* The file of a multipart/form-data POST, or NULL (admin.c). */
	const struct multipart_part *file;
	int			 logged_in;
	struct admin_session	 session;
	char			 email[ADMIN_EMAIL_MAX + 1];
	char			 brand[ROUTE_MAX_NAME + 1];	/* "" */
	enum admin_role		 role;		/* in brand */
};

struct admin_pages;

/* The process's pages, loaded by admin_serve on first use (admin.c). */
extern struct admin_pages *admin_loaded;

/* Load templates/admin/ (DIR/admin/…xsl, DIR/admin/admin.css).  0/-1. */
int	 admin_pages_load(struct admin_pages **out, const char *template_dir,
	    char *why, size_t whylen);
void	 admin_pages_free(struct admin_pages *p);
/* The stylesheet served at /admin/static/admin.css. */
const char *admin_pages_css(const struct admin_pages *p, size_t *len);

/*
 * A new data tree for page name: <page name=… user=… csrf=… brand=…
 * role=…>.  OUT: *root.  NULL on ENOMEM.
 */
xmlDocPtr admin_doc(const struct admin_req *q, const char *name,
	    xmlNodePtr *root);
/* A child element of parent with attributes (name, value pairs, NULL). */
xmlNodePtr admin_el(xmlNodePtr parent, const char *name, ...)
	    __attribute__((sentinel));
/* Render doc (freed here) through its page's template into the response. */
void	 admin_render(struct admin_req *q, xmlDocPtr doc, int status);
/* A page that says what went wrong, with status. */
void	 admin_fail(struct admin_req *q, int status, const char *why);
/* 303 See Other to location (a path under /admin/). */
void	 admin_redirect(struct admin_req *q, const char *location);

/* The views.  Each fills q->resp. */
void	 admin_view_brands(struct admin_req *q);
void	 admin_view_account(struct admin_req *q);
void	 admin_post_account(struct admin_req *q);
void	 admin_view_grid(struct admin_req *q, const char *notice);
void	 admin_post_grid(struct admin_req *q);
void	 admin_view_audit(struct admin_req *q);
void	 admin_view_users(struct admin_req *q);
void	 admin_post_users(struct admin_req *q);
void	 admin_view_copy(struct admin_req *q);
void	 admin_post_copy(struct admin_req *q);
void	 admin_view_preview(struct admin_req *q);
void	 admin_view_po(struct admin_req *q);
void	 admin_post_po(struct admin_req *q);

/*
 * The copy page (admin_copy.c) for lang with status, an optional notice
 * and an optional error (about error_key, whose refused text was
 * error_text, to show in its field again).
 */
void	 admin_copy_page(struct admin_req *q, const char *lang, int status,
	    const char *notice, const char *error, const char *error_key,
	    const char *error_text);
/* The language in from ("lang") when valid, else the brand's default. */
const char *admin_copy_lang(struct admin_req *q, const struct query *from);
/*
 * The brand's text of key in lang and the shared default, copied to the
 * arena; NULL when there is none.  0, or -1 when the store fails.
 */
int	 admin_copy_texts(struct admin_req *q, const char *lang,
	    const char *key, const char **mine, const char **def);
/*
 * NULL when text may replace the default def: not empty, a valid
 * MessageFormat, no placeholder def does not have.  Else why not (in
 * why or a constant).
 */
const char *admin_copy_problem(const char *text, const char *def,
	    char *why, size_t whylen);
void	 admin_view_results(struct admin_req *q);
void	 admin_view_results_csv(struct admin_req *q);
/* "stage=…&lang=…&…" of the sample order in from, for the preview URL. */
char	*admin_preview_query(struct admin_req *q, const struct query *from,
	    const char *lang);

/* The pages the console loads, for admin_pages_load. */
extern const char *const admin_page_names[];
extern const size_t admin_page_count;

#endif
