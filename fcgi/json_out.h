/*
 * json_out.h - the .json format: a touchpoint's (or a stage's) data tree
 * as JSON.
 *
 * The mapping (a contract: mailers and ESP templates rely on it):
 *
 *   1. The root element becomes the top-level JSON object, always an
 *      object, never an array; its own name is not written.
 *   2. Attributes become string members: <touchpoint name="voorpret">
 *      gives "name": "voorpret".
 *   3. A child element whose name occurs once becomes a member of that
 *      name; its value is a string (its text, as is) when it has no
 *      attributes and no child elements, else an object built by these
 *      same rules.  <days>2</days> gives "days": "2"; <empty/> gives
 *      "empty": "".
 *   4. A child element name that occurs more than once becomes an array
 *      of those values, in document order: <item>a</item><item>b</item>
 *      gives "item": ["a", "b"].
 *   5. Text of an element that is an object (it has attributes or child
 *      elements) goes to member "#text": the direct text nodes joined,
 *      trimmed at both ends, left out when empty.
 *   6. All <msg key="K">T</msg> children of an element are collected into
 *      one member "msg": {"K": "T", ...} (T is the msg's whole text; the
 *      last of two equal keys wins).  A msg without a key is dropped.
 *   7. For a <stage> root, its <touchpoint> children always become the
 *      array "touchpoints" (also with zero or one), each an object; a
 *      <touchpoints> child of a stage is dropped.
 *   8. Member order follows the document: attributes, then
 *      "touchpoints" and "#text", then children in order of first
 *      appearance ("msg" where the first msg is).  A child element wins
 *      over an attribute of the same name.
 *   9. Comments and processing instructions are dropped.  All values are
 *      strings: the tree does not know numbers.
 *
 * Example:
 *   <touchpoint name="voorpret" lang="nl"><days>2</days>
 *     <tip>a</tip><tip>b</tip><msg key="voorpret.countdown">Nog 2
 *     dagen</msg></touchpoint>
 *   {"name":"voorpret","lang":"nl","days":"2","tip":["a","b"],
 *    "msg":{"voorpret.countdown":"Nog 2 dagen"}}
 *
 * Strings are escaped by json-c (quotes, backslashes, control characters
 * as \uXXXX); "/" is not escaped.
 */
#ifndef PPX_JSON_OUT_H
#define PPX_JSON_OUT_H

#include <stddef.h>

#include <libxml/tree.h>

struct arena;

#define JSON_OUT_MAX_DEPTH	64	/* nesting of elements */

/*
 * The JSON of data (compact, one line, UTF-8), NUL-terminated, in the
 * arena; *len excludes the NUL.  Returns 0, or -1 (no root element,
 * nesting over JSON_OUT_MAX_DEPTH, out of memory, arena cap) with *out
 * NULL.
 */
int	json_from_tree(xmlDocPtr data, struct arena *a, char **out,
	    size_t *len);

#endif
