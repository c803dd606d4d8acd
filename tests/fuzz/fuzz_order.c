/*
 * fuzz_order.c - libFuzzer target: the order document, JSON and XML.
 *
 * The same input goes to order_parse_json() and order_parse_xml().  On
 * success the order must keep the promises of order.h: an id of
 * 1..ORDER_MAX_ID printable ASCII bytes, at most ORDER_MAX_ITEMS items,
 * every string valid UTF-8 (checked here independently of query.c)
 * without control characters and within its length cap, lang, dates,
 * country and qty in their shapes.  On failure the order is untouched
 * and the reason is not empty.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"
#include "order.h"

#include "fuzz.h"

#define FUZZ_ARENA	(4 * 1024 * 1024)
#define NAME_MAX_LEN	256
#define POISON		0xa5

static struct arena *
fuzz_arena(void)
{
	static struct arena *a;

	if (a == NULL && (a = arena_new(FUZZ_ARENA)) == NULL)
		abort();
	arena_reset(a);
	return a;
}

/*
 * Strict UTF-8 (shortest form, no surrogates, at most U+10FFFF) without
 * C0, DEL or C1 controls: 1, else 0.
 */
static int
text_ok(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	int n, i;

	while (*s != '\0') {
		if (*s < 0x80) {
			if (*s < 0x20 || *s == 0x7f)
				return 0;
			s++;
			continue;
		}
		if (*s >= 0xc2 && *s <= 0xdf) {
			n = 1;
			cp = *s & 0x1f;
		} else if (*s >= 0xe0 && *s <= 0xef) {
			n = 2;
			cp = *s & 0x0f;
		} else if (*s >= 0xf0 && *s <= 0xf4) {
			n = 3;
			cp = *s & 0x07;
		} else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0x80 && cp <= 0x9f))
			return 0;
		s += n + 1;
	}
	return 1;
}

/* Absent, or non-empty text of at most max bytes. */
static void
check_str(const char *s, size_t max)
{
	if (s == NULL)
		return;
	FUZZ_CHECK(s[0] != '\0');
	FUZZ_CHECK(strlen(s) <= max);
	FUZZ_CHECK(text_ok(s));
}

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void
check_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	long y, m, d;
	int i;

	if (s == NULL)
		return;
	FUZZ_CHECK(strlen(s) == 10 && s[4] == '-' && s[7] == '-');
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7)
			FUZZ_CHECK(s[i] >= '0' && s[i] <= '9');
	y = strtol(s, NULL, 10);
	m = strtol(s + 5, NULL, 10);
	d = strtol(s + 8, NULL, 10);
	FUZZ_CHECK(m >= 1 && m <= 12);
	FUZZ_CHECK(d >= 1 && d <= mdays[m - 1] + (m == 2 && is_leap(y)));
}

static void
check_lang(const char *s)
{
	size_t n;

	if (s == NULL)
		return;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	FUZZ_CHECK(n == 2 || n == 3);
	if (s[n] == '\0')
		return;
	FUZZ_CHECK(s[n] == '-' && strlen(s + n + 1) == 2);
	FUZZ_CHECK(strspn(s + n + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 2);
}

static void
check_order(const struct order *o)
{
	const struct order_item *it;
	size_t i, len;
	long qty;

	FUZZ_CHECK(o->id != NULL);
	len = strlen(o->id);
	FUZZ_CHECK(len >= 1 && len <= ORDER_MAX_ID);
	for (i = 0; i < len; i++)
		FUZZ_CHECK(o->id[i] >= 0x20 && o->id[i] < 0x7f);
	check_lang(o->lang);
	check_str(o->lang, ORDER_MAX_STRING);
	check_date(o->placed);
	check_date(o->expected);
	check_str(o->customer_id, ORDER_MAX_STRING);
	check_str(o->first_name, NAME_MAX_LEN);
	check_str(o->postcode, ORDER_MAX_STRING);
	if (o->country != NULL)
		FUZZ_CHECK(strlen(o->country) == 2 && strspn(o->country,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 2);
	check_str(o->carrier_name, NAME_MAX_LEN);
	check_str(o->tracking_url, ORDER_MAX_STRING);
	check_str(o->pickup_name, NAME_MAX_LEN);
	check_str(o->pickup_address, ORDER_MAX_STRING);
	check_str(o->pickup_hours, ORDER_MAX_STRING);
	FUZZ_CHECK(o->n_items <= ORDER_MAX_ITEMS);
	for (i = 0; i < o->n_items; i++) {
		it = &o->items[i];
		check_str(it->sku, ORDER_MAX_STRING);
		check_str(it->name, NAME_MAX_LEN);
		check_str(it->category, ORDER_MAX_STRING);
		check_str(it->image, ORDER_MAX_STRING);
		check_str(it->url, ORDER_MAX_STRING);
		FUZZ_CHECK(it->qty != NULL);
		FUZZ_CHECK(strspn(it->qty, "0123456789") == strlen(it->qty));
		FUZZ_CHECK(it->qty[0] != '0' && strlen(it->qty) <= 4);
		qty = strtol(it->qty, NULL, 10);
		FUZZ_CHECK(qty >= 1 && qty <= 9999);
		FUZZ_CHECK(order_item_field(o, i, "qty") == it->qty);
	}
	FUZZ_CHECK(order_field(o, "id") == o->id);
	(void)order_field(o, "customer.first_name");
	(void)order_field(o, "no.such.field");
	(void)order_item_field(o, o->n_items, "sku");
}

typedef int (*parse_fn)(struct order *, struct arena *, const char *,
    size_t, char *, size_t);

static void
run(parse_fn parse, const uint8_t *data, size_t size)
{
	static struct order o, poison;
	char why[256];

	memset(&o, POISON, sizeof(o));
	memset(&poison, POISON, sizeof(poison));
	why[0] = '\0';
	if (parse(&o, fuzz_arena(), (const char *)data, size, why,
	    sizeof(why)) == 0)
		check_order(&o);
	else {
		FUZZ_CHECK(why[0] != '\0');
		FUZZ_CHECK(memcmp(&o, &poison, sizeof(o)) == 0);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_init("fuzz", 0);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run(order_parse_json, data, size);
	run(order_parse_xml, data, size);
	return 0;
}
