/*
 * instance.c - load and check an instance in the master; attach the
 * per-process parts in each worker.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "arena.h"
#include "brandcache.h"
#include "conf.h"
#include "instance.h"
#include "log.h"
#include "order.h"
#include "plugin_host.h"
#include "sandbox.h"
#include "services.h"
#include "store.h"
#include "tmpl.h"

/*
 * The order every template is checked with at load: every field set, and
 * set to something hostile, so a template that would let data become
 * markup or a script URL fails now rather than in a customer's inbox.
 */
#define HOSTILE	"<script>alert(1)</script>\"><img src=x onerror=alert(1)>"
#define HOSTILE_URL "javascript:alert(1)"

static void
sample_order(const struct instance *in, struct order *o, char expected[11])
{
	time_t t = (time_t)instance_now(in) + 2 * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(expected, 11, "%Y-%m-%d", &tm);
	memset(o, 0, sizeof(*o));
	o->id = HOSTILE;
	o->expected = expected;
	o->placed = "2026-01-01";
	o->first_name = HOSTILE;
	o->customer_id = HOSTILE;
	o->postcode = HOSTILE;
	o->country = "NL";
	o->carrier_name = HOSTILE;
	o->tracking_url = HOSTILE_URL;
	o->pickup_name = HOSTILE;
	o->pickup_address = HOSTILE;
	o->pickup_hours = HOSTILE;
	o->n_items = 2;
	o->items[0].sku = HOSTILE;
	o->items[0].name = HOSTILE;
	o->items[0].category = "running-shoes";
	o->items[0].image = HOSTILE_URL;
	o->items[0].url = "JaVaScRiPt:alert(1)";
	o->items[0].qty = "1";
	o->items[1].sku = HOSTILE;
	o->items[1].name = HOSTILE;
	o->items[1].category = HOSTILE;
	o->items[1].image = "data:text/html,<script>alert(1)</script>";
	o->items[1].url = " javascript:alert(1)";
	o->items[1].qty = "2";
}

/*
 * The sample render, isolated like a request's: a plugin that crashes or
 * hangs on the hostile order must not take the master (or a reload) down.
 */
static int
sample_render(struct instance *in, struct plugin *p, struct ppx_ctx *ctx)
{
	struct sandbox_report rep;

	if (!in->conf->isolate)
		return p->desc->render(&services_host, ctx, p->state);
	switch (sandbox_render(p, ctx, (long)in->conf->deadline_ms, &rep)) {
	case SANDBOX_RENDERED:
		return rep.rc;
	case SANDBOX_TIMEOUT:
		log_warn("plugin %s: hung on the sample order at load",
		    p->name);
		return PPX_ERROR;
	default:
		log_warn("plugin %s: crashed on the sample order at load",
		    p->name);
		return PPX_ERROR;
	}
}

/* The data tree plugin p makes for the hostile order, or NULL. */
static xmlDocPtr
sample_tree(struct instance *in, struct plugin *p, const char *lang)
{
	struct ppx_ctx ctx;
	struct order o;
	char expected[11];
	int rc;

	sample_order(in, &o, expected);
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = in->arena;
	ctx.store = in->store;
	ctx.conf = in->conf;
	ctx.order = &o;
	ctx.brand = "";
	ctx.stage = stage_name(p->default_stage);
	ctx.lang = lang;
	ctx.default_lang = lang;
	ctx.timezone = in->conf->timezone;
	ctx.plugin = p->name;
	ctx.now = instance_now(in);
	ctx.sample = 1;
	if (services_begin(&ctx) == -1)
		return NULL;
	rc = sample_render(in, p, &ctx);
	if (rc != PPX_OK) {
		/* Still check the template against the bare root. */
		xmlFreeDoc(ctx.doc);
		ctx.doc = NULL;
		if (services_begin(&ctx) == -1)
			return NULL;
	}
	return ctx.doc;
}

/* tmpl_check callback: the hostile sample tree of touchpoint name. */
static xmlDocPtr
sample_for(void *arg, const char *name, const char *brand)
{
	struct instance *in = arg;
	struct plugin *p;

	(void)brand;
	if ((p = plugin_find(in->plugins, name)) == NULL)
		return NULL;
	return sample_tree(in, p, "en");
}

static int
load_templates(struct instance *in, char *why, size_t whylen)
{
	const char *names[PLUGIN_MAX];
	struct tmpl_check check = { sample_for, in };
	size_t i;
	int rc;

	for (i = 0; i < in->plugins->n; i++)
		names[i] = in->plugins->p[i].name;
	rc = tmpl_set_load(&in->tmpls, in->conf->template_dir, names,
	    in->plugins->n, &check, why, whylen);
	arena_reset(in->arena);
	return rc;
}

int
instance_parse_now(const char *s, int64_t *out)
{
	unsigned y, mo, d, h = 0, mi = 0, sec = 0;
	struct tm tm;
	char *end;
	long long v;
	int n = 0;

	if (sscanf(s, "%4u-%2u-%2uT%2u:%2u:%2uZ%n", &y, &mo, &d, &h, &mi,
	    &sec, &n) == 6 && s[n] == '\0') {
		/* full form */
	} else if (n = 0, sscanf(s, "%4u-%2u-%2u%n", &y, &mo, &d, &n) == 3 &&
	    s[n] == '\0') {
		h = 12;	/* midday: the date is the same in every zone near us */
	} else {
		v = strtoll(s, &end, 10);
		if (*s == '\0' || *end != '\0' || v <= 0)
			return -1;
		*out = v;
		return 0;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)mo - 1;
	tm.tm_mday = (int)d;
	tm.tm_hour = (int)h;
	tm.tm_min = (int)mi;
	tm.tm_sec = (int)sec;
	*out = (int64_t)timegm(&tm);
	return 0;
}

int64_t
instance_now(const struct instance *in)
{
	return in->fixed_now != 0 ? in->fixed_now : (int64_t)time(NULL);
}

int
instance_load(struct instance **out, const char *conf_path, char *why,
    size_t whylen)
{
	struct instance *in;
	const char *fixed;

	if ((in = calloc(1, sizeof(*in))) == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if ((fixed = getenv("PPX_NOW")) != NULL && fixed[0] != '\0' &&
	    instance_parse_now(fixed, &in->fixed_now) == -1) {
		snprintf(why, whylen, "PPX_NOW: expected YYYY-MM-DD, "
		    "YYYY-MM-DDThh:mm:ssZ or seconds");
		goto out_free;
	}
	if (conf_load(conf_path, &in->conf, why, whylen) == -1)
		goto out_free;
	if (plugin_set_load(&in->plugins, in->conf->plugin_dir,
	    in->conf->plugin_names, in->conf->n_plugin_names, why,
	    whylen) == -1)
		goto out_free;
	/*
	 * The master brings the store's schema up to date (workers only
	 * check it), and the template check renders samples with a
	 * worker's parts.
	 */
	if (instance_attach(in, 1, why, whylen) == -1)
		goto out_free;
	if (load_templates(in, why, whylen) == -1) {
		instance_detach(in);
		goto out_free;
	}
	instance_detach(in);
	*out = in;
	return 0;
out_free:
	instance_free(in);
	return -1;
}

int
instance_attach(struct instance *in, int migrate, char *why, size_t whylen)
{
	int flags = migrate ? STORE_MIGRATE | STORE_CREATE : 0;

	if (store_open(&in->store, in->conf->store_path, flags, why,
	    whylen) == -1)
		return -1;
	in->brands = brandcache_new(in->store);
	in->arena = arena_new(INSTANCE_ARENA_MAX);
	if (in->brands == NULL || in->arena == NULL) {
		snprintf(why, whylen, "out of memory");
		instance_detach(in);
		return -1;
	}
	plugin_set_init(in->plugins, &services_host);
	return 0;
}

void
instance_detach(struct instance *in)
{
	sandbox_stop(in);
	if (in->plugins != NULL)
		plugin_set_fini(in->plugins);
	brandcache_free(in->brands);
	in->brands = NULL;
	arena_free(in->arena);
	in->arena = NULL;
	if (in->store != NULL)
		store_close(in->store);
	in->store = NULL;
}

void
instance_free(struct instance *in)
{
	if (in == NULL)
		return;
	if (in->store != NULL)
		instance_detach(in);
	tmpl_set_free(in->tmpls);
	plugin_set_free(in->plugins);
	conf_free(in->conf);
	free(in);
}
