/*
 * admin_grid.c - a brand's stage x touchpoint grid: which touchpoints
 * each email carries, in which order.  A change is one transaction with
 * its audit row; running workers see it at their next request (the brand
 * cache watches PRAGMA data_version).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "admin_audit.h"
#include "admin_http.h"
#include "arena.h"
#include "brandcache.h"
#include "instance.h"
#include "plugin_host.h"
#include "store.h"
#include "tp_rules.h"

struct grid_tp {
	char	name[STORE_MAX_NAME + 1];
	int	on;
};

/*
 * The touchpoints of stage s in the brand's order: those with a row
 * first (by position), then the plugins serving s that have none (off).
 * Rows of plugins that are not loaded are left out.
 */
static int
stage_list(struct admin_req *q, enum stage s, struct grid_tp *out,
    size_t max, size_t *n)
{
	struct plugin_set *ps = q->in->plugins;
	sqlite3_stmt *st;
	const char *name;
	size_t i, j;
	int rc, seen;

	*n = 0;
	if ((st = store_prepare(q->in->store, "SELECT name, enabled FROM "
	    "touchpoints WHERE brand = ?1 AND stage = ?2 "
	    "ORDER BY position, name")) == NULL ||
	    sqlite3_bind_text(st, 1, q->brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, stage_name(s), -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		return -1;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		if (name == NULL || plugin_find(ps, name) == NULL ||
		    !plugin_serves(plugin_find(ps, name), s))
			continue;
		snprintf(out[*n].name, sizeof(out[*n].name), "%s", name);
		out[*n].on = sqlite3_column_int(st, 1) != 0;
		(*n)++;
	}
	sqlite3_reset(st);
	for (i = 0; i < ps->n && *n < max; i++) {
		if (!plugin_serves(&ps->p[i], s))
			continue;
		for (j = 0, seen = 0; j < *n && !seen; j++)
			seen = strcmp(out[j].name, ps->p[i].name) == 0;
		if (seen)
			continue;
		snprintf(out[*n].name, sizeof(out[*n].name), "%s",
		    ps->p[i].name);
		out[*n].on = 0;
		(*n)++;
	}
	return 0;
}

void
admin_view_grid(struct admin_req *q, const char *notice)
{
	struct grid_tp tps[PLUGIN_MAX];
	xmlNodePtr root, grid, stage;
	xmlDocPtr doc;
	size_t n, i;
	int s;

	if ((doc = admin_doc(q, "grid", &root)) == NULL) {
		admin_render(q, NULL, 500);
		return;
	}
	grid = admin_el(root, "grid", "notice", notice, (char *)NULL);
	if (admin_role_allows(q->role, ADMIN_ACT_EDIT))
		xmlNewProp(grid, BAD_CAST "editable", BAD_CAST "1");
	for (s = 0; s < STAGE__MAX; s++) {
		if (stage_list(q, (enum stage)s, tps, PLUGIN_MAX, &n) != 0) {
			xmlFreeDoc(doc);
			admin_fail(q, 500, "cannot read the touchpoints");
			return;
		}
		stage = admin_el(grid, "stage", "name", stage_name(s),
		    (char *)NULL);
		for (i = 0; i < n; i++) {
			struct tp_rule r;
			char cap[8];

			if (tp_rules_get(q->in->store, q->brand,
			    stage_name(s), tps[i].name, &r) != 0)
				memset(&r, 0, sizeof(r));
			snprintf(cap, sizeof(cap), "%d", r.cap_days);
			admin_el(stage, "tp", "name", tps[i].name,
			    "on", tps[i].on ? "1" : "0",
			    "first", i == 0 ? "1" : "0",
			    "last", i + 1 == n ? "1" : "0",
			    "starts", r.starts[0] != '\0' ? r.starts : NULL,
			    "ends", r.ends[0] != '\0' ? r.ends : NULL,
			    "cap", r.cap_days > 0 ? cap : NULL, (char *)NULL);
		}
	}
	admin_render(q, doc, 200);
}

/* Write the stage's order as positions 1..n (rows made as needed). */
static int
write_order(struct admin_req *q, const char *stage,
    const struct grid_tp *tps, size_t n)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if ((st = store_prepare(q->in->store, "INSERT INTO touchpoints "
		    "(brand, stage, name, enabled, position) VALUES "
		    "(?1, ?2, ?3, ?4, ?5) ON CONFLICT (brand, stage, name) "
		    "DO UPDATE SET position = excluded.position")) == NULL)
			return -1;
		if (sqlite3_bind_text(st, 1, q->brand, -1, SQLITE_STATIC) !=
		    SQLITE_OK ||
		    sqlite3_bind_text(st, 2, stage, -1, SQLITE_STATIC) !=
		    SQLITE_OK ||
		    sqlite3_bind_text(st, 3, tps[i].name, -1, SQLITE_STATIC) !=
		    SQLITE_OK ||
		    sqlite3_bind_int(st, 4, tps[i].on) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 5, (sqlite3_int64)i + 1) !=
		    SQLITE_OK) {
			sqlite3_reset(st);
			return -1;
		}
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

static void
rule_text(const struct tp_rule *r, char *out, size_t len)
{
	snprintf(out, len, "from %s until %s, cap %d days",
	    r->starts[0] != '\0' ? r->starts : "-",
	    r->ends[0] != '\0' ? r->ends : "-", r->cap_days);
}

/* A form field copied into out; "" when absent.  0, or -1 when too long. */
static int
field(struct admin_req *q, const char *name, char *out, size_t len)
{
	const char *v = query_get(&q->form, name);

	if (v == NULL)
		v = "";
	return snprintf(out, len, "%s", v) < (int)len ? 0 : -1;
}

/* The schedule and cap of one touchpoint.  0, or an HTTP status. */
static int
set_rules(struct admin_req *q, enum stage s, const char *name,
    char *oldv, char *newv, size_t vlen, char *why, size_t whylen)
{
	struct tp_rule old, r;
	char cap[8];
	long days;
	char *end;

	memset(&r, 0, sizeof(r));
	if (field(q, "starts", r.starts, sizeof(r.starts)) != 0 ||
	    field(q, "ends", r.ends, sizeof(r.ends)) != 0 ||
	    field(q, "cap", cap, sizeof(cap)) != 0) {
		snprintf(why, whylen, "a date must be YYYY-MM-DD");
		return 400;
	}
	days = 0;
	if (cap[0] != '\0') {
		days = strtol(cap, &end, 10);
		if (*end != '\0' || days < 0 || days > TP_RULES_MAX_CAP_DAYS) {
			snprintf(why, whylen, "a cap is 1 to %d days, or empty",
			    TP_RULES_MAX_CAP_DAYS);
			return 400;
		}
	}
	r.cap_days = (int)days;
	if (tp_rules_get(q->in->store, q->brand, stage_name(s), name, &old)
	    != 0) {
		snprintf(why, whylen, "cannot read the schedule");
		return 500;
	}
	if (tp_rules_set(q->in->store, q->brand, stage_name(s), name, &r, why,
	    whylen) != 0)
		return strncmp(why, "store:", 6) == 0 ? 500 : 400;
	rule_text(&old, oldv, vlen);
	rule_text(&r, newv, vlen);
	return 0;
}

/* One change inside the open transaction.  0, or an HTTP status. */
static int
change(struct admin_req *q, const char *action, enum stage s, size_t at,
    struct grid_tp *tps, size_t n, const char **what, char *oldv,
    char *newv, size_t vlen)
{
	struct grid_tp tmp;
	size_t to;

	if (strcmp(action, "on") == 0 || strcmp(action, "off") == 0) {
		snprintf(oldv, vlen, "%s", tps[at].on ? "on" : "off");
		snprintf(newv, vlen, "%s", action);
		*what = "switched";
		if (store_touchpoint_set(q->in->store, q->brand, stage_name(s),
		    tps[at].name, action[1] == 'n') != 0)
			return 500;
		return 0;
	}
	if (strcmp(action, "up") != 0 && strcmp(action, "down") != 0)
		return 400;
	if ((action[0] == 'u' && at == 0) || (action[0] == 'd' &&
	    at + 1 >= n))
		return 0;	/* already there: nothing to do */
	to = action[0] == 'u' ? at - 1 : at + 1;
	snprintf(oldv, vlen, "%u", (unsigned)(at + 1));
	snprintf(newv, vlen, "%u", (unsigned)(to + 1));
	*what = "moved";
	tmp = tps[at];
	tps[at] = tps[to];
	tps[to] = tmp;
	return write_order(q, stage_name(s), tps, n) == 0 ? 0 : 500;
}

void
admin_post_grid(struct admin_req *q)
{
	struct grid_tp tps[PLUGIN_MAX];
	const char *action, *stage, *name, *what = NULL;
	char oldv[64] = "", newv[64] = "", why[128], *about, *back;
	size_t n, at;
	int s, status;

	action = query_get(&q->form, "action");
	stage = query_get(&q->form, "stage");
	name = query_get(&q->form, "tp");
	if (action == NULL || (s = stage_parse(stage)) < 0 || name == NULL) {
		admin_fail(q, 400, "want action, stage and tp");
		return;
	}
	if (store_begin(q->in->store) != 0) {
		admin_fail(q, 503, "the store is busy: try again");
		return;
	}
	if (stage_list(q, (enum stage)s, tps, PLUGIN_MAX, &n) != 0) {
		status = 500;
		goto out_rollback;
	}
	for (at = 0; at < n && strcmp(tps[at].name, name) != 0; at++)
		continue;
	if (at == n) {
		store_rollback(q->in->store);
		admin_fail(q, 404, "no such touchpoint in this stage");
		return;
	}
	if (strcmp(action, "rules") == 0) {
		what = "schedule and cap";
		if ((status = set_rules(q, (enum stage)s, name, oldv, newv,
		    sizeof(oldv), why, sizeof(why))) != 0) {
			store_rollback(q->in->store);
			admin_fail(q, status, why);
			return;
		}
	} else if ((status = change(q, action, (enum stage)s, at, tps, n,
	    &what, oldv, newv, sizeof(oldv))) != 0)
		goto out_rollback;
	about = arena_printf(q->in->arena, "touchpoint %s/%s %s",
	    stage_name(s), name, what != NULL ? what : "unchanged");
	if (what != NULL && (about == NULL ||
	    admin_audit_add(q->in->store, q->now, q->email, q->brand, about,
	    oldv, newv) != 0)) {
		status = 500;
		goto out_rollback;
	}
	if (store_commit(q->in->store) != 0) {
		status = 500;
		goto out_rollback;
	}
	brandcache_drop(q->in->brands);
	back = arena_printf(q->in->arena, "/admin/brands/%s#%s", q->brand,
	    stage_name(s));
	admin_redirect(q, back != NULL ? back : "/admin/brands");
	return;
out_rollback:
	store_rollback(q->in->store);
	admin_fail(q, status, status == 400 ? "action: want on, off, up or "
	    "down" : "the change could not be saved");
}
