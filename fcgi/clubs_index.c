/*
 * clubs_index.c - haversine and a cell-sorted point index.
 */
#include <math.h>
#include <stdlib.h>

#include "clubs_index.h"

#define DEG		(3.14159265358979323846 / 180.0)
#define KM_PER_DEG	(CLUBS_EARTH_KM * DEG)	/* along a meridian */

double
clubs_km(double lat1, double lon1, double lat2, double lon2)
{
	double dlat = (lat2 - lat1) * DEG, dlon = (lon2 - lon1) * DEG;
	double a, s1 = sin(dlat / 2), s2 = sin(dlon / 2);

	a = s1 * s1 + cos(lat1 * DEG) * cos(lat2 * DEG) * s2 * s2;
	if (a > 1.0)
		a = 1.0;
	return 2.0 * CLUBS_EARTH_KM * asin(sqrt(a));
}

static long
cell(double lat)
{
	return (long)floor((lat + 90.0) / CLUBS_INDEX_CELL_DEG);
}

static int
by_cell_lon(const void *a, const void *b)
{
	const struct clubs_point *p = a, *q = b;
	long cp = cell(p->lat), cq = cell(q->lat);

	if (cp != cq)
		return cp < cq ? -1 : 1;
	if (p->lon != q->lon)
		return p->lon < q->lon ? -1 : 1;
	return (p->id > q->id) - (p->id < q->id);
}

static void
unit_vector(double lat, double lon, double v[3])
{
	v[0] = cos(lat * DEG) * cos(lon * DEG);
	v[1] = cos(lat * DEG) * sin(lon * DEG);
	v[2] = sin(lat * DEG);
}

int
clubs_index_build(struct clubs_index *ix, struct clubs_point *points,
    size_t n)
{
	size_t i;

	ix->points = points;
	ix->xyz = NULL;
	ix->n = n;
	for (i = 0; i < n; i++)
		if (!(points[i].lat >= -90.0 && points[i].lat <= 90.0 &&
		    points[i].lon >= -180.0 && points[i].lon <= 180.0))
			return -1;
	if (n > 1)
		qsort(points, n, sizeof(*points), by_cell_lon);
	if (n > 0 && (ix->xyz = malloc(n * sizeof(*ix->xyz))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		unit_vector(points[i].lat, points[i].lon, ix->xyz[i]);
	return 0;
}

void
clubs_index_free(struct clubs_index *ix)
{
	free(ix->points);
	free(ix->xyz);
	ix->points = NULL;
	ix->xyz = NULL;
	ix->n = 0;
}

/* The first point at or after (cell c, longitude lon). */
static size_t
lower_bound(const struct clubs_index *ix, long c, double lon)
{
	size_t lo = 0, hi = ix->n, mid;
	long cm;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cm = cell(ix->points[mid].lat);
		if (cm < c || (cm == c && ix->points[mid].lon < lon))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* One query's running state: the best hits so far, by chord. */
struct query {
	const struct clubs_index *ix;
	double		 lat, lon, v[3];
	double		 radius_km;
	double		 max_chord2;	/* a little over the radius's chord */
	struct clubs_hit *out;
	double		 chord2[CLUBS_INDEX_MAX_NEAR];
	size_t		 max, n;
};

static int
before(double c2a, int64_t ida, double c2b, int64_t idb)
{
	return c2a < c2b || (c2a == c2b && ida < idb);
}

/* Point i as a candidate: kept when it is within the radius and near. */
static void
consider(struct query *q, size_t i)
{
	const double *w = q->ix->xyz[i];
	double dx = w[0] - q->v[0], dy = w[1] - q->v[1], dz = w[2] - q->v[2];
	double c2 = dx * dx + dy * dy + dz * dz, km;
	int64_t id = q->ix->points[i].id;
	size_t j;

	if (c2 > q->max_chord2)
		return;
	if (q->n == q->max &&
	    before(q->chord2[q->max - 1], q->out[q->max - 1].id, c2, id))
		return;
	/* It would enter the result: now the exact distance decides. */
	km = clubs_km(q->lat, q->lon, q->ix->points[i].lat,
	    q->ix->points[i].lon);
	if (km > q->radius_km)
		return;
	j = q->n < q->max ? q->n++ : q->max - 1;
	while (j > 0 && before(c2, id, q->chord2[j - 1], q->out[j - 1].id)) {
		q->chord2[j] = q->chord2[j - 1];
		q->out[j] = q->out[j - 1];
		j--;
	}
	q->chord2[j] = c2;
	q->out[j].id = id;
	q->out[j].km = km;
}

/* The points of cell c with longitude in [lo, hi]. */
static void
scan(struct query *q, long c, double lo, double hi)
{
	size_t i;

	for (i = lower_bound(q->ix, c, lo); i < q->ix->n &&
	    cell(q->ix->points[i].lat) == c && q->ix->points[i].lon <= hi; i++)
		consider(q, i);
}

/*
 * Longitude half-width in degrees of a circle of radius r (km) around a
 * point at latitude lat, or 360 (no bound) when it reaches a pole.
 */
static double
lon_bound(double lat, double r)
{
	double delta = r / CLUBS_EARTH_KM;

	if (fabs(lat) + r / KM_PER_DEG >= 89.999 || delta >= 1.5)
		return 360.0;
	return asin(sin(delta) / cos(lat * DEG)) / DEG + 1e-9;
}

void
clubs_index_near(const struct clubs_index *ix, double lat, double lon,
    double radius_km, struct clubs_hit *out, size_t max, size_t *n)
{
	struct query q;
	double dlat, dlon, half;
	long c, c0, c1;

	*n = 0;
	if (max > CLUBS_INDEX_MAX_NEAR)
		max = CLUBS_INDEX_MAX_NEAR;
	if (max == 0 || ix->n == 0 || !(radius_km >= 0.0))
		return;
	q.ix = ix;
	q.lat = lat;
	q.lon = lon;
	unit_vector(lat, lon, q.v);
	q.radius_km = radius_km;
	half = radius_km / CLUBS_EARTH_KM / 2;
	q.max_chord2 = half >= 3.14159265358979323846 / 2 ? 5.0 :
	    4 * sin(half) * sin(half) * (1 + 1e-9) + 1e-15;
	q.out = out;
	q.max = max;
	q.n = 0;
	dlat = radius_km / KM_PER_DEG + 1e-9;
	dlon = lon_bound(lat, radius_km);
	c0 = cell(lat - dlat < -90.0 ? -90.0 : lat - dlat);
	c1 = cell(lat + dlat > 90.0 ? 90.0 : lat + dlat);
	for (c = c0; c <= c1; c++) {
		if (dlon >= 180.0)
			scan(&q, c, -180.0, 180.0);
		else if (lon - dlon < -180.0) {
			scan(&q, c, -180.0, lon + dlon);
			scan(&q, c, lon - dlon + 360.0, 180.0);
		} else if (lon + dlon > 180.0) {
			scan(&q, c, lon - dlon, 180.0);
			scan(&q, c, -180.0, lon + dlon - 360.0);
		} else
			scan(&q, c, lon - dlon, lon + dlon);
	}
	*n = q.n;
}
