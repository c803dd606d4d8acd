/*
 * html_check.h - the post-render check of DESIGN.md: every template's
 * result passes it before anything is sent (tmpl_apply*), and each
 * template passes it on a hostile sample when it is loaded.
 */
#ifndef PPX_HTML_CHECK_H
#define PPX_HTML_CHECK_H

#include <stddef.h>

#include <libxml/tree.h>

enum html_check_mode {
	/*
	 * An email fragment.  Refused: the elements script, form, style,
	 * link, iframe, frame, frameset, object, embed, applet, base,
	 * meta, svg, math; on* attributes; a URL attribute (href, src,
	 * action, background, poster, srcset, …) that is not empty, not a
	 * "#fragment" and not an absolute https, http or mailto URL (so
	 * data: and javascript: fail); a style attribute with the property
	 * position, display:flex|grid, expression(), url(javascript:…),
	 * behavior, -moz-binding or a CSS escape; unescaped text.
	 */
	HTML_CHECK_EMAIL,
	/*
	 * A customer's page (/v1/recycle/…): the email rules with two
	 * things allowed, <form method="post"> without an action (or with
	 * an empty one), which posts back to the page's own URL, and
	 * <meta> with only charset, or name="viewport" and content.
	 */
	HTML_CHECK_PAGE,
	/*
	 * A console page (/admin/), stricter in some ways and looser in
	 * others: forms, <link>, <meta> and <svg> are allowed, URLs may
	 * also be paths on this host ("/admin/…", not "//host"), and an
	 * iframe when it has the sandbox attribute; script, style,
	 * frame(set), object, embed, applet, base, math and foreignObject
	 * are not, nor on* attributes, nor any style attribute (the
	 * Content-Security-Policy allows only the stylesheet), nor a URL of
	 * another scheme.
	 */
	HTML_CHECK_CONSOLE
};

/*
 * 0 if the HTML result tree passes the check of mode, else -1 with why
 * naming the element: "output contains <script>", "output has <a href>
 * with a javascript: URL".
 */
int	html_check(xmlDocPtr result, enum html_check_mode mode, char *why,
	    size_t whylen);

/* The length of the URL scheme at s (before ':'), 0 if there is none. */
size_t	url_scheme_len(const char *s);
/* Whether the scheme of n bytes at s is want, in any case. */
int	url_scheme_is(const char *s, size_t n, const char *want);

#endif
