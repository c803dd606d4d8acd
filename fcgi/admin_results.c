/*
 * admin_results.c - a brand's results: clicks on tracked links per
 * touchpoint and link kind per week (table clicks, last 12 weeks) and
 * recycling codes issued / claimed / received (table codes), as a page
 * with server-rendered SVG bars and as CSV.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "admin_http.h"
#include "arena.h"
#include "handler.h"
#include "instance.h"
#include "store.h"

#define RESULTS_ROWS_MAX	2000

/*
 * Weeks are ISO 8601 ("2026-W48", Monday to Sunday, the year of the
 * week's Thursday), computed from that Thursday: SQLite before 3.46 has
 * no %V.
 */
static const char clicks_sql[] =
	"SELECT printf('%s-W%02d', strftime('%Y', date(day, '-3 days', "
	"'weekday 4')), (CAST(strftime('%j', date(day, '-3 days', "
	"'weekday 4')) AS INTEGER) - 1) / 7 + 1) AS week, touchpoint, kind, "
	"SUM(n) "
	"FROM clicks WHERE brand = ?1 AND day >= date(?2, 'unixepoch', "
	"'-84 days') GROUP BY week, touchpoint, kind "
	"ORDER BY week, touchpoint, kind LIMIT ?3";
static const char codes_sql[] =
	"SELECT COUNT(*), COUNT(claimed), COUNT(received) FROM codes "
	"WHERE brand = ?1";

static sqlite3_stmt *
clicks_stmt(struct admin_req *q)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(q->in->store, clicks_sql)) == NULL ||
	    sqlite3_bind_text(s, 1, q->brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 2, q->now) != SQLITE_OK ||
	    sqlite3_bind_int(s, 3, RESULTS_ROWS_MAX) != SQLITE_OK)
		return NULL;
	return s;
}

static int
codes_counts(struct admin_req *q, long long c[3])
{
	sqlite3_stmt *s;
	int rc;

	c[0] = c[1] = c[2] = 0;
	if ((s = store_prepare(q->in->store, codes_sql)) == NULL ||
	    sqlite3_bind_text(s, 1, q->brand, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c[0] = sqlite3_column_int64(s, 0);
		c[1] = sqlite3_column_int64(s, 1);
		c[2] = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

void
admin_view_results(struct admin_req *q)
{
	xmlNodePtr root, res, clicks, week = NULL, codes;
	char num[24], prev[16] = "", max[24];
	long long c[3], total = 0, top = 1;
	const char *w;
	sqlite3_stmt *s;
	xmlDocPtr doc;
	int rc;

	if ((doc = admin_doc(q, "results", &root)) == NULL) {
		admin_render(q, NULL, 500);
		return;
	}
	res = admin_el(root, "results", (char *)NULL);
	clicks = admin_el(res, "clicks", (char *)NULL);
	if ((s = clicks_stmt(q)) == NULL)
		goto out_fail;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		w = (const char *)sqlite3_column_text(s, 0);
		if (w == NULL)
			continue;
		if (strcmp(w, prev) != 0) {
			if (week != NULL) {
				snprintf(num, sizeof(num), "%lld", total);
				xmlNewProp(week, BAD_CAST "total", BAD_CAST num);
			}
			week = admin_el(clicks, "week", "name", w, (char *)NULL);
			snprintf(prev, sizeof(prev), "%s", w);
			total = 0;
		}
		snprintf(num, sizeof(num), "%lld",
		    (long long)sqlite3_column_int64(s, 3));
		total += sqlite3_column_int64(s, 3);
		if (total > top)
			top = total;
		admin_el(week, "row", "touchpoint",
		    (const char *)sqlite3_column_text(s, 1), "kind",
		    (const char *)sqlite3_column_text(s, 2), "n", num,
		    (char *)NULL);
	}
	sqlite3_reset(s);
	if (week != NULL) {
		snprintf(num, sizeof(num), "%lld", total);
		xmlNewProp(week, BAD_CAST "total", BAD_CAST num);
	}
	if (rc != SQLITE_DONE || codes_counts(q, c) != 0)
		goto out_fail;
	snprintf(max, sizeof(max), "%lld", top);
	xmlNewProp(clicks, BAD_CAST "max", BAD_CAST max);
	codes = admin_el(res, "codes", (char *)NULL);
	snprintf(num, sizeof(num), "%lld", c[0]);
	xmlNewProp(codes, BAD_CAST "issued", BAD_CAST num);
	snprintf(num, sizeof(num), "%lld", c[1]);
	xmlNewProp(codes, BAD_CAST "claimed", BAD_CAST num);
	snprintf(num, sizeof(num), "%lld", c[2]);
	xmlNewProp(codes, BAD_CAST "received", BAD_CAST num);
	admin_render(q, doc, 200);
	return;
out_fail:
	xmlFreeDoc(doc);
	admin_fail(q, 500, "cannot read the results");
}

/* A CSV field: quoted when it holds a comma, quote or newline. */
static const char *
csv(struct arena *a, const char *v)
{
	size_t i, o = 1;
	char *out;

	if (v == NULL)
		return "";
	if (strpbrk(v, ",\"\r\n") == NULL)
		return v;
	if ((out = arena_alloc(a, 2 * strlen(v) + 3)) == NULL)
		return "";
	out[0] = '"';
	for (i = 0; v[i] != '\0'; i++) {
		if (v[i] == '"')
			out[o++] = '"';
		out[o++] = v[i];
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}

void
admin_view_results_csv(struct admin_req *q)
{
	struct arena *a = q->in->arena;
	sqlite3_stmt *s;
	long long c[3];
	char *body;
	int rc;

	body = arena_printf(a, "metric,week,touchpoint,kind,value\n");
	if (body == NULL || (s = clicks_stmt(q)) == NULL)
		goto out_fail;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    (body = arena_printf(a, "%sclicks,%s,%s,%s,%lld\n", body,
	    csv(a, (const char *)sqlite3_column_text(s, 0)),
	    csv(a, (const char *)sqlite3_column_text(s, 1)),
	    csv(a, (const char *)sqlite3_column_text(s, 2)),
	    (long long)sqlite3_column_int64(s, 3))) != NULL)
		continue;
	sqlite3_reset(s);
	if (body == NULL || rc != SQLITE_DONE || codes_counts(q, c) != 0 ||
	    (body = arena_printf(a, "%scodes_issued,,,,%lld\ncodes_claimed,,,,"
	    "%lld\ncodes_received,,,,%lld\n", body, c[0], c[1], c[2])) == NULL)
		goto out_fail;
	q->resp->status = 200;
	q->resp->content_type = "text/csv; charset=utf-8";
	q->resp->body = body;
	q->resp->len = strlen(body);
	q->resp->csp = ADMIN_CSP;
	return;
out_fail:
	admin_fail(q, 500, "cannot read the results");
}
