/*
 * links.c - links in emails (host->link).  Until tracked /r/ links land
 * (the share touchpoint), a link is the checked URL itself.
 */
#include <string.h>
#include <strings.h>

#include <libxml/xmlstring.h>

#include "arena.h"
#include "services.h"

static int
scheme_ok(const char *url)
{
	return strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "mailto:", 7) == 0;
}

const char *
services_link(struct ppx_ctx *ctx, const char *url, const char *kind)
{
	const unsigned char *p;

	if (url == NULL || !xmlCheckUTF8((const xmlChar *)url) ||
	    !scheme_ok(url))
		return NULL;
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return NULL;
	(void)kind;
	return arena_strdup(ctx->arena, url);
}
