/*
 * cli_user.c - ppx user add: a console user and their role in a brand.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "admin_role.h"
#include "admin_session.h"
#include "admin_user.h"
#include "cli.h"
#include "instance.h"
#include "route.h"
#include "store.h"

static const char user_usage[] =
    "usage: ppx user add EMAIL --brand BRAND --role admin|marketer|viewer\n"
    "       ppx user password EMAIL\n"
    "\n"
    "Add a console user (/admin/) with a role in BRAND; for a user that\n"
    "exists, give them the role in BRAND (their password stays, unless\n"
    "another brand's admin made the account: then it is asked for).  A new\n"
    "user's password is read from standard input: one line, 12 to 256\n"
    "characters; on a terminal it is asked for twice, without echo.\n"
    "\n"
    "  viewer    reads the grid, the copy and the results\n"
    "  marketer  also changes touchpoints and copy\n"
    "  admin     also reads the audit log and manages the brand's users\n"
    "\n"
    "password sets a new password for a user who forgot theirs (read as\n"
    "for add) and ends all their sessions.  Users change their own on the\n"
    "console's Password page.\n";

/* One line from f into buf without its newline.  0, or -1 (EOF, too long). */
static int
read_line(FILE *f, char *buf, size_t len)
{
	size_t n;

	if (fgets(buf, (int)len, f) == NULL)
		return -1;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(f))
		return -1;
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 0;
}

static int
prompt(const char *what, char *buf, size_t len)
{
	struct termios old, quiet;
	int rc;

	fprintf(stderr, "%s: ", what);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	rc = read_line(stdin, buf, len);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return rc;
}

static int
read_password(char *pw, size_t len)
{
	char again[ADMIN_PASSWORD_MAX + 2];
	int rc;

	if (!isatty(STDIN_FILENO))
		return read_line(stdin, pw, len);
	if (prompt("password", pw, len) == -1 ||
	    prompt("password again", again, sizeof(again)) == -1)
		return -1;
	rc = strcmp(pw, again) == 0 ? 0 : -2;
	memset(again, 0, sizeof(again));
	return rc;
}

/* A password from standard input, hashed into hash.  0, or -1 (said). */
static int
new_hash(char hash[ADMIN_PASSWORD_HASH_MAX])
{
	char pw[ADMIN_PASSWORD_MAX + 2], why[256];
	int rc;

	switch (read_password(pw, sizeof(pw))) {
	case 0:
		break;
	case -2:
		memset(pw, 0, sizeof(pw));
		cli_fail("user", "the two passwords differ");
		return -1;
	default:
		memset(pw, 0, sizeof(pw));
		cli_fail("user", "no password on standard input (one line, "
		    "%d to %d characters)", ADMIN_PASSWORD_MIN,
		    ADMIN_PASSWORD_MAX);
		return -1;
	}
	rc = admin_password_hash(pw, hash, why, sizeof(why));
	memset(pw, 0, sizeof(pw));
	if (rc != 0)
		cli_fail("user", "%s", why);
	return rc;
}

static int
user_password(struct cli *c, const char *email)
{
	char hash[ADMIN_PASSWORD_HASH_MAX], why[512] = "";
	struct instance *in;
	int64_t id;
	int rc = 1;

	if (cli_open(c, "user", 1, &in) != 0)
		return 1;
	switch (admin_user_find(in->store, email, &id)) {
	case 0:
		break;
	case STORE_NOTFOUND:
		cli_fail("user", "no such user");
		goto out_close;
	default:
		cli_fail("user", "store: %s", store_errmsg(in->store));
		goto out_close;
	}
	if (new_hash(hash) != 0)
		goto out_close;
	if (store_begin(in->store) == -1) {
		cli_fail("user", "store: %s", store_errmsg(in->store));
		goto out_close;
	}
	if (admin_user_set_password(in->store, id, hash, 1, why,
	    sizeof(why)) != 0 ||
	    admin_session_end_others(in->store, id, NULL) != 0 ||
	    store_commit(in->store) != 0) {
		cli_fail("user", "%s", why[0] != '\0' ? why :
		    store_errmsg(in->store));
		store_rollback(in->store);
		goto out_close;
	}
	rc = 0;
out_close:
	cli_close(in);
	return rc;
}

static int
user_add(struct cli *c, const char *email, const char *brand, int role)
{
	char hash[ADMIN_PASSWORD_HASH_MAX], why[512] = "";
	char made_in[ROUTE_MAX_NAME + 1];
	struct store_brand b;
	struct instance *in;
	int64_t id;
	int rc, existing, renew;

	if (cli_open(c, "user", 1, &in) != 0)
		return 1;
	rc = 1;
	if (store_brand_get(in->store, brand, &b) != 0) {
		cli_fail("user", "no such brand: %s", brand);
		goto out_close;
	}
	if ((existing = admin_user_find(in->store, email, &id)) == -1) {
		cli_fail("user", "store: %s", store_errmsg(in->store));
		goto out_close;
	}
	made_in[0] = '\0';
	if (existing == 0 && admin_user_made_in(in->store, id, made_in,
	    sizeof(made_in)) != 0) {
		cli_fail("user", "store: %s", store_errmsg(in->store));
		goto out_close;
	}
	/*
	 * An account made in another brand's console: that brand's admin
	 * knows the password, so it gets a new one before a role here.
	 */
	renew = existing == 0 && made_in[0] != '\0' &&
	    strcmp(made_in, brand) != 0;
	if (renew)
		fprintf(stderr, "ppx user: an admin of brand %s made this "
		    "account and may know its password: give it a new one\n",
		    made_in);
	/* Asked for and hashed before the store is locked for writing. */
	if ((existing == STORE_NOTFOUND || renew) && new_hash(hash) != 0)
		goto out_close;
	if (store_begin(in->store) == -1) {
		cli_fail("user", "store: %s", store_errmsg(in->store));
		goto out_close;
	}
	if (existing == STORE_NOTFOUND && admin_user_add_hashed(in->store,
	    email, hash, NULL, instance_now(in), &id, why,
	    sizeof(why)) != 0) {
		cli_fail("user", "%s", why);
		goto out_rollback;
	}
	if (renew && (admin_user_set_password(in->store, id, hash, 1, why,
	    sizeof(why)) != 0 ||
	    admin_session_end_others(in->store, id, NULL) != 0)) {
		cli_fail("user", "%s", why[0] != '\0' ? why :
		    store_errmsg(in->store));
		goto out_rollback;
	}
	if (admin_user_grant(in->store, id, brand, (enum admin_role)role, why,
	    sizeof(why)) != 0) {
		rc = 1;
		cli_fail("user", "%s", why);
		goto out_rollback;
	}
	if (store_commit(in->store) != 0) {
		rc = 1;
		cli_fail("user", "store: %s", store_errmsg(in->store));
		goto out_rollback;
	}
	rc = 0;
	goto out_close;
out_rollback:
	store_rollback(in->store);
out_close:
	cli_close(in);
	return rc;
}

int
cli_user(struct cli *c, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "brand", required_argument, NULL, 'b' },
		{ "role", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *brand = NULL, *role_name = NULL;
	int ch, role;

	if (cli_wants_help(argc, argv, user_usage))
		return 0;
	if (argc == 3 && strcmp(argv[1], "password") == 0) {
		if (!admin_email_valid(argv[2]))
			return cli_fail("user", "not an e-mail address");
		return user_password(c, argv[2]);
	}
	if (argc < 2 || strcmp(argv[1], "add") != 0) {
		fputs(user_usage, stderr);
		return 2;
	}
	argc--;
	argv++;
	optind = 0;	/* 0: a fresh scan (GNU getopt) */
	while ((ch = getopt_long(argc, argv, "b:r:", opts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			brand = optarg;
			break;
		case 'r':
			role_name = optarg;
			break;
		default:
			fputs(user_usage, stderr);
			return 2;
		}
	}
	if (optind + 1 != argc || brand == NULL || role_name == NULL) {
		fputs(user_usage, stderr);
		return 2;
	}
	if (!admin_email_valid(argv[optind]))
		return cli_fail("user", "not an e-mail address: %.64s",
		    argv[optind]);
	if (!name_valid(brand))
		return cli_fail("user", "brand name: use 1-64 of a-z 0-9 _ -");
	if ((role = admin_role_parse(role_name)) < 0)
		return cli_fail("user", "role: want admin, marketer or viewer");
	return user_add(c, argv[optind], brand, role);
}
