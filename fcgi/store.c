/*
 * store.c - the embedded sqlite store.
 *
 * One connection per struct store; every query is a statement prepared
 * on first use and reused (reset + clear_bindings after each use) until
 * store_close().  Input is validated here, before the database is
 * touched, so a bad name never reaches SQL.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "arena.h"
#include "log.h"
#include "migrations.h"
#include "store.h"

#define BUSY_TIMEOUT_MS	STORE_BUSY_TIMEOUT_MS
#define MAX_POSITION	9999

enum stmt_id {
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_DATA_VERSION,
	S_BRAND_ADD,
	S_BRAND_GET,
	S_CLANG_SET,
	S_CLANG_GET,
	S_KEY_ADD,
	S_KEY_BRAND,
	S_SECRET_ADD,
	S_SECRET_GET,
	S_SECRET_CUR,
	S_TP_SET,
	S_TP_LIST,
	S_MSG_PUT,
	S_MSG_GET,
	S_CONTENT_ADD,
	S_CONTENT_GET,
	S_CONTENT_CLEAR,
	S_SETTING_GET,
	S_SETTING_SET,
	S__MAX
};

/*
 * Statements of host modules (store_prepare), cached by the address of
 * their SQL literal.  The table grows; the cap only catches a caller
 * that passes SQL built at run time, which would never hit the cache.
 */
#define STORE_EXTRA_FIRST	64
#define STORE_EXTRA_CAP		1024

static const char *const stmt_sql[S__MAX] = {
	[S_SETTING_GET] = "SELECT value FROM brand_settings "
	    "WHERE brand = ?1 AND key = ?2",
	[S_SETTING_SET] = "INSERT INTO brand_settings (brand, key, value) "
	    "VALUES (?1, ?2, ?3) ON CONFLICT (brand, key) "
	    "DO UPDATE SET value = excluded.value",
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_DATA_VERSION] = "PRAGMA data_version",
	[S_BRAND_ADD] = "INSERT INTO brands (name, default_lang, timezone) "
	    "VALUES (?1, ?2, ?3)",
	[S_BRAND_GET] = "SELECT name, default_lang, timezone FROM brands "
	    "WHERE name = ?1",
	[S_CLANG_SET] = "INSERT INTO brand_country_langs (brand, country, "
	    "lang) VALUES (?1, ?2, ?3) ON CONFLICT (brand, country) "
	    "DO UPDATE SET lang = excluded.lang",
	[S_CLANG_GET] = "SELECT lang FROM brand_country_langs "
	    "WHERE brand = ?1 AND country = ?2",
	[S_KEY_ADD] = "INSERT INTO api_keys (hash, brand) VALUES (?1, ?2)",
	[S_KEY_BRAND] = "SELECT brand FROM api_keys WHERE hash = ?1",
	[S_SECRET_ADD] = "INSERT INTO secrets (brand, kid, secret) "
	    "VALUES (?1, ?2, ?3)",
	[S_SECRET_GET] = "SELECT secret FROM secrets "
	    "WHERE brand = ?1 AND kid = ?2",
	[S_SECRET_CUR] = "SELECT kid, secret FROM secrets WHERE brand = ?1 "
	    "ORDER BY created DESC, rowid DESC LIMIT 1",
	[S_TP_SET] = "INSERT INTO touchpoints (brand, stage, name, enabled, "
	    "position) VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), "
	    "0) + 1 FROM touchpoints WHERE brand = ?1 AND stage = ?2)) "
	    "ON CONFLICT (brand, stage, name) "
	    "DO UPDATE SET enabled = excluded.enabled",
	[S_TP_LIST] = "SELECT name FROM touchpoints WHERE brand = ?1 AND "
	    "stage = ?2 AND enabled = 1 ORDER BY position, name LIMIT ?3",
	[S_MSG_PUT] = "INSERT INTO messages (brand, lang, key, text) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (brand, lang, key) "
	    "DO UPDATE SET text = excluded.text",
	[S_MSG_GET] = "SELECT text FROM messages WHERE brand IN (?1, '') "
	    "AND lang = ?2 AND key = ?3 ORDER BY brand = '' LIMIT 1",
	[S_CONTENT_ADD] = "INSERT INTO content (brand, dataset, key, lang, "
	    "position, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_CONTENT_GET] = "SELECT body FROM content WHERE dataset = ?2 AND "
	    "key = ?3 AND lang = ?4 AND brand = (SELECT CASE WHEN EXISTS "
	    "(SELECT 1 FROM content WHERE brand = ?1 AND dataset = ?2 AND "
	    "key = ?3 AND lang = ?4) THEN ?1 ELSE '' END) "
	    "ORDER BY position LIMIT ?5",
	[S_CONTENT_CLEAR] = "DELETE FROM content WHERE brand = ?1 AND "
	    "dataset = ?2",
};

struct store {
	sqlite3		*db;
	sqlite3_stmt	*stmt[S__MAX];
	struct store_extra {
		const char	*sql;		/* by address: a literal */
		sqlite3_stmt	*s;
	}		*extra;
	size_t		 nextra, extra_cap;
	char		 err[256];	/* the latest failure, one line */
};

/* --- validation ---------------------------------------------------------- */

static int
in_set(int c, const char *extra)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr(extra, c) != NULL);
}

static int
valid_chars(const char *s, size_t max, const char *extra)
{
	size_t i;

	if (s == NULL || s[0] == '\0')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (i >= max || !in_set((unsigned char)s[i], extra))
			return 0;
	return 1;
}

int
store_valid_name(const char *s)
{
	return valid_chars(s, STORE_MAX_NAME, "_-");
}

int
store_valid_key(const char *s)
{
	return valid_chars(s, STORE_MAX_KEY,
	    "_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ");
}

static int
is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static int
is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

int
store_valid_lang(const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	for (n = 0; is_lower((unsigned char)s[n]); n++)
		if (n == 3)
			return 0;
	if (n < 2)
		return 0;
	if (s[n] == '\0')
		return 1;
	return s[n] == '-' && is_upper((unsigned char)s[n + 1]) &&
	    is_upper((unsigned char)s[n + 2]) && s[n + 3] == '\0';
}

/* brand "" is the shared default of messages and content. */
static int
valid_brand_or_default(const char *s)
{
	return s != NULL && (s[0] == '\0' || store_valid_name(s));
}

static int
valid_country(const char *s)
{
	return s != NULL && is_upper((unsigned char)s[0]) &&
	    is_upper((unsigned char)s[1]) && s[2] == '\0';
}

static int
valid_tz(const char *s)
{
	return valid_chars(s, STORE_MAX_TZ,
	    "_-+/ABCDEFGHIJKLMNOPQRSTUVWXYZ");
}

static int
valid_kid(const char *s)
{
	return valid_chars(s, STORE_MAX_KID, "_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ");
}

static int
valid_hash(const char *s)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}

/* Length of the UTF-8 sequence led by c, 0 when c cannot lead. */
static size_t
utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

int
store_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, k, n;
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		if (p[i] == 0)
			return 0;
		n = utf8_len(p[i]);
		if (n == 0 || n > len - i)
			return 0;
		if (n == 1)
			continue;
		cp = p[i] & (0x7f >> n);
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates, past U+10FFFF. */
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
	}
	return 1;
}

static int
valid_text(const char *s)
{
	size_t len;

	if (s == NULL)
		return 0;
	len = strnlen(s, STORE_MAX_TEXT + 1);
	return len <= STORE_MAX_TEXT && store_valid_utf8(s, len);
}

/* --- errors and statements ----------------------------------------------- */

static int fail(struct store *, char *, size_t, const char *, ...)
    __attribute__((format(printf, 4, 5)));

/* Record a one-line reason in st->err and why; always -1. */
static int
fail(struct store *st, char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->err, sizeof(st->err), fmt, ap);
	va_end(ap);
	if (why != NULL && whylen > 0)
		snprintf(why, whylen, "%s", st->err);
	return -1;
}

static int
fail_db(struct store *st, char *why, size_t whylen, const char *what)
{
	return fail(st, why, whylen, "%s: %s", what, sqlite3_errmsg(st->db));
}

/* The statement id, prepared on first use.  NULL with st->err set. */
static sqlite3_stmt *
stmt(struct store *st, enum stmt_id id)
{
	if (st->stmt[id] == NULL &&
	    sqlite3_prepare_v3(st->db, stmt_sql[id], -1,
	    SQLITE_PREPARE_PERSISTENT, &st->stmt[id], NULL) != SQLITE_OK) {
		fail_db(st, NULL, 0, "cannot prepare statement");
		st->stmt[id] = NULL;
	}
	return st->stmt[id];
}

/* Ready the statement for its next use. */
static void
done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

static int
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC) == SQLITE_OK ?
	    0 : -1;
}

/* Bind up to three strings to ?1..?3 (NULL ends the list). */
static int
bind3(sqlite3_stmt *s, const char *a, const char *b, const char *c)
{
	if (a != NULL && bind_text(s, 1, a) == -1)
		return -1;
	if (b != NULL && bind_text(s, 2, b) == -1)
		return -1;
	if (c != NULL && bind_text(s, 3, c) == -1)
		return -1;
	return 0;
}

/* Run a statement that returns no rows. */
static int
exec_stmt(struct store *st, sqlite3_stmt *s, char *why, size_t whylen,
    const char *what)
{
	int rc;

	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		if (sqlite3_errcode(st->db) == SQLITE_CONSTRAINT)
			fail(st, why, whylen, "%s: %s", what,
			    sqlite3_errmsg(st->db));
		else
			fail_db(st, why, whylen, what);
		done(s);
		return -1;
	}
	done(s);
	return 0;
}

/* Copy text column i into buf of size len; -1 when it would not fit. */
static int
column_copy(sqlite3_stmt *s, int i, char *buf, size_t len)
{
	const unsigned char *t;
	size_t n;

	t = sqlite3_column_text(s, i);
	n = (size_t)sqlite3_column_bytes(s, i);
	if (t == NULL || n >= len)
		return -1;
	memcpy(buf, t, n);
	buf[n] = '\0';
	return 0;
}

/* Step a one-row query: 0 row ready, STORE_NOTFOUND, -1 error. */
static int
step_row(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc;

	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	return fail_db(st, NULL, 0, what);
}

/* --- open and close ------------------------------------------------------ */

static int
exec_pragma(struct store *st, const char *sql, char *why, size_t whylen)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail_db(st, why, whylen, sql);
	return 0;
}

static int
set_wal(struct store *st, char *why, size_t whylen)
{
	sqlite3_stmt *s;
	const unsigned char *mode;
	int rc = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s,
	    NULL) != SQLITE_OK)
		return fail_db(st, why, whylen, "cannot set WAL mode");
	if (sqlite3_step(s) != SQLITE_ROW) {
		fail_db(st, why, whylen, "cannot set WAL mode");
		goto out_finalize;
	}
	mode = sqlite3_column_text(s, 0);
	/* An in-memory database stays "memory": fine for tests. */
	if (mode != NULL && strcmp((const char *)mode, "wal") != 0)
		log_warn("store: journal mode is %s, not wal",
		    (const char *)mode);
	rc = 0;
out_finalize:
	sqlite3_finalize(s);
	return rc;
}

static int
configure(struct store *st, int flags, char *why, size_t whylen)
{
	if (sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS) != SQLITE_OK)
		return fail_db(st, why, whylen, "cannot set busy timeout");
	if (!(flags & STORE_READONLY) && set_wal(st, why, whylen) == -1)
		return -1;
	if (exec_pragma(st, "PRAGMA foreign_keys = ON", why, whylen) == -1)
		return -1;
	if (exec_pragma(st, "PRAGMA synchronous = NORMAL", why, whylen) == -1)
		return -1;
	return 0;
}

static int
check_schema(struct store *st, int flags, char *why, size_t whylen)
{
	char reason[sizeof(st->err)];
	int v;

	if (migrations_version(st->db, &v) == -1)
		return fail_db(st, why, whylen, "cannot read schema version");
	if (v > migrations_count)
		return fail(st, why, whylen, "store schema is version %d, "
		    "newer than this ppx knows (%d): upgrade ppx", v,
		    migrations_count);
	if (v == migrations_count)
		return 0;
	if (!(flags & STORE_MIGRATE))
		return fail(st, why, whylen, "store schema is version %d, "
		    "this ppx needs %d: run `ppx migrate`", v,
		    migrations_count);
	if (migrations_run(st->db, migrations_steps, migrations_count,
	    reason, sizeof(reason)) == -1)
		return fail(st, why, whylen, "%s", reason);
	return 0;
}

int
store_open(struct store **out, const char *path, int flags, char *why,
    size_t whylen)
{
	struct store *st;
	int oflags;

	*out = NULL;
	if (path == NULL || path[0] == '\0' ||
	    ((flags & STORE_READONLY) && (flags & (STORE_MIGRATE |
	    STORE_CREATE)))) {
		if (why != NULL && whylen > 0)
			snprintf(why, whylen, "store: bad path or flags");
		return -1;
	}
	if ((st = calloc(1, sizeof(*st))) == NULL) {
		if (why != NULL && whylen > 0)
			snprintf(why, whylen, "store: out of memory");
		return -1;
	}
	if (flags & STORE_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else
		oflags = SQLITE_OPEN_READWRITE |
		    ((flags & STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		fail(st, why, whylen, "cannot open store %s: %s", path,
		    st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
		goto out_close;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if (configure(st, flags, why, whylen) == -1 ||
	    check_schema(st, flags, why, whylen) == -1)
		goto out_close;
	*out = st;
	return 0;
out_close:
	store_close(st);
	return -1;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < S__MAX; i++)
		sqlite3_finalize(st->stmt[i]);
	for (i = 0; i < st->nextra; i++)
		sqlite3_finalize(st->extra[i].s);
	free(st->extra);
	sqlite3_close(st->db);
	free(st);
}

const char *
store_errmsg(struct store *st)
{
	if (st->err[0] != '\0')
		return st->err;
	return sqlite3_errmsg(st->db);
}

int
store_schema_version(struct store *st)
{
	int v;

	if (migrations_version(st->db, &v) == -1)
		return -1;
	return v;
}

int
store_schema_latest(void)
{
	return migrations_count;
}

int64_t
store_data_version(struct store *st)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	if ((s = stmt(st, S_DATA_VERSION)) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	else
		fail_db(st, NULL, 0, "cannot read data_version");
	done(s);
	return v;
}

/* --- transactions -------------------------------------------------------- */

static int
simple(struct store *st, enum stmt_id id, const char *what)
{
	sqlite3_stmt *s;

	if ((s = stmt(st, id)) == NULL)
		return -1;
	return exec_stmt(st, s, NULL, 0, what);
}

int
store_begin(struct store *st)
{
	return simple(st, S_BEGIN, "cannot begin");
}

int
store_commit(struct store *st)
{
	if (simple(st, S_COMMIT, "cannot commit") == -1) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *st)
{
	/* Some errors roll back by themselves; a second ROLLBACK fails. */
	if (!sqlite3_get_autocommit(st->db))
		simple(st, S_ROLLBACK, "cannot roll back");
}

int
store_end_request(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int n = 0;

	/*
	 * A statement left stepping holds its read snapshot: the worker
	 * would go on seeing the store as it was (a session ended by
	 * another worker, a count another one raised) and its next write
	 * would fail.  Each is a bug: logged with its SQL, and ended.
	 */
	while ((s = sqlite3_next_stmt(st->db, s)) != NULL)
		if (sqlite3_stmt_busy(s)) {
			log_err("store: a statement was left running: %.100s",
			    sqlite3_sql(s));
			sqlite3_reset(s);
			n++;
		}
	if (!sqlite3_get_autocommit(st->db)) {
		log_err("store: a transaction was left open: rolled back");
		store_rollback(st);
		n++;
	}
	return n;
}

/* --- brands -------------------------------------------------------------- */

int
store_brand_add(struct store *st, const struct store_brand *b, char *why,
    size_t whylen)
{
	sqlite3_stmt *s;

	if (!store_valid_name(b->name))
		return fail(st, why, whylen, "bad brand name: want 1 to %d of "
		    "a-z 0-9 _ -", STORE_MAX_NAME);
	if (!store_valid_lang(b->default_lang))
		return fail(st, why, whylen, "bad language: want e.g. nl or "
		    "nl-BE");
	if (!valid_tz(b->timezone))
		return fail(st, why, whylen, "bad time zone: want e.g. "
		    "Europe/Amsterdam");
	if ((s = stmt(st, S_BRAND_ADD)) == NULL)
		return fail(st, why, whylen, "%s", st->err);
	if (bind3(s, b->name, b->default_lang, b->timezone) == -1) {
		done(s);
		return fail_db(st, why, whylen, "cannot bind");
	}
	if (sqlite3_step(s) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(st->db) ==
		    SQLITE_CONSTRAINT_PRIMARYKEY)
			fail(st, why, whylen, "brand %s exists", b->name);
		else
			fail_db(st, why, whylen, "cannot add brand");
		done(s);
		return -1;
	}
	done(s);
	return 0;
}

int
store_brand_get(struct store *st, const char *name, struct store_brand *out)
{
	sqlite3_stmt *s;
	int rc;

	if (!store_valid_name(name))
		return fail(st, NULL, 0, "bad brand name");
	if ((s = stmt(st, S_BRAND_GET)) == NULL)
		return -1;
	if (bind3(s, name, NULL, NULL) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	rc = step_row(st, s, "cannot read brand");
	if (rc == 0 && (column_copy(s, 0, out->name, sizeof(out->name)) ||
	    column_copy(s, 1, out->default_lang, sizeof(out->default_lang)) ||
	    column_copy(s, 2, out->timezone, sizeof(out->timezone))))
		rc = fail(st, NULL, 0, "brand row does not fit");
	done(s);
	return rc;
}

int
store_brand_country_lang_set(struct store *st, const char *brand,
    const char *country, const char *lang)
{
	sqlite3_stmt *s;

	if (!store_valid_name(brand) || !valid_country(country) ||
	    !store_valid_lang(lang))
		return fail(st, NULL, 0, "bad brand, country (NL) or "
		    "language (nl)");
	if ((s = stmt(st, S_CLANG_SET)) == NULL)
		return -1;
	if (bind3(s, brand, country, lang) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	return exec_stmt(st, s, NULL, 0, "cannot set country language");
}

int
store_brand_country_lang(struct store *st, const char *brand,
    const char *country, char lang[STORE_MAX_LANG + 1])
{
	sqlite3_stmt *s;
	int rc;

	if (!store_valid_name(brand) || !valid_country(country))
		return fail(st, NULL, 0, "bad brand or country");
	if ((s = stmt(st, S_CLANG_GET)) == NULL)
		return -1;
	if (bind3(s, brand, country, NULL) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	rc = step_row(st, s, "cannot read country language");
	if (rc == 0 && column_copy(s, 0, lang, STORE_MAX_LANG + 1) == -1)
		rc = fail(st, NULL, 0, "language does not fit");
	done(s);
	return rc;
}

/* --- credentials --------------------------------------------------------- */

int
store_key_add(struct store *st, const char *brand, const char *hash_hex,
    char *why, size_t whylen)
{
	sqlite3_stmt *s;
	int ext;

	if (!store_valid_name(brand))
		return fail(st, why, whylen, "bad brand name");
	if (!valid_hash(hash_hex))
		return fail(st, why, whylen, "bad key hash: want 64 lowercase "
		    "hex digits");
	if ((s = stmt(st, S_KEY_ADD)) == NULL)
		return fail(st, why, whylen, "%s", st->err);
	if (bind3(s, hash_hex, brand, NULL) == -1) {
		done(s);
		return fail_db(st, why, whylen, "cannot bind");
	}
	if (sqlite3_step(s) != SQLITE_DONE) {
		ext = sqlite3_extended_errcode(st->db);
		if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
			fail(st, why, whylen, "no brand %s", brand);
		else if (ext == SQLITE_CONSTRAINT_PRIMARYKEY)
			fail(st, why, whylen, "this key exists");
		else
			fail_db(st, why, whylen, "cannot add key");
		done(s);
		return -1;
	}
	done(s);
	return 0;
}

int
store_key_brand(struct store *st, const char *hash_hex,
    char brand[STORE_MAX_NAME + 1])
{
	sqlite3_stmt *s;
	int rc;

	if (!valid_hash(hash_hex))
		return fail(st, NULL, 0, "bad key hash");
	if ((s = stmt(st, S_KEY_BRAND)) == NULL)
		return -1;
	if (bind3(s, hash_hex, NULL, NULL) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	rc = step_row(st, s, "cannot read key");
	if (rc == 0 && column_copy(s, 0, brand, STORE_MAX_NAME + 1) == -1)
		rc = fail(st, NULL, 0, "brand does not fit");
	done(s);
	return rc;
}

int
store_secret_add(struct store *st, const char *brand, const char *kid,
    const uint8_t *secret, size_t len)
{
	sqlite3_stmt *s;

	if (!store_valid_name(brand) || !valid_kid(kid) || secret == NULL ||
	    len == 0 || len > STORE_MAX_SECRET)
		return fail(st, NULL, 0, "bad brand, key id or secret length");
	if ((s = stmt(st, S_SECRET_ADD)) == NULL)
		return -1;
	if (bind3(s, brand, kid, NULL) == -1 ||
	    sqlite3_bind_blob(s, 3, secret, (int)len, SQLITE_STATIC) !=
	    SQLITE_OK) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	return exec_stmt(st, s, NULL, 0, "cannot add secret");
}

static int
column_blob(sqlite3_stmt *s, int i, uint8_t secret[STORE_MAX_SECRET],
    size_t *len)
{
	const void *p;
	int n;

	p = sqlite3_column_blob(s, i);
	n = sqlite3_column_bytes(s, i);
	if (p == NULL || n <= 0 || n > STORE_MAX_SECRET)
		return -1;
	memcpy(secret, p, (size_t)n);
	*len = (size_t)n;
	return 0;
}

int
store_secret_get(struct store *st, const char *brand, const char *kid,
    uint8_t secret[STORE_MAX_SECRET], size_t *len)
{
	sqlite3_stmt *s;
	int rc;

	if (!store_valid_name(brand) || !valid_kid(kid))
		return fail(st, NULL, 0, "bad brand or key id");
	if ((s = stmt(st, S_SECRET_GET)) == NULL)
		return -1;
	if (bind3(s, brand, kid, NULL) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	rc = step_row(st, s, "cannot read secret");
	if (rc == 0 && column_blob(s, 0, secret, len) == -1)
		rc = fail(st, NULL, 0, "stored secret has a bad length");
	done(s);
	return rc;
}

int
store_secret_current(struct store *st, const char *brand,
    char kid[STORE_MAX_KID + 1], uint8_t secret[STORE_MAX_SECRET],
    size_t *len)
{
	sqlite3_stmt *s;
	int rc;

	if (!store_valid_name(brand))
		return fail(st, NULL, 0, "bad brand name");
	if ((s = stmt(st, S_SECRET_CUR)) == NULL)
		return -1;
	if (bind3(s, brand, NULL, NULL) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	rc = step_row(st, s, "cannot read secret");
	if (rc == 0 && (column_copy(s, 0, kid, STORE_MAX_KID + 1) == -1 ||
	    column_blob(s, 1, secret, len) == -1))
		rc = fail(st, NULL, 0, "stored secret has a bad length");
	done(s);
	return rc;
}

/* --- touchpoints --------------------------------------------------------- */

int
store_touchpoint_set(struct store *st, const char *brand, const char *stage,
    const char *name, int enabled)
{
	sqlite3_stmt *s;

	if (!store_valid_name(brand) || !store_valid_name(stage) ||
	    !store_valid_name(name))
		return fail(st, NULL, 0, "bad brand, stage or touchpoint name");
	if ((s = stmt(st, S_TP_SET)) == NULL)
		return -1;
	if (bind3(s, brand, stage, name) == -1 ||
	    sqlite3_bind_int(s, 4, enabled ? 1 : 0) != SQLITE_OK) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	return exec_stmt(st, s, NULL, 0, "cannot set touchpoint");
}

int
store_touchpoints(struct store *st, const char *brand, const char *stage,
    char names[][STORE_MAX_NAME + 1], size_t max, size_t *n)
{
	sqlite3_stmt *s;
	int rc = SQLITE_DONE;

	*n = 0;
	if (!store_valid_name(brand) || !store_valid_name(stage))
		return fail(st, NULL, 0, "bad brand or stage name");
	if (max == 0)
		return 0;
	if ((s = stmt(st, S_TP_LIST)) == NULL)
		return -1;
	if (bind3(s, brand, stage, NULL) == -1 ||
	    sqlite3_bind_int64(s, 3, max > INT64_MAX ? INT64_MAX :
	    (sqlite3_int64)max) != SQLITE_OK) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (column_copy(s, 0, names[*n], STORE_MAX_NAME + 1) == -1) {
			done(s);
			*n = 0;
			return fail(st, NULL, 0, "touchpoint name does not fit");
		}
		(*n)++;
	}
	if (*n < max && rc != SQLITE_DONE) {
		fail_db(st, NULL, 0, "cannot read touchpoints");
		done(s);
		*n = 0;
		return -1;
	}
	done(s);
	return 0;
}

/* --- copy and content ---------------------------------------------------- */

int
store_msg_put(struct store *st, const char *brand, const char *lang,
    const char *key, const char *text)
{
	sqlite3_stmt *s;

	if (!valid_brand_or_default(brand) || !store_valid_lang(lang) ||
	    !store_valid_key(key))
		return fail(st, NULL, 0, "bad brand, language or message key");
	if (!valid_text(text))
		return fail(st, NULL, 0, "message text is not UTF-8 or longer "
		    "than %d bytes", STORE_MAX_TEXT);
	if ((s = stmt(st, S_MSG_PUT)) == NULL)
		return -1;
	if (bind3(s, brand, lang, key) == -1 || bind_text(s, 4, text) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	return exec_stmt(st, s, NULL, 0, "cannot store message");
}

int
store_msg_get(struct store *st, const char *brand, const char *lang,
    const char *key, struct arena *a, const char **text)
{
	sqlite3_stmt *s;
	const unsigned char *t;
	int rc;

	*text = NULL;
	if (!valid_brand_or_default(brand) || !store_valid_lang(lang) ||
	    !store_valid_key(key))
		return fail(st, NULL, 0, "bad brand, language or message key");
	if ((s = stmt(st, S_MSG_GET)) == NULL)
		return -1;
	if (bind3(s, brand, lang, key) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	rc = step_row(st, s, "cannot read message");
	if (rc == 0) {
		t = sqlite3_column_text(s, 0);
		*text = arena_strndup(a, (const char *)t,
		    (size_t)sqlite3_column_bytes(s, 0));
		if (t == NULL || *text == NULL)
			rc = fail(st, NULL, 0, "out of memory");
	}
	done(s);
	return rc;
}

static int
valid_content(const char *brand, const char *dataset, const char *key,
    const char *lang)
{
	return valid_brand_or_default(brand) && store_valid_name(dataset) &&
	    store_valid_key(key) && store_valid_lang(lang);
}

int
store_content_add(struct store *st, const char *brand, const char *dataset,
    const char *key, const char *lang, int position, const char *body)
{
	sqlite3_stmt *s;

	if (!valid_content(brand, dataset, key, lang))
		return fail(st, NULL, 0, "bad brand, dataset, key or language");
	if (position < 0 || position > MAX_POSITION)
		return fail(st, NULL, 0, "position out of range 0..%d",
		    MAX_POSITION);
	if (!valid_text(body))
		return fail(st, NULL, 0, "content body is not UTF-8 or longer "
		    "than %d bytes", STORE_MAX_TEXT);
	if ((s = stmt(st, S_CONTENT_ADD)) == NULL)
		return -1;
	if (bind3(s, brand, dataset, key) == -1 || bind_text(s, 4, lang) == -1 ||
	    sqlite3_bind_int(s, 5, position) != SQLITE_OK ||
	    bind_text(s, 6, body) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	return exec_stmt(st, s, NULL, 0, "cannot add content");
}

int
store_content_get(struct store *st, const char *brand, const char *dataset,
    const char *key, const char *lang, struct arena *a, const char **out,
    size_t max, size_t *n)
{
	sqlite3_stmt *s;
	int rc = SQLITE_DONE;

	*n = 0;
	if (!valid_content(brand, dataset, key, lang))
		return fail(st, NULL, 0, "bad brand, dataset, key or language");
	if (max == 0)
		return 0;
	if ((s = stmt(st, S_CONTENT_GET)) == NULL)
		return -1;
	if (bind3(s, brand, dataset, key) == -1 || bind_text(s, 4, lang) == -1 ||
	    sqlite3_bind_int64(s, 5, max > INT64_MAX ? INT64_MAX :
	    (sqlite3_int64)max) != SQLITE_OK) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		out[*n] = arena_strndup(a,
		    (const char *)sqlite3_column_text(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0));
		if (out[*n] == NULL) {
			done(s);
			*n = 0;
			return fail(st, NULL, 0, "out of memory");
		}
		(*n)++;
	}
	if (*n < max && rc != SQLITE_DONE) {
		fail_db(st, NULL, 0, "cannot read content");
		done(s);
		*n = 0;
		return -1;
	}
	done(s);
	return *n == 0 ? STORE_NOTFOUND : 0;
}

int
store_content_clear(struct store *st, const char *brand, const char *dataset)
{
	sqlite3_stmt *s;

	if (!valid_brand_or_default(brand) || !store_valid_name(dataset))
		return fail(st, NULL, 0, "bad brand or dataset");
	if ((s = stmt(st, S_CONTENT_CLEAR)) == NULL)
		return -1;
	if (bind3(s, brand, dataset, NULL) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	return exec_stmt(st, s, NULL, 0, "cannot clear content");
}

sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

sqlite3_stmt *
store_prepare(struct store *st, const char *sql)
{
	struct store_extra *grown;
	sqlite3_stmt *s;
	size_t i, cap;

	for (i = 0; i < st->nextra; i++)
		if (st->extra[i].sql == sql) {
			done(st->extra[i].s);
			return st->extra[i].s;
		}
	if (st->nextra == st->extra_cap) {
		cap = st->extra_cap == 0 ? STORE_EXTRA_FIRST : st->extra_cap * 2;
		if (cap > STORE_EXTRA_CAP) {
			fail(st, NULL, 0, "store_prepare: more than %d "
			    "statements (SQL not a literal?)", STORE_EXTRA_CAP);
			log_err("store: %s", st->err);
			return NULL;
		}
		if ((grown = realloc(st->extra, cap * sizeof(*grown))) == NULL) {
			fail(st, NULL, 0, "store_prepare: out of memory");
			log_err("store: %s", st->err);
			return NULL;
		}
		st->extra = grown;
		st->extra_cap = cap;
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    NULL) != SQLITE_OK) {
		fail_db(st, NULL, 0, "cannot prepare statement");
		log_err("store: %s: %.100s", st->err, sql);
		return NULL;
	}
	st->extra[st->nextra].sql = sql;
	st->extra[st->nextra].s = s;
	st->nextra++;
	return s;
}

int
store_setting_get(struct store *st, const char *brand, const char *key,
    struct arena *a, const char **value)
{
	sqlite3_stmt *s;
	int rc;

	if (!store_valid_name(brand) || !store_valid_key(key))
		return fail(st, NULL, 0, "bad brand or setting name");
	if ((s = stmt(st, S_SETTING_GET)) == NULL)
		return -1;
	if (bind3(s, brand, key, NULL) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*value = arena_strdup(a, (const char *)sqlite3_column_text(s,
		    0));
		done(s);
		return *value == NULL ? fail(st, NULL, 0, "out of memory") : 0;
	}
	done(s);
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	return fail_db(st, NULL, 0, "cannot read setting");
}

int
store_setting_set(struct store *st, const char *brand, const char *key,
    const char *value)
{
	sqlite3_stmt *s;

	if (!store_valid_name(brand) || !store_valid_key(key) ||
	    value == NULL || strlen(value) > STORE_MAX_TEXT ||
	    !store_valid_utf8(value, strlen(value)))
		return fail(st, NULL, 0, "bad brand, setting name or value");
	if ((s = stmt(st, S_SETTING_SET)) == NULL)
		return -1;
	if (bind3(s, brand, key, value) == -1) {
		done(s);
		return fail_db(st, NULL, 0, "cannot bind");
	}
	return exec_stmt(st, s, NULL, 0, "cannot store setting");
}
