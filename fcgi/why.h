/*
 * why.h - the one-line reason a function gives its caller: most host
 * functions take (char *why, size_t whylen) and fill it when they fail.
 */
#ifndef PPX_WHY_H
#define PPX_WHY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* printf into why (whylen bytes, cut to fit); nothing when why is NULL. */
void	why_set(char *why, size_t whylen, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif

#endif
