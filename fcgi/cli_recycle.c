/*
 * cli_recycle.c - ppx recycle: what the people who unpack returned
 * parcels do with a recycling code (codes.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "codes.h"
#include "instance.h"
#include "store.h"

static const char recycle_usage[] =
    "usage: ppx recycle receive CODE\n"
    "       ppx recycle show CODE\n"
    "\n"
    "receive  mark the old product of CODE as received (from issued or\n"
    "         claimed); it then counts in the brand's running total.\n"
    "         Receiving a code twice changes nothing and is not an error.\n"
    "show     print the code's brand, order, item and state.\n"
    "\n"
    "CODE is read forgivingly: rc-7k2m9-qxd4e, RC7K2M9QXD4E and\n"
    "RC-7K2M9-QXD4E are the same code.  Exit status: 0 done, 1 unknown or\n"
    "mistyped code (or a store error), 2 usage.\n";

static void
print_time(const char *label, int64_t t)
{
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		printf("%s: -\n", label);
	else
		printf("%s: %s\n", label, buf);
}

static void
print_row(const struct code_row *row)
{
	printf("code: %s\nbrand: %s\nkind: %s\norder: %s\nitem: %s\n"
	    "state: %s\n", row->code, row->brand, row->kind, row->order_id,
	    row->item, code_state_name(row->state));
	print_time("issued", row->issued);
	print_time("claimed", row->claimed);
	print_time("received", row->received);
}

/* The row of the code typed; a one-line reason on failure. */
static int
lookup(struct instance *in, const char *typed, struct code_row *row)
{
	char code[CODE_LEN + 1];
	int rc;

	if (code_normalize(typed, code) != 0)
		return cli_fail("recycle", "'%.32s' is not a return code "
		    "(mistyped? it reads like RC-7K2M9-QXD4E)", typed);
	rc = code_get(in->store, code, row);
	if (rc == STORE_NOTFOUND)
		return cli_fail("recycle", "no such code: %s", code);
	if (rc != 0)
		return cli_fail("recycle", "store: %s",
		    store_errmsg(in->store));
	return 0;
}

static int
receive(struct instance *in, const char *typed)
{
	struct code_row row;
	int changed, rc;

	if ((rc = lookup(in, typed, &row)) != 0)
		return rc;
	if (code_advance(in->store, row.code, CODE_RECEIVED, instance_now(in),
	    &row, &changed) != 0)
		return cli_fail("recycle", "store: %s",
		    store_errmsg(in->store));
	printf("%s: %s\n", row.code, changed ? "received" :
	    "already received");
	return 0;
}

int
cli_recycle(struct cli *c, int argc, char *argv[])
{
	struct instance *in;
	struct code_row row;
	int rc;

	if (cli_wants_help(argc, argv, recycle_usage))
		return 0;
	if (argc != 3 || (strcmp(argv[1], "receive") != 0 &&
	    strcmp(argv[1], "show") != 0)) {
		fputs(recycle_usage, stderr);
		return 2;
	}
	if ((rc = cli_open(c, "recycle", 0, &in)) != 0)
		return rc;
	if (strcmp(argv[1], "receive") == 0)
		rc = receive(in, argv[2]);
	else if ((rc = lookup(in, argv[2], &row)) == 0)
		print_row(&row);
	cli_close(in);
	return rc;
}
