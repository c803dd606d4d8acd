/*
 * metrics.h - counters for /metrics (Prometheus text format 0.0.4),
 * shared by every worker.
 *
 * The counters live in one anonymous shared mapping that the master
 * makes before it forks (metrics_init), so /metrics from any worker shows
 * the sum over all of them, across reloads.  Every update is one atomic
 * add: no locks, so a worker killed mid-update costs at most that count.
 * Without metrics_init (the CLI, unit tests that do not ask) every call
 * is a no-op.
 *
 * Label values are bounded: brands and touchpoints take one of
 * METRICS_NAMES slots the first time the host sees them for real (a
 * brand that exists, a plugin that is loaded); past that they are
 * counted as "other".  Nothing a caller sends becomes a label.
 *
 * For other modules: metrics_count() bumps a counter family of your own
 * with one label, e.g. metrics_count("ppx_fetch_cache_total", "result",
 * "hit").  Families, label names and values are [a-z0-9_] (values also
 * [A-Z.:-]); at most METRICS_CUSTOM distinct series, more are dropped
 * (and counted in ppx_metrics_dropped_total).
 */
#ifndef PPX_METRICS_H
#define PPX_METRICS_H

#include <stddef.h>
#include <stdio.h>

#define METRICS_NAMES	64	/* brand and touchpoint label values each */
#define METRICS_CUSTOM	64	/* metrics_count() series */

/* Map the counters (in the master, before fork).  0 or -1 (logged). */
int	 metrics_init(void);
/* Unmap them (tests). */
void	 metrics_free(void);

/*
 * This process's request in flight: its brand (one that exists) and
 * stage ("shipped"; NULL leaves it as it was).  metrics_request_end()
 * counts the request with them and forgets them.
 */
void	 metrics_note(const char *brand, const char *stage);
/* Count the request in flight as answered with status. */
void	 metrics_request_end(int status);
/* One touchpoint render took usec microseconds (plugin, in its child). */
void	 metrics_render_time(const char *touchpoint, long usec);
/* A touchpoint was omitted for reason ("error", "deadline", ...). */
void	 metrics_omitted(const char *touchpoint, const char *reason);
/* A plugin's render crashed ("crash") or hung past the deadline ("hang"). */
void	 metrics_plugin_crash(const char *touchpoint, const char *kind);
/* A plugin went into quarantine. */
void	 metrics_quarantine(const char *touchpoint);
/* The master replaced a worker that died ("signal" or "exit"). */
void	 metrics_worker_restart(const char *cause);
/* Bump family{label="value"} by one (see the top of this file). */
void	 metrics_count(const char *family, const char *label,
	    const char *value);

/* Write every metric in the text exposition format to f.  0 or -1. */
int	 metrics_write(FILE *f);

#endif
