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

#include "log.h"
#include "plugin_host.h"
#include "sandbox.h"
#include "services.h"

struct answer {
	int32_t		rc;
	uint32_t	len;
};

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
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* In the child: render, answer, exit.  Never returns. */
static void __attribute__((noreturn))
child_render(struct plugin *p, struct ppx_ctx *ctx, int fd)
{
	struct answer a;
	static const int crash_sigs[] = {
		SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS
	};
	xmlChar *mem = NULL;
	int size = 0;
	size_t i;

#ifdef __linux__
	/* A worker killed with SIGKILL takes its render with it. */
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	/*
	 * A crash is a crash: no handler inherited from the worker (a test
	 * harness, a sanitizer) may turn it into something that goes on.
	 */
	for (i = 0; i < sizeof(crash_sigs) / sizeof(crash_sigs[0]); i++)
		(void)signal(crash_sigs[i], SIG_DFL);
	a.rc = p->desc->render(&services_host, ctx, p->state);
	a.len = 0;
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
	if (write_all(fd, &a, sizeof(a)) == -1 ||
	    (a.len > 0 && write_all(fd, mem, a.len) == -1))
		_exit(2);
	/* No atexit handlers, no stdio flush of the worker's buffers. */
	_exit(0);
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

enum sandbox_outcome
sandbox_render(struct plugin *p, struct ppx_ctx *ctx, long timeout_ms,
    struct sandbox_report *rep)
{
	enum sandbox_outcome out = SANDBOX_CRASHED;
	struct timespec t0;
	struct answer a;
	xmlDocPtr doc;
	char *buf = NULL;
	pid_t pid;
	int fds[2], rc;

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
	rc = read_until(fds[0], &a, sizeof(a), &t0, timeout_ms);
	if (rc == 0 && a.len > SANDBOX_MAX_TREE)
		rc = -1;
	if (rc == 0 && a.len > 0) {
		if ((buf = malloc(a.len)) == NULL)
			rc = -1;
		else
			rc = read_until(fds[0], buf, a.len, &t0, timeout_ms);
	}
	close(fds[0]);
	if (rc == 2) {
		out = SANDBOX_TIMEOUT;
		reap(pid, 1, rep);
	} else {
		/* An answer in full means the child is exiting: wait for it. */
		reap(pid, rc != 0, rep);
		if (rc == 0 && rep->signal == 0 && rep->exit_status == 0) {
			out = SANDBOX_RENDERED;
			rep->rc = a.rc;
		}
	}
	if (out == SANDBOX_RENDERED && a.rc == PPX_OK) {
		if ((doc = parse_tree(ctx, buf, a.len)) == NULL) {
			log_warn("plugin %s: sent back a tree that is not its "
			    "own <touchpoint>", p->name);
			rep->rc = PPX_ERROR;
		} else {
			xmlFreeDoc(ctx->doc);
			ctx->doc = doc;
			ctx->root = xmlDocGetRootElement(doc);
		}
	}
	free(buf);
	rep->elapsed_ms = ms_since(&t0);
	return out;
}

const char *
sandbox_outcome_name(enum sandbox_outcome o)
{
	static const char *const names[SANDBOX__MAX] = {
		"rendered", "crashed", "timeout", "broken"
	};

	return (unsigned)o < SANDBOX__MAX ? names[o] : "?";
}
