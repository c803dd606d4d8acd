/*
 * listen.c - open or inherit the FastCGI listening socket.
 *
 * libfcgi's FCGX_OpenSocket does the same job but prints to stderr, says
 * "bind/listen" whatever failed, and unlinks whatever file sits at the
 * path; this says which step failed on which address.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "listen.h"

#define SD_LISTEN_FDS_START	3

static void
set_cloexec(int fd)
{
	int fl;

	if ((fl = fcntl(fd, F_GETFD)) != -1)
		(void)fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}

/* Is fd a listening stream socket? */
static int
is_listening(int fd)
{
	socklen_t len;
	int type = 0;

	len = sizeof(type);
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == -1 ||
	    type != SOCK_STREAM)
		return 0;
#ifdef SO_ACCEPTCONN
	{
		int acc = 0;

		len = sizeof(acc);
		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &len) == 0)
			return acc != 0;
	}
#endif
	{
		/* libfcgi's test (OS_IsFcgi): unconnected means listening. */
		struct sockaddr_storage ss;

		len = sizeof(ss);
		return getpeername(fd, (struct sockaddr *)&ss, &len) == -1 &&
		    errno == ENOTCONN;
	}
}

/*
 * Remove a socket file left by a server that is gone.  0 when the path
 * is free now, -1 with why.
 */
static int
clear_stale(const char *path, char *why, size_t whylen)
{
	struct sockaddr_un sun;
	struct stat st;
	int fd, live;

	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		snprintf(why, whylen, "unix:%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(why, whylen, "unix:%s: exists and is not a socket; "
		    "not removing it", path);
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1) {
		snprintf(why, whylen, "socket: %s", strerror(errno));
		return -1;
	}
	live = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	close(fd);
	if (live) {
		snprintf(why, whylen, "unix:%s: another server is listening "
		    "there", path);
		return -1;
	}
	if (unlink(path) == -1 && errno != ENOENT) {
		snprintf(why, whylen, "unix:%s: cannot remove the stale "
		    "socket: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
open_unix(const char *path, char *why, size_t whylen)
{
	struct sockaddr_un sun;
	mode_t old;
	int fd, rc;

	if (path[0] == '\0' || strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(why, whylen, "unix:%.64s: the path must be 1 to %zu "
		    "bytes", path, sizeof(sun.sun_path) - 1);
		return -1;
	}
	if (clear_stale(path, why, whylen) == -1)
		return -1;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1) {
		snprintf(why, whylen, "socket: %s", strerror(errno));
		return -1;
	}
	set_cloexec(fd);
	/* No window in which the socket is more open than 0660. */
	old = umask(0777 & ~LISTEN_UNIX_MODE);
	rc = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	umask(old);
	if (rc == -1) {
		snprintf(why, whylen, "bind unix:%s: %s", path,
		    strerror(errno));
		goto out_close;
	}
	if (chmod(path, LISTEN_UNIX_MODE) == -1) {
		snprintf(why, whylen, "chmod unix:%s: %s", path,
		    strerror(errno));
		goto out_unlink;
	}
	if (listen(fd, LISTEN_BACKLOG) == -1) {
		snprintf(why, whylen, "listen unix:%s: %s", path,
		    strerror(errno));
		goto out_unlink;
	}
	return fd;
out_unlink:
	unlink(path);
out_close:
	close(fd);
	return -1;
}

/* Split "host:port" / "[v6]:port" into host (NULL: any) and port. */
static int
split_hostport(const char *spec, char *host, size_t hostlen,
    const char **port)
{
	const char *colon, *end;
	size_t n;

	if (spec[0] == '[') {
		if ((end = strchr(spec, ']')) == NULL || end[1] != ':')
			return -1;
		colon = end + 1;
		spec++;
	} else {
		if ((colon = strrchr(spec, ':')) == NULL)
			return -1;
		end = colon;
		if (memchr(spec, ':', (size_t)(end - spec)) != NULL)
			return -1;	/* a bare v6 address wants [] */
	}
	n = (size_t)(end - spec);
	if (n >= hostlen)
		return -1;
	memcpy(host, spec, n);
	host[n] = '\0';
	*port = colon + 1;
	if (strspn(*port, "0123456789") != strlen(*port) ||
	    strlen(*port) == 0 || strlen(*port) > 5 ||
	    atoi(*port) < 1 || atoi(*port) > 65535)
		return -1;
	return 0;
}

static void
addr_name(const struct addrinfo *ai, char *buf, size_t len)
{
	char h[NI_MAXHOST], s[NI_MAXSERV];

	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, h, sizeof(h), s,
	    sizeof(s), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		snprintf(buf, len, "?");
	else if (ai->ai_family == AF_INET6)
		snprintf(buf, len, "[%s]:%s", h, s);
	else
		snprintf(buf, len, "%s:%s", h, s);
}

/* Bind and listen on one address: the fd, or -1 with why. */
static int
bind_one(const struct addrinfo *ai, char *why, size_t whylen)
{
	char name[NI_MAXHOST + NI_MAXSERV + 4];
	const char *step;
	int fd, on = 1;

	addr_name(ai, name, sizeof(name));
	if ((fd = socket(ai->ai_family, ai->ai_socktype,
	    ai->ai_protocol)) == -1) {
		step = "socket";
		goto out_close;
	}
	set_cloexec(fd);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == -1) {
		step = "SO_REUSEADDR";
		goto out_close;
	}
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) == -1) {
		step = "bind";
		goto out_close;
	}
	if (listen(fd, LISTEN_BACKLOG) == -1) {
		step = "listen";
		goto out_close;
	}
	return fd;
out_close:
	snprintf(why, whylen, "%s %s: %s", step, name, strerror(errno));
	if (fd != -1)
		close(fd);
	return -1;
}

static int
open_inet(const char *spec, char *why, size_t whylen)
{
	struct addrinfo hints, *res, *ai;
	char host[256];
	const char *port;
	int fd = -1, rc;

	if (split_hostport(spec, host, sizeof(host), &port) == -1) {
		snprintf(why, whylen, "%.128s: want unix:/path, host:port or "
		    "[v6addr]:port, port 1..65535", spec);
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	rc = getaddrinfo(host[0] == '\0' || strcmp(host, "*") == 0 ? NULL :
	    host, port, &hints, &res);
	if (rc != 0) {
		snprintf(why, whylen, "%.128s: %s", spec, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next)
		fd = bind_one(ai, why, whylen);
	freeaddrinfo(res);
	return fd;
}

/* Socket activation: 3 when systemd passed us one socket, -2 when it
 * passed none, -1 with why on anything else. */
static int
from_systemd(char *why, size_t whylen)
{
	const char *pid, *fds;
	char *end;
	long p, n;

	pid = getenv("LISTEN_PID");
	fds = getenv("LISTEN_FDS");
	if (pid == NULL || fds == NULL)
		return -2;
	p = strtol(pid, &end, 10);
	if (*pid == '\0' || *end != '\0' || p != (long)getpid())
		return -2;	/* meant for another process */
	n = strtol(fds, &end, 10);
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	if (*fds == '\0' || *end != '\0' || n != 1) {
		snprintf(why, whylen, "systemd passed LISTEN_FDS=%.16s; ppxd "
		    "takes exactly one socket", fds);
		return -1;
	}
	if (!is_listening(SD_LISTEN_FDS_START)) {
		snprintf(why, whylen, "systemd passed fd %d, which is not a "
		    "listening stream socket (Accept=no wanted)",
		    SD_LISTEN_FDS_START);
		return -1;
	}
	set_cloexec(SD_LISTEN_FDS_START);
	return SD_LISTEN_FDS_START;
}

int
listen_open(const char *spec, char *why, size_t whylen)
{
	int fd;

	if (whylen > 0)
		why[0] = '\0';
	if (spec != NULL && strncmp(spec, "unix:", 5) == 0)
		return open_unix(spec + 5, why, whylen);
	if (spec != NULL)
		return open_inet(spec, why, whylen);
	if ((fd = from_systemd(why, whylen)) != -2)
		return fd;
	if (is_listening(0)) {
		set_cloexec(0);
		return 0;
	}
	snprintf(why, whylen, "no socket: pass --socket or run under a web "
	    "server / systemd");
	return -1;
}
