/*
 * brandcache.c - brand state cached per worker, invalidated by
 * PRAGMA data_version.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "brandcache.h"
#include "log.h"
#include "sign.h"

#define CACHE_MAX_BRANDS	256
#define CACHE_MAX_APIKEYS	256
#define MEMO_SLOTS		1024	/* per brand; a power of two */
#define MEMO_MAX_ROWS		16	/* content rows remembered per key */

/*
 * One remembered look-up: a message or a content key, found or not.
 * An open-addressed table per brand, emptied with the brand.
 */
struct memo {
	char	*key;		/* "m\0lang\0key" or "c\0dataset\0key\0lang" */
	size_t	 keylen;
	int	 rc;		/* 0 or STORE_NOTFOUND */
	size_t	 n;
	char	*vals[MEMO_MAX_ROWS];
};

struct apikey_entry {
	char	hash[65];
	char	brand[STORE_MAX_NAME + 1];
};

struct brandcache {
	struct store		*st;
	struct arena		*scratch;	/* for store look-ups */
	int64_t			 version;
	size_t			 n;
	struct brand_state	*b[CACHE_MAX_BRANDS];
	size_t			 n_keys;
	struct apikey_entry	 keys[CACHE_MAX_APIKEYS];
};

struct brandcache *
brandcache_new(struct store *st)
{
	struct brandcache *bc;

	if ((bc = calloc(1, sizeof(*bc))) == NULL)
		return NULL;
	if ((bc->scratch = arena_new(1024 * 1024)) == NULL) {
		free(bc);
		return NULL;
	}
	bc->st = st;
	bc->version = store_data_version(st);
	return bc;
}

static void
memo_clear(struct brand_state *b)
{
	size_t i, j;

	if (b->memo == NULL)
		return;
	for (i = 0; i < MEMO_SLOTS; i++) {
		free(b->memo[i].key);
		for (j = 0; j < b->memo[i].n; j++)
			free(b->memo[i].vals[j]);
	}
	free(b->memo);
	b->memo = NULL;
	b->n_memo = 0;
}

static void
brand_free(struct brand_state *b)
{
	size_t i;

	for (i = 0; i < b->n_keys; i++)
		sign_key_free(b->keys[i].key);
	memo_clear(b);
	free(b);
}

/* FNV-1a over the key parts, NULs included. */
static uint64_t
memo_hash(const char *k, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)k[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Build "tag\0a\0b\0c" into buf; its length, or 0 when too long. */
static size_t
memo_key(char *buf, size_t buflen, const char *tag, const char *a,
    const char *b, const char *c)
{
	const char *parts[4] = { tag, a, b, c };
	size_t i, len = 0, l;

	for (i = 0; i < 4; i++) {
		if (parts[i] == NULL)
			continue;
		l = strlen(parts[i]) + 1;
		if (len + l > buflen)
			return 0;
		memcpy(buf + len, parts[i], l);
		len += l;
	}
	return len;
}

/* The slot for key: the one holding it, or the empty one to fill. */
static struct memo *
memo_slot(struct brand_state *b, const char *key, size_t len)
{
	struct memo *m;
	size_t i;

	if (b->memo == NULL &&
	    (b->memo = calloc(MEMO_SLOTS, sizeof(*b->memo))) == NULL)
		return NULL;
	i = (size_t)memo_hash(key, len) & (MEMO_SLOTS - 1);
	for (;;) {
		m = &b->memo[i];
		if (m->key == NULL ||
		    (m->keylen == len && memcmp(m->key, key, len) == 0))
			return m;
		i = (i + 1) & (MEMO_SLOTS - 1);
	}
}

/*
 * Remember vals[0..n-1] (or a miss) for key.  A table three quarters
 * full starts over: look-ups are few per brand, this is rare.
 */
static struct memo *
memo_put(struct brand_state *b, const char *key, size_t len, int rc,
    const char *const *vals, size_t n)
{
	struct memo *m;
	size_t i;

	if (b->n_memo >= MEMO_SLOTS * 3 / 4)
		memo_clear(b);
	if ((m = memo_slot(b, key, len)) == NULL ||
	    (m->key = malloc(len)) == NULL)
		return NULL;
	memcpy(m->key, key, len);
	m->keylen = len;
	m->rc = rc;
	m->n = 0;
	for (i = 0; i < n && i < MEMO_MAX_ROWS; i++) {
		if ((m->vals[i] = strdup(vals[i])) == NULL)
			break;
		m->n++;
	}
	b->n_memo++;
	return m;
}

static void
drop_all(struct brandcache *bc)
{
	size_t i;

	for (i = 0; i < bc->n; i++)
		brand_free(bc->b[i]);
	bc->n = 0;
	bc->n_keys = 0;
}

void
brandcache_free(struct brandcache *bc)
{
	if (bc == NULL)
		return;
	drop_all(bc);
	arena_free(bc->scratch);
	free(bc);
}

void
brandcache_sync(struct brandcache *bc)
{
	int64_t v;

	v = store_data_version(bc->st);
	if (v != bc->version) {
		drop_all(bc);
		bc->version = v;
	}
}

void
brandcache_drop(struct brandcache *bc)
{
	drop_all(bc);
	bc->version = store_data_version(bc->st);
}

static struct brand_state *
brand_load(struct brandcache *bc, const char *name)
{
	struct brand_state *b;
	int s;

	if ((b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	if (store_brand_get(bc->st, name, &b->info) != 0)
		goto out_free;
	for (s = 0; s < STAGE__MAX; s++) {
		if (store_touchpoints(bc->st, name, stage_name((enum stage)s),
		    b->tp[s], BRAND_MAX_TOUCHPOINTS, &b->n_tp[s]) == -1) {
			log_err("store: touchpoints of %s: %s", name,
			    store_errmsg(bc->st));
			goto out_free;
		}
	}
	return b;
out_free:
	free(b);
	return NULL;
}

struct brand_state *
brandcache_get(struct brandcache *bc, const char *brand)
{
	struct brand_state *b;
	size_t i;

	for (i = 0; i < bc->n; i++)
		if (strcmp(bc->b[i]->info.name, brand) == 0)
			return bc->b[i];
	if ((b = brand_load(bc, brand)) == NULL)
		return NULL;
	/* A full cache starts over: brands are few, this is rare. */
	if (bc->n == CACHE_MAX_BRANDS)
		drop_all(bc);
	bc->b[bc->n++] = b;
	return b;
}

int
brandcache_key_brand(struct brandcache *bc, const char *hash_hex,
    char brand[STORE_MAX_NAME + 1])
{
	struct apikey_entry *e;
	size_t i;
	int rc;

	for (i = 0; i < bc->n_keys; i++) {
		if (strcmp(bc->keys[i].hash, hash_hex) == 0) {
			memcpy(brand, bc->keys[i].brand, STORE_MAX_NAME + 1);
			return 0;
		}
	}
	rc = store_key_brand(bc->st, hash_hex, brand);
	if (rc != 0)
		return rc;
	/* Cache hits only: unknown keys must not fill the cache. */
	if (bc->n_keys == CACHE_MAX_APIKEYS)
		bc->n_keys = 0;
	e = &bc->keys[bc->n_keys++];
	snprintf(e->hash, sizeof(e->hash), "%s", hash_hex);
	memcpy(e->brand, brand, STORE_MAX_NAME + 1);
	return 0;
}

const struct sign_key *
brandcache_sign_key(struct brandcache *bc, struct brand_state *b,
    const char *kid)
{
	uint8_t secret[STORE_MAX_SECRET];
	struct sign_key *k;
	size_t i, len;

	for (i = 0; i < b->n_keys; i++)
		if (strcmp(b->keys[i].kid, kid) == 0)
			return b->keys[i].key;
	if (store_secret_get(bc->st, b->info.name, kid, secret, &len) != 0)
		return NULL;
	k = sign_key_new(secret, len);
	memset(secret, 0, sizeof(secret));
	if (k == NULL)
		return NULL;
	if (b->n_keys == BRAND_MAX_KEYS) {
		sign_key_free(b->keys[0].key);
		memmove(&b->keys[0], &b->keys[1],
		    sizeof(b->keys[0]) * (BRAND_MAX_KEYS - 1));
		b->n_keys--;
	}
	snprintf(b->keys[b->n_keys].kid, sizeof(b->keys[0].kid), "%s", kid);
	b->keys[b->n_keys].key = k;
	b->n_keys++;
	return k;
}

const struct sign_key *
brandcache_current_key(struct brandcache *bc, struct brand_state *b,
    const char **kid)
{
	uint8_t secret[STORE_MAX_SECRET];
	const struct sign_key *k;
	size_t len;
	int rc;

	if (b->current_kid[0] == '\0') {
		rc = store_secret_current(bc->st, b->info.name, b->current_kid,
		    secret, &len);
		memset(secret, 0, sizeof(secret));
		if (rc != 0) {
			b->current_kid[0] = '\0';
			return NULL;
		}
	}
	if ((k = brandcache_sign_key(bc, b, b->current_kid)) == NULL)
		return NULL;
	*kid = b->current_kid;
	return k;
}

int
brandcache_msg(struct brandcache *bc, struct brand_state *b, const char *lang,
    const char *key, const char **text)
{
	char k[512];
	const char *found = NULL;
	struct memo *m;
	size_t len;
	int rc;

	if ((len = memo_key(k, sizeof(k), "m", lang, key, NULL)) == 0)
		return STORE_NOTFOUND;
	m = memo_slot(b, k, len);
	if (m == NULL || m->key == NULL) {
		rc = store_msg_get(bc->st, b->info.name, lang, key, bc->scratch,
		    &found);
		if (rc == -1)
			return -1;
		m = memo_put(b, k, len, rc, &found, found != NULL ? 1 : 0);
		arena_reset(bc->scratch);
		if (m == NULL)
			return -1;
	}
	if (m->rc != 0 || m->n == 0)
		return STORE_NOTFOUND;
	*text = m->vals[0];
	return 0;
}

int
brandcache_content(struct brandcache *bc, struct brand_state *b,
    const char *dataset, const char *key, const char *lang,
    const char **out, size_t max, size_t *n)
{
	const char *rows[MEMO_MAX_ROWS];
	char k[512];
	struct memo *m;
	size_t len, got = 0, i;
	int rc;

	*n = 0;
	if ((len = memo_key(k, sizeof(k), "c", dataset, key, lang)) == 0)
		return STORE_NOTFOUND;
	m = memo_slot(b, k, len);
	if (m == NULL || m->key == NULL) {
		rc = store_content_get(bc->st, b->info.name, dataset, key, lang,
		    bc->scratch, rows, MEMO_MAX_ROWS, &got);
		if (rc == -1)
			return -1;
		m = memo_put(b, k, len, rc, rows, rc == 0 ? got : 0);
		arena_reset(bc->scratch);
		if (m == NULL)
			return -1;
	}
	if (m->rc != 0 || m->n == 0)
		return STORE_NOTFOUND;
	for (i = 0; i < m->n && i < max; i++)
		out[i] = m->vals[i];
	*n = i;
	return 0;
}

int
brandcache_setting(struct brandcache *bc, struct brand_state *b,
    const char *key, const char **value)
{
	const char *found = NULL;
	char k[512];
	struct memo *m;
	size_t len;
	int rc;

	if ((len = memo_key(k, sizeof(k), "s", key, NULL, NULL)) == 0)
		return STORE_NOTFOUND;
	m = memo_slot(b, k, len);
	if (m == NULL || m->key == NULL) {
		rc = store_setting_get(bc->st, b->info.name, key, bc->scratch,
		    &found);
		if (rc == -1)
			return -1;
		m = memo_put(b, k, len, rc, &found, found != NULL ? 1 : 0);
		arena_reset(bc->scratch);
		if (m == NULL)
			return -1;
	}
	if (m->rc != 0 || m->n == 0)
		return STORE_NOTFOUND;
	*value = m->vals[0];
	return 0;
}
