/*
 * schema_admin.c - migration 7: the console's users, their roles per
 * brand, sessions, the login throttle and the audit log.
 *
 * What is never stored: a password (users.pwhash is an Argon2id string
 * from libsodium's crypto_pwhash_str), a session id (sessions.hash is
 * its SHA-256), an e-mail address in the throttle (login_throttle.who is
 * the SHA-256 of the lower-cased address, so unknown addresses are
 * throttled as well without being kept).
 */
#include "migrations.h"

const char schema_admin[] =
	"CREATE TABLE users ("
	" id INTEGER PRIMARY KEY,"
	" email TEXT NOT NULL UNIQUE COLLATE NOCASE"
	"  CHECK (length(email) BETWEEN 3 AND 254),"
	" pwhash TEXT NOT NULL,"
	" created INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE user_roles ("
	" user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" role TEXT NOT NULL CHECK (role IN ('admin', 'marketer', 'viewer')),"
	" PRIMARY KEY (user_id, brand)"
	") STRICT;"
	"CREATE TABLE sessions ("
	" hash TEXT PRIMARY KEY NOT NULL,"
	" user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	" csrf TEXT NOT NULL,"
	" created INTEGER NOT NULL,"
	" seen INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX sessions_user ON sessions(user_id);"
	"CREATE TABLE login_throttle ("
	" who TEXT PRIMARY KEY NOT NULL,"
	" failures INTEGER NOT NULL,"
	" last INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE audit ("
	" id INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" user TEXT NOT NULL,"
	" brand TEXT NOT NULL,"
	" what TEXT NOT NULL,"
	" old TEXT NOT NULL DEFAULT '',"
	" new TEXT NOT NULL DEFAULT ''"
	") STRICT;"
	"CREATE INDEX audit_brand ON audit(brand, at);";

/*
 * Migration 9: the brand whose console admin made a user (NULL: made
 * with ppx, or the password has been changed since).  That admin knows
 * the password, so the account gets no role in another brand until its
 * password is new (admin_users.c, cli_user.c).
 */
const char schema_admin_made_in[] =
	"ALTER TABLE users ADD COLUMN made_in TEXT;";
