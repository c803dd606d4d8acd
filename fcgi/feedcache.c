/*
 * feedcache.c - the feed_cache table (see feedcache.h).
 */
#include <string.h>

#include <sqlite3.h>

#include "arena.h"
#include "feedcache.h"
#include "store.h"

static const char sql_get[] =
	"SELECT status, body, etag, last_modified, fetched, checked"
	" FROM feed_cache WHERE brand = ?1 AND feed = ?2 AND key = ?3";
static const char sql_put[] =
	"INSERT OR REPLACE INTO feed_cache (brand, feed, key, status, body,"
	" etag, last_modified, fetched, checked)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_confirm[] =
	"UPDATE feed_cache SET fetched = ?4, checked = ?4"
	" WHERE brand = ?1 AND feed = ?2 AND key = ?3 AND status = 200";
static const char sql_failed[] =
	"INSERT INTO feed_cache (brand, feed, key, status, fetched, checked)"
	" VALUES (?1, ?2, ?3, 0, ?4, ?4)"
	" ON CONFLICT (brand, feed, key) DO UPDATE SET checked = ?4";

static int
bind_key(sqlite3_stmt *s, const char *brand, const char *feed,
    const char *key)
{
	return sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC) ==
	    SQLITE_OK && sqlite3_bind_text(s, 2, feed, -1, SQLITE_STATIC) ==
	    SQLITE_OK && sqlite3_bind_text(s, 3, key, -1, SQLITE_STATIC) ==
	    SQLITE_OK ? 0 : -1;
}

/* Done with s: no read snapshot, no pointers to the caller's strings. */
static int
finish(sqlite3_stmt *s, int rc)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc;
}

static const char *
column_dup(sqlite3_stmt *s, int col, struct arena *a, size_t *len)
{
	const unsigned char *v = sqlite3_column_text(s, col);
	size_t n = (size_t)sqlite3_column_bytes(s, col);

	if (v == NULL)
		return NULL;
	if (len != NULL)
		*len = n;
	return arena_strndup(a, (const char *)v, n);
}

int
feedcache_get(struct store *st, const char *brand, const char *feed,
    const char *key, struct arena *a, struct feedcache_row *row)
{
	sqlite3_stmt *s;
	int rc;

	memset(row, 0, sizeof(*row));
	if ((s = store_prepare(st, sql_get)) == NULL)
		return -1;
	if (bind_key(s, brand, feed, key) == -1)
		return finish(s, -1);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return finish(s, STORE_NOTFOUND);
	if (rc != SQLITE_ROW)
		return finish(s, -1);
	row->status = sqlite3_column_int(s, 0);
	row->fetched = sqlite3_column_int64(s, 4);
	row->checked = sqlite3_column_int64(s, 5);
	if ((sqlite3_column_type(s, 1) != SQLITE_NULL &&
	    (row->body = column_dup(s, 1, a, &row->len)) == NULL) ||
	    (sqlite3_column_type(s, 2) != SQLITE_NULL &&
	    (row->etag = column_dup(s, 2, a, NULL)) == NULL) ||
	    (sqlite3_column_type(s, 3) != SQLITE_NULL &&
	    (row->last_modified = column_dup(s, 3, a, NULL)) == NULL))
		return finish(s, -1);
	return finish(s, 0);
}

/* A validator: "" and NULL both mean none. */
static int
bind_validator(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

int
feedcache_put(struct store *st, const char *brand, const char *feed,
    const char *key, const struct feedcache_row *row)
{
	sqlite3_stmt *s;

	if (row->len > INT32_MAX)
		return -1;
	if ((s = store_prepare(st, sql_put)) == NULL)
		return -1;
	if (bind_key(s, brand, feed, key) == -1 ||
	    sqlite3_bind_int(s, 4, row->status) != SQLITE_OK ||
	    (row->body != NULL ? sqlite3_bind_text(s, 5, row->body,
	    (int)row->len, SQLITE_STATIC) : sqlite3_bind_null(s, 5)) !=
	    SQLITE_OK ||
	    bind_validator(s, 6, row->etag) != SQLITE_OK ||
	    bind_validator(s, 7, row->last_modified) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 8, row->fetched) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 9, row->checked) != SQLITE_OK)
		return finish(s, -1);
	return finish(s, sqlite3_step(s) == SQLITE_DONE ? 0 : -1);
}

int
feedcache_confirm(struct store *st, const char *brand, const char *feed,
    const char *key, int64_t now)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, sql_confirm)) == NULL)
		return -1;
	if (bind_key(s, brand, feed, key) == -1 ||
	    sqlite3_bind_int64(s, 4, now) != SQLITE_OK)
		return finish(s, -1);
	if (sqlite3_step(s) != SQLITE_DONE)
		return finish(s, -1);
	return finish(s, sqlite3_changes(store_db(st)) == 1 ? 0 :
	    STORE_NOTFOUND);
}

int
feedcache_failed(struct store *st, const char *brand, const char *feed,
    const char *key, int64_t now)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, sql_failed)) == NULL)
		return -1;
	if (bind_key(s, brand, feed, key) == -1 ||
	    sqlite3_bind_int64(s, 4, now) != SQLITE_OK)
		return finish(s, -1);
	return finish(s, sqlite3_step(s) == SQLITE_DONE ? 0 : -1);
}
