/*
 * codes.h - codes a brand hands out per order and item (recycling
 * returns), their states, and the signed link to a code's page.
 *
 * A code reads "RC-7K2M9-QXD4E": a prefix for its kind, then ten
 * Crockford base32 characters in two groups of five: nine random ones
 * (45 bits from RAND_bytes) and a Luhn mod 32 check character, so a
 * mistyped character or two swapped neighbours are caught before the
 * store is asked.  Reading one back is forgiving: case, spaces and
 * dashes do not matter, O reads as 0, I and L as 1.
 *
 * States only move forward: issued -> claimed -> received (issued ->
 * received too, when the parcel arrives before the click).
 */
#ifndef PPX_CODES_H
#define PPX_CODES_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct arena;
struct sign_key;

#define CODE_LEN	14	/* "RC-XXXXX-XXXXX" */
#define CODE_MAX_ITEM	128	/* bytes of the item (a SKU) */
#define CODE_MAX_KIND	16
#define CODE_LINK_TTL	(366L * 86400)	/* a link is valid a year after issue */

enum code_state {
	CODE_ISSUED,
	CODE_CLAIMED,
	CODE_RECEIVED,
	CODE__MAX
};

struct code_row {
	char		 code[CODE_LEN + 1];
	char		 brand[STORE_MAX_NAME + 1];
	char		 kind[CODE_MAX_KIND + 1];
	char		 order_id[STORE_MAX_NAME + 1];
	char		 item[CODE_MAX_ITEM + 1];
	char		 lang[STORE_MAX_LANG + 1];
	enum code_state	 state;
	int64_t		 issued, claimed, received;	/* 0: not yet */
};

/* "issued" -> CODE_ISSUED; -1 when unknown. */
int		 code_state_parse(const char *s);
const char	*code_state_name(enum code_state s);
/* The prefix of kind ("recycle" -> "RC"), or NULL for an unknown kind. */
const char	*code_prefix(const char *kind);

/* A new random code of kind into out.  0, or -1 (unknown kind, no RNG). */
int	 code_new(const char *kind, char out[CODE_LEN + 1]);
/*
 * The canonical form of a code as a person typed it.  0, or -1 when it
 * is not a code (wrong length or prefix, a character outside the
 * alphabet, a wrong check character).
 */
int	 code_normalize(const char *typed, char out[CODE_LEN + 1]);

/*
 * The code of (brand, kind, order_id, item), made on first use: the same
 * ever after, and one code when several processes ask at once (INSERT OR
 * IGNORE and SELECT in one write transaction).  lang is the order's
 * language, kept for the code's page.  0, or -1 (store_errmsg).
 */
int	 code_issue(struct store *st, const char *brand, const char *kind,
	    const char *order_id, const char *item, const char *lang,
	    int64_t now, char out[CODE_LEN + 1]);
/* The row of a canonical code.  0, STORE_NOTFOUND or -1. */
int	 code_get(struct store *st, const char *code, struct code_row *out);
/*
 * Move code forward to state to (CODE_CLAIMED or CODE_RECEIVED) at now.
 * A code already there or beyond is left as it is.  OUT: *row after the
 * change, *changed 1 when this call moved it.  0, STORE_NOTFOUND or -1.
 */
int	 code_advance(struct store *st, const char *code, enum code_state to,
	    int64_t now, struct code_row *row, int *changed);
/* How many codes of (brand, kind) are in state (-1: any).  0 or -1. */
int	 code_count(struct store *st, const char *brand, const char *kind,
	    int state, int64_t *n);
/*
 * The signed path of a code's page, "/v1/KIND/CODE?exp=…&kid=…&sig=…",
 * valid until exp.  In the arena; NULL on error.
 */
char	*code_page_path(struct arena *a, const struct sign_key *k,
	    const char *kid, const char *kind, const char *code, int64_t exp);

#endif
