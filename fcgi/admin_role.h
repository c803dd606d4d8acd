/*
 * admin_role.h - what a console user may do in one brand.
 *
 * A user holds at most one role per brand; no role means the brand does
 * not exist for that user (the console answers 404, as for a brand that
 * does not exist at all, so brand names do not leak).
 *
 *   viewer    reads the grid, the copy and the results
 *   marketer  also changes the grid and the copy
 *   admin     also reads the audit log and manages the brand's users
 */
#ifndef PPX_ADMIN_ROLE_H
#define PPX_ADMIN_ROLE_H

enum admin_role {
	ADMIN_ROLE_NONE,
	ADMIN_ROLE_VIEWER,
	ADMIN_ROLE_MARKETER,
	ADMIN_ROLE_ADMIN,
	ADMIN_ROLE__MAX
};

enum admin_action {
	ADMIN_ACT_READ,		/* grid, copy, results */
	ADMIN_ACT_EDIT,		/* change the grid or the copy */
	ADMIN_ACT_AUDIT,	/* read the audit log */
	ADMIN_ACT_USERS,	/* add users, change and take away roles */
	ADMIN_ACT__MAX
};

/* "marketer" → ADMIN_ROLE_MARKETER; -1 for anything else ("none" too). */
int		 admin_role_parse(const char *s);
/* "admin", "marketer", "viewer"; NULL for NONE or out of range. */
const char	*admin_role_name(enum admin_role role);
/* 1 when role may do act, else 0 (ADMIN_ROLE_NONE may do nothing). */
int		 admin_role_allows(enum admin_role role, enum admin_action act);

#endif
