/*
 * feed.c - records of a brand's product feeds (manual metadata): not yet.
 */
#include "services.h"

int
services_feed(struct ppx_ctx *ctx, const char *feed, const char *key,
    struct ppx_field *out, size_t max, size_t *n)
{
	(void)ctx; (void)feed; (void)key; (void)out; (void)max;
	if (n != NULL)
		*n = 0;
	return PPX_ENOTFOUND;
}
