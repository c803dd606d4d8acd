/*
 * admin_po.c - a brand's copy in one language as a gettext .po file
 * (GET /admin/brands/{b}/copy.po?lang=nl), for Weblate, Crowdin or
 * Lokalise.  msgid is the message key, msgstr the brand's text or the
 * default it falls back to; `ppx import catalog --brand B` reads it back.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "admin_http.h"
#include "arena.h"
#include "handler.h"
#include "instance.h"
#include "request.h"
#include "store.h"

/* s as the inside of a .po string, in the arena.  NULL: arena full. */
static char *
po_quote(struct arena *a, const char *s)
{
	size_t len = strlen(s), i, o = 0;
	char *out;

	if ((out = arena_alloc(a, 2 * len + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '\\':
		case '"':
			out[o++] = '\\';
			out[o++] = s[i];
			break;
		case '\n':
			out[o++] = '\\';
			out[o++] = 'n';
			break;
		case '\t':
			out[o++] = '\\';
			out[o++] = 't';
			break;
		default:
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

void
admin_view_po(struct admin_req *q)
{
	const char *lang = query_get(&q->r->query, "lang");
	const char *key, *text;
	sqlite3_stmt *s;
	char *body, *k, *t;
	int rc;

	if (lang == NULL || !store_valid_lang(lang)) {
		admin_fail(q, 400, "want lang, e.g. ?lang=nl");
		return;
	}
	body = arena_printf(q->in->arena, "# %s copy of brand %s, from the "
	    "ppx console.\nmsgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; "
	    "charset=UTF-8\\n\"\n\"Language: %s\\n\"\n", lang, q->brand, lang);
	if (body == NULL || (s = store_prepare(q->in->store, "SELECT key, "
	    "COALESCE(MAX(CASE WHEN brand = ?1 THEN text END), "
	    "MAX(CASE WHEN brand = '' THEN text END)) FROM messages "
	    "WHERE brand IN (?1, '') AND lang = ?2 GROUP BY key "
	    "ORDER BY key")) == NULL ||
	    sqlite3_bind_text(s, 1, q->brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC) != SQLITE_OK) {
		admin_fail(q, 500, "cannot read the copy");
		return;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(s, 0);
		text = (const char *)sqlite3_column_text(s, 1);
		if (key == NULL || text == NULL)
			continue;
		if ((k = po_quote(q->in->arena, key)) == NULL ||
		    (t = po_quote(q->in->arena, text)) == NULL ||
		    (body = arena_printf(q->in->arena, "%s\nmsgid \"%s\"\n"
		    "msgstr \"%s\"\n", body, k, t)) == NULL) {
			sqlite3_reset(s);
			admin_fail(q, 500, "the catalog is too big");
			return;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		admin_fail(q, 500, "cannot read the copy");
		return;
	}
	q->resp->status = 200;
	q->resp->content_type = "text/x-gettext-translation; charset=utf-8";
	q->resp->body = body;
	q->resp->len = strlen(body);
	q->resp->csp = ADMIN_CSP;
}
