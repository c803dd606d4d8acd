/*
 * schema_codes.c - migration 4: codes a brand hands out per order and
 * item (recycling returns), with their state (codes.h).
 *
 * The primary key makes one code per (brand, kind, order, item); code is
 * unique across brands, so a code alone finds its row (claim page, ppx
 * recycle).  lang is the order's language, for the code's page.  A state
 * only moves forward; its time stamps say when.
 */
#include "migrations.h"

const char schema_codes[] =
	"CREATE TABLE codes ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" kind TEXT NOT NULL,"
	" order_id TEXT NOT NULL CHECK (length(order_id) BETWEEN 1 AND 64),"
	" item TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 128),"
	" code TEXT NOT NULL UNIQUE CHECK (length(code) = 14),"
	" lang TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'issued'"
	"  CHECK (state IN ('issued', 'claimed', 'received')),"
	" issued INTEGER NOT NULL,"
	" claimed INTEGER,"
	" received INTEGER,"
	" PRIMARY KEY (brand, kind, order_id, item)"
	") STRICT;"
	"CREATE INDEX codes_state ON codes (brand, kind, state);";
