/*
 * clubs_import.c - importing clubs, events and postcodes: not yet.
 */
#include <stdio.h>

#include "clubs_import.h"

int
clubs_import(struct store *st, const char *what, const char *brand,
    const char *path, int progress, size_t *count, char *why, size_t whylen)
{
	(void)st; (void)brand; (void)path; (void)progress;
	*count = 0;
	snprintf(why, whylen, "importing %s is not there yet", what);
	return -1;
}
