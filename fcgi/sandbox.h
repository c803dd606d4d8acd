/*
 * sandbox.h - one plugin render in a child process of its own, so that a
 * plugin that crashes, aborts, hangs or leaks costs only its touchpoint,
 * never the worker or the email (DESIGN.md "Crash-proof plugins").
 *
 * Two forms: a one-shot child forked for one render (sandbox_render, for
 * the load-time check in the master), and a long-lived render child per
 * worker (sandbox_call, below).  Either runs the plugin, sends the data
 * tree back as XML and is killed when it passes the deadline.  What a
 * plugin does in memory stays in the child; what it writes to the store
 * stays too.
 */
#ifndef PPX_SANDBOX_H
#define PPX_SANDBOX_H

struct plugin;
struct ppx_ctx;

/*
 * A render child that has grown past this (a plugin that leaks) answers
 * and exits; the worker forks a fresh one.
 */
#define SANDBOX_MAX_RSS		(64u * 1024 * 1024)

/* The largest data tree a child may send back, serialised. */
#define SANDBOX_MAX_TREE	(4u * 1024 * 1024)

enum sandbox_outcome {
	SANDBOX_RENDERED,	/* *rc is the plugin's; ctx->doc its tree */
	SANDBOX_CRASHED,	/* died (signal, exit) before answering */
	SANDBOX_TIMEOUT,	/* still running at the deadline: killed */
	SANDBOX_BROKEN,		/* could not run it (fork, pipe): logged */
	SANDBOX__MAX
};

struct sandbox_report {
	int	rc;		/* SANDBOX_RENDERED: what render() returned */
	int	signal;		/* SANDBOX_CRASHED by a signal: which; else 0 */
	int	exit_status;	/* SANDBOX_CRASHED by exit: its status */
	long	elapsed_ms;
	int	fresh;		/* the render child was forked for this call */
};

/*
 * Run p's render with ctx (services_begin done: ctx->doc is the bare
 * root) in a child, for at most timeout_ms (> 0).  On SANDBOX_RENDERED
 * with rc PPX_OK, ctx->doc is replaced by the child's tree (the caller
 * frees it as before); otherwise ctx->doc is left as it was.  The child
 * is always gone (reaped) when this returns.
 */
enum sandbox_outcome sandbox_render(struct plugin *p, struct ppx_ctx *ctx,
	    long timeout_ms, struct sandbox_report *rep);

/*
 * The long-lived form, for workers: one render child per worker, forked
 * once (sandbox_prepare, between requests) and kept while it behaves, so
 * its caches (brand state, copy, ICU) stay warm and a render costs one
 * round trip on a socket instead of a fork.  The child opens its own
 * store connection; each call sends it the request (plugin, brand,
 * stage, language, clock, base URL and the order) and reads back the
 * tree as sandbox_render() does.  A child that crashes, hangs past the
 * deadline or answers nonsense is killed and reaped, and the next
 * sandbox_prepare() (or call) forks a fresh one.
 */
struct instance;
struct order;
struct sandbox;

/* Fork the render child of in if there is none.  0, or -1 (logged). */
int	 sandbox_prepare(struct instance *in);
/*
 * Like sandbox_render(), through in's render child (forked first when
 * there is none).  ctx must carry brand, stage, lang, now, base_url and
 * order: they are what is sent.
 */
enum sandbox_outcome sandbox_call(struct instance *in, struct plugin *p,
	    struct ppx_ctx *ctx, long timeout_ms, struct sandbox_report *rep);
/*
 * Between requests: when the render child said it has fetches the last
 * renders could not wait for (feed.c), let it finish them, waiting at
 * most timeout_ms (then it is replaced).
 */
void	 sandbox_idle(struct instance *in, long timeout_ms);
/* Stop in's render child (end of file on its socket) and reap it. */
void	 sandbox_stop(struct instance *in);

/* "rendered", "crashed", "timeout", "broken". */
const char *sandbox_outcome_name(enum sandbox_outcome o);

#endif
