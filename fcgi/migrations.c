/*
 * migrations.c - the schema of the store, one numbered step at a time.
 * Never edit a step that shipped: append a new one.
 */
#include <stdio.h>

#include <sqlite3.h>

#include "migrations.h"

#define NOW	"(CAST(strftime('%s', 'now') AS INTEGER))"

/*
 * 1: brands, credentials, touchpoints, copy and content.
 *
 * messages and content carry brand '' for the shared defaults every
 * brand falls back to.  '' is not a brand, so these two tables cannot
 * have a foreign key to brands (it would need a fake '' brand that could
 * then get keys and touchpoints).  Triggers give the same guarantees: a
 * row names '' or an existing brand, and deleting a brand deletes its
 * rows.
 */
static const char m1[] =
	"CREATE TABLE brands ("
	" name TEXT PRIMARY KEY NOT NULL,"
	" default_lang TEXT NOT NULL,"
	" timezone TEXT NOT NULL,"
	" created INTEGER NOT NULL DEFAULT " NOW
	") STRICT;"
	"CREATE TABLE brand_country_langs ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" country TEXT NOT NULL,"
	" lang TEXT NOT NULL,"
	" PRIMARY KEY (brand, country)"
	") STRICT;"
	"CREATE TABLE api_keys ("
	" hash TEXT PRIMARY KEY NOT NULL,"
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" created INTEGER NOT NULL DEFAULT " NOW
	") STRICT;"
	"CREATE INDEX api_keys_brand ON api_keys(brand);"
	"CREATE TABLE secrets ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" kid TEXT NOT NULL,"
	" secret BLOB NOT NULL CHECK (length(secret) BETWEEN 1 AND 64),"
	" created INTEGER NOT NULL DEFAULT " NOW ","
	" PRIMARY KEY (brand, kid)"
	") STRICT;"
	"CREATE TABLE touchpoints ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" stage TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),"
	" position INTEGER NOT NULL,"
	" PRIMARY KEY (brand, stage, name)"
	") STRICT;"
	"CREATE TABLE messages ("
	" brand TEXT NOT NULL,"
	" lang TEXT NOT NULL,"
	" key TEXT NOT NULL,"
	" text TEXT NOT NULL,"
	" PRIMARY KEY (brand, lang, key)"
	") STRICT;"
	"CREATE TABLE content ("
	" brand TEXT NOT NULL,"
	" dataset TEXT NOT NULL,"
	" key TEXT NOT NULL,"
	" lang TEXT NOT NULL,"
	" position INTEGER NOT NULL,"
	" body TEXT NOT NULL,"
	" PRIMARY KEY (brand, dataset, key, lang, position)"
	") STRICT;"
	"CREATE TRIGGER messages_brand_ins BEFORE INSERT ON messages"
	" WHEN NEW.brand <> '' AND NOT EXISTS"
	"  (SELECT 1 FROM brands WHERE name = NEW.brand)"
	" BEGIN SELECT RAISE(ABORT, 'no such brand'); END;"
	"CREATE TRIGGER messages_brand_upd BEFORE UPDATE OF brand ON messages"
	" WHEN NEW.brand <> '' AND NOT EXISTS"
	"  (SELECT 1 FROM brands WHERE name = NEW.brand)"
	" BEGIN SELECT RAISE(ABORT, 'no such brand'); END;"
	"CREATE TRIGGER content_brand_ins BEFORE INSERT ON content"
	" WHEN NEW.brand <> '' AND NOT EXISTS"
	"  (SELECT 1 FROM brands WHERE name = NEW.brand)"
	" BEGIN SELECT RAISE(ABORT, 'no such brand'); END;"
	"CREATE TRIGGER content_brand_upd BEFORE UPDATE OF brand ON content"
	" WHEN NEW.brand <> '' AND NOT EXISTS"
	"  (SELECT 1 FROM brands WHERE name = NEW.brand)"
	" BEGIN SELECT RAISE(ABORT, 'no such brand'); END;"
	"CREATE TRIGGER brands_del AFTER DELETE ON brands"
	" BEGIN"
	"  DELETE FROM messages WHERE brand = OLD.name;"
	"  DELETE FROM content WHERE brand = OLD.name;"
	" END;";

/* 2: brand settings, read by plugins through host->setting (ABI 1.1). */
static const char m2[] =
	"CREATE TABLE brand_settings ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" key TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" PRIMARY KEY (brand, key)"
	") STRICT;";

/*
 * The features' own tables live beside their code (schema_*.c), so each
 * can change its schema without touching the others; the order here is
 * the order they ran in and never changes.
 */
const char *const migrations_steps[] = {
	m1,
	m2,
	schema_links,		/* 3: tracked links and clicks (share) */
	schema_codes,		/* 4: codes: recycling returns */
	schema_clubs,		/* 5: clubs, events, postcode centroids */
	schema_feeds,		/* 6: fetch cache of brand feeds (manual) */
	schema_admin,		/* 7: console users, sessions, audit */
	schema_admin_grid,	/* 8: schedules and caps of touchpoints */
	schema_admin_made_in,	/* 9: which brand's admin made a user */
};
const int migrations_count =
    (int)(sizeof(migrations_steps) / sizeof(migrations_steps[0]));

int
migrations_version(sqlite3 *db, int *version)
{
	sqlite3_stmt *s;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*version = sqlite3_column_int(s, 0);
		rc = 0;
	}
	sqlite3_finalize(s);
	return rc;
}

static void
say(char *why, size_t whylen, const char *what, sqlite3 *db)
{
	if (why != NULL && whylen > 0)
		snprintf(why, whylen, "%s: %s", what, sqlite3_errmsg(db));
}

static void
rollback(sqlite3 *db)
{
	/* Some errors (SQLITE_FULL, IOERR, NOMEM) already rolled back. */
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Run step v (0-based) inside the open transaction and bump the version. */
static int
run_step(sqlite3 *db, const char *sql, int v, char *why, size_t whylen)
{
	char bump[64], what[64];

	snprintf(what, sizeof(what), "migration %d failed", v + 1);
	if (sql == NULL || sqlite3_exec(db, sql, NULL, NULL, NULL) !=
	    SQLITE_OK) {
		say(why, whylen, what, db);
		return -1;
	}
	snprintf(bump, sizeof(bump), "PRAGMA user_version = %d", v + 1);
	if (sqlite3_exec(db, bump, NULL, NULL, NULL) != SQLITE_OK) {
		say(why, whylen, what, db);
		return -1;
	}
	return 0;
}

int
migrations_run(sqlite3 *db, const char *const *steps, int n, char *why,
    size_t whylen)
{
	int v;

	for (;;) {
		/*
		 * The version is read inside the write transaction, so two
		 * processes migrating at once never run a step twice.
		 */
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
		    SQLITE_OK) {
			say(why, whylen, "cannot start migration", db);
			return -1;
		}
		if (migrations_version(db, &v) == -1) {
			say(why, whylen, "cannot read schema version", db);
			goto out_rollback;
		}
		if (v > n) {
			if (why != NULL && whylen > 0)
				snprintf(why, whylen, "store schema is version "
				    "%d, newer than this ppx knows (%d): "
				    "upgrade ppx", v, n);
			goto out_rollback;
		}
		if (v == n)
			break;
		if (run_step(db, steps[v], v, why, whylen) == -1)
			goto out_rollback;
		if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			say(why, whylen, "cannot commit migration", db);
			goto out_rollback;
		}
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		say(why, whylen, "cannot commit", db);
		goto out_rollback;
	}
	return 0;
out_rollback:
	rollback(db);
	return -1;
}
