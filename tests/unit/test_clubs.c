/*
 * test_clubs.c - the host's club modules: the CSV reader, great-circle
 * distance, the latitude-band index (against brute force), postcode
 * keys, the CSV import into a real sqlite store (all or nothing,
 * line-numbered errors) and clubs_near over it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "arena.h"
#include "clubs.h"
#include "clubs_csv.h"
#include "clubs_import.h"
#include "clubs_index.h"
#include "clubs_postcode.h"
#include "order.h"
#include "services.h"
#include "store.h"

/* --- the CSV reader ------------------------------------------------- */

/* All records of text, as "a|b;c|d;" (fields | records ;), or the error. */
static const char *
csv_all(const char *text)
{
	static char out[1024];
	char buf[CLUBS_CSV_MAX_RECORD * 2 + 64], *f[8], why[128];
	struct clubs_csv r;
	size_t n, i, len = strlen(text);
	int rc;

	assert_true(len < sizeof(buf));
	memcpy(buf, text, len + 1);
	clubs_csv_init(&r, buf, len);
	out[0] = '\0';
	while ((rc = clubs_csv_next(&r, f, 8, &n, why, sizeof(why))) == 1) {
		for (i = 0; i < n; i++) {
			strcat(out, f[i]);
			strcat(out, i + 1 < n ? "|" : ";");
		}
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "@%zu ",
		    r.record_line);
	}
	if (rc == -1)
		snprintf(out, sizeof(out), "error %s", why);
	return out;
}

static void
csv_plain_and_quoted(void **state)
{
	(void)state;
	assert_string_equal(csv_all("a,b\nc,d\n"), "a|b;@1 c|d;@2 ");
	assert_string_equal(csv_all("a,b\r\nc,d"), "a|b;@1 c|d;@2 ");
	assert_string_equal(csv_all("\"x, y\",\"say \"\"hi\"\"\"\n"),
	    "x, y|say \"hi\";@1 ");
	assert_string_equal(csv_all(",\n"), "|;@1 ");
	/* A quoted line break: the next record is on line 3. */
	assert_string_equal(csv_all("\"two\nlines\",z\nnext\n"),
	    "two\nlines|z;@1 next;@3 ");
	assert_string_equal(csv_all("\"\"\n"), ";@1 ");
}

static void
csv_errors_name_the_line(void **state)
{
	char big[CLUBS_CSV_MAX_RECORD + 64];

	(void)state;
	assert_string_equal(csv_all("a\n\"open\n"),
	    "error 2: unterminated quoted field");
	assert_string_equal(csv_all("a\nb\n\"q\"x\n"),
	    "error 3: text after a closing quote");
	assert_string_equal(csv_all("a\nb\"c\n"),
	    "error 2: quote inside an unquoted field");
	assert_string_equal(csv_all("a\rb\n"), "error 1: bare carriage return");
	assert_string_equal(csv_all("ok\n1,2,3,4,5,6,7,8,9\n"),
	    "error 2: too many fields");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[0] = 'a';
	big[1] = '\n';
	assert_string_equal(csv_all(big), "error 2: record too long");
}

/* --- distance and the index ----------------------------------------- */

static void
haversine_known_distances(void **state)
{
	double quarter = CLUBS_EARTH_KM * 3.14159265358979323846 / 2;

	(void)state;
	/* One degree along a meridian, and along the equator. */
	assert_float_equal(clubs_km(52, 5, 53, 5), 111.195, 0.001);
	assert_float_equal(clubs_km(0, 0, 0, 1), 111.195, 0.001);
	assert_float_equal(clubs_km(0, 0, 90, 0), quarter, 0.001);
	assert_float_equal(clubs_km(0, 0, 0, 180), 2 * quarter, 0.001);
	/* Across the antimeridian: 0.2 degrees, not 359.8. */
	assert_float_equal(clubs_km(0, 179.9, 0, -179.9), 22.239, 0.001);
	/* London (51.5074, -0.1278) - Paris (48.8566, 2.3522): 343.5 km. */
	assert_float_equal(clubs_km(51.5074, -0.1278, 48.8566, 2.3522),
	    343.5, 0.5);
	/* Amsterdam Dam - Utrecht Dom, about 35 km as the crow flies. */
	assert_float_equal(clubs_km(52.3731, 4.8926, 52.0907, 5.1214), 35.1,
	    0.5);
	assert_float_equal(clubs_km(52.1, 5.1, 52.1, 5.1), 0, 1e-12);
}

static double
rnd(double lo, double hi)
{
	return lo + (hi - lo) * ((double)rand() / RAND_MAX);
}

static int
hit_order(const void *a, const void *b)
{
	const struct clubs_hit *p = a, *q = b;

	if (p->km != q->km)
		return p->km < q->km ? -1 : 1;
	return (p->id > q->id) - (p->id < q->id);
}

/* The index agrees with a brute-force scan for random points and queries. */
static void
check_against_brute_force(double lat0, double lat1, double lon0, double lon1,
    size_t npoints, size_t nqueries)
{
	struct clubs_point *pts = malloc(npoints * sizeof(*pts)), *copy;
	struct clubs_hit got[CLUBS_INDEX_MAX_NEAR], *all;
	struct clubs_index ix;
	size_t i, q, n, nall, max;
	double lat, lon, r;

	assert_non_null(pts);
	all = malloc(npoints * sizeof(*all));
	assert_non_null(all);
	for (i = 0; i < npoints; i++) {
		pts[i].lat = rnd(lat0, lat1);
		pts[i].lon = rnd(lon0, lon1);
		pts[i].id = (int64_t)i;
	}
	copy = malloc(npoints * sizeof(*copy));
	assert_non_null(copy);
	memcpy(copy, pts, npoints * sizeof(*copy));
	assert_int_equal(clubs_index_build(&ix, copy, npoints), 0);
	for (q = 0; q < nqueries; q++) {
		lat = rnd(lat0, lat1);
		lon = rnd(lon0, lon1);
		r = rnd(0, 60);
		max = 1 + (size_t)rand() % 5;
		nall = 0;
		for (i = 0; i < npoints; i++) {
			double km = clubs_km(lat, lon, pts[i].lat, pts[i].lon);

			if (km <= r) {
				all[nall].id = pts[i].id;
				all[nall++].km = km;
			}
		}
		qsort(all, nall, sizeof(*all), hit_order);
		clubs_index_near(&ix, lat, lon, r, got, max, &n);
		assert_int_equal(n, nall < max ? nall : max);
		for (i = 0; i < n; i++) {
			assert_int_equal(got[i].id, all[i].id);
			assert_float_equal(got[i].km, all[i].km, 1e-9);
		}
	}
	clubs_index_free(&ix);
	free(all);
	free(pts);
}

static void
index_matches_brute_force(void **state)
{
	(void)state;
	srand(42);
	/* The Netherlands, dense. */
	check_against_brute_force(50.75, 53.55, 3.35, 7.25, 5000, 300);
	/* Near the north pole and across the antimeridian. */
	check_against_brute_force(88.5, 90, -180, 180, 2000, 100);
	check_against_brute_force(-10, 10, 179, 180, 1000, 50);
	check_against_brute_force(-10, 10, -180, -179, 1000, 50);
}

static void
index_radius_edge(void **state)
{
	struct clubs_point *pts = malloc(2 * sizeof(*pts));
	struct clubs_hit hits[4];
	struct clubs_index ix;
	double d;
	size_t n;

	(void)state;
	assert_non_null(pts);
	pts[0] = (struct clubs_point){ 52.0, 5.0, 1 };
	pts[1] = (struct clubs_point){ 52.1, 5.1, 2 };
	assert_int_equal(clubs_index_build(&ix, pts, 2), 0);
	d = clubs_km(52.0, 5.0, 52.1, 5.1);
	clubs_index_near(&ix, 52.0, 5.0, d, hits, 4, &n);
	assert_int_equal(n, 2);		/* exactly at the radius: in */
	assert_int_equal(hits[0].id, 1);
	assert_int_equal(hits[1].id, 2);
	clubs_index_near(&ix, 52.0, 5.0, d * (1 - 1e-9), hits, 4, &n);
	assert_int_equal(n, 1);		/* a hair short: out */
	clubs_index_near(&ix, 52.0, 5.0, 0, hits, 4, &n);
	assert_int_equal(n, 1);		/* the point itself */
	clubs_index_near(&ix, 52.0, 5.0, 100, hits, 0, &n);
	assert_int_equal(n, 0);
	clubs_index_near(&ix, 52.0, 5.0, NAN, hits, 4, &n);
	assert_int_equal(n, 0);
	clubs_index_free(&ix);

	pts = malloc(sizeof(*pts));
	assert_non_null(pts);
	pts[0] = (struct clubs_point){ 91.0, 5.0, 1 };
	assert_int_equal(clubs_index_build(&ix, pts, 1), -1);
	clubs_index_free(&ix);
}

/* --- postcodes ------------------------------------------------------ */

static void
postcode_keys(void **state)
{
	char c[3], k[CLUBS_POSTCODE_MAX + 1];

	(void)state;
	assert_int_equal(clubs_country(NULL, c), 0);
	assert_string_equal(c, "NL");
	assert_int_equal(clubs_country("be", c), 0);
	assert_string_equal(c, "BE");
	assert_int_equal(clubs_country("NLD", c), -1);
	assert_int_equal(clubs_postcode_key("NL", "1011 AB", k), 0);
	assert_string_equal(k, "1011");
	assert_int_equal(clubs_postcode_key("NL", "1011ab", k), 0);
	assert_string_equal(k, "1011");
	assert_int_equal(clubs_postcode_key("NL", " 3511 ", k), 0);
	assert_string_equal(k, "3511");
	assert_int_equal(clubs_postcode_key("NL", "0123 AB", k), -1);
	assert_int_equal(clubs_postcode_key("NL", "101", k), -1);
	assert_int_equal(clubs_postcode_key("NL", "1011 ABC", k), -1);
	assert_int_equal(clubs_postcode_key("NL", "<script>", k), -1);
	assert_int_equal(clubs_postcode_key("GB", "sw1a 1aa", k), 0);
	assert_string_equal(k, "SW1A1AA");
	assert_int_equal(clubs_postcode_key("DE", "12345678901", k), -1);
}

/* --- import and clubs_near over a real store ------------------------ */

struct fixture {
	char		 dir[64];
	char		 db[96];
	char		 csv[96];
	struct store	*st;
	struct arena	*arena;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct store_brand b = { "runfast", "nl", "Europe/Amsterdam" };
	char why[256];

	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/ppx-test-clubs.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/ppx.db", f->dir);
	snprintf(f->csv, sizeof(f->csv), "%s/in.csv", f->dir);
	assert_int_equal(store_open(&f->st, f->db,
	    STORE_CREATE | STORE_MIGRATE, why, sizeof(why)), 0);
	assert_int_equal(store_brand_add(f->st, &b, why, sizeof(why)), 0);
	assert_non_null(f->arena = arena_new(1 << 20));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	clubs_cache_drop();
	arena_free(f->arena);
	store_close(f->st);
	unlink(f->db);
	unlink(f->csv);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Import text as what; the why on failure, "" on success. */
static const char *
import(struct fixture *f, const char *what, const char *brand,
    const char *text, size_t *count)
{
	static char why[512];
	FILE *fp = fopen(f->csv, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	why[0] = '\0';
	if (clubs_import(f->st, what, brand, f->csv, 0, count, why,
	    sizeof(why)) == 0)
		why[0] = '\0';
	/* The reason names the file: cut it off for the comparisons. */
	if (strncmp(why, f->csv, strlen(f->csv)) == 0)
		return why + strlen(f->csv);
	return why;
}

static int64_t
rows(struct fixture *f, const char *sql)
{
	sqlite3_stmt *s;
	int64_t n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), sql, -1, &s,
	    NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static const char postcodes[] =
	"country,postcode,lat,lon\n"
	"NL,1011,52.3731,4.9003\n"
	"NL,3511,52.0920,5.1170\n"
	"NL,9711,53.2180,6.5680\n";
static const char clubs[] =
	"id,name,city,url,lat,lon\r\n"
	"oost,\"Loopgroep Oost, demo\",Amsterdam,https://c.example/oost,"
	"52.3590,4.9180\r\n"
	"west,West,Amsterdam,,52.3870,4.8740\r\n"
	"utr,Utrecht,Utrecht,https://c.example/utr,52.0860,5.1220\r\n";
static const char events[] =
	"club,date,name,url\n"
	"oost,2026-11-14,Past,\n"
	"oost,2026-12-12,Kerstloop,https://c.example/kerst\n"
	"oost,2026-11-28,Rondje,\n"
	"utr,2026-11-23,Today,\n";

static void
import_good_files(void **state)
{
	struct fixture *f = *state;
	size_t n;

	assert_string_equal(import(f, "postcodes", "", postcodes, &n), "");
	assert_int_equal(n, 3);
	assert_string_equal(import(f, "clubs", "runfast", clubs, &n), "");
	assert_int_equal(n, 3);
	assert_string_equal(import(f, "events", "runfast", events, &n), "");
	assert_int_equal(n, 4);
	assert_int_equal(rows(f, "SELECT count(*) FROM clubs WHERE name ="
	    " 'Loopgroep Oost, demo' AND url IS NOT NULL"), 1);
	assert_int_equal(rows(f, "SELECT count(*) FROM clubs WHERE id ="
	    " 'west' AND url IS NULL"), 1);

	/* Clubs replace the set; the clubs that stay keep their events. */
	assert_string_equal(import(f, "clubs", "runfast",
	    "id,name,city,url,lat,lon\noost,Oost,,,52.36,4.92\n", &n), "");
	assert_int_equal(rows(f, "SELECT count(*) FROM clubs"), 1);
	assert_int_equal(rows(f, "SELECT count(*) FROM events"), 3);
	/* Postcodes are upserted: a second file adds and corrects. */
	assert_string_equal(import(f, "postcodes", "",
	    "country,postcode,lat,lon\nNL,1011,52.3700,4.9000\n"
	    "NL,5611,51.4380,5.4780\n", &n), "");
	assert_int_equal(rows(f, "SELECT count(*) FROM postcodes"), 4);
	assert_int_equal(rows(f, "SELECT lat * 10000 FROM postcodes WHERE"
	    " postcode = '1011'"), 523700);
}

static void
import_bad_files_change_nothing(void **state)
{
	static const struct {
		const char *what, *brand, *text, *why;
	} bad[] = {
		{ "clubs", "runfast", "id,name,city,lat,lon\n",
		    ":1: header must be: id,name,city,url,lat,lon" },
		{ "clubs", "runfast", "",
		    ":1: empty file (want a header line)" },
		{ "clubs", "runfast", "id,name,city,url,lat,lon\n"
		    "a,A,,,52,5\nb,B,,,52,abc\n",
		    ":3: lon is not a number: 'abc'" },
		{ "clubs", "runfast", "id,name,city,url,lat,lon\n"
		    "a,A,,,52,5\n\nb,B,,,91,5\n", ":4: lat out of range" },
		{ "clubs", "runfast", "id,name,city,url,lat,lon\n"
		    "a,A,,,52,5\na,B,,,52,5\n", ":3: club id 'a' appears twice" },
		{ "clubs", "runfast", "id,name,city,url,lat,lon\n"
		    "a,A,,javascript:x,52,5\n", ":2: url is not http(s)" },
		{ "clubs", "runfast", "id,name,city,url,lat,lon\n"
		    "a,A,,,52\n", ":2: 5 fields, want 6" },
		{ "clubs", "runfast", "id,name,city,url,lat,lon\n"
		    "a,,,,52,5\n", ":2: name is empty" },
		{ "clubs", "runfast", "id,name,city,url,lat,lon\n"
		    "a,\"A\n", ":2: unterminated quoted field" },
		{ "clubs", "", "id,name,city,url,lat,lon\n",
		    ": importing clubs needs --brand BRAND" },
		{ "clubs", "nobrand", "id,name,city,url,lat,lon\n",
		    ": no brand 'nobrand'" },
		{ "events", "runfast", "club,date,name,url\n"
		    "oost,2026-02-30,X,\n", ":2: date must be YYYY-MM-DD" },
		{ "events", "runfast", "club,date,name,url\n"
		    "nope,2026-12-01,X,\n",
		    ":2: no club 'nope' for brand runfast (import clubs first)" },
		{ "events", "runfast", "club,date,name,url\n"
		    "oost,2026-12-01,X,\noost,2026-12-01,X,\n",
		    ":3: the same event appears twice" },
		{ "postcodes", "runfast", "country,postcode,lat,lon\n",
		    ": postcodes are shared by all brands: no --brand" },
		{ "postcodes", "", "country,postcode,lat,lon\nNL,0999,1,1\n",
		    ":2: not a postcode of NL: '0999'" },
		{ "postcodes", "", "country,postcode,lat,lon\nNL,1234,52,181\n",
		    ":2: lon out of range" },
	};
	struct fixture *f = *state;
	char line[CLUBS_CSV_MAX_RECORD + 64];
	size_t i, n;

	import_good_files(state);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = 99;
		assert_string_equal(import(f, bad[i].what, bad[i].brand,
		    bad[i].text, &n), bad[i].why);
		assert_int_equal(n, 0);
		assert_int_equal(rows(f, "SELECT count(*) FROM clubs"), 1);
		assert_int_equal(rows(f, "SELECT count(*) FROM events"), 3);
		assert_int_equal(rows(f, "SELECT count(*) FROM postcodes"), 4);
	}
	/* A line longer than the limit. */
	snprintf(line, sizeof(line), "id,name,city,url,lat,lon\na,%0*d,,,52,5\n",
	    CLUBS_CSV_MAX_RECORD, 7);
	assert_string_equal(import(f, "clubs", "runfast", line, &n),
	    ":2: record too long");
	assert_int_equal(rows(f, "SELECT count(*) FROM clubs"), 1);
}

/* A render context for brand runfast at 2026-11-23 09:00 in Amsterdam. */
static void
ctx_for(struct fixture *f, struct ppx_ctx *ctx, struct order *o,
    const char *postcode)
{
	memset(o, 0, sizeof(*o));
	o->id = "1042";
	o->postcode = postcode;
	memset(ctx, 0, sizeof(*ctx));
	ctx->arena = f->arena;
	ctx->store = f->st;
	ctx->order = o;
	ctx->brand = "runfast";
	ctx->stage = "delivered";
	ctx->lang = "nl";
	ctx->timezone = "Europe/Amsterdam";
	ctx->plugin = "club";
	ctx->now = 1795420800;	/* 2026-11-23T08:00:00Z */
}

static void
near_nearest_first_with_next_event(void **state)
{
	struct fixture *f = *state;
	struct ppx_club out[4];
	struct ppx_ctx ctx;
	struct order o;
	size_t n;

	assert_string_equal(import(f, "postcodes", "", postcodes, &n), "");
	assert_string_equal(import(f, "clubs", "runfast", clubs, &n), "");
	assert_string_equal(import(f, "events", "runfast", events, &n), "");
	clubs_cache_drop();	/* same connection: data_version stays */

	ctx_for(f, &ctx, &o, "1011 AB");
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 4, &n),
	    PPX_OK);
	assert_int_equal(n, 2);		/* Utrecht is past 15 km */
	assert_string_equal(out[0].name, "Loopgroep Oost, demo");
	assert_string_equal(out[0].city, "Amsterdam");
	assert_string_equal(out[0].url, "https://c.example/oost");
	assert_float_equal(out[0].km, clubs_km(52.3731, 4.9003, 52.3590,
	    4.9180), 1e-9);
	assert_string_equal(out[0].event_date, "2026-11-28");
	assert_string_equal(out[0].event_name, "Rondje");
	assert_null(out[0].event_url);
	assert_string_equal(out[1].name, "West");
	assert_null(out[1].url);
	assert_null(out[1].event_name);
	assert_true(out[0].km < out[1].km);

	/* An explicit radius; max cuts the list. */
	assert_int_equal(services_host.clubs_near(&ctx, 50, out, 4, &n),
	    PPX_OK);
	assert_int_equal(n, 3);
	assert_string_equal(out[2].name, "Utrecht");
	assert_string_equal(out[2].event_name, "Today");	/* today counts */
	assert_int_equal(services_host.clubs_near(&ctx, 50, out, 1, &n),
	    PPX_OK);
	assert_int_equal(n, 1);

	/* The brand's setting; a bad one falls back to the default. */
	assert_int_equal(store_setting_set(f->st, "runfast", "club.radius_km",
	    "2.1"), 0);
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 4, &n),
	    PPX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_setting_set(f->st, "runfast", "club.radius_km",
	    "far"), 0);
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 4, &n),
	    PPX_OK);
	assert_int_equal(n, 2);

	/* Nothing near Groningen. */
	ctx_for(f, &ctx, &o, "9711AA");
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 4, &n),
	    PPX_OK);
	assert_int_equal(n, 0);
}

static void
near_unknown_postcode(void **state)
{
	struct fixture *f = *state;
	struct ppx_club out[3];
	struct ppx_ctx ctx;
	struct order o;
	size_t n;

	assert_string_equal(import(f, "postcodes", "", postcodes, &n), "");
	ctx_for(f, &ctx, &o, "1234 AB");	/* not imported */
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n),
	    PPX_ENOTFOUND);
	ctx_for(f, &ctx, &o, "garbage");
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n),
	    PPX_ENOTFOUND);
	ctx_for(f, &ctx, &o, NULL);
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n),
	    PPX_ENOTFOUND);
	ctx_for(f, &ctx, &o, "1011");
	o.country = "BE";
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n),
	    PPX_ENOTFOUND);
	ctx_for(f, &ctx, &o, "1011");
	assert_int_equal(services_host.clubs_near(&ctx, -1, out, 3, &n),
	    PPX_EINVAL);
	/* Known postcode, brand without clubs: none, not an error. */
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n),
	    PPX_OK);
	assert_int_equal(n, 0);
}

/*
 * Another connection's commits: an unrelated one keeps the worker's
 * index, a clubs import makes it rebuild and shows the new clubs.
 */
static void
near_index_follows_imports_only(void **state)
{
	struct fixture *f = *state;
	struct ppx_club out[3];
	struct ppx_ctx ctx;
	struct order o;
	struct store *other;
	char why[256];
	size_t n, builds;
	FILE *fp;

	assert_string_equal(import(f, "postcodes", "", postcodes, &n), "");
	assert_string_equal(import(f, "clubs", "runfast", clubs, &n), "");
	clubs_cache_drop();
	ctx_for(f, &ctx, &o, "1011 AB");
	builds = clubs_cache_builds();
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n), PPX_OK);
	assert_int_equal(clubs_cache_builds(), builds + 1);
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n), PPX_OK);
	assert_int_equal(clubs_cache_builds(), builds + 1);

	assert_int_equal(store_open(&other, f->db, 0, why, sizeof(why)), 0);
	assert_int_equal(store_setting_set(other, "runfast", "share.x", "1"),
	    0);
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n), PPX_OK);
	assert_int_equal(clubs_cache_builds(), builds + 1);
	assert_string_equal(out[0].name, "Loopgroep Oost, demo");

	assert_int_equal(clubs_import(other, "clubs", "runfast", f->csv, 0, &n,
	    why, sizeof(why)), 0);	/* the same file: still a new set */
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n), PPX_OK);
	assert_int_equal(clubs_cache_builds(), builds + 2);
	fp = fopen(f->csv, "w");
	assert_non_null(fp);
	fputs("id,name,city,url,lat,lon\nnew,New,,,52.3732,4.9004\n", fp);
	fclose(fp);
	assert_int_equal(clubs_import(other, "clubs", "runfast", f->csv, 0, &n,
	    why, sizeof(why)), 0);
	assert_int_equal(services_host.clubs_near(&ctx, 0, out, 3, &n), PPX_OK);
	assert_int_equal(clubs_cache_builds(), builds + 3);
	assert_int_equal(n, 1);
	assert_string_equal(out[0].name, "New");
	store_close(other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_plain_and_quoted),
		cmocka_unit_test(csv_errors_name_the_line),
		cmocka_unit_test(haversine_known_distances),
		cmocka_unit_test(index_matches_brute_force),
		cmocka_unit_test(index_radius_edge),
		cmocka_unit_test(postcode_keys),
		cmocka_unit_test_setup_teardown(import_good_files, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(import_bad_files_change_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    near_nearest_first_with_next_event, setup, teardown),
		cmocka_unit_test_setup_teardown(near_unknown_postcode, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(near_index_follows_imports_only,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
