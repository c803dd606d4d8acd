/*
 * newerminor.c - a test plugin built for a newer ABI minor than the host's.
 *
 * It might call services the host does not have, so the host must refuse
 * it.  Built for `make check` only; never installed.
 */
#include <stddef.h>

#include <ppx/plugin.h>

static const char *const stages[] = { "ordered", NULL };

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	(void)host;
	(void)ctx;
	(void)state;
	return PPX_OK;
}

/* The descriptor: same major, next minor. */
extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR + 1, "newerminor", stages, NULL, render,
	NULL
};
