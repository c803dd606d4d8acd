/*
 * schema_codes.c - migration 4: codes a brand hands out per order and
 * item (recycling returns), with their state.
 */
#include "migrations.h"

const char schema_codes[] =
	"CREATE TABLE codes ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" kind TEXT NOT NULL,"
	" order_id TEXT NOT NULL,"
	" item TEXT NOT NULL,"
	" code TEXT NOT NULL UNIQUE,"
	" state TEXT NOT NULL DEFAULT 'issued'"
	"  CHECK (state IN ('issued', 'claimed', 'received')),"
	" issued INTEGER NOT NULL,"
	" claimed INTEGER,"
	" received INTEGER,"
	" PRIMARY KEY (brand, kind, order_id, item)"
	") STRICT;"
	"CREATE INDEX codes_state ON codes (brand, kind, state);";
