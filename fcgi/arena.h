/*
 * arena.h - per-request memory.
 *
 * Everything a request allocates comes from its arena and is released at
 * once by arena_reset() when the request ends.  An arena has a hard cap:
 * an allocation past it fails (NULL) instead of growing without bound.
 */
#ifndef PPX_ARENA_H
#define PPX_ARENA_H

#include <stddef.h>

struct arena;

/* A new arena that will hand out at most max bytes.  NULL on ENOMEM. */
struct arena	*arena_new(size_t max);
/* Release everything; the arena stays usable.  Keeps the first chunk. */
void		 arena_reset(struct arena *a);
/* Release the arena itself.  NULL is fine. */
void		 arena_free(struct arena *a);

/* n bytes aligned for any type, zeroed.  NULL past the cap. */
void		*arena_alloc(struct arena *a, size_t n);
/* A NUL-terminated copy of s (NULL stays NULL).  Owned by the arena. */
char		*arena_strdup(struct arena *a, const char *s);
/* A NUL-terminated copy of the first n bytes of s. */
char		*arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena. */
char		*arena_printf(struct arena *a, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far. */
size_t		 arena_used(const struct arena *a);

#endif
