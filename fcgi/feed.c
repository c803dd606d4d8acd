/*
 * feed.c - host->feed: a record of a brand's product feed, from the
 * store's cache when it is fresh, else fetched within the request's
 * deadline, else (cold and slow) fetched after the response for the
 * next request.
 *
 * Brand settings (ppx brand set BRAND KEY VALUE):
 *	<feed>.url		URL with {key} (and {lang}: one record per
 *				language); without it the feed is off
 *	feed.allow_hosts	comma list of host or host:port (fetch.h)
 *	feed.ttl		seconds a record is fresh (default 3600)
 *	feed.negative_ttl	seconds a 404 is believed (default 300)
 *	feed.retry_after	seconds between tries after a failure (60)
 *	feed.timeout_ms		total time of one fetch (default 3000)
 *	feed.connect_timeout_ms	(default 1000)
 *	feed.max_bytes		body cap (default 65536)
 * https only, unless the environment has PPX_FEED_ALLOW_HTTP=1 (tests,
 * the demo).
 *
 * The pending fetches are per process: a worker serves one request at
 * a time and finishes them (feed_finish_pending) before the next.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "feed.h"
#include "feedcache.h"
#include "fetch.h"
#include "log.h"
#include "metrics.h"
#include "services.h"
#include "store.h"

/* Left to the template and the rest of the request after waiting. */
#define DEADLINE_MARGIN_MS	50

struct feed_policy {
	const char	*url_tmpl;
	struct fetch_opts fetch;
	int64_t		 ttl, negative_ttl, retry_after;
};

struct pending {
	struct fetch	*fetch;
	struct store	*store;
	char		 brand[STORE_MAX_NAME + 1];
	char		 feed[STORE_MAX_NAME + 1];
	char		 key[FEED_CACHE_KEY_MAX + 1];	/* as cached */
	int64_t		 now;		/* the clock of the request */
};

static struct pending pending[FEED_MAX_PENDING];

int
feed_key_valid(const char *key)
{
	size_t n;

	if (key == NULL)
		return 0;
	n = strspn(key, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");
	return n > 0 && n <= FEED_MAX_KEY && key[n] == '\0' &&
	    strcmp(key, ".") != 0 && strcmp(key, "..") != 0;
}

int
feed_url(const char *tmpl, const char *key, const char *lang, char *out,
    size_t outlen)
{
	const char *p = tmpl, *sub;
	size_t used = 0, n, skip = 0;
	int found = 0;

	while (*p != '\0') {
		sub = NULL;
		if (strncmp(p, "{key}", 5) == 0) {
			sub = key;
			skip = 5;
			found = 1;
		} else if (strncmp(p, "{lang}", 6) == 0) {
			if ((sub = lang) == NULL)
				return -1;
			skip = 6;
		}
		if (sub == NULL) {
			sub = p;
			skip = 1;
			n = 1;
		} else
			n = strlen(sub);
		if (used + n >= outlen)
			return -1;
		memcpy(out + used, sub, n);
		used += n;
		p += skip;
	}
	if (!found || used >= outlen)
		return -1;
	out[used] = '\0';
	return 0;
}

/* A numeric setting within [min, max], else the default. */
static long
setting_num(struct ppx_ctx *ctx, const char *key, long def, long min,
    long max)
{
	const char *v;
	char *end;
	long n;

	if (store_setting_get(ctx->store, ctx->brand, key, ctx->arena,
	    &v) != 0)
		return def;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || n < min || n > max) {
		log_warn("brand %s: setting %s out of range %ld..%ld: using "
		    "%ld", ctx->brand, key, min, max, def);
		return def;
	}
	return n;
}

/*
 * What a cache hit needs.  0, or -1 when the brand has no such feed.
 * The fetch options wait for load_fetch_opts(): a hit never reads them.
 */
static int
load_policy(struct ppx_ctx *ctx, const char *feed, struct feed_policy *p)
{
	char key[STORE_MAX_NAME + 8];

	memset(p, 0, sizeof(*p));
	snprintf(key, sizeof(key), "%s.url", feed);
	if (store_setting_get(ctx->store, ctx->brand, key, ctx->arena,
	    &p->url_tmpl) != 0)
		return -1;
	p->ttl = setting_num(ctx, "feed.ttl", 3600, 0, 7 * 86400);
	p->negative_ttl = setting_num(ctx, "feed.negative_ttl", 300, 0, 86400);
	p->retry_after = setting_num(ctx, "feed.retry_after", 60, 0, 3600);
	return 0;
}

static void
load_fetch_opts(struct ppx_ctx *ctx, struct fetch_opts *o)
{
	const char *env = getenv("PPX_FEED_ALLOW_HTTP");

	if (store_setting_get(ctx->store, ctx->brand, "feed.allow_hosts",
	    ctx->arena, &o->allow_hosts) != 0)
		o->allow_hosts = "";
	o->allow_http = env != NULL && strcmp(env, "1") == 0;
	o->total_timeout_ms = setting_num(ctx, "feed.timeout_ms", 3000, 100,
	    30000);
	o->connect_timeout_ms = setting_num(ctx, "feed.connect_timeout_ms",
	    1000, 100, 10000);
	o->max_bytes = (size_t)setting_num(ctx, "feed.max_bytes", 65536, 1024,
	    1024 * 1024);
}

/* What the feed's answer means for the cache.  The body was checked. */
static void
cache_result(struct store *st, const char *brand, const char *feed,
    const char *key, int64_t now, const struct fetch_result *r)
{
	struct feedcache_row row;
	char why[160];
	size_t n;
	int rc = 0;

	memset(&row, 0, sizeof(row));
	row.fetched = row.checked = now;
	if (r->status == 200 && feed_fields(r->body, r->len, NULL, NULL, 0,
	    &n, why, sizeof(why)) == -1) {
		log_warn("feed %s of brand %s: %s sent a bad record: %s", feed,
		    brand, r->host, why);
		rc = feedcache_failed(st, brand, feed, key, now);
	} else if (r->status == 200) {
		row.status = FEEDCACHE_OK;
		row.body = r->body;
		row.len = r->len;
		row.etag = r->etag;
		row.last_modified = r->last_modified;
		rc = feedcache_put(st, brand, feed, key, &row);
	} else if (r->status == 304 && feedcache_confirm(st, brand, feed, key,
	    now) == 0) {
		return;
	} else if (r->status == 404 || r->status == 410) {
		row.status = FEEDCACHE_MISSING;
		rc = feedcache_put(st, brand, feed, key, &row);
	} else {
		if (r->status != 0)
			log_warn("feed %s of brand %s: %s answered %ld", feed,
			    brand, r->host, r->status);
		else
			log_warn("feed %s of brand %s: %s: %s", feed, brand,
			    r->host[0] != '\0' ? r->host : "fetch", r->error);
		rc = feedcache_failed(st, brand, feed, key, now);
	}
	if (rc != 0)
		log_err("feed %s of brand %s: cannot cache: %s", feed, brand,
		    store_errmsg(st));
}

/* Milliseconds this render may still wait, keeping a margin. */
static long
wait_budget(const struct ppx_ctx *ctx, long total_ms)
{
	struct timespec now;
	long left;

	if (ctx->deadline.tv_sec == 0 && ctx->deadline.tv_nsec == 0)
		return total_ms;
	clock_gettime(CLOCK_MONOTONIC, &now);
	left = (long)((ctx->deadline.tv_sec - now.tv_sec) * 1000 +
	    (ctx->deadline.tv_nsec - now.tv_nsec) / 1000000) -
	    DEADLINE_MARGIN_MS;
	if (left < 0)
		return 0;
	return left < total_ms ? left : total_ms;
}

static struct pending *
pending_find(const struct ppx_ctx *ctx, const char *feed, const char *key)
{
	size_t i;

	for (i = 0; i < FEED_MAX_PENDING; i++)
		if (pending[i].fetch != NULL &&
		    pending[i].store == ctx->store &&
		    strcmp(pending[i].brand, ctx->brand) == 0 &&
		    strcmp(pending[i].feed, feed) == 0 &&
		    strcmp(pending[i].key, key) == 0)
			return &pending[i];
	return NULL;
}

static struct pending *
pending_slot(void)
{
	size_t i;

	for (i = 0; i < FEED_MAX_PENDING; i++)
		if (pending[i].fetch == NULL)
			return &pending[i];
	return NULL;
}

static void
pending_finish(struct pending *pd)
{
	cache_result(pd->store, pd->brand, pd->feed, pd->key, pd->now,
	    fetch_result(pd->fetch));
	fetch_free(pd->fetch);
	memset(pd, 0, sizeof(*pd));
}

int
feed_has_pending(void)
{
	size_t i;

	for (i = 0; i < FEED_MAX_PENDING; i++)
		if (pending[i].fetch != NULL)
			return 1;
	return 0;
}

void
feed_finish_pending(void)
{
	size_t i;

	for (i = 0; i < FEED_MAX_PENDING; i++) {
		if (pending[i].fetch == NULL)
			continue;
		/* libcurl ends it at its total timeout; this only waits. */
		while (!fetch_wait(pending[i].fetch, 1000))
			;
		pending_finish(&pending[i]);
	}
}

/*
 * Start a fetch for key in lang (NULL: the URL has no {lang}), cached as
 * ckey, conditional when row has a record; or find the one running.
 * NULL when none can run (logged, and noted in the cache).
 */
static struct pending *
start(struct ppx_ctx *ctx, const char *feed, const char *key,
    const char *lang, const char *ckey, struct feed_policy *p,
    const struct feedcache_row *row, int have_row)
{
	struct pending *pd;
	char url[FETCH_MAX_URL + 1], why[160];

	load_fetch_opts(ctx, &p->fetch);
	if ((pd = pending_find(ctx, feed, ckey)) != NULL)
		return pd;
	if ((pd = pending_slot()) == NULL) {
		log_warn("feed %s of brand %s: %d fetches already pending",
		    feed, ctx->brand, FEED_MAX_PENDING);
		return NULL;
	}
	if (have_row && row->status == FEEDCACHE_OK) {
		p->fetch.etag = row->etag;
		p->fetch.last_modified = row->last_modified;
	}
	if (feed_url(p->url_tmpl, key, lang, url, sizeof(url)) == -1) {
		log_warn("feed %s of brand %s: setting %s.url has no {key} or "
		    "is too long", feed, ctx->brand, feed);
		return NULL;
	}
	if (fetch_start(&pd->fetch, url, &p->fetch, why, sizeof(why)) == -1) {
		log_warn("feed %s of brand %s: refused: %s", feed, ctx->brand,
		    why);
		if (feedcache_failed(ctx->store, ctx->brand, feed, ckey,
		    ctx->now) != 0)
			log_err("feed %s of brand %s: cannot cache: %s", feed,
			    ctx->brand, store_errmsg(ctx->store));
		return NULL;
	}
	pd->store = ctx->store;
	pd->now = ctx->now;
	snprintf(pd->brand, sizeof(pd->brand), "%s", ctx->brand);
	snprintf(pd->feed, sizeof(pd->feed), "%s", feed);
	snprintf(pd->key, sizeof(pd->key), "%s", ckey);
	return pd;
}

/* The record of row as fields, or why there is none. */
static int
serve(struct ppx_ctx *ctx, const char *feed, const struct feedcache_row *row,
    struct ppx_field *out, size_t max, size_t *n)
{
	char why[160];

	if (row->status != FEEDCACHE_OK || row->body == NULL)
		return PPX_ENOTFOUND;
	if (feed_fields(row->body, row->len, ctx->arena, out, max, n, why,
	    sizeof(why)) == -1) {
		log_warn("feed %s of brand %s: cached record: %s", feed,
		    ctx->brand, why);
		return PPX_ENOTFOUND;
	}
	return PPX_OK;
}

static int
is_fresh(const struct feedcache_row *row, const struct feed_policy *p,
    int64_t now)
{
	if (row->status == FEEDCACHE_OK)
		return now < row->fetched + p->ttl;
	if (row->status == FEEDCACHE_MISSING)
		return now < row->fetched + p->negative_ttl;
	return 0;
}

/* Did the last try fail?  (A success sets fetched and checked alike.) */
static int
failed_last(const struct feedcache_row *row)
{
	return row->status == FEEDCACHE_FAILED || row->checked > row->fetched;
}

int
services_feed(struct ppx_ctx *ctx, const char *feed, const char *key,
    struct ppx_field *out, size_t max, size_t *n)
{
	char ckey[FEED_CACHE_KEY_MAX + 1];
	const char *lang = NULL;
	struct feed_policy p;
	struct feedcache_row row;
	struct pending *pd;
	int have_row, rc;

	if (n == NULL || out == NULL)
		return PPX_EINVAL;
	*n = 0;
	if (feed == NULL || !store_valid_name(feed) || !feed_key_valid(key))
		return PPX_EINVAL;
	/* The load-time template check never goes out on the network. */
	if (ctx->sample || load_policy(ctx, feed, &p) == -1)
		return PPX_ENOTFOUND;
	/* One record per language when the URL names it. */
	if (strstr(p.url_tmpl, "{lang}") != NULL) {
		lang = ctx->lang != NULL && store_valid_lang(ctx->lang) ?
		    ctx->lang : ctx->default_lang != NULL &&
		    store_valid_lang(ctx->default_lang) ? ctx->default_lang :
		    "en";
	}
	if (snprintf(ckey, sizeof(ckey), "%s%s%s", key, lang != NULL ? "~" :
	    "", lang != NULL ? lang : "") >= (int)sizeof(ckey))
		return PPX_EINVAL;

	rc = feedcache_get(ctx->store, ctx->brand, feed, ckey, ctx->arena,
	    &row);
	if (rc == -1) {
		log_err("feed %s of brand %s: cache: %s", feed, ctx->brand,
		    store_errmsg(ctx->store));
		return PPX_ENOTFOUND;
	}
	have_row = rc == 0;
	if (have_row && (is_fresh(&row, &p, ctx->now) ||
	    (failed_last(&row) && ctx->now < row.checked + p.retry_after))) {
		metrics_count("ppx_fetch_cache_total", "result", "hit");
		return serve(ctx, feed, &row, out, max, n);
	}
	metrics_count("ppx_fetch_cache_total", "result", "miss");

	if ((pd = start(ctx, feed, key, lang, ckey, &p, &row, have_row)) ==
	    NULL)
		return have_row ? serve(ctx, feed, &row, out, max, n) :
		    PPX_ENOTFOUND;
	if (!fetch_wait(pd->fetch, wait_budget(ctx,
	    p.fetch.total_timeout_ms))) {
		/* Not in time: the cached copy now, the fresh one later. */
		return have_row && row.status == FEEDCACHE_OK ?
		    serve(ctx, feed, &row, out, max, n) : PPX_EAGAIN;
	}
	pending_finish(pd);
	if (feedcache_get(ctx->store, ctx->brand, feed, ckey, ctx->arena,
	    &row) != 0)
		return PPX_ENOTFOUND;
	return serve(ctx, feed, &row, out, max, n);
}
