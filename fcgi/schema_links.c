/*
 * schema_links.c - migration 3: clicks on tracked links, counted per
 * brand, touchpoint, link kind and day.  No personal data: no order, no
 * address, no time of day.
 */
#include "migrations.h"

const char schema_links[] =
	"CREATE TABLE clicks ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" touchpoint TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" day TEXT NOT NULL,"
	" n INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (brand, touchpoint, kind, day)"
	") STRICT;";
