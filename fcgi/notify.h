/*
 * notify.h - tell systemd how ppxd is doing (sd_notify(3) without
 * libsystemd): one datagram to the socket named by $NOTIFY_SOCKET.
 */
#ifndef PPX_NOTIFY_H
#define PPX_NOTIFY_H

#include <stddef.h>

/*
 * Send state ("READY=1", "RELOADING=1", "STOPPING=1", "STATUS=...", lines
 * joined by \n) to $NOTIFY_SOCKET: a path, or "@name" for an abstract
 * socket.  0 when sent or when there is no $NOTIFY_SOCKET (not run by
 * systemd: nothing to do); -1 with one line in why when it could not be
 * sent.
 */
int	 notify_send(const char *state, char *why, size_t whylen);

#endif
