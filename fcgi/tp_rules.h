/*
 * tp_rules.h - a touchpoint's schedule and frequency cap per brand and
 * stage, as the console sets them and the render path honours them.
 *
 * Schedule: shown from the day starts to the day ends, both included
 * (days in the brand's time zone, "YYYY-MM-DD"); either may be absent.  Cap: shown to one
 * customer at most once per cap_days days, counting distinct orders:
 * the same order fetched again (a retry, the text pass) is shown again
 * and does not count twice.  The cap needs the order's customer id; an
 * order without one is never capped.  The store keeps only salted hashes
 * of customer and order ids.
 */
#ifndef PPX_TP_RULES_H
#define PPX_TP_RULES_H

#include <stdint.h>

struct order;
struct store;

#define TP_RULES_MAX_CAP_DAYS	366

struct tp_rule {
	char	starts[11];	/* "" when open */
	char	ends[11];	/* "" when open */
	int	cap_days;	/* 0: no cap */
};

/* OUT: *r (all open when there is no row).  0 or -1. */
int	 tp_rules_get(struct store *st, const char *brand, const char *stage,
	    const char *name, struct tp_rule *r);
/* Store r (all open deletes the row).  0, or -1 with why. */
int	 tp_rules_set(struct store *st, const char *brand, const char *stage,
	    const char *name, const struct tp_rule *r, char *why,
	    size_t whylen);
/* 1 when s is "" or a real date YYYY-MM-DD. */
int	 tp_rules_date_valid(const char *s);

/*
 * May touchpoint name be shown in brand's stage for order at now, which
 * is the day today ("YYYY-MM-DD" in the brand's time zone; "" when the
 * date is unknown: then every schedule holds its touchpoint back)?  NULL
 * when
 * yes (a capped showing is then remembered), else the reason for
 * PPX-Omitted: "scheduled" or "capped".  Errors of the store let it show.
 */
const char *tp_rules_check(struct store *st, const char *brand,
	    const char *stage, const char *name, const struct order *o,
	    const char *today, int64_t now);

#endif
