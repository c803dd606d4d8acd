/*
 * codes.c - codes per order and item (recycling returns): making them,
 * reading them back, moving them forward, counting them, and the signed
 * link to a code's page.  The ppx_host services (code_issue, code_link,
 * code_count) sit at the bottom.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/rand.h>
#include <sqlite3.h>

#include "arena.h"
#include "brandcache.h"
#include "codes.h"
#include "log.h"
#include "order.h"
#include "services.h"
#include "sign.h"
#include "store.h"

/* Crockford's base32: no I, L, O or U. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define CODE_DIGITS	10	/* nine random characters and a check one */
#define CODE_ISSUE_TRIES 4	/* new random codes after a clash */

static const struct {
	const char	*kind;
	const char	*prefix;
} kinds[] = {
	{ "recycle", "RC" },
};

static const char *const state_names[CODE__MAX] = {
	"issued", "claimed", "received"
};

int
code_state_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < CODE__MAX; i++)
		if (strcmp(s, state_names[i]) == 0)
			return i;
	return -1;
}

const char *
code_state_name(enum code_state s)
{
	return (unsigned)s < CODE__MAX ? state_names[s] : "?";
}

const char *
code_prefix(const char *kind)
{
	size_t i;

	for (i = 0; kind != NULL && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i].kind) == 0)
			return kinds[i].prefix;
	return NULL;
}

static const char *
prefix_kind(const char *prefix)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(prefix, kinds[i].prefix) == 0)
			return kinds[i].kind;
	return NULL;
}

/* Luhn mod 32 over n digit values: the check digit that makes it whole. */
static int
luhn32(const int *v, size_t n)
{
	int factor = 2, sum = 0, add;
	size_t i;

	for (i = n; i-- > 0;) {
		add = factor * v[i];
		factor = factor == 2 ? 1 : 2;
		sum += add / 32 + add % 32;
	}
	return (32 - sum % 32) % 32;
}

/* "RC", nine values and their check digit -> "RC-XXXXX-XXXXX". */
static void
spell(const char *prefix, const int *v, char out[CODE_LEN + 1])
{
	size_t i, o;

	o = (size_t)snprintf(out, CODE_LEN + 1, "%s-", prefix);
	for (i = 0; i < CODE_DIGITS; i++) {
		if (i == 5)
			out[o++] = '-';
		out[o++] = alphabet[v[i]];
	}
	out[o] = '\0';
}

int
code_new(const char *kind, char out[CODE_LEN + 1])
{
	unsigned char rnd[CODE_DIGITS - 1];
	int v[CODE_DIGITS];
	const char *prefix;
	size_t i;

	if ((prefix = code_prefix(kind)) == NULL ||
	    RAND_bytes(rnd, sizeof(rnd)) != 1)
		return -1;
	for (i = 0; i < CODE_DIGITS - 1; i++)
		v[i] = rnd[i] & 31;
	v[CODE_DIGITS - 1] = luhn32(v, CODE_DIGITS - 1);
	spell(prefix, v, out);
	return 0;
}

/* The value of a typed character, or -1. */
static int
digit_value(char c)
{
	const char *p;

	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if (c == 'O')
		c = '0';
	else if (c == 'I' || c == 'L')
		c = '1';
	if (c == '\0' || (p = strchr(alphabet, c)) == NULL)
		return -1;
	return (int)(p - alphabet);
}

int
code_normalize(const char *typed, char out[CODE_LEN + 1])
{
	char prefix[3];
	int v[CODE_DIGITS];
	size_t n = 0, np = 0;
	const char *p;

	if (typed == NULL || strlen(typed) > 64)
		return -1;
	for (p = typed; *p != '\0'; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		if (np < 2) {
			if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
				return -1;
			prefix[np++] = (char)(*p & ~0x20);
			continue;
		}
		if (n == CODE_DIGITS || (v[n] = digit_value(*p)) < 0)
			return -1;
		n++;
	}
	prefix[np] = '\0';
	if (np != 2 || n != CODE_DIGITS || prefix_kind(prefix) == NULL ||
	    luhn32(v, CODE_DIGITS - 1) != v[CODE_DIGITS - 1])
		return -1;
	spell(prefix, v, out);
	return 0;
}

/* --- the store ----------------------------------------------------------- */

static const char sql_find[] =
	"SELECT code FROM codes"
	" WHERE brand = ?1 AND kind = ?2 AND order_id = ?3 AND item = ?4";
static const char sql_insert[] =
	"INSERT OR IGNORE INTO codes"
	" (brand, kind, order_id, item, code, lang, issued)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_get[] =
	"SELECT code, brand, kind, order_id, item, lang, state,"
	" issued, coalesce(claimed, 0), coalesce(received, 0)"
	" FROM codes WHERE code = ?1";
static const char sql_claim[] =
	"UPDATE codes SET state = 'claimed', claimed = ?2"
	" WHERE code = ?1 AND state = 'issued'";
static const char sql_receive[] =
	"UPDATE codes SET state = 'received', received = ?2"
	" WHERE code = ?1 AND state IN ('issued', 'claimed')";
static const char sql_count[] =
	"SELECT count(*) FROM codes WHERE brand = ?1 AND kind = ?2"
	" AND (?3 IS NULL OR state = ?3)";

static void
copy_col(char *out, size_t len, sqlite3_stmt *s, int col)
{
	const unsigned char *v = sqlite3_column_text(s, col);

	snprintf(out, len, "%s", v != NULL ? (const char *)v : "");
}

/* The code of the key, if there is one.  0, STORE_NOTFOUND or -1. */
static int
find(struct store *st, const char *brand, const char *kind,
    const char *order_id, const char *item, char out[CODE_LEN + 1])
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, sql_find)) == NULL)
		return -1;
	if (sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, order_id, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 4, item, -1, SQLITE_STATIC) != SQLITE_OK) {
		sqlite3_reset(s);
		return -1;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		copy_col(out, CODE_LEN + 1, s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_NOTFOUND : -1;
}

static int
insert(struct store *st, const char *brand, const char *kind,
    const char *order_id, const char *item, const char *code,
    const char *lang, int64_t now)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, sql_insert)) == NULL)
		return -1;
	if (sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 3, order_id, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 4, item, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 5, code, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 6, lang, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 7, now) != SQLITE_OK) {
		sqlite3_reset(s);
		return -1;
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
key_valid(const char *brand, const char *kind, const char *order_id,
    const char *item, const char *lang)
{
	return store_valid_name(brand) && code_prefix(kind) != NULL &&
	    order_id != NULL && order_id[0] != '\0' &&
	    strlen(order_id) <= STORE_MAX_NAME &&
	    store_valid_utf8(order_id, strlen(order_id)) &&
	    item != NULL && item[0] != '\0' && strlen(item) <= CODE_MAX_ITEM &&
	    store_valid_utf8(item, strlen(item)) &&
	    lang != NULL && store_valid_lang(lang);
}

int
code_issue(struct store *st, const char *brand, const char *kind,
    const char *order_id, const char *item, const char *lang, int64_t now,
    char out[CODE_LEN + 1])
{
	char fresh[CODE_LEN + 1];
	int rc, i;

	if (!key_valid(brand, kind, order_id, item, lang))
		return -1;
	/* Most asks are repeats: answer them without the write lock. */
	if ((rc = find(st, brand, kind, order_id, item, out)) != STORE_NOTFOUND)
		return rc;
	if (store_begin(st) == -1)
		return -1;
	for (i = 0; i < CODE_ISSUE_TRIES; i++) {
		/*
		 * Inside BEGIN IMMEDIATE: whoever got the lock first made
		 * the row, and the INSERT of everyone after is ignored.  A
		 * new code that clashes with another key's is ignored too:
		 * then the SELECT finds nothing and we draw again.
		 */
		if (code_new(kind, fresh) == -1 ||
		    insert(st, brand, kind, order_id, item, fresh, lang, now) ==
		    -1)
			break;
		rc = find(st, brand, kind, order_id, item, out);
		if (rc == 0)
			return store_commit(st);
		if (rc == -1)
			break;
	}
	store_rollback(st);
	return -1;
}

int
code_get(struct store *st, const char *code, struct code_row *out)
{
	sqlite3_stmt *s;
	int rc, state;

	if ((s = store_prepare(st, sql_get)) == NULL)
		return -1;
	if (sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC) != SQLITE_OK) {
		sqlite3_reset(s);
		return -1;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		copy_col(out->code, sizeof(out->code), s, 0);
		copy_col(out->brand, sizeof(out->brand), s, 1);
		copy_col(out->kind, sizeof(out->kind), s, 2);
		copy_col(out->order_id, sizeof(out->order_id), s, 3);
		copy_col(out->item, sizeof(out->item), s, 4);
		copy_col(out->lang, sizeof(out->lang), s, 5);
		state = code_state_parse((const char *)sqlite3_column_text(s,
		    6));
		out->state = state < 0 ? CODE_ISSUED : (enum code_state)state;
		out->issued = sqlite3_column_int64(s, 7);
		out->claimed = sqlite3_column_int64(s, 8);
		out->received = sqlite3_column_int64(s, 9);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_NOTFOUND : -1;
}

int
code_advance(struct store *st, const char *code, enum code_state to,
    int64_t now, struct code_row *row, int *changed)
{
	sqlite3_stmt *s;
	int rc;

	*changed = 0;
	if (to != CODE_CLAIMED && to != CODE_RECEIVED)
		return -1;
	/* One UPDATE: its WHERE makes a repeat, or a step back, a no-op. */
	s = store_prepare(st, to == CODE_CLAIMED ? sql_claim : sql_receive);
	if (s == NULL)
		return -1;
	if (sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 2, now) != SQLITE_OK) {
		sqlite3_reset(s);
		return -1;
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return -1;
	*changed = sqlite3_changes(store_db(st)) > 0;
	return code_get(st, code, row);
}

int
code_count(struct store *st, const char *brand, const char *kind, int state,
    int64_t *n)
{
	sqlite3_stmt *s;
	int rc;

	if (state >= CODE__MAX || (s = store_prepare(st, sql_count)) == NULL)
		return -1;
	if (sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC) != SQLITE_OK ||
	    (state >= 0 && sqlite3_bind_text(s, 3, state_names[state], -1,
	    SQLITE_STATIC) != SQLITE_OK)) {
		sqlite3_reset(s);
		return -1;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

char *
code_page_path(struct arena *a, const struct sign_key *k, const char *kid,
    const char *kind, const char *code, int64_t exp)
{
	char path[64];

	if (code_prefix(kind) == NULL ||
	    snprintf(path, sizeof(path), "/v1/%s/%s", kind, code) >=
	    (int)sizeof(path))
		return NULL;
	return sign_url(a, k, kid, path, NULL, exp);
}

/* --- the host services (ABI 1.1) ------------------------------------------ */

/* What the load-time template check gets: a valid code, never stored. */
static const char sample_code[] = "RC-00000-00000";

int
services_code_issue(struct ppx_ctx *ctx, const char *kind, const char *item,
    const char **code)
{
	char out[CODE_LEN + 1];
	const char *order_id;

	if (code == NULL)
		return PPX_EINVAL;
	*code = NULL;
	if (code_prefix(kind) == NULL || item == NULL)
		return PPX_EINVAL;
	if (ctx->sample || ctx->brand[0] == '\0') {
		*code = sample_code;
		return PPX_OK;
	}
	order_id = order_field(ctx->order, "id");
	if (!key_valid(ctx->brand, kind, order_id, item, ctx->lang))
		return PPX_EINVAL;
	if (code_issue(ctx->store, ctx->brand, kind, order_id, item,
	    ctx->lang, ctx->now, out) != 0) {
		log_err("plugin %s: cannot issue a %s code: %s", ctx->plugin,
		    kind, store_errmsg(ctx->store));
		return PPX_ERROR;
	}
	*code = arena_strdup(ctx->arena, out);
	return *code != NULL ? PPX_OK : PPX_ENOMEM;
}

/* The signed path with the brand's current key, or NULL. */
static char *
signed_path(struct ppx_ctx *ctx, const char *kind, const char *code,
    int64_t exp)
{
	uint8_t secret[STORE_MAX_SECRET];
	char kid[STORE_MAX_KID + 1], *path;
	const struct sign_key *cached;
	struct sign_key *k;
	size_t len;

	if (store_secret_current(ctx->store, ctx->brand, kid, secret, &len) !=
	    0)
		return NULL;
	if (ctx->bstate != NULL && (cached = brandcache_sign_key(ctx->brands,
	    ctx->bstate, kid)) != NULL) {
		memset(secret, 0, sizeof(secret));
		return code_page_path(ctx->arena, cached, kid, kind, code, exp);
	}
	k = sign_key_new(secret, len);
	memset(secret, 0, sizeof(secret));
	if (k == NULL)
		return NULL;
	path = code_page_path(ctx->arena, k, kid, kind, code, exp);
	sign_key_free(k);
	return path;
}

const char *
services_code_link(struct ppx_ctx *ctx, const char *kind, const char *code)
{
	struct code_row row;
	const char *path;

	if (code == NULL || code_prefix(kind) == NULL ||
	    ctx->base_url == NULL)
		return NULL;
	if (ctx->sample || ctx->brand[0] == '\0')
		return arena_printf(ctx->arena, "%s/v1/%s/%s", ctx->base_url,
		    kind, code);
	/* Only the brand's own codes; exp from the issue keeps it stable. */
	if (code_get(ctx->store, code, &row) != 0 ||
	    strcmp(row.brand, ctx->brand) != 0 || strcmp(row.kind, kind) != 0)
		return NULL;
	if ((path = signed_path(ctx, kind, code, row.issued + CODE_LINK_TTL)) ==
	    NULL)
		return NULL;
	return arena_printf(ctx->arena, "%s%s", ctx->base_url, path);
}

int
services_code_count(struct ppx_ctx *ctx, const char *kind, const char *state,
    int64_t *n)
{
	int s = -1;

	if (n == NULL)
		return PPX_EINVAL;
	*n = 0;
	if (code_prefix(kind) == NULL ||
	    (state != NULL && (s = code_state_parse(state)) < 0))
		return PPX_EINVAL;
	if (ctx->sample || ctx->brand[0] == '\0')
		return PPX_OK;
	if (code_count(ctx->store, ctx->brand, kind, s, n) != 0)
		return PPX_ERROR;
	return PPX_OK;
}
