/*
 * badname.c - a test plugin whose descriptor name does not match its file.
 *
 * Built as badname.so but calls itself "other": the host must refuse it.
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

/* The descriptor: valid ABI, wrong name. */
extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "other", stages, NULL, render, NULL
};
