/*
 * schema_admin_grid.c - migration 8: a schedule and a frequency cap per
 * brand, stage and touchpoint (set in the console), and what the cap
 * needs to remember.
 *
 * cap_seen keeps no customer id and no order id: both are SHA-256
 * hashes salted with the brand name (tp_rules.c).
 */
#include "migrations.h"

const char schema_admin_grid[] =
	"CREATE TABLE touchpoint_rules ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" stage TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" starts TEXT CHECK (starts IS NULL OR starts GLOB"
	"  '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
	" ends TEXT CHECK (ends IS NULL OR ends GLOB"
	"  '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
	" cap_days INTEGER CHECK (cap_days IS NULL OR"
	"  cap_days BETWEEN 1 AND 366),"
	" PRIMARY KEY (brand, stage, name)"
	") STRICT;"
	"CREATE TABLE cap_seen ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" touchpoint TEXT NOT NULL,"
	" customer TEXT NOT NULL,"
	" order_hash TEXT NOT NULL,"
	" at INTEGER NOT NULL,"
	" PRIMARY KEY (brand, touchpoint, customer)"
	") STRICT;";
