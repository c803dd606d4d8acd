/*
 * sandbox.h - one plugin render in a child process of its own, so that a
 * plugin that crashes, aborts, hangs or leaks costs only its touchpoint,
 * never the worker or the email (DESIGN.md "Crash-proof plugins").
 *
 * The worker forks right before the render: the child sees the request
 * exactly as the worker does (order, brand, arena, store connection,
 * plugin state; copy-on-write), runs the plugin, sends the data tree back
 * as XML over a pipe and exits.  The worker waits at most until the
 * deadline, then kills the child.  Nothing the plugin does in memory
 * survives the child; what it writes to the store does.
 */
#ifndef PPX_SANDBOX_H
#define PPX_SANDBOX_H

struct plugin;
struct ppx_ctx;

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

/* "rendered", "crashed", "timeout", "broken". */
const char *sandbox_outcome_name(enum sandbox_outcome o);

#endif
