/*
 * services.c - the host-services table: order access, the data-tree
 * builder, catalog messages, clock, log, links, content.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlstring.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "arena.h"
#include "brandcache.h"
#include "log.h"
#include "msgfmt.h"
#include "order.h"
#include "services.h"
#include "store.h"

#define NODE(n)	((xmlNodePtr)(n))

int
services_name_valid(const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0' || strlen(s) > 64)
		return 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
	    s[0] == '_'))
		return 0;
	if (strncasecmp(s, "xml", 3) == 0)
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return 0;
	}
	return 1;
}

/* Valid UTF-8 without the control characters XML 1.0 forbids. */
static int
text_valid(const char *s)
{
	const unsigned char *p;

	if (!xmlCheckUTF8((const xmlChar *)s))
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return 1;
}

/* Count one node of len bytes against the render's limits. */
static int
charge(struct ppx_ctx *ctx, size_t len)
{
	if (ctx->nodes >= SERVICES_MAX_NODES ||
	    len > SERVICES_MAX_TEXT - ctx->bytes) {
		if (!ctx->over_limit)
			log_warn("plugin %s: data tree over its limit",
			    ctx->plugin);
		ctx->over_limit = 1;
		return -1;
	}
	ctx->nodes++;
	ctx->bytes += len;
	return 0;
}

int
services_begin(struct ppx_ctx *ctx)
{
	ctx->nodes = 0;
	ctx->bytes = 0;
	ctx->over_limit = 0;
	ctx->doc = xmlNewDoc(BAD_CAST "1.0");
	if (ctx->doc == NULL)
		return -1;
	ctx->root = xmlNewDocNode(ctx->doc, NULL, BAD_CAST "touchpoint", NULL);
	if (ctx->root == NULL)
		goto out_doc;
	xmlDocSetRootElement(ctx->doc, ctx->root);
	if (xmlNewProp(ctx->root, BAD_CAST "name", BAD_CAST ctx->plugin) ==
	    NULL ||
	    xmlNewProp(ctx->root, BAD_CAST "stage", BAD_CAST ctx->stage) ==
	    NULL ||
	    xmlNewProp(ctx->root, BAD_CAST "lang", BAD_CAST ctx->lang) ==
	    NULL ||
	    xmlNewProp(ctx->root, BAD_CAST "brand", BAD_CAST ctx->brand) ==
	    NULL)
		goto out_doc;
	return 0;
out_doc:
	xmlFreeDoc(ctx->doc);
	ctx->doc = NULL;
	ctx->root = NULL;
	return -1;
}

/* --- the order --------------------------------------------------------- */

static const char *
svc_order_field(struct ppx_ctx *ctx, const char *path)
{
	return path == NULL ? NULL : order_field(ctx->order, path);
}

static size_t
svc_item_count(struct ppx_ctx *ctx)
{
	return ctx->order->n_items;
}

static const char *
svc_item_field(struct ppx_ctx *ctx, size_t i, const char *name)
{
	return name == NULL ? NULL : order_item_field(ctx->order, i, name);
}

static const char *
svc_brand(struct ppx_ctx *ctx)
{
	return ctx->brand;
}

static const char *
svc_stage(struct ppx_ctx *ctx)
{
	return ctx->stage;
}

static const char *
svc_lang(struct ppx_ctx *ctx)
{
	return ctx->lang;
}

/* --- the data tree -------------------------------------------------------- */

static struct ppx_node *
svc_root(struct ppx_ctx *ctx)
{
	return (struct ppx_node *)ctx->root;
}

static struct ppx_node *
svc_elem(struct ppx_ctx *ctx, struct ppx_node *parent, const char *name)
{
	xmlNodePtr n;

	if (parent == NULL || !services_name_valid(name))
		return NULL;
	if (charge(ctx, strlen(name)) == -1)
		return NULL;
	n = xmlNewChild(NODE(parent), NULL, BAD_CAST name, NULL);
	return (struct ppx_node *)n;
}

static int
svc_attr(struct ppx_ctx *ctx, struct ppx_node *node, const char *name,
    const char *value)
{
	if (node == NULL || value == NULL || !services_name_valid(name))
		return PPX_EINVAL;
	/* The host owns these on the root. */
	if (NODE(node) == ctx->root)
		return PPX_EINVAL;
	if (!text_valid(value))
		return PPX_EINVAL;
	if (charge(ctx, strlen(name) + strlen(value)) == -1)
		return PPX_ENOMEM;
	/* xmlSetProp escapes on output; the value is data, never markup. */
	if (xmlSetProp(NODE(node), BAD_CAST name, BAD_CAST value) == NULL)
		return PPX_ENOMEM;
	return PPX_OK;
}

static int
svc_text(struct ppx_ctx *ctx, struct ppx_node *node, const char *text)
{
	xmlNodePtr t;

	if (node == NULL || text == NULL || !text_valid(text))
		return PPX_EINVAL;
	if (charge(ctx, strlen(text)) == -1)
		return PPX_ENOMEM;
	/* xmlNewText stores raw text; it is escaped when serialised. */
	t = xmlNewText(BAD_CAST text);
	if (t == NULL)
		return PPX_ENOMEM;
	if (xmlAddChild(NODE(node), t) == NULL) {
		xmlFreeNode(t);
		return PPX_ENOMEM;
	}
	return PPX_OK;
}

/* The pattern for key: lang, its base language, the brand's default. */
static const char *
find_msg(struct ppx_ctx *ctx, const char *key, const char **locale)
{
	char base[STORE_MAX_LANG + 1];
	const char *tries[3], *text;
	size_t i, n = 0;
	char *dash;

	tries[n++] = ctx->lang;
	snprintf(base, sizeof(base), "%s", ctx->lang);
	if ((dash = strchr(base, '-')) != NULL) {
		*dash = '\0';
		tries[n++] = base;
	}
	if (ctx->default_lang != NULL && strcmp(ctx->default_lang, base) != 0)
		tries[n++] = ctx->default_lang;
	for (i = 0; i < n; i++) {
		if ((ctx->bstate != NULL ? brandcache_msg(ctx->brands,
		    ctx->bstate, tries[i], key, &text) :
		    store_msg_get(ctx->store, ctx->brand, tries[i], key,
		    ctx->arena, &text)) == 0) {
			*locale = tries[i] == base ? ctx->lang : tries[i];
			return text;
		}
	}
	return NULL;
}

static int
svc_msg(struct ppx_ctx *ctx, struct ppx_node *parent, const char *key,
    const struct ppx_arg *args, size_t nargs)
{
	char out[SERVICES_MAX_MSG], why[256];
	const char *pattern, *locale;
	xmlNodePtr m;
	size_t i;

	if (parent == NULL || key == NULL || (nargs > 0 && args == NULL))
		return PPX_EINVAL;
	for (i = 0; i < nargs; i++)
		if (args[i].name == NULL ||
		    (args[i].text != NULL && !text_valid(args[i].text)))
			return PPX_EINVAL;
	if ((pattern = find_msg(ctx, key, &locale)) == NULL && ctx->sample) {
		/* The load-time check runs before any copy may be imported. */
		pattern = key;
		locale = ctx->lang;
	} else if (pattern == NULL) {
		log_warn("plugin %s: no message '%.64s' for %s/%s",
		    ctx->plugin, key, ctx->brand[0] ? ctx->brand : "-",
		    ctx->lang);
		return PPX_ENOTFOUND;
	}
	if (msgfmt_format(locale, pattern, args, nargs, out, sizeof(out), why,
	    sizeof(why)) == -1) {
		log_warn("plugin %s: message '%.64s' (%s): %s", ctx->plugin,
		    key, locale, why);
		return PPX_EINVAL;
	}
	if (charge(ctx, strlen(out) + strlen(key)) == -1)
		return PPX_ENOMEM;
	m = xmlNewChild(NODE(parent), NULL, BAD_CAST "msg", NULL);
	if (m == NULL)
		return PPX_ENOMEM;
	if (xmlSetProp(m, BAD_CAST "key", BAD_CAST key) == NULL)
		return PPX_ENOMEM;
	xmlNodeAddContent(m, BAD_CAST out);
	return PPX_OK;
}

/* --- clock and log -------------------------------------------------------- */

static int64_t
svc_now(struct ppx_ctx *ctx)
{
	return ctx->now;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static int
parse_iso_date(const char *s, long *y, unsigned *m, unsigned *d)
{
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	unsigned yy, mm, dd;
	int n = 0;

	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4u-%2u-%2u%n", &yy, &mm, &dd, &n) != 3 || n != 10)
		return -1;
	if (mm < 1 || mm > 12 || dd < 1 || dd > mdays[mm - 1])
		return -1;
	if (mm == 2 && dd == 29 &&
	    !(yy % 4 == 0 && (yy % 100 != 0 || yy % 400 == 0)))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

/* The calendar date at instant now in zone tz ("" or NULL: UTC).  0/-1. */
static int
local_date(int64_t now, const char *tz, long *y, unsigned *m, unsigned *d)
{
	static UCalendar *cal;
	static char cal_tz[STORE_MAX_TZ + 1];
	UChar utz[STORE_MAX_TZ + 1];
	UErrorCode status = U_ZERO_ERROR;

	if (tz == NULL || tz[0] == '\0')
		tz = "UTC";
	/* One calendar per worker, reopened only when the zone changes. */
	if (cal == NULL || strcmp(cal_tz, tz) != 0) {
		if (strlen(tz) > STORE_MAX_TZ)
			return -1;
		u_uastrcpy(utz, tz);
		if (cal != NULL)
			ucal_close(cal);
		cal = ucal_open(utz, -1, "en_US_POSIX", UCAL_GREGORIAN,
		    &status);
		if (U_FAILURE(status)) {
			cal = NULL;
			return -1;
		}
		snprintf(cal_tz, sizeof(cal_tz), "%s", tz);
	}
	ucal_setMillis(cal, (UDate)now * 1000.0, &status);
	*y = ucal_get(cal, UCAL_YEAR, &status);
	*m = (unsigned)ucal_get(cal, UCAL_MONTH, &status) + 1;
	*d = (unsigned)ucal_get(cal, UCAL_DATE, &status);
	return U_FAILURE(status) ? -1 : 0;
}

int
services_days_until(int64_t now, const char *tz, const char *iso, long *days)
{
	long y, ty;
	unsigned m, d, tm, td;

	if (parse_iso_date(iso, &y, &m, &d) == -1 ||
	    local_date(now, tz, &ty, &tm, &td) == -1)
		return -1;
	*days = days_from_civil(y, m, d) - days_from_civil(ty, tm, td);
	return 0;
}

int
services_today(int64_t now, const char *tz, char out[11])
{
	long y;
	unsigned m, d;

	if (local_date(now, tz, &y, &m, &d) == -1 || y < 0 || y > 9999)
		return -1;
	snprintf(out, 11, "%04ld-%02u-%02u", y, m % 100, d % 100);
	return 0;
}

static int
svc_days_until(struct ppx_ctx *ctx, const char *iso, long *days)
{
	if (days == NULL ||
	    services_days_until(ctx->now, ctx->timezone, iso, days) == -1)
		return PPX_EINVAL;
	return PPX_OK;
}

static void	svc_log(struct ppx_ctx *ctx, int level, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

static void
svc_log(struct ppx_ctx *ctx, int level, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (level < LOG_LVL_ERR)
		level = LOG_LVL_ERR;
	log_msg(level, "plugin %s: %s", ctx->plugin, line);
}

/* --- links and content ------------------------------------------------------ */

static const char *
svc_setting(struct ppx_ctx *ctx, const char *key)
{
	const char *value;

	if (key == NULL || ctx->brand[0] == '\0')
		return NULL;
	if (ctx->bstate != NULL)
		return brandcache_setting(ctx->brands, ctx->bstate, key,
		    &value) == 0 ? value : NULL;
	return store_setting_get(ctx->store, ctx->brand, key, ctx->arena,
	    &value) == 0 ? value : NULL;
}

static int
content_in(struct ppx_ctx *ctx, const char *dataset, const char *key,
    const char *lang, const char **out, size_t max, size_t *n)
{
	if (ctx->bstate != NULL)
		return brandcache_content(ctx->brands, ctx->bstate, dataset,
		    key, lang, out, max, n);
	return store_content_get(ctx->store, ctx->brand, dataset, key, lang,
	    ctx->arena, out, max, n);
}

static int
svc_content(struct ppx_ctx *ctx, const char *dataset, const char *key,
    const char **out, size_t max, size_t *n)
{
	int rc;

	if (dataset == NULL || key == NULL || out == NULL || n == NULL)
		return PPX_EINVAL;
	*n = 0;
	if (!store_valid_key(dataset) || !store_valid_key(key))
		return PPX_EINVAL;
	rc = content_in(ctx, dataset, key, ctx->lang, out, max, n);
	if (rc != -1 && *n == 0 && ctx->default_lang != NULL &&
	    strcmp(ctx->lang, ctx->default_lang) != 0)
		rc = content_in(ctx, dataset, key, ctx->default_lang, out,
		    max, n);
	if (rc == -1)
		return PPX_ERROR;
	return *n == 0 ? PPX_ENOTFOUND : PPX_OK;
}

const struct ppx_host services_host = {
	.abi_major = PPX_ABI_MAJOR,
	.abi_minor = PPX_ABI_MINOR,
	.size = sizeof(struct ppx_host),
	.order_field = svc_order_field,
	.item_count = svc_item_count,
	.item_field = svc_item_field,
	.brand = svc_brand,
	.stage = svc_stage,
	.lang = svc_lang,
	.root = svc_root,
	.elem = svc_elem,
	.attr = svc_attr,
	.text = svc_text,
	.msg = svc_msg,
	.now = svc_now,
	.days_until = svc_days_until,
	.log = svc_log,
	.link = services_link,
	.content = svc_content,
	.setting = svc_setting,
	.code_issue = services_code_issue,
	.code_link = services_code_link,
	.code_count = services_code_count,
	.clubs_near = services_clubs_near,
	.feed = services_feed,
};
