/*
 * admin_user.c - console users, roles and the login check.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "admin_token.h"
#include "admin_user.h"
#include "log.h"
#include "query.h"
#include "store.h"

static void
why_db(struct store *st, char *why, size_t whylen, const char *what)
{
	if (why != NULL && whylen > 0)
		snprintf(why, whylen, "%s: %s", what, store_errmsg(st));
}

int
admin_email_valid(const char *s)
{
	const char *at;
	size_t len, i;

	if (s == NULL)
		return 0;
	len = strnlen(s, ADMIN_EMAIL_MAX + 1);
	if (len < 3 || len > ADMIN_EMAIL_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f)
			return 0;
	at = strchr(s, '@');
	return at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL;
}

int
admin_password_valid(const char *pw)
{
	size_t len;

	if (pw == NULL)
		return 0;
	len = strnlen(pw, ADMIN_PASSWORD_MAX + 1);
	return len >= ADMIN_PASSWORD_MIN && len <= ADMIN_PASSWORD_MAX &&
	    query_text_check(pw, len) == QUERY_TEXT_OK;
}

int
admin_user_find(struct store *st, const char *email, int64_t *id)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, "SELECT id FROM users WHERE email = ?1"))
	    == NULL)
		return -1;
	if (sqlite3_bind_text(s, 1, email, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_NOTFOUND : -1;
}

int
admin_user_add(struct store *st, const char *email, const char *password,
    int64_t now, int64_t *id, char *why, size_t whylen)
{
	char hash[ADMIN_PASSWORD_HASH_MAX];
	int64_t old;
	int rc;

	/* Refused cheaply before the (slow) hash; checked again after. */
	if (!admin_email_valid(email)) {
		snprintf(why, whylen, "not an e-mail address");
		return -1;
	}
	if ((rc = admin_user_find(st, email, &old)) != STORE_NOTFOUND) {
		if (rc == 0)
			snprintf(why, whylen, "that user exists already");
		else
			why_db(st, why, whylen, "cannot look up the user");
		return -1;
	}
	if (admin_password_hash(password, hash, why, whylen) != 0)
		return -1;
	return admin_user_add_hashed(st, email, hash, NULL, now, id, why,
	    whylen);
}

_Static_assert(crypto_pwhash_STRBYTES <= ADMIN_PASSWORD_HASH_MAX,
    "ADMIN_PASSWORD_HASH_MAX too small for libsodium's hash string");

int
admin_password_hash(const char *password,
    char hash[ADMIN_PASSWORD_HASH_MAX], char *why, size_t whylen)
{
	if (!admin_password_valid(password)) {
		snprintf(why, whylen, "a password needs %d to %d characters, "
		    "no control characters", ADMIN_PASSWORD_MIN,
		    ADMIN_PASSWORD_MAX);
		return -1;
	}
	if (admin_token_init() == -1 ||
	    crypto_pwhash_str(hash, password, strlen(password),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		snprintf(why, whylen, "cannot hash the password (out of memory)");
		return -1;
	}
	return 0;
}

int
admin_user_add_hashed(struct store *st, const char *email,
    const char *hash, const char *made_in, int64_t now, int64_t *id,
    char *why, size_t whylen)
{
	sqlite3_stmt *s;
	int64_t old;
	int rc;

	if (!admin_email_valid(email)) {
		snprintf(why, whylen, "not an e-mail address");
		return -1;
	}
	if ((rc = admin_user_find(st, email, &old)) != STORE_NOTFOUND) {
		if (rc == 0)
			snprintf(why, whylen, "that user exists already");
		else
			why_db(st, why, whylen, "cannot look up the user");
		return -1;
	}
	if ((s = store_prepare(st, "INSERT INTO users (email, pwhash, "
	    "created, made_in) VALUES (?1, ?2, ?3, ?4)")) == NULL ||
	    sqlite3_bind_text(s, 1, email, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 3, now) != SQLITE_OK ||
	    (made_in != NULL ? sqlite3_bind_text(s, 4, made_in, -1,
	    SQLITE_STATIC) : sqlite3_bind_null(s, 4)) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE) {
		why_db(st, why, whylen, "cannot add the user");
		if (s != NULL)
			sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	*id = sqlite3_last_insert_rowid(store_db(st));
	return 0;
}

int
admin_user_grant(struct store *st, int64_t id, const char *brand,
    enum admin_role role, char *why, size_t whylen)
{
	sqlite3_stmt *s;
	const char *name;

	if ((name = admin_role_name(role)) == NULL) {
		snprintf(why, whylen, "no such role");
		return -1;
	}
	if ((s = store_prepare(st, "INSERT INTO user_roles (user_id, brand, "
	    "role) VALUES (?1, ?2, ?3) ON CONFLICT (user_id, brand) DO UPDATE "
	    "SET role = excluded.role")) == NULL ||
	    sqlite3_bind_int64(s, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE) {
		if (s != NULL && sqlite3_extended_errcode(store_db(st)) ==
		    SQLITE_CONSTRAINT_FOREIGNKEY)
			snprintf(why, whylen, "no such brand");
		else
			why_db(st, why, whylen, "cannot grant the role");
		if (s != NULL)
			sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

/*
 * Run sql, a write with ?1 = id and ?2 = text.  0, or -1 with why
 * ("what: the store's reason").
 */
static int
write_id_text(struct store *st, const char *sql, int64_t id,
    const char *text, const char *what, char *why, size_t whylen)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, sql)) == NULL ||
	    sqlite3_bind_int64(s, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE) {
		why_db(st, why, whylen, what);
		if (s != NULL)
			sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

int
admin_user_set_password(struct store *st, int64_t id, const char *hash,
    int clear_made_in, char *why, size_t whylen)
{
	if (write_id_text(st, clear_made_in ? "UPDATE users SET pwhash = ?2, "
	    "made_in = NULL WHERE id = ?1" : "UPDATE users SET pwhash = ?2 "
	    "WHERE id = ?1", id, hash, "cannot change the password", why,
	    whylen) != 0)
		return -1;
	if (sqlite3_changes(store_db(st)) != 1) {
		snprintf(why, whylen, "no such user");
		return -1;
	}
	return 0;
}

int
admin_user_made_in(struct store *st, int64_t id, char *made_in, size_t len)
{
	sqlite3_stmt *s;
	const char *v;
	int rc;

	made_in[0] = '\0';
	if ((s = store_prepare(st, "SELECT made_in FROM users WHERE id = ?1"))
	    == NULL || sqlite3_bind_int64(s, 1, id) != SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    (v = (const char *)sqlite3_column_text(s, 0)) != NULL)
		snprintf(made_in, len, "%s", v);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
admin_user_revoke(struct store *st, int64_t id, const char *brand,
    char *why, size_t whylen)
{
	return write_id_text(st, "DELETE FROM user_roles WHERE user_id = ?1 "
	    "AND brand = ?2", id, brand, "cannot take the role away", why,
	    whylen);
}

int
admin_user_admins(struct store *st, const char *brand, int *n)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, "SELECT count(*) FROM user_roles WHERE "
	    "brand = ?1 AND role = 'admin'")) == NULL ||
	    sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
admin_user_role(struct store *st, int64_t id, const char *brand,
    enum admin_role *role)
{
	sqlite3_stmt *s;
	int rc, r;

	*role = ADMIN_ROLE_NONE;
	if ((s = store_prepare(st, "SELECT role FROM user_roles WHERE "
	    "user_id = ?1 AND brand = ?2")) == NULL ||
	    sqlite3_bind_int64(s, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, brand, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && (r = admin_role_parse((const char *)
	    sqlite3_column_text(s, 0))) > 0)
		*role = (enum admin_role)r;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
admin_user_email(struct store *st, int64_t id, char email[ADMIN_EMAIL_MAX + 1])
{
	sqlite3_stmt *s;
	const unsigned char *v;
	int rc;

	if ((s = store_prepare(st, "SELECT email FROM users WHERE id = ?1"))
	    == NULL || sqlite3_bind_int64(s, 1, id) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && (v = sqlite3_column_text(s, 0)) != NULL)
		snprintf(email, ADMIN_EMAIL_MAX + 1, "%s", (const char *)v);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : -1;
}

/* The throttle's key: the hex SHA-256 of the lower-cased address. */
static int
throttle_key(const char *email, char out[ADMIN_TOKEN_HASH_LEN + 1])
{
	char low[ADMIN_EMAIL_MAX + 1];
	size_t i;

	for (i = 0; i < ADMIN_EMAIL_MAX && email[i] != '\0'; i++)
		low[i] = (char)tolower((unsigned char)email[i]);
	low[i] = '\0';
	return admin_token_hash(low, out);
}

static int
throttled(struct store *st, const char *key, int64_t now)
{
	sqlite3_stmt *s;
	int closed = 0;

	if ((s = store_prepare(st, "SELECT failures, last FROM "
	    "login_throttle WHERE who = ?1")) == NULL ||
	    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		closed = sqlite3_column_int64(s, 0) >= ADMIN_THROTTLE_FAILURES &&
		    now - sqlite3_column_int64(s, 1) < ADMIN_THROTTLE_SECS;
	sqlite3_reset(s);
	return closed;
}

static void
note_failure(struct store *st, const char *key, int64_t now)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, "INSERT INTO login_throttle (who, "
	    "failures, last) VALUES (?1, 1, ?2) ON CONFLICT (who) DO UPDATE "
	    "SET failures = CASE WHEN ?2 - last >= ?3 THEN 1 "
	    "ELSE failures + 1 END, last = ?2")) == NULL)
		return;
	if (sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 2, now) != SQLITE_OK ||
	    sqlite3_bind_int(s, 3, ADMIN_THROTTLE_WINDOW) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE)
		log_warn("admin: a failed login was not counted: %s",
		    sqlite3_errmsg(store_db(st)));
	sqlite3_reset(s);
}

static void
clear_failures(struct store *st, const char *key)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, "DELETE FROM login_throttle WHERE "
	    "who = ?1")) == NULL)
		return;
	if (sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC) == SQLITE_OK)
		sqlite3_step(s);
	sqlite3_reset(s);
}

enum admin_login
admin_login_check(struct store *st, const char *email, const char *password,
    int64_t now, int64_t *id)
{
	char key[ADMIN_TOKEN_HASH_LEN + 1], hash[crypto_pwhash_STRBYTES];
	char dummy[crypto_pwhash_STRBYTES];
	const unsigned char *v;
	sqlite3_stmt *s;
	int rc, found = 0, ok = 0;

	if (!admin_email_valid(email) || password == NULL ||
	    strnlen(password, ADMIN_PASSWORD_MAX + 1) > ADMIN_PASSWORD_MAX)
		return ADMIN_LOGIN_BAD;
	if (throttle_key(email, key) == -1)
		return ADMIN_LOGIN_ERROR;
	if ((rc = throttled(st, key, now)) != 0)
		return rc > 0 ? ADMIN_LOGIN_THROTTLED : ADMIN_LOGIN_ERROR;
	if ((s = store_prepare(st, "SELECT id, pwhash FROM users WHERE "
	    "email = ?1")) == NULL ||
	    sqlite3_bind_text(s, 1, email, -1, SQLITE_STATIC) != SQLITE_OK)
		return ADMIN_LOGIN_ERROR;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    (v = sqlite3_column_text(s, 1)) != NULL &&
	    strlen((const char *)v) < sizeof(hash)) {
		*id = sqlite3_column_int64(s, 0);
		memcpy(hash, v, strlen((const char *)v) + 1);
		found = 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ADMIN_LOGIN_ERROR;
	if (found)
		ok = crypto_pwhash_str_verify(hash, password,
		    strlen(password)) == 0;
	else if (crypto_pwhash_str(dummy, password, strlen(password),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		/* The same cost, so timing does not tell who exists. */
		return ADMIN_LOGIN_ERROR;
	if (!ok) {
		note_failure(st, key, now);
		return ADMIN_LOGIN_BAD;
	}
	clear_failures(st, key);
	return ADMIN_LOGIN_OK;
}
