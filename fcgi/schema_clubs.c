/*
 * schema_clubs.c - migration 5: postcode centroids, a brand's clubs and
 * their events (see clubs_import.c for how they are filled).
 *
 * postcodes are shared by every brand; a country's own short form is the
 * key (NL: PC4, "1011").  club_gens counts a brand's clubs imports (never
 * deleted, so it only grows); clubs.gen is the import that last saw the
 * club: a clubs import upserts every row with the new gen and then
 * deletes the brand's clubs of older gens, so a club that stays keeps its
 * events.  Workers compare club_gens.gen to know when their index of the
 * brand's clubs is stale.
 */
#include "migrations.h"

const char schema_clubs[] =
	"CREATE TABLE postcodes ("
	" country TEXT NOT NULL,"
	" postcode TEXT NOT NULL,"
	" lat REAL NOT NULL,"
	" lon REAL NOT NULL,"
	" PRIMARY KEY (country, postcode)"
	") STRICT;"
	"CREATE TABLE club_gens ("
	" brand TEXT PRIMARY KEY,"
	" gen INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE clubs ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" id TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" city TEXT,"
	" url TEXT,"
	" lat REAL NOT NULL,"
	" lon REAL NOT NULL,"
	" gen INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (brand, id)"
	") STRICT;"
	"CREATE TABLE events ("
	" brand TEXT NOT NULL,"
	" club TEXT NOT NULL,"
	" date TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" url TEXT,"
	" PRIMARY KEY (brand, club, date, name),"
	" FOREIGN KEY (brand, club) REFERENCES clubs (brand, id)"
	"  ON DELETE CASCADE"
	") STRICT;";
