/*
 * hang.c - a test plugin that never returns from render (a busy loop:
 * no signal, no system call the host could notice).  Built for
 * `make check` only; never installed.
 */
#include <stddef.h>

#include <ppx/plugin.h>

static const char *const stages[] = { "shipped", NULL };

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	volatile unsigned long spin = 0;

	(void)host;
	(void)ctx;
	(void)state;
	for (;;)
		spin++;
	return PPX_OK;
}

extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "hang", stages, NULL, render, NULL
};
