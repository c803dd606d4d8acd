/*
 * test_sandbox.c - a render in a child: what comes back when the plugin
 * renders, crashes, aborts, hangs or lies; and the quarantine policy.
 */
#include <sys/mman.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <libxml/tree.h>

#include "plugin_host.h"
#include "quarantine.h"
#include "sandbox.h"
#include "services.h"

static int
render_ok(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_node *n;

	(void)state;
	n = host->elem(ctx, host->root(ctx), "greeting");
	return n != NULL && host->text(ctx, n, "hallo") == PPX_OK ?
	    PPX_OK : PPX_ERROR;
}

static int
render_nodata(const struct ppx_host *host, struct ppx_ctx *ctx, void *st)
{
	(void)host;
	(void)ctx;
	(void)st;
	return PPX_NODATA;
}

static int
render_segv(const struct ppx_host *host, struct ppx_ctx *ctx, void *st)
{
	/* A page without access: a real SIGSEGV, not UB for a sanitizer. */
	volatile char *forbidden = mmap(NULL, 4096, PROT_NONE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)host;
	(void)ctx;
	(void)st;
	if (forbidden == MAP_FAILED)
		return PPX_ERROR;
	*forbidden = 1;
	return PPX_OK;
}

static int
render_abort(const struct ppx_host *host, struct ppx_ctx *ctx, void *st)
{
	(void)host;
	(void)ctx;
	(void)st;
	abort();
}

static int
render_hang(const struct ppx_host *host, struct ppx_ctx *ctx, void *st)
{
	volatile unsigned long spin = 0;

	(void)host;
	(void)ctx;
	(void)st;
	for (;;)
		spin++;
	return PPX_OK;
}

static int
render_exit(const struct ppx_host *host, struct ppx_ctx *ctx, void *st)
{
	(void)host;
	(void)ctx;
	(void)st;
	exit(3);
}

/* A plugin that renames its root: the worker must not take that tree. */
static int
render_liar(const struct ppx_host *host, struct ppx_ctx *ctx, void *st)
{
	(void)host;
	(void)st;
	xmlSetProp(ctx->root, BAD_CAST "name", BAD_CAST "voorpret");
	return PPX_OK;
}

static struct ppx_plugin desc = { PPX_ABI_MAJOR, PPX_ABI_MINOR, "t", NULL,
	NULL, NULL, NULL };
static struct plugin plug;
static struct ppx_ctx ctx;

static int
setup(void **state)
{
	(void)state;
	memset(&plug, 0, sizeof(plug));
	strcpy(plug.name, "t");
	plug.desc = &desc;
	plug.ready = 1;
	memset(&ctx, 0, sizeof(ctx));
	ctx.plugin = "t";
	ctx.stage = "shipped";
	ctx.lang = "nl";
	ctx.brand = "runfast";
	return services_begin(&ctx);
}

static int
teardown(void **state)
{
	(void)state;
	xmlFreeDoc(ctx.doc);
	ctx.doc = NULL;
	return 0;
}

static enum sandbox_outcome
run(int (*fn)(const struct ppx_host *, struct ppx_ctx *, void *),
    long timeout_ms, struct sandbox_report *rep)
{
	desc.render = fn;
	return sandbox_render(&plug, &ctx, timeout_ms, rep);
}

static void
rendered_tree_comes_back(void **state)
{
	struct sandbox_report rep;
	xmlNodePtr root;
	xmlChar *s;

	(void)state;
	assert_int_equal(run(render_ok, 2000, &rep), SANDBOX_RENDERED);
	assert_int_equal(rep.rc, PPX_OK);
	root = xmlDocGetRootElement(ctx.doc);
	assert_non_null(root);
	assert_string_equal((const char *)root->name, "touchpoint");
	assert_non_null(root->children);
	s = xmlNodeGetContent(root->children);
	assert_string_equal((const char *)s, "hallo");
	xmlFree(s);
}

static void
nodata_is_passed_on(void **state)
{
	struct sandbox_report rep;

	(void)state;
	assert_int_equal(run(render_nodata, 2000, &rep), SANDBOX_RENDERED);
	assert_int_equal(rep.rc, PPX_NODATA);
}

static void
segfault_is_a_crash(void **state)
{
	struct sandbox_report rep;
	xmlDocPtr before = ctx.doc;

	(void)state;
	assert_int_equal(run(render_segv, 2000, &rep), SANDBOX_CRASHED);
	assert_int_equal(rep.signal, 11);
	assert_ptr_equal(ctx.doc, before);	/* untouched */
}

static void
abort_is_a_crash(void **state)
{
	struct sandbox_report rep;

	(void)state;
	assert_int_equal(run(render_abort, 2000, &rep), SANDBOX_CRASHED);
	assert_int_equal(rep.signal, 6);
}

static void
exit_is_a_crash(void **state)
{
	struct sandbox_report rep;

	(void)state;
	assert_int_equal(run(render_exit, 2000, &rep), SANDBOX_CRASHED);
	assert_int_equal(rep.signal, 0);
	assert_int_equal(rep.exit_status, 3);
}

static void
hang_is_killed_at_the_deadline(void **state)
{
	struct sandbox_report rep;

	(void)state;
	assert_int_equal(run(render_hang, 150, &rep), SANDBOX_TIMEOUT);
	assert_true(rep.elapsed_ms >= 150);
	/* Sanity bound only (shared CI machines); the design says +100 ms. */
	assert_true(rep.elapsed_ms < 150 + 1000);
	assert_int_equal(rep.signal, 9);
}

static void
foreign_tree_is_refused(void **state)
{
	struct sandbox_report rep;

	(void)state;
	assert_int_equal(run(render_liar, 2000, &rep), SANDBOX_RENDERED);
	assert_int_equal(rep.rc, PPX_ERROR);
}

static void
quarantine_policy(void **state)
{
	struct quarantine_policy pol = { 3, 1000, 500 };
	int64_t t = 1000000;

	(void)state;
	/* Not mapped: never quarantined. */
	assert_int_equal(quarantine_crash("q", t, &pol), 0);
	assert_int_equal(quarantine_init(), 0);
	assert_int_equal(quarantine_left("q", t), 0);
	assert_int_equal(quarantine_crash("q", t, &pol), 0);
	assert_int_equal(quarantine_crash("q", t + 10, &pol), 0);
	/* The window ran out: counting starts again. */
	assert_int_equal(quarantine_crash("q", t + 2000, &pol), 0);
	assert_int_equal(quarantine_crash("q", t + 2010, &pol), 0);
	assert_int_equal(quarantine_left("q", t + 2010), 0);
	assert_int_equal(quarantine_crash("q", t + 2020, &pol), 1);
	assert_int_equal(quarantine_left("q", t + 2020), 500);
	assert_int_equal(quarantine_left("other", t + 2020), 0);
	/* More crashes (other workers' renders in flight) do not extend. */
	assert_int_equal(quarantine_crash("q", t + 2030, &pol), 0);
	assert_int_equal(quarantine_left("q", t + 2520), 0);
	assert_int_equal(quarantine_left("q", t + 2521), 0);
	quarantine_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rendered_tree_comes_back,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(nodata_is_passed_on, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(segfault_is_a_crash, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(abort_is_a_crash, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(exit_is_a_crash, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(hang_is_killed_at_the_deadline,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(foreign_tree_is_refused, setup,
		    teardown),
		cmocka_unit_test(quarantine_policy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
