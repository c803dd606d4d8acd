/*
 * admin_session.c - sessions in the store, cookies on the wire.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "admin_session.h"
#include "arena.h"
#include "store.h"

static int
run(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
admin_session_new(struct store *st, int64_t user_id, int64_t now,
    char id[ADMIN_TOKEN_LEN + 1], struct admin_session *out)
{
	char hash[ADMIN_TOKEN_HASH_LEN + 1];
	sqlite3_stmt *s;

	memset(out, 0, sizeof(*out));
	if (admin_token_new(id) == -1 || admin_token_new(out->csrf) == -1 ||
	    admin_token_hash(id, hash) == -1)
		return -1;
	if ((s = store_prepare(st, "INSERT INTO sessions (hash, user_id, "
	    "csrf, created, seen) VALUES (?1, ?2, ?3, ?4, ?4)")) == NULL ||
	    sqlite3_bind_text(s, 1, hash, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 2, user_id) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, out->csrf, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 4, now) != SQLITE_OK || run(s) == -1)
		return -1;
	out->user_id = user_id;
	out->created = now;
	out->seen = now;
	return 0;
}

static int
delete_hash(struct store *st, const char *hash)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, "DELETE FROM sessions WHERE hash = ?1"))
	    == NULL ||
	    sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	return run(s);
}

static int
expired(const struct admin_session *se, int64_t now)
{
	return now - se->seen >= ADMIN_SESSION_IDLE ||
	    now - se->created >= ADMIN_SESSION_ABSOLUTE || now < se->created;
}

int
admin_session_get(struct store *st, const char *id, int64_t now,
    struct admin_session *out)
{
	char hash[ADMIN_TOKEN_HASH_LEN + 1];
	const unsigned char *csrf;
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!admin_token_valid(id))
		return STORE_NOTFOUND;
	if (admin_token_hash(id, hash) == -1)
		return -1;
	if ((s = store_prepare(st, "SELECT user_id, csrf, created, seen "
	    "FROM sessions WHERE hash = ?1")) == NULL ||
	    sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->user_id = sqlite3_column_int64(s, 0);
		if ((csrf = sqlite3_column_text(s, 1)) != NULL)
			snprintf(out->csrf, sizeof(out->csrf), "%s",
			    (const char *)csrf);
		out->created = sqlite3_column_int64(s, 2);
		out->seen = sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	if (rc != SQLITE_ROW)
		return -1;
	if (expired(out, now)) {
		delete_hash(st, hash);
		memset(out, 0, sizeof(*out));
		return STORE_NOTFOUND;
	}
	/*
	 * A write bumps PRAGMA data_version and so empties every worker's
	 * brand cache: note the visit once a minute, not per request.
	 */
	if (now - out->seen >= ADMIN_SESSION_TOUCH) {
		if ((s = store_prepare(st, "UPDATE sessions SET seen = ?2 "
		    "WHERE hash = ?1")) == NULL ||
		    sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC) !=
		    SQLITE_OK || sqlite3_bind_int64(s, 2, now) != SQLITE_OK ||
		    run(s) == -1)
			return -1;
		out->seen = now;
	}
	return 0;
}

int
admin_session_end(struct store *st, const char *id)
{
	char hash[ADMIN_TOKEN_HASH_LEN + 1];

	if (!admin_token_valid(id))
		return 0;
	if (admin_token_hash(id, hash) == -1)
		return -1;
	return delete_hash(st, hash);
}

int
admin_session_end_others(struct store *st, int64_t user_id, const char *id)
{
	char hash[ADMIN_TOKEN_HASH_LEN + 1];
	sqlite3_stmt *s;

	if (id == NULL)
		hash[0] = '\0';	/* no session is kept */
	else if (!admin_token_valid(id) || admin_token_hash(id, hash) == -1)
		return -1;
	if ((s = store_prepare(st, "DELETE FROM sessions WHERE user_id = ?1 "
	    "AND hash != ?2")) == NULL ||
	    sqlite3_bind_int64(s, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	return run(s);
}

int
admin_session_sweep(struct store *st, int64_t now)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, "DELETE FROM sessions WHERE "
	    "?1 - seen >= ?2 OR ?1 - created >= ?3")) == NULL ||
	    sqlite3_bind_int64(s, 1, now) != SQLITE_OK ||
	    sqlite3_bind_int(s, 2, ADMIN_SESSION_IDLE) != SQLITE_OK ||
	    sqlite3_bind_int(s, 3, ADMIN_SESSION_ABSOLUTE) != SQLITE_OK)
		return -1;
	return run(s);
}

int
admin_cookie_get(const char *header, const char *name, char *out,
    size_t outlen)
{
	size_t nlen = strlen(name), vlen;
	const char *p = header, *end;

	if (header == NULL)
		return 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			p += nlen + 1;
			vlen = (size_t)(end - p);
			while (vlen > 0 && p[vlen - 1] == ' ')
				vlen--;
			if (vlen + 1 > outlen)
				return 0;
			memcpy(out, p, vlen);
			out[vlen] = '\0';
			return 1;
		}
		p = end;
	}
	return 0;
}

char *
admin_cookie_set(struct arena *a, const char *name, const char *value,
    int secure)
{
	return arena_printf(a, "%s=%s; Path=/admin; HttpOnly; "
	    "SameSite=Strict%s%s", name, value != NULL ? value : "",
	    value == NULL ? "; Max-Age=0" : "", secure ? "; Secure" : "");
}
