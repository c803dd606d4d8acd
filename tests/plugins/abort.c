/*
 * abort.c - a test plugin that calls abort() in every render, the way a
 * failed assert() does.  Built for `make check` only; never installed.
 */
#include <stdlib.h>

#include <ppx/plugin.h>

static const char *const stages[] = { "shipped", NULL };

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	(void)host;
	(void)ctx;
	(void)state;
	abort();		/* SIGABRT */
}

extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "abort", stages, NULL, render, NULL
};
