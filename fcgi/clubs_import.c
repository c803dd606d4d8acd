/*
 * clubs_import.c - clubs, events and postcode centroids from CSV.
 *
 * The whole file is read (at most CLUBS_IMPORT_MAX_FILE), checked row by
 * row and written in one transaction: the first bad row rolls everything
 * back and is named by its line.  postcodes are upserted (a file adds
 * or corrects centroids, a country at a time if you like); clubs replace
 * the brand's set (upsert with a new generation, then the clubs the file
 * did not name are deleted with their events); events replace the
 * brand's set of events.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "clubs_csv.h"
#include "clubs_import.h"
#include "clubs_postcode.h"
#include "services.h"
#include "store.h"

#define MAX_ID		64	/* club id */
#define MAX_NAME	200	/* club or event name, bytes */
#define MAX_CITY	100
#define MAX_URL		1000

enum kind { KIND_POSTCODES, KIND_CLUBS, KIND_EVENTS };

static const char *const headers[][7] = {
	[KIND_POSTCODES] = { "country", "postcode", "lat", "lon", NULL },
	[KIND_CLUBS] = { "id", "name", "city", "url", "lat", "lon", NULL },
	[KIND_EVENTS] = { "club", "date", "name", "url", NULL },
};

struct import {
	struct store	*st;
	enum kind	 kind;
	const char	*brand;
	const char	*path;
	char		*why;
	size_t		 whylen;
	size_t		 line;		/* of the current record */
	int64_t		 gen;		/* clubs: this import's generation */
};

/* "path:line: what", always -1. */
static int	 bad(struct import *im, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

static int
bad(struct import *im, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(im->why, im->whylen, "%s:%zu: %s", im->path, im->line, what);
	return -1;
}

static int
read_file(const char *path, char **buf, size_t *len, char *why,
    size_t whylen)
{
	struct stat sb;
	FILE *f;
	size_t n;

	*buf = NULL;
	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &sb) == -1 || !S_ISREG(sb.st_mode)) {
		snprintf(why, whylen, "%s: not a regular file", path);
		goto out_close;
	}
	if (sb.st_size > CLUBS_IMPORT_MAX_FILE) {
		snprintf(why, whylen, "%s: larger than %ld bytes", path,
		    CLUBS_IMPORT_MAX_FILE);
		goto out_close;
	}
	if ((*buf = malloc((size_t)sb.st_size + 1)) == NULL) {
		snprintf(why, whylen, "%s: out of memory", path);
		goto out_close;
	}
	n = fread(*buf, 1, (size_t)sb.st_size, f);
	if (ferror(f) || n != (size_t)sb.st_size) {
		snprintf(why, whylen, "%s: read error", path);
		free(*buf);
		*buf = NULL;
		goto out_close;
	}
	(*buf)[n] = '\0';
	*len = n;
	fclose(f);
	return 0;
out_close:
	fclose(f);
	return -1;
}

/* A coordinate: a plain decimal number within [-limit, limit]. */
static int
coord(struct import *im, const char *s, const char *name, double limit,
    double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || !isfinite(*out) ||
	    strspn(s, "+-0123456789.eE") != strlen(s))
		return bad(im, "%s is not a number: '%.32s'", name, s);
	if (*out < -limit || *out > limit)
		return bad(im, "%s out of range", name);
	return 0;
}

/* Text: UTF-8 of at most max bytes, required or not. */
static int
text(struct import *im, const char *s, const char *name, size_t max,
    int required)
{
	size_t len = strlen(s);

	if (required && len == 0)
		return bad(im, "%s is empty", name);
	if (len > max)
		return bad(im, "%s longer than %zu bytes", name, max);
	if (!store_valid_utf8(s, len))
		return bad(im, "%s is not UTF-8 text", name);
	return 0;
}

/* An optional link: empty, or an http(s) URL without spaces. */
static int
url(struct import *im, const char *s)
{
	size_t i;

	if (s[0] == '\0')
		return 0;
	if (text(im, s, "url", MAX_URL, 0) == -1)
		return -1;
	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return bad(im, "url is not http(s)");
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return bad(im, "url has a space or control character");
	return 0;
}

static int
club_id(struct import *im, const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > MAX_ID || strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != len)
		return bad(im, "club id must be 1..%d of [A-Za-z0-9_.-]",
		    MAX_ID);
	return 0;
}

static int
step_done(struct import *im, sqlite3_stmt *s)
{
	if (s == NULL || sqlite3_step(s) != SQLITE_DONE)
		return bad(im, "store: %s", store_errmsg(im->st));
	return 0;
}

static void
bind_text(sqlite3_stmt *s, int i, const char *v, int null_if_empty)
{
	if (null_if_empty && v[0] == '\0')
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

static int
put_postcode(struct import *im, char **f)
{
	char country[3], key[CLUBS_POSTCODE_MAX + 1];
	double lat, lon;
	sqlite3_stmt *s;

	if (clubs_country(f[0], country) == -1)
		return bad(im, "country must be two letters (NL)");
	if (clubs_postcode_key(country, f[1], key) == -1)
		return bad(im, "not a postcode of %s: '%.16s'", country, f[1]);
	if (coord(im, f[2], "lat", 90, &lat) == -1 ||
	    coord(im, f[3], "lon", 180, &lon) == -1)
		return -1;
	s = store_prepare(im->st, "INSERT INTO postcodes (country, postcode,"
	    " lat, lon) VALUES (?, ?, ?, ?) ON CONFLICT (country, postcode)"
	    " DO UPDATE SET lat = excluded.lat, lon = excluded.lon");
	if (s == NULL)
		return bad(im, "store: %s", store_errmsg(im->st));
	sqlite3_bind_text(s, 1, country, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(s, 3, lat);
	sqlite3_bind_double(s, 4, lon);
	return step_done(im, s);
}

static int
put_club(struct import *im, char **f)
{
	double lat, lon;
	sqlite3_stmt *s;

	if (club_id(im, f[0]) == -1 ||
	    text(im, f[1], "name", MAX_NAME, 1) == -1 ||
	    text(im, f[2], "city", MAX_CITY, 0) == -1 || url(im, f[3]) == -1 ||
	    coord(im, f[4], "lat", 90, &lat) == -1 ||
	    coord(im, f[5], "lon", 180, &lon) == -1)
		return -1;
	/* A row that finds its club already at this gen is a duplicate. */
	s = store_prepare(im->st, "INSERT INTO clubs (brand, id, name, city,"
	    " url, lat, lon, gen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT (brand, id) DO UPDATE SET name = excluded.name,"
	    " city = excluded.city, url = excluded.url, lat = excluded.lat,"
	    " lon = excluded.lon, gen = excluded.gen"
	    " WHERE clubs.gen <> excluded.gen");
	if (s == NULL)
		return bad(im, "store: %s", store_errmsg(im->st));
	sqlite3_bind_text(s, 1, im->brand, -1, SQLITE_STATIC);
	bind_text(s, 2, f[0], 0);
	bind_text(s, 3, f[1], 0);
	bind_text(s, 4, f[2], 1);
	bind_text(s, 5, f[3], 1);
	sqlite3_bind_double(s, 6, lat);
	sqlite3_bind_double(s, 7, lon);
	sqlite3_bind_int64(s, 8, im->gen);
	if (step_done(im, s) == -1)
		return -1;
	if (sqlite3_changes(store_db(im->st)) == 0)
		return bad(im, "club id '%s' appears twice", f[0]);
	return 0;
}

static int
put_event(struct import *im, char **f)
{
	sqlite3_stmt *s;
	long days;
	int rc;

	if (club_id(im, f[0]) == -1)
		return -1;
	if (services_days_until(0, "UTC", f[1], &days) == -1)
		return bad(im, "date must be YYYY-MM-DD");
	if (text(im, f[2], "name", MAX_NAME, 1) == -1 || url(im, f[3]) == -1)
		return -1;
	s = store_prepare(im->st, "SELECT 1 FROM clubs WHERE brand = ? AND"
	    " id = ?");
	if (s == NULL)
		return bad(im, "store: %s", store_errmsg(im->st));
	sqlite3_bind_text(s, 1, im->brand, -1, SQLITE_STATIC);
	bind_text(s, 2, f[0], 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return bad(im, "no club '%s' for brand %s (import clubs first)",
		    f[0], im->brand);
	if (rc != SQLITE_ROW)
		return bad(im, "store: %s", store_errmsg(im->st));
	s = store_prepare(im->st, "INSERT INTO events (brand, club, date,"
	    " name, url) VALUES (?, ?, ?, ?, ?)");
	if (s == NULL)
		return bad(im, "store: %s", store_errmsg(im->st));
	sqlite3_bind_text(s, 1, im->brand, -1, SQLITE_STATIC);
	bind_text(s, 2, f[0], 0);
	bind_text(s, 3, f[1], 0);
	bind_text(s, 4, f[2], 0);
	bind_text(s, 5, f[3], 1);
	rc = sqlite3_step(s);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)	/* extended codes, maybe */
		return bad(im, "the same event appears twice");
	if (rc != SQLITE_DONE)
		return bad(im, "store: %s", store_errmsg(im->st));
	return 0;
}

/* Run one statement with the brand bound to ?1 (and gen to ?2). */
static int
exec_brand(struct import *im, const char *sql)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(im->st, sql)) == NULL)
		return bad(im, "store: %s", store_errmsg(im->st));
	sqlite3_bind_text(s, 1, im->brand, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(s) > 1)
		sqlite3_bind_int64(s, 2, im->gen);
	return step_done(im, s);
}

/* Before the rows: clear what the file replaces, pick the generation. */
static int
prepare(struct import *im)
{
	sqlite3_stmt *s;

	if (im->kind == KIND_EVENTS)
		return exec_brand(im, "DELETE FROM events WHERE brand = ?1");
	if (im->kind != KIND_CLUBS)
		return 0;
	if (exec_brand(im, "INSERT INTO club_gens (brand, gen) VALUES (?1, 1)"
	    " ON CONFLICT (brand) DO UPDATE SET gen = gen + 1") == -1)
		return -1;
	s = store_prepare(im->st, "SELECT gen FROM club_gens WHERE brand = ?");
	if (s == NULL)
		return bad(im, "store: %s", store_errmsg(im->st));
	sqlite3_bind_text(s, 1, im->brand, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return bad(im, "store: %s", store_errmsg(im->st));
	}
	im->gen = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

/* After the rows: the clubs the file did not name go, with their events. */
static int
finish(struct import *im)
{
	if (im->kind != KIND_CLUBS)
		return 0;
	return exec_brand(im, "DELETE FROM clubs WHERE brand = ?1 AND"
	    " gen <> ?2");
}

static int
check_header(struct import *im, char **f, size_t n)
{
	const char *const *want = headers[im->kind];
	char list[128] = "";
	size_t i, cols;

	for (cols = 0; want[cols] != NULL; cols++)
		;
	/* A UTF-8 byte order mark before the header is not a column. */
	if (n > 0 && strncmp(f[0], "\xef\xbb\xbf", 3) == 0)
		f[0] += 3;
	for (i = 0; i < n && i < cols; i++)
		if (strcmp(f[i], want[i]) != 0)
			break;
	if (i == cols && n == cols)
		return 0;
	for (i = 0; i < cols; i++) {
		if (i > 0)
			strcat(list, ",");
		strcat(list, want[i]);
	}
	return bad(im, "header must be: %s", list);
}

static void
show_progress(const struct import *im, size_t rows, time_t *last, int done)
{
	time_t now = time(NULL);

	if (!done && rows % CLUBS_IMPORT_PROGRESS != 0 && now == *last)
		return;
	*last = now;
	fprintf(stderr, "\r%s: %zu rows%s", im->path, rows, done ? "\n" : "");
}

static int
import_rows(struct import *im, char *buf, size_t len, int progress,
    size_t *count)
{
	char *f[CLUBS_CSV_MAX_FIELDS], csvwhy[128];
	const char *const *want = headers[im->kind];
	struct clubs_csv r;
	size_t n, cols;
	time_t last = time(NULL);
	int rc;

	for (cols = 0; want[cols] != NULL; cols++)
		;
	clubs_csv_init(&r, buf, len);
	im->line = 1;
	if ((rc = clubs_csv_next(&r, f, CLUBS_CSV_MAX_FIELDS, &n, csvwhy,
	    sizeof(csvwhy))) == -1) {
		snprintf(im->why, im->whylen, "%s:%s", im->path, csvwhy);
		return -1;
	}
	if (rc == 0)
		return bad(im, "empty file (want a header line)");
	if (check_header(im, f, n) == -1 || prepare(im) == -1)
		return -1;
	for (;;) {
		rc = clubs_csv_next(&r, f, CLUBS_CSV_MAX_FIELDS, &n, csvwhy,
		    sizeof(csvwhy));
		if (rc == -1) {
			snprintf(im->why, im->whylen, "%s:%s", im->path, csvwhy);
			return -1;
		}
		if (rc == 0)
			break;
		im->line = r.record_line;
		if (n == 1 && f[0][0] == '\0')
			continue;	/* a blank line */
		if (n != cols)
			return bad(im, "%zu fields, want %zu", n, cols);
		if (*count == CLUBS_IMPORT_MAX_ROWS)
			return bad(im, "more than %d rows",
			    CLUBS_IMPORT_MAX_ROWS);
		if (im->kind == KIND_POSTCODES)
			rc = put_postcode(im, f);
		else if (im->kind == KIND_CLUBS)
			rc = put_club(im, f);
		else
			rc = put_event(im, f);
		if (rc == -1)
			return -1;
		++*count;
		if (progress)
			show_progress(im, *count, &last, 0);
	}
	if (progress && *count >= CLUBS_IMPORT_PROGRESS)
		show_progress(im, *count, &last, 1);
	return finish(im);
}

static int
brand_exists(struct import *im)
{
	struct store_brand b;
	int rc;

	if (im->brand == NULL || im->brand[0] == '\0') {
		snprintf(im->why, im->whylen, "%s: importing %s needs --brand "
		    "BRAND", im->path, im->kind == KIND_CLUBS ? "clubs" : "events");
		return -1;
	}
	if (!store_valid_name(im->brand) ||
	    (rc = store_brand_get(im->st, im->brand, &b)) == STORE_NOTFOUND) {
		snprintf(im->why, im->whylen, "%s: no brand '%.64s'", im->path,
		    im->brand);
		return -1;
	}
	if (rc != 0) {
		snprintf(im->why, im->whylen, "%s: store: %s", im->path,
		    store_errmsg(im->st));
		return -1;
	}
	return 0;
}

int
clubs_import(struct store *st, const char *what, const char *brand,
    const char *path, int progress, size_t *count, char *why, size_t whylen)
{
	struct import im = { .st = st, .brand = brand, .path = path,
	    .why = why, .whylen = whylen };
	char *buf;
	size_t len;

	*count = 0;
	if (strcmp(what, "postcodes") == 0)
		im.kind = KIND_POSTCODES;
	else if (strcmp(what, "clubs") == 0)
		im.kind = KIND_CLUBS;
	else if (strcmp(what, "events") == 0)
		im.kind = KIND_EVENTS;
	else {
		snprintf(why, whylen, "cannot import '%.32s'", what);
		return -1;
	}
	if (im.kind == KIND_POSTCODES && brand != NULL && brand[0] != '\0') {
		snprintf(why, whylen, "%s: postcodes are shared by all brands: "
		    "no --brand", path);
		return -1;
	}
	if (im.kind != KIND_POSTCODES && brand_exists(&im) == -1)
		return -1;
	if (read_file(path, &buf, &len, why, whylen) == -1)
		return -1;
	if (store_begin(st) != 0) {
		snprintf(why, whylen, "%s: store: %s", path, store_errmsg(st));
		free(buf);
		return -1;
	}
	if (import_rows(&im, buf, len, progress, count) == -1) {
		store_rollback(st);
		*count = 0;
		free(buf);
		return -1;
	}
	free(buf);
	if (store_commit(st) != 0) {	/* rolled back by store_commit */
		snprintf(why, whylen, "%s: store: %s", path, store_errmsg(st));
		*count = 0;
		return -1;
	}
	return 0;
}
