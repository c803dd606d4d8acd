/*
 * render.c - plugins fill data trees, templates turn them into HTML, the
 * host derives text, XML and JSON.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "arena.h"
#include "brandcache.h"
#include "conf.h"
#include "instance.h"
#include "json_out.h"
#include "log.h"
#include "metrics.h"
#include "order.h"
#include "plugin_host.h"
#include "quarantine.h"
#include "render.h"
#include "sandbox.h"
#include "services.h"
#include "store.h"
#include "text.h"
#include "tmpl.h"
#include "tp_rules.h"
#include "xxh64.h"

/* One touchpoint's part of the answer. */
struct piece {
	const char	*name;
	xmlDocPtr	 data;		/* the plugin's data tree */
	char		*out;		/* html or txt, in the arena */
	size_t		 len;
};

struct job {
	struct instance		*in;
	const struct render_req	*rq;
	struct render_result	*res;
	struct timespec		 start;
	char			 today[11];	/* in the brand's zone */
	size_t			 n;
	struct piece		 pieces[BRAND_MAX_TOUCHPOINTS];
};

static long
elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 +
	    (now.tv_nsec - start->tv_nsec) / 1000000;
}

static long
elapsed_us(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000000 +
	    (now.tv_nsec - start->tv_nsec) / 1000;
}

static int
past_deadline(const struct job *j)
{
	return j->rq->deadline_ms > 0 &&
	    elapsed_ms(&j->start) >= (long)j->rq->deadline_ms;
}

static void
omit(struct job *j, const char *name, const char *reason)
{
	char *o = j->res->omitted;
	size_t len = strlen(o);

	snprintf(o + len, sizeof(j->res->omitted) - len, "%s%s=%s",
	    len > 0 ? ", " : "", name, reason);
	metrics_omitted(name, reason);
}

const char *
render_lang(struct instance *in, const struct brand_state *b,
    const struct order *o)
{
	char lang[STORE_MAX_LANG + 1];

	if (o->lang != NULL)
		return o->lang;
	if (o->country != NULL && store_brand_country_lang(in->store,
	    b->info.name, o->country, lang) == 0)
		return arena_strdup(in->arena, lang);
	return b->info.default_lang;
}

/* What became of one plugin render, beyond the plugin's own codes. */
#define RC_CRASHED	(-1000)
#define RC_HUNG		(-1001)

/* A crash or hang counts towards quarantine; say so when it starts. */
static void
count_crash(struct job *j, struct plugin *p, const char *kind)
{
	const struct conf *c = j->in->conf;
	struct quarantine_policy pol;

	metrics_plugin_crash(p->name, kind);
	pol.crashes = c->crash_limit;
	pol.window_ms = (int64_t)c->crash_window_s * 1000;
	pol.quarantine_ms = (int64_t)c->quarantine_s * 1000;
	if (quarantine_crash(p->name, quarantine_now_ms(), &pol) == 1) {
		metrics_quarantine(p->name);
		log_err("plugin %s: quarantined for %u s after %u crashes or "
		    "hangs in %u s; its touchpoint is omitted until then",
		    p->name, c->quarantine_s, c->crash_limit,
		    c->crash_window_s);
	}
}

/* p's render in a child of its own (sandbox.h): a crash costs only it. */
static int
render_isolated(struct job *j, struct plugin *p, struct ppx_ctx *ctx)
{
	struct sandbox_report rep;
	long left = j->rq->deadline_ms > 0 ?
	    (long)j->rq->deadline_ms - elapsed_ms(&j->start) :
	    CONF_DEADLINE_MAX;

	switch (sandbox_call(j->in, p, ctx, left > 0 ? left : 1, &rep)) {
	case SANDBOX_RENDERED:
		return rep.rc;
	case SANDBOX_CRASHED:
		if (rep.signal != 0)
			log_err("plugin %s: crashed (signal %d, %s) rendering "
			    "stage %s; touchpoint omitted", p->name,
			    rep.signal, strsignal(rep.signal), ctx->stage);
		else
			log_err("plugin %s: exited (status %d) rendering stage "
			    "%s; touchpoint omitted", p->name, rep.exit_status,
			    ctx->stage);
		count_crash(j, p, "crash");
		return RC_CRASHED;
	case SANDBOX_TIMEOUT:
		log_warn("plugin %s: still running at the %u ms deadline: "
		    "killed it; touchpoint omitted", p->name,
		    j->rq->deadline_ms);
		/* A child forked for this call spent the time starting up. */
		if (!rep.fresh)
			count_crash(j, p, "hang");
		return RC_HUNG;
	default:
		return PPX_ERROR;
	}
}

/* Run one plugin.  The tree is kept only when it rendered in time. */
static void
run_plugin(struct job *j, struct plugin *p, const char *lang)
{
	const struct render_req *rq = j->rq;
	struct timespec t0;
	const char *rule;
	struct ppx_ctx ctx;
	long usec;
	int rc;

	if (!p->ready || quarantine_left(p->name, quarantine_now_ms()) > 0) {
		omit(j, p->name, "unavailable");
		return;
	}
	if (past_deadline(j)) {
		omit(j, p->name, "deadline");
		return;
	}
	if ((rule = tp_rules_check(j->in->store, rq->brand->info.name,
	    stage_name(rq->stage), p->name, rq->order, j->today, rq->now)) !=
	    NULL) {
		omit(j, p->name, rule);
		return;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = j->in->arena;
	ctx.store = j->in->store;
	ctx.brands = j->in->brands;
	ctx.bstate = rq->brand;
	ctx.conf = j->in->conf;
	ctx.base_url = rq->base_url;
	ctx.order = rq->order;
	ctx.brand = rq->brand->info.name;
	ctx.stage = stage_name(rq->stage);
	ctx.lang = lang;
	ctx.default_lang = rq->brand->info.default_lang;
	ctx.timezone = rq->brand->info.timezone;
	ctx.plugin = p->name;
	ctx.now = rq->now;
	if (rq->deadline_ms > 0) {
		ctx.deadline.tv_sec = j->start.tv_sec +
		    (time_t)(rq->deadline_ms / 1000);
		ctx.deadline.tv_nsec = j->start.tv_nsec +
		    (long)(rq->deadline_ms % 1000) * 1000000;
		if (ctx.deadline.tv_nsec >= 1000000000) {
			ctx.deadline.tv_sec++;
			ctx.deadline.tv_nsec -= 1000000000;
		}
	}
	if (services_begin(&ctx) == -1) {
		omit(j, p->name, "error");
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (j->in->conf->isolate)
		rc = render_isolated(j, p, &ctx);
	else
		rc = p->desc->render(&services_host, &ctx, p->state);
	usec = elapsed_us(&t0);
	metrics_render_time(p->name, usec);
	if (rc == PPX_OK && ctx.over_limit)
		rc = PPX_ERROR;
	if (rc == RC_HUNG || (rc == PPX_OK && past_deadline(j))) {
		if (rc == PPX_OK)
			log_warn("plugin %s: passed the %u ms deadline",
			    p->name, rq->deadline_ms);
		omit(j, p->name, "deadline");
	} else if (rc == PPX_OK) {
		j->pieces[j->n].name = p->name;
		j->pieces[j->n].data = ctx.doc;
		j->n++;
		return;
	} else if (rc == PPX_NODATA) {
		omit(j, p->name, "nodata");
	} else if (rc == PPX_EAGAIN) {
		/* Its data is on the way (a feed): expected, not an error. */
		omit(j, p->name, "unavailable");
	} else if (rc == RC_CRASHED) {
		omit(j, p->name, "error");
	} else {
		log_warn("plugin %s: render failed (%d) for brand %s stage %s",
		    p->name, rc, ctx.brand, ctx.stage);
		omit(j, p->name, "error");
	}
	xmlFreeDoc(ctx.doc);
}

/* Links in templates: tracked /r/ links come with the share issue. */
static const char *
link_plain(void *arg, const char *url, const char *kind)
{
	(void)arg;
	(void)kind;
	return url;
}

/* Apply the template of piece pc; html or txt into pc->out. */
static int
apply_template(struct job *j, struct piece *pc)
{
	const struct tmpl *t;
	struct tmpl_link link = { link_plain, j };
	xmlDocPtr result = NULL;
	char why[256];
	int rc;

	t = tmpl_find(j->in->tmpls, j->rq->brand->info.name, pc->name);
	if (t == NULL) {
		log_err("touchpoint %s: no template", pc->name);
		return -1;
	}
	if (tmpl_apply(t, pc->data, &link, &result, why, sizeof(why)) != 0) {
		log_err("touchpoint %s: template: %s", pc->name, why);
		return -1;
	}
	if (j->rq->fmt == FMT_TXT)
		rc = text_from_html(result, j->in->arena, &pc->out, &pc->len);
	else
		rc = tmpl_serialize(result, j->in->arena, &pc->out, &pc->len);
	xmlFreeDoc(result);
	return rc == 0 ? 0 : -1;
}

static int
join_pieces(struct job *j, const char *sep)
{
	size_t i, len = 0, seplen = strlen(sep);
	char *p;

	for (i = 0; i < j->n; i++)
		len += j->pieces[i].len + seplen;
	if ((p = arena_alloc(j->in->arena, len + 1)) == NULL)
		return -1;
	j->res->body = p;
	for (i = 0; i < j->n; i++) {
		if (i > 0) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		memcpy(p, j->pieces[i].out, j->pieces[i].len);
		p += j->pieces[i].len;
	}
	*p = '\0';
	j->res->len = (size_t)(p - j->res->body);
	return 0;
}

/* html and txt: template each piece, drop those whose template fails. */
static int
render_markup(struct job *j)
{
	size_t i, kept = 0;

	for (i = 0; i < j->n; i++) {
		if (apply_template(j, &j->pieces[i]) == -1) {
			omit(j, j->pieces[i].name, "template");
			xmlFreeDoc(j->pieces[i].data);
			continue;
		}
		j->pieces[kept++] = j->pieces[i];
	}
	j->n = kept;
	return join_pieces(j, j->rq->fmt == FMT_TXT ? "\n" : "");
}

/* xml and json: one touchpoint's tree, or <stage> around them all. */
static int
render_tree(struct job *j, const char *lang)
{
	const struct render_req *rq = j->rq;
	xmlDocPtr doc, own = NULL;
	xmlNodePtr root, copy;
	xmlChar *mem = NULL;
	int size = 0, rc = -1;
	size_t i;

	if (rq->touchpoint != NULL && j->n == 1) {
		doc = j->pieces[0].data;
	} else {
		/* A touchpoint request that was omitted is an empty stage. */
		if ((doc = own = xmlNewDoc(BAD_CAST "1.0")) == NULL)
			return -1;
		root = xmlNewDocNode(doc, NULL, BAD_CAST "stage", NULL);
		xmlDocSetRootElement(doc, root);
		xmlNewProp(root, BAD_CAST "name", BAD_CAST stage_name(rq->stage));
		xmlNewProp(root, BAD_CAST "brand",
		    BAD_CAST rq->brand->info.name);
		xmlNewProp(root, BAD_CAST "lang", BAD_CAST lang);
		for (i = 0; i < j->n; i++) {
			copy = xmlDocCopyNode(xmlDocGetRootElement(
			    j->pieces[i].data), doc, 1);
			if (copy == NULL || xmlAddChild(root, copy) == NULL)
				goto out;
		}
	}
	if (rq->fmt == FMT_JSON) {
		rc = json_from_tree(doc, j->in->arena, &j->res->body,
		    &j->res->len);
	} else {
		xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 0);
		if (mem != NULL) {
			j->res->body = arena_strndup(j->in->arena,
			    (const char *)mem, (size_t)size);
			j->res->len = (size_t)size;
			rc = j->res->body == NULL ? -1 : 0;
		}
		xmlFree(mem);
	}
out:
	xmlFreeDoc(own);
	return rc;
}

/*
 * A strong validator of the body: its XXH64.  Only tells one body from
 * another for If-None-Match (nothing is secret or signed here); SHA-256
 * did the same at 40 times the instructions, some 8 % of a stage.
 */
static void
make_etag(struct render_result *res)
{
	snprintf(res->etag, sizeof(res->etag), "\"%016" PRIx64 "\"",
	    xxh64(res->body, res->len, 0));
}

int
render(struct instance *in, const struct render_req *rq,
    struct render_result *res, char *why, size_t whylen)
{
	struct brand_state *b = rq->brand;
	struct plugin *p;
	struct job j;
	const char *lang;
	size_t i;
	int rc;

	memset(res, 0, sizeof(*res));
	memset(&j, 0, sizeof(j));
	j.in = in;
	j.rq = rq;
	j.res = res;
	clock_gettime(CLOCK_MONOTONIC, &j.start);
	/*
	 * Schedules are days where the brand is (a zone ICU lacks: UTC; no
	 * date at all: "", and a scheduled touchpoint stays out).
	 */
	if (services_today(rq->now, b->info.timezone, j.today) != 0 &&
	    services_today(rq->now, "UTC", j.today) != 0) {
		log_warn("brand %s: cannot tell today's date: scheduled "
		    "touchpoints stay out", b->info.name);
		j.today[0] = '\0';
	}
	lang = render_lang(in, b, rq->order);
	res->lang = lang;
	metrics_note(b->info.name, stage_name(rq->stage));

	if (rq->touchpoint != NULL) {
		p = plugin_find(in->plugins, rq->touchpoint);
		if (p == NULL || !plugin_serves(p, rq->stage)) {
			snprintf(why, whylen, "no touchpoint '%s' for stage %s",
			    rq->touchpoint, stage_name(rq->stage));
			return 404;
		}
		for (i = 0; i < b->n_tp[rq->stage]; i++)
			if (strcmp(b->tp[rq->stage][i], p->name) == 0)
				break;
		if (i == b->n_tp[rq->stage])
			omit(&j, p->name, "disabled");
		else
			run_plugin(&j, p, lang);
	} else {
		for (i = 0; i < b->n_tp[rq->stage]; i++) {
			p = plugin_find(in->plugins, b->tp[rq->stage][i]);
			if (p == NULL || !plugin_serves(p, rq->stage)) {
				/* Enabled in the store, not installed here. */
				omit(&j, b->tp[rq->stage][i], "unavailable");
				continue;
			}
			run_plugin(&j, p, lang);
		}
	}

	if (rq->fmt == FMT_HTML || rq->fmt == FMT_TXT)
		rc = render_markup(&j);
	else
		rc = render_tree(&j, lang);
	res->n_rendered = j.n;
	for (i = 0; i < j.n; i++)
		xmlFreeDoc(j.pieces[i].data);
	if (rc == -1) {
		snprintf(why, whylen, "out of memory rendering");
		return 500;
	}
	make_etag(res);
	return 0;
}
