/*
 * clubs_csv.h - a small RFC 4180 CSV reader over a buffer in memory, for
 * the club, event and postcode imports.  Fields are cut in place (the
 * buffer is modified); quoted fields may hold commas, doubled quotes and
 * line breaks; CRLF and LF both end a record.  Hard limits on record
 * length and field count; every error names the line it starts on.
 */
#ifndef PPX_CLUBS_CSV_H
#define PPX_CLUBS_CSV_H

#include <stddef.h>

#define CLUBS_CSV_MAX_RECORD	4096	/* bytes of one record */
#define CLUBS_CSV_MAX_FIELDS	16	/* fields of one record */

struct clubs_csv {
	char	*p;		/* next byte to read */
	char	*end;		/* one past the buffer */
	size_t	 line;		/* line the next record starts on (1-based) */
	size_t	 record_line;	/* line of the record just read */
};

/*
 * Read buf[0..len-1], modified in place; buf[len] must be writable (the
 * caller keeps a NUL there) and buf must outlive the reader.
 */
void	 clubs_csv_init(struct clubs_csv *r, char *buf, size_t len);
/*
 * The next record.  OUT: fields[0..*n-1], NUL-terminated, in the buffer.
 * 1 with a record, 0 at the end, -1 with a one-line reason in why
 * (without the file name: "17: unterminated quoted field").  A record
 * is never split: a field past max is an error, not a truncation.
 */
int	 clubs_csv_next(struct clubs_csv *r, char **fields, size_t max,
	    size_t *n, char *why, size_t whylen);

#endif
