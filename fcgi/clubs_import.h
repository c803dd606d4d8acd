/*
 * clubs_import.h - `ppx import clubs|events|postcodes FILE.csv`.
 */
#ifndef PPX_CLUBS_IMPORT_H
#define PPX_CLUBS_IMPORT_H

#include <stddef.h>

struct store;

/*
 * Import what ("clubs", "events" for brand; "postcodes" shared) from a
 * CSV file: header checked, line-numbered errors, all or nothing, a
 * progress line on stderr for big files when progress is set.
 * 0 with *count rows, or -1 with a one-line reason in why.
 */
int	 clubs_import(struct store *st, const char *what, const char *brand,
	    const char *path, int progress, size_t *count, char *why,
	    size_t whylen);

#endif
