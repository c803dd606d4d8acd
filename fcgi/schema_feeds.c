/*
 * schema_feeds.c - migration 6: the fetch cache of brand feeds (manual
 * metadata per SKU).  Product data only: no order, no customer.
 *
 * status 200: body holds the record; 404: the feed has no such record
 * (a negative entry); 0: fetching failed and nothing was ever cached.
 * fetched is when the entry was last confirmed by the feed (200, 304 or
 * 404); checked is when it was last tried, whatever came of it.
 */
#include "migrations.h"

const char schema_feeds[] =
	"CREATE TABLE feed_cache ("
	" brand TEXT NOT NULL REFERENCES brands(name) ON DELETE CASCADE,"
	" feed TEXT NOT NULL,"
	" key TEXT NOT NULL,"
	" status INTEGER NOT NULL CHECK (status IN (0, 200, 404)),"
	" body TEXT,"
	" etag TEXT,"
	" last_modified TEXT,"
	" fetched INTEGER NOT NULL,"
	" checked INTEGER NOT NULL,"
	" PRIMARY KEY (brand, feed, key),"
	" CHECK ((status = 200) = (body IS NOT NULL))"
	") STRICT;";
