/*
 * catalog.c - gettext .po catalogs and CSV content tables into the store.
 *
 * Both readers load the whole file (capped), check every entry, and
 * only then write, in one transaction, so a bad file changes nothing.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "catalog.h"
#include "msgfmt.h"
#include "store.h"
#include "why.h"

#define PARSE_ARENA_MAX	(8 * 1024 * 1024)

/*
 * Read all of path into a malloc'd NUL-terminated buffer.  OUT: *buf
 * (the caller frees), *len.  At most CATALOG_MAX_FILE bytes.
 */
static int
read_file(const char *path, char **buf, size_t *len, char *why,
    size_t whylen)
{
	FILE *f;
	char *b;
	size_t n;

	*buf = NULL;
	if ((f = fopen(path, "rb")) == NULL) {
		why_set(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((b = malloc(CATALOG_MAX_FILE + 2)) == NULL) {
		why_set(why, whylen, "%s: out of memory", path);
		goto out_close;
	}
	n = fread(b, 1, CATALOG_MAX_FILE + 1, f);
	if (ferror(f)) {
		why_set(why, whylen, "%s: read error", path);
		goto out_free;
	}
	if (n > CATALOG_MAX_FILE) {
		why_set(why, whylen, "%s: larger than %d bytes", path,
		    CATALOG_MAX_FILE);
		goto out_free;
	}
	fclose(f);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
out_free:
	free(b);
out_close:
	fclose(f);
	return -1;
}

/* Skip a UTF-8 byte order mark. */
static size_t
bom(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* --- .po ----------------------------------------------------------------- */

enum po_field {
	F_NONE,
	F_CTXT,
	F_ID,
	F_STR
};

struct po_str {
	char	 s[CATALOG_MAX_STRING + 1];
	size_t	 len;
	int	 set;
};

struct po_item {
	struct po_item	*next;
	struct po_entry	 e;
};

struct po_parser {
	const char	*name;
	struct arena	*a;
	struct po_file	*out;
	char		*why;
	size_t		 whylen;
	size_t		 line;
	int		 pending_fuzzy;	/* flags read for the next entry */
	int		 fuzzy;
	int		 header_seen;
	size_t		 id_line, str_line;
	enum po_field	 field;
	struct po_str	 ctxt, id, str;
	struct po_item	*head, **tail;
	size_t		 n;
};

static int perr(struct po_parser *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* "NAME:LINE: reason"; always -1. */
static int
perr(struct po_parser *p, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	why_set(p->why, p->whylen, "%s:%zu: %s", p->name, p->line, msg);
	return -1;
}

static int
str_add(struct po_parser *p, struct po_str *s, char c)
{
	if (s->len >= CATALOG_MAX_STRING)
		return perr(p, "string longer than %d bytes",
		    CATALOG_MAX_STRING);
	s->s[s->len++] = c;
	s->s[s->len] = '\0';
	return 0;
}

static int
escape(struct po_parser *p, char c, char *out)
{
	switch (c) {
	case 'n':
		*out = '\n';
		return 0;
	case 't':
		*out = '\t';
		return 0;
	case 'r':
		*out = '\r';
		return 0;
	case '"':
	case '\\':
		*out = c;
		return 0;
	default:
		if (c > ' ' && c < 0x7f)
			return perr(p, "unknown escape \\%c", c);
		return perr(p, "unknown escape");
	}
}

/* Append the string literal at s (a line, NUL-terminated) to dst. */
static int
literal(struct po_parser *p, const char *s, struct po_str *dst)
{
	char c;

	if (*s != '"')
		return perr(p, "expected a string in double quotes");
	for (s++; *s != '"'; s++) {
		if (*s == '\0')
			return perr(p, "unterminated string");
		c = *s;
		if (c == '\\') {
			if (s[1] == '\0')
				return perr(p, "unterminated string");
			if (escape(p, *++s, &c) == -1)
				return -1;
		}
		if (str_add(p, dst, c) == -1)
			return -1;
	}
	for (s++; *s == ' ' || *s == '\t'; s++)
		continue;
	if (*s != '\0')
		return perr(p, "text after the closing quote");
	dst->set = 1;
	return 0;
}

/* Language: and Content-Type: of the header entry. */
static int
header_line(struct po_parser *p, const char *l, size_t n)
{
	char v[128];
	const char *cs;
	size_t i, k;

	if (n > 9 && strncasecmp(l, "Language:", 9) == 0) {
		for (i = 9; i < n && (l[i] == ' ' || l[i] == '\t'); i++)
			continue;
		for (k = 0; i < n && l[i] != ' ' && k < sizeof(v) - 1; i++)
			v[k++] = l[i] == '_' ? '-' : l[i];
		v[k] = '\0';
		if (k == 0)
			return 0;
		if (!store_valid_lang(v))
			return perr(p, "header Language: is not a language "
			    "like nl or pt_BR");
		memcpy(p->out->lang, v, k + 1);
	} else if (n > 13 && strncasecmp(l, "Content-Type:", 13) == 0) {
		if (n >= sizeof(v))
			return perr(p, "header Content-Type: too long");
		memcpy(v, l, n);
		v[n] = '\0';
		if ((cs = strstr(v, "charset=")) == NULL)
			return 0;
		cs += 8;
		k = strcspn(cs, " \t;");
		if (!(k == 5 && strncasecmp(cs, "UTF-8", 5) == 0) &&
		    !(k == 4 && strncasecmp(cs, "UTF8", 4) == 0))
			return perr(p, "charset must be UTF-8");
	}
	return 0;
}

static int
header(struct po_parser *p)
{
	const char *l, *nl;
	size_t saved = p->line;
	int rc = 0;

	if (p->header_seen)
		return perr(p, "a second header entry (msgid \"\")");
	p->header_seen = 1;
	p->line = p->str_line;
	for (l = p->str.s; rc == 0 && *l != '\0'; l = *nl ? nl + 1 : nl) {
		if ((nl = strchr(l, '\n')) == NULL)
			nl = l + strlen(l);
		rc = header_line(p, l, (size_t)(nl - l));
	}
	p->line = saved;
	return rc;
}

static void
reset_entry(struct po_parser *p)
{
	p->ctxt.len = p->id.len = p->str.len = 0;
	p->ctxt.set = p->id.set = p->str.set = 0;
	p->ctxt.s[0] = p->id.s[0] = p->str.s[0] = '\0';
	p->fuzzy = 0;
	p->field = F_NONE;
}

/* The entry read so far is complete: keep it. */
static int
emit(struct po_parser *p)
{
	struct po_item *it;

	if (!p->id.set) {
		if (p->ctxt.set)
			return perr(p, "msgctxt without msgid");
		return 0;
	}
	if (!p->str.set) {
		p->line = p->id_line;
		return perr(p, "msgid without msgstr");
	}
	if (!p->ctxt.set && p->id.len == 0) {
		if (header(p) == -1)
			return -1;
		reset_entry(p);
		return 0;
	}
	if (p->n >= CATALOG_MAX_ENTRIES)
		return perr(p, "more than %d entries", CATALOG_MAX_ENTRIES);
	if ((it = arena_alloc(p->a, sizeof(*it))) == NULL)
		return perr(p, "out of memory");
	it->e.msgctxt = p->ctxt.set ? arena_strndup(p->a, p->ctxt.s,
	    p->ctxt.len) : NULL;
	it->e.msgid = arena_strndup(p->a, p->id.s, p->id.len);
	it->e.msgstr = arena_strndup(p->a, p->str.s, p->str.len);
	if ((p->ctxt.set && it->e.msgctxt == NULL) || it->e.msgid == NULL ||
	    it->e.msgstr == NULL)
		return perr(p, "out of memory");
	it->e.fuzzy = p->fuzzy;
	it->e.line = p->id_line;
	it->e.str_line = p->str_line;
	*p->tail = it;
	p->tail = &it->next;
	p->n++;
	reset_entry(p);
	return 0;
}

static void
flags(struct po_parser *p, const char *l)
{
	const char *s;
	size_t n;

	for (s = l + 2; *s != '\0'; s += n) {
		s += strspn(s, " \t,");
		n = strcspn(s, " \t,");
		if (n == 5 && strncmp(s, "fuzzy", 5) == 0)
			p->pending_fuzzy = 1;
	}
}

/* A keyword line: msgctxt, msgid, msgstr. */
static int
keyword(struct po_parser *p, const char *l)
{
	size_t n;

	n = strcspn(l, " \t\"[");
	if (l[n] == '[' || (n == 12 && strncmp(l, "msgid_plural", 12) == 0))
		return perr(p, "gettext plural forms are not supported: use "
		    "an ICU {n, plural, ...} in msgstr");
	if (n == 7 && strncmp(l, "msgctxt", 7) == 0) {
		if (p->str.set && emit(p) == -1)
			return -1;
		if (p->ctxt.set || p->id.set)
			return perr(p, "msgctxt inside an entry");
		p->field = F_CTXT;
	} else if (n == 5 && strncmp(l, "msgid", 5) == 0) {
		if (p->str.set && emit(p) == -1)
			return -1;
		if (p->id.set)
			return perr(p, "msgid without msgstr before it");
		p->field = F_ID;
		p->id_line = p->line;
	} else if (n == 6 && strncmp(l, "msgstr", 6) == 0) {
		if (!p->id.set)
			return perr(p, "msgstr without msgid");
		if (p->str.set)
			return perr(p, "a second msgstr");
		p->field = F_STR;
		p->str_line = p->line;
	} else
		return perr(p, "syntax error: expected msgctxt, msgid, msgstr, "
		    "a string or a comment");
	if (p->field != F_STR && !p->ctxt.set && !p->id.set) {
		p->fuzzy = p->pending_fuzzy;
		p->pending_fuzzy = 0;
	}
	l += n;
	l += strspn(l, " \t");
	return literal(p, l, p->field == F_CTXT ? &p->ctxt :
	    p->field == F_ID ? &p->id : &p->str);
}

static int
po_line(struct po_parser *p, const char *l)
{
	l += strspn(l, " \t");
	if (*l == '\0') {
		p->field = F_NONE;
		return 0;
	}
	if (*l == '#') {
		if (p->str.set && emit(p) == -1)
			return -1;
		if (p->ctxt.set || p->id.set)
			return perr(p, "comment inside an entry");
		if (l[1] == ',')
			flags(p, l);
		p->field = F_NONE;
		return 0;
	}
	if (*l == '"') {
		if (p->field == F_NONE)
			return perr(p, "string outside an entry");
		return literal(p, l, p->field == F_CTXT ? &p->ctxt :
		    p->field == F_ID ? &p->id : &p->str);
	}
	return keyword(p, l);
}

static int
po_lines(struct po_parser *p, const char *buf, size_t len)
{
	char line[CATALOG_MAX_STRING * 2 + 64];
	const char *s, *end, *nl;
	size_t n;

	end = buf + len;
	for (s = buf + bom(buf, len); s < end; s = nl + 1) {
		p->line++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		n = (size_t)(nl - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n >= sizeof(line))
			return perr(p, "line too long");
		if (!store_valid_utf8(s, n))
			return perr(p, "not UTF-8");
		memcpy(line, s, n);
		line[n] = '\0';
		if (po_line(p, line) == -1)
			return -1;
	}
	return emit(p);
}

int
po_parse(const char *name, const char *buf, size_t len, struct arena *a,
    struct po_file *out, char *why, size_t whylen)
{
	struct po_parser *p;
	struct po_item *it;
	size_t i;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (len > CATALOG_MAX_FILE) {
		why_set(why, whylen, "%s: larger than %d bytes", name,
		    CATALOG_MAX_FILE);
		return -1;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		why_set(why, whylen, "%s: out of memory", name);
		return -1;
	}
	p->name = name;
	p->a = a;
	p->out = out;
	p->why = why;
	p->whylen = whylen;
	p->tail = &p->head;
	if (po_lines(p, buf, len) == -1)
		goto out_free;
	if (p->n > 0 &&
	    (out->entries = arena_alloc(a, p->n * sizeof(*out->entries))) ==
	    NULL) {
		why_set(why, whylen, "%s: out of memory", name);
		goto out_free;
	}
	for (i = 0, it = p->head; it != NULL; it = it->next)
		out->entries[i++] = it->e;
	out->n = p->n;
	rc = 0;
out_free:
	free(p);
	if (rc == -1)
		memset(out, 0, sizeof(*out));
	return rc;
}

const char *
po_key(struct arena *a, const struct po_entry *e)
{
	if (e->msgctxt != NULL)
		return arena_printf(a, "%s.%s", e->msgctxt, e->msgid);
	return arena_strdup(a, e->msgid);
}

static int
keyed_cmp(const void *x, const void *y)
{
	const struct po_message *a = x, *b = y;
	int c;

	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	return a->e->line < b->e->line ? -1 : a->e->line > b->e->line;
}

int
po_check(const char *name, const struct po_file *pf, struct arena *a,
    struct po_message **out, char *why, size_t whylen)
{
	char reason[256];
	const struct po_entry *e;
	struct po_message *keys = NULL;
	size_t i;

	*out = NULL;
	if (pf->n > 0 && (keys = arena_alloc(a, pf->n * sizeof(*keys))) ==
	    NULL) {
		why_set(why, whylen, "%s: out of memory", name);
		return -1;
	}
	for (i = 0; i < pf->n; i++) {
		e = &pf->entries[i];
		keys[i].e = e;
		if ((keys[i].key = po_key(a, e)) == NULL) {
			why_set(why, whylen, "%s: out of memory", name);
			return -1;
		}
		if (!store_valid_key(keys[i].key)) {
			why_set(why, whylen, "%s:%zu: bad message key: want 1 to "
			    "%d of A-Z a-z 0-9 _ . -", name, e->line,
			    STORE_MAX_KEY);
			return -1;
		}
		if (e->fuzzy || e->msgstr[0] == '\0')
			continue;
		if (msgfmt_check(e->msgstr, reason, sizeof(reason)) == -1) {
			why_set(why, whylen, "%s:%zu: %s", name, e->str_line,
			    reason);
			return -1;
		}
	}
	qsort(keys, pf->n, sizeof(*keys), keyed_cmp);
	for (i = 1; i < pf->n; i++)
		if (strcmp(keys[i - 1].key, keys[i].key) == 0) {
			why_set(why, whylen, "%s:%zu: duplicate message key (first "
			    "at line %zu)", name, keys[i].e->line,
			    keys[i - 1].e->line);
			return -1;
		}
	*out = keys;
	return 0;
}

static int
po_store(struct store *st, const char *brand, const char *lang,
    const char *name, const struct po_message *keys, size_t n, size_t *count,
    char *why, size_t whylen)
{
	size_t i, done = 0;

	if (store_begin(st) == -1) {
		why_set(why, whylen, "%s: %s", name, store_errmsg(st));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (keys[i].e->fuzzy || keys[i].e->msgstr[0] == '\0')
			continue;
		if (store_msg_put(st, brand, lang, keys[i].key,
		    keys[i].e->msgstr) == -1) {
			why_set(why, whylen, "%s:%zu: %s", name, keys[i].e->line,
			    store_errmsg(st));
			store_rollback(st);
			return -1;
		}
		done++;
	}
	if (store_commit(st) == -1) {
		why_set(why, whylen, "%s: %s", name, store_errmsg(st));
		return -1;
	}
	*count = done;
	return 0;
}

static int
valid_brand(const char *brand, const char *name, char *why, size_t whylen)
{
	if (brand == NULL || (brand[0] != '\0' && !store_valid_name(brand))) {
		why_set(why, whylen, "%s: bad brand name", name);
		return 0;
	}
	return 1;
}

int
catalog_import_po(struct store *st, const char *brand, const char *path,
    const char *lang, size_t *count, char *why, size_t whylen)
{
	struct arena *a;
	struct po_file pf;
	struct po_message *keys = NULL;
	char *buf;
	size_t len;
	int rc = -1;

	*count = 0;
	if (!valid_brand(brand, path, why, whylen))
		return -1;
	if (lang != NULL && !store_valid_lang(lang)) {
		why_set(why, whylen, "%s: bad language: want e.g. nl or nl-BE",
		    path);
		return -1;
	}
	if (read_file(path, &buf, &len, why, whylen) == -1)
		return -1;
	if ((a = arena_new(PARSE_ARENA_MAX)) == NULL) {
		why_set(why, whylen, "%s: out of memory", path);
		goto out_buf;
	}
	if (po_parse(path, buf, len, a, &pf, why, whylen) == -1)
		goto out_arena;
	if (lang == NULL && pf.lang[0] == '\0') {
		why_set(why, whylen, "%s: no Language: in the header; give the "
		    "language", path);
		goto out_arena;
	}
	if (po_check(path, &pf, a, &keys, why, whylen) == -1)
		goto out_arena;
	rc = po_store(st, brand, lang != NULL ? lang : pf.lang, path, keys,
	    pf.n, count, why, whylen);
out_arena:
	arena_free(a);
out_buf:
	free(buf);
	return rc;
}

/* --- CSV ----------------------------------------------------------------- */

#define CSV_FIELDS	5

struct csv_row {
	struct csv_row	*next;
	size_t		 line;
	char		*f[CSV_FIELDS];
};

struct csv_parser {
	const char	*name;
	const char	*s, *end;
	size_t		 line;
	struct arena	*a;
	char		*why;
	size_t		 whylen;
	char		 field[CATALOG_MAX_STRING + 1];
	size_t		 len;
};

static int cerr(struct csv_parser *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static int
cerr(struct csv_parser *c, size_t line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	why_set(c->why, c->whylen, "%s:%zu: %s", c->name, line, msg);
	return -1;
}

static int
field_add(struct csv_parser *c, char ch)
{
	if (c->len >= CATALOG_MAX_STRING)
		return cerr(c, c->line, "field longer than %d bytes",
		    CATALOG_MAX_STRING);
	c->field[c->len++] = ch;
	return 0;
}

/* At a line end?  Consumes it and counts the line.  1 yes, 0 no. */
static int
eol(struct csv_parser *c)
{
	if (c->s < c->end && *c->s == '\n') {
		c->s++;
		c->line++;
		return 1;
	}
	if (c->end - c->s >= 2 && c->s[0] == '\r' && c->s[1] == '\n') {
		c->s += 2;
		c->line++;
		return 1;
	}
	return 0;
}

static int
quoted(struct csv_parser *c)
{
	size_t start = c->line;

	for (c->s++;; c->s++) {
		if (c->s >= c->end)
			return cerr(c, start, "unterminated quoted field");
		if (*c->s == '"') {
			if (c->s + 1 < c->end && c->s[1] == '"') {
				c->s++;
			} else {
				c->s++;
				break;
			}
		} else if (*c->s == '\n')
			c->line++;
		if (field_add(c, *c->s) == -1)
			return -1;
	}
	if (c->s < c->end && *c->s != ',' && *c->s != '\n' &&
	    !(*c->s == '\r' && c->s + 1 < c->end && c->s[1] == '\n'))
		return cerr(c, c->line, "bad quoting: text after a closing "
		    "quote");
	return 0;
}

static int
unquoted(struct csv_parser *c)
{
	for (; c->s < c->end && *c->s != ',' && *c->s != '\n'; c->s++) {
		if (*c->s == '"')
			return cerr(c, c->line, "bad quoting: a quote inside "
			    "an unquoted field");
		if (*c->s == '\r' && !(c->s + 1 < c->end && c->s[1] == '\n'))
			return cerr(c, c->line, "stray carriage return");
		if (*c->s == '\r')
			break;
		if (field_add(c, *c->s) == -1)
			return -1;
	}
	return 0;
}

/* One record into r.  0 read, 1 at the end of input, -1 error. */
static int
record(struct csv_parser *c, struct csv_row *r)
{
	int nf = 0;

	/* Empty lines between records are skipped. */
	while (eol(c))
		continue;
	if (c->s >= c->end)
		return 1;
	r->line = c->line;
	for (;;) {
		c->len = 0;
		if (nf == CSV_FIELDS)
			return cerr(c, r->line, "more than %d fields",
			    CSV_FIELDS);
		if ((c->s < c->end && *c->s == '"' ? quoted(c) : unquoted(c))
		    == -1)
			return -1;
		if ((r->f[nf++] = arena_strndup(c->a, c->field, c->len)) ==
		    NULL)
			return cerr(c, r->line, "out of memory");
		if (c->s < c->end && *c->s == ',') {
			c->s++;
			continue;
		}
		if (c->s < c->end && !eol(c))
			return cerr(c, c->line, "syntax error");
		break;
	}
	if (nf != CSV_FIELDS)
		return cerr(c, r->line, "want %d fields, got %d", CSV_FIELDS,
		    nf);
	return 0;
}

static int
csv_header(struct csv_parser *c)
{
	static const char *const want[CSV_FIELDS] = { "dataset", "key",
	    "lang", "position", "body" };
	struct csv_row r;
	int i, rc;

	memset(&r, 0, sizeof(r));
	rc = record(c, &r);
	if (rc == 1)
		return cerr(c, 1, "empty file");
	if (rc == -1 || r.line != 1)
		return cerr(c, 1, "the header must be "
		    "dataset,key,lang,position,body");
	for (i = 0; i < CSV_FIELDS; i++)
		if (strcmp(r.f[i], want[i]) != 0)
			return cerr(c, 1, "the header must be "
			    "dataset,key,lang,position,body");
	return 0;
}

static int
position(const char *s, int *pos)
{
	int v = 0;
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 4)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (i == 0)
		return -1;
	*pos = v;
	return 0;
}

static int
row_check(struct csv_parser *c, const struct csv_row *r)
{
	int pos;

	if (!store_valid_name(r->f[0]))
		return cerr(c, r->line, "bad dataset: want 1 to %d of "
		    "a-z 0-9 _ -", STORE_MAX_NAME);
	if (!store_valid_key(r->f[1]))
		return cerr(c, r->line, "bad key: want 1 to %d of "
		    "A-Z a-z 0-9 _ . -", STORE_MAX_KEY);
	if (!store_valid_lang(r->f[2]))
		return cerr(c, r->line, "bad lang: want e.g. nl or nl-BE");
	if (position(r->f[3], &pos) == -1)
		return cerr(c, r->line, "bad position: want 0 to 9999");
	return 0;
}

/* Parse and check every row.  OUT: *rows (in the arena), *n. */
static int
csv_rows(struct csv_parser *c, const char *buf, size_t len,
    struct csv_row **rows, size_t *n)
{
	struct csv_row *r, **tail = rows;
	const char *s, *nl;
	int rc;

	*rows = NULL;
	*n = 0;
	/* UTF-8 line by line first, so the error names the line. */
	for (s = buf, c->line = 1; s < buf + len; s = nl + 1, c->line++) {
		if ((nl = memchr(s, '\n', (size_t)(buf + len - s))) == NULL)
			nl = buf + len;
		if (!store_valid_utf8(s, (size_t)(nl - s)))
			return cerr(c, c->line, "not UTF-8");
	}
	c->s = buf + bom(buf, len);
	c->end = buf + len;
	c->line = 1;
	if (csv_header(c) == -1)
		return -1;
	for (;;) {
		if ((r = arena_alloc(c->a, sizeof(*r))) == NULL)
			return cerr(c, c->line, "out of memory");
		if ((rc = record(c, r)) == 1)
			break;
		if (rc == -1 || row_check(c, r) == -1)
			return -1;
		if (*n >= CATALOG_MAX_ENTRIES)
			return cerr(c, r->line, "more than %d rows",
			    CATALOG_MAX_ENTRIES);
		*tail = r;
		tail = &r->next;
		(*n)++;
	}
	return 0;
}

/*
 * Clear the brand's rows of every dataset the file names, before any
 * insert (so clearing one twice is harmless; runs of one are cleared once).
 */
static int
clear_datasets(struct store *st, const char *brand,
    const struct csv_row *rows)
{
	const struct csv_row *r, *prev = NULL;

	for (r = rows; r != NULL; prev = r, r = r->next)
		if ((prev == NULL || strcmp(prev->f[0], r->f[0]) != 0) &&
		    store_content_clear(st, brand, r->f[0]) == -1)
			return -1;
	return 0;
}

static int
csv_store(struct store *st, const char *brand, struct csv_parser *c,
    const struct csv_row *rows)
{
	const struct csv_row *r;
	int pos;

	if (store_begin(st) == -1) {
		why_set(c->why, c->whylen, "%s: %s", c->name, store_errmsg(st));
		return -1;
	}
	if (clear_datasets(st, brand, rows) == -1) {
		why_set(c->why, c->whylen, "%s: %s", c->name, store_errmsg(st));
		store_rollback(st);
		return -1;
	}
	for (r = rows; r != NULL; r = r->next) {
		pos = 0;
		position(r->f[3], &pos);
		if (store_content_add(st, brand, r->f[0], r->f[1], r->f[2],
		    pos, r->f[4]) == -1) {
			cerr(c, r->line, "%s", store_errmsg(st));
			store_rollback(st);
			return -1;
		}
	}
	if (store_commit(st) == -1) {
		why_set(c->why, c->whylen, "%s: %s", c->name, store_errmsg(st));
		return -1;
	}
	return 0;
}

int
content_import_csv(struct store *st, const char *brand, const char *path,
    size_t *count, char *why, size_t whylen)
{
	struct csv_parser *c;
	struct csv_row *rows;
	char *buf;
	size_t len, n;
	int rc = -1;

	*count = 0;
	if (!valid_brand(brand, path, why, whylen))
		return -1;
	if (read_file(path, &buf, &len, why, whylen) == -1)
		return -1;
	if ((c = calloc(1, sizeof(*c))) == NULL ||
	    (c->a = arena_new(PARSE_ARENA_MAX)) == NULL) {
		why_set(why, whylen, "%s: out of memory", path);
		goto out_free;
	}
	c->name = path;
	c->why = why;
	c->whylen = whylen;
	if (csv_rows(c, buf, len, &rows, &n) == -1 ||
	    csv_store(st, brand, c, rows) == -1)
		goto out_free;
	*count = n;
	rc = 0;
out_free:
	if (c != NULL)
		arena_free(c->a);
	free(c);
	free(buf);
	return rc;
}
