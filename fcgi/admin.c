/*
 * admin.c - the console's front door: static files, login and logout,
 * the session and CSRF gate, then the views (admin_grid.c,
 * admin_views.c).
 *
 * Every POST carries a CSRF token in the field "csrf": the session's
 * token, or for the login form the token of the ppx_login cookie set
 * with the form (so a login cannot be forged either).  Every change
 * answers 303 to the page it came from (post/redirect/get).
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "admin_http.h"
#include "arena.h"
#include "conf.h"
#include "handler.h"
#include "instance.h"
#include "log.h"
#include "request.h"

struct admin_pages *admin_loaded;

void
admin_unload(void)
{
	admin_pages_free(admin_loaded);
	admin_loaded = NULL;
}

/*
 * A multipart/form-data POST (a file upload): its text fields into
 * q->form, checked as a query's are, its one file into q->file.
 */
static int
multipart_form(struct admin_req *q, const char *body, size_t len,
    char *why, size_t whylen)
{
	struct multipart *m;
	struct multipart_part *p;
	size_t i;

	if ((m = arena_alloc(q->in->arena, sizeof(*m))) == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if (multipart_parse(m, q->in->arena, q->r->content_type, body, len,
	    why, whylen) != 0)
		return -1;
	memset(&q->form, 0, sizeof(q->form));
	for (i = 0; i < m->n; i++) {
		p = &m->p[i];
		if (p->filename != NULL) {
			if (q->file != NULL) {
				snprintf(why, whylen, "one file at a time");
				return -1;
			}
			q->file = p;
			continue;
		}
		if (q->form.n == QUERY_MAX_PARAMS) {
			snprintf(why, whylen, "too many fields");
			return -1;
		}
		if (query_text_check(p->data, p->len) != QUERY_TEXT_OK) {
			snprintf(why, whylen, "control character or invalid "
			    "UTF-8 in '%s'", p->name);
			return -1;
		}
		q->form.p[q->form.n].name = p->name;
		q->form.p[q->form.n].value = p->data;
		q->form.n++;
	}
	return 0;
}

/* A POST's body: a urlencoded form, or multipart with a file. */
static int
read_form(struct admin_req *q, char *why, size_t whylen)
{
	size_t want = q->r->content_length, got = 0;
	ssize_t n;
	char *p;

	if (q->r->body_type == BODY_NONE)
		return query_parse(&q->form, q->in->arena, "", why, whylen);
	if (q->r->body_type != BODY_FORM &&
	    q->r->body_type != BODY_MULTIPART) {
		snprintf(why, whylen, "want a form "
		    "(application/x-www-form-urlencoded or "
		    "multipart/form-data)");
		return -1;
	}
	if ((p = arena_alloc(q->in->arena, want + 1)) == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	while (got < want) {
		n = q->io->read(q->io->arg, p + got, want - got);
		if (n <= 0) {
			snprintf(why, whylen, "could not read the form");
			return -1;
		}
		got += (size_t)n;
	}
	p[got] = '\0';
	if (q->r->body_type == BODY_MULTIPART)
		return multipart_form(q, p, got, why, whylen);
	return query_parse(&q->form, q->in->arena, p, why, whylen);
}

static void
serve_css(struct admin_req *q)
{
	q->resp->status = 200;
	q->resp->content_type = "text/css; charset=utf-8";
	q->resp->body = admin_pages_css(admin_loaded, &q->resp->len);
	q->resp->csp = ADMIN_CSP;
}

static void
login_page(struct admin_req *q, int status, const char *error,
    const char *email)
{
	char token[ADMIN_TOKEN_LEN + 1];
	xmlNodePtr root;
	xmlDocPtr doc;

	if (admin_token_new(token) == -1) {
		admin_fail(q, 500, "no randomness");
		return;
	}
	q->resp->set_cookie = admin_cookie_set(q->in->arena,
	    ADMIN_LOGIN_COOKIE, token, q->in->conf->admin_secure_cookie);
	doc = admin_doc(q, "login", &root);
	if (doc != NULL)
		admin_el(root, "login", "token", token, "error", error,
		    "email", email, (char *)NULL);
	admin_render(q, doc, status);
}

static void
login_post(struct admin_req *q)
{
	char want[ADMIN_TOKEN_LEN + 1], id[ADMIN_TOKEN_LEN + 1];
	const char *email, *password;
	struct admin_session se;
	int64_t user;

	if (!admin_cookie_get(q->io->get(q->io->arg, "HTTP_COOKIE"),
	    ADMIN_LOGIN_COOKIE, want, sizeof(want)) ||
	    !admin_token_equal(want, query_get(&q->form, "csrf"))) {
		admin_fail(q, 403, "the login form has expired: "
		    "load it again");
		return;
	}
	email = query_get(&q->form, "email");
	password = query_get(&q->form, "password");
	if (email == NULL || password == NULL) {
		login_page(q, 400, "Enter your e-mail address and password.",
		    email);
		return;
	}
	switch (admin_login_check(q->in->store, email, password, q->now,
	    &user)) {
	case ADMIN_LOGIN_OK:
		break;
	case ADMIN_LOGIN_BAD:
		login_page(q, 401, "That e-mail address and password do not "
		    "match.", email);
		return;
	case ADMIN_LOGIN_THROTTLED:
		login_page(q, 429, "Too many failed attempts: wait a few "
		    "minutes and try again.", email);
		return;
	default:
		admin_fail(q, 500, "cannot check the login");
		return;
	}
	admin_session_sweep(q->in->store, q->now);
	if (admin_session_new(q->in->store, user, q->now, id, &se) != 0) {
		admin_fail(q, 500, "cannot start a session");
		return;
	}
	log_info("admin: login of user %lld", (long long)user);
	q->resp->set_cookie = admin_cookie_set(q->in->arena,
	    ADMIN_SESSION_COOKIE, id, q->in->conf->admin_secure_cookie);
	admin_redirect(q, "/admin/brands");
}

/* The session of the request's cookie, if it is live. */
static int
find_session(struct admin_req *q)
{
	char id[ADMIN_TOKEN_LEN + 1];
	int rc;

	if (!admin_cookie_get(q->io->get(q->io->arg, "HTTP_COOKIE"),
	    ADMIN_SESSION_COOKIE, id, sizeof(id)))
		return STORE_NOTFOUND;
	if ((rc = admin_session_get(q->in->store, id, q->now, &q->session))
	    != 0)
		return rc;
	if ((rc = admin_user_email(q->in->store, q->session.user_id,
	    q->email)) != 0)
		return rc;
	q->logged_in = 1;
	return 0;
}

static void
logout(struct admin_req *q)
{
	char id[ADMIN_TOKEN_LEN + 1];

	if (admin_cookie_get(q->io->get(q->io->arg, "HTTP_COOKIE"),
	    ADMIN_SESSION_COOKIE, id, sizeof(id)))
		admin_session_end(q->in->store, id);
	q->resp->set_cookie = admin_cookie_set(q->in->arena,
	    ADMIN_SESSION_COOKIE, NULL, q->in->conf->admin_secure_cookie);
	admin_redirect(q, "/admin/login");
}

/* "/brands/{brand}[/rest]": the brand into q, the rest into *rest. */
static int
take_brand(struct admin_req *q, const char **rest)
{
	const char *p = q->sub + strlen("/brands/"), *slash;
	size_t len;

	slash = strchr(p, '/');
	len = slash != NULL ? (size_t)(slash - p) : strlen(p);
	if (len == 0 || len > ROUTE_MAX_NAME)
		return -1;
	memcpy(q->brand, p, len);
	q->brand[len] = '\0';
	if (!name_valid(q->brand))
		return -1;
	*rest = slash != NULL ? slash : "";
	return 0;
}

/* The brand pages: the user's role decides; no role is "no such brand". */
static void
brand_route(struct admin_req *q)
{
	const char *rest;
	int post = q->r->method == METHOD_POST;

	if (take_brand(q, &rest) != 0 ||
	    admin_user_role(q->in->store, q->session.user_id, q->brand,
	    &q->role) != 0 || q->role == ADMIN_ROLE_NONE) {
		q->brand[0] = '\0';
		admin_fail(q, 404, "no such brand");
		return;
	}
	if (strcmp(rest, "") == 0 && !post) {
		admin_view_grid(q, NULL);
	} else if (strcmp(rest, "/touchpoints") == 0 && post) {
		if (!admin_role_allows(q->role, ADMIN_ACT_EDIT))
			admin_fail(q, 403, "your role in this brand may "
			    "not change it");
		else
			admin_post_grid(q);
	} else if (strcmp(rest, "/copy") == 0) {
		if (!post)
			admin_view_copy(q);
		else if (!admin_role_allows(q->role, ADMIN_ACT_EDIT))
			admin_fail(q, 403, "your role in this brand may "
			    "not change it");
		else
			admin_post_copy(q);
	} else if (strcmp(rest, "/results") == 0 && !post) {
		admin_view_results(q);
	} else if (strcmp(rest, "/results.csv") == 0 && !post) {
		admin_view_results_csv(q);
	} else if (strcmp(rest, "/copy.po") == 0) {
		if (!post)
			admin_view_po(q);
		else if (!admin_role_allows(q->role, ADMIN_ACT_EDIT))
			admin_fail(q, 403, "your role in this brand may "
			    "not change it");
		else
			admin_post_po(q);
	} else if (strcmp(rest, "/preview") == 0 && !post) {
		admin_view_preview(q);
	} else if (strcmp(rest, "/users") == 0) {
		if (!admin_role_allows(q->role, ADMIN_ACT_USERS))
			admin_fail(q, 403, "only a brand's admins manage its "
			    "users");
		else if (post)
			admin_post_users(q);
		else
			admin_view_users(q);
	} else if (strcmp(rest, "/audit") == 0 && !post) {
		if (!admin_role_allows(q->role, ADMIN_ACT_AUDIT))
			admin_fail(q, 403, "only a brand's admins read its "
			    "audit log");
		else
			admin_view_audit(q);
	} else {
		admin_fail(q, 404, "no such page");
	}
}

static void
serve(struct admin_req *q)
{
	const char *sub = q->sub;
	int post = q->r->method == METHOD_POST, rc;
	char why[256];

	if (q->r->method == METHOD_OTHER) {
		admin_fail(q, 405, "use GET or POST");
		q->resp->allow = "GET, HEAD, POST";
		return;
	}
	if (strcmp(sub, "/static/admin.css") == 0 && !post) {
		serve_css(q);
		return;
	}
	if (post && read_form(q, why, sizeof(why)) != 0) {
		admin_fail(q, 400, why);
		return;
	}
	if (strcmp(sub, "/login") == 0) {
		if (post)
			login_post(q);
		else
			login_page(q, 200, NULL, NULL);
		return;
	}
	if ((rc = find_session(q)) == -1) {
		admin_fail(q, 500, "cannot read the session");
		return;
	}
	if (rc != 0) {
		if (post)
			admin_fail(q, 403, "not logged in");
		else
			admin_redirect(q, "/admin/login");
		return;
	}
	if (post && !admin_token_equal(q->session.csrf,
	    query_get(&q->form, "csrf"))) {
		admin_fail(q, 403, "missing or wrong CSRF token: "
		    "reload the page and try again");
		return;
	}
	if (strcmp(sub, "/logout") == 0 && post)
		logout(q);
	else if ((strcmp(sub, "") == 0 || strcmp(sub, "/") == 0) && !post)
		admin_redirect(q, "/admin/brands");
	else if (strcmp(sub, "/brands") == 0 && !post)
		admin_view_brands(q);
	else if (strcmp(sub, "/account") == 0 && post)
		admin_post_account(q);
	else if (strcmp(sub, "/account") == 0)
		admin_view_account(q);
	else if (strncmp(sub, "/brands/", 8) == 0)
		brand_route(q);
	else
		admin_fail(q, 404, "no such page");
}

void
admin_serve(struct instance *in, const struct handler_io *io,
    const struct request *r, int64_t now, struct response *resp)
{
	struct admin_req q;
	char why[512];

	memset(resp, 0, sizeof(*resp));
	if (admin_loaded == NULL && admin_pages_load(&admin_loaded,
	    in->conf->template_dir, why, sizeof(why)) != 0) {
		log_err("admin: %s", why);
		resp->status = 500;
		resp->content_type = "text/plain; charset=utf-8";
		resp->body = "500 Internal Server Error: the console's "
		    "templates did not load (see the log)\n";
		resp->len = strlen(resp->body);
		return;
	}
	memset(&q, 0, sizeof(q));
	q.in = in;
	q.io = io;
	q.r = r;
	q.now = now;
	q.resp = resp;
	q.sub = r->path + strlen("/admin");
	serve(&q);
}
