/*
 * admin_po.c - a brand's copy in one language as a gettext .po file
 * (GET /admin/brands/{b}/copy.po?lang=nl), for Weblate, Crowdin or
 * Lokalise.  msgid is the message key, msgstr the brand's text or the
 * default it falls back to.  The translated file comes back through the
 * same page (POST, multipart/form-data) or `ppx import catalog --brand B`.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "admin_audit.h"
#include "admin_http.h"
#include "arena.h"
#include "brandcache.h"
#include "catalog.h"
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

/* One text the import changes. */
struct po_change {
	const char	*key;
	const char	*old;	/* what the brand shows now */
	const char	*text;
};

/*
 * Check every translated entry of the file as the copy form checks one
 * text.  OUT: changes[*n] (the texts that differ from what the brand
 * shows now).  NULL, or why the file is refused (in why).
 */
static const char *
po_changes(struct admin_req *q, const char *name, const char *lang,
    const struct po_file *pf, const struct po_message *m,
    struct po_change *changes, size_t *n, char *why, size_t whylen)
{
	const char *mine, *def, *bad, *text;
	char reason[256];
	size_t i;

	*n = 0;
	for (i = 0; i < pf->n; i++) {
		text = m[i].e->msgstr;
		/* Untranslated or fuzzy: the brand's text stays. */
		if (m[i].e->fuzzy || text[0] == '\0')
			continue;
		if (admin_copy_texts(q, lang, m[i].key, &mine, &def) != 0) {
			snprintf(why, whylen, "cannot read the copy");
			return why;
		}
		if (def == NULL) {
			snprintf(why, whylen, "%s:%zu: %s: no such message "
			    "in %s", name, m[i].e->line, m[i].key, lang);
			return why;
		}
		if (strlen(text) > STORE_MAX_TEXT) {
			snprintf(why, whylen, "%s:%zu: %s: the text is too "
			    "long", name, m[i].e->str_line, m[i].key);
			return why;
		}
		if ((bad = admin_copy_problem(text, def, reason,
		    sizeof(reason))) != NULL) {
			snprintf(why, whylen, "%s:%zu: %s: %s", name,
			    m[i].e->str_line, m[i].key, bad);
			return why;
		}
		if (strcmp(mine != NULL ? mine : def, text) == 0)
			continue;
		changes[*n].key = m[i].key;
		changes[*n].old = mine != NULL ? mine : def;
		changes[*n].text = text;
		(*n)++;
	}
	return NULL;
}

/*
 * Save the changes, an audit row each, and commit the transaction the
 * caller began (rolled back on failure).  0/-1.
 */
static int
po_save(struct admin_req *q, const char *lang,
    const struct po_change *changes, size_t n)
{
	const char *about;
	size_t i;

	for (i = 0; i < n; i++) {
		about = arena_printf(q->in->arena, "copy %s %s (import)",
		    lang, changes[i].key);
		if (about == NULL ||
		    store_msg_put(q->in->store, q->brand, lang,
		    changes[i].key, changes[i].text) != 0 ||
		    admin_audit_add(q->in->store, q->now, q->email, q->brand,
		    about, changes[i].old, changes[i].text) != 0) {
			store_rollback(q->in->store);
			return -1;
		}
	}
	if (store_commit(q->in->store) != 0) {
		store_rollback(q->in->store);
		return -1;
	}
	return 0;
}

/*
 * POST /admin/brands/{b}/copy.po: the .po file in the form's field "po"
 * replaces the brand's texts in the page's language ("lang").  The whole
 * file is checked first, each text as the copy form checks one (a key
 * the defaults have in this language, not too long, a valid message, no
 * placeholder the default lacks), and a file whose Language: header
 * names another language is refused; any problem refuses the file and
 * saves nothing.  Untranslated and fuzzy entries leave their texts as
 * they are.  The changed texts are saved in one transaction, an audit
 * row each, and the page says how many changed.
 */
void
admin_post_po(struct admin_req *q)
{
	const char *lang = admin_copy_lang(q, &q->form), *name, *bad;
	struct po_file pf;
	struct po_message *m;
	struct po_change *changes = NULL;
	char why[512], *back;
	size_t n;

	if (q->file == NULL || strcmp(q->file->name, "po") != 0) {
		admin_copy_page(q, lang, 400, NULL, "choose a .po file to "
		    "import", NULL, NULL);
		return;
	}
	name = q->file->filename != NULL && q->file->filename[0] != '\0' ?
	    q->file->filename : "the file";
	if (po_parse(name, q->file->data, q->file->len, q->in->arena, &pf,
	    why, sizeof(why)) != 0 ||
	    po_check(name, &pf, q->in->arena, &m, why, sizeof(why)) != 0) {
		admin_copy_page(q, lang, 400, NULL, why, NULL, NULL);
		return;
	}
	if (pf.lang[0] != '\0' && strcasecmp(pf.lang, lang) != 0) {
		snprintf(why, sizeof(why), "%s is in %s, this page in %s: "
		    "open the copy in %s to import it", name, pf.lang, lang,
		    pf.lang);
		admin_copy_page(q, lang, 400, NULL, why, NULL, NULL);
		return;
	}
	if (pf.n > 0 && (changes = arena_alloc(q->in->arena,
	    pf.n * sizeof(*changes))) == NULL) {
		admin_fail(q, 500, "out of memory");
		return;
	}
	/* The texts are compared and replaced in one transaction. */
	if (store_begin(q->in->store) != 0) {
		admin_fail(q, 503, "the store is busy: try again");
		return;
	}
	if ((bad = po_changes(q, name, lang, &pf, m, changes, &n, why,
	    sizeof(why))) != NULL) {
		store_rollback(q->in->store);
		admin_copy_page(q, lang, 400, NULL, bad, NULL, NULL);
		return;
	}
	if (n == 0)
		store_rollback(q->in->store);
	else if (po_save(q, lang, changes, n) != 0) {
		admin_fail(q, 500, "the copy could not be saved");
		return;
	}
	if (n > 0)
		brandcache_drop(q->in->brands);
	back = arena_printf(q->in->arena, "/admin/brands/%s/copy?lang=%s&"
	    "imported=%zu", q->brand, lang, n);
	admin_redirect(q, back != NULL ? back : "/admin/brands");
}
