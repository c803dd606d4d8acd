/*
 * brandcache.h - per-worker cache of brand state (settings, touchpoints
 * per stage, signing keys, API-key lookups).  Dropped as a whole when the
 * store's PRAGMA data_version says another connection committed, so a
 * change made with `ppx` or the console reaches running workers without a
 * reload.
 */
#ifndef PPX_BRANDCACHE_H
#define PPX_BRANDCACHE_H

#include <stddef.h>

#include "route.h"
#include "store.h"

struct arena;
struct memo;
struct sign_key;

#define BRAND_MAX_TOUCHPOINTS	32
#define BRAND_MAX_KEYS		8

struct brand_state {
	struct store_brand	 info;
	size_t			 n_tp[STAGE__MAX];
	char			 tp[STAGE__MAX][BRAND_MAX_TOUCHPOINTS]
				    [STORE_MAX_NAME + 1];
	size_t			 n_keys;
	struct {
		char		 kid[STORE_MAX_KID + 1];
		struct sign_key	*key;
	}			 keys[BRAND_MAX_KEYS];
	char			 current_kid[STORE_MAX_KID + 1]; /* "": not yet */
	struct memo		*memo;		/* copy look-ups, see below */
	size_t			 n_memo;
};

struct brandcache;

/* A cache over st (not owned).  NULL on ENOMEM. */
struct brandcache *brandcache_new(struct store *st);
void	 brandcache_free(struct brandcache *bc);
/* Drop everything when the store changed since the last call.  Per request. */
void	 brandcache_sync(struct brandcache *bc);
/*
 * Drop everything now.  For a process that changed the store itself:
 * PRAGMA data_version moves only for other connections' commits.
 */
void	 brandcache_drop(struct brandcache *bc);
/* The brand's state, loaded on first use; NULL when unknown or on error. */
struct brand_state *brandcache_get(struct brandcache *bc, const char *brand);
/* The brand of an API key's hash.  0, STORE_NOTFOUND, or -1. */
int	 brandcache_key_brand(struct brandcache *bc, const char *hash_hex,
	    char brand[STORE_MAX_NAME + 1]);
/* The keyed HMAC for (brand, kid), made once; NULL when unknown. */
const struct sign_key *brandcache_sign_key(struct brandcache *bc,
	    struct brand_state *b, const char *kid);

/*
 * The brand's current signing key (its newest secret) for new links,
 * made once.  OUT: *kid (owned by the cache).  NULL when the brand has
 * no secret or on error.
 */
const struct sign_key *brandcache_current_key(struct brandcache *bc,
	    struct brand_state *b, const char **kid);

/*
 * The brand's message key in lang (brand first, then the shared
 * defaults), remembered until the store changes.  0 with *text (owned
 * by the cache), STORE_NOTFOUND, or -1.
 */
int	 brandcache_msg(struct brandcache *bc, struct brand_state *b,
	    const char *lang, const char *key, const char **text);
/* The brand's setting key, remembered the same way.  0, STORE_NOTFOUND. */
int	 brandcache_setting(struct brandcache *bc, struct brand_state *b,
	    const char *key, const char **value);
/*
 * Content rows (store_content_get), remembered the same way.  OUT:
 * out[0..*n-1] owned by the cache.  0, STORE_NOTFOUND or -1.
 */
int	 brandcache_content(struct brandcache *bc, struct brand_state *b,
	    const char *dataset, const char *key, const char *lang,
	    const char **out, size_t max, size_t *n);

#endif
