/*
 * clubs.h - the host side of clubs_near (clubs.c).
 */
#ifndef PPX_CLUBS_H
#define PPX_CLUBS_H

#include <stddef.h>

#define CLUBS_DEFAULT_RADIUS_KM	15.0	/* without "club.radius_km" */
#define CLUBS_MAX_RADIUS_KM	200.0	/* a larger radius is cut to this */
#define CLUBS_CACHE_BRANDS	16	/* brand indexes kept per worker */

/*
 * Forget every brand's club index (a worker at exit; a test after it
 * changed the clubs on the same connection, which data_version does not
 * show).
 */
void	 clubs_cache_drop(void);
/* How many brand indexes this process has built (for tests, metrics). */
size_t	 clubs_cache_builds(void);

#endif
