/*
 * admin_audit.h - the audit log: every change made in the console, who
 * made it, when, what, old → new.  Rows are only ever added.
 */
#ifndef PPX_ADMIN_AUDIT_H
#define PPX_ADMIN_AUDIT_H

#include <stdint.h>

struct store;

#define ADMIN_AUDIT_MAX_TEXT	4096	/* old and new are cut to this */

/*
 * Note that user (an address) changed what ("touchpoint shipped/voorpret
 * enabled") in brand at now from old to new (NULL: "").  0 or -1.
 */
int	 admin_audit_add(struct store *st, int64_t now, const char *user,
	    const char *brand, const char *what, const char *old,
	    const char *new_value);

#endif
