/*
 * admin_role.c - roles and what each allows (admin_role.h).
 */
#include <stddef.h>
#include <string.h>

#include "admin_role.h"

static const char *const role_names[ADMIN_ROLE__MAX] = {
	[ADMIN_ROLE_NONE] = NULL,
	[ADMIN_ROLE_VIEWER] = "viewer",
	[ADMIN_ROLE_MARKETER] = "marketer",
	[ADMIN_ROLE_ADMIN] = "admin",
};

/* The least role that may do each action. */
static const enum admin_role least[ADMIN_ACT__MAX] = {
	[ADMIN_ACT_READ] = ADMIN_ROLE_VIEWER,
	[ADMIN_ACT_EDIT] = ADMIN_ROLE_MARKETER,
	[ADMIN_ACT_AUDIT] = ADMIN_ROLE_ADMIN,
	[ADMIN_ACT_USERS] = ADMIN_ROLE_ADMIN,
};

int
admin_role_parse(const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = ADMIN_ROLE_VIEWER; i < ADMIN_ROLE__MAX; i++)
		if (strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

const char *
admin_role_name(enum admin_role role)
{
	return (unsigned)role < ADMIN_ROLE__MAX ? role_names[role] : NULL;
}

int
admin_role_allows(enum admin_role role, enum admin_action act)
{
	if ((unsigned)role >= ADMIN_ROLE__MAX || role == ADMIN_ROLE_NONE ||
	    (unsigned)act >= ADMIN_ACT__MAX)
		return 0;
	return role >= least[act];
}
