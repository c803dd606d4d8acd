/*
 * cli.h - the subcommands of ppx(1).  Each returns the exit status:
 * 0 done, 1 failed (a one-line reason on stderr), 2 usage error.
 */
#ifndef PPX_CLI_H
#define PPX_CLI_H

#include <stdio.h>

struct instance;

struct cli {
	const char	*conf_path;	/* -c FILE, default ./ppx.xml */
};

int	 cli_demo(struct cli *c, int argc, char *argv[]);
int	 cli_brand(struct cli *c, int argc, char *argv[]);
int	 cli_key(struct cli *c, int argc, char *argv[]);
int	 cli_secret(struct cli *c, int argc, char *argv[]);
int	 cli_touchpoint(struct cli *c, int argc, char *argv[]);
int	 cli_render(struct cli *c, int argc, char *argv[]);
int	 cli_sign(struct cli *c, int argc, char *argv[]);
int	 cli_migrate(struct cli *c, int argc, char *argv[]);
int	 cli_import(struct cli *c, int argc, char *argv[]);
int	 cli_recycle(struct cli *c, int argc, char *argv[]);
int	 cli_user(struct cli *c, int argc, char *argv[]);

/* Helpers shared by the subcommands. */

/* Is argv[1] -h or --help?  Then print usage to stdout. */
int	 cli_wants_help(int argc, char *argv[], const char *usage);
/* Print "ppx CMD: msg" to stderr; returns 1. */
int	 cli_fail(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Load the instance of c->conf_path and attach it (migrating if asked). */
int	 cli_open(struct cli *c, const char *cmd, int migrate,
	    struct instance **out);
void	 cli_close(struct instance *in);
/*
 * Create a brand with a signing secret and its country languages
 * ("BE=nl"), all in one transaction: shared by brand add and demo.
 */
int	 cli_brand_create(struct instance *in, const char *cmd,
	    const char *name, const char *lang, const char *tz,
	    char *const *countries, size_t n);
/* Print the signed form of path_query for brand, valid for secs. */
int	 cli_sign_print(struct instance *in, const char *cmd,
	    const char *brand, const char *path_query, long secs, FILE *out);

#endif
