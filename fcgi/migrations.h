/*
 * migrations.h - numbered schema changes of the store.
 *
 * Migration i (1-based) is migrations_steps[i - 1]; PRAGMA user_version
 * is the number of migrations that ran.  Each step runs in its own
 * transaction together with its user_version bump, so a step either
 * lands whole or not at all.  A step must not contain BEGIN/COMMIT.
 */
#ifndef PPX_MIGRATIONS_H
#define PPX_MIGRATIONS_H

#include <stddef.h>
#include <sqlite3.h>

extern const char *const migrations_steps[];
extern const int migrations_count;

/*
 * Bring db from its user_version up to n by running steps[v..n-1].
 * 0 when db is at version n afterwards; -1 with why when a step fails
 * (that step is rolled back, earlier ones stay) or when db is newer
 * than n.  The store calls it with migrations_steps; tests may pass
 * their own list.
 */
int	 migrations_run(sqlite3 *db, const char *const *steps, int n,
	    char *why, size_t whylen);
/* OUT: *version, the PRAGMA user_version of db.  0 or -1. */
int	 migrations_version(sqlite3 *db, int *version);

/* The schemas of the features, one migration each (fcgi/schema_*.c). */
extern const char schema_links[];
extern const char schema_codes[];
extern const char schema_clubs[];
extern const char schema_feeds[];
extern const char schema_admin[];
extern const char schema_admin_grid[];
extern const char schema_admin_made_in[];

#endif
