/*
 * instance.h - one configured ppx: config, plugins and templates (loaded
 * and checked once, in the master before fork), plus the per-process
 * parts (store connection, brand cache, request arena) that each worker
 * or CLI run attaches after fork.
 */
#ifndef PPX_INSTANCE_H
#define PPX_INSTANCE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct brandcache;
struct conf;
struct plugin_set;
struct sandbox;
struct store;
struct tmpl_set;

#define INSTANCE_ARENA_MAX	(8u * 1024 * 1024)

struct instance {
	struct conf		*conf;
	struct plugin_set	*plugins;
	struct tmpl_set		*tmpls;
	int64_t			 fixed_now;	/* PPX_NOW, for tests; 0: none */
	/* per process, between instance_attach and instance_detach */
	struct store		*store;
	struct brandcache	*brands;
	struct arena		*arena;
	struct sandbox		*sandbox;	/* the render child, sandbox.h */
};

/*
 * Load conf_path, its plugins and templates, and check every template
 * against a hostile sample render (DESIGN.md "Templates").  Opens the
 * store (creating or migrating it) only for that check.  0, or -1 with a reason in why.
 * OUT: *out, freed with instance_free().
 */
int	 instance_load(struct instance **out, const char *conf_path,
	    char *why, size_t whylen);
/*
 * Per worker (after fork) or per CLI run: open the store (migrating it
 * when migrate is set), the brand cache, the request arena; run plugin
 * init.  0 or -1 with why.
 */
int	 instance_attach(struct instance *in, int migrate, char *why,
	    size_t whylen);
/* Undo instance_attach: plugin fini, close the store. */
void	 instance_detach(struct instance *in);
void	 instance_free(struct instance *in);
/*
 * The request clock: time(NULL), or the instant in the environment
 * variable PPX_NOW ("2026-11-23", "2026-11-23T08:00:00Z" or seconds) that
 * tests use to pin "today".
 */
int64_t	 instance_now(const struct instance *in);
/* Parse a PPX_NOW value.  0 or -1. */
int	 instance_parse_now(const char *s, int64_t *out);

#endif
