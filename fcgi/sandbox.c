/*
 * sandbox.c - fork, render in the child, read the tree back with a
 * deadline (see sandbox.h for the why).
 *
 * The answer on the pipe: a struct answer, then answer.len bytes of the
 * data tree as XML.  The worker parses it like any untrusted XML (no
 * network, no entity substitution, no DTD, a size cap) and checks that
 * the root is the <touchpoint> the plugin was asked for: a plugin that
 * writes to the pipe itself gains nothing.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

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

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "arena.h"
#include "brandcache.h"
#include "instance.h"
#include "log.h"
#include "order.h"
#include "plugin_host.h"
#include "feed.h"
#include "sandbox.h"
#include "services.h"

struct answer {
	int32_t		rc;
	uint32_t	len;
	uint32_t	pending;	/* fetches left to finish (feed.c) */
};

/*
 * An empty request (length 0) asks the child to finish the fetches its
 * renders could not wait for; it answers one byte when done.  The worker
 * sends it between requests, only after an answer said there are some.
 */
#define IDLE_ACK	'.'

struct sandbox {
	pid_t	pid;
	int	fd;		/* our end of the socket pair */
	int	pending;	/* the child has fetches to finish */
};
static void	drop_child(struct sandbox *, int, struct sandbox_report *);

static long
ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)((now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000);
}

static int
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		/* A socket (the render child's) must not raise SIGPIPE. */
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n == -1 && errno == ENOTSOCK)
			n = write(fd, p, len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * A crash is a crash: no handler inherited from the worker (a test
 * harness, a sanitizer) may turn it into something that goes on.  And a
 * worker killed with SIGKILL takes its render child with it.
 */
static void
reset_crash_signals(void)
{
	static const int crash_sigs[] = {
		SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS
	};
	size_t i;

	for (i = 0; i < sizeof(crash_sigs) / sizeof(crash_sigs[0]); i++)
		(void)signal(crash_sigs[i], SIG_DFL);
#ifdef __linux__
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
}

/* In a child: render with ctx (begun), send the answer on fd.  0 or -1. */
static int
answer(struct plugin *p, struct ppx_ctx *ctx, int fd)
{
	struct answer a;
	xmlChar *mem = NULL;
	int size = 0, rc;

	a.rc = p->desc->render(&services_host, ctx, p->state);
	a.len = 0;
	a.pending = (uint32_t)feed_has_pending();
	if (a.rc == PPX_OK && ctx->over_limit)
		a.rc = PPX_ERROR;
	if (a.rc == PPX_OK) {
		xmlDocDumpMemoryEnc(ctx->doc, &mem, &size, "UTF-8");
		if (mem == NULL || size <= 0 ||
		    (size_t)size > SANDBOX_MAX_TREE)
			a.rc = PPX_ERROR;
		else
			a.len = (uint32_t)size;
	}
	rc = write_all(fd, &a, sizeof(a)) == -1 ||
	    (a.len > 0 && write_all(fd, mem, a.len) == -1) ? -1 : 0;
	xmlFree(mem);
	xmlFreeDoc(ctx->doc);
	ctx->doc = NULL;
	return rc;
}

/* In a one-shot child: render, answer, exit.  Never returns. */
static void __attribute__((noreturn))
child_render(struct plugin *p, struct ppx_ctx *ctx, int fd)
{
	reset_crash_signals();
	/* No atexit handlers, no stdio flush of the worker's buffers. */
	_exit(answer(p, ctx, fd) == 0 ? 0 : 2);
}

/*
 * Read n bytes into buf before the deadline (ms since t0).  0 done,
 * 1 end of file first, 2 deadline, -1 error.
 */
static int
read_until(int fd, void *buf, size_t n, const struct timespec *t0,
    long timeout_ms)
{
	struct pollfd pfd;
	char *p = buf;
	ssize_t got;
	long left;
	int rc;

	while (n > 0) {
		if ((left = timeout_ms - ms_since(t0)) <= 0)
			return 2;
		pfd.fd = fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if ((rc = poll(&pfd, 1, (int)left)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (rc == 0)
			return 2;
		if ((got = read(fd, p, n)) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		if (got == 0)
			return 1;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

/* The child's tree, checked; NULL when it is not what was asked for. */
static xmlDocPtr
parse_tree(const struct ppx_ctx *ctx, const char *buf, size_t len)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlChar *name;
	int ok;

	doc = xmlReadMemory(buf, (int)len, "touchpoint.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return NULL;
	root = xmlDocGetRootElement(doc);
	ok = doc->intSubset == NULL && doc->extSubset == NULL &&
	    root != NULL && root->ns == NULL &&
	    strcmp((const char *)root->name, "touchpoint") == 0;
	if (ok) {
		name = xmlGetProp(root, BAD_CAST "name");
		ok = name != NULL && strcmp((const char *)name,
		    ctx->plugin) == 0;
		xmlFree(name);
	}
	if (!ok) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* Reap pid (killing it first when kill_it); fill the report's cause. */
static void
reap(pid_t pid, int kill_it, struct sandbox_report *rep)
{
	int status;

	if (kill_it)
		(void)kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return;
	if (WIFSIGNALED(status))
		rep->signal = WTERMSIG(status);
	else if (WIFEXITED(status))
		rep->exit_status = WEXITSTATUS(status);
}

/*
 * Read the answer to one render on fd before the deadline and make it
 * ctx->doc.  sb NULL: a one-shot child, closed and reaped here.  sb set:
 * the render child, kept when it answered, else killed and reaped.
 */
static enum sandbox_outcome
collect(int fd, struct plugin *p, struct ppx_ctx *ctx,
    const struct timespec *t0, long timeout_ms, struct sandbox_report *rep,
    struct sandbox *sb, pid_t pid)
{
	enum sandbox_outcome out = SANDBOX_CRASHED;
	struct answer a;
	xmlDocPtr doc;
	char *buf = NULL;
	int rc;

	rc = read_until(fd, &a, sizeof(a), t0, timeout_ms);
	if (rc == 0 && a.len > SANDBOX_MAX_TREE)
		rc = -1;
	if (rc == 0 && a.len > 0) {
		if ((buf = malloc(a.len)) == NULL)
			rc = -1;
		else
			rc = read_until(fd, buf, a.len, t0, timeout_ms);
	}
	if (sb != NULL) {
		if (rc != 0)
			drop_child(sb, 1, rep);
		else if (a.pending)
			sb->pending = 1;
	} else {
		close(fd);
		/* An answer in full means the child is exiting: wait for it. */
		reap(pid, rc != 0, rep);
		if (rc == 0 && (rep->signal != 0 || rep->exit_status != 0))
			rc = -1;
	}
	if (rc == 2)
		out = SANDBOX_TIMEOUT;
	else if (rc == 0)
		out = SANDBOX_RENDERED;
	if (out == SANDBOX_RENDERED) {
		rep->rc = a.rc;
		if (a.rc == PPX_OK && (doc = parse_tree(ctx, buf, a.len)) ==
		    NULL) {
			log_warn("plugin %s: sent back a tree that is not its "
			    "own <touchpoint>", p->name);
			rep->rc = PPX_ERROR;
		} else if (a.rc == PPX_OK) {
			xmlFreeDoc(ctx->doc);
			ctx->doc = doc;
			ctx->root = xmlDocGetRootElement(doc);
		}
	}
	free(buf);
	rep->elapsed_ms = ms_since(t0);
	return out;
}

enum sandbox_outcome
sandbox_render(struct plugin *p, struct ppx_ctx *ctx, long timeout_ms,
    struct sandbox_report *rep)
{
	struct timespec t0;
	pid_t pid;
	int fds[2];

	memset(rep, 0, sizeof(*rep));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (pipe(fds) == -1) {
		log_err("plugin %s: pipe: %s", p->name, strerror(errno));
		return SANDBOX_BROKEN;
	}
	/* Close-on-exec: a plugin that runs a program does not hand it on. */
	(void)fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		log_err("plugin %s: fork: %s", p->name, strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return SANDBOX_BROKEN;
	}
	if (pid == 0) {
		close(fds[0]);
		child_render(p, ctx, fds[1]);
	}
	close(fds[1]);
	return collect(fds[0], p, ctx, &t0, timeout_ms, rep, NULL, pid);
}

const char *
sandbox_outcome_name(enum sandbox_outcome o)
{
	static const char *const names[SANDBOX__MAX] = {
		"rendered", "crashed", "timeout", "broken"
	};

	return (unsigned)o < SANDBOX__MAX ? names[o] : "?";
}

/* --- the long-lived render child of a worker --------------------------- */

#define REQUEST_MAX	(32u * 1024 * 1024)
#define NO_STRING	0xffffffffu


/* A growing byte buffer for one request. */
struct wbuf {
	char	*p;
	size_t	 len, cap;
	int	 failed;
};

static void
wbuf_put(struct wbuf *b, const void *data, size_t n)
{
	char *np;
	size_t cap;

	if (b->failed)
		return;
	if (b->len + n > b->cap) {
		cap = b->cap == 0 ? 4096 : b->cap;
		while (cap < b->len + n)
			cap *= 2;
		if (cap > REQUEST_MAX || (np = realloc(b->p, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void
wbuf_str(struct wbuf *b, const char *s)
{
	uint32_t n = s == NULL ? NO_STRING : (uint32_t)strlen(s);

	wbuf_put(b, &n, sizeof(n));
	if (s != NULL)
		wbuf_put(b, s, n);
}

/* The strings of a request, in this order, then the order's items. */
#define ORDER_STRINGS(o) \
	&(o)->id, &(o)->lang, &(o)->placed, &(o)->expected, \
	&(o)->customer_id, &(o)->first_name, &(o)->postcode, &(o)->country, \
	&(o)->carrier_name, &(o)->tracking_url, &(o)->pickup_name, \
	&(o)->pickup_address, &(o)->pickup_hours
#define ITEM_STRINGS(it) \
	&(it)->sku, &(it)->name, &(it)->category, &(it)->image, &(it)->url, \
	&(it)->qty

static void
encode(struct wbuf *b, const struct ppx_ctx *ctx)
{
	const struct order *o = ctx->order;
	const char *const *os[] = { ORDER_STRINGS(o) };
	uint32_t n_items = (uint32_t)o->n_items;
	size_t i, k;

	wbuf_put(b, &ctx->now, sizeof(ctx->now));
	/* CLOCK_MONOTONIC is one clock for every process of the machine. */
	wbuf_put(b, &ctx->deadline, sizeof(ctx->deadline));
	wbuf_str(b, ctx->plugin);
	wbuf_str(b, ctx->brand);
	wbuf_str(b, ctx->stage);
	wbuf_str(b, ctx->lang);
	wbuf_str(b, ctx->base_url);
	for (k = 0; k < sizeof(os) / sizeof(os[0]); k++)
		wbuf_str(b, *os[k]);
	wbuf_put(b, &n_items, sizeof(n_items));
	for (i = 0; i < o->n_items; i++) {
		const struct order_item *it = &o->items[i];
		const char *const *is[] = { ITEM_STRINGS(it) };

		for (k = 0; k < sizeof(is) / sizeof(is[0]); k++)
			wbuf_str(b, *is[k]);
	}
}

/* Reading a request in the child. */
struct rbuf {
	const char	*p;
	size_t		 left;
	struct arena	*arena;
	int		 failed;
};

static void
rbuf_get(struct rbuf *r, void *out, size_t n)
{
	if (r->failed || r->left < n) {
		r->failed = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
}

static const char *
rbuf_str(struct rbuf *r)
{
	uint32_t n;
	const char *s;

	rbuf_get(r, &n, sizeof(n));
	if (r->failed || n == NO_STRING)
		return NULL;
	if (n > r->left) {
		r->failed = 1;
		return NULL;
	}
	if ((s = arena_strndup(r->arena, r->p, n)) == NULL)
		r->failed = 1;
	r->p += n;
	r->left -= n;
	return s;
}

static int
read_full(int fd, void *buf, size_t n)
{
	char *p = buf;
	ssize_t got;

	while (n > 0) {
		if ((got = read(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (got == 0)
			return 1;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

/*
 * One request in the child: decode, render with the child's own store
 * and caches, answer.  -1 when the request is malformed (the worker sent
 * it: that is a bug, and the child exits).
 */
static int
serve_one(struct instance *in, const char *req, size_t len, int fd)
{
	struct rbuf r = { req, len, in->arena, 0 };
	struct ppx_ctx ctx;
	struct order o;
	const char **os[] = { ORDER_STRINGS(&o) };
	struct plugin *p;
	uint32_t n_items;
	size_t i, k;
	int64_t now;

	memset(&ctx, 0, sizeof(ctx));
	memset(&o, 0, sizeof(o));
	rbuf_get(&r, &now, sizeof(now));
	rbuf_get(&r, &ctx.deadline, sizeof(ctx.deadline));
	ctx.plugin = rbuf_str(&r);
	ctx.brand = rbuf_str(&r);
	ctx.stage = rbuf_str(&r);
	ctx.lang = rbuf_str(&r);
	ctx.base_url = rbuf_str(&r);
	for (k = 0; k < sizeof(os) / sizeof(os[0]); k++)
		*os[k] = rbuf_str(&r);
	rbuf_get(&r, &n_items, sizeof(n_items));
	if (r.failed || n_items > ORDER_MAX_ITEMS || ctx.plugin == NULL ||
	    ctx.brand == NULL || ctx.stage == NULL || ctx.lang == NULL)
		return -1;
	o.n_items = n_items;
	for (i = 0; i < n_items; i++) {
		struct order_item *it = &o.items[i];
		const char **is[] = { ITEM_STRINGS(it) };

		for (k = 0; k < sizeof(is) / sizeof(is[0]); k++)
			*is[k] = rbuf_str(&r);
	}
	if (r.failed || (p = plugin_find(in->plugins, ctx.plugin)) == NULL)
		return -1;
	brandcache_sync(in->brands);
	ctx.arena = in->arena;
	ctx.store = in->store;
	ctx.brands = in->brands;
	ctx.conf = in->conf;
	ctx.order = &o;
	ctx.now = now;
	if ((ctx.bstate = brandcache_get(in->brands, ctx.brand)) == NULL ||
	    !p->ready) {
		struct answer a = { PPX_ERROR, 0, 0 };

		return write_all(fd, &a, sizeof(a));
	}
	ctx.default_lang = ctx.bstate->info.default_lang;
	ctx.timezone = ctx.bstate->info.timezone;
	if (services_begin(&ctx) == -1) {
		struct answer a = { PPX_ERROR, 0, 0 };

		return write_all(fd, &a, sizeof(a));
	}
	return answer(p, &ctx, fd);
}

/* This process's resident memory in bytes (0 when unknown). */
static size_t
resident_bytes(void)
{
	unsigned long size, resident = 0;
	FILE *f;

	if ((f = fopen("/proc/self/statm", "r")) == NULL)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* The child: its own store and caches, then requests until end of file. */
static void __attribute__((noreturn))
child_loop(struct instance *in, int fd)
{
	char why[256], *req = NULL;
	uint32_t len;
	size_t rss;

	reset_crash_signals();
	/*
	 * The worker's store connection, caches and arena stay as they are
	 * (never closed here: closing a connection another process opened
	 * is what corrupts sqlite files); the child opens its own.
	 */
	in->store = NULL;
	in->brands = NULL;
	in->arena = NULL;
	in->sandbox = NULL;
	if (instance_attach(in, 0, why, sizeof(why)) == -1) {
		log_err("render child: %s", why);
		_exit(3);
	}
	for (;;) {
		if (read_full(fd, &len, sizeof(len)) != 0)
			_exit(0);	/* the worker is gone or done */
		if (len == 0) {
			char ack = IDLE_ACK;

			feed_finish_pending();
			if (write_all(fd, &ack, 1) == -1)
				_exit(0);
			continue;
		}
		if (len > REQUEST_MAX || (req = malloc(len)) == NULL ||
		    read_full(fd, req, len) != 0)
			_exit(4);
		if (serve_one(in, req, len, fd) == -1)
			_exit(5);
		free(req);
		req = NULL;
		arena_reset(in->arena);
		if ((rss = resident_bytes()) > SANDBOX_MAX_RSS) {
			log_warn("render child: %zu MB resident (a plugin "
			    "leaks?): a fresh one takes over", rss >> 20);
			_exit(0);
		}
	}
}

int
sandbox_prepare(struct instance *in)
{
	struct sandbox *sb = in->sandbox;
	int sv[2];
	pid_t pid;

	if (sb == NULL) {
		if ((sb = calloc(1, sizeof(*sb))) == NULL)
			return -1;
		sb->pid = -1;
		sb->fd = -1;
		in->sandbox = sb;
	}
	if (sb->pid > 0) {
		struct pollfd pfd = { sb->fd, POLLIN, 0 };
		struct sandbox_report rep;

		/* It never speaks unasked: readable means it has exited. */
		if (poll(&pfd, 1, 0) == 0)
			return 0;
		drop_child(sb, 1, &rep);
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		log_err("render child: socketpair: %s", strerror(errno));
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		log_err("render child: fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		child_loop(in, sv[1]);
	}
	close(sv[1]);
	sb->pid = pid;
	sb->fd = sv[0];
	return 0;
}

/* Kill (when kill_it) and reap the child; the next call forks anew. */
static void
drop_child(struct sandbox *sb, int kill_it, struct sandbox_report *rep)
{
	if (sb->fd != -1)
		close(sb->fd);
	sb->fd = -1;
	if (sb->pid > 0)
		reap(sb->pid, kill_it, rep);
	sb->pid = -1;
}

void
sandbox_idle(struct instance *in, long timeout_ms)
{
	struct sandbox *sb = in->sandbox;
	struct sandbox_report rep;
	struct timespec t0;
	uint32_t len = 0;
	char ack;

	if (sb == NULL || sb->pid <= 0 || !sb->pending)
		return;
	sb->pending = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (write_all(sb->fd, &len, sizeof(len)) == -1 ||
	    read_until(sb->fd, &ack, 1, &t0, timeout_ms) != 0 ||
	    ack != IDLE_ACK) {
		log_warn("render child: did not finish its fetches in %ld ms: "
		    "a fresh one takes over", timeout_ms);
		drop_child(sb, 1, &rep);
	}
}

void
sandbox_stop(struct instance *in)
{
	struct sandbox_report rep;

	if (in->sandbox == NULL)
		return;
	drop_child(in->sandbox, 0, &rep);
	free(in->sandbox);
	in->sandbox = NULL;
}

enum sandbox_outcome
sandbox_call(struct instance *in, struct plugin *p, struct ppx_ctx *ctx,
    long timeout_ms, struct sandbox_report *rep)
{
	struct wbuf b = { NULL, 0, 0, 0 };
	struct sandbox *sb;
	struct timespec t0;
	uint32_t len;

	memset(rep, 0, sizeof(*rep));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rep->fresh = in->sandbox == NULL || in->sandbox->pid <= 0;
	if (sandbox_prepare(in) == -1)
		return SANDBOX_BROKEN;
	sb = in->sandbox;
	len = 0;
	wbuf_put(&b, &len, sizeof(len));
	encode(&b, ctx);
	if (b.failed) {
		free(b.p);
		log_warn("plugin %s: request too large for the render child",
		    p->name);
		return SANDBOX_BROKEN;
	}
	len = (uint32_t)(b.len - sizeof(len));
	memcpy(b.p, &len, sizeof(len));
	/* The child reads whole requests: a write only blocks if it hangs. */
	if (write_all(sb->fd, b.p, b.len) == -1) {
		free(b.p);
		drop_child(sb, 1, rep);
		rep->elapsed_ms = ms_since(&t0);
		return SANDBOX_CRASHED;
	}
	free(b.p);
	return collect(sb->fd, p, ctx, &t0, timeout_ms, rep, sb, sb->pid);
}
