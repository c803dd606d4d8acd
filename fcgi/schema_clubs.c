/*
 * schema_clubs.c - migration 5: postcode centroids, a brand's clubs and
 * their events.
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
	"CREATE TABLE clubs ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" id TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" city TEXT,"
	" url TEXT,"
	" lat REAL NOT NULL,"
	" lon REAL NOT NULL,"
	" PRIMARY KEY (brand, id)"
	") STRICT;"
	"CREATE INDEX clubs_lat ON clubs (brand, lat);"
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
