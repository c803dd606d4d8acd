/*
 * log.c - one line per event on stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static const char	*log_ident = "ppx";
static int		 log_max = LOG_LVL_INFO;

void
log_init(const char *ident, int max_level)
{
	log_ident = ident;
	log_max = max_level;
}

static const char *
level_name(int level)
{
	switch (level) {
	case LOG_LVL_ERR:
		return "error";
	case LOG_LVL_WARN:
		return "warning";
	case LOG_LVL_INFO:
		return "info";
	default:
		return "debug";
	}
}

void
log_vmsg(int level, const char *fmt, va_list ap)
{
	char line[1024];
	int n;
	size_t i;

	if (level > log_max)
		return;
	n = snprintf(line, sizeof(line), "%s[%ld]: %s: ", log_ident,
	    (long)getpid(), level_name(level));
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	/* One event, one line: fold any newline a caller passed on. */
	for (i = (size_t)n; line[i] != '\0'; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	fprintf(stderr, "%s\n", line);
}

void
log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}
