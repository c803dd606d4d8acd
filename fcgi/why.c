/*
 * why.c - see why.h.
 */
#include <stdarg.h>
#include <stdio.h>

#include "why.h"

void
why_set(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL || whylen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}
