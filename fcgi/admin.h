/*
 * admin.h - the marketer console under /admin/: server-rendered pages
 * (XSLT, templates/admin/), sessions, CSRF, roles.  See DESIGN.md
 * "The console".
 */
#ifndef PPX_ADMIN_H
#define PPX_ADMIN_H

#include <stdint.h>

struct handler_io;
struct instance;
struct request;
struct response;

/*
 * Answer one request under /admin with in (attached).  Always fills
 * resp; every page carries a Content-Security-Policy.  The console's
 * templates are loaded on the first request of a process (from
 * <templates dir>/admin/); when they cannot be, every request gets 500
 * and the reason is logged.
 */
void	 admin_serve(struct instance *in, const struct handler_io *io,
	    const struct request *r, int64_t now, struct response *resp);

/* Free what admin_serve loaded (templates, stylesheet).  For tests. */
void	 admin_unload(void);

#endif
