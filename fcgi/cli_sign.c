/*
 * cli_sign.c - ppx sign: signed URLs for senders that can only GET.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "instance.h"
#include "query.h"
#include "sign.h"
#include "store.h"

static const char sign_usage[] =
    "usage: ppx sign [--expires DURATION] BRAND 'PATH?QUERY'\n"
    "\n"
    "Print PATH?QUERY signed with BRAND's current secret: the query gains\n"
    "exp (expiry, seconds since the epoch), kid (the secret's id) and sig\n"
    "(HMAC-SHA256).  DURATION is N followed by s, m, h or d (default 7d).\n"
    "Example:\n"
    "  ppx sign demo '/v1/brands/demo/stages/shipped.html?order=1042'\n";

static long
parse_duration(const char *s)
{
	char *end;
	long v;

	v = strtol(s, &end, 10);
	if (end == s || v <= 0 || v > 3650L * 86400)
		return -1;
	switch (*end) {
	case 's':
		break;
	case 'm':
		v *= 60;
		break;
	case 'h':
		v *= 3600;
		break;
	case 'd':
		v *= 86400;
		break;
	default:
		return -1;
	}
	if (end[1] != '\0' || v > 3650L * 86400)
		return -1;
	return v;
}

int
cli_sign_print(struct instance *in, const char *cmd, const char *brand,
    const char *path_query, long secs, FILE *out)
{
	uint8_t secret[STORE_MAX_SECRET];
	char kid[STORE_MAX_KID + 1], why[256], *path;
	const char *qs, *signed_url;
	struct sign_key *k;
	struct query q;
	size_t len;

	if (path_query[0] != '/')
		return cli_fail(cmd, "the path must start with /");
	qs = strchr(path_query, '?');
	path = arena_strndup(in->arena, path_query, qs != NULL ?
	    (size_t)(qs - path_query) : strlen(path_query));
	if (path == NULL || query_parse(&q, in->arena, qs != NULL ? qs + 1 : "",
	    why, sizeof(why)) == -1)
		return cli_fail(cmd, "%s", path == NULL ? "out of memory" :
		    why);
	if (store_secret_current(in->store, brand, kid, secret, &len) != 0)
		return cli_fail(cmd, "brand '%s' has no signing secret "
		    "(ppx secret new %s)", brand, brand);
	k = sign_key_new(secret, len);
	memset(secret, 0, sizeof(secret));
	if (k == NULL)
		return cli_fail(cmd, "cannot key HMAC");
	signed_url = sign_url(in->arena, k, kid, path, &q,
	    instance_now(in) + secs);
	sign_key_free(k);
	if (signed_url == NULL)
		return cli_fail(cmd, "cannot sign: the query may already "
		    "carry exp, kid or sig");
	fprintf(out, "%s\n", signed_url);
	return 0;
}

int
cli_sign(struct cli *c, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "expires", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	struct instance *in;
	long secs = 7 * 86400;
	int ch, rc;

	if (cli_wants_help(argc, argv, sign_usage))
		return 0;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+e:", opts, NULL)) != -1) {
		if (ch != 'e' || (secs = parse_duration(optarg)) < 0) {
			fputs(sign_usage, stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		fputs(sign_usage, stderr);
		return 2;
	}
	if ((rc = cli_open(c, "sign", 0, &in)) != 0)
		return rc;
	rc = cli_sign_print(in, "sign", argv[optind], argv[optind + 1], secs,
	    stdout);
	cli_close(in);
	return rc;
}
