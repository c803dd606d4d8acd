/*
 * club.c - an invite to a local running club, after the shoes arrived.
 *
 * Stages: delivered (default), picked_up, shipped.  Asks the host for the
 * brand's clubs nearest to the customer's postcode (host->clubs_near,
 * within the brand's "club.radius_km"); with none nearby, or an unknown
 * postcode, it invites to the brand's online community instead (setting
 * "club.community_url"), and without that it has nothing to say
 * (PPX_NODATA).  No words live here: every word comes from the catalog
 * or the club data.
 *
 * The data tree (the contract with club.xsl and the .xml/.json output):
 *
 *   <touchpoint name="club" stage="delivered" lang="nl" brand="demo">
 *     either (a) one to CLUBS_SHOWN clubs, nearest first:
 *       <clubs>
 *         <msg key="club.heading">…</msg>
 *         <msg key="club.intro">…</msg>              (optional copy)
 *         <club>
 *           <name>AV Demo</name>
 *           <city>Utrecht</city>                     (when known)
 *           <distance km="3.2">
 *             <msg key="club.distance">3,2 km</msg>  ({km} per locale)
 *           </distance>
 *           <link href="…"/>                         (host->link "club")
 *           <msg key="club.visit">…</msg>            (with the link)
 *           <event date="2026-12-12">                (its next event)
 *             <name>Kerstloop</name>
 *             <msg key="club.next_event">…</msg>     ({date} per locale)
 *             <link href="…"/>                       (host->link "event")
 *           </event>
 *         </club>
 *       </clubs>
 *     or (b) the fallback:
 *       <community>
 *         <msg key="club.community_heading">…</msg>
 *         <msg key="club.community_text">…</msg>     (optional copy)
 *         <link href="…"/>                           (host->link "community")
 *         <msg key="club.community_link">…</msg>
 *       </community>
 *   </touchpoint>
 *
 * Builds out of tree with nothing but <ppx/plugin.h> and libc.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <ppx/plugin.h>

#define CLUBS_SHOWN	3	/* clubs in the invite */

static const char *const stages[] = {
	"delivered", "picked_up", "shipped", NULL
};

/* <link href="…"/> when url makes a link.  OUT: *made. */
static int
put_link(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *parent, const char *url, const char *kind, int *made)
{
	const char	*href;

	*made = 0;
	if (url == NULL || url[0] == '\0' ||
	    (href = host->link(ctx, url, kind)) == NULL)
		return PPX_OK;
	if (ppx_link_elem(host, ctx, parent, href) != PPX_OK)
		return PPX_ERROR;
	*made = 1;
	return PPX_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/*
 * The date "YYYY-MM-DD" as an ICU date argument: milliseconds since the
 * epoch at noon UTC (the same calendar day in every European zone).  The
 * half millisecond keeps it a double: the host passes whole numbers as
 * integers, which ICU's date format does not take.  -1 when malformed.
 */
static int
date_arg(const char *iso, double *ms)
{
	unsigned	 y, m, d;
	int		 len = 0;

	if (iso == NULL || strlen(iso) != 10 ||
	    sscanf(iso, "%4u-%2u-%2u%n", &y, &m, &d, &len) != 3 || len != 10 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*ms = ((double)days_from_civil(y, m, d) * 86400.0 + 43200.0) *
	    1000.0 + 0.5;
	return 0;
}

static int
put_event(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *club, const struct ppx_club *c)
{
	struct ppx_node	*event;
	struct ppx_arg	 args[2];
	double		 ms;
	int		 made;

	if (c->event_name == NULL || date_arg(c->event_date, &ms) == -1)
		return PPX_OK;
	if ((event = host->elem(ctx, club, "event")) == NULL ||
	    host->attr(ctx, event, "date", c->event_date) != PPX_OK ||
	    ppx_text_elem(host, ctx, event, "name", c->event_name) != PPX_OK)
		return PPX_ERROR;
	args[0].name = "event";
	args[0].text = c->event_name;
	args[0].number = 0;
	args[1].name = "date";
	args[1].text = NULL;
	args[1].number = ms;
	if (ppx_msg_required(host, ctx, event, "club.next_event", args, 2) !=
	    PPX_OK)
		return PPX_ERROR;
	return put_link(host, ctx, event, c->event_url, "event", &made);
}

static int
put_club(const struct ppx_host *host, struct ppx_ctx *ctx,
    struct ppx_node *list, const struct ppx_club *c)
{
	struct ppx_node	*club, *distance;
	struct ppx_arg	 arg;
	char		 km[32];
	int		 made;

	if (c->name == NULL)
		return PPX_OK;
	if ((club = host->elem(ctx, list, "club")) == NULL ||
	    ppx_text_elem(host, ctx, club, "name", c->name) != PPX_OK)
		return PPX_ERROR;
	if (c->city != NULL && c->city[0] != '\0' &&
	    ppx_text_elem(host, ctx, club, "city", c->city) != PPX_OK)
		return PPX_ERROR;
	if ((distance = host->elem(ctx, club, "distance")) == NULL)
		return PPX_ERROR;
	(void)snprintf(km, sizeof(km), "%.1f", c->km);
	if (host->attr(ctx, distance, "km", km) != PPX_OK)
		return PPX_ERROR;
	arg.name = "km";
	arg.text = NULL;
	arg.number = c->km;
	if (ppx_msg_required(host, ctx, distance, "club.distance", &arg, 1) !=
	    PPX_OK)
		return PPX_ERROR;
	if (put_link(host, ctx, club, c->url, "club", &made) != PPX_OK)
		return PPX_ERROR;
	if (made && ppx_msg_required(host, ctx, club, "club.visit", NULL, 0) !=
	    PPX_OK)
		return PPX_ERROR;
	return put_event(host, ctx, club, c);
}

static int
put_clubs(const struct ppx_host *host, struct ppx_ctx *ctx,
    const struct ppx_club *clubs, size_t n)
{
	struct ppx_node	*root, *list;
	size_t		 i;

	if ((root = host->root(ctx)) == NULL ||
	    (list = host->elem(ctx, root, "clubs")) == NULL)
		return PPX_ERROR;
	if (ppx_msg_required(host, ctx, list, "club.heading", NULL, 0) !=
	    PPX_OK ||
	    ppx_msg_optional(host, ctx, list, "club.intro", NULL, 0) != PPX_OK)
		return PPX_ERROR;
	for (i = 0; i < n; i++)
		if (put_club(host, ctx, list, &clubs[i]) != PPX_OK)
			return PPX_ERROR;
	return PPX_OK;
}

/* None nearby: the brand's online community, when it has one. */
static int
put_community(const struct ppx_host *host, struct ppx_ctx *ctx)
{
	struct ppx_node	*root, *community;
	const char	*url;
	int		 made;

	if ((url = host->setting(ctx, "club.community_url")) == NULL)
		return PPX_NODATA;
	if ((root = host->root(ctx)) == NULL ||
	    (community = host->elem(ctx, root, "community")) == NULL)
		return PPX_ERROR;
	if (ppx_msg_required(host, ctx, community, "club.community_heading",
	    NULL, 0) != PPX_OK || ppx_msg_optional(host, ctx, community,
	    "club.community_text", NULL, 0) != PPX_OK)
		return PPX_ERROR;
	if (put_link(host, ctx, community, url, "community", &made) !=
	    PPX_OK)
		return PPX_ERROR;
	if (!made) {
		host->log(ctx, PPX_LOG_WARN, "club.community_url is not a "
		    "web link");
		return PPX_NODATA;
	}
	return ppx_msg_required(host, ctx, community, "club.community_link",
	    NULL, 0);
}

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_club	 clubs[CLUBS_SHOWN];
	size_t		 n = 0;
	int		 rc;

	(void)state;
	memset(clubs, 0, sizeof(clubs));
	rc = host->clubs_near(ctx, 0, clubs, CLUBS_SHOWN, &n);
	if (rc == PPX_OK && n > CLUBS_SHOWN)	/* a host that overran max */
		return PPX_ERROR;
	if (rc == PPX_OK && n > 0)
		return put_clubs(host, ctx, clubs, n);
	if (rc == PPX_OK || rc == PPX_ENOTFOUND)
		return put_community(host, ctx);
	return PPX_ERROR;
}

/* The plugin descriptor, the one exported symbol; no per-worker state. */
extern PPX_EXPORT const struct ppx_plugin ppx_plugin;
PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	PPX_ABI_MAJOR, PPX_ABI_MINOR, "club", stages, NULL, render, NULL
};
