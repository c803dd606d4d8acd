/*
 * codes.c - codes per order and item (recycling returns): not yet.
 */
#include "services.h"

int
services_code_issue(struct ppx_ctx *ctx, const char *kind, const char *item,
    const char **code)
{
	(void)ctx; (void)kind; (void)item; (void)code;
	return PPX_ENOTFOUND;
}

const char *
services_code_link(struct ppx_ctx *ctx, const char *kind, const char *code)
{
	(void)ctx; (void)kind; (void)code;
	return NULL;
}

int
services_code_count(struct ppx_ctx *ctx, const char *kind, const char *state,
    int64_t *n)
{
	(void)ctx; (void)kind; (void)state; (void)n;
	return PPX_ENOTFOUND;
}
