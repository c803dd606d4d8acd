/*
 * test_plugin_host.c - the loader refuses what it must, with the file
 * named, and keeps the good plugins.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "plugin_host.h"

static char libs[4096];

/* Path of a test plugin built by libtool. */
static const char *
plugin_path(const char *dir, const char *name)
{
	static char path[4200];

	snprintf(path, sizeof(path), "%s/%s/.libs/%s.so", libs, dir, name);
	return path;
}

static void
expect_refused(const char *name, const char *needle)
{
	struct plugin p;
	char why[512] = "";

	assert_int_equal(plugin_load(&p, plugin_path("tests/plugins", name),
	    why, sizeof(why)), -1);
	/* One line that names the file and the reason. */
	assert_non_null(strstr(why, name));
	assert_non_null(strstr(why, needle));
	assert_null(strchr(why, '\n'));
}

static void
test_wrong_major(void **state)
{
	(void)state;
	expect_refused("wrongabi", "major differs");
}

static void
test_newer_minor(void **state)
{
	(void)state;
	expect_refused("newerminor", "newer than this host");
}

static void
test_missing_symbol(void **state)
{
	(void)state;
	expect_refused("nosymbol", "no 'ppx_plugin' symbol");
}

static void
test_name_mismatch(void **state)
{
	(void)state;
	expect_refused("badname", "file name says 'badname'");
}

static void
test_good_plugin(void **state)
{
	struct plugin p;
	char why[512];

	(void)state;
	assert_int_equal(plugin_load(&p, plugin_path("plugins/voorpret",
	    "voorpret"), why, sizeof(why)), 0);
	assert_string_equal(p.name, "voorpret");
	assert_true(plugin_serves(&p, STAGE_SHIPPED));
	assert_false(plugin_serves(&p, STAGE_DELIVERED));
	assert_int_equal(p.default_stage, STAGE_ORDERED);
	free(p.path);
	dlclose(p.handle);
}

/* A directory with good and bad plugins: the good ones are kept. */
static void
test_set_keeps_the_good(void **state)
{
	static const char *names[] = { "wrongabi", "nosymbol", "failing",
	    "echo" };
	struct plugin_set *set;
	char dir[] = "/tmp/ppx-plugins-XXXXXX", cmd[8192], why[512];
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(cmd, sizeof(cmd), "cp %s %s/",
		    plugin_path("tests/plugins", names[i]), dir);
		assert_int_equal(system(cmd), 0);
	}
	assert_int_equal(plugin_set_load(&set, dir, NULL, 0, why,
	    sizeof(why)), 0);
	assert_int_equal(set->n, 2);
	assert_string_equal(set->p[0].name, "echo");
	assert_string_equal(set->p[1].name, "failing");
	assert_null(plugin_find(set, "wrongabi"));
	plugin_set_free(set);

	/* A configured plugin that was refused is an error. */
	{
		char *want[] = { "echo", "wrongabi" };

		assert_int_equal(plugin_set_load(&set, dir, want, 2, why,
		    sizeof(why)), -1);
		assert_non_null(strstr(why, "wrongabi"));
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrong_major),
		cmocka_unit_test(test_newer_minor),
		cmocka_unit_test(test_missing_symbol),
		cmocka_unit_test(test_name_mismatch),
		cmocka_unit_test(test_good_plugin),
		cmocka_unit_test(test_set_keeps_the_good),
	};
	const char *top = getenv("abs_top_builddir");

	snprintf(libs, sizeof(libs), "%s", top != NULL ? top : ".");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
