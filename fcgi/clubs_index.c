/*
 * clubs_index.c - haversine and a latitude-sorted point index.
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

static int
by_lat(const void *a, const void *b)
{
	const struct clubs_point *p = a, *q = b;

	if (p->lat != q->lat)
		return p->lat < q->lat ? -1 : 1;
	return (p->id > q->id) - (p->id < q->id);
}

int
clubs_index_build(struct clubs_index *ix, struct clubs_point *points,
    size_t n)
{
	size_t i;

	ix->points = points;
	ix->n = n;
	for (i = 0; i < n; i++)
		if (!(points[i].lat >= -90.0 && points[i].lat <= 90.0 &&
		    points[i].lon >= -180.0 && points[i].lon <= 180.0))
			return -1;
	if (n > 1)
		qsort(points, n, sizeof(*points), by_lat);
	return 0;
}

void
clubs_index_free(struct clubs_index *ix)
{
	free(ix->points);
	ix->points = NULL;
	ix->n = 0;
}

/* The first point with lat >= lat. */
static size_t
lower_bound(const struct clubs_index *ix, double lat)
{
	size_t lo = 0, hi = ix->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ix->points[mid].lat < lat)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
before(const struct clubs_hit *a, double km, int64_t id)
{
	return a->km < km || (a->km == km && a->id < id);
}

/* Insert (id, km) into the sorted out[0..*n-1] of at most max. */
static void
keep(struct clubs_hit *out, size_t max, size_t *n, int64_t id, double km)
{
	size_t i;

	if (*n == max && before(&out[max - 1], km, id))
		return;
	i = *n < max ? (*n)++ : max - 1;
	while (i > 0 && !before(&out[i - 1], km, id)) {
		out[i] = out[i - 1];
		i--;
	}
	out[i].id = id;
	out[i].km = km;
}

/*
 * Longitude half-width in degrees of a circle of radius r (km) around a
 * point at latitude lat, or 360 (no bound) near the poles or past them.
 */
static double
lon_bound(double lat, double r)
{
	double far = fabs(lat) + r / KM_PER_DEG, c;

	if (far >= 89.0)
		return 360.0;
	c = cos(far * DEG);
	/* asin form: exact for a small circle, safe margin at the edge. */
	if (r / CLUBS_EARTH_KM >= 1.0 || sin(r / CLUBS_EARTH_KM) >= c)
		return 360.0;
	return asin(sin(r / CLUBS_EARTH_KM) / cos(lat * DEG)) / DEG + 1e-9;
}

void
clubs_index_near(const struct clubs_index *ix, double lat, double lon,
    double radius_km, struct clubs_hit *out, size_t max, size_t *n)
{
	double dlat, dlon, dl, km;
	size_t i;

	*n = 0;
	if (max > CLUBS_INDEX_MAX_NEAR)
		max = CLUBS_INDEX_MAX_NEAR;
	if (max == 0 || ix->n == 0 || !(radius_km >= 0.0))
		return;
	dlat = radius_km / KM_PER_DEG + 1e-9;
	dlon = lon_bound(lat, radius_km);
	for (i = lower_bound(ix, lat - dlat); i < ix->n &&
	    ix->points[i].lat <= lat + dlat; i++) {
		dl = fabs(ix->points[i].lon - lon);
		if (dl > 180.0)
			dl = 360.0 - dl;
		if (dl > dlon)
			continue;
		km = clubs_km(lat, lon, ix->points[i].lat, ix->points[i].lon);
		if (km <= radius_km)
			keep(out, max, n, ix->points[i].id, km);
	}
}
