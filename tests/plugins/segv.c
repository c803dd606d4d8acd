/*
 * segv.c - a test plugin that writes to memory it may not touch in every
 * render: a real SIGSEGV, not undefined behaviour a sanitizer would catch
 * first (a page mapped without access, rather than NULL).  Built for
 * `make check` only; never installed.
 */
#include <sys/mman.h>

#include <stddef.h>

#include <ppx/plugin.h>

static const char *const stages[] = { "shipped", NULL };

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	volatile char *forbidden;

	(void)host;
	(void)ctx;
	(void)state;
	forbidden = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	if (forbidden == MAP_FAILED)
		return PPX_ERROR;
	*forbidden = 1;		/* SIGSEGV */
	return PPX_OK;
}

extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "segv", stages, NULL, render, NULL
};
