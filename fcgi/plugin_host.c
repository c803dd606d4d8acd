/*
 * plugin_host.c - dlopen, ABI check, per-worker lifecycle.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "plugin_host.h"

/* The file's base name without ".so", or -1 when it is not NAME.so. */
static int
name_from_path(const char *path, char name[ROUTE_MAX_NAME + 1])
{
	const char *base, *dot;
	size_t len;

	base = strrchr(path, '/');
	base = base == NULL ? path : base + 1;
	dot = strrchr(base, '.');
	if (dot == NULL || strcmp(dot, ".so") != 0)
		return -1;
	len = (size_t)(dot - base);
	if (len == 0 || len > ROUTE_MAX_NAME)
		return -1;
	memcpy(name, base, len);
	name[len] = '\0';
	return name_valid(name) ? 0 : -1;
}

static int
check_desc(struct plugin *p, const char *file, char *why, size_t whylen)
{
	const struct ppx_plugin *d = p->desc;
	size_t i;
	int s;

	if (d->abi_major != PPX_ABI_MAJOR) {
		snprintf(why, whylen, "%s: built for plugin ABI %u.%u, this "
		    "host speaks %u.%u (major differs)", file, d->abi_major,
		    d->abi_minor, PPX_ABI_MAJOR, PPX_ABI_MINOR);
		return -1;
	}
	if (d->abi_minor > PPX_ABI_MINOR) {
		snprintf(why, whylen, "%s: built for plugin ABI %u.%u, newer "
		    "than this host's %u.%u", file, d->abi_major, d->abi_minor,
		    PPX_ABI_MAJOR, PPX_ABI_MINOR);
		return -1;
	}
	if (d->name == NULL || strcmp(d->name, p->name) != 0) {
		snprintf(why, whylen, "%s: plugin calls itself '%s', the file "
		    "name says '%s'", file, d->name ? d->name : "(null)",
		    p->name);
		return -1;
	}
	if (d->render == NULL) {
		snprintf(why, whylen, "%s: no render callback", file);
		return -1;
	}
	if (d->stages == NULL || d->stages[0] == NULL) {
		snprintf(why, whylen, "%s: serves no stage", file);
		return -1;
	}
	for (i = 0; d->stages[i] != NULL; i++) {
		if ((s = stage_parse(d->stages[i])) < 0) {
			snprintf(why, whylen, "%s: unknown stage '%.32s'",
			    file, d->stages[i]);
			return -1;
		}
		if (i == 0)
			p->default_stage = (enum stage)s;
		p->stage_mask |= 1u << s;
	}
	return 0;
}

int
plugin_load(struct plugin *p, const char *path, char *why, size_t whylen)
{
	const char *file;
	void *sym;

	memset(p, 0, sizeof(*p));
	file = strrchr(path, '/');
	file = file == NULL ? path : file + 1;
	if (name_from_path(path, p->name) == -1) {
		snprintf(why, whylen, "%s: a plugin file is NAME.so with NAME "
		    "of [a-z0-9_-]", file);
		return -1;
	}
	/* RTLD_LOCAL: plugins cannot see each other; RTLD_NOW: fail here. */
	p->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (p->handle == NULL) {
		snprintf(why, whylen, "%s: cannot load: %s", file, dlerror());
		return -1;
	}
	dlerror();
	sym = dlsym(p->handle, PPX_PLUGIN_SYMBOL);
	if (sym == NULL) {
		snprintf(why, whylen, "%s: no '%s' symbol: not a ppx plugin",
		    file, PPX_PLUGIN_SYMBOL);
		goto out_close;
	}
	p->desc = sym;
	if (check_desc(p, file, why, whylen) == -1)
		goto out_close;
	if ((p->path = strdup(path)) == NULL) {
		snprintf(why, whylen, "%s: out of memory", file);
		goto out_close;
	}
	return 0;
out_close:
	dlclose(p->handle);
	memset(p, 0, sizeof(*p));
	return -1;
}

static int
wanted(const char *name, char *const *names, size_t n)
{
	size_t i;

	if (n == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static int
cmp_plugin(const void *a, const void *b)
{
	return strcmp(((const struct plugin *)a)->name,
	    ((const struct plugin *)b)->name);
}

int
plugin_set_load(struct plugin_set **out, const char *dir,
    char *const *names, size_t n_names, char *why, size_t whylen)
{
	struct plugin_set *set;
	struct dirent *de;
	char path[PATH_MAX], name[ROUTE_MAX_NAME + 1], reason[512];
	size_t i;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		snprintf(why, whylen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((set = calloc(1, sizeof(*set))) == NULL) {
		closedir(d);
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (name_from_path(de->d_name, name) == -1)
			continue;
		if (!wanted(name, names, n_names))
			continue;
		if (set->n == PLUGIN_MAX) {
			log_warn("%s: more than %d plugins, ignoring %s", dir,
			    PLUGIN_MAX, de->d_name);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (plugin_load(&set->p[set->n], path, reason,
		    sizeof(reason)) == -1) {
			log_err("plugin refused: %s", reason);
			continue;
		}
		set->n++;
	}
	closedir(d);
	/* Directory order is arbitrary: make it stable. */
	qsort(set->p, set->n, sizeof(set->p[0]), cmp_plugin);
	for (i = 0; i < n_names; i++) {
		if (plugin_find(set, names[i]) == NULL) {
			snprintf(why, whylen, "%s/%s.so: configured plugin is "
			    "missing or was refused", dir, names[i]);
			plugin_set_free(set);
			return -1;
		}
	}
	*out = set;
	return 0;
}

struct plugin *
plugin_find(struct plugin_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->p[i].name, name) == 0)
			return &set->p[i];
	return NULL;
}

void
plugin_set_init(struct plugin_set *set, const struct ppx_host *host)
{
	struct plugin *p;
	size_t i;

	for (i = 0; i < set->n; i++) {
		p = &set->p[i];
		p->state = NULL;
		p->ready = 1;
		if (p->desc->init != NULL &&
		    p->desc->init(host, &p->state) != PPX_OK) {
			log_err("plugin %s: init failed; left out", p->name);
			p->ready = 0;
		}
	}
}

void
plugin_set_fini(struct plugin_set *set)
{
	struct plugin *p;
	size_t i;

	for (i = 0; i < set->n; i++) {
		p = &set->p[i];
		if (p->ready && p->desc->fini != NULL)
			p->desc->fini(p->state);
		p->ready = 0;
		p->state = NULL;
	}
}

void
plugin_set_free(struct plugin_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++) {
		dlclose(set->p[i].handle);
		free(set->p[i].path);
	}
	free(set);
}

int
plugin_serves(const struct plugin *p, enum stage s)
{
	return (p->stage_mask & (1u << s)) != 0;
}
