/*
 * catalog.h - message catalogs (gettext .po) and content tables (CSV)
 * into the store.
 *
 * A catalog entry's msgid is the message key ("voorpret.countdown"); its
 * msgstr is the text, an ICU MessageFormat pattern (see msgfmt.h).  With
 * a msgctxt the key is "msgctxt.msgid" (msgctxt "voorpret", msgid
 * "countdown").  gettext plural forms (msgid_plural, msgstr[n]) are
 * refused: plurals are ICU {n, plural, …} inside one msgstr.
 *
 * Imports are all or nothing: one transaction, every row checked first.
 * Errors are one line, "FILE:LINE: reason".
 */
#ifndef PPX_CATALOG_H
#define PPX_CATALOG_H

#include <stddef.h>

#include "store.h"

struct arena;

#define CATALOG_MAX_FILE	(1024 * 1024)	/* bytes of a .po or .csv */
#define CATALOG_MAX_STRING	4096		/* bytes of one string/field */
#define CATALOG_MAX_ENTRIES	10000		/* entries or rows per file */

struct po_entry {
	const char	*msgctxt;	/* NULL when absent */
	const char	*msgid;
	const char	*msgstr;	/* "" when untranslated */
	int		 fuzzy;		/* "#, fuzzy" */
	size_t		 line;		/* of msgid */
	size_t		 str_line;	/* of msgstr */
};

struct po_file {
	struct po_entry	*entries;	/* in file order, header excluded */
	size_t		 n;
	/* The header's Language: as a tag ("pt_BR" becomes "pt-BR"). */
	char		 lang[STORE_MAX_LANG + 1];	/* "" when absent */
};

/*
 * Parse the .po text buf[0..len) (name is used in errors).  Everything
 * in out, strings included, lives in arena a.  0, or -1 with why.
 */
int	 po_parse(const char *name, const char *buf, size_t len,
	    struct arena *a, struct po_file *out, char *why, size_t whylen);
/* The message key of e ("ctxt.msgid" or "msgid") in arena a; NULL: ENOMEM. */
const char *po_key(struct arena *a, const struct po_entry *e);

/* A checked entry: its message key and the entry. */
struct po_message {
	const char		*key;
	const struct po_entry	*e;
};

/*
 * Check pf as catalog_import_po does before it writes anything: every
 * key valid and unique, every translated, non-fuzzy msgstr a
 * MessageFormat.  OUT: *msgs, pf->n of them sorted by key, in arena a.
 * 0, or -1 with why ("NAME:LINE: reason").
 */
int	 po_check(const char *name, const struct po_file *pf,
	    struct arena *a, struct po_message **msgs, char *why,
	    size_t whylen);

/*
 * Import the translated, non-fuzzy entries of the .po at path as brand's
 * messages (brand "" for the shared defaults) in lang, or the header's
 * Language: when lang is NULL.  Existing messages of other keys stay;
 * a key in the file replaces the stored text.  Every msgstr must compile
 * as a MessageFormat.  All or nothing.  OUT: *count imported.
 */
int	 catalog_import_po(struct store *st, const char *brand,
	    const char *path, const char *lang, size_t *count, char *why,
	    size_t whylen);

/*
 * Import the CSV at path (RFC 4180, UTF-8, header exactly
 * "dataset,key,lang,position,body") as brand's content.  The file is the
 * whole truth for each dataset it names: the brand's earlier rows of
 * those datasets are replaced.  All or nothing.  OUT: *count rows.
 */
int	 content_import_csv(struct store *st, const char *brand,
	    const char *path, size_t *count, char *why, size_t whylen);

#endif
