/*
 * quarantine.h - plugins that keep crashing are left out for a while, in
 * every worker at once.
 *
 * The table lives in one anonymous shared mapping that the master makes
 * before it forks (quarantine_init), so every worker of every generation
 * sees the same counts; entries are updated with atomics, no locks, so a
 * worker killed half-way cannot wedge the others.  Without
 * quarantine_init (the CLI, unit tests) nothing is ever quarantined.
 */
#ifndef PPX_QUARANTINE_H
#define PPX_QUARANTINE_H

#include <stdint.h>

/* Distinct plugin names tracked; past that, crashes are not counted. */
#define QUARANTINE_SLOTS	128

struct quarantine_policy {
	unsigned	crashes;	/* this many in window_ms... */
	int64_t		window_ms;
	int64_t		quarantine_ms;	/* ...leave the plugin out this long */
};

/* Map the table (in the master, before fork).  0, or -1 (logged). */
int	 quarantine_init(void);
/* Unmap it (tests). */
void	 quarantine_free(void);

/*
 * Count one crash (or hang) of plugin name at now_ms (monotonic).
 * Returns 1 when this crash put the plugin in quarantine (the caller logs
 * it, once), else 0.
 */
int	 quarantine_crash(const char *name, int64_t now_ms,
	    const struct quarantine_policy *pol);
/*
 * Is plugin name in quarantine at now_ms?  The ms left, or 0.  The first
 * caller to see a quarantine run out logs that it is over.
 */
int64_t	 quarantine_left(const char *name, int64_t now_ms);
/* CLOCK_MONOTONIC in ms: the clock every worker shares. */
int64_t	 quarantine_now_ms(void);

#endif
