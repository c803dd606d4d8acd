/*
 * store.h - the embedded sqlite store: schema, migrations and the narrow
 * set of queries the host needs.  One struct store per process (per
 * worker after fork); its prepared statements are reused.
 *
 * Return values: 0 on success, STORE_NOTFOUND when a lookup finds
 * nothing, -1 on error with a one-line reason in why where a why is
 * taken (else logged by the caller from store_errmsg()).
 */
#ifndef PPX_STORE_H
#define PPX_STORE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct sqlite3;
struct sqlite3_stmt;
struct store;

#define STORE_NOTFOUND	1

#define STORE_MAX_NAME	64
#define STORE_MAX_LANG	15
#define STORE_MAX_TZ	63
#define STORE_MAX_KID	16
#define STORE_MAX_SECRET 64
#define STORE_BUSY_TIMEOUT_MS 5000	/* how long a writer waits for the lock */

enum store_flags {
	STORE_MIGRATE = 1 << 0,	/* bring the schema up to date on open */
	STORE_CREATE = 1 << 1,	/* create the file when missing */
	STORE_READONLY = 1 << 2
};

/*
 * Open path with WAL, a busy timeout, foreign keys on.  Without
 * STORE_MIGRATE an out-of-date schema is an error ("run ppx migrate").
 * A failed migration is rolled back whole.  OUT: *out.
 */
int	 store_open(struct store **out, const char *path, int flags,
	    char *why, size_t whylen);
void	 store_close(struct store *st);
/* The latest sqlite error message of this handle. */
const char *store_errmsg(struct store *st);
/* The schema version (PRAGMA user_version) and the newest one known. */
int	 store_schema_version(struct store *st);
int	 store_schema_latest(void);
/*
 * PRAGMA data_version: changes when another connection commits.  Workers
 * compare it per request to know when to drop their caches.
 */
int64_t	 store_data_version(struct store *st);

/* Run fn inside one transaction (BEGIN IMMEDIATE … COMMIT/ROLLBACK). */
int	 store_begin(struct store *st);
int	 store_commit(struct store *st);
void	 store_rollback(struct store *st);

/*
 * After a request: end (and log, as the bug it is) any statement left
 * stepping and any transaction left open.  Returns how many.
 */
int	 store_end_request(struct store *st);

/* --- brands -------------------------------------------------------------- */

struct store_brand {
	char	name[STORE_MAX_NAME + 1];
	char	default_lang[STORE_MAX_LANG + 1];
	char	timezone[STORE_MAX_TZ + 1];	/* "Europe/Amsterdam" */
};

int	 store_brand_add(struct store *st, const struct store_brand *b,
	    char *why, size_t whylen);
int	 store_brand_get(struct store *st, const char *name,
	    struct store_brand *out);
/* The brand's language for a destination country ("BE" → "nl"). */
int	 store_brand_country_lang_set(struct store *st, const char *brand,
	    const char *country, const char *lang);
int	 store_brand_country_lang(struct store *st, const char *brand,
	    const char *country, char lang[STORE_MAX_LANG + 1]);

/* --- credentials --------------------------------------------------------- */

/* API keys are stored as the hex SHA-256 of the key, never the key. */
int	 store_key_add(struct store *st, const char *brand,
	    const char *hash_hex, char *why, size_t whylen);
/* OUT: brand of the key with this hash.  STORE_NOTFOUND when none. */
int	 store_key_brand(struct store *st, const char *hash_hex,
	    char brand[STORE_MAX_NAME + 1]);

/* URL-signing secrets, one per key id; the newest is the current one. */
int	 store_secret_add(struct store *st, const char *brand,
	    const char *kid, const uint8_t *secret, size_t len);
int	 store_secret_get(struct store *st, const char *brand,
	    const char *kid, uint8_t secret[STORE_MAX_SECRET], size_t *len);
int	 store_secret_current(struct store *st, const char *brand,
	    char kid[STORE_MAX_KID + 1], uint8_t secret[STORE_MAX_SECRET],
	    size_t *len);

/* --- touchpoints per brand and stage ------------------------------------- */

/* Enable or disable; a new row goes to the end of the stage's order. */
int	 store_touchpoint_set(struct store *st, const char *brand,
	    const char *stage, const char *name, int enabled);
/* Enabled touchpoints of a stage in the brand's order. OUT: names, *n. */
int	 store_touchpoints(struct store *st, const char *brand,
	    const char *stage, char names[][STORE_MAX_NAME + 1], size_t max,
	    size_t *n);

/* --- copy and content ---------------------------------------------------- */

/* brand "" holds the shared defaults every brand falls back to. */
int	 store_msg_put(struct store *st, const char *brand, const char *lang,
	    const char *key, const char *text);
/* The brand's message, else the default.  OUT: *text in the arena. */
int	 store_msg_get(struct store *st, const char *brand, const char *lang,
	    const char *key, struct arena *a, const char **text);

int	 store_content_add(struct store *st, const char *brand,
	    const char *dataset, const char *key, const char *lang,
	    int position, const char *body);
/*
 * Rows by position; the brand's rows when it has any, else defaults.
 * STORE_NOTFOUND (and *n 0) when neither has a row.
 */
int	 store_content_get(struct store *st, const char *brand,
	    const char *dataset, const char *key, const char *lang,
	    struct arena *a, const char **out, size_t max, size_t *n);

/* --- added: limits, validation, re-imports ------------------------------- */

#define STORE_MAX_KEY	128	/* message and content keys */
#define STORE_MAX_TEXT	4096	/* a message text or a content body, bytes */

/* 1 when s is a brand, stage, touchpoint or dataset name: 1..64 [a-z0-9_-]. */
int	 store_valid_name(const char *s);
/* 1 when s is a language tag: [a-z]{2,3}(-[A-Z]{2})?. */
int	 store_valid_lang(const char *s);
/* 1 when s is a message or content key: 1..128 of [A-Za-z0-9_.-]. */
int	 store_valid_key(const char *s);
/* 1 when the len bytes at s are well-formed UTF-8 without NUL. */
int	 store_valid_utf8(const char *s, size_t len);
/* Delete the brand's rows of one content dataset (before a re-import). */
int	 store_content_clear(struct store *st, const char *brand,
	    const char *dataset);

/* --- brand settings (1.1) ------------------------------------------------ */

/* A setting of the brand ("club.radius_km").  OUT: *value in the arena. */
int	 store_setting_get(struct store *st, const char *brand,
	    const char *key, struct arena *a, const char **value);
int	 store_setting_set(struct store *st, const char *brand,
	    const char *key, const char *value);

/* --- for host modules that own their tables -------------------------------- */

/* The connection itself. */
struct sqlite3 *store_db(struct store *st);
/*
 * A prepared statement for sql, made once per store and reset and
 * unbound on every call.  sql must be a string literal (or live as long
 * as the store): it is cached by address.  NULL on error (store_errmsg).
 */
struct sqlite3_stmt *store_prepare(struct store *st, const char *sql);

#endif
