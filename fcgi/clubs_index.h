/*
 * clubs_index.h - nearest points on the earth: great-circle distance and
 * an in-memory index of (lat, lon) points sorted by latitude.
 *
 * Points are sorted by latitude cell (CLUBS_INDEX_CELL_DEG) and by
 * longitude within a cell.  A query visits the cells of the band
 * [lat - r, lat + r] and, in each, only the longitude range of the
 * circle's bounding box (binary search, two ranges across the
 * antimeridian).  Candidates are compared by the squared chord between
 * unit vectors (precomputed; monotone in the great-circle distance, no
 * trigonometry per point); the haversine distance is computed only for
 * a point that enters the result.  Built once per worker per brand
 * (clubs.c); 100 000 points take 4.8 MB.
 */
#ifndef PPX_CLUBS_INDEX_H
#define PPX_CLUBS_INDEX_H

#include <stddef.h>
#include <stdint.h>

#define CLUBS_EARTH_KM		6371.0088	/* mean radius (IUGG) */
#define CLUBS_INDEX_MAX_NEAR	32		/* results of one query */
#define CLUBS_INDEX_CELL_DEG	0.1		/* latitude cell, ~11 km */

struct clubs_point {
	double	 lat;		/* degrees, -90..90 */
	double	 lon;		/* degrees, -180..180 */
	int64_t	 id;		/* the caller's (a store rowid) */
};

struct clubs_hit {
	int64_t	 id;
	double	 km;
};

struct clubs_index {
	struct clubs_point	*points;	/* sorted by (cell, lon, id) */
	double			(*xyz)[3];	/* unit vectors of points */
	size_t			 n;
};

/* Great-circle distance in km between two points (haversine). */
double	 clubs_km(double lat1, double lon1, double lat2, double lon2);

/*
 * Take points[0..n-1] (malloc'd; owned by the index from now on, also on
 * failure) and sort them.  0, or -1 on a bad coordinate.
 */
int	 clubs_index_build(struct clubs_index *ix, struct clubs_point *points,
	    size_t n);
void	 clubs_index_free(struct clubs_index *ix);
/*
 * The points within radius_km of (lat, lon), nearest first (ties by id).
 * OUT: out[0..*n-1], at most max (and at most CLUBS_INDEX_MAX_NEAR).
 */
void	 clubs_index_near(const struct clubs_index *ix, double lat, double lon,
	    double radius_km, struct clubs_hit *out, size_t max, size_t *n);

#endif
