/*
 * failing.c - a test plugin whose render always fails.
 *
 * It writes part of its tree first, so a test can check that the host
 * discards partial output and omits the touchpoint (PPX-Omitted: failing).
 * Built for `make check` only; never installed.
 */
#include <stddef.h>

#include <ppx/plugin.h>

static const char *const stages[] = {
	"ordered", "shipped", "out_for_delivery", "delivered", "picked_up",
	"return_received", "cancelled", NULL
};

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_node	*root, *n;

	(void)state;
	if ((root = host->root(ctx)) != NULL &&
	    (n = host->elem(ctx, root, "partial")) != NULL) {
		(void)host->attr(ctx, n, "half", "written");
		(void)host->text(ctx, n, "this must never reach the output");
	}
	host->log(ctx, PPX_LOG_INFO, "failing on purpose");
	return PPX_ERROR;
}

/* The descriptor: a valid plugin that fails every render. */
extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "failing", stages, NULL, render, NULL
};
