/*
 * text.h - the plain-text form of a rendered touchpoint.
 *
 * Derived from the HTML result tree (never a second template):
 *   - p, h1-h6, table, ul, ol, blockquote, hr, pre start and end a
 *     paragraph (one blank line between paragraphs);
 *   - div, tr, li, dt, dd, caption, center and friends start and end a
 *     line; br ends a line; li lines start with "- ";
 *   - td and th are separated by a space;
 *   - whitespace (and U+00A0) in text collapses to one space;
 *   - a link becomes "text: url", just "url" when the text is the URL (or
 *     mailto:address and the text is the address) or empty, just "text"
 *     when the href is empty or a #fragment;
 *   - an image becomes its alt (nothing when alt is empty or missing);
 *   - script, style, head, title and anything styled display:none are
 *     left out; comments too;
 *   - lines are trimmed, blank-line runs are at most one, the text ends
 *     with a single newline ("" when there is no text at all).
 * Entities are decoded: the output is text, not HTML.
 */
#ifndef PPX_TEXT_H
#define PPX_TEXT_H

#include <stddef.h>

#include <libxml/tree.h>

struct arena;

#define TEXT_MAX	(1024 * 1024)	/* bytes of text, at most */

/*
 * The plain text of result, NUL-terminated, in the arena; *len excludes
 * the NUL.  Returns 0, or -1 (over TEXT_MAX, out of memory, arena cap),
 * with *out NULL.
 */
int	text_from_html(xmlDocPtr result, struct arena *a, char **out,
	    size_t *len);

#endif
