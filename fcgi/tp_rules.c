/*
 * tp_rules.c - schedules and frequency caps of touchpoints.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "admin_token.h"
#include "log.h"
#include "order.h"
#include "store.h"
#include "tp_rules.h"

static void
copy_col(sqlite3_stmt *s, int i, char *out, size_t len)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	snprintf(out, len, "%s", v != NULL ? (const char *)v : "");
}

int
tp_rules_get(struct store *st, const char *brand, const char *stage,
    const char *name, struct tp_rule *r)
{
	sqlite3_stmt *s;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((s = store_prepare(st, "SELECT starts, ends, cap_days FROM "
	    "touchpoint_rules WHERE brand = ?1 AND stage = ?2 AND "
	    "name = ?3")) == NULL ||
	    sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, stage, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		copy_col(s, 0, r->starts, sizeof(r->starts));
		copy_col(s, 1, r->ends, sizeof(r->ends));
		r->cap_days = sqlite3_column_int(s, 2);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
tp_rules_date_valid(const char *s)
{
	struct tm tm;
	char back[11];
	time_t t;

	if (s[0] == '\0')
		return 1;
	if (strlen(s) != 10 || strspn(s, "0123456789-") != 10 ||
	    s[4] != '-' || s[7] != '-')
		return 0;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday)
	    != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	/* A day that does not exist (02-30) comes back as another. */
	if ((t = timegm(&tm)) == (time_t)-1 || gmtime_r(&t, &tm) == NULL)
		return 0;
	strftime(back, sizeof(back), "%Y-%m-%d", &tm);
	return strcmp(back, s) == 0;
}

static int
bind_or_null(sqlite3_stmt *s, int i, const char *v)
{
	return v[0] == '\0' ? sqlite3_bind_null(s, i) :
	    sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

int
tp_rules_set(struct store *st, const char *brand, const char *stage,
    const char *name, const struct tp_rule *r, char *why, size_t whylen)
{
	sqlite3_stmt *s;
	int rc;

	if (!tp_rules_date_valid(r->starts) || !tp_rules_date_valid(r->ends)) {
		snprintf(why, whylen, "a date must be YYYY-MM-DD");
		return -1;
	}
	if (r->starts[0] != '\0' && r->ends[0] != '\0' &&
	    strcmp(r->starts, r->ends) > 0) {
		snprintf(why, whylen, "the schedule ends before it starts");
		return -1;
	}
	if (r->cap_days < 0 || r->cap_days > TP_RULES_MAX_CAP_DAYS) {
		snprintf(why, whylen, "a cap is 1 to %d days, or none",
		    TP_RULES_MAX_CAP_DAYS);
		return -1;
	}
	if (r->starts[0] == '\0' && r->ends[0] == '\0' && r->cap_days == 0)
		s = store_prepare(st, "DELETE FROM touchpoint_rules WHERE "
		    "brand = ?1 AND stage = ?2 AND name = ?3");
	else
		s = store_prepare(st, "INSERT INTO touchpoint_rules (brand, "
		    "stage, name, starts, ends, cap_days) VALUES (?1, ?2, ?3, "
		    "?4, ?5, ?6) ON CONFLICT (brand, stage, name) DO UPDATE SET "
		    "starts = ?4, ends = ?5, cap_days = ?6");
	if (s == NULL ||
	    sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, stage, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC) != SQLITE_OK) {
		snprintf(why, whylen, "store: %s", store_errmsg(st));
		return -1;
	}
	if (sqlite3_bind_parameter_count(s) > 3 &&
	    (bind_or_null(s, 4, r->starts) != SQLITE_OK ||
	    bind_or_null(s, 5, r->ends) != SQLITE_OK ||
	    (r->cap_days > 0 ? sqlite3_bind_int(s, 6, r->cap_days) :
	    sqlite3_bind_null(s, 6)) != SQLITE_OK)) {
		sqlite3_reset(s);
		snprintf(why, whylen, "store: %s", store_errmsg(st));
		return -1;
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		snprintf(why, whylen, "store: %s", store_errmsg(st));
		return -1;
	}
	return 0;
}

/* The salted hash of an id: the brand's name, a newline, the id. */
static int
salted(const char *brand, const char *id, char out[ADMIN_TOKEN_HASH_LEN + 1])
{
	char buf[512];

	if (snprintf(buf, sizeof(buf), "%s\n%s", brand, id) >=
	    (int)sizeof(buf))
		return -1;
	return admin_token_hash(buf, out);
}

/* NULL: show (and remember); "capped": not now. */
static const char *
cap_check(struct store *st, const char *brand, const char *name,
    const struct order *o, int cap_days, int64_t now)
{
	char who[ADMIN_TOKEN_HASH_LEN + 1], ord[ADMIN_TOKEN_HASH_LEN + 1];
	const unsigned char *last_order;
	sqlite3_stmt *s;
	int64_t last = 0;
	int rc, same = 0, seen = 0;

	if (o == NULL || o->customer_id == NULL || o->customer_id[0] == '\0')
		return NULL;
	if (salted(brand, o->customer_id, who) != 0 ||
	    salted(brand, o->id != NULL ? o->id : "", ord) != 0)
		return NULL;
	if ((s = store_prepare(st, "SELECT order_hash, at FROM cap_seen "
	    "WHERE brand = ?1 AND touchpoint = ?2 AND customer = ?3")) ==
	    NULL ||
	    sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, who, -1, SQLITE_STATIC) != SQLITE_OK)
		return NULL;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		seen = 1;
		last_order = sqlite3_column_text(s, 0);
		same = last_order != NULL &&
		    strcmp((const char *)last_order, ord) == 0;
		last = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (same)
		return NULL;
	if (seen && now - last < (int64_t)cap_days * 86400)
		return "capped";
	if ((s = store_prepare(st, "INSERT INTO cap_seen (brand, touchpoint, "
	    "customer, order_hash, at) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT (brand, touchpoint, customer) DO UPDATE SET "
	    "order_hash = ?4, at = ?5")) == NULL)
		return NULL;
	if (sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, who, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 4, ord, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 5, now) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE)
		log_warn("cap: cannot remember a showing of %s: %s", name,
		    store_errmsg(st));
	sqlite3_reset(s);
	return NULL;
}

const char *
tp_rules_check(struct store *st, const char *brand, const char *stage,
    const char *name, const struct order *o, const char *today,
    int64_t now)
{
	struct tp_rule r;

	if (tp_rules_get(st, brand, stage, name, &r) != 0)
		return NULL;
	/* No date ("": logged by the caller): a schedule holds it back. */
	if ((r.starts[0] != '\0' || r.ends[0] != '\0') && (today[0] == '\0' ||
	    (r.starts[0] != '\0' && strcmp(today, r.starts) < 0) ||
	    (r.ends[0] != '\0' && strcmp(today, r.ends) > 0)))
		return "scheduled";
	if (r.cap_days > 0)
		return cap_check(st, brand, name, o, r.cap_days, now);
	return NULL;
}
