/*
 * cli_recycle.c - ppx recycle: not yet.
 */
#include <stdio.h>

#include "cli.h"

int
cli_recycle(struct cli *c, int argc, char *argv[])
{
	(void)c; (void)argc; (void)argv;
	return cli_fail("recycle", "not there yet");
}
