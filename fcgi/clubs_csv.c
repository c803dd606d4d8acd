/*
 * clubs_csv.c - RFC 4180 records, cut in place.
 */
#include <stdio.h>
#include <string.h>

#include "clubs_csv.h"

void
clubs_csv_init(struct clubs_csv *r, char *buf, size_t len)
{
	r->p = buf;
	r->end = buf + len;
	r->line = 1;
	r->record_line = 0;
}

static int
fail(const struct clubs_csv *r, char *why, size_t whylen, const char *what)
{
	snprintf(why, whylen, "%zu: %s", r->record_line, what);
	return -1;
}

/* Skip the line end at r->p ("\r\n" or "\n"); 1 when there was one. */
static int
eat_eol(struct clubs_csv *r)
{
	if (r->p < r->end && *r->p == '\r' && r->p + 1 < r->end &&
	    r->p[1] == '\n') {
		r->p += 2;
		r->line++;
		return 1;
	}
	if (r->p < r->end && *r->p == '\n') {
		r->p++;
		r->line++;
		return 1;
	}
	return 0;
}

int
clubs_csv_next(struct clubs_csv *r, char **fields, size_t max, size_t *n,
    char *why, size_t whylen)
{
	char *start = r->p, *out;

	*n = 0;
	if (r->p >= r->end)
		return 0;
	r->record_line = r->line;
	for (;;) {
		if (*n == max || *n == CLUBS_CSV_MAX_FIELDS)
			return fail(r, why, whylen, "too many fields");
		out = r->p;
		fields[(*n)++] = out;
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			for (;;) {
				if (r->p >= r->end)
					return fail(r, why, whylen,
					    "unterminated quoted field");
				if (*r->p == '"') {
					if (r->p + 1 < r->end &&
					    r->p[1] == '"') {
						*out++ = '"';
						r->p += 2;
						continue;
					}
					r->p++;
					break;
				}
				if (*r->p == '\n')
					r->line++;
				*out++ = *r->p++;
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
			    *r->p != '\r')
				return fail(r, why, whylen,
				    "text after a closing quote");
		} else {
			while (r->p < r->end && *r->p != ',' &&
			    *r->p != '\n' && *r->p != '\r') {
				if (*r->p == '"')
					return fail(r, why, whylen,
					    "quote inside an unquoted field");
				*out++ = *r->p++;
			}
		}
		if ((size_t)(r->p - start) > CLUBS_CSV_MAX_RECORD)
			return fail(r, why, whylen, "record too long");
		if (r->p < r->end && *r->p == ',') {
			*out = '\0';
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '\r' && !(r->p + 1 < r->end &&
		    r->p[1] == '\n'))
			return fail(r, why, whylen, "bare carriage return");
		/*
		 * out never passes r->p, so the terminator fits, but it may
		 * land on the line end: step over that first.
		 */
		(void)eat_eol(r);
		*out = '\0';
		return 1;
	}
}
