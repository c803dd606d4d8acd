/*
 * admin_audit.c - appending to the audit log.
 */
#include <sqlite3.h>

#include "admin_audit.h"
#include "store.h"

static int
bind_cut(sqlite3_stmt *s, int i, const char *v)
{
	int len = 0;

	if (v == NULL)
		v = "";
	/* Cut on a UTF-8 boundary so the row stays valid text. */
	while (v[len] != '\0' && len < ADMIN_AUDIT_MAX_TEXT)
		len++;
	while (len > 0 && v[len] != '\0' && ((unsigned char)v[len] & 0xc0)
	    == 0x80)
		len--;
	return sqlite3_bind_text(s, i, v, len, SQLITE_STATIC);
}

int
admin_audit_add(struct store *st, int64_t now, const char *user,
    const char *brand, const char *what, const char *old,
    const char *new_value)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, "INSERT INTO audit (at, user, brand, "
	    "what, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) == NULL)
		return -1;
	if (sqlite3_bind_int64(s, 1, now) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, user, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 4, what, -1, SQLITE_STATIC) != SQLITE_OK ||
	    bind_cut(s, 5, old) != SQLITE_OK ||
	    bind_cut(s, 6, new_value) != SQLITE_OK) {
		sqlite3_reset(s);
		return -1;
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}
