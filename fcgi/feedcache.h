/*
 * feedcache.h - the store's cache of feed records (migration 6,
 * schema_feeds.c): one row per brand, feed and key.
 */
#ifndef PPX_FEEDCACHE_H
#define PPX_FEEDCACHE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;

enum feedcache_status {
	FEEDCACHE_FAILED = 0,		/* never fetched successfully */
	FEEDCACHE_OK = 200,		/* body holds the record */
	FEEDCACHE_MISSING = 404		/* the feed has no such record */
};

struct feedcache_row {
	int		 status;	/* enum feedcache_status */
	const char	*body;		/* FEEDCACHE_OK only, else NULL */
	size_t		 len;
	const char	*etag;		/* or NULL */
	const char	*last_modified;	/* or NULL */
	int64_t		 fetched;	/* last confirmed by the feed */
	int64_t		 checked;	/* last tried */
};

/*
 * The row, strings in a.  0, STORE_NOTFOUND, or -1 (store_errmsg).
 * OUT: *row.
 */
int	 feedcache_get(struct store *st, const char *brand, const char *feed,
	    const char *key, struct arena *a, struct feedcache_row *row);
/* Insert or replace the whole row.  0 or -1. */
int	 feedcache_put(struct store *st, const char *brand, const char *feed,
	    const char *key, const struct feedcache_row *row);
/* A 304: the cached record is confirmed at now.  0, STORE_NOTFOUND, -1. */
int	 feedcache_confirm(struct store *st, const char *brand,
	    const char *feed, const char *key, int64_t now);
/*
 * A failed try at now: the row keeps what it has (a FEEDCACHE_FAILED
 * row is made when there is none).  0 or -1.
 */
int	 feedcache_failed(struct store *st, const char *brand,
	    const char *feed, const char *key, int64_t now);

#endif
