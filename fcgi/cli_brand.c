/*
 * cli_brand.c - ppx brand add, key new, secret new, touchpoint
 * enable|disable, migrate, import.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apikey.h"
#include "catalog.h"
#include "clubs_import.h"
#include "cli.h"
#include "conf.h"
#include "instance.h"
#include "plugin_host.h"
#include "route.h"
#include "sign.h"
#include "store.h"

static const char brand_usage[] =
    "usage: ppx brand add NAME [--lang LANG] [--timezone ZONE] "
    "[--country CC=LANG]...\n"
    "       ppx brand set NAME KEY VALUE\n"
    "\n"
    "set: a setting touchpoints read, e.g. share.utm_source, "
    "club.radius_km.\n"
    "\n"
    "Add a brand with its default language (nl), time zone (the config's)\n"
    "and a URL-signing secret.  --country maps a destination country to\n"
    "a language, e.g. --country BE=nl --country GB=en.\n";

int
cli_brand_create(struct instance *in, const char *cmd, const char *name,
    const char *lang, const char *tz, char *const *countries, size_t n)
{
	struct store_brand b;
	uint8_t secret[32];
	char kid[SIGN_KID_MAX + 1], why[512], cc[3];
	size_t i;

	memset(&b, 0, sizeof(b));
	if (!name_valid(name))
		return cli_fail(cmd, "brand name '%s': use 1-64 of a-z 0-9 _ -",
		    name);
	if (snprintf(b.name, sizeof(b.name), "%s", name) >= (int)sizeof(b.name) ||
	    snprintf(b.default_lang, sizeof(b.default_lang), "%s", lang) >=
	    (int)sizeof(b.default_lang) ||
	    snprintf(b.timezone, sizeof(b.timezone), "%s", tz) >=
	    (int)sizeof(b.timezone))
		return cli_fail(cmd, "a value is too long");
	if (sign_secret_new(secret) == -1 || sign_kid_new(kid) == -1)
		return cli_fail(cmd, "no randomness for a secret");
	if (store_begin(in->store) == -1)
		return cli_fail(cmd, "store: %s", store_errmsg(in->store));
	if (store_brand_add(in->store, &b, why, sizeof(why)) != 0) {
		store_rollback(in->store);
		return cli_fail(cmd, "%s", why);
	}
	if (store_secret_add(in->store, name, kid, secret, sizeof(secret))
	    != 0)
		goto out_rollback;
	memset(secret, 0, sizeof(secret));
	/* "BE=nl": checked by the caller to be two letters and a '='. */
	for (i = 0; i < n; i++) {
		memcpy(cc, countries[i], 2);
		cc[2] = '\0';
		if (store_brand_country_lang_set(in->store, name, cc,
		    countries[i] + 3) != 0)
			goto out_rollback;
	}
	if (store_commit(in->store) != 0)
		goto out_rollback;
	return 0;
out_rollback:
	memset(secret, 0, sizeof(secret));
	store_rollback(in->store);
	return cli_fail(cmd, "store: %s", store_errmsg(in->store));
}

static int
brand_set(struct cli *c, const char *brand, const char *key,
    const char *value)
{
	struct store_brand b;
	struct instance *in;
	int rc;

	if ((rc = cli_open(c, "brand", 1, &in)) != 0)
		return rc;
	if (store_brand_get(in->store, brand, &b) != 0)
		rc = cli_fail("brand", "no brand '%s'", brand);
	else if (store_setting_set(in->store, brand, key, value) != 0)
		rc = cli_fail("brand", "%s", store_errmsg(in->store));
	cli_close(in);
	return rc;
}

int
cli_brand(struct cli *c, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "timezone", required_argument, NULL, 't' },
		{ "country", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	const char *lang = "nl", *tz = NULL;
	char *countries[32], *eq;
	struct instance *in;
	size_t n = 0, i;
	int ch, rc;

	if (cli_wants_help(argc, argv, brand_usage))
		return 0;
	optind = 0;
	/* No "+": options may come after "add NAME" too. */
	while ((ch = getopt_long(argc, argv, "l:t:C:", opts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			lang = optarg;
			break;
		case 't':
			tz = optarg;
			break;
		case 'C':
			if (n == 32)
				return cli_fail("brand", "too many --country");
			countries[n++] = optarg;
			break;
		default:
			fputs(brand_usage, stderr);
			return 2;
		}
	}
	if (argc - optind == 4 && strcmp(argv[optind], "set") == 0)
		return brand_set(c, argv[optind + 1], argv[optind + 2],
		    argv[optind + 3]);
	if (argc - optind != 2 || strcmp(argv[optind], "add") != 0) {
		fputs(brand_usage, stderr);
		return 2;
	}
	for (i = 0; i < n; i++) {
		eq = strchr(countries[i], '=');
		if (eq == NULL || eq - countries[i] != 2)
			return cli_fail("brand", "--country %s: expected CC=LANG",
			    countries[i]);
	}
	if ((rc = cli_open(c, "brand", 1, &in)) != 0)
		return rc;
	if (tz == NULL)
		tz = in->conf->timezone;
	rc = cli_brand_create(in, "brand", argv[optind + 1], lang, tz,
	    countries, n);
	cli_close(in);
	return rc;
}

static const char key_usage[] =
    "usage: ppx key new BRAND\n"
    "\n"
    "Make a new API key for BRAND and print it (only the key, once: the\n"
    "store keeps a hash).  Mailers send it as Authorization: Bearer KEY.\n";

int
cli_key(struct cli *c, int argc, char *argv[])
{
	char key[APIKEY_LEN + 1], hash[65], why[512];
	struct store_brand b;
	struct instance *in;
	int rc;

	if (cli_wants_help(argc, argv, key_usage))
		return 0;
	if (argc != 3 || strcmp(argv[1], "new") != 0) {
		fputs(key_usage, stderr);
		return 2;
	}
	if ((rc = cli_open(c, "key", 1, &in)) != 0)
		return rc;
	if (store_brand_get(in->store, argv[2], &b) != 0) {
		rc = cli_fail("key", "no brand '%s'", argv[2]);
	} else if (apikey_new(key) == -1 || apikey_hash(key, hash) == -1) {
		rc = cli_fail("key", "no randomness for a key");
	} else if (store_key_add(in->store, argv[2], hash, why, sizeof(why))
	    != 0) {
		rc = cli_fail("key", "%s", why);
	} else {
		printf("%s\n", key);
	}
	cli_close(in);
	return rc;
}

static const char secret_usage[] =
    "usage: ppx secret new BRAND\n"
    "\n"
    "Make a new URL-signing secret for BRAND.  New signed URLs use it (its\n"
    "key id travels in the URL as kid=); URLs signed with older secrets\n"
    "stay valid until they expire.  Prints the new key id.\n";

int
cli_secret(struct cli *c, int argc, char *argv[])
{
	char kid[SIGN_KID_MAX + 1];
	struct store_brand b;
	struct instance *in;
	uint8_t secret[32];
	int rc;

	if (cli_wants_help(argc, argv, secret_usage))
		return 0;
	if (argc != 3 || strcmp(argv[1], "new") != 0) {
		fputs(secret_usage, stderr);
		return 2;
	}
	if ((rc = cli_open(c, "secret", 1, &in)) != 0)
		return rc;
	if (store_brand_get(in->store, argv[2], &b) != 0)
		rc = cli_fail("secret", "no brand '%s'", argv[2]);
	else if (sign_secret_new(secret) == -1 || sign_kid_new(kid) == -1)
		rc = cli_fail("secret", "no randomness for a secret");
	else if (store_secret_add(in->store, argv[2], kid, secret,
	    sizeof(secret)) != 0)
		rc = cli_fail("secret", "store: %s", store_errmsg(in->store));
	else
		printf("%s\n", kid);
	memset(secret, 0, sizeof(secret));
	cli_close(in);
	return rc;
}

static const char touchpoint_usage[] =
    "usage: ppx touchpoint enable|disable BRAND STAGE NAME\n"
    "\n"
    "Switch touchpoint NAME on or off in the STAGE mail of BRAND.  Running\n"
    "workers see the change with their next request.  A touchpoint that\n"
    "is switched on goes to the end of the stage's order.\n";

int
cli_touchpoint(struct cli *c, int argc, char *argv[])
{
	struct store_brand b;
	struct instance *in;
	struct plugin *p;
	int rc, enable, stage;

	if (cli_wants_help(argc, argv, touchpoint_usage))
		return 0;
	if (argc != 5 || (strcmp(argv[1], "enable") != 0 &&
	    strcmp(argv[1], "disable") != 0)) {
		fputs(touchpoint_usage, stderr);
		return 2;
	}
	enable = strcmp(argv[1], "enable") == 0;
	if ((stage = stage_parse(argv[3])) < 0)
		return cli_fail("touchpoint", "unknown stage '%s'", argv[3]);
	if ((rc = cli_open(c, "touchpoint", 1, &in)) != 0)
		return rc;
	p = plugin_find(in->plugins, argv[4]);
	if (store_brand_get(in->store, argv[2], &b) != 0)
		rc = cli_fail("touchpoint", "no brand '%s'", argv[2]);
	else if (enable && p == NULL)
		rc = cli_fail("touchpoint", "no plugin '%s' is loaded",
		    argv[4]);
	else if (enable && !plugin_serves(p, (enum stage)stage))
		rc = cli_fail("touchpoint", "%s does not serve stage %s",
		    argv[4], argv[3]);
	else if (store_touchpoint_set(in->store, argv[2], argv[3], argv[4],
	    enable) != 0)
		rc = cli_fail("touchpoint", "store: %s",
		    store_errmsg(in->store));
	cli_close(in);
	return rc;
}

static const char migrate_usage[] =
    "usage: ppx migrate\n"
    "\n"
    "Create the store of the config, or bring its schema up to date.\n"
    "A migration that fails changes nothing.\n";

int
cli_migrate(struct cli *c, int argc, char *argv[])
{
	struct instance *in;
	int rc;

	if (cli_wants_help(argc, argv, migrate_usage))
		return 0;
	if (argc != 1) {
		fputs(migrate_usage, stderr);
		return 2;
	}
	if ((rc = cli_open(c, "migrate", 1, &in)) != 0)
		return rc;
	printf("store schema version %d\n", store_schema_version(in->store));
	cli_close(in);
	return 0;
}

static const char import_usage[] =
    "usage: ppx import catalog [--brand BRAND] [--lang LANG] FILE.po\n"
    "       ppx import content [--brand BRAND] FILE.csv\n"
    "       ppx import clubs|events --brand BRAND [--progress] FILE.csv\n"
    "       ppx import postcodes [--progress] FILE.csv\n"
    "\n"
    "Import copy (a gettext catalog of ICU messages) or content rows\n"
    "(dataset,key,lang,position,body) for BRAND, or as the shared\n"
    "defaults every brand falls back to when --brand is not given.\n"
    "Clubs (id,name,city,url,lat,lon) and events (club,date,name,url)\n"
    "replace BRAND's set; postcode centroids (country,postcode,lat,lon)\n"
    "are shared and added or updated.  --progress: a progress line on\n"
    "stderr (the default when stderr is a terminal).\n"
    "All or nothing: a file with an error imports nothing.\n";

int
cli_import(struct cli *c, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "brand", required_argument, NULL, 'b' },
		{ "lang", required_argument, NULL, 'l' },
		{ "progress", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char *brand = "", *lang = NULL, *what;
	int progress = isatty(STDERR_FILENO);
	struct instance *in;
	char why[1024];
	size_t count = 0;
	int ch, rc;

	if (cli_wants_help(argc, argv, import_usage))
		return 0;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+b:l:p", opts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			brand = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 'p':
			progress = 1;
			break;
		default:
			fputs(import_usage, stderr);
			return 2;
		}
	}
	/* The kind comes first: ppx import catalog --brand x FILE. */
	if (optind < argc && (strcmp(argv[optind], "catalog") == 0 ||
	    strcmp(argv[optind], "content") == 0 ||
	    strcmp(argv[optind], "clubs") == 0 ||
	    strcmp(argv[optind], "events") == 0 ||
	    strcmp(argv[optind], "postcodes") == 0)) {
		what = argv[optind++];
		while ((ch = getopt_long(argc, argv, "+b:l:p", opts, NULL)) !=
		    -1) {
			if (ch == 'b')
				brand = optarg;
			else if (ch == 'l')
				lang = optarg;
			else if (ch == 'p')
				progress = 1;
			else {
				fputs(import_usage, stderr);
				return 2;
			}
		}
	} else {
		fputs(import_usage, stderr);
		return 2;
	}
	if (argc - optind != 1) {
		fputs(import_usage, stderr);
		return 2;
	}
	if ((rc = cli_open(c, "import", 1, &in)) != 0)
		return rc;
	if (strcmp(what, "catalog") == 0)
		rc = catalog_import_po(in->store, brand, argv[optind], lang,
		    &count, why, sizeof(why));
	else if (strcmp(what, "content") == 0)
		rc = content_import_csv(in->store, brand, argv[optind], &count,
		    why, sizeof(why));
	else
		rc = clubs_import(in->store, what, brand, argv[optind],
		    progress, &count, why, sizeof(why));
	if (rc != 0)
		rc = cli_fail("import", "%s", why);
	else
		printf("%s: %zu entries imported\n", argv[optind], count);
	cli_close(in);
	return rc;
}
