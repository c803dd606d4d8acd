/*
 * test_admin_auth.c - the console's security parts against a real store:
 * roles, tokens, CSRF comparison, sessions and their timeouts, cookies,
 * users, the login check and its throttle.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_audit.h"
#include "admin_role.h"
#include "admin_session.h"
#include "admin_token.h"
#include "admin_user.h"
#include "arena.h"
#include "store.h"

#define T0	1790000000	/* a fixed "now" */
#define PW	"correct horse battery"

struct fixture {
	char		 dir[64];
	char		 path[128];
	struct store	*st;
	struct arena	*a;
	int64_t		 anne;	/* marketer of runfast, viewer of walkfast */
};

static int
setup(void **state)
{
	struct store_brand b;
	struct fixture *f;
	char why[256];

	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/ppx-test-admin.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/ppx.db", f->dir);
	assert_int_equal(store_open(&f->st, f->path,
	    STORE_CREATE | STORE_MIGRATE, why, sizeof(why)), 0);
	f->a = arena_new(1 << 20);
	assert_non_null(f->a);
	memset(&b, 0, sizeof(b));
	strcpy(b.default_lang, "nl");
	strcpy(b.timezone, "Europe/Amsterdam");
	strcpy(b.name, "runfast");
	assert_int_equal(store_brand_add(f->st, &b, why, sizeof(why)), 0);
	strcpy(b.name, "walkfast");
	assert_int_equal(store_brand_add(f->st, &b, why, sizeof(why)), 0);
	assert_int_equal(admin_user_add(f->st, "anne@shop.example", PW, T0,
	    &f->anne, why, sizeof(why)), 0);
	assert_int_equal(admin_user_grant(f->st, f->anne, "runfast",
	    ADMIN_ROLE_MARKETER, why, sizeof(why)), 0);
	assert_int_equal(admin_user_grant(f->st, f->anne, "walkfast",
	    ADMIN_ROLE_VIEWER, why, sizeof(why)), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char p[192];

	store_close(f->st);
	arena_free(f->a);
	snprintf(p, sizeof(p), "%s/ppx.db", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/ppx.db-wal", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/ppx.db-shm", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* --- roles --------------------------------------------------------------- */

static void
roles_parse_and_name(void **state)
{
	(void)state;
	assert_int_equal(admin_role_parse("admin"), ADMIN_ROLE_ADMIN);
	assert_int_equal(admin_role_parse("marketer"), ADMIN_ROLE_MARKETER);
	assert_int_equal(admin_role_parse("viewer"), ADMIN_ROLE_VIEWER);
	assert_int_equal(admin_role_parse("Admin"), -1);
	assert_int_equal(admin_role_parse(""), -1);
	assert_int_equal(admin_role_parse(NULL), -1);
	assert_string_equal(admin_role_name(ADMIN_ROLE_MARKETER), "marketer");
	assert_null(admin_role_name(ADMIN_ROLE_NONE));
	assert_null(admin_role_name((enum admin_role)99));
}

static void
roles_allow(void **state)
{
	(void)state;
	assert_false(admin_role_allows(ADMIN_ROLE_NONE, ADMIN_ACT_READ));
	assert_true(admin_role_allows(ADMIN_ROLE_VIEWER, ADMIN_ACT_READ));
	assert_false(admin_role_allows(ADMIN_ROLE_VIEWER, ADMIN_ACT_EDIT));
	assert_false(admin_role_allows(ADMIN_ROLE_VIEWER, ADMIN_ACT_AUDIT));
	assert_true(admin_role_allows(ADMIN_ROLE_MARKETER, ADMIN_ACT_EDIT));
	assert_false(admin_role_allows(ADMIN_ROLE_MARKETER, ADMIN_ACT_AUDIT));
	assert_true(admin_role_allows(ADMIN_ROLE_ADMIN, ADMIN_ACT_EDIT));
	assert_true(admin_role_allows(ADMIN_ROLE_ADMIN, ADMIN_ACT_AUDIT));
	assert_false(admin_role_allows(ADMIN_ROLE_MARKETER, ADMIN_ACT_USERS));
	assert_true(admin_role_allows(ADMIN_ROLE_ADMIN, ADMIN_ACT_USERS));
	assert_false(admin_role_allows(ADMIN_ROLE_ADMIN,
	    (enum admin_action)ADMIN_ACT__MAX));
}

static void
roles_per_brand(void **state)
{
	struct fixture *f = *state;
	enum admin_role r;
	char why[256];

	assert_int_equal(admin_user_role(f->st, f->anne, "runfast", &r), 0);
	assert_int_equal(r, ADMIN_ROLE_MARKETER);
	assert_int_equal(admin_user_role(f->st, f->anne, "walkfast", &r), 0);
	assert_int_equal(r, ADMIN_ROLE_VIEWER);
	assert_int_equal(admin_user_role(f->st, f->anne, "nosuch", &r), 0);
	assert_int_equal(r, ADMIN_ROLE_NONE);
	assert_int_equal(admin_user_role(f->st, f->anne + 1, "runfast", &r), 0);
	assert_int_equal(r, ADMIN_ROLE_NONE);
	/* Granting again replaces; a missing brand is refused. */
	assert_int_equal(admin_user_grant(f->st, f->anne, "walkfast",
	    ADMIN_ROLE_ADMIN, why, sizeof(why)), 0);
	assert_int_equal(admin_user_role(f->st, f->anne, "walkfast", &r), 0);
	assert_int_equal(r, ADMIN_ROLE_ADMIN);
	assert_int_equal(admin_user_grant(f->st, f->anne, "nosuch",
	    ADMIN_ROLE_ADMIN, why, sizeof(why)), -1);
	assert_string_equal(why, "no such brand");
}

/* --- tokens and CSRF -------------------------------------------------------- */

static void
tokens_random_and_checked(void **state)
{
	char a[ADMIN_TOKEN_LEN + 1], b[ADMIN_TOKEN_LEN + 1];
	char h[ADMIN_TOKEN_HASH_LEN + 1];

	(void)state;
	assert_int_equal(admin_token_new(a), 0);
	assert_int_equal(admin_token_new(b), 0);
	assert_int_equal(strlen(a), ADMIN_TOKEN_LEN);
	assert_true(admin_token_valid(a));
	assert_string_not_equal(a, b);
	assert_true(admin_token_equal(a, a));
	assert_false(admin_token_equal(a, b));
	assert_false(admin_token_equal(a, NULL));
	assert_false(admin_token_equal(NULL, NULL));
	assert_false(admin_token_equal("", ""));
	/* A prefix or a longer string is not the token. */
	memcpy(b, a, sizeof(b));
	b[ADMIN_TOKEN_LEN - 1] = '\0';
	assert_false(admin_token_equal(a, b));
	assert_false(admin_token_valid("abc"));
	assert_false(admin_token_valid("x!yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"));
	assert_int_equal(admin_token_hash("abc", h), 0);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
}

/* --- sessions -------------------------------------------------------------- */

static void
session_roundtrip(void **state)
{
	struct fixture *f = *state;
	struct admin_session se, got;
	char id[ADMIN_TOKEN_LEN + 1];

	assert_int_equal(admin_session_new(f->st, f->anne, T0, id, &se), 0);
	assert_true(admin_token_valid(id));
	assert_true(admin_token_valid(se.csrf));
	assert_int_equal(admin_session_get(f->st, id, T0 + 5, &got), 0);
	assert_int_equal(got.user_id, f->anne);
	assert_true(admin_token_equal(se.csrf, got.csrf));
	/* The store keeps only the hash of the id. */
	assert_int_equal(admin_session_get(f->st, se.csrf, T0 + 5, &got),
	    STORE_NOTFOUND);
	assert_int_equal(admin_session_get(f->st, "nonsense", T0, &got),
	    STORE_NOTFOUND);
	assert_int_equal(admin_session_end(f->st, id), 0);
	assert_int_equal(admin_session_get(f->st, id, T0 + 6, &got),
	    STORE_NOTFOUND);
}

/* A new password: every other session of the user ends (NULL: all). */
static void
session_end_others(void **state)
{
	struct fixture *f = *state;
	struct admin_session se, got;
	char a[ADMIN_TOKEN_LEN + 1], b[ADMIN_TOKEN_LEN + 1];
	char c[ADMIN_TOKEN_LEN + 1], why[256];
	int64_t bob;

	assert_int_equal(admin_user_add(f->st, "bob@shop.example", PW, T0,
	    &bob, why, sizeof(why)), 0);
	assert_int_equal(admin_session_new(f->st, f->anne, T0, a, &se), 0);
	assert_int_equal(admin_session_new(f->st, f->anne, T0, b, &se), 0);
	assert_int_equal(admin_session_new(f->st, bob, T0, c, &se), 0);
	assert_int_equal(admin_session_end_others(f->st, f->anne, a), 0);
	assert_int_equal(admin_session_get(f->st, a, T0 + 1, &got), 0);
	assert_int_equal(admin_session_get(f->st, b, T0 + 1, &got),
	    STORE_NOTFOUND);
	assert_int_equal(admin_session_get(f->st, c, T0 + 1, &got), 0);
	assert_int_equal(admin_session_end_others(f->st, f->anne, NULL), 0);
	assert_int_equal(admin_session_get(f->st, a, T0 + 1, &got),
	    STORE_NOTFOUND);
	assert_int_equal(admin_session_get(f->st, c, T0 + 1, &got), 0);
	assert_int_equal(admin_session_end_others(f->st, f->anne, "bad"), -1);
}

/* made_in: set by a console admin's add, cleared by a new password. */
static void
users_made_in(void **state)
{
	struct fixture *f = *state;
	char hash[ADMIN_PASSWORD_HASH_MAX], made[80], why[256];
	enum admin_login rc;
	int64_t id, got;

	assert_int_equal(admin_user_made_in(f->st, f->anne, made,
	    sizeof(made)), 0);
	assert_string_equal(made, "");
	assert_int_equal(admin_password_hash("short", hash, why, sizeof(why)),
	    -1);
	assert_int_equal(admin_password_hash(PW, hash, why, sizeof(why)), 0);
	assert_int_equal(admin_user_add_hashed(f->st, "sam@shop.example", hash,
	    "runfast", T0, &id, why, sizeof(why)), 0);
	assert_int_equal(admin_user_add_hashed(f->st, "SAM@shop.example", hash,
	    "runfast", T0, &id, why, sizeof(why)), -1);
	assert_int_equal(admin_user_made_in(f->st, id, made, sizeof(made)), 0);
	assert_string_equal(made, "runfast");
	rc = admin_login_check(f->st, "sam@shop.example", PW, T0, &got);
	assert_int_equal(rc, ADMIN_LOGIN_OK);
	assert_int_equal(admin_password_hash("a new long password", hash, why,
	    sizeof(why)), 0);
	/* The user's own change keeps made_in; the operator's clears it. */
	assert_int_equal(admin_user_set_password(f->st, id, hash, 0, why,
	    sizeof(why)), 0);
	assert_int_equal(admin_user_made_in(f->st, id, made, sizeof(made)), 0);
	assert_string_equal(made, "runfast");
	assert_int_equal(admin_user_set_password(f->st, id, hash, 1, why,
	    sizeof(why)), 0);
	assert_int_equal(admin_user_made_in(f->st, id, made, sizeof(made)), 0);
	assert_string_equal(made, "");
	assert_int_equal(admin_login_check(f->st, "sam@shop.example", PW,
	    T0 + 1, &got), ADMIN_LOGIN_BAD);
	assert_int_equal(admin_login_check(f->st, "sam@shop.example",
	    "a new long password", T0 + 2, &got), ADMIN_LOGIN_OK);
	assert_int_equal(admin_user_set_password(f->st, 999999, hash, 1, why,
	    sizeof(why)), -1);
}

/* The last admin: counted, and a role taken away is gone. */
static void
users_revoke_and_count(void **state)
{
	struct fixture *f = *state;
	enum admin_role role;
	char why[256];
	int n;

	assert_int_equal(admin_user_admins(f->st, "runfast", &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(admin_user_grant(f->st, f->anne, "runfast",
	    ADMIN_ROLE_ADMIN, why, sizeof(why)), 0);
	assert_int_equal(admin_user_admins(f->st, "runfast", &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(admin_user_revoke(f->st, f->anne, "runfast", why,
	    sizeof(why)), 0);
	assert_int_equal(admin_user_role(f->st, f->anne, "runfast", &role), 0);
	assert_int_equal(role, ADMIN_ROLE_NONE);
	assert_int_equal(admin_user_role(f->st, f->anne, "walkfast", &role), 0);
	assert_int_equal(role, ADMIN_ROLE_VIEWER);
	assert_int_equal(admin_user_admins(f->st, "runfast", &n), 0);
	assert_int_equal(n, 0);
}

static void
session_idle_timeout(void **state)
{
	struct fixture *f = *state;
	struct admin_session se, got;
	char id[ADMIN_TOKEN_LEN + 1];
	int64_t t;

	assert_int_equal(admin_session_new(f->st, f->anne, T0, id, &se), 0);
	/* Kept alive by requests just inside the idle limit... */
	for (t = T0; t < T0 + 3 * ADMIN_SESSION_IDLE;
	    t += ADMIN_SESSION_IDLE - 1)
		assert_int_equal(admin_session_get(f->st, id, t, &got), 0);
	/* ...and gone after a longer silence, for good. */
	t += ADMIN_SESSION_IDLE;
	assert_int_equal(admin_session_get(f->st, id, t, &got),
	    STORE_NOTFOUND);
	assert_int_equal(admin_session_get(f->st, id, T0 + 1, &got),
	    STORE_NOTFOUND);
}

static void
session_absolute_timeout(void **state)
{
	struct fixture *f = *state;
	struct admin_session se, got;
	char id[ADMIN_TOKEN_LEN + 1];
	int64_t t;

	assert_int_equal(admin_session_new(f->st, f->anne, T0, id, &se), 0);
	for (t = T0; t < T0 + ADMIN_SESSION_ABSOLUTE; t += 600)
		assert_int_equal(admin_session_get(f->st, id, t, &got), 0);
	assert_int_equal(admin_session_get(f->st, id,
	    T0 + ADMIN_SESSION_ABSOLUTE, &got), STORE_NOTFOUND);
	/* The clock going back before the login is not a live session. */
	assert_int_equal(admin_session_new(f->st, f->anne, T0, id, &se), 0);
	assert_int_equal(admin_session_get(f->st, id, T0 - 10, &got),
	    STORE_NOTFOUND);
}

static void
session_sweep(void **state)
{
	struct fixture *f = *state;
	struct admin_session se, got;
	char old[ADMIN_TOKEN_LEN + 1], young[ADMIN_TOKEN_LEN + 1];

	assert_int_equal(admin_session_new(f->st, f->anne, T0, old, &se), 0);
	assert_int_equal(admin_session_new(f->st, f->anne,
	    T0 + ADMIN_SESSION_IDLE, young, &se), 0);
	assert_int_equal(admin_session_sweep(f->st, T0 + ADMIN_SESSION_IDLE
	    + 10), 0);
	assert_int_equal(admin_session_get(f->st, young,
	    T0 + ADMIN_SESSION_IDLE + 10, &got), 0);
	assert_int_equal(admin_session_get(f->st, old, T0 + 10, &got),
	    STORE_NOTFOUND);
}

static void
cookies(void **state)
{
	struct fixture *f = *state;
	char v[64];
	char *c;

	assert_true(admin_cookie_get("a=1; ppx_session=XYZ; b=2",
	    "ppx_session", v, sizeof(v)));
	assert_string_equal(v, "XYZ");
	assert_true(admin_cookie_get("ppx_session=last", "ppx_session", v,
	    sizeof(v)));
	assert_string_equal(v, "last");
	assert_false(admin_cookie_get("xppx_session=1", "ppx_session", v,
	    sizeof(v)));
	assert_false(admin_cookie_get("ppx_sessionx=1", "ppx_session", v,
	    sizeof(v)));
	assert_false(admin_cookie_get(NULL, "ppx_session", v, sizeof(v)));
	assert_false(admin_cookie_get("ppx_session=toolong", "ppx_session",
	    v, 4));
	c = admin_cookie_set(f->a, "ppx_session", "ID", 1);
	assert_string_equal(c, "ppx_session=ID; Path=/admin; HttpOnly; "
	    "SameSite=Strict; Secure");
	c = admin_cookie_set(f->a, "ppx_session", NULL, 0);
	assert_string_equal(c, "ppx_session=; Path=/admin; HttpOnly; "
	    "SameSite=Strict; Max-Age=0");
}

/* --- users and login --------------------------------------------------------- */

static void
users_validation(void **state)
{
	struct fixture *f = *state;
	char why[256];
	int64_t id;

	assert_true(admin_email_valid("a@b.c"));
	assert_false(admin_email_valid("ab.c"));
	assert_false(admin_email_valid("@b.c"));
	assert_false(admin_email_valid("a@"));
	assert_false(admin_email_valid("a@b@c"));
	assert_false(admin_email_valid("a b@c"));
	assert_false(admin_password_valid("short"));
	assert_false(admin_password_valid("twelve chars\twith tab"));
	assert_true(admin_password_valid("twelve chars"));
	assert_int_equal(admin_user_add(f->st, "bob@shop.example", "short",
	    T0, &id, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "password"));
	/* Addresses are unique whatever their case. */
	assert_int_equal(admin_user_add(f->st, "ANNE@shop.example", PW, T0,
	    &id, why, sizeof(why)), -1);
	assert_string_equal(why, "that user exists already");
	assert_int_equal(admin_user_find(f->st, "Anne@Shop.Example", &id), 0);
	assert_int_equal(id, f->anne);
	assert_int_equal(admin_user_find(f->st, "bob@shop.example", &id),
	    STORE_NOTFOUND);
}

static void
login_checks_password(void **state)
{
	struct fixture *f = *state;
	int64_t id = 0;

	assert_int_equal(admin_login_check(f->st, "anne@shop.example", PW, T0,
	    &id), ADMIN_LOGIN_OK);
	assert_int_equal(id, f->anne);
	assert_int_equal(admin_login_check(f->st, "anne@shop.example",
	    PW "x", T0, &id), ADMIN_LOGIN_BAD);
	assert_int_equal(admin_login_check(f->st, "nobody@shop.example", PW,
	    T0, &id), ADMIN_LOGIN_BAD);
	assert_int_equal(admin_login_check(f->st, "not an address", PW, T0,
	    &id), ADMIN_LOGIN_BAD);
}

static void
login_throttled(void **state)
{
	struct fixture *f = *state;
	int64_t id, t = T0;
	int i;

	for (i = 0; i < ADMIN_THROTTLE_FAILURES; i++)
		assert_int_equal(admin_login_check(f->st, "anne@shop.example",
		    "wrong password!", t++, &id), ADMIN_LOGIN_BAD);
	/* Closed: even the right password is not checked now. */
	assert_int_equal(admin_login_check(f->st, "Anne@shop.example", PW,
	    t, &id), ADMIN_LOGIN_THROTTLED);
	/* Another address is not affected. */
	assert_int_equal(admin_login_check(f->st, "bob@shop.example",
	    "wrong password!", t, &id), ADMIN_LOGIN_BAD);
	/* Open again after the pause; a success clears the count. */
	t += ADMIN_THROTTLE_SECS;
	assert_int_equal(admin_login_check(f->st, "anne@shop.example", PW,
	    t, &id), ADMIN_LOGIN_OK);
	assert_int_equal(admin_login_check(f->st, "anne@shop.example",
	    "wrong password!", t, &id), ADMIN_LOGIN_BAD);
	assert_int_equal(admin_login_check(f->st, "anne@shop.example", PW,
	    t, &id), ADMIN_LOGIN_OK);
}

static void
audit_appends(void **state)
{
	struct fixture *f = *state;
	char big[ADMIN_AUDIT_MAX_TEXT + 100];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(admin_audit_add(f->st, T0, "anne@shop.example",
	    "runfast", "touchpoint shipped/voorpret", "on", "off"), 0);
	assert_int_equal(admin_audit_add(f->st, T0, "anne@shop.example",
	    "runfast", "copy nl voorpret.title", big, NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_parse_and_name),
		cmocka_unit_test(roles_allow),
		cmocka_unit_test_setup_teardown(roles_per_brand, setup,
		    teardown),
		cmocka_unit_test(tokens_random_and_checked),
		cmocka_unit_test_setup_teardown(session_roundtrip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(session_end_others, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(session_idle_timeout, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(session_absolute_timeout,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(session_sweep, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(cookies, setup, teardown),
		cmocka_unit_test_setup_teardown(users_validation, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(users_made_in, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(users_revoke_and_count, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(login_checks_password, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(login_throttled, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(audit_appends, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
