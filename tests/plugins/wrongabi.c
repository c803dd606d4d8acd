/*
 * wrongabi.c - a test plugin built for the next ABI major.
 *
 * The host must refuse to load it and log one line naming the file.
 * Built for `make check` only; never installed.
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

/* The descriptor: otherwise valid, but for another major. */
extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR + 1, PPX_ABI_MINOR, "wrongabi", stages, NULL, render,
	NULL
};
