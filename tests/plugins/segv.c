/*
 * segv.c - a test plugin that dereferences NULL in every render.
 * Built for `make check` only; never installed.
 */
#include <stddef.h>

#include <ppx/plugin.h>

static const char *const stages[] = { "shipped", NULL };

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	volatile int *nowhere = NULL;

	(void)host;
	(void)ctx;
	(void)state;
	*nowhere = 1;		/* SIGSEGV */
	return PPX_OK;
}

extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "segv", stages, NULL, render, NULL
};
