/*
 * test_catalog.c - .po catalogs, CSV content and ICU message formatting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "catalog.h"
#include "msgfmt.h"
#include "store.h"

struct fixture {
	char		 dir[64];
	char		 path[128];
	struct store	*st;
	struct arena	*a;
};

static int
setup(void **state)
{
	struct fixture *f;
	struct store_brand b;
	char why[256];

	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/ppx-test-catalog.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/ppx.db", f->dir);
	assert_int_equal(store_open(&f->st, f->path,
	    STORE_CREATE | STORE_MIGRATE, why, sizeof(why)), 0);
	memset(&b, 0, sizeof(b));
	snprintf(b.name, sizeof(b.name), "runfast");
	snprintf(b.default_lang, sizeof(b.default_lang), "nl");
	snprintf(b.timezone, sizeof(b.timezone), "Europe/Amsterdam");
	assert_int_equal(store_brand_add(f->st, &b, why, sizeof(why)), 0);
	f->a = arena_new(1 << 20);
	assert_non_null(f->a);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	store_close(f->st);
	arena_free(f->a);
	/* Only our own mkdtemp directory. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* Write text (len bytes) to DIR/name.  OUT: path. */
static void
put_file(struct fixture *f, const char *name, const char *text, size_t len,
    char *path, size_t pathlen)
{
	FILE *fp;

	snprintf(path, pathlen, "%s/%s", f->dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void
put(struct fixture *f, const char *name, const char *text, char *path,
    size_t pathlen)
{
	put_file(f, name, text, strlen(text), path, pathlen);
}

static const char *
msg(struct fixture *f, const char *brand, const char *lang, const char *key)
{
	const char *t = NULL;

	if (store_msg_get(f->st, brand, lang, key, f->a, &t) != 0)
		return NULL;
	return t;
}

/* --- .po ----------------------------------------------------------------- */

static const char good_po[] =
	"# Dutch copy of the voorpret touchpoint.\n"
	"msgid \"\"\n"
	"msgstr \"\"\n"
	"\"Project-Id-Version: ppx\\n\"\n"
	"\"Language: nl\\n\"\n"
	"\"MIME-Version: 1.0\\n\"\n"
	"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	"\n"
	"#. The countdown above the product image.\n"
	"#: plugins/voorpret/voorpret.c:42\n"
	"msgid \"voorpret.countdown\"\n"
	"msgstr \"{days, plural, one {Nog # dag} other {Nog # dagen}}\"\n"
	"\n"
	"msgid \"voorpret.multi\"\n"
	"msgstr \"\"\n"
	"\"Eerste regel, \"\n"
	"\"tweede \\\"deel\\\"\\n\"\n"
	"\"tab\\there, slash \\\\ caf\xc3\xa9\"\n"
	"\n"
	"#, fuzzy\n"
	"msgid \"voorpret.fuzzy\"\n"
	"msgstr \"Nog niet goed\"\n"
	"\n"
	"#, c-format\n"
	"msgid \"voorpret.untranslated\"\n"
	"msgstr \"\"\n"
	"\n"
	"msgctxt \"tips\"\n"
	"msgid \"title\"\n"
	"msgstr \"Tips voor {name}\"\n"
	"\n"
	"#~ msgid \"voorpret.old\"\n"
	"#~ msgstr \"Oud\"\n";

static void
test_po_import(void **state)
{
	struct fixture *f = *state;
	char path[192], why[256];
	size_t count = 99;

	put(f, "voorpret.nl.po", good_po, path, sizeof(path));
	assert_int_equal(catalog_import_po(f->st, "", path, NULL, &count, why,
	    sizeof(why)), 0);
	assert_int_equal(count, 3);
	assert_string_equal(msg(f, "runfast", "nl", "voorpret.countdown"),
	    "{days, plural, one {Nog # dag} other {Nog # dagen}}");
	assert_string_equal(msg(f, "runfast", "nl", "voorpret.multi"),
	    "Eerste regel, tweede \"deel\"\ntab\there, slash \\ caf\xc3\xa9");
	assert_string_equal(msg(f, "", "nl", "tips.title"), "Tips voor {name}");
	assert_null(msg(f, "", "nl", "voorpret.fuzzy"));
	assert_null(msg(f, "", "nl", "voorpret.untranslated"));
	assert_null(msg(f, "", "nl", "voorpret.old"));
	assert_null(msg(f, "", "en", "voorpret.countdown"));

	/* The brand's own copy, in a language given by the caller. */
	assert_int_equal(catalog_import_po(f->st, "runfast", path, "nl-BE",
	    &count, why, sizeof(why)), 0);
	assert_int_equal(count, 3);
	assert_non_null(msg(f, "runfast", "nl-BE", "voorpret.countdown"));
	assert_null(msg(f, "", "nl-BE", "voorpret.countdown"));
	/* Refusals before anything is read. */
	assert_int_equal(catalog_import_po(f->st, "runfast", path, "NL",
	    &count, why, sizeof(why)), -1);
	assert_int_equal(catalog_import_po(f->st, "Run Fast", path, NULL,
	    &count, why, sizeof(why)), -1);
	assert_int_equal(catalog_import_po(f->st, "nobody", path, NULL,
	    &count, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "no such brand"));
	assert_int_equal(count, 0);
}

static void
test_po_parse(void **state)
{
	struct fixture *f = *state;
	static const char pt[] =
	    "msgid \"\"\nmsgstr \"Language: pt_BR\\n\"\n";
	static const char crlf[] =
	    "\xef\xbb\xbfmsgid \"a\"\r\nmsgstr \"b\"\r\n";
	struct po_file pf;
	char why[256];

	assert_int_equal(po_parse("x.po", good_po, strlen(good_po), f->a, &pf,
	    why, sizeof(why)), 0);
	assert_string_equal(pf.lang, "nl");
	assert_int_equal(pf.n, 5);
	assert_string_equal(pf.entries[0].msgid, "voorpret.countdown");
	assert_int_equal(pf.entries[0].line, 11);
	assert_int_equal(pf.entries[0].fuzzy, 0);
	assert_int_equal(pf.entries[2].fuzzy, 1);
	assert_string_equal(pf.entries[2].msgstr, "Nog niet goed");
	assert_int_equal(pf.entries[3].fuzzy, 0);
	assert_string_equal(pf.entries[3].msgstr, "");
	assert_string_equal(pf.entries[4].msgctxt, "tips");
	assert_string_equal(po_key(f->a, &pf.entries[4]), "tips.title");
	assert_null(pf.entries[0].msgctxt);
	/* pt_BR in the header becomes a tag. */
	assert_int_equal(po_parse("x.po", pt, sizeof(pt) - 1, f->a, &pf, why,
	    sizeof(why)), 0);
	assert_string_equal(pf.lang, "pt-BR");
	assert_int_equal(pf.n, 0);
	/* CRLF and a BOM. */
	assert_int_equal(po_parse("x.po", crlf, sizeof(crlf) - 1, f->a, &pf,
	    why, sizeof(why)), 0);
	assert_int_equal(pf.n, 1);
	assert_string_equal(pf.entries[0].msgstr, "b");
}

struct bad_po {
	const char	*lang;		/* given to the import, or NULL */
	const char	*text;
	const char	*error;		/* expected after "FILE:" */
};

static void
test_po_errors(void **state)
{
	static const struct bad_po bad[] = {
		{ "nl", "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\nmsgstr \"d\n",
		    ":5: unterminated string" },
		{ "nl", "msgid \"a\"\nmsgstr \"b\\q\"\n", ":2: unknown escape \\q" },
		{ "nl", "msgid \"a\"\nmsgstr \"b\" x\n",
		    ":2: text after the closing quote" },
		{ "nl", "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"\n",
		    ":3: msgid without msgstr before it" },
		{ "nl", "msgid \"a\"\n", ":1: msgid without msgstr" },
		{ "nl", "msgstr \"a\"\n", ":1: msgstr without msgid" },
		{ "nl", "msgid \"a\"\nmsgstr \"b\"\nmsgctxt \"c\"\n",
		    ":3: msgctxt without msgid" },
		{ "nl", "msgctxt \"c\"\nmsgctxt \"d\"\n",
		    ":2: msgctxt inside an entry" },
		{ "nl", "msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n",
		    ":3: a second msgstr" },
		{ "nl", "\"floating\"\n", ":1: string outside an entry" },
		{ "nl", "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n",
		    ":2: gettext plural forms are not supported" },
		{ "nl", "msgid \"a\"\nmsgstr \"b\"\nbogus\n", ":3: syntax error" },
		{ "nl", "msgid \"\"\nmsgstr \"Content-Type: text/plain; "
		    "charset=ISO-8859-1\\n\"\n", ":2: charset must be UTF-8" },
		{ "nl", "msgid \"\"\nmsgstr \"Language: \\\"; DROP\\n\"\n",
		    ":2: header Language: is not a language" },
		{ "nl", "msgid \"a\"\nmsgstr \"caf\xe9\"\n", ":2: not UTF-8" },
		{ "nl", "msgid \"a\"\n# note\nmsgstr \"b\"\n",
		    ":2: comment inside an entry" },
		{ "nl", "msgid \"a b\"\nmsgstr \"b\"\n", ":1: bad message key" },
		{ "nl", "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n",
		    ":4: duplicate message key (first at line 1)" },
		{ "nl", "msgid \"a\"\nmsgstr \"ok\"\n\nmsgid \"b\"\n"
		    "msgstr \"{days, plural, one {x}\"\n",
		    ":5: bad message pattern at offset" },
		{ NULL, "msgid \"a\"\nmsgstr \"b\"\n", ": no Language: in the header" },
		{ NULL, NULL, NULL }
	};
	struct fixture *f = *state;
	char path[192], why[256], want[256];
	size_t i, count;

	for (i = 0; bad[i].text != NULL; i++) {
		put(f, "broken.po", bad[i].text, path, sizeof(path));
		why[0] = '\0';
		count = 7;
		assert_int_equal(catalog_import_po(f->st, "", path,
		    bad[i].lang, &count, why, sizeof(why)), -1);
		assert_int_equal(count, 0);
		snprintf(want, sizeof(want), "%s%s", path, bad[i].error);
		if (strncmp(why, want, strlen(want)) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s...\"", i, why,
			    want);
		/* Nothing imported, not even the good entry before. */
		assert_null(msg(f, "", "nl", "a"));
	}
	/* A missing file. */
	snprintf(path, sizeof(path), "%s/none.po", f->dir);
	assert_int_equal(catalog_import_po(f->st, "", path, "nl", &count, why,
	    sizeof(why)), -1);
	assert_non_null(strstr(why, "No such file"));
}

static void
test_po_limits(void **state)
{
	struct fixture *f = *state;
	char path[192], why[256];
	char *big;
	size_t count, n, i;

	/* A string of 4096 bytes is fine, 4097 is not. */
	n = 4200;
	big = malloc(n + 64);
	assert_non_null(big);
	i = (size_t)snprintf(big, 64, "msgid \"k\"\nmsgstr \"");
	memset(big + i, 'x', 4096);
	memcpy(big + i + 4096, "\"\n", 3);
	put(f, "ok.po", big, path, sizeof(path));
	assert_int_equal(catalog_import_po(f->st, "", path, "nl", &count, why,
	    sizeof(why)), 0);
	assert_int_equal(strlen(msg(f, "", "nl", "k")), 4096);
	memset(big + i, 'y', 4097);
	memcpy(big + i + 4097, "\"\n", 3);
	put(f, "long.po", big, path, sizeof(path));
	assert_int_equal(catalog_import_po(f->st, "", path, "nl", &count, why,
	    sizeof(why)), -1);
	assert_non_null(strstr(why, "long.po:2: string longer than 4096"));
	free(big);

	/* Over 1 MiB of comments. */
	n = CATALOG_MAX_FILE + 1;
	big = malloc(n);
	assert_non_null(big);
	memset(big, '#', n);
	for (i = 79; i < n; i += 80)
		big[i] = '\n';
	put_file(f, "huge.po", big, n, path, sizeof(path));
	assert_int_equal(catalog_import_po(f->st, "", path, "nl", &count, why,
	    sizeof(why)), -1);
	assert_non_null(strstr(why, "larger than"));
	free(big);

	/* 10001 entries. */
	n = 10001 * 32;
	big = malloc(n);
	assert_non_null(big);
	for (i = 0, n = 0; i < 10001; i++)
		n += (size_t)sprintf(big + n, "msgid \"k%zu\"\nmsgstr \"v\"\n",
		    i);
	put_file(f, "many.po", big, n, path, sizeof(path));
	assert_int_equal(catalog_import_po(f->st, "", path, "nl", &count, why,
	    sizeof(why)), -1);
	assert_non_null(strstr(why, "more than 10000 entries"));
	assert_null(msg(f, "", "nl", "k1"));
	free(big);
}

/* --- CSV ------------------------------------------------------------------ */

static void
test_csv_import(void **state)
{
	struct fixture *f = *state;
	const char *rows[8];
	char path[192], why[256];
	size_t count, n;

	put(f, "tips.csv",
	    "dataset,key,lang,position,body\r\n"
	    "tips,running-shoes,nl,2,\"Loop ze in, thuis\"\r\n"
	    "tips,running-shoes,nl,1,Eerst sokken passen\r\n"
	    "tips,running-shoes,nl,3,\"Zeg \"\"hallo\"\"\r\n"
	    "tegen je nieuwe schoenen\"\r\n"
	    "\r\n"
	    "tips,rain-jackets,en,0,\"\"\r\n"
	    "extra,x,nl,0,caf\xc3\xa9", path, sizeof(path));
	assert_int_equal(content_import_csv(f->st, "", path, &count, why,
	    sizeof(why)), 0);
	assert_int_equal(count, 5);
	assert_int_equal(store_content_get(f->st, "runfast", "tips",
	    "running-shoes", "nl", f->a, rows, 8, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0], "Eerst sokken passen");
	assert_string_equal(rows[1], "Loop ze in, thuis");
	assert_string_equal(rows[2],
	    "Zeg \"hallo\"\r\ntegen je nieuwe schoenen");
	assert_int_equal(store_content_get(f->st, "runfast", "tips",
	    "rain-jackets", "en", f->a, rows, 8, &n), 0);
	assert_string_equal(rows[0], "");
	assert_int_equal(store_content_get(f->st, "", "extra", "x", "nl",
	    f->a, rows, 8, &n), 0);
	assert_string_equal(rows[0], "caf\xc3\xa9");

	/* A re-import replaces the datasets it names, and only those. */
	put(f, "tips2.csv", "dataset,key,lang,position,body\n"
	    "tips,running-shoes,nl,0,Alleen deze\n", path, sizeof(path));
	assert_int_equal(content_import_csv(f->st, "", path, &count, why,
	    sizeof(why)), 0);
	assert_int_equal(count, 1);
	assert_int_equal(store_content_get(f->st, "", "tips",
	    "running-shoes", "nl", f->a, rows, 8, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0], "Alleen deze");
	assert_int_equal(store_content_get(f->st, "", "tips",
	    "rain-jackets", "en", f->a, rows, 8, &n), STORE_NOTFOUND);
	assert_int_equal(store_content_get(f->st, "", "extra", "x", "nl",
	    f->a, rows, 8, &n), 0);

	/* The brand's own rows win over the defaults. */
	put(f, "brand.csv", "dataset,key,lang,position,body\n"
	    "tips,running-shoes,nl,5,Van runfast\n", path, sizeof(path));
	assert_int_equal(content_import_csv(f->st, "runfast", path, &count,
	    why, sizeof(why)), 0);
	assert_int_equal(store_content_get(f->st, "runfast", "tips",
	    "running-shoes", "nl", f->a, rows, 8, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0], "Van runfast");
}

struct bad_csv {
	const char	*text;
	const char	*error;		/* expected after "FILE" */
};

static void
test_csv_errors(void **state)
{
	static const struct bad_csv bad[] = {
		{ "dataset,key,lang,body\ntips,a,nl,x\n",
		    ":1: the header must be dataset,key,lang,position,body" },
		{ "Dataset,key,lang,position,body\n",
		    ":1: the header must be" },
		{ "", ":1: empty file" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,0,ok\n"
		    "tips,a,nl,1,bad\"quote\n",
		    ":3: bad quoting: a quote inside an unquoted field" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,0,\"closed\" late\n",
		    ":2: bad quoting: text after a closing quote" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,0,ok\n"
		    "tips,a,nl,1,\"never\nclosed\n",
		    ":3: unterminated quoted field" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,0\n", ":2: want 5 fields, got 4" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,0,b,c\n", ":2: more than 5 fields" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,0,ok\n"
		    "tips,a,NL,1,x\n", ":3: bad lang" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,-1,x\n", ":2: bad position" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,10000,x\n", ":2: bad position" },
		{ "dataset,key,lang,position,body\n"
		    "Tips,a,nl,1,x\n", ":2: bad dataset" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a b,nl,1,x\n", ":2: bad key" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,1,x\xff\n", ":2: not UTF-8" },
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,1,x\rz\n", ":2: stray carriage return" },
		/* Checks pass; the store refuses the duplicate row. */
		{ "dataset,key,lang,position,body\n"
		    "tips,a,nl,1,x\n"
		    "tips,a,nl,1,y\n", ":3: cannot add content: UNIQUE" },
		{ NULL, NULL }
	};
	struct fixture *f = *state;
	const char *rows[4];
	char path[192], why[256], want[256];
	size_t i, count, n;

	/* Existing rows must survive every failed import. */
	assert_int_equal(store_content_add(f->st, "", "tips", "a", "nl", 0,
	    "before"), 0);
	for (i = 0; bad[i].text != NULL; i++) {
		put(f, "bad.csv", bad[i].text, path, sizeof(path));
		why[0] = '\0';
		count = 7;
		assert_int_equal(content_import_csv(f->st, "", path, &count,
		    why, sizeof(why)), -1);
		assert_int_equal(count, 0);
		snprintf(want, sizeof(want), "%s%s", path, bad[i].error);
		if (strncmp(why, want, strlen(want)) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s...\"", i, why,
			    want);
		assert_int_equal(store_content_get(f->st, "", "tips", "a",
		    "nl", f->a, rows, 4, &n), 0);
		assert_int_equal(n, 1);
		assert_string_equal(rows[0], "before");
	}
	/* An unknown brand: refused by the store, nothing left behind. */
	put(f, "ok.csv", "dataset,key,lang,position,body\ntips,a,nl,0,x\n",
	    path, sizeof(path));
	assert_int_equal(content_import_csv(f->st, "nobody", path, &count,
	    why, sizeof(why)), -1);
	assert_non_null(strstr(why, "ok.csv:2: "));
	assert_int_equal(content_import_csv(f->st, "../x", path, &count,
	    why, sizeof(why)), -1);
}

/* --- ICU message formatting --------------------------------------------- */

static const char countdown_nl[] =
    "{days, plural, one {Nog # dag} other {Nog # dagen}}";
static const char countdown_en[] =
    "{days, plural, one {# day to go} other {# days to go}}";

static const char *
fmt(const char *locale, const char *pattern, const struct ppx_arg *args,
    size_t nargs)
{
	static char out[512];
	char why[256];

	if (msgfmt_format(locale, pattern, args, nargs, out, sizeof(out), why,
	    sizeof(why)) == -1)
		fail_msg("msgfmt_format: %s", why);
	return out;
}

static void
test_msgfmt_plural(void **state)
{
	struct ppx_arg a = { "days", NULL, 1 };

	(void)state;
	assert_string_equal(fmt("nl", countdown_nl, &a, 1), "Nog 1 dag");
	a.number = 2;
	assert_string_equal(fmt("nl", countdown_nl, &a, 1), "Nog 2 dagen");
	a.number = 0;
	assert_string_equal(fmt("nl", countdown_nl, &a, 1), "Nog 0 dagen");
	a.number = 1;
	assert_string_equal(fmt("en", countdown_en, &a, 1), "1 day to go");
	a.number = 2;
	assert_string_equal(fmt("en", countdown_en, &a, 1), "2 days to go");
	a.number = 1;
	assert_string_equal(fmt("nl-BE", countdown_nl, &a, 1), "Nog 1 dag");
}

static void
test_msgfmt_numbers_and_text(void **state)
{
	struct ppx_arg args[2] = { { "n", NULL, 1234.5 },
	    { "name", "Anne", 0 } };
	const char *hostile = "<script>alert('x')</script> & \"{name}\" "
	    "caf\xc3\xa9";
	char out[16], why[256];

	(void)state;
	assert_string_equal(fmt("nl", "{n, number}", args, 1), "1.234,5");
	assert_string_equal(fmt("en", "{n, number}", args, 1), "1,234.5");
	assert_string_equal(fmt("nl", "Hallo {name}!", args, 2),
	    "Hallo Anne!");
	/* Text arguments pass through verbatim, markup and all. */
	args[1].text = hostile;
	assert_string_equal(fmt("nl", "Hallo {name}", args, 2) + 6, hostile);
	/* A missing argument stays a placeholder; no crash. */
	assert_string_equal(fmt("nl", "Hallo {who}", args, 2), "Hallo {who}");
	assert_string_equal(fmt("nl", "Hallo {name}", NULL, 0),
	    "Hallo {name}");
	/* zo'n: an apostrophe in Dutch text is just an apostrophe. */
	assert_string_equal(fmt("nl", "Zo'n mooie dag", NULL, 0),
	    "Zo'n mooie dag");
	/* Output that does not fit. */
	assert_int_equal(msgfmt_format("nl", "0123456789abcdef", NULL, 0, out,
	    sizeof(out), why, sizeof(why)), -1);
	assert_string_equal(out, "");
	assert_int_equal(msgfmt_format("nl", "0123456789abcde", NULL, 0, out,
	    sizeof(out), why, sizeof(why)), 0);
	assert_string_equal(out, "0123456789abcde");
	/* Bad input. */
	assert_int_equal(msgfmt_format("nl", "caf\xe9", NULL, 0, out,
	    sizeof(out), why, sizeof(why)), -1);
	assert_int_equal(msgfmt_format("nl", "{x", NULL, 0, out, sizeof(out),
	    why, sizeof(why)), -1);
	args[0].name = NULL;
	assert_int_equal(msgfmt_format("nl", "x", args, 1, out, sizeof(out),
	    why, sizeof(why)), -1);
	assert_int_equal(msgfmt_format("nl", "x", args, 1000, out,
	    sizeof(out), why, sizeof(why)), -1);
}

static void
test_msgfmt_check(void **state)
{
	char why[256];

	(void)state;
	assert_int_equal(msgfmt_check(countdown_nl, why, sizeof(why)), 0);
	assert_int_equal(msgfmt_check("Hallo {name}", why, sizeof(why)), 0);
	assert_int_equal(msgfmt_check("", why, sizeof(why)), 0);
	assert_int_equal(msgfmt_check("Hallo {name", why, sizeof(why)), -1);
	assert_non_null(strstr(why, "offset"));
	assert_int_equal(msgfmt_check("{days, plural, one {x}}", why,
	    sizeof(why)), -1);
	assert_int_equal(msgfmt_check("{a, nonsense}", why, sizeof(why)), -1);
	assert_int_equal(msgfmt_check("{, number}", why, sizeof(why)), -1);
	assert_int_equal(msgfmt_check("{n, plural, other {x}", why,
	    sizeof(why)), -1);
	assert_int_equal(msgfmt_check("\xc3", why, sizeof(why)), -1);
	assert_non_null(strstr(why, "UTF-8"));
	assert_int_equal(msgfmt_check(NULL, why, sizeof(why)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_po_import, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_po_parse, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_po_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_po_limits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_csv_import, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_csv_errors, setup,
		    teardown),
		cmocka_unit_test(test_msgfmt_plural),
		cmocka_unit_test(test_msgfmt_numbers_and_text),
		cmocka_unit_test(test_msgfmt_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
