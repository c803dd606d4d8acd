/*
 * clubs.c - clubs near the customer: not yet.
 */
#include "services.h"

int
services_clubs_near(struct ppx_ctx *ctx, double radius_km,
    struct ppx_club *out, size_t max, size_t *n)
{
	(void)ctx; (void)radius_km; (void)out; (void)max;
	*n = 0;
	return PPX_ENOTFOUND;
}
