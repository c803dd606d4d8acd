/*
 * msgfmt.h - catalog messages are ICU MessageFormat patterns with named
 * arguments: "Hallo {name}", "{days, plural, one {Nog # dag} other
 * {Nog # dagen}}", "{n, number}".  Plurals, numbers and dates follow the
 * locale's rules (CLDR), never hand-written ones.  A C API over ICU's C++
 * MessageFormat.
 */
#ifndef PPX_MSGFMT_H
#define PPX_MSGFMT_H

#include <stddef.h>

#include <ppx/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MSGFMT_MAX_PATTERN	4096	/* bytes */
#define MSGFMT_MAX_ARGS		32

/*
 * Format the UTF-8 pattern for locale ("nl", "nl-BE", "en") with args
 * (text values pass through verbatim: escaping is the template's job; an
 * argument the pattern names but args lack stays "{name}").  OUT: the
 * NUL-terminated UTF-8 result in out.  0, or -1 with why when the pattern
 * or locale is bad or the result needs more than outlen bytes.
 */
int	 msgfmt_format(const char *locale, const char *pattern,
	    const struct ppx_arg *args, size_t nargs, char *out,
	    size_t outlen, char *why, size_t whylen);

/*
 * 0 when pattern is well-formed UTF-8 and compiles as a MessageFormat;
 * -1 with why naming the offset of the error.
 */
int	 msgfmt_check(const char *pattern, char *why, size_t whylen);

#ifdef __cplusplus
}
#endif

#endif
