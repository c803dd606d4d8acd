/*
 * test_multipart.c - multipart/form-data bodies: what browsers and curl
 * send, the boundary forms, binary data, and every refusal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "multipart.h"

/* Chrome's shape: a boundary of dashes and random letters. */
#define WK	"----WebKitFormBoundaryx7mQ2fGkR4pZ"
#define WKCT	"multipart/form-data; boundary=" WK
#define CT	"multipart/form-data; boundary=zzq"
#define CD	"Content-Disposition: form-data; "

static struct arena *A;
static struct multipart M;
static char why[256];
static char big[64 * 1024];

static int
setup(void **state)
{
	(void)state;
	if ((A = arena_new(1024 * 1024)) == NULL)
		return -1;
	memset(&M, 0, sizeof(M));
	why[0] = '\0';
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(A);
	A = NULL;
	return 0;
}

static int
parse_n(const char *ct, const char *body, size_t len)
{
	return multipart_parse(&M, A, ct, body, len, why, sizeof(why));
}

/* A string literal body, NULs included. */
#define PARSE(ct, lit)		parse_n((ct), (lit), sizeof(lit) - 1)
#define FAILS(ct, lit, want)	fails_n((ct), (lit), sizeof(lit) - 1, (want))

/*
 * What the bodies below carry that a reason must never repeat: field
 * names, file names, values, boundaries.
 */
static const char *const user_data[] = {
	"csrf", "lang", "upload", "Lang", "evil", "secret", "SECRET", "zzq",
	"WebKit", "passwd", "x.po", "nl.po", NULL
};

/* why is a non-empty line of printable ASCII without user data. */
static void
reason_ok(void)
{
	const char *const *u;
	const char *s;

	assert_true(why[0] != '\0');
	for (s = why; *s != '\0'; s++)
		assert_true(*s >= 0x20 && *s < 0x7f);
	for (u = user_data; *u != NULL; u++)
		if (strstr(why, *u) != NULL)
			fail_msg("reason \"%s\" quotes \"%s\"", why, *u);
}

/* Parsing fails with exactly the reason want, and no parts. */
static void
fails_n(const char *ct, const char *body, size_t len, const char *want)
{
	M.n = 5;
	why[0] = '\0';
	assert_int_equal(parse_n(ct, body, len), -1);
	assert_string_equal(why, want);
	assert_int_equal(M.n, 0);
	reason_ok();
}

/* The part named name has exactly the bytes want[0..len). */
static const struct multipart_part *
has(const char *name, const char *want, size_t len)
{
	const struct multipart_part *p;

	p = multipart_get(&M, name);
	assert_non_null(p);
	assert_string_equal(p->name, name);
	assert_int_equal(p->len, len);
	assert_memory_equal(p->data, want, len);
	assert_int_equal(p->data[len], '\0');
	return p;
}

#define HAS(name, lit)	has((name), (lit), sizeof(lit) - 1)

static size_t	add(size_t, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Append to big at n; the new length. */
static size_t
add(size_t n, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(big + n, sizeof(big) - n, fmt, ap);
	va_end(ap);
	assert_true(k >= 0 && (size_t)k < sizeof(big) - n);
	return n + (size_t)k;
}

#define PO	"msgid \"\"\r\nmsgstr \"\"\r\n\"Language: nl\\n\"\r\n\r\n" \
		"msgid \"Hello\"\r\nmsgstr \"Hallo\"\r\n"

static void
test_browser(void **state)
{
	const struct multipart_part *p;

	(void)state;
	assert_int_equal(PARSE(WKCT,
	    "--" WK "\r\n"
	    CD "name=\"csrf\"\r\n"
	    "\r\n"
	    "3f9a1c\r\n"
	    "--" WK "\r\n"
	    CD "name=\"lang\"\r\n"
	    "\r\n"
	    "nl\r\n"
	    "--" WK "\r\n"
	    CD "name=\"upload\"; filename=\"nl.po\"\r\n"
	    "Content-Type: text/x-gettext-translation\r\n"
	    "\r\n"
	    PO
	    "\r\n--" WK "--\r\n"), 0);
	assert_int_equal(M.n, 3);
	assert_string_equal(M.p[0].name, "csrf");
	assert_string_equal(M.p[1].name, "lang");
	assert_string_equal(M.p[2].name, "upload");
	p = HAS("csrf", "3f9a1c");
	assert_null(p->filename);
	p = HAS("lang", "nl");
	assert_null(p->filename);
	p = HAS("upload", PO);
	assert_string_equal(p->filename, "nl.po");
	assert_null(multipart_get(&M, "missing"));
	assert_null(multipart_get(&M, "CSRF"));
	assert_null(multipart_get(&M, NULL));
}

static void
test_curl(void **state)
{
	const struct multipart_part *p;

	(void)state;
	/* curl -F lang=de -F upload=@de.po: unquoted boundary. */
	assert_int_equal(PARSE(
	    "multipart/form-data; boundary=------------------------d74496d66958873e",
	    "--------------------------d74496d66958873e\r\n"
	    "Content-Disposition: form-data; name=\"lang\"\r\n"
	    "\r\n"
	    "de\r\n"
	    "--------------------------d74496d66958873e\r\n"
	    "Content-Disposition: form-data; name=\"upload\"; filename=\"de.po\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "msgid \"a\"\nmsgstr \"b\"\n"
	    "\r\n"
	    "--------------------------d74496d66958873e--\r\n"), 0);
	assert_int_equal(M.n, 2);
	HAS("lang", "de");
	p = HAS("upload", "msgid \"a\"\nmsgstr \"b\"\n");
	assert_string_equal(p->filename, "de.po");

	/* Header and parameter names in any case; token values. */
	assert_int_equal(PARSE(CT,
	    "--zzq\r\n"
	    "content-disposition: Form-Data;NAME=lang ;  FileName=a.po\r\n"
	    "CONTENT-TYPE: text/plain\r\n"
	    "X-Other:\r\n"
	    "\r\n"
	    "fr\r\n"
	    "--zzq--"), 0);
	p = HAS("lang", "fr");
	assert_string_equal(p->filename, "a.po");
}

static void
test_boundary_forms(void **state)
{
	char ct[128], body[256];
	int n;

	(void)state;
	/* Quoted, with the spaces, colon and '=' RFC 2046 allows. */
	assert_int_equal(PARSE("multipart/form-data; boundary=\"a b:c=d?\"",
	    "--a b:c=d?\r\n" CD "name=\"lang\"\r\n\r\nnl\r\n--a b:c=d?--\r\n"),
	    0);
	HAS("lang", "nl");
	/* Case-insensitive type and parameter name; other parameters. */
	assert_int_equal(PARSE(
	    " Multipart/Form-Data ; charset=\"utf-8\";BOUNDARY=zzq;x=\"\\\"\" ",
	    "--zzq\r\n" CD "name=\"lang\"\r\n\r\nnl\r\n--zzq--\r\n"), 0);
	HAS("lang", "nl");
	/* Quoted or not, the same boundary. */
	assert_int_equal(PARSE("multipart/form-data; boundary=\"zzq\"",
	    "--zzq\r\n" CD "name=\"lang\"\r\n\r\nnl\r\n--zzq--\r\n"), 0);
	HAS("lang", "nl");
	/* Seventy characters is the most. */
	n = snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%070d", 7);
	assert_true(n > 0);
	n = snprintf(body, sizeof(body), "--%070d\r\n" CD "name=lang\r\n\r\n"
	    "nl\r\n--%070d--\r\n", 7, 7);
	assert_int_equal(parse_n(ct, body, (size_t)n), 0);
	HAS("lang", "nl");
	/* One character is the least. */
	assert_int_equal(PARSE("multipart/form-data; boundary=-",
	    "---\r\n" CD "name=lang\r\n\r\nnl\r\n-----\r\n"), 0);
	HAS("lang", "nl");
}

static void
test_preamble_epilogue(void **state)
{
	(void)state;
	assert_int_equal(PARSE(CT,
	    "This is the preamble.  --zzq is not at a line start.\r\n"
	    "--zzq  \t\r\n"
	    CD "name=\"lang\"\r\n"
	    "\r\n"
	    "nl\r\n"
	    "--zzq-- \r\n"
	    "The epilogue: --zzq\r\n--zzq\r\n" CD "name=evil\r\n\r\n"), 0);
	assert_int_equal(M.n, 1);
	HAS("lang", "nl");
	assert_null(multipart_get(&M, "evil"));
	/* No CRLF after the closing boundary; a preamble ending in CRLF. */
	assert_int_equal(PARSE(CT,
	    "\r\n--zzq\r\n" CD "name=\"lang\"\r\n\r\nnl\r\n--zzq--"), 0);
	HAS("lang", "nl");
}

static void
test_empty(void **state)
{
	const struct multipart_part *p;

	(void)state;
	/* A file input left empty, as browsers send it. */
	assert_int_equal(PARSE(WKCT,
	    "--" WK "\r\n"
	    CD "name=\"upload\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\r\n"
	    "--" WK "\r\n"
	    CD "name=\"lang\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--" WK "--\r\n"), 0);
	assert_int_equal(M.n, 2);
	p = HAS("upload", "");
	assert_string_equal(p->filename, "");
	p = HAS("lang", "");
	assert_null(p->filename);
	/* RFC 2046: a part may end right after its headers. */
	assert_int_equal(PARSE(CT,
	    "--zzq\r\n" CD "name=lang\r\n\r\n--zzq--\r\n"), 0);
	HAS("lang", "");
	/* No parts at all: RFC 2046 wants one, and so do we. */
	FAILS(CT, "--zzq--\r\n", "no parts");
	FAILS(CT, "preamble\r\n--zzq--\r\n", "no parts");
}

/* The data between the blank line and the delimiter, whatever they are. */
#define BIN	"\0\r\n\0--zzq\r\n-zzq\r\n--zz\r\n--zzQ\r\n\r--zzq\n--zzq\r\n" \
		"--\r\n\r\n\r\n\xff\xfe\0"

static void
test_binary(void **state)
{
	const struct multipart_part *p;

	(void)state;
	assert_int_equal(PARSE(CT,
	    "--zzq\r\n"
	    CD "name=\"upload\"; filename=\"x.mo\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    BIN
	    "\r\n--zzq\r\n"
	    CD "name=\"lang\"\r\n"
	    "\r\n"
	    "\r\n\r\n"
	    "\r\n--zzq--\r\n"), 0);
	assert_int_equal(M.n, 2);
	p = HAS("upload", BIN);
	assert_int_equal(p->len, sizeof(BIN) - 1);
	HAS("lang", "\r\n\r\n");
	/* Data of one NUL. */
	assert_int_equal(PARSE(CT,
	    "--zzq\r\n" CD "name=lang\r\n\r\n\0\r\n--zzq--\r\n"), 0);
	HAS("lang", "\0");
}

static void
test_filename(void **state)
{
	const struct multipart_part *p;

	(void)state;
	/* Old browsers sent the whole path; nothing of it is kept. */
	assert_int_equal(PARSE(CT,
	    "--zzq\r\n" CD "name=a; filename=\"C:\\Users\\anne\\nl.po\"\r\n\r\n"
	    "1\r\n--zzq\r\n" CD "name=b; filename=\"../../etc/passwd\"\r\n\r\n"
	    "2\r\n--zzq\r\n" CD "name=c; filename=\"dir/\"\r\n\r\n"
	    "3\r\n--zzq\r\n" CD "name=d; filename=\"a/b\\\\c.po\"\r\n\r\n"
	    "4\r\n--zzq\r\n" CD "name=e; filename=\"caf\xc3\xa9 \\ %22x%22.po\"\r\n\r\n"
	    "5\r\n--zzq\r\n" CD "name=f; filename*=UTF-8''x.po\r\n\r\n"
	    "6\r\n--zzq\r\n" CD "name=g; filename=x.po; filename*=UTF-8''y\r\n"
	    "\r\n7\r\n--zzq--\r\n"), 0);
	assert_int_equal(M.n, 7);
	p = HAS("a", "1");
	assert_string_equal(p->filename, "nl.po");
	p = HAS("b", "2");
	assert_string_equal(p->filename, "passwd");
	p = HAS("c", "3");
	assert_string_equal(p->filename, "");
	p = HAS("d", "4");
	assert_string_equal(p->filename, "c.po");
	/* A backslash is a separator, "%22" (a '"') stays as sent. */
	p = HAS("e", "5");
	assert_string_equal(p->filename, " %22x%22.po");
	p = HAS("f", "6");
	assert_null(p->filename);
	p = HAS("g", "7");
	assert_string_equal(p->filename, "x.po");
}

static void
test_refuse_content_type(void **state)
{
	char ct[128];

	(void)state;
	FAILS(NULL, "--zzq--\r\n", "not multipart/form-data");
	FAILS("", "--zzq--\r\n", "not multipart/form-data");
	FAILS("multipart/mixed; boundary=zzq", "--zzq--\r\n",
	    "not multipart/form-data");
	FAILS("application/x-www-form-urlencoded", "lang=nl",
	    "not multipart/form-data");
	FAILS("multipart/form-data-x; boundary=zzq", "--zzq--\r\n",
	    "not multipart/form-data");
	FAILS("multipart/form-data", "--zzq--\r\n", "no boundary");
	FAILS("multipart/form-data; charset=utf-8", "--zzq--\r\n",
	    "no boundary");
	FAILS("multipart/form-data; boundaryx=zzq", "--zzq--\r\n",
	    "no boundary");
	FAILS("multipart/form-data; boundary=zzq; boundary=zzq", "--zzq--\r\n",
	    "duplicate boundary");
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%071d", 7);
	FAILS(ct, "--zzq--\r\n", "boundary too long");
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=\"%071d\"", 7);
	FAILS(ct, "--zzq--\r\n", "boundary too long");
	FAILS("multipart/form-data; boundary=\"\"", "----\r\n", "bad boundary");
	FAILS("multipart/form-data; boundary=\"zzq \"", "--zzq --\r\n",
	    "bad boundary");
	FAILS("multipart/form-data; boundary=\"zzq@x\"", "--zzq--\r\n",
	    "bad boundary");
	FAILS("multipart/form-data; boundary=zzq@x", "--zzq--\r\n",
	    "malformed Content-Type");
	FAILS("multipart/form-data; boundary=zzq/x", "--zzq--\r\n",
	    "malformed Content-Type");
	FAILS("multipart/form-data; boundary=\"zz\\q\"", "--zzq--\r\n",
	    "bad boundary");
	FAILS("multipart/form-data; boundary=\"zz\tq\"", "--zzq--\r\n",
	    "bad boundary");
	FAILS("multipart/form-data; boundary", "--zzq--\r\n",
	    "malformed Content-Type");
	FAILS("multipart/form-data; boundary=", "--zzq--\r\n",
	    "malformed Content-Type");
	FAILS("multipart/form-data; boundary=\"zzq", "--zzq--\r\n",
	    "malformed Content-Type");
	FAILS("multipart/form-data; boundary = zzq", "--zzq--\r\n",
	    "malformed Content-Type");
	FAILS("multipart/form-data boundary=zzq", "--zzq--\r\n",
	    "malformed Content-Type");
	FAILS("multipart/form-data; boundary=zzq x", "--zzq--\r\n",
	    "malformed Content-Type");
	FAILS("multipart/form-data; boundary=\"zzq\r\n\"", "--zzq--\r\n",
	    "malformed Content-Type");
}

static void
test_refuse_framing(void **state)
{
	(void)state;
	assert_int_equal(multipart_parse(&M, A, CT, NULL, 0, why,
	    sizeof(why)), -1);
	reason_ok();
	FAILS(CT, "", "no boundary in body");
	FAILS(CT, "lang=nl", "no boundary in body");
	FAILS(CT, "--zz", "no boundary in body");
	/* A mangled first boundary: preamble, then only the close. */
	FAILS(CT, "x--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq--",
	    "no parts");
	/* Truncated anywhere: no closing boundary. */
	FAILS(CT, "--zzq", "truncated: no closing boundary");
	FAILS(CT, "--zzq\r", "truncated: no closing boundary");
	FAILS(CT, "--zzq-", "truncated: no closing boundary");
	FAILS(CT, "--zzq\r\n", "truncated: no closing boundary");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n",
	    "truncated: no closing boundary");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl",
	    "truncated: no closing boundary");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n",
	    "truncated: no closing boundary");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq",
	    "truncated: no closing boundary");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq\r\n",
	    "truncated: no closing boundary");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq-",
	    "truncated: no closing boundary");
	/* LF-only line ends, wherever they start. */
	FAILS(CT, "--zzq\n" CD "name=lang\n\nnl\n--zzq--\n",
	    "line ends in LF, not CRLF");
	FAILS(CT, "--zzq\r\n" CD "name=lang\n\nnl\n--zzq--\n",
	    "line ends in LF, not CRLF");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq\n"
	    CD "name=upload\n\n\n--zzq--\n", "line ends in LF, not CRLF");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq--\n",
	    "line ends in LF, not CRLF");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\nnl\r\n--zzq--\r\n",
	    "line ends in LF, not CRLF");
	/* The boundary inside the data, or a boundary line with more. */
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nSECRET\r\n--zzqSECRET\r\n"
	    "\r\n--zzq--\r\n", "malformed boundary line");
	FAILS(CT, "--zzqx\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq--\r\n",
	    "malformed boundary line");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq--SECRET",
	    "malformed boundary line");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq-x\r\n",
	    "malformed boundary line");
}

static void
test_refuse_headers(void **state)
{
	(void)state;
	FAILS(CT, "--zzq\r\nContent-Type: text/plain\r\n\r\nnl\r\n--zzq--\r\n",
	    "missing Content-Disposition");
	FAILS(CT, "--zzq\r\n\r\nnl\r\n--zzq--\r\n",
	    "missing Content-Disposition");
	FAILS(CT, "--zzq\r\n\r\n--zzq--\r\n", "missing Content-Disposition");
	FAILS(CT, "--zzq\r\nContent-Disposition-X: form-data; name=lang\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "missing Content-Disposition");
	FAILS(CT, "--zzq\r\nContent-Disposition: attachment; name=\"lang\"\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "Content-Disposition not form-data");
	FAILS(CT, "--zzq\r\nContent-Disposition: form-data-x; name=lang\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "Content-Disposition not form-data");
	FAILS(CT, "--zzq\r\nContent-Disposition: ; name=lang\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "malformed Content-Disposition");
	FAILS(CT, "--zzq\r\n" CD "name=\"lang\r\n\r\nnl\r\n--zzq--\r\n",
	    "malformed Content-Disposition");
	FAILS(CT, "--zzq\r\n" CD "name=\"lang\"x\r\n\r\nnl\r\n--zzq--\r\n",
	    "malformed Content-Disposition");
	/* A backslash does not escape: the first '"' ends the string. */
	FAILS(CT, "--zzq\r\n" CD "name=lang; filename=\"a\\\"b.po\"\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "malformed Content-Disposition");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n" CD "name=upload\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "duplicate Content-Disposition");
	FAILS(CT, "--zzq\r\n" CD "name=lang; name=upload\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "duplicate Content-Disposition parameter");
	FAILS(CT, "--zzq\r\n" CD "name=upload; filename=a; filename=b\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "duplicate Content-Disposition parameter");
	FAILS(CT, "--zzq\r\n" CD "filename=\"x.po\"\r\n\r\nnl\r\n--zzq--\r\n",
	    "no field name");
	FAILS(CT, "--zzq\r\nContent-Disposition: form-data\r\n\r\nnl\r\n"
	    "--zzq--\r\n", "no field name");
	/* Malformed lines: no colon, a space before it, folding, controls. */
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\nSECRET\r\n\r\nnl\r\n--zzq--\r\n",
	    "malformed part header");
	FAILS(CT, "--zzq\r\nContent-Disposition : form-data; name=lang\r\n\r\n"
	    "nl\r\n--zzq--\r\n", "malformed part header");
	FAILS(CT, "--zzq\r\nContent-Disposition: form-data;\r\n name=lang\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "malformed part header");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\nX: a\rb\r\n\r\nnl\r\n--zzq--\r\n",
	    "malformed part header");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\nX: a\0b\r\n\r\nnl\r\n--zzq--\r\n",
	    "malformed part header");
	FAILS(CT, "--zzq\r\n: x\r\n" CD "name=lang\r\n\r\nnl\r\n--zzq--\r\n",
	    "malformed part header");
	/* A boundary line where the blank line should be. */
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n--zzq\r\n" CD "name=upload\r\n"
	    "\r\n\r\n--zzq--\r\n", "malformed part header");
}

static void
test_refuse_names(void **state)
{
	(void)state;
	FAILS(CT, "--zzq\r\n" CD "name=\"Lang\"\r\n\r\nnl\r\n--zzq--\r\n",
	    "bad field name");
	FAILS(CT, "--zzq\r\n" CD "name=\"\"\r\n\r\nnl\r\n--zzq--\r\n",
	    "bad field name");
	FAILS(CT, "--zzq\r\n" CD "name=\"evil name\"\r\n\r\nnl\r\n--zzq--\r\n",
	    "bad field name");
	FAILS(CT, "--zzq\r\n" CD "name=evil-name\r\n\r\nnl\r\n--zzq--\r\n",
	    "bad field name");
	FAILS(CT, "--zzq\r\n" CD "name=\"evil\xc3\xa9\"\r\n\r\nnl\r\n--zzq--\r\n",
	    "bad field name");
	FAILS(CT, "--zzq\r\n" CD "name=evil%41\r\n\r\nnl\r\n--zzq--\r\n",
	    "bad field name");
	/* 33 characters: one too many. */
	FAILS(CT, "--zzq\r\n" CD "name=evil_5678901234567890123456789012\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "bad field name");
	assert_int_equal(PARSE(CT, "--zzq\r\n" CD
	    "name=evil_567890123456789012345678901\r\n\r\nnl\r\n--zzq--\r\n"),
	    0);
	HAS("evil_567890123456789012345678901", "nl");
	FAILS(CT, "--zzq\r\n" CD "name=lang\r\n\r\nnl\r\n"
	    "--zzq\r\n" CD "name=\"lang\"\r\n\r\nSECRET\r\n--zzq--\r\n",
	    "duplicate field name");
}

static void
test_refuse_filename(void **state)
{
	(void)state;
	/* A tab is allowed in a header, not in a file name. */
	FAILS(CT, "--zzq\r\n" CD "name=upload; filename=\"secret\tx.po\"\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "control character in filename");
	/* Also in the directory part that would be cut off. */
	FAILS(CT, "--zzq\r\n" CD "name=upload; filename=\"se\tcret/x.po\"\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "control character in filename");
	/* U+0085, a C1 control. */
	FAILS(CT, "--zzq\r\n" CD "name=upload; filename=\"secret\xc2\x85.po\"\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "control character in filename");
	FAILS(CT, "--zzq\r\n" CD "name=upload; filename=\"secret\xc3.po\"\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "invalid UTF-8 in filename");
	FAILS(CT, "--zzq\r\n" CD "name=upload; filename=\"secret\xc0\xaf\"\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "invalid UTF-8 in filename");
	/* C0 controls never get past the header line. */
	FAILS(CT, "--zzq\r\n" CD "name=upload; filename=\"secret\x01.po\"\r\n"
	    "\r\nnl\r\n--zzq--\r\n", "malformed part header");
}

static void
test_limit_parts(void **state)
{
	size_t i, n;

	(void)state;
	for (i = n = 0; i < MULTIPART_MAX_PARTS; i++)
		n = add(n, "--zzq\r\n" CD "name=\"f%zu\"\r\n\r\n%zu\r\n", i, i);
	assert_int_equal(parse_n(CT, big, add(n, "--zzq--\r\n")), 0);
	assert_int_equal(M.n, MULTIPART_MAX_PARTS);
	HAS("f15", "15");
	n = add(n, "--zzq\r\n" CD "name=\"evil\"\r\n\r\nSECRET\r\n--zzq--\r\n");
	fails_n(CT, big, n, "too many parts");
}

static void
test_limit_headers(void **state)
{
	const char *head = "--zzq\r\n" CD "name=lang\r\nX-Pad: ";
	size_t n, block;

	(void)state;
	/*
	 * The header block: from after "--zzq\r\n" up to and including
	 * the last header line's CRLF.  Exactly the limit passes.
	 */
	n = add(0, "%s", head);
	block = MULTIPART_MAX_HEADERS - (n - strlen("--zzq\r\n")) - 2;
	memset(big + n, 'a', block);
	n += block;
	n = add(n, "\r\n\r\nnl\r\n--zzq--\r\n");
	assert_int_equal(parse_n(CT, big, n), 0);
	HAS("lang", "nl");
	/* One byte more does not. */
	n = add(0, "%s", head);
	memset(big + n, 'a', block + 1);
	n += block + 1;
	n = add(n, "\r\n\r\nnl\r\n--zzq--\r\n");
	fails_n(CT, big, n, "part header block too large");
	/* Nor does a header block that never ends. */
	n = add(0, "%s", head);
	memset(big + n, 'a', 10000);
	n += 10000;
	fails_n(CT, big, n, "part header block too large");
}

static void
test_arena_full(void **state)
{
	size_t n;

	(void)state;
	arena_free(A);
	A = arena_new(4096);
	assert_non_null(A);
	n = add(0, "--zzq\r\n" CD "name=upload; filename=secret.po\r\n\r\n");
	memset(big + n, 'x', 8000);
	n += 8000;
	n = add(n, "\r\n--zzq--\r\n");
	fails_n(CT, big, n, "form too large");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_browser),
		T(test_curl),
		T(test_boundary_forms),
		T(test_preamble_epilogue),
		T(test_empty),
		T(test_binary),
		T(test_filename),
		T(test_refuse_content_type),
		T(test_refuse_framing),
		T(test_refuse_headers),
		T(test_refuse_names),
		T(test_refuse_filename),
		T(test_limit_parts),
		T(test_limit_headers),
		T(test_arena_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
