/*
 * links.c - links in emails (host->link): every http(s) or mailto link a
 * plugin makes becomes a tracked link BASE/r/TOKEN, signed with the
 * brand's current key (link_token.h), that /r/ (redirect.c) checks,
 * counts and answers with a 302 to the target.
 *
 * Without a base URL (no <public url> and no Host to go by) or without a
 * signing secret for the brand there is nothing to point a tracked link
 * at: the link is then the checked target itself, untracked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "brandcache.h"
#include "link_token.h"
#include "log.h"
#include "services.h"

#define EXPIRY_DAYS_DEFAULT	400
#define EXPIRY_DAYS_MAX		3650
#define DAY			86400

/* The brand's setting links.expiry_days (1..3650), else the default. */
static long
expiry_days(struct ppx_ctx *ctx)
{
	const char *v;
	char *end;
	long days;

	if (brandcache_setting(ctx->brands, ctx->bstate, "links.expiry_days",
	    &v) != 0)
		return EXPIRY_DAYS_DEFAULT;
	errno = 0;
	days = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || days < 1 ||
	    days > EXPIRY_DAYS_MAX)
		return EXPIRY_DAYS_DEFAULT;
	return days;
}

const char *
services_link(struct ppx_ctx *ctx, const char *url, const char *kind)
{
	struct link_fields f;
	const struct sign_key *k;
	const char *token;
	size_t baselen;

	if (!link_url_ok(url))
		return NULL;
	if (ctx->base_url == NULL || ctx->brands == NULL ||
	    ctx->bstate == NULL || ctx->sample)
		return arena_strdup(ctx->arena, url);
	memset(&f, 0, sizeof(f));
	if ((k = brandcache_current_key(ctx->brands, ctx->bstate, &f.kid)) ==
	    NULL)
		return arena_strdup(ctx->arena, url);
	f.brand = ctx->brand;
	f.touchpoint = ctx->plugin;
	f.kind = kind != NULL ? kind : "link";
	f.url = url;
	/*
	 * The end of a UTC day: every link made on one day is the same
	 * token, so a fragment fetched twice is byte for byte the same.
	 */
	f.exp = (ctx->now / DAY + expiry_days(ctx) + 1) * DAY - 1;
	if ((token = link_token_make(ctx->arena, k, &f)) == NULL) {
		log_warn("links: %s: no tracked link of kind '%.64s'",
		    ctx->plugin, f.kind);
		return NULL;
	}
	baselen = strlen(ctx->base_url);
	while (baselen > 0 && ctx->base_url[baselen - 1] == '/')
		baselen--;
	return arena_printf(ctx->arena, "%.*s/r/%s", (int)baselen,
	    ctx->base_url, token);
}
