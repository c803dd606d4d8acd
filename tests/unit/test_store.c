/*
 * test_store.c - the sqlite store: open, migrations, queries, validation.
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

#include <sqlite3.h>

#include "arena.h"
#include "migrations.h"
#include "store.h"

struct fixture {
	char		 dir[64];
	char		 path[128];
	struct store	*st;
	struct arena	*a;
};

static int
setup(void **state)
{
	struct fixture *f;
	char why[256];

	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/ppx-test-store.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/ppx.db", f->dir);
	assert_int_equal(store_open(&f->st, f->path,
	    STORE_CREATE | STORE_MIGRATE, why, sizeof(why)), 0);
	f->a = arena_new(1 << 20);
	assert_non_null(f->a);
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

static sqlite3 *
raw_open(const char *path)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE,
	    NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static void
raw_exec(sqlite3 *db, const char *sql)
{
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static int
raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
add_brand(struct store *st, const char *name)
{
	struct store_brand b;
	char why[256];

	memset(&b, 0, sizeof(b));
	snprintf(b.name, sizeof(b.name), "%s", name);
	snprintf(b.default_lang, sizeof(b.default_lang), "nl");
	snprintf(b.timezone, sizeof(b.timezone), "Europe/Amsterdam");
	assert_int_equal(store_brand_add(st, &b, why, sizeof(why)), 0);
}

/* --- open and migrations ---------------------------------------------- */

static void
test_open_migrate(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;

	assert_int_equal(store_schema_latest(), migrations_count);
	assert_true(store_schema_latest() >= 1);
	assert_int_equal(store_schema_version(f->st), store_schema_latest());
	db = raw_open(f->path);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name IN ('brands', "
	    "'brand_country_langs', 'api_keys', 'secrets', 'touchpoints', "
	    "'messages', 'content')"), 7);
	/* Every table is STRICT, the features' tables too. */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
	    "sql NOT LIKE '%STRICT%'"), 0);
	assert_true(raw_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND sql LIKE '%STRICT%'") >= 7);
	assert_int_equal(raw_int(db, "SELECT journal_mode = 'wal' FROM "
	    "pragma_journal_mode"), 1);
	sqlite3_close(db);
}

static void
test_reopen_no_rerun(void **state)
{
	struct fixture *f = *state;
	struct store_brand b;
	char why[256];

	add_brand(f->st, "runfast");
	store_close(f->st);
	f->st = NULL;
	/* With and without STORE_MIGRATE: up to date, data kept. */
	assert_int_equal(store_open(&f->st, f->path, STORE_MIGRATE, why,
	    sizeof(why)), 0);
	assert_int_equal(store_brand_get(f->st, "runfast", &b), 0);
	store_close(f->st);
	assert_int_equal(store_open(&f->st, f->path, 0, why, sizeof(why)), 0);
	assert_int_equal(store_schema_version(f->st), store_schema_latest());
	assert_int_equal(store_brand_get(f->st, "runfast", &b), 0);
	assert_string_equal(b.timezone, "Europe/Amsterdam");
}

static void
test_open_refusals(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	char path[192], why[256];
	sqlite3 *db;

	/* A missing file without STORE_CREATE. */
	snprintf(path, sizeof(path), "%s/none.db", f->dir);
	assert_int_equal(store_open(&st, path, STORE_MIGRATE, why,
	    sizeof(why)), -1);
	assert_null(st);
	assert_int_equal(access(path, F_OK), -1);

	/* A new file without STORE_MIGRATE: outdated schema. */
	snprintf(path, sizeof(path), "%s/fresh.db", f->dir);
	assert_int_equal(store_open(&st, path, STORE_CREATE, why,
	    sizeof(why)), -1);
	assert_null(st);
	{
		char want[128];

		snprintf(want, sizeof(want), "store schema is version 0, "
		    "this ppx needs %d: run `ppx migrate`",
		    store_schema_latest());
		assert_non_null(strstr(why, want));
	}
	unlink(path);
	snprintf(path, sizeof(path), "%s/fresh.db-wal", f->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/fresh.db-shm", f->dir);
	unlink(path);

	/* A schema newer than this code knows. */
	db = raw_open(f->path);
	raw_exec(db, "PRAGMA user_version = 99");
	sqlite3_close(db);
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(&st, f->path, STORE_MIGRATE, why,
	    sizeof(why)), -1);
	assert_null(st);
	assert_non_null(strstr(why, "version 99, newer than this ppx"));
	assert_int_equal(store_open(&st, f->path, 0, why, sizeof(why)), -1);
	db = raw_open(f->path);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 99);
	{
		char put[64];

		snprintf(put, sizeof(put), "PRAGMA user_version = %d",
		    store_schema_latest());
		raw_exec(db, put);
	}
	sqlite3_close(db);
	assert_int_equal(store_open(&f->st, f->path, 0, why, sizeof(why)), 0);

	/* Read-only with migrate is a contradiction. */
	assert_int_equal(store_open(&st, f->path,
	    STORE_READONLY | STORE_MIGRATE, why, sizeof(why)), -1);
}

static void
test_broken_migration(void **state)
{
	struct fixture *f = *state;
	const char *steps[2];
	char path[192], why[256];
	sqlite3 *db;

	steps[0] = migrations_steps[0];
	steps[1] = "CREATE TABLE extra (a INTEGER) STRICT;"
	    "INSERT INTO brands (name, default_lang, timezone) "
	    "VALUES ('x', 'nl', 'UTC');"
	    "INSERT INTO no_such_table VALUES (1);";
	/* A store at version 1, about to take a broken step 2. */
	snprintf(path, sizeof(path), "%s/steps.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(migrations_run(db, steps, 1, why, sizeof(why)), 0);
	why[0] = '\0';
	assert_int_equal(migrations_run(db, steps, 2, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "migration 2 failed"));
	assert_non_null(strstr(why, "no_such_table"));
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'extra'"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM brands"), 0);
	assert_int_equal(sqlite3_get_autocommit(db), 1);
	/* A working step 2 then lands, with its version. */
	steps[1] = "CREATE TABLE extra (a INTEGER) STRICT;";
	assert_int_equal(migrations_run(db, steps, 2, why, sizeof(why)), 0);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 2);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'extra'"), 1);
	/* Running again changes nothing. */
	assert_int_equal(migrations_run(db, steps, 2, why, sizeof(why)), 0);
	/* Fewer steps than the file has: newer, refused. */
	assert_int_equal(migrations_run(db, steps, 1, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "newer"));
	sqlite3_close(db);

	/* A broken first step on a new file leaves it empty, version 0. */
	snprintf(path, sizeof(path), "%s/broken.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	steps[0] = "CREATE TABLE t (a INTEGER); SELECT syntax error here";
	assert_int_equal(migrations_run(db, steps, 1, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "migration 1 failed"));
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"), 0);
	sqlite3_close(db);
	unlink(path);
}

/* --- brands and credentials ------------------------------------------- */

static void
test_brands(void **state)
{
	struct fixture *f = *state;
	struct store_brand b, got;
	char why[256], lang[STORE_MAX_LANG + 1];
	static const char *const bad_names[] = { "", "Runfast", "run fast",
	    "run/fast", "run.fast", "rün", "'; DROP TABLE brands; --",
	    NULL };
	/* 65: one past the limit (does not fit struct store_brand). */
	const char *long_name =
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	static const char *const bad_langs[] = { "", "n", "NL", "nl-be",
	    "nl_BE", "nlxx", "nl-BEL", "nl-", "nl-B1", "nl ", NULL };
	size_t i;

	add_brand(f->st, "runfast");
	add_brand(f->st, "a-b_9");
	/* 64 characters is the limit, inclusive. */
	add_brand(f->st, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	memset(&b, 0, sizeof(b));
	snprintf(b.name, sizeof(b.name), "runfast");
	snprintf(b.default_lang, sizeof(b.default_lang), "nl-BE");
	snprintf(b.timezone, sizeof(b.timezone), "UTC");
	assert_int_equal(store_brand_add(f->st, &b, why, sizeof(why)), -1);
	assert_string_equal(why, "brand runfast exists");
	for (i = 0; bad_names[i] != NULL; i++) {
		snprintf(b.name, sizeof(b.name), "%s", bad_names[i]);
		why[0] = '\0';
		assert_int_equal(store_brand_add(f->st, &b, why,
		    sizeof(why)), -1);
		assert_non_null(strstr(why, "bad brand name"));
		assert_int_equal(store_brand_get(f->st, bad_names[i], &got),
		    -1);
	}
	assert_int_equal(store_brand_get(f->st, long_name, &got), -1);
	assert_int_equal(store_touchpoint_set(f->st, long_name, "shipped",
	    "x", 1), -1);
	assert_int_equal(store_touchpoint_set(f->st, "runfast", "shipped",
	    long_name, 1), -1);
	snprintf(b.name, sizeof(b.name), "other");
	for (i = 0; bad_langs[i] != NULL; i++) {
		snprintf(b.default_lang, sizeof(b.default_lang), "%s",
		    bad_langs[i]);
		assert_int_equal(store_brand_add(f->st, &b, why,
		    sizeof(why)), -1);
		assert_true(store_valid_lang(bad_langs[i]) == 0);
	}
	assert_true(store_valid_lang("nl") && store_valid_lang("nld") &&
	    store_valid_lang("nl-BE"));
	snprintf(b.default_lang, sizeof(b.default_lang), "nl-BE");
	snprintf(b.timezone, sizeof(b.timezone), "Europe/../../etc; x");
	assert_int_equal(store_brand_add(f->st, &b, why, sizeof(why)), -1);
	assert_int_equal(store_brand_get(f->st, "other", &got),
	    STORE_NOTFOUND);

	assert_int_equal(store_brand_get(f->st, "runfast", &got), 0);
	assert_string_equal(got.name, "runfast");
	assert_string_equal(got.default_lang, "nl");
	assert_string_equal(got.timezone, "Europe/Amsterdam");

	assert_int_equal(store_brand_country_lang(f->st, "runfast", "BE",
	    lang), STORE_NOTFOUND);
	assert_int_equal(store_brand_country_lang_set(f->st, "runfast", "BE",
	    "fr"), 0);
	assert_int_equal(store_brand_country_lang_set(f->st, "runfast", "BE",
	    "nl"), 0);
	assert_int_equal(store_brand_country_lang(f->st, "runfast", "BE",
	    lang), 0);
	assert_string_equal(lang, "nl");
	assert_int_equal(store_brand_country_lang_set(f->st, "runfast", "be",
	    "nl"), -1);
	assert_int_equal(store_brand_country_lang_set(f->st, "nobody", "BE",
	    "nl"), -1);
}

static void
test_keys(void **state)
{
	struct fixture *f = *state;
	char why[256], brand[STORE_MAX_NAME + 1];
	const char *h1 =
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	const char *h2 =
	    "1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	add_brand(f->st, "runfast");
	assert_int_equal(store_key_add(f->st, "runfast", h1, why,
	    sizeof(why)), 0);
	assert_int_equal(store_key_brand(f->st, h1, brand), 0);
	assert_string_equal(brand, "runfast");
	assert_int_equal(store_key_brand(f->st, h2, brand), STORE_NOTFOUND);
	assert_int_equal(store_key_add(f->st, "runfast", h1, why,
	    sizeof(why)), -1);
	assert_string_equal(why, "this key exists");
	assert_int_equal(store_key_add(f->st, "nobody", h2, why,
	    sizeof(why)), -1);
	assert_string_equal(why, "no brand nobody");
	/* Uppercase, short, long, not hex. */
	assert_int_equal(store_key_add(f->st, "runfast",
	    "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
	    why, sizeof(why)), -1);
	assert_int_equal(store_key_add(f->st, "runfast", "0123", why,
	    sizeof(why)), -1);
	assert_int_equal(store_key_add(f->st, "runfast",
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
	    why, sizeof(why)), -1);
	assert_int_equal(store_key_brand(f->st, "' OR 1=1 --", brand), -1);
}

static void
test_secrets(void **state)
{
	struct fixture *f = *state;
	uint8_t s1[32], s2[64], got[STORE_MAX_SECRET], big[65];
	char kid[STORE_MAX_KID + 1];
	size_t len;
	sqlite3 *db;

	memset(s1, 0x11, sizeof(s1));
	memset(s2, 0x22, sizeof(s2));
	memset(big, 0x33, sizeof(big));
	add_brand(f->st, "runfast");
	assert_int_equal(store_secret_current(f->st, "runfast", kid, got,
	    &len), STORE_NOTFOUND);
	assert_int_equal(store_secret_add(f->st, "runfast", "k1", s1,
	    sizeof(s1)), 0);
	assert_int_equal(store_secret_add(f->st, "runfast", "k2", s2,
	    sizeof(s2)), 0);
	/* Same second: the later row is current. */
	assert_int_equal(store_secret_current(f->st, "runfast", kid, got,
	    &len), 0);
	assert_string_equal(kid, "k2");
	assert_int_equal(len, 64);
	assert_memory_equal(got, s2, 64);
	assert_int_equal(store_secret_get(f->st, "runfast", "k1", got, &len),
	    0);
	assert_int_equal(len, 32);
	assert_memory_equal(got, s1, 32);
	assert_int_equal(store_secret_get(f->st, "runfast", "k3", got, &len),
	    STORE_NOTFOUND);
	/* The newest created wins over the rowid. */
	db = raw_open(f->path);
	raw_exec(db, "UPDATE secrets SET created = created + 100 "
	    "WHERE kid = 'k1'");
	sqlite3_close(db);
	assert_int_equal(store_secret_current(f->st, "runfast", kid, got,
	    &len), 0);
	assert_string_equal(kid, "k1");
	/* Limits and names. */
	assert_int_equal(store_secret_add(f->st, "runfast", "k4", big,
	    sizeof(big)), -1);
	assert_int_equal(store_secret_add(f->st, "runfast", "k4", s1, 0), -1);
	assert_int_equal(store_secret_add(f->st, "runfast",
	    "k123456789abcdefg", s1, 1), -1);
	assert_int_equal(store_secret_add(f->st, "runfast", "k1", s1, 1), -1);
	assert_int_equal(store_secret_add(f->st, "nobody", "k1", s1, 1), -1);
}

static void
test_touchpoints(void **state)
{
	struct fixture *f = *state;
	char names[8][STORE_MAX_NAME + 1];
	size_t n;

	add_brand(f->st, "runfast");
	add_brand(f->st, "other");
	assert_int_equal(store_touchpoints(f->st, "runfast", "shipped", names,
	    8, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_touchpoint_set(f->st, "runfast", "shipped",
	    "voorpret", 1), 0);
	assert_int_equal(store_touchpoint_set(f->st, "runfast", "shipped",
	    "tips", 1), 0);
	assert_int_equal(store_touchpoint_set(f->st, "runfast", "shipped",
	    "nps", 1), 0);
	assert_int_equal(store_touchpoint_set(f->st, "runfast", "delivered",
	    "nps", 1), 0);
	assert_int_equal(store_touchpoint_set(f->st, "other", "shipped",
	    "nps", 1), 0);
	assert_int_equal(store_touchpoints(f->st, "runfast", "shipped", names,
	    8, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(names[0], "voorpret");
	assert_string_equal(names[1], "tips");
	assert_string_equal(names[2], "nps");
	/* Disabling hides; enabling again keeps the old place. */
	assert_int_equal(store_touchpoint_set(f->st, "runfast", "shipped",
	    "tips", 0), 0);
	assert_int_equal(store_touchpoints(f->st, "runfast", "shipped", names,
	    8, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(names[1], "nps");
	assert_int_equal(store_touchpoint_set(f->st, "runfast", "shipped",
	    "tips", 1), 0);
	assert_int_equal(store_touchpoints(f->st, "runfast", "shipped", names,
	    2, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "voorpret");
	assert_string_equal(names[1], "tips");
	assert_int_equal(store_touchpoints(f->st, "other", "shipped", names,
	    8, &n), 0);
	assert_int_equal(n, 1);
	/* Bad names, missing brand. */
	assert_int_equal(store_touchpoint_set(f->st, "runfast", "Shipped",
	    "x", 1), -1);
	assert_int_equal(store_touchpoint_set(f->st, "runfast", "shipped",
	    "../x", 1), -1);
	assert_int_equal(store_touchpoint_set(f->st, "nobody", "shipped",
	    "x", 1), -1);
	assert_non_null(strstr(store_errmsg(f->st), "FOREIGN KEY"));
	assert_int_equal(store_touchpoints(f->st, "runfast", "", names, 8,
	    &n), -1);
}

/* --- copy and content --------------------------------------------------- */

static void
test_messages(void **state)
{
	struct fixture *f = *state;
	const char *t;
	char big[STORE_MAX_TEXT + 2];
	sqlite3 *db;

	add_brand(f->st, "runfast");
	assert_int_equal(store_msg_get(f->st, "runfast", "nl", "a.b", f->a,
	    &t), STORE_NOTFOUND);
	assert_null(t);
	assert_int_equal(store_msg_put(f->st, "", "nl", "voorpret.title",
	    "Bijna daar"), 0);
	assert_int_equal(store_msg_put(f->st, "", "en", "voorpret.title",
	    "Almost there"), 0);
	assert_int_equal(store_msg_get(f->st, "runfast", "nl",
	    "voorpret.title", f->a, &t), 0);
	assert_string_equal(t, "Bijna daar");
	assert_int_equal(store_msg_put(f->st, "runfast", "nl",
	    "voorpret.title", "Bijna bij jou!"), 0);
	assert_int_equal(store_msg_get(f->st, "runfast", "nl",
	    "voorpret.title", f->a, &t), 0);
	assert_string_equal(t, "Bijna bij jou!");
	assert_int_equal(store_msg_get(f->st, "", "nl", "voorpret.title",
	    f->a, &t), 0);
	assert_string_equal(t, "Bijna daar");
	assert_int_equal(store_msg_get(f->st, "runfast", "en",
	    "voorpret.title", f->a, &t), 0);
	assert_string_equal(t, "Almost there");
	assert_int_equal(store_msg_get(f->st, "runfast", "de",
	    "voorpret.title", f->a, &t), STORE_NOTFOUND);
	/* Replacing keeps one row. */
	assert_int_equal(store_msg_put(f->st, "runfast", "nl",
	    "voorpret.title", "Nieuw"), 0);
	assert_int_equal(store_msg_get(f->st, "runfast", "nl",
	    "voorpret.title", f->a, &t), 0);
	assert_string_equal(t, "Nieuw");
	/* Refusals: unknown brand, bad key, bad UTF-8, too long. */
	assert_int_equal(store_msg_put(f->st, "nobody", "nl", "k", "x"), -1);
	assert_non_null(strstr(store_errmsg(f->st), "no such brand"));
	assert_int_equal(store_msg_put(f->st, "runfast", "nl", "a b", "x"),
	    -1);
	assert_int_equal(store_msg_put(f->st, "runfast", "nl", "k",
	    "\xc3\x28"), -1);
	assert_int_equal(store_msg_put(f->st, "runfast", "nl", "k",
	    "\xed\xa0\x80"), -1);
	assert_int_equal(store_msg_put(f->st, "runfast", "nl", "k",
	    "\xc0\xaf"), -1);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(store_msg_put(f->st, "runfast", "nl", "k", big), -1);
	big[STORE_MAX_TEXT] = '\0';
	assert_int_equal(store_msg_put(f->st, "runfast", "nl", "k", big), 0);
	assert_int_equal(store_msg_get(f->st, "runfast", "NL", "k", f->a, &t),
	    -1);
	/* Deleting a brand deletes its copy, not the defaults. */
	db = raw_open(f->path);
	raw_exec(db, "PRAGMA foreign_keys = ON; "
	    "DELETE FROM brands WHERE name = 'runfast'");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM messages WHERE "
	    "brand = 'runfast'"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM messages WHERE "
	    "brand = ''"), 2);
	sqlite3_close(db);
}

static void
test_content(void **state)
{
	struct fixture *f = *state;
	const char *rows[8];
	size_t n;

	add_brand(f->st, "runfast");
	add_brand(f->st, "other");
	assert_int_equal(store_content_add(f->st, "", "tips", "running-shoes",
	    "nl", 2, "default 2"), 0);
	assert_int_equal(store_content_add(f->st, "", "tips", "running-shoes",
	    "nl", 0, "default 0"), 0);
	assert_int_equal(store_content_add(f->st, "", "tips", "running-shoes",
	    "nl", 1, "default 1"), 0);
	assert_int_equal(store_content_add(f->st, "runfast", "tips",
	    "running-shoes", "nl", 7, "brand 7"), 0);
	assert_int_equal(store_content_add(f->st, "runfast", "tips",
	    "running-shoes", "nl", 3, "brand 3"), 0);
	assert_int_equal(store_content_get(f->st, "runfast", "tips",
	    "running-shoes", "nl", f->a, rows, 8, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0], "brand 3");
	assert_string_equal(rows[1], "brand 7");
	assert_int_equal(store_content_get(f->st, "other", "tips",
	    "running-shoes", "nl", f->a, rows, 8, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0], "default 0");
	assert_string_equal(rows[2], "default 2");
	assert_int_equal(store_content_get(f->st, "other", "tips",
	    "running-shoes", "nl", f->a, rows, 2, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[1], "default 1");
	assert_int_equal(store_content_get(f->st, "other", "tips",
	    "running-shoes", "en", f->a, rows, 8, &n), STORE_NOTFOUND);
	assert_int_equal(n, 0);
	/* Duplicate position, range, names. */
	assert_int_equal(store_content_add(f->st, "", "tips", "running-shoes",
	    "nl", 2, "again"), -1);
	assert_int_equal(store_content_add(f->st, "", "tips", "x", "nl", -1,
	    "b"), -1);
	assert_int_equal(store_content_add(f->st, "", "tips", "x", "nl",
	    10000, "b"), -1);
	assert_int_equal(store_content_add(f->st, "", "Tips", "x", "nl", 1,
	    "b"), -1);
	assert_int_equal(store_content_add(f->st, "nobody", "tips", "x", "nl",
	    1, "b"), -1);
	/* Clearing a dataset of one brand leaves the defaults. */
	assert_int_equal(store_content_clear(f->st, "runfast", "tips"), 0);
	assert_int_equal(store_content_get(f->st, "runfast", "tips",
	    "running-shoes", "nl", f->a, rows, 8, &n), 0);
	assert_int_equal(n, 3);
}

static void
test_data_version(void **state)
{
	struct fixture *f = *state;
	int64_t v0, v1;
	sqlite3 *db;

	v0 = store_data_version(f->st);
	assert_true(v0 >= 0);
	/* Our own writes do not change it... */
	add_brand(f->st, "runfast");
	assert_true(store_data_version(f->st) == v0);
	/* ...another connection's commit does. */
	db = raw_open(f->path);
	raw_exec(db, "INSERT INTO messages (brand, lang, key, text) "
	    "VALUES ('', 'nl', 'k', 'v')");
	sqlite3_close(db);
	v1 = store_data_version(f->st);
	assert_true(v1 != v0);
	assert_true(store_data_version(f->st) == v1);
}

/* A statement left stepping, a transaction left open: ended, counted. */
static void
test_end_request(void **state)
{
	struct fixture *f = *state;
	sqlite3_stmt *s;

	assert_int_equal(store_end_request(f->st), 0);
	add_brand(f->st, "runfast");
	add_brand(f->st, "walkfast");
	s = store_prepare(f->st, "SELECT name FROM brands");
	assert_non_null(s);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_true(sqlite3_stmt_busy(s));
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_end_request(f->st), 2);
	assert_false(sqlite3_stmt_busy(s));
	assert_true(sqlite3_get_autocommit(store_db(f->st)));
	assert_int_equal(store_end_request(f->st), 0);
}

/*
 * Host modules hold more statements than any fixed table would: every
 * one of them keeps working, each from its own cache slot.  (A table of
 * 32 once made the console lose logouts in a worker that had served
 * enough different pages.)
 */
static void
test_prepare_many(void **state)
{
	struct fixture *f = *state;
	static char sql[300][32];
	sqlite3_stmt *s[300];
	size_t i;

	for (i = 0; i < 300; i++) {
		snprintf(sql[i], sizeof(sql[i]), "SELECT %zu", i);
		s[i] = store_prepare(f->st, sql[i]);
		assert_non_null(s[i]);
		assert_int_equal(sqlite3_step(s[i]), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int64(s[i], 0), (int64_t)i);
	}
	for (i = 0; i < 300; i++) {
		assert_ptr_equal(store_prepare(f->st, sql[i]), s[i]);
		assert_false(sqlite3_stmt_busy(s[i]));
		assert_int_equal(sqlite3_step(s[i]), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int64(s[i], 0), (int64_t)i);
	}
	assert_int_equal(store_end_request(f->st), 300);
	/* Bad SQL: NULL, a reason, and the cache still serves the rest. */
	assert_null(store_prepare(f->st, "SELEC 1"));
	assert_non_null(strstr(store_errmsg(f->st), "cannot prepare"));
	assert_ptr_equal(store_prepare(f->st, sql[7]), s[7]);
}

static void
test_transactions_readonly(void **state)
{
	struct fixture *f = *state;
	struct store *ro = NULL;
	struct store_brand b;
	const char *t;
	char why[256];

	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_msg_put(f->st, "", "nl", "k", "v"), 0);
	store_rollback(f->st);
	assert_int_equal(store_msg_get(f->st, "", "nl", "k", f->a, &t),
	    STORE_NOTFOUND);
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_msg_put(f->st, "", "nl", "k", "v"), 0);
	assert_int_equal(store_commit(f->st), 0);
	assert_int_equal(store_msg_get(f->st, "", "nl", "k", f->a, &t), 0);

	assert_int_equal(store_open(&ro, f->path, STORE_READONLY, why,
	    sizeof(why)), 0);
	assert_int_equal(store_msg_get(ro, "", "nl", "k", f->a, &t), 0);
	assert_string_equal(t, "v");
	memset(&b, 0, sizeof(b));
	snprintf(b.name, sizeof(b.name), "x");
	snprintf(b.default_lang, sizeof(b.default_lang), "nl");
	snprintf(b.timezone, sizeof(b.timezone), "UTC");
	assert_int_equal(store_brand_add(ro, &b, why, sizeof(why)), -1);
	store_close(ro);
}

static void
test_utf8(void **state)
{
	(void)state;
	assert_true(store_valid_utf8("", 0));
	assert_true(store_valid_utf8("Hallo wereld, caf\xc3\xa9 \xe2\x82\xac "
	    "\xf0\x9f\x91\x9f", 24));
	assert_false(store_valid_utf8("a\0b", 3));
	assert_false(store_valid_utf8("\xff", 1));
	assert_false(store_valid_utf8("\xe2\x82", 2));
	assert_false(store_valid_utf8("\xe0\x80\xaf", 3));
	assert_false(store_valid_utf8("\xf4\x90\x80\x80", 4));
	assert_false(store_valid_utf8("\xf0\x8f\xbf\xbf", 4));
	assert_true(store_valid_key("voorpret.countdown"));
	assert_false(store_valid_key("voorpret countdown"));
	assert_false(store_valid_key(""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_migrate, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reopen_no_rerun, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_open_refusals, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_broken_migration, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_brands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secrets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_touchpoints, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_messages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_content, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_version, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_end_request, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_prepare_many, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_transactions_readonly,
		    setup, teardown),
		cmocka_unit_test(test_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
