/*
 * prefork.c - master and workers.
 *
 * Master: the four signals it handles (CHLD, TERM, INT, HUP) stay blocked
 * except inside pselect(), whose handlers only set flags; the loop then
 * reaps with waitpid(WNOHANG), so there is never a zombie and never a
 * signal race.  The timeout of pselect() drives respawn backoff and the
 * stop grace period.
 *
 * Workers: why not FCGX_ShutdownPending() and an EINTR'd accept()?  In
 * libfcgi 2.4 (os_unix.c OS_Accept) a stop flag is only checked before
 * accept() ("There's a window here"), so a signal arriving just before
 * the call is lost and the worker sleeps until the next connection; and
 * after accept() FCGX_Accept_r() reads the first records with plain
 * read()/select(), where an EINTR drops the connection (a 502 upstream).
 * Without SA_RESTART a stop signal would also break read()/write() in the
 * middle of a request.  So instead: the listen socket is non-blocking,
 * SIGTERM/SIGINT are blocked in a worker except while it waits in poll()
 * on the listen socket and a self-pipe (prefork_accept), and
 * FCGX_Accept_r() is only called once poll() says there is a connection;
 * when another worker got it first, accept() says EAGAIN and we wait
 * again.  A stop signal then either wakes the poll() (the handler writes
 * the pipe, so none is lost between the check and the call) or waits,
 * blocked, until the request in flight is done.
 *
 * This relies on accept() not passing O_NONBLOCK on to the new
 * connection, which is what Linux does (accept(2)); on the BSDs it does
 * pass it on, and a port would have to clear it on the accepted fd.
 */
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/select.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "log.h"
#include "metrics.h"
#include "prefork.h"

#define BACKOFF_FIRST_MS	100
#define BACKOFF_MAX_MS		10000
#define QUICK_DEATH_MS		1000	/* dying younger than this is a loop */

struct child {
	pid_t		pid;
	unsigned	gen;
	int		told;		/* sent SIGTERM */
	int		killed;		/* sent SIGKILL */
	int64_t		born;		/* ms, monotonic */
	int64_t		told_at;
};

struct master {
	const struct prefork_ops *ops;
	void		*arg;
	unsigned	 gen;
	int		 want;		/* workers of generation gen */
	struct child	*kids;
	size_t		 nkids;
	size_t		 cap;
	int		 streak;	/* quick deaths in a row */
	int64_t		 next_spawn;
	int		 stopping;
	sigset_t	 caller_mask;	/* the mask prefork_run was called with */
};

static volatile sig_atomic_t	got_chld, got_term, got_hup;
static volatile sig_atomic_t	worker_stop;
static int			in_worker;
static int			wake_pipe[2] = { -1, -1 };
static pid_t			master_pid;

static const int master_sigs[] = { SIGCHLD, SIGTERM, SIGINT, SIGHUP };

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
on_master_signal(int sig)
{
	switch (sig) {
	case SIGCHLD:
		got_chld = 1;
		break;
	case SIGHUP:
		got_hup = 1;
		break;
	default:
		got_term = 1;
		break;
	}
}

static void
on_worker_stop(int sig)
{
	int saved = errno;

	(void)sig;
	worker_stop = 1;
	/* A full pipe already holds a wake-up: nothing to do then. */
	if (wake_pipe[1] != -1 && write(wake_pipe[1], "", 1) == -1)
		worker_stop = 1;
	errno = saved;
}

static void
stop_sigs(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
}

static int
set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static int
set_nonblock(int fd, int on)
{
	int fl;

	if ((fl = fcntl(fd, F_GETFL)) == -1)
		return -1;
	fl = on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
	return fcntl(fd, F_SETFL, fl);
}

/* --- worker ------------------------------------------------------------ */

static int
worker_signals(const sigset_t *caller_mask)
{
	sigset_t mask, stop;

	stop_sigs(&stop);
	if (set_handler(SIGHUP, SIG_IGN, 0) == -1 ||
	    set_handler(SIGPIPE, SIG_IGN, 0) == -1 ||
	    set_handler(SIGCHLD, SIG_DFL, 0) == -1 ||
	    set_handler(SIGTERM, on_worker_stop, 0) == -1 ||
	    set_handler(SIGINT, on_worker_stop, 0) == -1)
		return -1;
	/* Stop signals wait (blocked) outside prefork_accept's poll. */
	mask = *caller_mask;
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigdelset(&mask, SIGCHLD);
	sigdelset(&mask, SIGHUP);
	return sigprocmask(SIG_SETMASK, &mask, NULL);
}

static int
worker_pipe(void)
{
	int i;

	if (pipe(wake_pipe) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		if (set_nonblock(wake_pipe[i], 1) == -1 ||
		    fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC) == -1)
			return -1;
	}
	return 0;
}

static void __attribute__((noreturn))
worker_run(struct master *m)
{
	int rc;

	in_worker = 1;
	worker_stop = 0;
	got_chld = got_term = got_hup = 0;
	if (worker_signals(&m->caller_mask) == -1 || worker_pipe() == -1) {
		log_err("worker: setting up signals: %s", strerror(errno));
		_exit(1);
	}
#ifdef __linux__
	/* Do not outlive a master killed with SIGKILL. */
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != master_pid)
		_exit(0);
#endif
	rc = m->ops->worker_main(m->arg, m->ops->listen_fd);
	exit(rc == 0 ? 0 : 1);
}

/*
 * Wait until fd is readable or a stop signal comes.  0 readable, 1 stop,
 * -1 error (logged).
 */
static int
wait_readable(int fd)
{
	struct pollfd pfd[2];
	sigset_t stop, old;
	int rc = 0, n;

	stop_sigs(&stop);
	/* A pending stop signal is delivered right here. */
	sigprocmask(SIG_UNBLOCK, &stop, &old);
	for (;;) {
		if (worker_stop) {
			rc = 1;
			break;
		}
		pfd[0].fd = fd;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		pfd[1].fd = wake_pipe[0];	/* -1 is ignored by poll */
		pfd[1].events = POLLIN;
		pfd[1].revents = 0;
		if ((n = poll(pfd, 2, -1)) == -1) {
			if (errno == EINTR)
				continue;
			log_err("worker: poll: %s", strerror(errno));
			rc = -1;
			break;
		}
		if (pfd[0].revents & POLLNVAL) {
			log_err("worker: the listen socket is closed");
			rc = -1;
			break;
		}
		if (pfd[0].revents != 0 && !worker_stop)
			break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int
prefork_accept(FCGX_Request *req)
{
	int fd, rc;

	/* Flush and close (or keep) the previous request before waiting. */
	FCGX_Finish_r(req);
	for (;;) {
		/*
		 * With fastcgi_keep_conn the web server sends the next request
		 * on the kept connection: wait on that one, not the listener.
		 * ipcFd is libfcgi's "don't use" part of the struct; it has
		 * meant the open connection (or -1) since 1996.
		 */
		fd = req->ipcFd >= 0 ? req->ipcFd : req->listen_sock;
		if ((rc = wait_readable(fd)) != 0)
			return -1;
		errno = 0;
		rc = FCGX_Accept_r(req);
		if (rc >= 0)
			return 0;
		/* Another worker took the connection, or it went away. */
		if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR ||
		    rc == -ECONNABORTED)
			continue;
		log_err("worker: accept: %s", rc < 0 && rc > -4096 ?
		    strerror(-rc) : "libfcgi error");
		return -1;
	}
}

int
prefork_worker_stopping(void)
{
	sigset_t pend;

	if (worker_stop)
		return 1;
	if (!in_worker || sigpending(&pend) == -1)
		return 0;
	return sigismember(&pend, SIGTERM) == 1 ||
	    sigismember(&pend, SIGINT) == 1;
}

/* --- master ------------------------------------------------------------ */

static int
want_of(const struct prefork_ops *ops, void *arg)
{
	int n;

	if (ops->nworkers == NULL)
		return ops->workers;
	n = ops->nworkers(arg);
	if (n < 1 || n > PREFORK_WORKERS_MAX) {
		log_warn("%d workers asked for: keeping %d", n, ops->workers);
		return ops->workers;
	}
	return n;
}

static size_t
count_gen(const struct master *m, unsigned gen)
{
	size_t i, n = 0;

	for (i = 0; i < m->nkids; i++)
		if (m->kids[i].gen == gen && !m->kids[i].told)
			n++;
	return n;
}

static int
spawn(struct master *m)
{
	struct child *k;
	pid_t pid;

	if (m->nkids == m->cap) {
		size_t cap = m->cap == 0 ? 16 : m->cap * 2;

		if ((k = realloc(m->kids, cap * sizeof(*k))) == NULL) {
			log_err("out of memory starting a worker");
			return -1;
		}
		m->kids = k;
		m->cap = cap;
	}
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		log_err("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		worker_run(m);
	k = &m->kids[m->nkids++];
	memset(k, 0, sizeof(*k));
	k->pid = pid;
	k->gen = m->gen;
	k->born = now_ms();
	log_debug("worker %ld started (generation %u)", (long)pid, m->gen);
	return 0;
}

/* Start the workers the current generation lacks, backoff permitting. */
static void
fill(struct master *m)
{
	size_t have;

	if (m->stopping || now_ms() < m->next_spawn)
		return;
	for (have = count_gen(m, m->gen); have < (size_t)m->want; have++)
		if (spawn(m) == -1) {
			m->next_spawn = now_ms() + BACKOFF_MAX_MS / 10;
			return;
		}
}

static void
tell(struct child *k, int64_t now)
{
	if (k->told)
		return;
	k->told = 1;
	k->told_at = now;
	if (kill(k->pid, SIGTERM) == -1 && errno != ESRCH)
		log_warn("kill %ld: %s", (long)k->pid, strerror(errno));
}

static void
tell_all(struct master *m, int all, unsigned below_gen)
{
	int64_t now = now_ms();
	size_t i;

	for (i = 0; i < m->nkids; i++)
		if (all || m->kids[i].gen < below_gen)
			tell(&m->kids[i], now);
}

static void
log_death(const struct child *k, int status)
{
	int sig;

	if (WIFEXITED(status)) {
		log_warn("worker %ld exited with status %d; replacing it",
		    (long)k->pid, WEXITSTATUS(status));
		return;
	}
	if (!WIFSIGNALED(status))
		return;
	sig = WTERMSIG(status);
	log_err("worker %ld killed by signal %d (%s)%s; replacing it",
	    (long)k->pid, sig, strsignal(sig),
#ifdef WCOREDUMP
	    WCOREDUMP(status) ? ", core dumped" :
#endif
	    "");
}

static void
buried(struct master *m, struct child *k, int status)
{
	int64_t now = now_ms(), delay;

	if (k->told) {
		log_debug("worker %ld %s", (long)k->pid, k->killed ?
		    "killed" : "stopped");
		return;
	}
	log_death(k, status);
	metrics_worker_restart(WIFSIGNALED(status) ? "signal" : "exit");
	if (k->gen != m->gen || m->stopping)
		return;
	/* Dying young again and again: wait longer before the next. */
	if (now - k->born < QUICK_DEATH_MS)
		m->streak++;
	else
		m->streak = 0;
	if (m->streak == 0)
		return;
	delay = (int64_t)BACKOFF_FIRST_MS << (m->streak > 8 ? 7 :
	    m->streak - 1);
	if (delay > BACKOFF_MAX_MS)
		delay = BACKOFF_MAX_MS;
	if (m->next_spawn < now + delay)
		m->next_spawn = now + delay;
	log_warn("workers die right after starting; next start in %lld ms",
	    (long long)delay);
}

static void
reap(struct master *m)
{
	pid_t pid;
	size_t i;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < m->nkids; i++)
			if (m->kids[i].pid == pid)
				break;
		if (i == m->nkids)
			continue;	/* not one of ours */
		buried(m, &m->kids[i], status);
		m->kids[i] = m->kids[--m->nkids];
	}
}

static void
reload(struct master *m)
{
	void *old = m->arg, *next = NULL;
	unsigned oldgen = m->gen;

	if (m->ops->reload == NULL) {
		log_warn("SIGHUP: this server cannot reload; ignored");
		return;
	}
	log_info("SIGHUP: reloading");
	if (m->ops->reload(old, &next) != 0) {
		log_err("reload failed: the running workers keep serving");
		return;
	}
	m->arg = next;
	m->gen++;
	m->want = want_of(m->ops, next);
	m->streak = 0;
	m->next_spawn = 0;
	fill(m);
	/* The new generation is there: let the old one finish and go. */
	tell_all(m, 0, m->gen);
	/* Old workers have their own copy of old; the master's can go. */
	if (m->ops->release != NULL && old != NULL)
		m->ops->release(old);
	log_info("reloaded: generation %u, %d workers (generation %u "
	    "finishing)", m->gen, m->want, oldgen);
}

static void
stop(struct master *m)
{
	size_t i;

	if (!m->stopping) {
		log_info("stopping: %zu workers finish their requests",
		    m->nkids);
		m->stopping = 1;
		if (m->ops->stopping != NULL)
			m->ops->stopping(m->arg);
		tell_all(m, 1, 0);
		return;
	}
	log_warn("second stop signal: killing %zu workers", m->nkids);
	for (i = 0; i < m->nkids; i++) {
		m->kids[i].killed = 1;
		(void)kill(m->kids[i].pid, SIGKILL);
	}
}

/* Kill what overstays its grace; return ms until the next deadline. */
static int64_t
enforce_grace(struct master *m)
{
	int64_t now = now_ms(), end, next = -1;
	size_t i;

	for (i = 0; i < m->nkids; i++) {
		struct child *k = &m->kids[i];

		if (!k->told || k->killed)
			continue;
		end = k->told_at + PREFORK_GRACE_SEC * 1000;
		if (end <= now) {
			log_warn("worker %ld still busy %d s after being told "
			    "to stop: killing it", (long)k->pid,
			    PREFORK_GRACE_SEC);
			k->killed = 1;
			(void)kill(k->pid, SIGKILL);
			continue;
		}
		if (next == -1 || end - now < next)
			next = end - now;
	}
	return next;
}

/* Block until a signal or the next deadline. */
static void
sleep_until_signal(struct master *m, const sigset_t *waitmask)
{
	struct timespec ts, *tsp = NULL;
	int64_t t, spawn_in = -1;

	t = enforce_grace(m);
	if (!m->stopping && count_gen(m, m->gen) < (size_t)m->want)
		spawn_in = m->next_spawn - now_ms();
	if (spawn_in >= 0 && (t == -1 || spawn_in < t))
		t = spawn_in;
	if (t >= 0) {
		ts.tv_sec = (time_t)(t / 1000);
		ts.tv_nsec = (long)(t % 1000) * 1000000;
		tsp = &ts;
	}
	if (got_chld || got_term || got_hup)
		return;
	(void)pselect(0, NULL, NULL, NULL, tsp, waitmask);
}

static int
master_signals(sigset_t *caller_mask, sigset_t *waitmask,
    struct sigaction *saved)
{
	sigset_t block;
	struct sigaction sa;
	size_t i;

	sigemptyset(&block);
	for (i = 0; i < sizeof(master_sigs) / sizeof(master_sigs[0]); i++) {
		sigaddset(&block, master_sigs[i]);
		if (sigaction(master_sigs[i], NULL, &saved[i]) == -1)
			return -1;
	}
	if (sigprocmask(SIG_BLOCK, &block, caller_mask) == -1)
		return -1;
	*waitmask = *caller_mask;
	for (i = 0; i < sizeof(master_sigs) / sizeof(master_sigs[0]); i++) {
		sigdelset(waitmask, master_sigs[i]);
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_master_signal;
		sa.sa_flags = master_sigs[i] == SIGCHLD ? SA_NOCLDSTOP : 0;
		sigemptyset(&sa.sa_mask);
		if (sigaction(master_sigs[i], &sa, NULL) == -1)
			return -1;
	}
	return 0;
}

static void
restore_signals(const sigset_t *caller_mask, const struct sigaction *saved)
{
	size_t i;

	for (i = 0; i < sizeof(master_sigs) / sizeof(master_sigs[0]); i++)
		(void)sigaction(master_sigs[i], &saved[i], NULL);
	(void)sigprocmask(SIG_SETMASK, caller_mask, NULL);
}

static void
supervise(struct master *m, const sigset_t *waitmask)
{
	for (;;) {
		got_chld = 0;
		reap(m);
		if (got_term) {
			got_term = 0;
			stop(m);
		}
		if (got_hup) {
			got_hup = 0;
			if (!m->stopping)
				reload(m);
		}
		if (m->stopping && m->nkids == 0)
			return;
		fill(m);
		sleep_until_signal(m, waitmask);
	}
}

int
prefork_run(const struct prefork_ops *ops)
{
	struct sigaction saved[sizeof(master_sigs) / sizeof(master_sigs[0])];
	struct master m;
	sigset_t waitmask;

	if (ops == NULL || ops->worker_main == NULL || ops->listen_fd < 0 ||
	    ops->workers < 1 || ops->workers > PREFORK_WORKERS_MAX) {
		log_err("prefork: bad options (workers must be 1..%d)",
		    PREFORK_WORKERS_MAX);
		return -1;
	}
	if (set_nonblock(ops->listen_fd, 1) == -1) {
		log_err("prefork: listen socket: %s", strerror(errno));
		return -1;
	}
	if (FCGX_Init() != 0) {
		log_err("prefork: FCGX_Init failed");
		return -1;
	}
	memset(&m, 0, sizeof(m));
	m.ops = ops;
	m.arg = ops->arg;
	m.gen = 1;
	m.want = want_of(ops, ops->arg);
	master_pid = getpid();
	got_chld = got_term = got_hup = 0;
	sigprocmask(SIG_SETMASK, NULL, &m.caller_mask);
	if (master_signals(&m.caller_mask, &waitmask, saved) == -1) {
		log_err("prefork: signals: %s", strerror(errno));
		restore_signals(&m.caller_mask, saved);
		return -1;
	}
	log_info("master %ld: %d workers", (long)master_pid, m.want);
	supervise(&m, &waitmask);
	restore_signals(&m.caller_mask, saved);
	if (ops->release != NULL && m.arg != NULL)
		ops->release(m.arg);
	free(m.kids);
	log_info("stopped");
	return 0;
}
