/*
 * cli_render.c - ppx render: exactly what ppxd would answer, without a
 * web server: the same order parsers and the same render() as ppxd.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "brandcache.h"
#include "cli.h"
#include "conf.h"
#include "feed.h"
#include "handler.h"
#include "instance.h"
#include "order.h"
#include "query.h"
#include "render.h"
#include "route.h"

static const char render_usage[] =
    "usage: ppx render [--format html|txt|xml|json] [--touchpoint NAME]\n"
    "                  [--order FILE.json|FILE.xml | --query QUERY]\n"
    "                  BRAND STAGE\n"
    "\n"
    "Render the STAGE mail of BRAND (or one touchpoint of it) for an order\n"
    "and print the body exactly as ppxd would serve it.  The order comes\n"
    "from a JSON or XML file (- for stdin) or from GET-style parameters,\n"
    "e.g. --query 'order=1042&expected=2026-11-25&lang=nl'.  Omitted\n"
    "touchpoints are named on stderr.  Exit status 0 when rendered.\n";

#define ORDER_FILE_MAX	(1024 * 1024)

static char *
slurp(struct arena *a, const char *path, size_t *len)
{
	FILE *f;
	char *buf;
	size_t n;

	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (f == NULL)
		return NULL;
	buf = arena_alloc(a, ORDER_FILE_MAX + 1);
	n = buf != NULL ? fread(buf, 1, ORDER_FILE_MAX + 1, f) : 0;
	if (f != stdin)
		fclose(f);
	if (buf == NULL || n > ORDER_FILE_MAX)
		return NULL;
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int
load_order(struct instance *in, const char *file, const char *qs,
    struct order *o)
{
	char why[512], *body;
	struct query q;
	size_t len;
	int rc;

	if (file == NULL) {
		if (query_parse(&q, in->arena, qs != NULL ? qs : "", why,
		    sizeof(why)) == -1)
			return cli_fail("render", "--query: %s", why);
		if (order_from_query(o, in->arena, &q, why, sizeof(why)) == -1)
			return cli_fail("render", "--query: %s", why);
		return 0;
	}
	if ((body = slurp(in->arena, file, &len)) == NULL)
		return cli_fail("render", "%s: cannot read (or over 1 MiB)",
		    file);
	len = strspn(body, " \t\r\n");
	if (body[len] == '<')
		rc = order_parse_xml(o, in->arena, body, strlen(body), why,
		    sizeof(why));
	else
		rc = order_parse_json(o, in->arena, body, strlen(body), why,
		    sizeof(why));
	return rc == 0 ? 0 : cli_fail("render", "%s: %s", file, why);
}

int
cli_render(struct cli *c, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "touchpoint", required_argument, NULL, 't' },
		{ "order", required_argument, NULL, 'o' },
		{ "query", required_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	const char *file = NULL, *qs = NULL, *tp = NULL;
	struct render_result res;
	struct render_req rq;
	struct brand_state *b;
	struct instance *in;
	struct order o;
	char why[512];
	int ch, rc, fmt = FMT_HTML, stage;

	if (cli_wants_help(argc, argv, render_usage))
		return 0;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+f:t:o:q:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((fmt = fmt_parse(optarg)) < 0)
				return cli_fail("render", "unknown format '%s'",
				    optarg);
			break;
		case 't':
			tp = optarg;
			break;
		case 'o':
			file = optarg;
			break;
		case 'q':
			qs = optarg;
			break;
		default:
			fputs(render_usage, stderr);
			return 2;
		}
	}
	if (argc - optind != 2 || (file != NULL && qs != NULL)) {
		fputs(render_usage, stderr);
		return 2;
	}
	if ((stage = stage_parse(argv[optind + 1])) < 0)
		return cli_fail("render", "unknown stage '%s'",
		    argv[optind + 1]);
	if ((rc = cli_open(c, "render", 0, &in)) != 0)
		return rc;
	if ((b = brandcache_get(in->brands, argv[optind])) == NULL) {
		rc = cli_fail("render", "no brand '%s'", argv[optind]);
		goto out;
	}
	if ((rc = load_order(in, file, qs, &o)) != 0)
		goto out;
	memset(&rq, 0, sizeof(rq));
	rq.brand = b;
	rq.stage = (enum stage)stage;
	rq.touchpoint = tp;
	rq.fmt = (enum fmt)fmt;
	rq.order = &o;
	rq.now = instance_now(in);
	rq.deadline_ms = in->conf->deadline_ms;
	rq.base_url = in->conf->public_url;
	if ((rc = render(in, &rq, &res, why, sizeof(why))) != 0) {
		rc = cli_fail("render", "%s", why);
		goto out;
	}
	if (res.omitted[0] != '\0')
		fprintf(stderr, "ppx render: omitted: %s\n", res.omitted);
	if (fwrite(res.body, 1, res.len, stdout) != res.len) {
		rc = cli_fail("render", "write failed");
		goto out;
	}
out:
	/* Like a worker: what could not wait is cached for the next run. */
	feed_finish_pending();
	cli_close(in);
	return rc;
}
