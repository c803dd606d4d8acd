/*
 * clubs_query.c - the club index alone (fcgi/clubs_index.c): build time
 * and time per query at 100 and 100 000 clubs spread over the
 * Netherlands, radius 15 km, 3 results, against a brute-force scan.
 * Built and run by bench/clubs.sh:
 *	cc -O2 -I fcgi bench/clubs_query.c fcgi/clubs_index.c -lm
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "clubs_index.h"

#define QUERIES		20000
#define BRUTE_QUERIES	200

static double
seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double
rnd(double lo, double hi)
{
	return lo + (hi - lo) * ((double)rand() / RAND_MAX);
}

static int
run(size_t n)
{
	struct clubs_point *p;
	struct clubs_index ix;
	struct clubs_hit hits[3];
	double t0, build, query, brute, best, km;
	size_t i, k, found = 0;
	int q;

	if ((p = malloc(n * sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		p[i].lat = rnd(50.8, 53.5);
		p[i].lon = rnd(3.4, 7.2);
		p[i].id = (int64_t)i;
	}
	t0 = seconds();
	if (clubs_index_build(&ix, p, n) == -1) {
		clubs_index_free(&ix);
		return -1;
	}
	build = seconds() - t0;
	t0 = seconds();
	for (q = 0; q < QUERIES; q++) {
		clubs_index_near(&ix, rnd(50.8, 53.5), rnd(3.4, 7.2), 15, hits,
		    3, &k);
		found += k;
	}
	query = (seconds() - t0) / QUERIES;
	t0 = seconds();
	for (q = 0; q < BRUTE_QUERIES; q++) {
		double lat = rnd(50.8, 53.5), lon = rnd(3.4, 7.2);

		best = 1e9;
		for (i = 0; i < n; i++) {
			km = clubs_km(lat, lon, ix.points[i].lat,
			    ix.points[i].lon);
			if (km < best)
				best = km;
		}
		found += best < 15;
	}
	brute = (seconds() - t0) / BRUTE_QUERIES;
	printf("index %7zu clubs: build %8.2f ms, query %8.2f us, "
	    "brute force %10.2f us (%zu found)\n", n, build * 1e3,
	    query * 1e6, brute * 1e6, found);
	clubs_index_free(&ix);
	return 0;
}

int
main(void)
{
	srand(1);
	if (run(100) == -1 || run(100000) == -1) {
		fprintf(stderr, "clubs_query: out of memory\n");
		return 1;
	}
	return 0;
}
