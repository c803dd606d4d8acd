/*
 * mock_host.h - one mock of the host-services table, for the plugins'
 * unit tests (plugins/NAME/test_NAME.c): a plugin's .c file, this mock
 * and cmocka make the whole program; nothing of ppxd is linked in.
 *
 * A test defines its own struct ppx_ctx, whose first member is a struct
 * mock (MOCK_CTX_FIRST checks that).  The mock's services find their
 * state through it; the test's own services (content, clubs_near, feed,
 * the codes), which it puts in m.host, find the rest of the context.
 *
 *	struct ppx_ctx {
 *		struct mock	 m;
 *		int		 near_rc;	(the test's own)
 *	};
 *	MOCK_CTX_FIRST;
 *
 * What the mock's services do:
 *   root, elem, attr, text	record the tree in m.nodes; mock_tree()
 *				serialises it without escaping, so a test
 *				sees exactly what the plugin handed over:
 *				<name a="v">text<child>…</child></name>
 *   msg			appends <msg key="K"> with the text K, then
 *				"|name=value" per argument (numbers with
 *				m.decimals decimals); PPX_ENOTFOUND for
 *				m.missing_key, a key the catalog lacks
 *   order_field		m.order (mock_order); NULL for other paths
 *   item_count, item_field	m.items[0 .. m.nitems - 1] (mock_items)
 *   brand, lang, stage		"demo", "nl", m.stage
 *   now, days_until		MOCK_NOW; m.days, or m.days_rc when set
 *   log			appends the line and "\n" to m.log, counts
 *				m.nlogs
 *   link			"tracked:KIND:URL" for http(s) and mailto URLs,
 *				NULL for others and for kind m.refuse_kind
 *   setting			m.settings (mock_setting); a key the test did
 *				not declare fails the test
 *   content, code_issue, code_link, code_count, clubs_near, feed
 *				fail the test: a test that expects one puts
 *				its own in m.host
 *
 * Failure injection: the m.fail_at-th counted call fails (NULL or
 * PPX_ENOMEM; 0: none does) and m.calls counts them.  Counted are root,
 * elem, attr, text and msg, and a test's own services when they ask
 * mock_fails(); m.fail_only, when not 0, counts only the services in it.
 *
 * Memory: all of it is in struct mock, so a context copied with `=`
 * is a fresh one; strings a service returns live in m.strs.
 */
#ifndef MOCK_HOST_H
#define MOCK_HOST_H

#include <stddef.h>
#include <stdint.h>

#include <ppx/plugin.h>

#define MOCK_NODES	64	/* elements in one tree */
#define MOCK_ATTRS	4	/* attributes of one element */
#define MOCK_NAME	32	/* an element or attribute name, with NUL */
#define MOCK_VAL	2048	/* a value or text: a share link is 1 kB */
#define MOCK_STRS	16	/* strings the services return */
#define MOCK_PAIRS	8	/* order fields, settings */
#define MOCK_ITEMS	8	/* items of the order */
#define MOCK_LOG	1024
#define MOCK_OUT	32768	/* mock_tree()'s text */
#define MOCK_NOW	1795392000	/* now(): 2026-11-23 00:00 UTC */

/* The services fail_at counts, for fail_only and mock_fails(). */
#define MOCK_ROOT	0x01
#define MOCK_ELEM	0x02
#define MOCK_ATTR	0x04
#define MOCK_TEXT	0x08
#define MOCK_MSG	0x10
#define MOCK_OWN	0x20	/* a test's own service */

/* An element of the tree; parent is an index in m.nodes, -1: the root. */
struct ppx_node {
	char	 name[MOCK_NAME];
	int	 parent;
	size_t	 nattrs;
	char	 attr_name[MOCK_ATTRS][MOCK_NAME];
	char	 attr_val[MOCK_ATTRS][MOCK_VAL];
	char	 text[MOCK_VAL];
};

/* An order field or a setting; a NULL value is declared but absent. */
struct mock_pair {
	const char	*name;
	const char	*value;
};

/* An item of the order: the fields item_field() knows, in ABI order. */
struct mock_item {
	const char	*sku, *name, *category, *image, *url, *qty;
};

struct mock {
	/* The table mock_render() hands over: a test may change it. */
	struct ppx_host	 host;

	/* The order and request, as the test sets them. */
	const char	*stage;
	struct mock_pair order[MOCK_PAIRS];
	struct mock_item items[MOCK_ITEMS];
	size_t		 nitems;
	struct mock_pair settings[MOCK_PAIRS];
	long		 days;		/* days_until(), unless days_rc */
	int		 days_rc;
	const char	*missing_key;	/* msg() lacks it */
	int		 decimals;	/* of a number argument in msg() */
	const char	*refuse_kind;	/* link() refuses links of it */

	/* Failure injection. */
	int		 fail_at;
	unsigned	 fail_only;
	int		 calls;

	/* What the plugin did. */
	struct ppx_node	 nodes[MOCK_NODES];
	size_t		 nnodes;
	char		 strs[MOCK_STRS][MOCK_VAL];
	size_t		 nstrs;
	char		 log[MOCK_LOG];
	int		 nlogs;
};

/* The plugin under test: the one plugin linked into the test. */
extern const struct ppx_plugin ppx_plugin;

/* After a test's struct ppx_ctx: the mock's services rely on it. */
#define MOCK_CTX_FIRST \
	_Static_assert(offsetof(struct ppx_ctx, m) == 0, \
	    "struct ppx_ctx must begin with its struct mock m")

/* Everything empty, the mock's services in m->host. */
void		 mock_init(struct mock *m);
/* Set (or, with a NULL value, declare absent) an order field, a setting. */
void		 mock_order(struct mock *m, const char *path,
		    const char *value);
void		 mock_setting(struct mock *m, const char *key,
		    const char *value);
/* The order's items: a copy of items[0 .. n - 1]. */
void		 mock_items(struct mock *m, const struct mock_item *items,
		    size_t n);

/* The plugin under test renders ctx with ctx->m.host; its return code. */
int		 mock_render(struct ppx_ctx *ctx);

/* For a test's own services: counts a call of service, 1 if it fails. */
int		 mock_fails(struct mock *m, unsigned service);
/* For a test's own services: a copy of s that lives as long as m. */
const char	*mock_keep(struct mock *m, const char *s);

/* The tree as text, unescaped; "" when nothing was built.  Static. */
const char	*mock_tree(const struct mock *m);
/* The first element called name, or NULL; how many there are. */
const struct ppx_node *mock_find(const struct mock *m, const char *name);
size_t		 mock_count(const struct mock *m, const char *name);
/* The attribute name of element n (which must exist), or NULL. */
const char	*mock_attr(const struct ppx_node *n, const char *name);

#endif /* MOCK_HOST_H */
