/*
 * admin_user.h - console users in the store: creating them, their roles
 * per brand, and logging in (Argon2id via libsodium, throttled).
 *
 * Return values: 0, STORE_NOTFOUND where said, -1 on error with a
 * one-line reason in why.  No function logs or returns a password, and
 * no reason quotes an e-mail address.
 */
#ifndef PPX_ADMIN_USER_H
#define PPX_ADMIN_USER_H

#include <stddef.h>
#include <stdint.h>

#include "admin_role.h"
#include "store.h"

struct store;

#define ADMIN_EMAIL_MAX		254
#define ADMIN_PASSWORD_MIN	12	/* bytes */
#define ADMIN_PASSWORD_MAX	256
/* Failures allowed before the throttle closes; how long it stays closed. */
#define ADMIN_THROTTLE_FAILURES	5
#define ADMIN_THROTTLE_SECS	300
/* Failures older than this are forgotten. */
#define ADMIN_THROTTLE_WINDOW	900

enum admin_login {
	ADMIN_LOGIN_OK,
	ADMIN_LOGIN_BAD,	/* unknown address or wrong password */
	ADMIN_LOGIN_THROTTLED,	/* too many failures: try later */
	ADMIN_LOGIN_ERROR
};

/* 1 when s looks like an address: 3..254 printable ASCII, one '@' inside. */
int	 admin_email_valid(const char *s);
/* 1 when pw is 12..256 bytes of valid UTF-8 without control characters. */
int	 admin_password_valid(const char *pw);

/* OUT: *id of the user with this address (any case).  0, STORE_NOTFOUND. */
int	 admin_user_find(struct store *st, const char *email, int64_t *id);
/*
 * Create a user with password (hashed here).  The address must be new.
 * OUT: *id.  0 or -1 with why.
 */
int	 admin_user_add(struct store *st, const char *email,
	    const char *password, int64_t now, int64_t *id, char *why,
	    size_t whylen);
/*
 * The two halves of admin_user_add, so that a caller can hash (slow, on
 * purpose) before it opens a transaction: the Argon2id string of
 * password, then the user with that hash.  0 or -1 with why.
 */
#define ADMIN_PASSWORD_HASH_MAX	128	/* crypto_pwhash_STRBYTES */
int	 admin_password_hash(const char *password,
	    char hash[ADMIN_PASSWORD_HASH_MAX], char *why, size_t whylen);
int	 admin_user_add_hashed(struct store *st, const char *email,
	    const char *hash, const char *made_in, int64_t now, int64_t *id,
	    char *why, size_t whylen);
/*
 * OUT: made_in, the brand whose console admin made user id and so knows
 * the password ("" when none does: made with ppx, or the password was
 * changed since).  0 or -1.
 */
int	 admin_user_made_in(struct store *st, int64_t id, char *made_in,
	    size_t len);
/* Give user id the role in brand (replacing any earlier one). */
int	 admin_user_grant(struct store *st, int64_t id, const char *brand,
	    enum admin_role role, char *why, size_t whylen);
/*
 * Replace user id's password hash (from admin_password_hash).  With
 * clear_made_in (the operator's reset, `ppx`) made_in is cleared: no
 * brand's admin knows the new password.  A change on the console's
 * Password page keeps it: whoever made the account may be the one
 * logged in as it.
 */
int	 admin_user_set_password(struct store *st, int64_t id,
	    const char *hash, int clear_made_in, char *why, size_t whylen);
/* Take user id's role in brand away (none: nothing to do).  0 or -1. */
int	 admin_user_revoke(struct store *st, int64_t id, const char *brand,
	    char *why, size_t whylen);
/* OUT: *n, the number of admins of brand.  0 or -1. */
int	 admin_user_admins(struct store *st, const char *brand, int *n);
/* OUT: *role of user id in brand; ADMIN_ROLE_NONE when it has none. */
int	 admin_user_role(struct store *st, int64_t id, const char *brand,
	    enum admin_role *role);
/* OUT: email of user id.  0, STORE_NOTFOUND, -1. */
int	 admin_user_email(struct store *st, int64_t id,
	    char email[ADMIN_EMAIL_MAX + 1]);

/*
 * Check email and password at now.  An unknown address costs as much
 * time as a wrong password.  After ADMIN_THROTTLE_FAILURES failures for
 * one address (known or not) within ADMIN_THROTTLE_WINDOW, every try is
 * ADMIN_LOGIN_THROTTLED, without checking, until ADMIN_THROTTLE_SECS
 * after the last failure; a success clears the count.  OUT: *id on
 * ADMIN_LOGIN_OK.
 */
enum admin_login admin_login_check(struct store *st, const char *email,
	    const char *password, int64_t now, int64_t *id);

#endif
