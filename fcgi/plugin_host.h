/*
 * plugin_host.h - loading touchpoint plugins (dlopen) and checking their
 * ABI.  Loading happens once in the master, before workers fork; init
 * and fini run per worker.
 */
#ifndef PPX_PLUGIN_HOST_H
#define PPX_PLUGIN_HOST_H

#include <stddef.h>

#include <ppx/plugin.h>

#include "route.h"

#define PLUGIN_MAX	64

struct plugin {
	char			 name[ROUTE_MAX_NAME + 1];
	char			*path;
	void			*handle;	/* dlopen */
	const struct ppx_plugin	*desc;
	unsigned		 stage_mask;	/* 1 << enum stage */
	enum stage		 default_stage;
	void			*state;		/* from init, per worker */
	int			 ready;		/* init succeeded */
};

struct plugin_set {
	size_t		n;
	struct plugin	p[PLUGIN_MAX];
};

/*
 * Load one plugin file and check it: the ppx_plugin symbol, the ABI major
 * (equal) and minor (no newer than the host's), a name that matches the
 * file name, known stages.  Returns 0, or -1 with a one-line reason
 * naming the file in why; nothing stays loaded on failure.
 */
int	 plugin_load(struct plugin *p, const char *path, char *why,
	    size_t whylen);
/*
 * Load every DIR/<name>.so (only those in names when n_names > 0).  A
 * plugin that is refused is logged in one line and skipped; the others
 * are kept.  Fails only when the directory cannot be read or a named
 * plugin is missing.  OUT: *out, freed with plugin_set_free().
 */
int	 plugin_set_load(struct plugin_set **out, const char *dir,
	    char *const *names, size_t n_names, char *why, size_t whylen);
/* The plugin called name, or NULL. */
struct plugin *plugin_find(struct plugin_set *set, const char *name);
/* Run every plugin's init (per worker).  A failing init is logged and
 * that plugin is left out (ready = 0). */
void	 plugin_set_init(struct plugin_set *set, const struct ppx_host *host);
/* Run every plugin's fini (per worker). */
void	 plugin_set_fini(struct plugin_set *set);
/* dlclose everything and free the set.  NULL is fine. */
void	 plugin_set_free(struct plugin_set *set);
/* Does p serve stage s? */
int	 plugin_serves(const struct plugin *p, enum stage s);

#endif
