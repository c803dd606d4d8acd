/*
 * test_conf.c - ppx.xml loading: the shipped example, defaults, relative
 * paths, and every kind of bad file giving one "FILE:LINE: …" line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"

static char	tmpdir[PATH_MAX];
static char	cpath[PATH_MAX + 32];
static char	why[512];

static int
setup(void **state __attribute__((unused)))
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_conf.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	/* The tests compare against the canonical name. */
	{
		char *r = realpath(tmpdir, NULL);

		if (r == NULL)
			return -1;
		snprintf(tmpdir, sizeof(tmpdir), "%s", r);
		free(r);
	}
	snprintf(cpath, sizeof(cpath), "%s/ppx.xml", tmpdir);
	return 0;
}

static int
teardown(void **state __attribute__((unused)))
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
write_raw(const char *path, const char *text)
{
	FILE *f;

	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The body starts on line 2. */
static void
write_conf(const char *body)
{
	char text[8192 + 64];

	snprintf(text, sizeof(text),
	    "<ppx xmlns=\"urn:ppx:config:1\">\n%s</ppx>\n", body);
	write_raw(cpath, text);
}

/*
 * Load must fail with why starting "cpath:line: " (any line number when
 * line is -1) and holding want.
 */
static void
load_fails(int line, const char *want)
{
	struct conf *c = (struct conf *)0x1;
	char prefix[PATH_MAX + 64];
	const char *p;

	memset(why, 0, sizeof(why));
	assert_int_equal(conf_load(cpath, &c, why, sizeof(why)), -1);
	assert_ptr_equal(c, (struct conf *)0x1);	/* untouched */
	if (line == -1) {
		snprintf(prefix, sizeof(prefix), "%s:", cpath);
		p = why + strlen(prefix);
		if (strncmp(why, prefix, strlen(prefix)) != 0 ||
		    strspn(p, "0123456789") == 0 ||
		    strncmp(p + strspn(p, "0123456789"), ": ", 2) != 0)
			fail_msg("want \"%sN: \", got \"%s\"", prefix, why);
	} else {
		snprintf(prefix, sizeof(prefix), "%s:%d: ", cpath, line);
		if (strncmp(why, prefix, strlen(prefix)) != 0)
			fail_msg("want prefix \"%s\", got \"%s\"", prefix,
			    why);
	}
	if (want != NULL && strstr(why, want) == NULL)
		fail_msg("want \"%s\" in \"%s\"", want, why);
	assert_null(strchr(why, '\n'));
}

static struct conf *
load_ok(void)
{
	struct conf *c = NULL;

	why[0] = '\0';
	if (conf_load(cpath, &c, why, sizeof(why)) != 0)
		fail_msg("conf_load: %s", why);
	assert_non_null(c);
	return c;
}

static void
test_example(void **state __attribute__((unused)))
{
	const char *srcdir = getenv("srcdir");
	char path[PATH_MAX];
	struct conf *c = NULL;
	size_t n;

	snprintf(path, sizeof(path), "%s/conf/ppx.xml",
	    srcdir != NULL ? srcdir : ".");
	if (conf_load(path, &c, why, sizeof(why)) != 0)
		fail_msg("%s", why);
	n = strlen(c->file);
	assert_true(c->file[0] == '/');
	assert_true(n > 12 && strcmp(c->file + n - 12, "conf/ppx.xml") == 0);
	assert_string_equal(c->store_path, "/var/lib/ppx/ppx.db");
	assert_string_equal(c->plugin_dir, "/usr/local/lib/ppx/plugins");
	assert_int_equal(c->n_plugin_names, 1);
	assert_string_equal(c->plugin_names[0], "voorpret");
	assert_string_equal(c->template_dir, "/usr/local/share/ppx/templates");
	assert_string_equal(c->catalog_dir, "/usr/local/share/ppx/catalogs");
	assert_string_equal(c->content_dir, "/usr/local/share/ppx/content");
	assert_string_equal(c->listen, "unix:/run/ppx/ppxd.sock");
	assert_int_equal(c->workers, 2);
	assert_int_equal(c->max_body, 65536);
	assert_int_equal(c->max_uri, 4096);
	assert_int_equal(c->deadline_ms, 800);
	assert_int_equal(c->max_params, 64);
	assert_int_equal(c->log_level, LOG_LVL_INFO);
	assert_string_equal(c->timezone, "Europe/Amsterdam");
	conf_free(c);
}

static void
test_defaults(void **state __attribute__((unused)))
{
	struct conf *c;
	char want[PATH_MAX + 16];

	write_conf("  <store path=\"ppx.db\"/>\n");
	c = load_ok();
	snprintf(want, sizeof(want), "%s/ppx.db", tmpdir);
	assert_string_equal(c->store_path, want);
	assert_string_equal(c->file, cpath);
	assert_null(c->listen);
	assert_int_equal(c->n_plugin_names, 0);
	assert_null(c->plugin_names);
	assert_non_null(c->plugin_dir);
	assert_true(c->plugin_dir[0] == '/');
	assert_non_null(c->template_dir);
	assert_non_null(c->catalog_dir);
	assert_non_null(c->content_dir);
	assert_int_equal(c->workers, CONF_WORKERS_DEFAULT);
	assert_int_equal(c->max_body, CONF_BODY_DEFAULT);
	assert_int_equal(c->max_uri, CONF_URI_DEFAULT);
	assert_int_equal(c->deadline_ms, CONF_DEADLINE_DEFAULT);
	assert_int_equal(c->max_params, CONF_PARAMS_DEFAULT);
	assert_int_equal(c->log_level, LOG_LVL_INFO);
	assert_string_equal(c->timezone, "UTC");
	conf_free(c);
}

static void
test_relative_paths(void **state __attribute__((unused)))
{
	struct conf *c;
	char want[PATH_MAX + 64], cwd[PATH_MAX];

	write_conf("  <store path=\"./data/ppx.db\"/>\n"
	    "  <plugins dir=\"plugins\"><plugin name=\"a\"/>"
	    "<plugin name=\"b_2\"/></plugins>\n"
	    "  <templates dir=\"../tmpl\"/>\n"
	    "  <catalogs dir=\"/abs/catalogs\"/>\n"
	    "  <content dir=\".\"/>\n"
	    "  <listen socket=\"unix:run/ppxd.sock\"/>\n"
	    "  <workers count=\" 7 \"/>\n"
	    "  <limits body=\"1\" uri=\"65536\" deadline-ms=\"10\" "
	    "params=\"1024\"/>\n"
	    "  <log level=\"debug\"/>\n"
	    "  <timezone name=\"America/Argentina/Buenos_Aires\"/>\n");

	/* Load through a relative name from another directory. */
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(tmpdir), 0);
	why[0] = '\0';
	c = NULL;
	if (conf_load("./ppx.xml", &c, why, sizeof(why)) != 0) {
		assert_int_equal(chdir(cwd), 0);
		fail_msg("%s", why);
	}
	assert_int_equal(chdir(cwd), 0);

	assert_string_equal(c->file, cpath);
	snprintf(want, sizeof(want), "%s/data/ppx.db", tmpdir);
	assert_string_equal(c->store_path, want);
	snprintf(want, sizeof(want), "%s/plugins", tmpdir);
	assert_string_equal(c->plugin_dir, want);
	snprintf(want, sizeof(want), "%s/../tmpl", tmpdir);
	assert_string_equal(c->template_dir, want);
	assert_string_equal(c->catalog_dir, "/abs/catalogs");
	assert_string_equal(c->content_dir, tmpdir);
	snprintf(want, sizeof(want), "unix:%s/run/ppxd.sock", tmpdir);
	assert_string_equal(c->listen, want);
	assert_int_equal(c->n_plugin_names, 2);
	assert_string_equal(c->plugin_names[0], "a");
	assert_string_equal(c->plugin_names[1], "b_2");
	assert_int_equal(c->workers, 7);
	assert_int_equal(c->max_body, 1);
	assert_int_equal(c->max_uri, 65536);
	assert_int_equal(c->deadline_ms, 10);
	assert_int_equal(c->max_params, 1024);
	assert_int_equal(c->log_level, LOG_LVL_DEBUG);
	assert_string_equal(c->timezone, "America/Argentina/Buenos_Aires");
	conf_free(c);
}

static void
test_listen_forms(void **state __attribute__((unused)))
{
	static const char *ok[] = {
		"127.0.0.1:9000", "localhost:1", "[::1]:65535", "*:9000",
		":9000", "unix:/run/x.sock",
	};
	static const char *bad[] = {
		"nonsense", "host:0", "host:65536", "host:", "host:90a",
		"::1:9000", "[::1]9000", "[]:9000", "unix:", "9000",
	};
	char body[512];
	struct conf *c;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		snprintf(body, sizeof(body), "<store path=\"s\"/>\n"
		    "<listen socket=\"%s\"/>\n", ok[i]);
		write_conf(body);
		c = load_ok();
		assert_string_equal(c->listen, ok[i]);
		conf_free(c);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(body, sizeof(body), "<store path=\"s\"/>\n"
		    "<listen socket=\"%s\"/>\n", bad[i]);
		write_conf(body);
		load_fails(3, "listen");
	}
	/* A unix socket path longer than sun_path. */
	memset(body, 0, sizeof(body));
	strcpy(body, "<store path=\"s\"/>\n<listen socket=\"unix:/");
	memset(body + strlen(body), 'x', 200);
	strcat(body, "\"/>\n");
	write_conf(body);
	load_fails(3, "at most");
}

static void
test_missing_file(void **state __attribute__((unused)))
{
	struct conf *c = NULL;
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/nope.xml", tmpdir);
	assert_int_equal(conf_load(path, &c, why, sizeof(why)), -1);
	assert_null(c);
	assert_non_null(strstr(why, path));
	assert_non_null(strstr(why, "No such file"));
	assert_int_equal(conf_load(tmpdir, &c, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "not a regular file"));
	assert_int_equal(conf_load(NULL, &c, why, sizeof(why)), -1);
	assert_int_equal(conf_load("", &c, why, sizeof(why)), -1);
}

static void
test_malformed(void **state __attribute__((unused)))
{
	write_raw(cpath, "<ppx xmlns=\"urn:ppx:config:1\">\n"
	    "  <store path=\"x\">\n"
	    "</ppx>\n");
	load_fails(3, "mismatch");
	write_raw(cpath, "<ppx xmlns=\"urn:ppx:config:1\">\n"
	    "  <store path=\"x/>\n");
	load_fails(3, NULL);		/* libxml2 notices at the end */
	write_raw(cpath, "");
	load_fails(1, NULL);
	write_raw(cpath, "\xff\xfe<ppx/>");
	load_fails(1, NULL);
}

static void
test_schema_errors(void **state __attribute__((unused)))
{
	write_conf("<store path=\"s\"/>\n<bogus/>\n");
	load_fails(3, "bogus");
	write_conf("<store path=\"s\"/>\n<workers count=\"2\" speed=\"9\"/>\n");
	load_fails(3, "speed");
	write_conf("<store path=\"s\" />\n<log level=\"loud\"/>\n");
	load_fails(3, "<log level=\"loud\">: want error, warning, info or "
	    "debug");
	write_conf("<store path=\"s\"/>\ntext\n");
	load_fails(1, "text");
	write_conf("<store/>\n");
	load_fails(2, "path");
	write_conf("<store path=\"\"/>\n");
	load_fails(2, "empty");
	write_conf("<store path=\"s\">inside</store>\n");
	load_fails(2, "text");
	write_conf("<store path=\"s\"/>\n<plugins><plugin name=\"Bad!\"/>"
	    "</plugins>\n");
	load_fails(3, "a-z");
	write_conf("<store path=\"s\"/>\n<timezone name=\"../../etc/passwd\"/>\n");
	load_fails(3, "zone");
	/* Another namespace, or none. */
	write_raw(cpath, "<ppx>\n<store path=\"s\"/>\n</ppx>\n");
	load_fails(1, "urn:ppx:config:1");
	write_raw(cpath, "<ppx xmlns=\"urn:ppx:config:2\">\n</ppx>\n");
	load_fails(1, "urn:ppx:config:1");
	write_conf("<store path=\"s\"/>\n<x:store xmlns:x=\"urn:other\" "
	    "path=\"t\"/>\n");
	load_fails(3, "store");
}

static void
test_workers_range(void **state __attribute__((unused)))
{
	write_conf("<store path=\"s\"/>\n\n<workers count=\"0\"/>\n");
	load_fails(4, "<workers count=\"0\">: must be a number from 1 to 256");
	write_conf("<store path=\"s\"/>\n<workers count=\"1000\"/>\n");
	load_fails(3, "<workers count=\"1000\">: must be a number from 1 "
	    "to 256");
	write_conf("<store path=\"s\"/>\n<workers count=\"257\"/>\n");
	load_fails(3, "1 to 256");
	write_conf("<store path=\"s\"/>\n<workers count=\"-1\"/>\n");
	load_fails(3, "1 to 256");
	write_conf("<store path=\"s\"/>\n<workers count=\"two\"/>\n");
	load_fails(3, "1 to 256");
	write_conf("<store path=\"s\"/>\n<workers count="
	    "\"99999999999999999999999999\"/>\n");
	load_fails(3, "1 to 256");
	write_conf("<store path=\"s\"/>\n<workers/>\n");
	load_fails(3, "count");
}

static void
test_limits_range(void **state __attribute__((unused)))
{
	struct conf *c;

	write_conf("<store path=\"s\"/>\n<limits body=\"0\"/>\n");
	load_fails(3, "body");
	write_conf("<store path=\"s\"/>\n<limits body=\"16777217\"/>\n");
	load_fails(3, "body");
	write_conf("<store path=\"s\"/>\n<limits uri=\"255\"/>\n");
	load_fails(3, "uri");
	write_conf("<store path=\"s\"/>\n<limits deadline-ms=\"60001\"/>\n");
	load_fails(3, "deadline-ms");
	write_conf("<store path=\"s\"/>\n<limits params=\"0\"/>\n");
	load_fails(3, "params");
	write_conf("<store path=\"s\"/>\n<limits/>\n");
	c = load_ok();
	assert_int_equal(c->max_body, CONF_BODY_DEFAULT);
	conf_free(c);
	write_conf("<store path=\"s\"/>\n<limits body=\"16777216\" "
	    "deadline-ms=\"60000\"/>\n");
	c = load_ok();
	assert_int_equal(c->max_body, 16777216);
	assert_int_equal(c->deadline_ms, 60000);
	assert_int_equal(c->max_uri, CONF_URI_DEFAULT);
	conf_free(c);
}

static void
test_semantic_errors(void **state __attribute__((unused)))
{
	char body[8192];
	size_t i;
	int n;

	write_conf("<workers count=\"2\"/>\n");
	load_fails(1, "<store");
	write_conf("<store path=\"s\"/>\n<workers count=\"2\"/>\n"
	    "<workers count=\"3\"/>\n");
	load_fails(4, "<workers> given twice (first on line 3)");
	write_conf("<store path=\"s\"/>\n<plugins><plugin name=\"a\"/>\n"
	    "<plugin name=\"a\"/></plugins>\n");
	load_fails(4, "twice");
	n = snprintf(body, sizeof(body), "<store path=\"s\"/>\n<plugins>");
	for (i = 0; i <= CONF_MAX_PLUGINS; i++)
		n += snprintf(body + n, sizeof(body) - (size_t)n,
		    "<plugin name=\"p%zu\"/>", i);
	snprintf(body + n, sizeof(body) - (size_t)n, "</plugins>\n");
	write_conf(body);
	load_fails(3, "more than 64");
}

static void
test_hostile(void **state __attribute__((unused)))
{
	char *big;
	size_t n;

	/* Entities: refused with the DOCTYPE, never expanded. */
	write_raw(cpath, "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE ppx [\n"
	    "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "]>\n"
	    "<ppx xmlns=\"urn:ppx:config:1\"><store path=\"&c;\"/></ppx>\n");
	load_fails(-1, NULL);	/* the DOCTYPE, or libxml2's own guard */
	write_raw(cpath, "<!DOCTYPE ppx SYSTEM \"http://127.0.0.1:1/x.dtd\">\n"
	    "<ppx xmlns=\"urn:ppx:config:1\"><store path=\"s\"/></ppx>\n");
	load_fails(1, "DOCTYPE");
	write_raw(cpath, "<!DOCTYPE ppx [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]>\n"
	    "<ppx xmlns=\"urn:ppx:config:1\"><store path=\"&x;\"/></ppx>\n");
	load_fails(-1, NULL);
	write_raw(cpath, "\n<!DOCTYPE ppx [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]>\n"
	    "<ppx xmlns=\"urn:ppx:config:1\">&x;<store path=\"s\"/></ppx>\n");
	load_fails(2, "DOCTYPE");
	/* XInclude is not processed: an unknown element. */
	write_conf("<store path=\"s\"/>\n<xi:include "
	    "xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\""
	    "/>\n");
	load_fails(3, "include");

	/* Over the size cap: refused unread. */
	n = CONF_MAX_FILE + 1;
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	big[n] = '\0';
	memcpy(big, "<ppx xmlns=\"urn:ppx:config:1\"><store path=\"s\"/>", 47);
	memcpy(big + n - 6, "</ppx>", 6);
	write_raw(cpath, big);
	free(big);
	assert_int_equal(conf_load(cpath, &(struct conf *){ NULL }, why,
	    sizeof(why)), -1);
	assert_non_null(strstr(why, "larger than"));
}

static void
test_small_why(void **state __attribute__((unused)))
{
	char tiny[8];
	struct conf *c = NULL;

	write_conf("<bogus/>\n");
	memset(tiny, 'z', sizeof(tiny));
	assert_int_equal(conf_load(cpath, &c, tiny, sizeof(tiny)), -1);
	assert_int_equal(tiny[sizeof(tiny) - 1], '\0');
	assert_int_equal(conf_load(cpath, &c, tiny, 0), -1);
	assert_null(c);
	conf_free(NULL);
}

/* libxml2 must not write to stderr, whatever the error. */
static void
test_silent(void **state __attribute__((unused)))
{
	char errpath[PATH_MAX + 32];
	struct conf *c = NULL;
	struct stat st;
	int saved, fd;

	snprintf(errpath, sizeof(errpath), "%s/stderr", tmpdir);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, 2), 2);
	close(fd);

	write_raw(cpath, "<ppx xmlns=\"urn:ppx:config:1\"><store></ppx>");
	(void)conf_load(cpath, &c, why, sizeof(why));
	write_conf("<bogus/><workers count=\"0\"/>\n");
	(void)conf_load(cpath, &c, why, sizeof(why));
	write_raw(cpath, "<?xml version=\"1.0\" encoding=\"nonsense\"?><a/>");
	(void)conf_load(cpath, &c, why, sizeof(why));

	fflush(stderr);
	assert_int_equal(dup2(saved, 2), 2);
	close(saved);
	assert_null(c);
	assert_int_equal(stat(errpath, &st), 0);
	assert_int_equal(st.st_size, 0);
}

static void
test_level_names(void **state __attribute__((unused)))
{
	assert_string_equal(conf_log_level_name(LOG_LVL_ERR), "error");
	assert_string_equal(conf_log_level_name(LOG_LVL_WARN), "warning");
	assert_string_equal(conf_log_level_name(LOG_LVL_INFO), "info");
	assert_string_equal(conf_log_level_name(LOG_LVL_DEBUG), "debug");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_relative_paths),
		cmocka_unit_test(test_listen_forms),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_schema_errors),
		cmocka_unit_test(test_workers_range),
		cmocka_unit_test(test_limits_range),
		cmocka_unit_test(test_semantic_errors),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_small_why),
		cmocka_unit_test(test_silent),
		cmocka_unit_test(test_level_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
