/*
 * admin_views.c - the read-only pages: the user's brands, a brand's
 * audit log.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "admin_http.h"
#include "instance.h"
#include "store.h"

#define AUDIT_PAGE_ROWS	200

void
admin_view_brands(struct admin_req *q)
{
	xmlNodePtr root, list;
	sqlite3_stmt *st;
	xmlDocPtr doc;
	int rc;

	if ((doc = admin_doc(q, "brands", &root)) == NULL) {
		admin_render(q, NULL, 500);
		return;
	}
	list = admin_el(root, "brands", (char *)NULL);
	if ((st = store_prepare(q->in->store, "SELECT brand, role FROM "
	    "user_roles WHERE user_id = ?1 ORDER BY brand")) == NULL ||
	    sqlite3_bind_int64(st, 1, q->session.user_id) != SQLITE_OK) {
		xmlFreeDoc(doc);
		admin_fail(q, 500, "cannot read your brands");
		return;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		admin_el(list, "brand",
		    "name", (const char *)sqlite3_column_text(st, 0),
		    "role", (const char *)sqlite3_column_text(st, 1),
		    (char *)NULL);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		xmlFreeDoc(doc);
		admin_fail(q, 500, "cannot read your brands");
		return;
	}
	admin_render(q, doc, 200);
}

void
admin_view_audit(struct admin_req *q)
{
	xmlNodePtr root, list;
	sqlite3_stmt *st;
	xmlDocPtr doc;
	char when[32];
	time_t at;
	struct tm tm;
	int rc;

	if ((doc = admin_doc(q, "audit", &root)) == NULL) {
		admin_render(q, NULL, 500);
		return;
	}
	list = admin_el(root, "audit", (char *)NULL);
	if ((st = store_prepare(q->in->store, "SELECT at, user, what, old, "
	    "new FROM audit WHERE brand = ?1 ORDER BY id DESC LIMIT ?2"))
	    == NULL ||
	    sqlite3_bind_text(st, 1, q->brand, -1, SQLITE_STATIC) !=
	    SQLITE_OK || sqlite3_bind_int(st, 2, AUDIT_PAGE_ROWS) !=
	    SQLITE_OK) {
		xmlFreeDoc(doc);
		admin_fail(q, 500, "cannot read the audit log");
		return;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		at = (time_t)sqlite3_column_int64(st, 0);
		if (gmtime_r(&at, &tm) == NULL ||
		    strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm) == 0)
			snprintf(when, sizeof(when), "?");
		admin_el(list, "change", "at", when,
		    "user", (const char *)sqlite3_column_text(st, 1),
		    "what", (const char *)sqlite3_column_text(st, 2),
		    "old", (const char *)sqlite3_column_text(st, 3),
		    "new", (const char *)sqlite3_column_text(st, 4),
		    (char *)NULL);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		xmlFreeDoc(doc);
		admin_fail(q, 500, "cannot read the audit log");
		return;
	}
	admin_render(q, doc, 200);
}
