/*
 * admin_users.c - a brand's people, for the brand's admins: who holds
 * which role, adding someone, changing a role, taking it away.
 *
 * A new address gets the password the admin types (at least
 * ADMIN_PASSWORD_MIN bytes, to pass on in person: ppx sends no mail) and
 * is marked as made in this brand (users.made_in).  An address that is a
 * user already only gets the role, and their password stays theirs; if
 * another brand's admin made it (and so knows the password), it gets no
 * role here until the operator has given it a new password (ppx user
 * add or ppx user password; the Password page does not count, as the
 * one who made the account may be the one logged in as it).  So an
 * admin of one brand can never take over an account of another.  A brand keeps at
 * least one admin.  Every change is one transaction, whose deciding
 * reads are inside it, with its audit row.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "admin_audit.h"
#include "admin_http.h"
#include "arena.h"
#include "instance.h"
#include "request.h"
#include "route.h"
#include "store.h"

#define USERS_PAGE_ROWS	500

static int
add_users(struct admin_req *q, xmlNodePtr parent)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(q->in->store, "SELECT u.email, r.role, "
	    "u.id FROM user_roles r JOIN users u ON u.id = r.user_id "
	    "WHERE r.brand = ?1 ORDER BY u.email LIMIT ?2")) == NULL ||
	    sqlite3_bind_text(s, 1, q->brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(s, 2, USERS_PAGE_ROWS) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		admin_el(parent, "user",
		    "email", (const char *)sqlite3_column_text(s, 0),
		    "role", (const char *)sqlite3_column_text(s, 1),
		    "self", sqlite3_column_int64(s, 2) == q->session.user_id ?
		    "1" : NULL, (char *)NULL);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void
users_page(struct admin_req *q, int status, const char *error)
{
	const char *done = query_get(&q->r->query, "done");
	xmlNodePtr root, users;
	xmlDocPtr doc;

	if ((doc = admin_doc(q, "users", &root)) == NULL) {
		admin_render(q, NULL, 500);
		return;
	}
	/* After a change (post/redirect/get): which one, from a fixed set. */
	if (done != NULL && strcmp(done, "add") != 0 &&
	    strcmp(done, "role") != 0 && strcmp(done, "remove") != 0 &&
	    strcmp(done, "same") != 0)
		done = NULL;
	users = admin_el(root, "users", "error", error,
	    "done", error == NULL ? done : NULL, (char *)NULL);
	if (add_users(q, users) != 0) {
		xmlFreeDoc(doc);
		admin_fail(q, 500, "cannot read the users");
		return;
	}
	admin_render(q, doc, status);
}

void
admin_view_users(struct admin_req *q)
{
	users_page(q, 200, NULL);
}

/* Audit and commit a change begun by the caller; 0, or -1 rolled back. */
static int
audited_commit(struct admin_req *q, const char *email, const char *old,
    const char *new_value)
{
	const char *what = arena_printf(q->in->arena, "user %s role", email);

	if (what == NULL || admin_audit_add(q->in->store, q->now, q->email,
	    q->brand, what, old, new_value) != 0 ||
	    store_commit(q->in->store) != 0) {
		store_rollback(q->in->store);
		return -1;
	}
	return 0;
}

/*
 * Add email with role: a new user (with the password given), or a role
 * for a user who has none here.  Everything that decides is read again
 * inside the transaction.
 */
static const char *
user_add(struct admin_req *q, const char *email, enum admin_role role,
    const char *password, char *why, size_t whylen)
{
	char hash[ADMIN_PASSWORD_HASH_MAX], made_in[ROUTE_MAX_NAME + 1];
	int have_pw = password != NULL && password[0] != '\0';
	enum admin_role had;
	int64_t id;
	int rc;

	/* Hashed before the transaction: it takes half a second. */
	if (have_pw && admin_password_hash(password, hash, why, whylen) != 0)
		return why;
	if (store_begin(q->in->store) != 0)
		return "the store is busy: try again";
	if ((rc = admin_user_find(q->in->store, email, &id)) != 0 &&
	    rc != STORE_NOTFOUND) {
		store_rollback(q->in->store);
		return "cannot read the users";
	}
	if (rc == STORE_NOTFOUND) {
		if (!have_pw) {
			store_rollback(q->in->store);
			snprintf(why, whylen, "a new user needs a password of "
			    "%d to %d characters, to pass on in person",
			    ADMIN_PASSWORD_MIN, ADMIN_PASSWORD_MAX);
			return why;
		}
		if (admin_user_add_hashed(q->in->store, email, hash, q->brand,
		    q->now, &id, why, whylen) != 0) {
			store_rollback(q->in->store);
			return why;
		}
	} else {
		if (admin_user_role(q->in->store, id, q->brand, &had) != 0 ||
		    admin_user_made_in(q->in->store, id, made_in,
		    sizeof(made_in)) != 0) {
			store_rollback(q->in->store);
			return "cannot read the users";
		}
		if (had != ADMIN_ROLE_NONE) {
			store_rollback(q->in->store);
			return "this address has a role here already: change "
			    "it in the list";
		}
		if (have_pw) {
			store_rollback(q->in->store);
			return "this address is a user already: they keep "
			    "their password, leave the field empty";
		}
		/*
		 * Made by another brand's admin, who knows the password:
		 * no role here until the password is the user's own.
		 */
		if (made_in[0] != '\0' && strcmp(made_in, q->brand) != 0) {
			store_rollback(q->in->store);
			return "another brand's admin made this account and "
			    "may know its password: ask your ppx operator "
			    "to add it (ppx user add gives it a new "
			    "password)";
		}
	}
	if (admin_user_grant(q->in->store, id, q->brand, role, why,
	    whylen) != 0) {
		store_rollback(q->in->store);
		return why;
	}
	if (audited_commit(q, email, "", admin_role_name(role)) != 0)
		return "the change could not be saved";
	return NULL;
}

/*
 * Change the role of email, or take it away (role ADMIN_ROLE_NONE).
 * OUT: *same when there was nothing to change.
 */
static const char *
user_change(struct admin_req *q, const char *email, enum admin_role role,
    int *same, char *why, size_t whylen)
{
	enum admin_role had;
	int64_t id;
	int admins, rc;

	*same = 0;
	if (store_begin(q->in->store) != 0)
		return "the store is busy: try again";
	/* Read inside the transaction: two admins demoting each other. */
	if ((rc = admin_user_find(q->in->store, email, &id)) == 0)
		rc = admin_user_role(q->in->store, id, q->brand, &had);
	if (rc != 0 && rc != STORE_NOTFOUND) {
		store_rollback(q->in->store);
		return "cannot read the users";
	}
	if (rc == STORE_NOTFOUND || had == ADMIN_ROLE_NONE) {
		store_rollback(q->in->store);
		return "no such user in this brand";
	}
	if (had == role) {
		store_rollback(q->in->store);
		*same = 1;
		return NULL;
	}
	if (had == ADMIN_ROLE_ADMIN &&
	    (admin_user_admins(q->in->store, q->brand, &admins) != 0 ||
	    admins <= 1)) {
		store_rollback(q->in->store);
		return "a brand keeps at least one admin: make someone else "
		    "admin first";
	}
	if ((role == ADMIN_ROLE_NONE ?
	    admin_user_revoke(q->in->store, id, q->brand, why, whylen) :
	    admin_user_grant(q->in->store, id, q->brand, role, why,
	    whylen)) != 0) {
		store_rollback(q->in->store);
		return why;
	}
	if (audited_commit(q, email, admin_role_name(had),
	    role == ADMIN_ROLE_NONE ? "" : admin_role_name(role)) != 0)
		return "the change could not be saved";
	return NULL;
}

/*
 * POST /admin/brands/{b}/users: action=add (email, role, password),
 * action=role (email, role) or action=remove (email).
 */
void
admin_post_users(struct admin_req *q)
{
	const char *action = query_get(&q->form, "action");
	const char *email = query_get(&q->form, "email");
	const char *role_s = query_get(&q->form, "role");
	const char *bad;
	char why[256], *back;
	int role = ADMIN_ROLE_NONE, same = 0;

	if (action == NULL || (strcmp(action, "add") != 0 &&
	    strcmp(action, "role") != 0 && strcmp(action, "remove") != 0)) {
		admin_fail(q, 400, "want action=add, role or remove");
		return;
	}
	if (email == NULL || !admin_email_valid(email)) {
		users_page(q, 400, "that is not an e-mail address");
		return;
	}
	if (strcmp(action, "remove") != 0 &&
	    (role = admin_role_parse(role_s)) == -1) {
		users_page(q, 400, "want a role: admin, marketer or viewer");
		return;
	}
	why[0] = '\0';
	if (strcmp(action, "add") == 0)
		bad = user_add(q, email, (enum admin_role)role,
		    query_get(&q->form, "password"), why, sizeof(why));
	else
		bad = user_change(q, email, (enum admin_role)role, &same, why,
		    sizeof(why));
	if (bad != NULL) {
		users_page(q, 400, bad);
		return;
	}
	back = arena_printf(q->in->arena, "/admin/brands/%s/users?done=%s",
	    q->brand, same ? "same" : action);
	admin_redirect(q, back != NULL ? back : "/admin/brands");
}
