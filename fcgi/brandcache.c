/*
 * brandcache.c - brand state cached per worker, invalidated by
 * PRAGMA data_version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brandcache.h"
#include "log.h"
#include "sign.h"

#define CACHE_MAX_BRANDS	256
#define CACHE_MAX_APIKEYS	256

struct apikey_entry {
	char	hash[65];
	char	brand[STORE_MAX_NAME + 1];
};

struct brandcache {
	struct store		*st;
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
	bc->st = st;
	bc->version = store_data_version(st);
	return bc;
}

static void
brand_free(struct brand_state *b)
{
	size_t i;

	for (i = 0; i < b->n_keys; i++)
		sign_key_free(b->keys[i].key);
	free(b);
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
