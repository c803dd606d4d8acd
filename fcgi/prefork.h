/*
 * prefork.h - the process model of ppxd: one master, N workers that each
 * serve one FastCGI connection at a time (DESIGN.md "Process model").
 *
 * The master forks the workers, replaces one that dies (logging how it
 * died, backing off when they die in a loop), and reacts to signals:
 *   SIGTERM, SIGINT  stop: workers finish the request in flight and exit;
 *                    prefork_run() returns once all are gone.  A second
 *                    one kills the workers that are left.
 *   SIGHUP           reload(arg, &new_arg) in the master.  On failure the
 *                    running workers keep serving, untouched.  On success
 *                    a new generation starts with new_arg and the old one
 *                    finishes its requests and exits.
 * Workers ignore SIGHUP and SIGPIPE.  Signal handlers only set flags.
 *
 * A worker waits for work in prefork_accept(), the only place where a
 * stop signal is let in: a request is never interrupted by one, and an
 * idle worker wakes up and exits at once.
 */
#ifndef PPX_PREFORK_H
#define PPX_PREFORK_H

#include <fcgiapp.h>

#define PREFORK_WORKERS_MAX	256
/* A worker told to stop that is still there after this is killed. */
#define PREFORK_GRACE_SEC	30

struct prefork_ops {
	int	  listen_fd;
	int	  workers;	/* 1..PREFORK_WORKERS_MAX */
	/*
	 * Runs in each worker, after fork: attach per-worker resources,
	 * loop on prefork_accept() until it says stop, detach, return 0.
	 * The worker exits with 0 when it returns 0, else 1.
	 */
	int	(*worker_main)(void *arg, int listen_fd);
	/*
	 * On SIGHUP, in the master: build a new arg (re-read config and
	 * plugins) into *new_arg and return 0, or return -1 after logging
	 * why, leaving arg alone.  NULL: SIGHUP is logged and ignored.
	 */
	int	(*reload)(void *arg, void **new_arg);
	/* Free an arg the master no longer needs.  NULL: nothing to free. */
	void	(*release)(void *arg);
	/* Optional: called in the master once, when a stop begins. */
	void	(*stopping)(void *arg);
	void	 *arg;
	/*
	 * Optional: the number of workers an arg wants (a reload may change
	 * it); NULL or a value out of range: workers above.
	 */
	int	(*nworkers)(void *arg);
};

/*
 * The master: sets listen_fd non-blocking, calls FCGX_Init(), forks the
 * workers and supervises them until SIGTERM or SIGINT.  It owns ops->arg
 * from here on: every arg it replaces, and the last one, is passed to
 * release() (in the master; workers keep their copy-on-write copy).
 * Returns 0 after a clean stop, -1 (logged) when it could not start.
 * Never returns in a worker: the worker exits.
 */
int	 prefork_run(const struct prefork_ops *ops);

/*
 * In a worker: wait for the next request and accept it into req (set up
 * with FCGX_InitRequest on the listen fd).  Finishes the previous request
 * first.  Returns 0 with a request, or -1 when the worker should exit:
 * it was told to stop, or accepting failed for good (logged).  Outside
 * prefork_run() it works too, without the stop signal handling.
 */
int	 prefork_accept(FCGX_Request *req);

/*
 * True in a worker once it was told to stop (including while the stop
 * signal waits for the request in flight to end).
 */
int	 prefork_worker_stopping(void);

#endif
