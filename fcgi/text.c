/*
 * text.c - plain text from an HTML result tree: one walk, then one pass
 * that tidies the lines.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "arena.h"
#include "text.h"

#define LINK_DEPTH	16	/* nested links we keep track of */

struct tbuf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	int	 err;
	int	 space;			/* whitespace pending before next char */
	size_t	 link[LINK_DEPTH];	/* where each open link's text starts */
	int	 worded[LINK_DEPTH];	/* the open link has text of its own */
	int	 nlink;			/* open links, may exceed LINK_DEPTH */
	xmlDocPtr doc;			/* for the worded-link look-up */
};

enum kind {
	K_INLINE,
	K_PARA,
	K_LINE,
	K_CELL,
	K_SKIP
};

static const char *const para_tags[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
	"blockquote", "hr", "pre", NULL
};

static const char *const line_tags[] = {
	"div", "tr", "li", "dt", "dd", "dl", "caption", "center", "section",
	"article", "header", "footer", "address", "figure", "figcaption",
	"tbody", "thead", "tfoot", NULL
};

static const char *const skip_tags[] = {
	"script", "style", "head", "title", "noscript", "template", NULL
};

static int
in_list(const xmlChar *name, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (xmlStrcasecmp(name, BAD_CAST list[i]) == 0)
			return 1;
	return 0;
}

static void
put(struct tbuf *tb, const char *s, size_t n)
{
	size_t cap;
	char *p;

	if (tb->err)
		return;
	if (tb->len + n + 1 > tb->cap) {
		if (tb->len + n + 1 > TEXT_MAX) {
			tb->err = 1;
			return;
		}
		cap = tb->cap != 0 ? tb->cap : 1024;
		while (cap < tb->len + n + 1)
			cap *= 2;
		if (cap > TEXT_MAX)
			cap = TEXT_MAX;
		if ((p = realloc(tb->p, cap)) == NULL) {
			tb->err = 1;
			return;
		}
		tb->p = p;
		tb->cap = cap;
	}
	memcpy(tb->p + tb->len, s, n);
	tb->len += n;
}

/* End the line (newlines 1) or the paragraph (2) unless already done. */
static void
brk(struct tbuf *tb, int newlines)
{
	int have = 0;

	while (have < newlines && (size_t)have < tb->len &&
	    tb->p[tb->len - 1 - (size_t)have] == '\n')
		have++;
	if (tb->len > 0)
		for (; have < newlines; have++)
			put(tb, "\n", 1);
	tb->space = 0;
}

/* Text with whitespace (ASCII and U+00A0) collapsed. */
static void
emit_text(struct tbuf *tb, const char *s)
{
	const char *run;

	while (*s != '\0') {
		if (isspace((unsigned char)*s)) {
			tb->space = 1;
			s++;
			continue;
		}
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
			tb->space = 1;
			s += 2;
			continue;
		}
		if (tb->space && tb->len > 0 && tb->p[tb->len - 1] != '\n')
			put(tb, " ", 1);
		tb->space = 0;
		for (run = s; *s != '\0' && !isspace((unsigned char)*s) &&
		    !((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0);
		    s++)
			continue;
		put(tb, run, (size_t)(s - run));
	}
}

static int
hidden(xmlNodePtr n)
{
	xmlChar *style;
	const xmlChar *p;
	int hide = 0;

	if ((style = xmlGetProp(n, BAD_CAST "style")) == NULL)
		return 0;
	for (p = style; (p = xmlStrcasestr(p, BAD_CAST "display")) != NULL;) {
		p += 7;
		while (isspace(*p))
			p++;
		if (*p != ':')
			continue;
		p++;
		while (isspace(*p))
			p++;
		if (xmlStrncasecmp(p, BAD_CAST "none", 4) == 0)
			hide = 1;
	}
	xmlFree(style);
	return hide;
}

static enum kind
kind_of(xmlNodePtr n)
{
	if (in_list(n->name, skip_tags) || hidden(n))
		return K_SKIP;
	if (in_list(n->name, para_tags))
		return K_PARA;
	if (in_list(n->name, line_tags))
		return K_LINE;
	if (xmlStrcasecmp(n->name, BAD_CAST "td") == 0 ||
	    xmlStrcasecmp(n->name, BAD_CAST "th") == 0)
		return K_CELL;
	return K_INLINE;
}

static void
link_enter(struct tbuf *tb)
{
	if (tb->nlink < LINK_DEPTH) {
		tb->link[tb->nlink] = tb->len;
		tb->worded[tb->nlink] = 0;
	}
	tb->nlink++;
}

static int
has_words(xmlNodePtr n)
{
	const xmlChar *c;

	for (n = n->children; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			for (c = n->content; *c != '\0'; c++)
				if (!isspace(*c))
					return 1;
		} else if (n->type == XML_ELEMENT_NODE && has_words(n))
			return 1;
	}
	return 0;
}

/* Is there a link to href with words of its own anywhere under n? */
static int
worded_link_to(xmlNodePtr n, const xmlChar *href)
{
	xmlChar *h;
	int found;

	for (n = n->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, BAD_CAST "a") == 0 &&
		    (h = xmlGetProp(n, BAD_CAST "href")) != NULL) {
			found = xmlStrcmp(h, href) == 0 && has_words(n);
			xmlFree(h);
			if (found)
				return 1;
		}
		if (worded_link_to(n, href))
			return 1;
	}
	return 0;
}

/* "text: url", "url" or "text", once the link's text is out. */
static void
link_leave(struct tbuf *tb, xmlNodePtr n)
{
	xmlChar *href;
	const char *h, *text;
	size_t start, tl;
	int space;

	tb->nlink--;
	if (tb->nlink >= LINK_DEPTH || tb->err)
		return;
	start = tb->link[tb->nlink];
	if ((href = xmlGetProp(n, BAD_CAST "href")) == NULL)
		return;
	for (h = (const char *)href; isspace((unsigned char)*h); h++)
		continue;
	/* No text at all yet: the buffer may not exist. */
	text = tb->p != NULL ? tb->p + start : "";
	tl = tb->len - start;
	while (tl > 0 && (*text == ' ' || *text == '\n')) {
		text++;
		tl--;
	}
	while (tl > 0 && (text[tl - 1] == ' ' || text[tl - 1] == '\n'))
		tl--;
	if (*h == '\0' || *h == '#')
		goto out;
	/*
	 * An image that links where a worded link goes too (a product photo
	 * beside its name) says it twice in text: drop the image's line.
	 */
	if (!tb->worded[tb->nlink] && tb->doc != NULL &&
	    worded_link_to((xmlNodePtr)tb->doc, href)) {
		tb->len = start;
		goto out;
	}
	if (tl == 0) {
		emit_text(tb, h);
		goto out;
	}
	if ((strlen(h) == tl && strncmp(h, text, tl) == 0) ||
	    (strncasecmp(h, "mailto:", 7) == 0 && strlen(h + 7) == tl &&
	    strncmp(h + 7, text, tl) == 0))
		goto out;
	space = tb->space;
	put(tb, ": ", 2);
	tb->space = 0;
	emit_text(tb, h);
	tb->space = space;
out:
	xmlFree(href);
}

static void
enter(struct tbuf *tb, xmlNodePtr n, enum kind k)
{
	xmlChar *alt;

	switch (k) {
	case K_PARA:
		brk(tb, 2);
		break;
	case K_LINE:
		brk(tb, 1);
		if (xmlStrcasecmp(n->name, BAD_CAST "li") == 0)
			put(tb, "- ", 2);
		break;
	case K_CELL:
		tb->space = 1;
		break;
	default:
		break;
	}
	if (xmlStrcasecmp(n->name, BAD_CAST "br") == 0) {
		put(tb, "\n", 1);
		tb->space = 0;
	}
	else if (xmlStrcasecmp(n->name, BAD_CAST "a") == 0)
		link_enter(tb);
	else if (xmlStrcasecmp(n->name, BAD_CAST "img") == 0 &&
	    (alt = xmlGetProp(n, BAD_CAST "alt")) != NULL) {
		emit_text(tb, (const char *)alt);
		xmlFree(alt);
	}
}

static void
leave(struct tbuf *tb, xmlNodePtr n, enum kind k)
{
	if (xmlStrcasecmp(n->name, BAD_CAST "a") == 0)
		link_leave(tb, n);
	switch (k) {
	case K_PARA:
		brk(tb, 2);
		break;
	case K_LINE:
		brk(tb, 1);
		break;
	case K_CELL:
		tb->space = 1;
		break;
	default:
		break;
	}
}

static void
node_text(struct tbuf *tb, xmlNodePtr n)
{
	xmlChar *c;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			emit_text(tb, (const char *)n->content);
		if (tb->nlink > 0 && tb->nlink <= LINK_DEPTH &&
		    n->content != NULL && has_words(n->parent))
			tb->worded[tb->nlink - 1] = 1;
	} else if (n->type == XML_ENTITY_REF_NODE) {
		if ((c = xmlNodeGetContent(n)) != NULL) {
			emit_text(tb, (const char *)c);
			xmlFree(c);
		}
	}
}

/* The walk, without recursion: enter on the way down, leave on the way up. */
static void
walk(struct tbuf *tb, xmlNodePtr top)
{
	xmlNodePtr n;
	enum kind k;

	n = top->children;
	while (n != NULL && !tb->err) {
		k = K_SKIP;
		if (n->type == XML_ELEMENT_NODE) {
			k = kind_of(n);
			if (k != K_SKIP)
				enter(tb, n, k);
			if (k != K_SKIP && n->children != NULL) {
				n = n->children;
				continue;
			}
		} else
			node_text(tb, n);
		for (;;) {
			if (n->type == XML_ELEMENT_NODE && k != K_SKIP)
				leave(tb, n, k);
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == NULL || n == top) {
				n = NULL;
				break;
			}
			k = kind_of(n);
		}
	}
}

/* Trimmed lines, at most one blank line in a row, a final newline. */
static char *
tidy(struct arena *a, const char *s, size_t n, size_t *len)
{
	const char *end = s + n, *b, *e, *nl;
	char *out, *o;
	int blank = 0, any = 0;

	if ((out = arena_alloc(a, n + 2)) == NULL)
		return NULL;
	o = out;
	for (b = s; b < end; b = nl + 1) {
		if ((nl = memchr(b, '\n', (size_t)(end - b))) == NULL)
			nl = end;
		for (e = nl; e > b && (e[-1] == ' ' || e[-1] == '\t'); e--)
			continue;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		if (b == e) {
			blank = any;
			continue;
		}
		if (blank)
			*o++ = '\n';
		memcpy(o, b, (size_t)(e - b));
		o += e - b;
		*o++ = '\n';
		blank = 0;
		any = 1;
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

int
text_from_html(xmlDocPtr result, struct arena *a, char **out, size_t *len)
{
	struct tbuf tb;

	*out = NULL;
	*len = 0;
	memset(&tb, 0, sizeof(tb));
	tb.doc = result;
	if (result != NULL)
		walk(&tb, (xmlNodePtr)result);
	if (!tb.err)
		*out = tidy(a, tb.p != NULL ? tb.p : "", tb.len, len);
	free(tb.p);
	if (*out == NULL) {
		*len = 0;
		return -1;
	}
	return 0;
}
