/*
 * clubs.c - host->clubs_near: the brand's clubs nearest to the order's
 * postcode, each with its next event.
 *
 * postcode -> centroid (table postcodes) -> a per-worker index of the
 * brand's clubs (clubs_index.c), built on first use and dropped when
 * PRAGMA data_version says another connection committed (an import) ->
 * the few nearest rows read back by rowid, with their next event on or
 * after today in the brand's time zone.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "arena.h"
#include "clubs.h"
#include "clubs_index.h"
#include "clubs_postcode.h"
#include "log.h"
#include "order.h"
#include "services.h"
#include "store.h"

struct brand_index {
	char			 brand[STORE_MAX_NAME + 1];
	int64_t			 gen;		/* club_gens.gen it was built at */
	int64_t			 checked;	/* data_version it was checked at */
	struct clubs_index	 ix;
};

/* Per process (per worker after fork). */
static struct {
	struct store		*st;
	size_t			 n;
	size_t			 builds;
	struct brand_index	 b[CLUBS_CACHE_BRANDS];
} cache;

void
clubs_cache_drop(void)
{
	size_t i;

	for (i = 0; i < cache.n; i++)
		clubs_index_free(&cache.b[i].ix);
	cache.n = 0;
	cache.st = NULL;
}

size_t
clubs_cache_builds(void)
{
	return cache.builds;
}

/* The brand's club_gens.gen (0: never imported).  0 or -1. */
static int
club_gen(struct store *st, const char *brand, int64_t *gen)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "SELECT gen FROM club_gens WHERE brand = ?");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, brand, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*gen = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/*
 * (Re)build bi from the brand's clubs.  The generation is read before
 * the clubs: an import committing in between makes the next check
 * rebuild, never keeps a stale index.  0 or -1.
 */
static int
index_load(struct store *st, struct brand_index *bi, int64_t version)
{
	struct clubs_point *pts = NULL, *more;
	sqlite3_stmt *s;
	size_t n = 0, cap = 0;
	int64_t gen;
	int rc;

	if (club_gen(st, bi->brand, &gen) == -1)
		return -1;
	s = store_prepare(st, "SELECT rowid, lat, lon FROM clubs"
	    " WHERE brand = ?");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, bi->brand, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			if ((more = realloc(pts, cap * sizeof(*pts))) == NULL)
				goto out_free;
			pts = more;
		}
		pts[n].id = sqlite3_column_int64(s, 0);
		pts[n].lat = sqlite3_column_double(s, 1);
		pts[n].lon = sqlite3_column_double(s, 2);
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto out_free;
	clubs_index_free(&bi->ix);
	if (clubs_index_build(&bi->ix, pts, n) == -1) {
		clubs_index_free(&bi->ix);
		return -1;
	}
	bi->gen = gen;
	bi->checked = version;
	cache.builds++;
	return 0;
out_free:
	sqlite3_reset(s);
	free(pts);
	return -1;
}

/*
 * The brand's index, current with the store.  When PRAGMA data_version
 * says another connection committed, the brand's club_gens.gen tells
 * whether that was a clubs import (rebuild) or anything else (keep).
 * NULL on error.
 */
static const struct clubs_index *
index_for(struct store *st, const char *brand)
{
	int64_t v = store_data_version(st), gen;
	struct brand_index *bi = NULL;
	size_t i;

	if (cache.st != st) {
		clubs_cache_drop();
		cache.st = st;
	}
	for (i = 0; i < cache.n && bi == NULL; i++)
		if (strcmp(cache.b[i].brand, brand) == 0)
			bi = &cache.b[i];
	if (bi != NULL) {
		if (bi->checked == v)
			return &bi->ix;
		if (club_gen(st, brand, &gen) == -1)
			return NULL;
		if (gen == bi->gen) {
			bi->checked = v;
			return &bi->ix;
		}
	} else {
		if (cache.n == CLUBS_CACHE_BRANDS) {
			clubs_cache_drop();
			cache.st = st;
		}
		bi = &cache.b[cache.n];
		memset(bi, 0, sizeof(*bi));
		snprintf(bi->brand, sizeof(bi->brand), "%s", brand);
	}
	if (index_load(st, bi, v) == -1) {
		/* Keep nothing that may be half made. */
		if (bi == &cache.b[cache.n])
			clubs_index_free(&bi->ix);
		else {
			clubs_cache_drop();
			cache.st = st;
		}
		return NULL;
	}
	if (bi == &cache.b[cache.n])
		cache.n++;
	return &bi->ix;
}

/* The centroid of the order's postcode.  0, STORE_NOTFOUND or -1. */
static int
centroid(struct ppx_ctx *ctx, double *lat, double *lon)
{
	char country[3], key[CLUBS_POSTCODE_MAX + 1];
	const char *raw;
	sqlite3_stmt *s;
	int rc;

	if (ctx->order == NULL ||
	    (raw = order_field(ctx->order, "customer.postcode")) == NULL ||
	    clubs_country(order_field(ctx->order, "customer.country"),
	    country) == -1 || clubs_postcode_key(country, raw, key) == -1)
		return STORE_NOTFOUND;
	s = store_prepare(ctx->store, "SELECT lat, lon FROM postcodes"
	    " WHERE country = ? AND postcode = ?");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, country, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*lat = sqlite3_column_double(s, 0);
		*lon = sqlite3_column_double(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : -1;
}

/* radius_km, or the brand's "club.radius_km", or the default. */
static double
radius(struct ppx_ctx *ctx, double radius_km)
{
	const char *v;
	char *end;
	double r;

	if (radius_km > 0)
		return radius_km < CLUBS_MAX_RADIUS_KM ? radius_km :
		    CLUBS_MAX_RADIUS_KM;
	if ((v = services_host.setting(ctx, "club.radius_km")) != NULL) {
		r = strtod(v, &end);
		if (end != v && *end == '\0' && r > 0 && isfinite(r))
			return r < CLUBS_MAX_RADIUS_KM ? r :
			    CLUBS_MAX_RADIUS_KM;
		log_warn("brand %s: club.radius_km is not a positive number",
		    ctx->brand);
	}
	return CLUBS_DEFAULT_RADIUS_KM;
}

static const char *
column(struct ppx_ctx *ctx, sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v == NULL ? NULL : arena_strdup(ctx->arena, (const char *)v);
}

/* The next event of the club on or after today in the brand's zone. */
static int
next_event(struct ppx_ctx *ctx, const char *club_id, struct ppx_club *c)
{
	time_t t = (time_t)ctx->now - 86400;	/* every zone's today is */
	char from[11];				/* at most a day behind UTC */
	struct tm tm;
	sqlite3_stmt *s;
	const char *date;
	long days;
	int rc;

	gmtime_r(&t, &tm);
	strftime(from, sizeof(from), "%Y-%m-%d", &tm);
	s = store_prepare(ctx->store, "SELECT date, name, url FROM events"
	    " WHERE brand = ? AND club = ? AND date >= ?"
	    " ORDER BY date, name LIMIT 64");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, ctx->brand, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, club_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, from, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		date = (const char *)sqlite3_column_text(s, 0);
		if (services_days_until(ctx->now, ctx->timezone, date,
		    &days) == -1 || days < 0)
			continue;
		c->event_date = column(ctx, s, 0);
		c->event_name = column(ctx, s, 1);
		c->event_url = column(ctx, s, 2);
		break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Name, city, URL and next event of the club at rowid; 1: no such row. */
static int
club_row(struct ppx_ctx *ctx, int64_t rowid, double km, struct ppx_club *c)
{
	sqlite3_stmt *s;
	const char *id;
	int rc;

	s = store_prepare(ctx->store, "SELECT id, name, city, url FROM clubs"
	    " WHERE rowid = ?");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, rowid);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		/* Gone since the index was built (an import racing us). */
		return rc == SQLITE_DONE ? 1 : -1;
	}
	memset(c, 0, sizeof(*c));
	id = column(ctx, s, 0);
	c->name = column(ctx, s, 1);
	c->city = column(ctx, s, 2);
	c->url = column(ctx, s, 3);
	c->km = km;
	sqlite3_reset(s);
	if (id == NULL || c->name == NULL)
		return -1;
	return next_event(ctx, id, c);
}

/*
 * The load-time template check gets one club made of hostile values, so
 * a template that lets data become markup fails there.
 */
static int
sample_club(struct ppx_club *out, size_t max, size_t *n)
{
	static const char hostile[] =
	    "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";

	if (max == 0)
		return PPX_OK;
	out[0].name = hostile;
	out[0].city = hostile;
	out[0].url = "javascript:alert(1)";
	out[0].km = 1.25;
	out[0].event_name = hostile;
	out[0].event_date = "2026-12-12";
	out[0].event_url = " javascript:alert(1)";
	*n = 1;
	return PPX_OK;
}

int
services_clubs_near(struct ppx_ctx *ctx, double radius_km,
    struct ppx_club *out, size_t max, size_t *n)
{
	struct clubs_hit hits[CLUBS_INDEX_MAX_NEAR];
	const struct clubs_index *ix;
	double lat, lon;
	size_t k, i;
	int rc;

	if (n == NULL || (out == NULL && max > 0) || !(radius_km >= 0))
		return PPX_EINVAL;
	*n = 0;
	if (ctx->sample)
		return sample_club(out, max, n);
	if (ctx->brand == NULL || ctx->brand[0] == '\0')
		return PPX_ENOTFOUND;
	if ((rc = centroid(ctx, &lat, &lon)) == STORE_NOTFOUND)
		return PPX_ENOTFOUND;
	if (rc != 0 || (ix = index_for(ctx->store, ctx->brand)) == NULL) {
		log_err("clubs: store: %s", store_errmsg(ctx->store));
		return PPX_ERROR;
	}
	clubs_index_near(ix, lat, lon, radius(ctx, radius_km), hits, max, &k);
	for (i = 0; i < k; i++) {
		rc = club_row(ctx, hits[i].id, hits[i].km, &out[*n]);
		if (rc == -1) {
			log_err("clubs: store: %s", store_errmsg(ctx->store));
			*n = 0;
			return PPX_ERROR;
		}
		if (rc == 0)
			++*n;
	}
	return PPX_OK;
}
