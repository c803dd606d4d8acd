/*
 * ppx.c - the command line: manage an instance and try things out
 * (see ppx(1)).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "cli.h"
#include "instance.h"
#include "log.h"

static const struct command {
	const char	*name;
	int		(*run)(struct cli *, int, char *[]);
	const char	*summary;
} commands[] = {
	{ "demo", cli_demo, "create a complete demo instance in DIR" },
	{ "brand", cli_brand, "add a brand" },
	{ "key", cli_key, "make a new API key for a brand" },
	{ "secret", cli_secret, "make a new URL-signing secret (rotation)" },
	{ "touchpoint", cli_touchpoint, "enable or disable a touchpoint" },
	{ "render", cli_render, "render what ppxd would serve, no web server" },
	{ "sign", cli_sign, "sign a URL for an email service" },
	{ "migrate", cli_migrate, "create or update the store's schema" },
	{ "import", cli_import, "import copy, content, clubs, events, postcodes" },
	{ "recycle", cli_recycle, "mark a recycling return received" },
	{ "user", cli_user, "add a console user with a role in a brand" },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: ppx [-c FILE] COMMAND [ARGS]\n\n"
	    "  -c, --config FILE   the ppx.xml to use (default ./ppx.xml)\n"
	    "  -h, --help          this text; COMMAND --help for its own\n"
	    "  -V, --version       print the version\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name,
		    commands[i].summary);
}

int
cli_wants_help(int argc, char *argv[], const char *text)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			fputs(text, stdout);
			return 1;
		}
	}
	return 0;
}

int
cli_fail(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ppx %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
cli_open(struct cli *c, const char *cmd, int migrate, struct instance **out)
{
	struct instance *in;
	char why[1024];

	if (instance_load(&in, c->conf_path, why, sizeof(why)) == -1)
		return cli_fail(cmd, "%s", why);
	if (instance_attach(in, migrate, why, sizeof(why)) == -1) {
		instance_free(in);
		return cli_fail(cmd, "%s", why);
	}
	*out = in;
	return 0;
}

void
cli_close(struct instance *in)
{
	instance_free(in);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c = { "ppx.xml" };
	size_t i;
	int ch;

	log_init("ppx", LOG_LVL_WARN);
	/* "+": stop at the command; its options are its own. */
	while ((ch = getopt_long(argc, argv, "+c:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			c.conf_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("ppx %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name) == 0) {
			argc -= optind;
			argv += optind;
			optind = 1;
			return commands[i].run(&c, argc, argv);
		}
	}
	fprintf(stderr, "ppx: unknown command '%s'\n", argv[optind]);
	usage(stderr);
	return 2;
}
