/*
 * admin_copy.c - a brand's copy per language: every message key the
 * shared defaults know, the brand's text or the default, and an edit form
 * per key.  A new text is refused, and nothing is saved, when it is
 * empty, does not compile as a MessageFormat, or names a placeholder the
 * default text does not have.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "admin_audit.h"
#include "admin_http.h"
#include "arena.h"
#include "brandcache.h"
#include "instance.h"
#include "msgfmt.h"
#include "request.h"
#include "store.h"

#define COPY_MAX_KEYS	500
#define NAMES_MAX	MSGFMT_MAX_ARGS

/* The languages with copy for the brand (its own or the defaults). */
static int
add_langs(struct admin_req *q, xmlNodePtr parent, const char *cur)
{
	sqlite3_stmt *s;
	const char *l;
	int rc;

	if ((s = store_prepare(q->in->store, "SELECT DISTINCT lang FROM "
	    "messages WHERE brand IN (?1, '') ORDER BY lang")) == NULL ||
	    sqlite3_bind_text(s, 1, q->brand, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		l = (const char *)sqlite3_column_text(s, 0);
		admin_el(parent, "lang", "name", l, "current",
		    l != NULL && strcmp(l, cur) == 0 ? "1" : NULL,
		    (char *)NULL);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
add_messages(struct admin_req *q, xmlNodePtr parent, const char *lang)
{
	sqlite3_stmt *s;
	int rc, n = 0;

	if ((s = store_prepare(q->in->store, "SELECT key, "
	    "MAX(CASE WHEN brand = ?1 THEN text END), "
	    "MAX(CASE WHEN brand = '' THEN text END) FROM messages "
	    "WHERE brand IN (?1, '') AND lang = ?2 GROUP BY key "
	    "HAVING MAX(brand = '') = 1 ORDER BY key LIMIT ?3")) == NULL ||
	    sqlite3_bind_text(s, 1, q->brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(s, 3, COPY_MAX_KEYS) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		admin_el(parent, "msg",
		    "key", (const char *)sqlite3_column_text(s, 0),
		    "text", (const char *)sqlite3_column_text(s, 1),
		    "default", (const char *)sqlite3_column_text(s, 2),
		    "id", (n++ % 2) ? "odd" : "even", (char *)NULL);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
admin_copy_page(struct admin_req *q, const char *lang, int status,
    const char *notice, const char *error, const char *error_key,
    const char *error_text)
{
	xmlNodePtr root, copy;
	xmlDocPtr doc;

	if ((doc = admin_doc(q, "copy", &root)) == NULL) {
		admin_render(q, NULL, 500);
		return;
	}
	copy = admin_el(root, "copy", "lang", lang, "notice", notice,
	    "error", error,
	    "preview", admin_preview_query(q, &q->r->query, lang),
	    "stage", query_get(&q->r->query, "stage"),
	    "first_name", query_get(&q->r->query, "first_name"),
	    "expected", query_get(&q->r->query, "expected"),
	    "error-key", error_key, "error-text", error_text,
	    "editable", admin_role_allows(q->role, ADMIN_ACT_EDIT) ? "1" :
	    NULL, (char *)NULL);
	if (add_langs(q, copy, lang) != 0 ||
	    add_messages(q, copy, lang) != 0) {
		xmlFreeDoc(doc);
		admin_fail(q, 500, "cannot read the copy");
		return;
	}
	admin_render(q, doc, status);
}

const char *
admin_copy_lang(struct admin_req *q, const struct query *from)
{
	struct store_brand b;
	const char *l = query_get(from, "lang");

	if (l != NULL && store_valid_lang(l))
		return l;
	if (store_brand_get(q->in->store, q->brand, &b) == 0)
		return arena_strdup(q->in->arena, b.default_lang);
	return "en";
}

void
admin_view_copy(struct admin_req *q)
{
	const char *n = query_get(&q->r->query, "imported");
	const char *notice = NULL;

	/* After an import (admin_po.c): how many texts it changed. */
	if (n != NULL && n[0] != '\0' && strlen(n) <= 6 &&
	    strspn(n, "0123456789") == strlen(n))
		notice = arena_printf(q->in->arena, "Imported: %s %s "
		    "changed.", n, strcmp(n, "1") == 0 ? "text" : "texts");
	admin_copy_page(q, admin_copy_lang(q, &q->r->query), 200, notice,
	    NULL, NULL, NULL);
}

/*
 * The argument names of a pattern: an identifier right after '{' and
 * followed by '}' or ','.  Sub-messages of a plural or select ("one {…}")
 * hold text, not a lone name, so they are not counted.
 */
static size_t
arg_names(const char *p, char names[][64], size_t max)
{
	const char *start;
	size_t n = 0, len, i;
	int dup;

	for (; *p != '\0'; p++) {
		if (*p != '{')
			continue;
		start = p + 1;
		while (*start == ' ')
			start++;
		for (len = 0; isalnum((unsigned char)start[len]) ||
		    start[len] == '_'; len++)
			continue;
		if (len == 0 || len >= 64)
			continue;
		i = len;
		while (start[i] == ' ')
			i++;
		if (start[i] != '}' && start[i] != ',')
			continue;
		for (i = 0, dup = 0; i < n && !dup; i++)
			dup = strncmp(names[i], start, len) == 0 &&
			    names[i][len] == '\0';
		if (dup || n >= max)
			continue;
		memcpy(names[n], start, len);
		names[n][len] = '\0';
		n++;
	}
	return n;
}

const char *
admin_copy_problem(const char *text, const char *def, char *why,
    size_t whylen)
{
	char have[NAMES_MAX][64], allowed[NAMES_MAX][64], bad[160];
	const unsigned char *c;
	size_t nh, na, i, j;
	int known;

	if (text[strspn(text, " ")] == '\0')
		return "the text is empty: every message is required";
	/* A .po may carry what a form field cannot; lines and tabs are fine. */
	for (c = (const unsigned char *)text; *c != '\0'; c++)
		if ((*c < 0x20 && *c != '\n' && *c != '\t') || *c == 0x7f)
			return "a control character in the text";
	if (msgfmt_check(text, bad, sizeof(bad)) != 0) {
		snprintf(why, whylen, "not a valid message: %s", bad);
		return why;
	}
	nh = arg_names(text, have, NAMES_MAX);
	na = arg_names(def, allowed, NAMES_MAX);
	for (i = 0; i < nh; i++) {
		for (j = 0, known = 0; j < na && !known; j++)
			known = strcmp(have[i], allowed[j]) == 0;
		if (!known) {
			snprintf(why, whylen, "unknown placeholder {%s}: this "
			    "message knows %s%s%s%s", have[i],
			    na > 0 ? "{" : "nothing",
			    na > 0 ? allowed[0] : "", na > 0 ? "}" : "",
			    na > 1 ? " and others in the default" : "");
			return why;
		}
	}
	return NULL;
}

int
admin_copy_texts(struct admin_req *q, const char *lang, const char *key,
    const char **mine, const char **def)
{
	sqlite3_stmt *s;
	int rc;

	*mine = *def = NULL;
	if ((s = store_prepare(q->in->store, "SELECT brand, text FROM "
	    "messages WHERE brand IN (?1, '') AND lang = ?2 AND key = ?3"))
	    == NULL ||
	    sqlite3_bind_text(s, 1, q->brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, key, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *b = (const char *)sqlite3_column_text(s, 0);
		const char *t = arena_strdup(q->in->arena,
		    (const char *)sqlite3_column_text(s, 1));

		if (b != NULL && b[0] == '\0')
			*def = t;
		else
			*mine = t;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
admin_post_copy(struct admin_req *q)
{
	const char *lang, *key, *text, *mine, *def, *bad = NULL;
	char why[256], *about, *back;

	lang = admin_copy_lang(q, &q->form);
	key = query_get(&q->form, "key");
	text = query_get(&q->form, "text");
	if (key == NULL || !store_valid_key(key) || text == NULL) {
		admin_fail(q, 400, "want key, lang and text");
		return;
	}
	about = arena_printf(q->in->arena, "copy %s %s", lang, key);
	/* The old text is read inside the transaction that replaces it. */
	if (about == NULL || store_begin(q->in->store) != 0) {
		admin_fail(q, 503, "the store is busy: try again");
		return;
	}
	if (admin_copy_texts(q, lang, key, &mine, &def) != 0) {
		store_rollback(q->in->store);
		admin_fail(q, 500, "cannot read the copy");
		return;
	}
	if (def == NULL) {
		store_rollback(q->in->store);
		admin_fail(q, 404, "no such message in this language");
		return;
	}
	if (strlen(text) > STORE_MAX_TEXT)
		bad = "the text is too long";
	else
		bad = admin_copy_problem(text, def, why, sizeof(why));
	if (bad != NULL) {
		store_rollback(q->in->store);
		admin_copy_page(q, lang, 400, NULL, bad, key, text);
		return;
	}
	if (store_msg_put(q->in->store, q->brand, lang, key, text) != 0 ||
	    admin_audit_add(q->in->store, q->now, q->email, q->brand, about,
	    mine != NULL ? mine : def, text) != 0 ||
	    store_commit(q->in->store) != 0) {
		store_rollback(q->in->store);
		admin_fail(q, 500, "the copy could not be saved");
		return;
	}
	brandcache_drop(q->in->brands);
	back = arena_printf(q->in->arena, "/admin/brands/%s/copy?lang=%s",
	    q->brand, lang);
	admin_redirect(q, back != NULL ? back : "/admin/brands");
}
