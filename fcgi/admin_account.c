/*
 * admin_account.c - the logged-in user's own account: a new password.
 *
 * The current password is asked for (a stolen session alone cannot lock
 * the owner out) and checked as a login is, so wrong guesses here count
 * toward the same throttle.  After the change every session of the user
 * ends and this browser gets a new one (a stolen session id dies too).
 * users.made_in stays: whoever made the account may be the one logged
 * in as it (admin_users.c).
 */
#include <stdio.h>
#include <string.h>

#include "admin_http.h"
#include "conf.h"
#include "handler.h"
#include "instance.h"
#include "log.h"
#include "request.h"
#include "store.h"

static void
account_page(struct admin_req *q, int status, const char *error)
{
	const char *done = query_get(&q->r->query, "done");
	xmlNodePtr root;
	xmlDocPtr doc;
	char min[16];

	if ((doc = admin_doc(q, "account", &root)) == NULL) {
		admin_render(q, NULL, 500);
		return;
	}
	snprintf(min, sizeof(min), "%d", ADMIN_PASSWORD_MIN);
	admin_el(root, "account", "error", error, "min", min, "done",
	    error == NULL && done != NULL && strcmp(done, "1") == 0 ? "1" :
	    NULL, (char *)NULL);
	admin_render(q, doc, status);
}

void
admin_view_account(struct admin_req *q)
{
	account_page(q, 200, NULL);
}

void
admin_post_account(struct admin_req *q)
{
	const char *current = query_get(&q->form, "current");
	const char *next = query_get(&q->form, "password");
	const char *again = query_get(&q->form, "again");
	char hash[ADMIN_PASSWORD_HASH_MAX], why[256];
	char id[ADMIN_TOKEN_LEN + 1];
	const char *step;
	struct admin_session se;
	int64_t user;

	if (current == NULL || next == NULL || again == NULL) {
		account_page(q, 400, "fill in all three fields");
		return;
	}
	switch (admin_login_check(q->in->store, q->email, current, q->now,
	    &user)) {
	case ADMIN_LOGIN_OK:
		if (user == q->session.user_id)
			break;
		/* FALLTHROUGH */
	case ADMIN_LOGIN_BAD:
		account_page(q, 401, "that is not your current password");
		return;
	case ADMIN_LOGIN_THROTTLED:
		account_page(q, 429, "too many failed attempts: wait a few "
		    "minutes and try again");
		return;
	default:
		admin_fail(q, 500, "cannot check the password");
		return;
	}
	if (strcmp(next, again) != 0) {
		account_page(q, 400, "the new password and its repetition "
		    "differ");
		return;
	}
	if (strcmp(next, current) == 0) {
		account_page(q, 400, "the new password is the current one");
		return;
	}
	if (admin_password_hash(next, hash, why, sizeof(why)) != 0) {
		account_page(q, 400, why);
		return;
	}
	if (store_begin(q->in->store) != 0) {
		admin_fail(q, 503, "the store is busy: try again");
		return;
	}
	/* Every session ends; this browser goes on in a new one. */
	step = admin_user_set_password(q->in->store, user, hash, 0, why,
	    sizeof(why)) != 0 ? "the password" :
	    admin_session_end_others(q->in->store, user, NULL) != 0 ?
	    "ending the sessions" :
	    admin_session_new(q->in->store, user, q->now, id, &se) != 0 ?
	    "a new session" :
	    store_commit(q->in->store) != 0 ? "the commit" : NULL;
	if (step != NULL) {
		log_err("admin: user %lld: new password failed at %s: %s",
		    (long long)user, step, store_errmsg(q->in->store));
		store_rollback(q->in->store);
		admin_fail(q, 500, "the password could not be changed");
		return;
	}
	log_info("admin: user %lld changed their password", (long long)user);
	q->resp->set_cookie = admin_cookie_set(q->in->arena,
	    ADMIN_SESSION_COOKIE, id, q->in->conf->admin_secure_cookie);
	admin_redirect(q, "/admin/account?done=1");
}
