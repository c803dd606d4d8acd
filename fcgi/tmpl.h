/*
 * tmpl.h - touchpoint templates: XSLT 1.0 stylesheets run by libxslt.
 *
 * A template is a full-form stylesheet (xsl:stylesheet, xsl:output
 * method="html") that reads a touchpoint's data tree and makes an
 * email-safe HTML fragment.  Stylesheets are compiled once, at load, and
 * reused for every transform.  Defaults live in DIR/<name>.xsl; a brand
 * overrides one with DIR/brands/<brand>/<name>.xsl.
 *
 * What is enforced:
 *   - at load: a full-form stylesheet with xsl:output method="html"; no
 *     disable-output-escaping anywhere (imports and includes too); file
 *     reads only of *.xsl files, no network; the result for the caller's
 *     sample data passes html_check(HTML_CHECK_EMAIL);
 *   - at every transform: no file or network reads (document() gets
 *     nothing, the transform fails), no file writes or directory creation
 *     (xsl:document, exsl:document fail), a template depth cap
 *     (TMPL_MAX_DEPTH) and a variable cap (TMPL_MAX_VARS); the result
 *     passes html_check(HTML_CHECK_EMAIL) or is thrown away.
 *
 * The extension function ppx:url(url [, kind]), namespace "urn:ppx:xslt",
 * is how a template writes any URL: it trims leading whitespace and
 * control characters, refuses anything but an absolute https, http or
 * mailto URL (and any control character inside), percent-encodes
 * characters outside the URL character set, then hands the result to the
 * request's tmpl_link to make the tracked link.  A refused URL gives ""
 * (the template must cope: test string-length()).  kind defaults to
 * "link".
 *
 * Errors are one line in why (may be NULL): "voorpret.xsl: output
 * contains <script>", "brands/runfast/voorpret.xsl:12:
 * disable-output-escaping is not allowed".
 *
 * Not thread-safe: the first load sets libxslt's process-wide security
 * preferences and document loader (ppxd workers are single-threaded).
 */
#ifndef PPX_TMPL_H
#define PPX_TMPL_H

#include <stddef.h>

#include <libxml/tree.h>

struct arena;
struct tmpl;
struct tmpl_set;

#define TMPL_MAX_DEPTH		500	/* nested instructions (recursion: ~half) */
#define TMPL_MAX_VARS		5000	/* live variables and params */
#define TMPL_MAX_URL		2048	/* bytes; longer URLs give "" */
#define TMPL_NAME_MAX		64	/* touchpoint and brand names */

/*
 * How the host makes a tracked link from a checked URL.  fn returns the
 * URL to write into the email (it must stay valid until tmpl_apply
 * returns; it is copied at once), or NULL to write "".  The returned URL
 * is checked again: one that is not https, http or mailto gives "".
 */
struct tmpl_link {
	const char	*(*fn)(void *arg, const char *url, const char *kind);
	void		 *arg;
};

/*
 * Sample data for the check at load.  fn builds a data tree for the
 * touchpoint name (brand is NULL for the default template, else the
 * brand of the override); tmpl_set_load frees it with xmlFreeDoc().
 * NULL from fn fails the load.
 */
struct tmpl_check {
	xmlDocPtr	(*fn)(void *arg, const char *name, const char *brand);
	void		 *arg;
};

/*
 * Compile DIR/<name>.xsl for each of the n names (each [a-z0-9_-]{1,64},
 * each default must exist) and every DIR/brands/<brand>/<name>.xsl that
 * exists (brand directories with another kind of name are skipped with a
 * warning).  When sample is not NULL, every template is applied to its
 * sample data and the result checked; ppxd always passes one (NULL is for
 * tools and tests).  All or nothing: on error *out stays NULL and why
 * holds one line.  Returns 0, or -1.  Free the set with tmpl_set_free().
 */
int		 tmpl_set_load(struct tmpl_set **out, const char *dir,
		    const char *const *names, size_t n,
		    const struct tmpl_check *sample, char *why, size_t whylen);
/* Free a set and every compiled stylesheet in it.  NULL is fine. */
void		 tmpl_set_free(struct tmpl_set *set);

/*
 * The template for touchpoint name: the override of brand if there is
 * one (brand may be NULL), else the default.  NULL if name is not in the
 * set.  The template belongs to the set.
 */
const struct tmpl *tmpl_find(const struct tmpl_set *set, const char *brand,
		    const char *name);
/* "voorpret.xsl" or "brands/runfast/voorpret.xsl"; belongs to the set. */
const char	*tmpl_file(const struct tmpl *t);

/*
 * Apply t to data.  link may be NULL: URLs then pass through unchanged
 * (after the scheme check).  On success *result is an HTML document that
 * passed html_check(HTML_CHECK_EMAIL); the caller frees it with xmlFreeDoc().
 * On error *result is NULL and why names the problem.  Returns 0, or -1.
 */
int		 tmpl_apply(const struct tmpl *t, xmlDocPtr data,
		    const struct tmpl_link *link, xmlDocPtr *result,
		    char *why, size_t whylen);

/*
 * As tmpl_apply, for the host's own pages (a whole HTML document opened
 * in a browser, such as a recycling code's claim page): the result must
 * pass html_check(HTML_CHECK_PAGE) instead of the email check.
 */
int		 tmpl_apply_page(const struct tmpl *t, xmlDocPtr data,
		    const struct tmpl_link *link, xmlDocPtr *result,
		    char *why, size_t whylen);

/*
 * As tmpl_apply (no link), for the console's own pages (/admin/): the
 * result must pass html_check(HTML_CHECK_CONSOLE), not the email check.
 */
int		 tmpl_apply_console(const struct tmpl *t, xmlDocPtr data,
		    xmlDocPtr *result, char *why, size_t whylen);

/*
 * The HTML serialisation of a result (UTF-8, no indentation, no
 * DOCTYPE), NUL-terminated, in the arena; *len excludes the NUL.  An
 * empty result gives "".  Returns 0, or -1 (out of memory, arena cap).
 */
int		 tmpl_serialize(xmlDocPtr result, struct arena *a, char **out,
		    size_t *len);


/*
 * The scheme check and encoding behind ppx:url(), for the host and for
 * tests: the cleaned URL (malloc'd, caller frees) or NULL when refused.
 */
char		*tmpl_url_clean(const char *url);

#endif
