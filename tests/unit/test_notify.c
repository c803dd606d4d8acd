/*
 * test_notify.c - sd_notify datagrams reach a socket named by
 * $NOTIFY_SOCKET (path and abstract), and bad values are refused.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "notify.h"

/* A datagram socket bound to name (a path, or "@x" for abstract). */
static int
listener(const char *name)
{
	struct sockaddr_un sun;
	socklen_t len;
	size_t n = strlen(name);
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, name, n);
	if (name[0] == '@')
		sun.sun_path[0] = '\0';
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
	    (name[0] == '@' ? 0 : 1));
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, len), 0);
	return fd;
}

static void
expect_datagram(int fd, const char *want)
{
	char buf[256];
	ssize_t n;

	n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	assert_true(n >= 0);
	buf[n] = '\0';
	assert_string_equal(buf, want);
}

static void
test_no_socket_is_quiet(void **state)
{
	char why[256] = "";

	(void)state;
	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(notify_send("READY=1", why, sizeof(why)), 0);
	setenv("NOTIFY_SOCKET", "", 1);
	assert_int_equal(notify_send("READY=1", why, sizeof(why)), 0);
	assert_string_equal(why, "");
}

static void
test_path_socket(void **state)
{
	char dir[] = "/tmp/ppx-notify.XXXXXX", path[64], why[256];
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/notify", dir);
	fd = listener(path);
	setenv("NOTIFY_SOCKET", path, 1);
	assert_int_equal(notify_send("READY=1\nSTATUS=serving", why,
	    sizeof(why)), 0);
	expect_datagram(fd, "READY=1\nSTATUS=serving");
	close(fd);
	unlink(path);
	rmdir(dir);
	unsetenv("NOTIFY_SOCKET");
}

static void
test_abstract_socket(void **state)
{
	char name[64], why[256];
	int fd;

	(void)state;
	snprintf(name, sizeof(name), "@ppx-test-notify-%ld", (long)getpid());
	fd = listener(name);
	setenv("NOTIFY_SOCKET", name, 1);
	assert_int_equal(notify_send("RELOADING=1", why, sizeof(why)), 0);
	expect_datagram(fd, "RELOADING=1");
	close(fd);
	unsetenv("NOTIFY_SOCKET");
}

static void
test_bad_values_refused(void **state)
{
	char why[256], longname[200];

	(void)state;
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	assert_int_equal(notify_send("READY=1", why, sizeof(why)), -1);
	assert_non_null(strstr(why, "NOTIFY_SOCKET"));
	memset(longname, 'a', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = '\0';
	setenv("NOTIFY_SOCKET", longname, 1);
	assert_int_equal(notify_send("READY=1", why, sizeof(why)), -1);
	setenv("NOTIFY_SOCKET", "/nonexistent/ppx/notify", 1);
	assert_int_equal(notify_send("READY=1", why, sizeof(why)), -1);
	assert_non_null(strstr(why, "/nonexistent/ppx/notify"));
	unsetenv("NOTIFY_SOCKET");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_socket_is_quiet),
		cmocka_unit_test(test_path_socket),
		cmocka_unit_test(test_abstract_socket),
		cmocka_unit_test(test_bad_values_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
