/*
 * redirect.c - GET /r/TOKEN: the tracked link.  Check the token (made by
 * links.c, format in link_token.h) with the key it names, count the
 * click, answer 302 to the target it carries.
 *
 * Never an open redirect: the only Location ever sent is the target of a
 * token whose MAC verified under a key of the brand it names, so only
 * ppxd itself can choose where /r/ sends someone.  Anything else gets a
 * small HTML page with a 4xx status and no Location:
 *
 *	400  not the shape of a token
 *	404  unknown brand or key id (a brand deleted, a key retired)
 *	403  the MAC does not match (tampered, or moved to another brand)
 *	410  a real link past its expiry
 *
 * The click is one row per brand, touchpoint, kind and the brand's local
 * day, counted up; no order, no address, no IP, no time of day.  The
 * count waits at most CLICK_BUSY_MS for the store's lock and is dropped
 * (logged, with this worker's total) rather than delay the redirect.
 * HEAD answers like GET but counts nothing: link checkers are not
 * readers.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "arena.h"
#include "brandcache.h"
#include "handler.h"
#include "instance.h"
#include "link_token.h"
#include "log.h"
#include "pages.h"
#include "request.h"
#include "route.h"
#include "services.h"
#include "store.h"

#define CLICK_BUSY_MS	20
#define DAY		86400

_Static_assert(LINK_TOKEN_MAX <= ROUTE_MAX_TOKEN,
    "a tracked link's token must fit a route");

static const char click_sql[] =
	"INSERT INTO clicks (brand, touchpoint, kind, day, n)"
	" VALUES (?1, ?2, ?3, ?4, 1)"
	" ON CONFLICT (brand, touchpoint, kind, day) DO UPDATE SET n = n + 1";

/* Clicks this worker could not count (the store was busy or failed). */
static unsigned long clicks_dropped;

static const char page_fmt[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	"<title>%d %s</title></head>\n<body><h1>%s</h1>\n<p>%s</p></body>"
	"</html>\n";

/* A 4xx page: a fixed title and line, nothing of the request in it. */
static void
refuse(struct instance *in, struct response *resp, int status,
    const char *line)
{
	const char *reason = handler_reason(status);
	char *body;

	memset(resp, 0, sizeof(*resp));
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	body = arena_printf(in->arena, page_fmt, status, reason,
	    "This link does not work", line);
	resp->body = body != NULL ? body : "";
	resp->len = strlen(resp->body);
}

/* "YYYY-MM-DD" of now in the brand's time zone (UTC when unknown). */
static void
local_day(int64_t now, const char *tz, char out[11])
{
	struct tm tm;
	time_t t;
	long since_epoch;

	/* Days from the local today back to 1970-01-01, negated. */
	if (services_days_until(now, tz, "1970-01-01", &since_epoch) == 0)
		t = (time_t)(-since_epoch) * DAY;
	else
		t = (time_t)now;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Count one click; on any trouble drop it and say so. */
static void
count_click(struct instance *in, const struct brand_state *b,
    const struct link_fields *f, int64_t now)
{
	sqlite3 *db = store_db(in->store);
	sqlite3_stmt *s;
	char day[11];
	int rc;

	local_day(now, b->info.timezone, day);
	if ((s = store_prepare(in->store, click_sql)) == NULL) {
		rc = SQLITE_ERROR;
		goto out;
	}
	sqlite3_busy_timeout(db, CLICK_BUSY_MS);
	if (sqlite3_bind_text(s, 1, f->brand, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, f->touchpoint, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(s, 3, f->kind, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 4, day, -1, SQLITE_STATIC) != SQLITE_OK)
		rc = SQLITE_ERROR;
	else
		rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
out:
	if (rc != SQLITE_DONE) {
		clicks_dropped++;
		log_warn("redirect: click not counted (%s); %lu dropped by "
		    "this worker", rc == SQLITE_BUSY ? "store busy" :
		    store_errmsg(in->store), clicks_dropped);
	}
}

/*
 * The target as a Location value: bytes a header or a URL must not
 * carry raw (non-ASCII, space, quotes, angle brackets...) %-encoded.
 */
static const char *
location_of(struct arena *a, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char *out, *o;

	if ((out = arena_alloc(a, strlen(url) * 3 + 1)) == NULL)
		return NULL;
	for (o = out, p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p > 0x20 && *p < 0x7f && strchr("\"<>\\^`{|}", *p) == NULL)
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

void
redirect_serve(struct instance *in, const struct request *r,
    const struct route *rt, int64_t now, struct response *resp)
{
	char brand[LINK_NAME_MAX + 1], kid[LINK_KID_MAX + 1];
	struct link_fields f;
	struct brand_state *b;
	const struct sign_key *k;
	const char *location;

	if (link_token_owner(rt->token, brand, kid) != LINK_OK) {
		refuse(in, resp, 400, "This is not a link we made.");
		return;
	}
	if ((b = brandcache_get(in->brands, brand)) == NULL ||
	    (k = brandcache_sign_key(in->brands, b, kid)) == NULL) {
		refuse(in, resp, 404, "This link is no longer known.");
		return;
	}
	switch (link_token_open(in->arena, k, rt->token, now, &f)) {
	case LINK_OK:
		break;
	case LINK_EXPIRED:
		refuse(in, resp, 410, "This link has expired.");
		return;
	case LINK_FORGED:
		refuse(in, resp, 403, "This link has been changed.");
		return;
	default:
		refuse(in, resp, 400, "This is not a link we made.");
		return;
	}
	if ((location = location_of(in->arena, f.url)) == NULL) {
		refuse(in, resp, 503, "Please try again.");
		return;
	}
	if (r->method == METHOD_GET)
		count_click(in, b, &f, now);
	memset(resp, 0, sizeof(*resp));
	resp->status = 302;
	resp->content_type = "text/html; charset=utf-8";
	resp->body = "";
	resp->len = 0;
	resp->location = location;
}
