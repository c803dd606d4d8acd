/*
 * order.h - the order a mailer asks about, in one schema with three
 * spellings: a JSON body, an XML body, or GET query parameters
 * (DESIGN.md, "The order").
 *
 * Every string is valid UTF-8 without control characters, at most
 * ORDER_MAX_STRING bytes (names of people, items, carriers and pickup
 * points at most 256), and lives in the request's arena.  Absent fields
 * are NULL; an empty string (or JSON null) counts as absent.  Only id is
 * required: 1..ORDER_MAX_ID bytes of printable ASCII (a JSON string or
 * integer).  lang is [a-z]{2,3}(-[A-Z]{2})?, placed and expected real
 * calendar dates, country [A-Z]{2}, qty an integer 1..9999 (a JSON
 * number, XML or query text) kept as canonical decimal text.  Unknown
 * JSON keys and XML elements are ignored, but count toward the depth
 * and size limits.  In XML each field appears at most once.
 */
#ifndef PPX_ORDER_H
#define PPX_ORDER_H

#include <stddef.h>

struct arena;
struct query;

#define ORDER_MAX_ITEMS		50
#define ORDER_MAX_STRING	2048	/* bytes, for URLs; names are shorter */
#define ORDER_MAX_DEPTH		8	/* nesting in JSON/XML */
#define ORDER_MAX_ID		64

struct order_item {
	const char	*sku;
	const char	*name;
	const char	*category;
	const char	*image;
	const char	*url;
	const char	*qty;		/* decimal 1..9999, as text; "1" default */
};

struct order {
	const char	*id;
	const char	*lang;		/* "nl", "en", "nl-BE" */
	const char	*placed;	/* YYYY-MM-DD */
	const char	*expected;	/* YYYY-MM-DD */
	const char	*customer_id;
	const char	*first_name;
	const char	*postcode;
	const char	*country;	/* ISO 3166 alpha-2 */
	const char	*carrier_name;
	const char	*tracking_url;
	const char	*pickup_name;
	const char	*pickup_address;
	const char	*pickup_hours;
	size_t		 n_items;
	struct order_item items[ORDER_MAX_ITEMS];
};

/*
 * Parse an order from a JSON (order_parse_json) or XML (order_parse_xml)
 * body of len bytes.  XML has no DOCTYPE, no entities, no network.
 * Returns 0, or -1 with a one-line reason in why (e.g.
 * "items[0].qty: expected a number").  *o is filled on success only.
 */
int	 order_parse_json(struct order *o, struct arena *a, const char *body,
	    size_t len, char *why, size_t whylen);
int	 order_parse_xml(struct order *o, struct arena *a, const char *body,
	    size_t len, char *why, size_t whylen);
/*
 * Build an order from GET parameters: order, lang, placed, expected,
 * first_name, customer, postcode, country, sku, item_name, category,
 * image, url (one item when any item parameter is given).  Parameters
 * it does not know (exp, sig, kid, stage) are ignored.
 */
int	 order_from_query(struct order *o, struct arena *a,
	    const struct query *q, char *why, size_t whylen);

/*
 * A field by its JSON path ("customer.first_name"), or of item i by name
 * ("qty").  NULL when absent or unknown.  These back the plugin services.
 */
const char *order_field(const struct order *o, const char *path);
const char *order_item_field(const struct order *o, size_t i,
	    const char *name);

#endif
