/*
 * conf.c - loading ppx.xml: read (bounded), parse (no network, no
 * entities, no DTD), validate against the compiled-in RELAX NG schema,
 * then check ranges and resolve paths.  libxml2 never prints: its errors
 * are caught and turned into one line "FILE:LINE: message".
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "conf.h"
#include "log.h"

#ifndef PPX_PKGLIBDIR
#define PPX_PKGLIBDIR	"/usr/local/lib/ppx"
#endif
#ifndef PPX_PKGDATADIR
#define PPX_PKGDATADIR	"/usr/local/share/ppx"
#endif

#if LIBXML_VERSION >= 21200
#define XERR_CONST	const
#else
#define XERR_CONST
#endif

/* The first error libxml2 reported. */
struct xerr {
	int		 set;
	long		 line;
	xmlNodePtr	 node;
	char		 msg[256];
};

enum elem_kind {
	EL_STORE,
	EL_PLUGINS,
	EL_TEMPLATES,
	EL_CATALOGS,
	EL_CONTENT,
	EL_LISTEN,
	EL_WORKERS,
	EL_LIMITS,
	EL_LOG,
	EL_TIMEZONE,
	EL_PUBLIC,
	EL_METRICS,
	EL_ADMIN,
	EL__MAX
};

/* State of one conf_load(). */
struct load {
	const char	*path;		/* as the caller gave it: for messages */
	char		*file;		/* absolute name of the file */
	char		*dir;		/* absolute directory of the file */
	char		*why;
	size_t		 whylen;
	long		 seen[EL__MAX];	/* line of the first occurrence */
};

typedef int (*elem_fn)(struct load *, struct conf *, xmlNodePtr);

static int	el_store(struct load *, struct conf *, xmlNodePtr);
static int	el_plugins(struct load *, struct conf *, xmlNodePtr);
static int	el_templates(struct load *, struct conf *, xmlNodePtr);
static int	el_catalogs(struct load *, struct conf *, xmlNodePtr);
static int	el_content(struct load *, struct conf *, xmlNodePtr);
static int	el_listen(struct load *, struct conf *, xmlNodePtr);
static int	el_workers(struct load *, struct conf *, xmlNodePtr);
static int	el_limits(struct load *, struct conf *, xmlNodePtr);
static int	el_log(struct load *, struct conf *, xmlNodePtr);
static int	el_timezone(struct load *, struct conf *, xmlNodePtr);
static int	el_public(struct load *, struct conf *, xmlNodePtr);
static int	el_metrics(struct load *, struct conf *, xmlNodePtr);
static int	el_admin(struct load *, struct conf *, xmlNodePtr);

static const struct {
	const char	*name;
	elem_fn		 fn;
} elems[EL__MAX] = {
	[EL_STORE] = { "store", el_store },
	[EL_PLUGINS] = { "plugins", el_plugins },
	[EL_TEMPLATES] = { "templates", el_templates },
	[EL_CATALOGS] = { "catalogs", el_catalogs },
	[EL_CONTENT] = { "content", el_content },
	[EL_LISTEN] = { "listen", el_listen },
	[EL_WORKERS] = { "workers", el_workers },
	[EL_LIMITS] = { "limits", el_limits },
	[EL_LOG] = { "log", el_log },
	[EL_TIMEZONE] = { "timezone", el_timezone },
	[EL_PUBLIC] = { "public", el_public },
	[EL_METRICS] = { "metrics", el_metrics },
	[EL_ADMIN] = { "admin", el_admin },
};

static const struct {
	const char	*name;
	int		 level;
} levels[] = {
	{ "error", LOG_LVL_ERR },
	{ "warning", LOG_LVL_WARN },
	{ "info", LOG_LVL_INFO },
	{ "debug", LOG_LVL_DEBUG },
};

static void	fail(struct load *, long, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
fail(struct load *ld, long line, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(ld->why, ld->whylen, "%s:%ld: ", ld->path, line);
	if (n < 0 || (size_t)n >= ld->whylen)
		return;
	va_start(ap, fmt);
	vsnprintf(ld->why + n, ld->whylen - (size_t)n, fmt, ap);
	va_end(ap);
}

static long
line_of(xmlNodePtr n)
{
	long line;

	line = n != NULL ? xmlGetLineNo(n) : 0;
	return line > 0 ? line : 0;
}

static void
keep_first(struct xerr *xe, XERR_CONST xmlError *e)
{
	size_t len;

	if (xe->set || e == NULL || e->level < XML_ERR_ERROR)
		return;
	xe->set = 1;
	xe->line = e->line;
	xe->node = e->node;
	snprintf(xe->msg, sizeof(xe->msg), "%s",
	    e->message != NULL ? e->message : "unknown error");
	/* libxml2 ends its messages with a newline; ours are one line. */
	len = strlen(xe->msg);
	while (len > 0 && (xe->msg[len - 1] == '\n' || xe->msg[len - 1] == ' '))
		xe->msg[--len] = '\0';
	for (len = 0; xe->msg[len] != '\0'; len++)
		if (xe->msg[len] == '\n' || xe->msg[len] == '\r')
			xe->msg[len] = ' ';
}

static void
on_parse_error(void *ctx, XERR_CONST xmlError *e)
{
	xmlParserCtxtPtr p = ctx;

	keep_first(p->_private, e);
}

static void
on_error(void *ctx, XERR_CONST xmlError *e)
{
	keep_first(ctx, e);
}

/* Read the whole file, at most CONF_MAX_FILE bytes.  Caller frees. */
static char *
read_file(struct load *ld, size_t *len)
{
	struct stat st;
	char *buf;
	ssize_t r;
	size_t got;
	int fd;

	if ((fd = open(ld->path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(ld->why, ld->whylen, "%s: cannot open: %s", ld->path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(ld->why, ld->whylen, "%s: not a regular file",
		    ld->path);
		goto out_close;
	}
	if (st.st_size > CONF_MAX_FILE) {
		snprintf(ld->why, ld->whylen, "%s: larger than %d bytes",
		    ld->path, CONF_MAX_FILE);
		goto out_close;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		snprintf(ld->why, ld->whylen, "%s: out of memory", ld->path);
		goto out_close;
	}
	for (got = 0; got < (size_t)st.st_size; got += (size_t)r) {
		r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r == -1 && errno == EINTR) {
			r = 0;
			continue;
		}
		if (r <= 0) {
			snprintf(ld->why, ld->whylen, "%s: cannot read: %s",
			    ld->path, r == 0 ? "file shrank" : strerror(errno));
			free(buf);
			goto out_close;
		}
	}
	buf[got] = '\0';
	close(fd);
	*len = got;
	return buf;
out_close:
	close(fd);
	return NULL;
}

/* The line of "<!DOCTYPE" in buf (libxml2 keeps none for it). */
static long
doctype_line(const char *buf)
{
	const char *end;
	long line = 1;

	if ((end = strstr(buf, "<!DOCTYPE")) == NULL)
		return 1;
	for (; buf < end; buf++)
		if (*buf == '\n')
			line++;
	return line;
}

static xmlDocPtr
parse(struct load *ld, const char *buf, size_t len)
{
	xmlParserCtxtPtr ctxt;
	struct xerr xe;
	xmlDocPtr doc;
	xmlNodePtr root;

	if (len > INT_MAX)
		return NULL;
	memset(&xe, 0, sizeof(xe));
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		snprintf(ld->why, ld->whylen, "%s: out of memory", ld->path);
		return NULL;
	}
	ctxt->_private = &xe;
	ctxt->sax->serror = on_parse_error;
	/* No XML_PARSE_NOENT, no DTDLOAD/DTDATTR: entities stay unexpanded. */
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, ld->path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
	if (doc == NULL || !ctxt->wellFormed) {
		if (xe.set)
			fail(ld, xe.line, "%s", xe.msg);
		else
			fail(ld, 0, "not well-formed XML");
		goto out_free;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		fail(ld, doctype_line(buf), "a DOCTYPE is not allowed");
		goto out_free;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || root->ns == NULL ||
	    strcmp((const char *)root->name, "ppx") != 0 ||
	    strcmp((const char *)root->ns->href, CONF_NS) != 0) {
		fail(ld, line_of(root), "the root element must be "
		    "<ppx xmlns=\"%s\">", CONF_NS);
		goto out_free;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
out_free:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return NULL;
}

/* 0 when doc follows the schema; else -1 with xe filled or why set. */
static int
validate(struct load *ld, xmlDocPtr doc, struct xerr *xe)
{
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGValidCtxtPtr vctxt;
	xmlRelaxNGPtr schema;
	struct xerr se;
	int rc = -1;

	memset(&se, 0, sizeof(se));
	pctxt = xmlRelaxNGNewMemParserCtxt(conf_schema_rng,
	    (int)strlen(conf_schema_rng));
	if (pctxt == NULL) {
		fail(ld, 0, "out of memory");
		return -1;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_error, &se);
	schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	if (schema == NULL) {
		fail(ld, 0, "compiled-in schema does not load: %s",
		    se.set ? se.msg : "unknown error");
		return -1;
	}
	if ((vctxt = xmlRelaxNGNewValidCtxt(schema)) == NULL) {
		fail(ld, 0, "out of memory");
		goto out_schema;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_error, xe);
	if (xmlRelaxNGValidateDoc(vctxt, doc) == 0)
		rc = 0;
	else if (!xe->set)
		fail(ld, 0, "does not follow the ppx.xml schema");
	xmlRelaxNGFreeValidCtxt(vctxt);
out_schema:
	xmlRelaxNGFree(schema);
	return rc;
}

/* A malloc'd copy of attribute name of n, or NULL when absent. */
static char *
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v;
	char *s;

	if ((v = xmlGetNoNsProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

/* a, b and c concatenated, malloc'd. */
static char *
cat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s;

	if ((s = malloc(la + lb + lc + 1)) == NULL)
		return NULL;
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, lc + 1);
	return s;
}

/* p relative to the directory dir, malloc'd. */
static char *
join(const char *dir, const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		for (p += 2; *p == '/'; p++)
			continue;
	if (strcmp(p, ".") == 0)
		p++;
	if (*p == '\0')
		return strdup(dir);
	return cat3(dir, strcmp(dir, "/") == 0 ? "" : "/", p);
}

/* An absolute path for attribute name of n, or NULL with why set. */
static char *
path_attr(struct load *ld, xmlNodePtr n, const char *name)
{
	char *v, *p;

	if ((v = attr(n, name)) == NULL) {
		fail(ld, line_of(n), "<%s> needs %s=\"…\"", n->name, name);
		return NULL;
	}
	if (v[0] == '\0' || strlen(v) >= PATH_MAX) {
		fail(ld, line_of(n), "<%s %s=\"…\">: empty or longer than "
		    "%d bytes", n->name, name, PATH_MAX - 1);
		free(v);
		return NULL;
	}
	p = v[0] == '/' ? strdup(v) : join(ld->dir, v);
	free(v);
	if (p == NULL)
		fail(ld, line_of(n), "out of memory");
	else if (strlen(p) >= PATH_MAX) {
		fail(ld, line_of(n), "<%s %s=\"…\">: resolved path longer "
		    "than %d bytes", n->name, name, PATH_MAX - 1);
		free(p);
		p = NULL;
	}
	return p;
}

static int
set_path(struct load *ld, xmlNodePtr n, const char *name, char **dst)
{
	char *p;

	if ((p = path_attr(ld, n, name)) == NULL)
		return -1;
	free(*dst);
	*dst = p;
	return 0;
}

/*
 * Attribute name of n as a number in min..max.  0 and *out set, 1 when
 * absent (*out untouched), -1 with why set.
 */
static int
num_attr(struct load *ld, xmlNodePtr n, const char *name,
    unsigned long min, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	const char *s;
	char *txt;
	int digits = 0;

	if ((txt = attr(n, name)) == NULL)
		return 1;
	for (s = txt; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';)
		s++;
	if (*s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (v > max)
			continue;	/* keep scanning; too big anyway */
		v = v * 10 + (unsigned long)(*s - '0');
	}
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (digits == 0 || *s != '\0' || v < min || v > max) {
		fail(ld, line_of(n), "<%s %s=\"%.32s\">: must be a number "
		    "from %lu to %lu", n->name, name, txt, min, max);
		free(txt);
		return -1;
	}
	free(txt);
	*out = v;
	return 0;
}

static int
el_store(struct load *ld, struct conf *c, xmlNodePtr n)
{
	return set_path(ld, n, "path", &c->store_path);
}

static int
valid_plugin_name(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return i >= 1 && i <= 64;
}

static int
add_plugin(struct load *ld, struct conf *c, xmlNodePtr n)
{
	char *name, **v;
	size_t i;

	if ((name = attr(n, "name")) == NULL || !valid_plugin_name(name)) {
		fail(ld, line_of(n), "<plugin name=\"%.64s\">: a name is 1 "
		    "to 64 of a-z, 0-9 and _", name != NULL ? name : "");
		goto out_name;
	}
	for (i = 0; i < c->n_plugin_names; i++)
		if (strcmp(c->plugin_names[i], name) == 0) {
			fail(ld, line_of(n), "plugin \"%s\" listed twice",
			    name);
			goto out_name;
		}
	if (c->n_plugin_names >= CONF_MAX_PLUGINS) {
		fail(ld, line_of(n), "more than %d plugins listed",
		    CONF_MAX_PLUGINS);
		goto out_name;
	}
	v = realloc(c->plugin_names, (c->n_plugin_names + 1) * sizeof(*v));
	if (v == NULL) {
		fail(ld, line_of(n), "out of memory");
		goto out_name;
	}
	c->plugin_names = v;
	v[c->n_plugin_names++] = name;
	return 0;
out_name:
	free(name);
	return -1;
}

/* isolate="yes|no" and the quarantine policy of <plugins>. */
static int
plugin_safety(struct load *ld, struct conf *c, xmlNodePtr n)
{
	unsigned long v;
	char *iso;
	int rc;

	if ((iso = attr(n, "isolate")) != NULL) {
		if (strcmp(iso, "yes") != 0 && strcmp(iso, "no") != 0) {
			fail(ld, line_of(n), "<plugins isolate=\"%.16s\">: "
			    "want yes or no", iso);
			free(iso);
			return -1;
		}
		c->isolate = strcmp(iso, "yes") == 0;
		free(iso);
	}
	if ((rc = num_attr(ld, n, "crashes", CONF_CRASHES_MIN,
	    CONF_CRASHES_MAX, &v)) == -1)
		return -1;
	if (rc == 0)
		c->crash_limit = (unsigned)v;
	if ((rc = num_attr(ld, n, "crash-window-s", CONF_CRASH_WINDOW_MIN,
	    CONF_CRASH_WINDOW_MAX, &v)) == -1)
		return -1;
	if (rc == 0)
		c->crash_window_s = (unsigned)v;
	if ((rc = num_attr(ld, n, "quarantine-s", CONF_QUARANTINE_MIN,
	    CONF_QUARANTINE_MAX, &v)) == -1)
		return -1;
	if (rc == 0)
		c->quarantine_s = (unsigned)v;
	return 0;
}

static int
el_plugins(struct load *ld, struct conf *c, xmlNodePtr n)
{
	xmlNodePtr k;

	if (xmlHasProp(n, (const xmlChar *)"dir") != NULL &&
	    set_path(ld, n, "dir", &c->plugin_dir) == -1)
		return -1;
	if (plugin_safety(ld, c, n) == -1)
		return -1;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)k->name, "plugin") != 0) {
			fail(ld, line_of(k), "<%s> is not allowed in <plugins>",
			    k->name);
			return -1;
		}
		if (add_plugin(ld, c, k) == -1)
			return -1;
	}
	return 0;
}

static int
el_templates(struct load *ld, struct conf *c, xmlNodePtr n)
{
	return set_path(ld, n, "dir", &c->template_dir);
}

static int
el_catalogs(struct load *ld, struct conf *c, xmlNodePtr n)
{
	return set_path(ld, n, "dir", &c->catalog_dir);
}

static int
el_content(struct load *ld, struct conf *c, xmlNodePtr n)
{
	return set_path(ld, n, "dir", &c->content_dir);
}

/* "[v6]:port", "host:port", "*:port", ":port": 0 when well formed. */
static int
check_hostport(const char *s)
{
	const char *colon, *p;
	unsigned long port = 0;

	if (s[0] == '[') {
		if ((p = strchr(s, ']')) == NULL || p == s + 1 || p[1] != ':')
			return -1;
		colon = p + 1;
	} else if ((colon = strrchr(s, ':')) == NULL ||
	    memchr(s, ':', (size_t)(colon - s)) != NULL)
		return -1;
	for (p = colon + 1; *p >= '0' && *p <= '9' && port <= 65535; p++)
		port = port * 10 + (unsigned long)(*p - '0');
	if (p == colon + 1 || *p != '\0' || port == 0 || port > 65535)
		return -1;
	return 0;
}

static int
el_listen(struct load *ld, struct conf *c, xmlNodePtr n)
{
	struct sockaddr_un sun;
	char *v, *p = NULL;

	if ((v = attr(n, "socket")) == NULL) {
		fail(ld, line_of(n), "<listen> needs socket=\"…\"");
		return -1;
	}
	if (strncmp(v, "unix:", 5) == 0) {
		if (v[5] == '\0')
			goto out_syntax;
		if (v[5] == '/')
			p = strdup(v);
		else {
			char *abs;

			if ((abs = join(ld->dir, v + 5)) != NULL)
				p = cat3("unix:", abs, "");
			free(abs);
		}
		if (p == NULL) {
			fail(ld, line_of(n), "out of memory");
			goto out_v;
		}
		if (strlen(p + 5) >= sizeof(sun.sun_path)) {
			fail(ld, line_of(n), "<listen socket=\"…\">: a unix "
			    "socket path is at most %zu bytes",
			    sizeof(sun.sun_path) - 1);
			free(p);
			goto out_v;
		}
	} else if (check_hostport(v) == 0) {
		p = v;
		v = NULL;
	} else
		goto out_syntax;
	free(v);
	free(c->listen);
	c->listen = p;
	return 0;
out_syntax:
	fail(ld, line_of(n), "<listen socket=\"%.64s\">: want unix:/path "
	    "or host:port", v);
out_v:
	free(v);
	return -1;
}

static int
el_workers(struct load *ld, struct conf *c, xmlNodePtr n)
{
	unsigned long v;
	int rc;

	rc = num_attr(ld, n, "count", CONF_WORKERS_MIN, CONF_WORKERS_MAX, &v);
	if (rc == 1)
		fail(ld, line_of(n), "<workers> needs count=\"…\"");
	if (rc != 0)
		return -1;
	c->workers = (int)v;
	return 0;
}

static int
el_limits(struct load *ld, struct conf *c, xmlNodePtr n)
{
	unsigned long v;
	int rc;

	if ((rc = num_attr(ld, n, "body", CONF_BODY_MIN, CONF_BODY_MAX,
	    &v)) == -1)
		return -1;
	if (rc == 0)
		c->max_body = v;
	if ((rc = num_attr(ld, n, "uri", CONF_URI_MIN, CONF_URI_MAX,
	    &v)) == -1)
		return -1;
	if (rc == 0)
		c->max_uri = v;
	if ((rc = num_attr(ld, n, "deadline-ms", CONF_DEADLINE_MIN,
	    CONF_DEADLINE_MAX, &v)) == -1)
		return -1;
	if (rc == 0)
		c->deadline_ms = (unsigned)v;
	if ((rc = num_attr(ld, n, "params", CONF_PARAMS_MIN,
	    CONF_PARAMS_MAX, &v)) == -1)
		return -1;
	if (rc == 0)
		c->max_params = v;
	return 0;
}

static int
el_log(struct load *ld, struct conf *c, xmlNodePtr n)
{
	char *v;
	size_t i;

	v = attr(n, "level");
	for (i = 0; v != NULL && i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(v, levels[i].name) == 0) {
			c->log_level = levels[i].level;
			free(v);
			return 0;
		}
	fail(ld, line_of(n), "<log level=\"%.32s\">: want error, warning, "
	    "info or debug", v != NULL ? v : "");
	free(v);
	return -1;
}

/* An IANA-looking zone name: 1..3 parts of [A-Za-z0-9_+-], 1..32 each. */
static int
valid_zone(const char *s)
{
	size_t part = 0, parts = 1;

	for (; *s != '\0'; s++) {
		if (*s == '/') {
			if (part == 0 || ++parts > 3)
				return 0;
			part = 0;
			continue;
		}
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '+' ||
		    *s == '-') || ++part > 32)
			return 0;
	}
	return part > 0;
}

static int
el_timezone(struct load *ld, struct conf *c, xmlNodePtr n)
{
	char *v;

	if ((v = attr(n, "name")) == NULL || !valid_zone(v)) {
		fail(ld, line_of(n), "<timezone name=\"%.64s\">: want a zone "
		    "name such as Europe/Amsterdam", v != NULL ? v : "");
		free(v);
		return -1;
	}
	free(c->timezone);
	c->timezone = v;
	return 0;
}

static int
el_public(struct load *ld, struct conf *c, xmlNodePtr n)
{
	char *v;

	/* The schema checked the form. */
	if ((v = attr(n, "url")) == NULL) {
		fail(ld, line_of(n), "<public>: want url=\"https://host\"");
		return -1;
	}
	free(c->public_url);
	c->public_url = v;
	return 0;
}

/* <admin secure-cookie="yes|no"/>: the console's cookie flag. */
static int
el_admin(struct load *ld, struct conf *c, xmlNodePtr n)
{
	char *v;
	int rc = 0;

	if ((v = attr(n, "secure-cookie")) == NULL)
		return 0;
	if (strcmp(v, "yes") == 0)
		c->admin_secure_cookie = 1;
	else if (strcmp(v, "no") == 0)
		c->admin_secure_cookie = 0;
	else {
		fail(ld, line_of(n), "<admin secure-cookie>: want yes or no");
		rc = -1;
	}
	free(v);
	return rc;
}

static int
el_metrics(struct load *ld, struct conf *c, xmlNodePtr n)
{
	char *v, bad[64];
	int rc;

	if ((v = attr(n, "allow")) == NULL)
		return 0;
	rc = netmask_parse_list(v, c->metrics_allow, NETMASK_MAX,
	    &c->n_metrics_allow, bad, sizeof(bad));
	free(v);
	if (rc == -1) {
		fail(ld, line_of(n), "<metrics allow>: \"%s\" is not an "
		    "address or network (ADDR or ADDR/BITS, at most %d)", bad,
		    NETMASK_MAX);
		return -1;
	}
	return 0;
}

static int
find_elem(xmlNodePtr n)
{
	int i;

	for (i = 0; i < EL__MAX; i++)
		if (strcmp((const char *)n->name, elems[i].name) == 0)
			return i;
	return -1;
}

static int
walk(struct load *ld, struct conf *c, xmlNodePtr root)
{
	xmlNodePtr n;
	int k;

	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns == NULL || strcmp((const char *)n->ns->href,
		    CONF_NS) != 0 || (k = find_elem(n)) == -1) {
			fail(ld, line_of(n), "unknown element <%s>", n->name);
			return -1;
		}
		if (ld->seen[k] != 0) {
			fail(ld, line_of(n), "<%s> given twice (first on line "
			    "%ld)", n->name, ld->seen[k]);
			return -1;
		}
		ld->seen[k] = line_of(n) > 0 ? line_of(n) : 1;
		if (elems[k].fn(ld, c, n) == -1)
			return -1;
	}
	if (c->store_path == NULL) {
		fail(ld, line_of(root), "<store path=\"…\"/> is required");
		return -1;
	}
	return 0;
}

/*
 * The schema said no about node n: our own check of that element, when
 * it finds something, says more than libxml2's "failed to validate".
 */
static void
explain(struct load *ld, xmlNodePtr n, const struct xerr *xe)
{
	struct conf *scratch;
	int k, rc;

	if (n != NULL && n->type == XML_ELEMENT_NODE && n->parent != NULL &&
	    n->parent->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, "plugin") == 0)
		n = n->parent;
	if (n != NULL && n->type == XML_ELEMENT_NODE &&
	    (k = find_elem(n)) != -1 &&
	    (scratch = calloc(1, sizeof(*scratch))) != NULL) {
		rc = elems[k].fn(ld, scratch, n);
		conf_free(scratch);
		if (rc == -1)
			return;
	}
	/* Ours found nothing: libxml2's message it is. */
	fail(ld, xe->line > 0 ? xe->line : line_of(n), "%s", xe->msg);
}

static void
set_numbers(struct conf *c)
{
	c->workers = CONF_WORKERS_DEFAULT;
	c->max_body = CONF_BODY_DEFAULT;
	c->max_uri = CONF_URI_DEFAULT;
	c->deadline_ms = CONF_DEADLINE_DEFAULT;
	c->admin_secure_cookie = 1;
	c->max_params = CONF_PARAMS_DEFAULT;
	c->log_level = LOG_LVL_INFO;
	c->isolate = 1;
	c->crash_limit = CONF_CRASHES_DEFAULT;
	c->crash_window_s = CONF_CRASH_WINDOW_DEFAULT;
	c->quarantine_s = CONF_QUARANTINE_DEFAULT;
	(void)netmask_parse_list(CONF_METRICS_ALLOW_DEFAULT, c->metrics_allow,
	    NETMASK_MAX, &c->n_metrics_allow, NULL, 0);
}

/* The defaults of what the file left out. */
static int
fill_strings(struct conf *c)
{
	if (c->plugin_dir == NULL &&
	    (c->plugin_dir = strdup(PPX_PKGLIBDIR "/plugins")) == NULL)
		return -1;
	if (c->template_dir == NULL &&
	    (c->template_dir = strdup(PPX_PKGDATADIR "/templates")) == NULL)
		return -1;
	if (c->catalog_dir == NULL &&
	    (c->catalog_dir = strdup(PPX_PKGDATADIR "/catalogs")) == NULL)
		return -1;
	if (c->content_dir == NULL &&
	    (c->content_dir = strdup(PPX_PKGDATADIR "/content")) == NULL)
		return -1;
	if (c->timezone == NULL &&
	    (c->timezone = strdup(CONF_TIMEZONE_DEFAULT)) == NULL)
		return -1;
	return 0;
}

/* The absolute file name and its directory. */
static int
locate(struct load *ld)
{
	char *slash;

	if ((ld->file = realpath(ld->path, NULL)) == NULL) {
		snprintf(ld->why, ld->whylen, "%s: cannot resolve: %s",
		    ld->path, strerror(errno));
		return -1;
	}
	if ((ld->dir = strdup(ld->file)) == NULL) {
		snprintf(ld->why, ld->whylen, "%s: out of memory", ld->path);
		return -1;
	}
	slash = strrchr(ld->dir, '/');
	if (slash == ld->dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	return 0;
}

int
conf_load(const char *path, struct conf **out, char *why, size_t whylen)
{
	struct load ld;
	struct xerr xe;
	struct conf *c;
	xmlDocPtr doc;
	char *buf;
	size_t len;
	int rc = -1;

	memset(&ld, 0, sizeof(ld));
	memset(&xe, 0, sizeof(xe));
	ld.path = path != NULL ? path : "(null)";
	ld.why = why;
	ld.whylen = whylen;
	if (whylen > 0)
		why[0] = '\0';
	if (path == NULL || path[0] == '\0') {
		snprintf(why, whylen, "no config file given");
		return -1;
	}
	if ((buf = read_file(&ld, &len)) == NULL)
		return -1;
	doc = parse(&ld, buf, len);
	free(buf);
	if (doc == NULL)
		return -1;
	if (locate(&ld) == -1)
		goto out_doc;
	if (validate(&ld, doc, &xe) == -1) {
		if (xe.set)
			explain(&ld, xe.node, &xe);
		goto out_doc;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		fail(&ld, 0, "out of memory");
		goto out_doc;
	}
	c->file = ld.file;
	ld.file = NULL;
	set_numbers(c);
	if (walk(&ld, c, xmlDocGetRootElement(doc)) == -1)
		goto out_conf;
	if (fill_strings(c) == -1) {
		fail(&ld, 0, "out of memory");
		goto out_conf;
	}
	*out = c;
	rc = 0;
	goto out_doc;
out_conf:
	conf_free(c);
out_doc:
	free(ld.file);
	free(ld.dir);
	xmlFreeDoc(doc);
	return rc;
}

void
conf_free(struct conf *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n_plugin_names; i++)
		free(c->plugin_names[i]);
	free(c->plugin_names);
	free(c->file);
	free(c->store_path);
	free(c->plugin_dir);
	free(c->template_dir);
	free(c->catalog_dir);
	free(c->content_dir);
	free(c->listen);
	free(c->timezone);
	free(c->public_url);
	free(c);
}

const char *
conf_log_level_name(int level)
{
	size_t i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (levels[i].level == level)
			return levels[i].name;
	return "info";
}
