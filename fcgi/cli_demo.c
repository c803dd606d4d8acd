/*
 * cli_demo.c - ppx demo DIR: a complete demo instance, ready to serve.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "apikey.h"
#include "catalog.h"
#include "cli.h"
#include "clubs_import.h"
#include "conf.h"
#include "instance.h"
#include "plugin_host.h"
#include "route.h"
#include "store.h"

static const char demo_usage[] =
    "usage: ppx demo DIR\n"
    "\n"
    "Create a complete demo instance in DIR (a new or empty directory):\n"
    "DIR/ppx.xml, the store DIR/ppx.db with brand 'demo', every touchpoint\n"
    "switched on in every stage it serves, the copy and content of every\n"
    "installed plugin, and sample orders in DIR/orders/.  Prints the\n"
    "brand's API key (key: …) and a signed URL per stage (url: …).\n"
    "Then: ppxd --config DIR/ppx.xml --socket unix:DIR/ppxd.sock\n";

/* out = a + b; -1 when it does not fit. */
static int
join(char *out, size_t len, const char *a, const char *b)
{
	int n = snprintf(out, len, "%s%s", a, b);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

struct demo_paths {
	char	plugins[PATH_MAX];
	char	templates[PATH_MAX];
	char	catalogs[PATH_MAX];
	char	content[PATH_MAX];
	char	demo[PATH_MAX];		/* demo data (clubs) */
};

/*
 * Run from a build tree, use its run/ tree (make builds it); installed,
 * use the installed directories.
 */
static void
find_paths(struct demo_paths *p)
{
	char exe[PATH_MAX], run[PATH_MAX + 16], *slash;
	struct stat sb;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		if (join(run, sizeof(run), exe, "/run/plugins") == 0 &&
		    stat(run, &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    join(p->plugins, sizeof(p->plugins), run, "") == 0 &&
		    join(p->templates, sizeof(p->templates), exe,
		    "/run/templates") == 0 &&
		    join(p->catalogs, sizeof(p->catalogs), exe,
		    "/run/catalogs") == 0 &&
		    join(p->content, sizeof(p->content), exe,
		    "/run/content") == 0 &&
		    join(p->demo, sizeof(p->demo), exe, "/run/demo") == 0)
			return;
	}
	snprintf(p->plugins, sizeof(p->plugins), "%s/plugins", PPX_PKGLIBDIR);
	snprintf(p->templates, sizeof(p->templates), "%s/templates",
	    PPX_PKGDATADIR);
	snprintf(p->catalogs, sizeof(p->catalogs), "%s/catalogs",
	    PPX_PKGDATADIR);
	snprintf(p->content, sizeof(p->content), "%s/content", PPX_PKGDATADIR);
	snprintf(p->demo, sizeof(p->demo), "%s/demo", PPX_PKGDATADIR);
}

static int
make_dir(const char *dir)
{
	struct dirent *de;
	DIR *d;

	if (mkdir(dir, 0750) == 0)
		return 0;
	if (errno != EEXIST || (d = opendir(dir)) == NULL)
		return cli_fail("demo", "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			closedir(d);
			return cli_fail("demo", "%s is not empty", dir);
		}
	}
	closedir(d);
	return 0;
}

static int
write_conf(const char *dir, const struct demo_paths *p, char *conf,
    size_t conflen)
{
	FILE *f;

	if (join(conf, conflen, dir, "/ppx.xml") == -1)
		return cli_fail("demo", "%s: path too long", dir);
	if ((f = fopen(conf, "w")) == NULL)
		return cli_fail("demo", "%s: %s", conf, strerror(errno));
	fprintf(f,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- A demo instance made by `ppx demo`.  See ppx.xml(5). -->\n"
	    "<ppx xmlns=\"urn:ppx:config:1\">\n"
	    "  <store path=\"ppx.db\"/>\n"
	    "  <plugins dir=\"%s\"/>\n"
	    "  <templates dir=\"%s\"/>\n"
	    "  <catalogs dir=\"%s\"/>\n"
	    "  <content dir=\"%s\"/>\n"
	    "  <workers count=\"2\"/>\n"
	    "  <timezone name=\"Europe/Amsterdam\"/>\n"
	    "  <!-- plain http on localhost: no Secure flag on the console's "
	    "cookie -->\n"
	    "  <admin secure-cookie=\"no\"/>\n"
	    "</ppx>\n", p->plugins, p->templates, p->catalogs, p->content);
	if (fclose(f) != 0)
		return cli_fail("demo", "%s: %s", conf, strerror(errno));
	return 0;
}

/* Import every FILE with suffix in dir as shared defaults. */
static int
import_dir(struct instance *in, const char *dir, const char *suffix)
{
	char path[PATH_MAX], why[1024];
	struct dirent **names;
	size_t count, len, slen = strlen(suffix);
	int i, n, rc = 0;

	if ((n = scandir(dir, &names, NULL, alphasort)) < 0)
		return 0;	/* nothing installed of this kind */
	for (i = 0; i < n; i++) {
		len = strlen(names[i]->d_name);
		if (rc == 0 && len > slen &&
		    strcmp(names[i]->d_name + len - slen, suffix) == 0) {
			if (snprintf(path, sizeof(path), "%s/%s", dir,
			    names[i]->d_name) >= (int)sizeof(path))
				rc = cli_fail("demo", "%s: path too long", dir);
			else if (strcmp(suffix, ".po") == 0)
				rc = catalog_import_po(in->store, "", path,
				    NULL, &count, why, sizeof(why));
			else
				rc = content_import_csv(in->store, "", path,
				    &count, why, sizeof(why));
			if (rc != 0)
				rc = cli_fail("demo", "%s", why);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/*
 * The club touchpoint's demo set (postcodes, clubs, events) for brand
 * demo, and its fallback link.  Nothing to do when it is not installed.
 */
static int
import_clubs(struct instance *in, const char *dir)
{
	static const char *const kinds[] = { "postcodes", "clubs", "events" };
	char path[PATH_MAX], why[1024];
	struct stat sb;
	size_t i, count;

	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return 0;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (snprintf(path, sizeof(path), "%s/%s.csv", dir, kinds[i]) >=
		    (int)sizeof(path))
			return cli_fail("demo", "%s: path too long", dir);
		if (clubs_import(in->store, kinds[i], i == 0 ? "" : "demo",
		    path, 0, &count, why, sizeof(why)) != 0)
			return cli_fail("demo", "%s", why);
	}
	if (store_setting_set(in->store, "demo", "club.community_url",
	    "https://community.shop.example/") != 0)
		return cli_fail("demo", "store: %s", store_errmsg(in->store));
	return 0;
}

/*
 * The demo's order within a stage: the news first (voorpret, the
 * manual), then what asks something of the customer (share, recycle,
 * club); plugins not named here come after, in load order.
 */
static const char *const demo_order[] = {
	"voorpret", "manual", "share", "recycle", "club"
};

static int
named_in_order(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(demo_order) / sizeof(demo_order[0]); i++)
		if (strcmp(demo_order[i], name) == 0)
			return 1;
	return 0;
}

/* Switch p on for the demo brand on every stage it serves. */
static int
enable_plugin(struct instance *in, const struct plugin *p)
{
	int s;

	for (s = 0; s < STAGE__MAX; s++) {
		if (!plugin_serves(p, (enum stage)s))
			continue;
		if (store_touchpoint_set(in->store, "demo",
		    stage_name((enum stage)s), p->name, 1) != 0)
			return cli_fail("demo", "store: %s",
			    store_errmsg(in->store));
	}
	return 0;
}

static int
enable_all(struct instance *in)
{
	const struct plugin *p;
	size_t i;

	for (i = 0; i < sizeof(demo_order) / sizeof(demo_order[0]); i++)
		if ((p = plugin_find(in->plugins, demo_order[i])) != NULL &&
		    enable_plugin(in, p) != 0)
			return 1;
	for (i = 0; i < in->plugins->n; i++)
		if (!named_in_order(in->plugins->p[i].name) &&
		    enable_plugin(in, &in->plugins->p[i]) != 0)
			return 1;
	return 0;
}

/* The brand settings the demo's touchpoints read. */
static int
demo_settings(struct instance *in)
{
	/* recycle: running shoes get a free recycling return. */
	if (store_setting_set(in->store, "demo", "recycle.categories",
	    "running-shoes") != 0)
		return cli_fail("demo", "store: %s", store_errmsg(in->store));
	return 0;
}

static void
date_in(const struct instance *in, int days, char out[11])
{
	time_t t = (time_t)instance_now(in) + days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Sample orders: one on its way, one due today, one that is late. */
static int
write_orders(struct instance *in, const char *dir)
{
	static const struct {
		const char *id, *name, *lang;
		int days;
	} samples[] = {
		{ "1042", "Anne", "nl", 2 },
		{ "1043", "Sam", "en", 0 },
		{ "1044", "Joris", "nl", -2 },
	};
	char path[PATH_MAX], expected[11], placed[11];
	size_t i;
	FILE *f;

	if (join(path, sizeof(path), dir, "/orders") == -1)
		return cli_fail("demo", "%s: path too long", dir);
	if (mkdir(path, 0750) == -1)
		return cli_fail("demo", "%s: %s", path, strerror(errno));
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		date_in(in, samples[i].days, expected);
		date_in(in, samples[i].days - 4, placed);
		if (snprintf(path, sizeof(path), "%s/orders/%s.json", dir,
		    samples[i].id) >= (int)sizeof(path))
			return cli_fail("demo", "%s: path too long", dir);
		if ((f = fopen(path, "w")) == NULL)
			return cli_fail("demo", "%s: %s", path,
			    strerror(errno));
		fprintf(f, "{ \"id\": \"%s\", \"lang\": \"%s\", "
		    "\"placed\": \"%s\", \"expected\": \"%s\",\n"
		    "  \"customer\": { \"first_name\": \"%s\", "
		    "\"postcode\": \"1011 AB\", \"country\": \"NL\" },\n"
		    "  \"items\": [ { \"sku\": \"RUN-42\", \"name\": "
		    "\"Runner 42\", \"category\": \"running-shoes\",\n"
		    "    \"image\": \"https://cdn.shop.example/runner-42.jpg\",\n"
		    "    \"url\": \"https://shop.example/p/runner-42\", "
		    "\"qty\": 1 } ],\n"
		    "  \"carrier\": { \"name\": \"PostNL\", \"tracking_url\": "
		    "\"https://carrier.example/track/3S1042\" } }\n",
		    samples[i].id, samples[i].lang, placed, expected,
		    samples[i].name);
		if (fclose(f) != 0)
			return cli_fail("demo", "%s: %s", path,
			    strerror(errno));
	}
	return 0;
}

static int
stage_has_touchpoints(struct instance *in, enum stage s)
{
	size_t i;

	for (i = 0; i < in->plugins->n; i++)
		if (plugin_serves(&in->plugins->p[i], s))
			return 1;
	return 0;
}

static int
print_access(struct instance *in)
{
	char key[APIKEY_LEN + 1], hash[65], why[512], expected[11];
	char path[1024];
	int s;

	if (apikey_new(key) == -1 || apikey_hash(key, hash) == -1)
		return cli_fail("demo", "no randomness for a key");
	if (store_key_add(in->store, "demo", hash, why, sizeof(why)) != 0)
		return cli_fail("demo", "%s", why);
	printf("key: %s\n", key);
	date_in(in, 2, expected);
	for (s = 0; s < STAGE__MAX; s++) {
		if (!stage_has_touchpoints(in, (enum stage)s))
			continue;
		snprintf(path, sizeof(path), "/v1/brands/demo/stages/%s.html?"
		    "order=1042&lang=nl&expected=%s&first_name=Anne&postcode=1011%%20AB&"
		    "sku=RUN-42&item_name=Runner%%2042&category=running-shoes&"
		    "image=https%%3A%%2F%%2Fcdn.shop.example%%2Frunner-42.jpg&"
		    "url=https%%3A%%2F%%2Fshop.example%%2Fp%%2Frunner-42",
		    stage_name((enum stage)s), expected);
		printf("url: ");
		if (cli_sign_print(in, "demo", "demo", path, 30L * 86400,
		    stdout) != 0)
			return 1;
	}
	return 0;
}

int
cli_demo(struct cli *c, int argc, char *argv[])
{
	static char be[] = "BE=nl", gb[] = "GB=en";
	char *countries[] = { be, gb };
	struct demo_paths paths;
	struct instance *in;
	char conf[PATH_MAX], dir[PATH_MAX];
	int rc;

	if (cli_wants_help(argc, argv, demo_usage))
		return 0;
	if (argc != 2) {
		fputs(demo_usage, stderr);
		return 2;
	}
	if ((rc = make_dir(argv[1])) != 0)
		return rc;
	if (realpath(argv[1], dir) == NULL)
		return cli_fail("demo", "%s: %s", argv[1], strerror(errno));
	find_paths(&paths);
	if ((rc = write_conf(dir, &paths, conf, sizeof(conf))) != 0)
		return rc;
	c->conf_path = conf;
	if ((rc = cli_open(c, "demo", 1, &in)) != 0)
		return rc;
	if ((rc = import_dir(in, paths.catalogs, ".po")) == 0 &&
	    (rc = import_dir(in, paths.content, ".csv")) == 0 &&
	    (rc = cli_brand_create(in, "demo", "demo", "nl",
	    "Europe/Amsterdam", countries, 2)) == 0 &&
	    (rc = import_clubs(in, paths.demo)) == 0 &&
	    (rc = enable_all(in)) == 0 &&
	    (rc = demo_settings(in)) == 0 &&
	    (rc = write_orders(in, dir)) == 0)
		rc = print_access(in);
	cli_close(in);
	return rc;
}
