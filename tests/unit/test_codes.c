/*
 * test_codes.c - recycling codes: the format and its check character,
 * issuing once per order and item (also when two processes race on one
 * sqlite file), states that only move forward, the counts, the signed
 * page path, and the page variant of the template output check.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/wait.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "arena.h"
#include "codes.h"
#include "query.h"
#include "sign.h"
#include "store.h"
#include "html_check.h"
#include "tmpl.h"

#define RACE_ORDERS	40

struct fixture {
	char		 dir[64];
	char		 path[128];
	struct store	*st;
};

static int
setup(void **state)
{
	struct fixture *f;
	struct store_brand b;
	char why[256];

	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/ppx-test-codes.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/ppx.db", f->dir);
	assert_int_equal(store_open(&f->st, f->path,
	    STORE_CREATE | STORE_MIGRATE, why, sizeof(why)), 0);
	memset(&b, 0, sizeof(b));
	snprintf(b.name, sizeof(b.name), "runfast");
	snprintf(b.default_lang, sizeof(b.default_lang), "nl");
	snprintf(b.timezone, sizeof(b.timezone), "Europe/Amsterdam");
	assert_int_equal(store_brand_add(f->st, &b, why, sizeof(why)), 0);
	snprintf(b.name, sizeof(b.name), "other");
	assert_int_equal(store_brand_add(f->st, &b, why, sizeof(why)), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	static const char *const files[] = { "ppx.db", "ppx.db-wal",
	    "ppx.db-shm", "a.txt", "b.txt" };
	char p[192];
	size_t i;

	store_close(f->st);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", f->dir, files[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* --- the format ---------------------------------------------------------- */

static void
test_new_codes_look_right(void **state)
{
	char a[CODE_LEN + 1], b[CODE_LEN + 1], n[CODE_LEN + 1];
	size_t i;

	(void)state;
	assert_int_equal(code_new("recycle", a), 0);
	assert_int_equal(strlen(a), CODE_LEN);
	assert_memory_equal(a, "RC-", 3);
	assert_int_equal(a[8], '-');
	for (i = 3; i < CODE_LEN; i++)
		if (i != 8)
			assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ",
			    a[i]));
	assert_int_equal(code_normalize(a, n), 0);
	assert_string_equal(n, a);
	assert_int_equal(code_new("recycle", b), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(code_new("voucher", b), -1);
}

static void
test_normalize_is_forgiving(void **state)
{
	char n[CODE_LEN + 1];

	(void)state;
	/* All zeros: the check character is 0 as well. */
	assert_int_equal(code_normalize("rc-00000-00000", n), 0);
	assert_string_equal(n, "RC-00000-00000");
	assert_int_equal(code_normalize("RC 0O000 o0000", n), 0);
	assert_string_equal(n, "RC-00000-00000");
	assert_int_equal(code_normalize("RC0000000000", n), 0);
	/* The example in the docs and usage is a real code. */
	assert_int_equal(code_normalize("rc-7k2m9-qxd4e", n), 0);
	assert_string_equal(n, "RC-7K2M9-QXD4E");
	assert_int_equal(code_normalize("RC-7K2M9-QXD4F", n), -1);
	assert_int_equal(code_normalize("RC-00000-0000", n), -1);
	assert_int_equal(code_normalize("RC-00000-000000", n), -1);
	assert_int_equal(code_normalize("XX-00000-00000", n), -1);
	assert_int_equal(code_normalize("RC-00000-0000U", n), -1);
	assert_int_equal(code_normalize("RC-00000-0000!", n), -1);
	assert_int_equal(code_normalize("", n), -1);
	assert_int_equal(code_normalize(NULL, n), -1);
}

static void
test_check_character_catches_typos(void **state)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char code[CODE_LEN + 1], typo[CODE_LEN + 1], n[CODE_LEN + 1], t;
	size_t i, j, swaps = 0, caught = 0;
	int round;

	(void)state;
	for (round = 0; round < 20; round++) {
		assert_int_equal(code_new("recycle", code), 0);
		/* Every single wrong character. */
		for (i = 3; i < CODE_LEN; i++) {
			if (i == 8)
				continue;
			for (j = 0; j < 32; j++) {
				if (alphabet[j] == code[i])
					continue;
				memcpy(typo, code, sizeof(typo));
				typo[i] = alphabet[j];
				assert_int_equal(code_normalize(typo, n), -1);
			}
		}
		/* Swapped neighbours: most are caught. */
		for (i = 3; i + 1 < CODE_LEN; i++) {
			if (i == 7 || i == 8 || code[i] == code[i + 1])
				continue;
			memcpy(typo, code, sizeof(typo));
			t = typo[i];
			typo[i] = typo[i + 1];
			typo[i + 1] = t;
			swaps++;
			caught += code_normalize(typo, n) == -1;
		}
	}
	assert_true(caught * 10 >= swaps * 9);
}

/* --- issue, states, counts ------------------------------------------------ */

static void
test_issue_once_per_item(void **state)
{
	struct fixture *f = *state;
	char a[CODE_LEN + 1], b[CODE_LEN + 1], c[CODE_LEN + 1];
	char d[CODE_LEN + 1];
	struct code_row row;
	int64_t n;

	assert_int_equal(code_issue(f->st, "runfast", "recycle", "1042",
	    "RUN-42", "nl", 1000, a), 0);
	assert_int_equal(code_issue(f->st, "runfast", "recycle", "1042",
	    "RUN-42", "en", 2000, b), 0);
	assert_string_equal(a, b);
	assert_int_equal(code_issue(f->st, "runfast", "recycle", "1042",
	    "RUN-43", "nl", 1000, c), 0);
	assert_string_not_equal(a, c);
	assert_int_equal(code_issue(f->st, "other", "recycle", "1042",
	    "RUN-42", "nl", 1000, d), 0);
	assert_string_not_equal(a, d);

	assert_int_equal(code_get(f->st, a, &row), 0);
	assert_string_equal(row.brand, "runfast");
	assert_string_equal(row.order_id, "1042");
	assert_string_equal(row.item, "RUN-42");
	assert_string_equal(row.lang, "nl");	/* the first ask's */
	assert_int_equal(row.state, CODE_ISSUED);
	assert_int_equal(row.issued, 1000);
	assert_int_equal(code_get(f->st, "RC-00000-00000", &row),
	    STORE_NOTFOUND);

	assert_int_equal(code_count(f->st, "runfast", "recycle", -1, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(code_count(f->st, "other", "recycle", -1, &n), 0);
	assert_int_equal(n, 1);
}

static void
test_issue_refuses_bad_input(void **state)
{
	struct fixture *f = *state;
	char out[CODE_LEN + 1], big[CODE_MAX_ITEM + 2];
	int64_t n;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(code_issue(f->st, "runfast", "voucher", "1", "A",
	    "nl", 1, out), -1);
	assert_int_equal(code_issue(f->st, "runfast", "recycle", "", "A",
	    "nl", 1, out), -1);
	assert_int_equal(code_issue(f->st, "runfast", "recycle", "1", "",
	    "nl", 1, out), -1);
	assert_int_equal(code_issue(f->st, "runfast", "recycle", "1", big,
	    "nl", 1, out), -1);
	assert_int_equal(code_issue(f->st, "runfast", "recycle", "1", "A",
	    "dutch!", 1, out), -1);
	assert_int_equal(code_issue(f->st, "runfast", "recycle", "1",
	    "\xff\xfe", "nl", 1, out), -1);
	assert_int_equal(code_issue(f->st, "nobrand", "recycle", "1", "A",
	    "nl", 1, out), -1);
	assert_int_equal(code_count(f->st, "runfast", "recycle", -1, &n), 0);
	assert_int_equal(n, 0);
	/* A failed issue leaves no transaction open behind it. */
	assert_int_equal(code_issue(f->st, "runfast", "recycle", "1", "A",
	    "nl", 1, out), 0);
}

static void
test_states_only_move_forward(void **state)
{
	struct fixture *f = *state;
	char code[CODE_LEN + 1];
	struct code_row row;
	int changed;
	int64_t n;

	assert_int_equal(code_issue(f->st, "runfast", "recycle", "7", "SKU",
	    "nl", 100, code), 0);
	assert_int_equal(code_advance(f->st, code, CODE_CLAIMED, 200, &row,
	    &changed), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(row.state, CODE_CLAIMED);
	assert_int_equal(row.claimed, 200);
	assert_int_equal(code_advance(f->st, code, CODE_CLAIMED, 300, &row,
	    &changed), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(row.claimed, 200);
	assert_int_equal(code_count(f->st, "runfast", "recycle", CODE_RECEIVED,
	    &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(code_advance(f->st, code, CODE_RECEIVED, 400, &row,
	    &changed), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(row.state, CODE_RECEIVED);
	assert_int_equal(row.received, 400);
	assert_int_equal(code_advance(f->st, code, CODE_CLAIMED, 500, &row,
	    &changed), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(row.state, CODE_RECEIVED);
	assert_int_equal(code_advance(f->st, code, CODE_RECEIVED, 600, &row,
	    &changed), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(row.received, 400);
	assert_int_equal(code_count(f->st, "runfast", "recycle", CODE_RECEIVED,
	    &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(code_advance(f->st, "RC-00000-00000", CODE_RECEIVED,
	    1, &row, &changed), STORE_NOTFOUND);
	assert_int_equal(code_advance(f->st, code, CODE_ISSUED, 1, &row,
	    &changed), -1);
}

/* One racer: open the store, wait for the start, issue, write the codes. */
static void
race(const char *db, const char *out, int start_fd)
{
	char code[CODE_LEN + 1], order[16], why[256], go;
	struct store *st;
	FILE *fp;
	int i;

	if (store_open(&st, db, 0, why, sizeof(why)) != 0)
		_exit(2);
	if (read(start_fd, &go, 1) != 1 || (fp = fopen(out, "w")) == NULL)
		_exit(3);
	for (i = 0; i < RACE_ORDERS; i++) {
		snprintf(order, sizeof(order), "r%d", i);
		if (code_issue(st, "runfast", "recycle", order, "RUN-42", "nl",
		    1, code) != 0)
			_exit(4);
		fprintf(fp, "%s\n", code);
	}
	if (fclose(fp) != 0)
		_exit(5);
	store_close(st);
	_exit(0);
}

static void
test_two_processes_race_to_one_code(void **state)
{
	struct fixture *f = *state;
	char a[128], b[128], la[64], lb[64];
	int fds[2], status, i, lines = 0;
	pid_t pid[2];
	FILE *fa, *fb;
	int64_t n;

	snprintf(a, sizeof(a), "%s/a.txt", f->dir);
	snprintf(b, sizeof(b), "%s/b.txt", f->dir);
	assert_int_equal(pipe(fds), 0);
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0) {
			close(fds[1]);
			race(f->path, i == 0 ? a : b, fds[0]);
		}
	}
	close(fds[0]);
	/* Both are waiting on the pipe: let them go at once. */
	assert_int_equal(write(fds[1], "gg", 2), 2);
	close(fds[1]);
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	fa = fopen(a, "r");
	fb = fopen(b, "r");
	assert_non_null(fa);
	assert_non_null(fb);
	while (fgets(la, sizeof(la), fa) != NULL) {
		assert_non_null(fgets(lb, sizeof(lb), fb));
		assert_string_equal(la, lb);
		lines++;
	}
	fclose(fa);
	fclose(fb);
	assert_int_equal(lines, RACE_ORDERS);
	assert_int_equal(code_count(f->st, "runfast", "recycle", -1, &n), 0);
	assert_int_equal(n, RACE_ORDERS);
}

/* --- the signed page path -------------------------------------------------- */

static void
test_page_path_is_signed(void **state)
{
	static const uint8_t secret[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	struct sign_key *k;
	struct arena *a;
	struct query q;
	char *path, *qs, why[128];

	(void)state;
	a = arena_new(1 << 16);
	assert_non_null(a);
	k = sign_key_new(secret, sizeof(secret));
	assert_non_null(k);
	path = code_page_path(a, k, "k1", "recycle", "RC-00000-00000", 5000);
	assert_non_null(path);
	assert_memory_equal(path, "/v1/recycle/RC-00000-00000?", 27);
	qs = strchr(path, '?');
	*qs++ = '\0';
	assert_int_equal(query_parse(&q, a, qs, why, sizeof(why)), 0);
	assert_int_equal(sign_verify(a, k, path, &q, 4000), SIGN_OK);
	assert_int_equal(sign_verify(a, k, path, &q, 5001), SIGN_EXPIRED);
	/* Another code under the same signature is refused. */
	assert_int_equal(sign_verify(a, k, "/v1/recycle/RC-00000-00001", &q,
	    4000), SIGN_BAD);
	assert_null(code_page_path(a, k, "k1", "voucher", "RC-00000-00000",
	    5000));
	sign_key_free(k);
	arena_free(a);
}

/* --- the page check ------------------------------------------------------ */

static int
check(const char *html, int page)
{
	char why[128];
	htmlDocPtr doc;
	int rc;

	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	assert_non_null(doc);
	rc = page ? html_check(doc, HTML_CHECK_PAGE, why, sizeof(why)) :
	    html_check(doc, HTML_CHECK_EMAIL, why, sizeof(why));
	xmlFreeDoc(doc);
	return rc;
}

static void
test_page_check(void **state)
{
	static const char good[] = "<html><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width\"></head>"
	    "<body><form method=\"post\"><button>Yes</button></form>"
	    "</body></html>";

	(void)state;
	assert_int_equal(check(good, 1), 0);
	/* An email fragment never has either. */
	assert_int_equal(check(good, 0), -1);
	assert_int_equal(check("<form method=\"post\" action="
	    "\"https://evil.example/\"></form>", 1), -1);
	assert_int_equal(check("<form method=\"get\"></form>", 1), -1);
	assert_int_equal(check("<form></form>", 1), -1);
	assert_int_equal(check("<meta http-equiv=\"refresh\" content=\"0;"
	    "url=https://evil.example/\">", 1), -1);
	assert_int_equal(check("<meta name=\"referrer\" content=\"x\">", 1),
	    -1);
	/* Everything else stays refused. */
	assert_int_equal(check("<script>alert(1)</script>", 1), -1);
	assert_int_equal(check("<a href=\"javascript:alert(1)\">x</a>", 1),
	    -1);
	assert_int_equal(check("<button onclick=\"x()\">x</button>", 1), -1);
}

/* --- the shipped templates against hostile data ------------------------- */

#define HOSTILE	"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x " \
	"onerror=alert(1)&gt;"

static const char hostile_fragment[] =
	"<touchpoint name='recycle' stage='delivered' lang='nl' brand='x'>"
	"<msg key='recycle.heading'>" HOSTILE "</msg>"
	"<msg key='recycle.intro'>" HOSTILE "</msg>"
	"<item><name>" HOSTILE "</name><code>" HOSTILE "</code>"
	"<link href='javascript:alert(1)'/></item>"
	"<item><code>RC-00000-00000</code>"
	"<link href=' JaVaScRiPt:alert(1)'/></item>"
	"<msg key='recycle.cta'>" HOSTILE "</msg>"
	"<total n='1'><msg key='recycle.total'>" HOSTILE "</msg></total>"
	"</touchpoint>";

static const char hostile_page[] =
	"<page kind='recycle' view='issued' lang='nl' brand='x'>"
	"<code>" HOSTILE "</code>"
	"<msg key='recycle.page.title'>" HOSTILE "</msg>"
	"<msg key='recycle.page.how'>" HOSTILE "</msg>"
	"<msg key='recycle.page.button'>" HOSTILE "</msg>"
	"<msg key='recycle.page.privacy'>" HOSTILE "</msg>"
	"</page>";

static xmlDocPtr
hostile(void *arg, const char *name, const char *brand)
{
	(void)arg;
	(void)brand;
	if (strcmp(name, "recycle") != 0)
		return NULL;
	return xmlReadMemory(hostile_fragment, sizeof(hostile_fragment) - 1,
	    NULL, "UTF-8", XML_PARSE_NONET);
}

/* Apply one template of the set to doc; the serialised result. */
static char *
apply_one(struct tmpl_set *set, const char *name, xmlDocPtr doc, int page,
    struct arena *a)
{
	xmlDocPtr res = NULL;
	char why[256], *out;
	size_t len;
	int rc;

	rc = page ? tmpl_apply_page(tmpl_find(set, NULL, name), doc, NULL,
	    &res, why, sizeof(why)) : tmpl_apply(tmpl_find(set, NULL, name),
	    doc, NULL, &res, why, sizeof(why));
	if (rc != 0)
		fail_msg("%s: %s", name, why);
	assert_int_equal(tmpl_serialize(res, a, &out, &len), 0);
	xmlFreeDoc(res);
	return out;
}

static void
test_templates_escape_hostile_data(void **state)
{
	static const char *const frag[] = { "recycle" };
	static const char *const page[] = { "recycle_page" };
	struct tmpl_check check = { hostile, NULL };
	struct tmpl_set *set;
	const char *top;
	struct arena *a;
	char dir[512], why[256], *out, *p;
	xmlDocPtr doc;

	(void)state;
	top = getenv("abs_top_srcdir");
	snprintf(dir, sizeof(dir), "%s/plugins/recycle", top != NULL ? top :
	    ".");
	a = arena_new(1 << 20);
	assert_non_null(a);

	/* The fragment passes the load-time check against hostile data. */
	if (tmpl_set_load(&set, dir, frag, 1, &check, why, sizeof(why)) != 0)
		fail_msg("%s", why);
	doc = hostile(NULL, "recycle", NULL);
	out = apply_one(set, "recycle", doc, 0, a);
	xmlFreeDoc(doc);
	tmpl_set_free(set);
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "<img"));
	assert_null(strstr(out, "<a "));	/* no URL survived */
	assert_non_null(strstr(out, "&lt;script&gt;"));
	assert_non_null(strstr(out, "RC-00000-00000"));
	for (p = out; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	assert_null(strstr(out, "javascript:"));

	/* The page: escaped, one form, no action. */
	if (tmpl_set_load(&set, dir, page, 1, NULL, why, sizeof(why)) != 0)
		fail_msg("%s", why);
	doc = xmlReadMemory(hostile_page, sizeof(hostile_page) - 1, NULL,
	    "UTF-8", XML_PARSE_NONET);
	assert_non_null(doc);
	out = apply_one(set, "recycle_page", doc, 1, a);
	/* The same page is no email fragment. */
	{
		xmlDocPtr res = NULL;

		assert_int_equal(tmpl_apply(tmpl_find(set, NULL,
		    "recycle_page"), doc, NULL, &res, why, sizeof(why)), -1);
		assert_null(res);
	}
	xmlFreeDoc(doc);
	tmpl_set_free(set);
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "<img"));
	assert_non_null(strstr(out, "&lt;script&gt;"));
	assert_non_null(strstr(out, "<form method=\"post\""));
	assert_null(strstr(out, "action="));
	assert_non_null(strstr(out, "<html lang=\"nl\">"));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_codes_look_right),
		cmocka_unit_test(test_normalize_is_forgiving),
		cmocka_unit_test(test_check_character_catches_typos),
		cmocka_unit_test_setup_teardown(test_issue_once_per_item,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_issue_refuses_bad_input,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_states_only_move_forward,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_two_processes_race_to_one_code, setup, teardown),
		cmocka_unit_test(test_page_path_is_signed),
		cmocka_unit_test(test_page_check),
		cmocka_unit_test(test_templates_escape_hostile_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
