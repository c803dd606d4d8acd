/*
 * leak.c - a test plugin that renders fine but leaks LEAK_BYTES (written
 * to, so they are really resident) on every render.  With isolation the
 * leak dies with the render's child; a test checks that the workers do
 * not grow.  Built for `make check` only; never installed.
 */
#include <stdlib.h>
#include <string.h>

#include <ppx/plugin.h>

#define LEAK_BYTES	(4 * 1024 * 1024)

static const char *const stages[] = { "shipped", NULL };

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_node *root, *n;
	char *lost;

	(void)state;
	if ((lost = malloc(LEAK_BYTES)) != NULL)
		memset(lost, 0x5a, LEAK_BYTES);
	/* Keep it reachable from nowhere, but not optimised away. */
	__asm__ volatile("" : : "r"(lost) : "memory");
	if ((root = host->root(ctx)) == NULL ||
	    (n = host->elem(ctx, root, "leaked")) == NULL ||
	    host->text(ctx, n, "4 MB") != PPX_OK)
		return PPX_ERROR;
	return PPX_OK;
}

extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "leak", stages, NULL, render, NULL
};
