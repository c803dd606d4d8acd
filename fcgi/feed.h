/*
 * feed.h - records of a brand's product feeds (host->feed, ABI 1.1):
 * settings, the fetch-or-cache policy, the JSON record format, and the
 * fetches a worker finishes after its response is sent.
 *
 * A record is one JSON object, e.g. the manual feed's:
 *
 *	{ "title": "Runner 42 — quick start",
 *	  "cover": { "url": "https://…/cover.jpg", "width": 300,
 *	             "height": 400 },
 *	  "steps": [ "Loosen the laces fully.", "…" ],
 *	  "pdf": "https://…/runner-42.pdf" }
 *
 * which becomes fields in document order: title, cover.url, cover.width,
 * cover.height, steps, steps, …, pdf.  Strings, numbers and booleans
 * are values; an object one level down gives "outer.inner" fields; an
 * array of those gives its name once per element; null and anything
 * deeper are skipped.
 */
#ifndef PPX_FEED_H
#define PPX_FEED_H

#include <stddef.h>

#include <ppx/plugin.h>

#include "store.h"

struct arena;

#define FEED_MAX_KEY		64	/* a record key (SKU): [A-Za-z0-9._-] */
#define FEED_MAX_NAME		64	/* a field name, "outer.inner" */
#define FEED_MAX_VALUE		2048	/* bytes of one field value */
#define FEED_MAX_DEPTH		8	/* JSON nesting the parser accepts */
#define FEED_MAX_PENDING	8	/* fetches a worker finishes later */

/* 1 when key may name a record: 1..64 of [A-Za-z0-9._-]. */
int	 feed_key_valid(const char *key);
/*
 * The URL for key: tmpl with every "{key}" replaced by key (which
 * feed_key_valid() keeps URL-safe) and every "{lang}" by lang (a
 * language tag, URL-safe too).  0, or -1 when tmpl has no {key}, has a
 * {lang} and lang is NULL, or the result does not fit in outlen.
 */
int	 feed_url(const char *tmpl, const char *key, const char *lang,
	    char *out, size_t outlen);
/*
 * A record of a URL with {lang} is cached per language, under
 * "KEY~LANG" ('~' is never in a key).
 */
#define FEED_CACHE_KEY_MAX	(FEED_MAX_KEY + 1 + STORE_MAX_LANG)
/*
 * The fields of the record body (len bytes of JSON), names and values
 * copied into a; at most max fields (the rest are dropped).  With a NULL
 * arena only checks the body.  0, or -1 with a one-line reason in why
 * when the body is not a JSON object of UTF-8 within the limits.
 * OUT: out[0..*n-1].
 */
int	 feed_fields(const char *body, size_t len, struct arena *a,
	    struct ppx_field *out, size_t max, size_t *n, char *why,
	    size_t whylen);
/*
 * Finish every fetch a request left running (each within its own total
 * timeout) and cache what they bring.  Workers call it after the
 * response is sent; the CLI before it exits.
 */
void	 feed_finish_pending(void);
/* Whether fetches are waiting for feed_finish_pending(). */
int	 feed_has_pending(void);

#endif
