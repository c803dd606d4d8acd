/*
 * listen.h - the FastCGI listening socket of ppxd.
 *
 * The socket is one of: unix:/path, host:port ([v6]:port), systemd
 * socket activation, or an fd 0 inherited from a web server that spawned
 * us (mod_fcgid, spawn-fcgi).  It is opened once, in the master, before
 * the workers fork.
 */
#ifndef PPX_LISTEN_H
#define PPX_LISTEN_H

#include <stddef.h>

#define LISTEN_BACKLOG		1024
#define LISTEN_UNIX_MODE	0660

/*
 * A listening stream socket (FD_CLOEXEC set) for spec:
 *   "unix:/path"  a unix socket, mode 0660; a stale socket file is removed
 *                 first (only a socket nobody answers on: never a regular
 *                 file, never a live server's socket);
 *   "host:port", "[::1]:port", "*:port", ":port"
 *                 TCP with SO_REUSEADDR; "*" or nothing: every address;
 *   NULL          systemd socket activation when LISTEN_PID is our pid
 *                 (exactly one socket, fd 3; the LISTEN_* variables are
 *                 unset), else fd 0 when it is a listening socket.
 * Returns the fd, or -1 with one line in why saying what failed.  The
 * caller closes the fd.
 */
int	 listen_open(const char *spec, char *why, size_t whylen);

#endif
