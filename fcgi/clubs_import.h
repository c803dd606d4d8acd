/*
 * clubs_import.h - `ppx import clubs|events|postcodes FILE.csv`.
 *
 * The CSV formats (a header line that must match exactly, then records):
 *   postcodes  country,postcode,lat,lon       shared; upserted
 *   clubs      id,name,city,url,lat,lon       per brand; the file is the
 *                                             brand's whole set
 *   events     club,date,name,url             per brand; the whole set
 * See clubs_import.c for the limits.
 */
#ifndef PPX_CLUBS_IMPORT_H
#define PPX_CLUBS_IMPORT_H

#include <stddef.h>

struct store;

#define CLUBS_IMPORT_MAX_FILE	(64L * 1024 * 1024)	/* bytes */
#define CLUBS_IMPORT_MAX_ROWS	1000000
#define CLUBS_IMPORT_PROGRESS	10000	/* rows between progress lines */

/*
 * Import what ("clubs", "events" for brand; "postcodes" shared, brand
 * "") from a CSV file: header checked, line-numbered errors, all or
 * nothing (one transaction), a progress line on stderr for big files
 * when progress is set.  0 with *count rows, or -1 with a one-line
 * reason in why ("clubs.csv:17: lat out of range").
 */
int	 clubs_import(struct store *st, const char *what, const char *brand,
	    const char *path, int progress, size_t *count, char *why,
	    size_t whylen);

#endif
